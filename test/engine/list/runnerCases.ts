import type { INodeParameters } from 'n8n-workflow';
import { byId } from '../fixtures';
import { JANE_ID, listOp, Q2_LIST, Q2_MEMBER } from '../contact/fixtures';

/** Every List operation with every kind of parameter value its fields allow (layer.test.ts). */
export const listRunnerCases: Array<[string, INodeParameters]> = [
	['list create', listOp('create', { name: 'Layer list', additionalFields: { description: 'D' } })],
	['list getAll, Limit', listOp('getAll', { limit: 2 })],
	['list getAll, Search', listOp('getAll', { returnAll: true, filters: { search: 'outreach' } })],
	['list addContacts', listOp('addContacts', { listId: byId(Q2_LIST), contactIds: JANE_ID })],
	[
		'list removeContact',
		listOp('removeContact', { listId: byId(Q2_LIST), contactId: byId(Q2_MEMBER) }),
	],
	[
		'list removeContact, Ignore Not Found',
		listOp('removeContact', {
			listId: byId(Q2_LIST),
			contactId: byId(JANE_ID),
			options: { ignoreNotFound: true },
		}),
	],
	['list delete', listOp('delete', { listId: byId('list_empty') })],
	[
		'list delete, Ignore Not Found',
		listOp('delete', { listId: byId('list_gone'), options: { ignoreNotFound: true } }),
	],
];
