import { PERMISSIONS } from '../../../shared/constants';
import { bulkDelete } from '../bulkDelete';
import { DEAL_IDS } from './dealFields';
import { DEAL_LIST_ERRORS } from './errors';

export const { operation: deleteManyOperation, description: deleteManyDescription } = bulkDelete({
	resource: 'deal',
	ids: DEAL_IDS,
	path: '/v1/deals/bulk-delete',
	permission: PERMISSIONS.dealsWrite,
	errors: DEAL_LIST_ERRORS,
	leftBehind: 'activities, tasks and notes',
});
