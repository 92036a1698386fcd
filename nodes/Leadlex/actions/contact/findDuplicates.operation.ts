import { findDuplicates } from '../findDuplicates';

export const { operation: findDuplicatesOperation, description: findDuplicatesDescription } =
	findDuplicates({ resource: 'contact', listScope: true });
