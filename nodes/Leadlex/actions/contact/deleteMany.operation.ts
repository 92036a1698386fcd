import { PERMISSIONS } from '../../../shared/constants';
import { CONTACT_IDS } from '../../../shared/descriptions';
import { bulkDelete } from '../bulkDelete';
import { CONTACT_ERRORS } from './errors';

export const { operation: deleteManyOperation, description: deleteManyDescription } = bulkDelete({
	resource: 'contact',
	ids: CONTACT_IDS,
	path: '/v1/contacts/bulk-delete',
	permission: PERMISSIONS.writeContacts,
	errors: CONTACT_ERRORS,
	leftBehind: 'notes, activities and tasks',
});
