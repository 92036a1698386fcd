import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import { leadlexOperation } from '../operation';
import { pagedList } from '../paging';
import { LIST_ERRORS } from './errors';
import { optionsField, returnAllFields, showFor } from './listFields';

/** The Search filter, trimmed and lower-cased; empty when not set. */
function searchTerm(this: { getNodeParameter(name: string, fallback: unknown): unknown }): string {
	const filters = this.getNodeParameter('filters', {}) as IDataObject;
	return typeof filters.search === 'string' ? filters.search.trim().toLowerCase() : '';
}

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
	run: pagedList({
		idField: 'id',
		noun: 'lists',
		filtering() {
			return searchTerm.call(this) !== '';
		},
		matches(list) {
			const term = searchTerm.call(this);
			return (
				String(list.name ?? '')
					.toLowerCase()
					.includes(term) || String(list.id ?? '').toLowerCase() === term
			);
		},
	}),
});

export const getAllDescription: INodeProperties[] = [
	...returnAllFields('getAll'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: showFor('getAll') },
		options: [
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				placeholder: 'e.g. Outreach',
				description:
					'Only lists whose name contains this text (not case-sensitive), or whose ID is exactly this',
			},
		],
	},
	optionsField('getAll'),
];
