import type { INodeProperties } from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import { nameSearchFilter } from '../../../shared/descriptions';
import { leadlexOperation } from '../operation';
import { byNameSearch, pagedList } from '../paging';
import { LIST_ERRORS } from './errors';
import { optionsField, returnAllFields } from './listFields';

/** GET /v1/lists has no reference page: assumed paged like every list, in `data.lists`. */
export const getAllOperation = leadlexOperation({
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many lists',
	description: 'List the contact lists of the workspace, one item per list (reads only)',
	method: 'GET',
	path: '/v1/lists',
	permission: PERMISSIONS.contactsRead,
	label: () => 'the lists',
	errors: LIST_ERRORS,
	output: { property: 'data.lists', shape: 'list' },
	run: pagedList({ idField: 'id', noun: 'lists', ...byNameSearch }),
});

export const getAllDescription: INodeProperties[] = [
	...returnAllFields('getAll'),
	nameSearchFilter('list', 'getAll', 'lists', 'e.g. Outreach'),
	optionsField('getAll'),
];
