import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import { leadlexOperation } from '../operation';
import { pagedList } from '../paging';
import { optionsField, returnAllFields, showFor } from './campaignFields';

/** The Search filter, trimmed and lower-cased; empty when not set. */
function searchTerm(this: { getNodeParameter(name: string, fallback: unknown): unknown }): string {
	const filters = this.getNodeParameter('filters', {}) as IDataObject;
	return typeof filters.search === 'string' ? filters.search.trim().toLowerCase() : '';
}

export const getAllOperation = leadlexOperation({
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many campaigns',
	description:
		'List the campaigns of the workspace, newest first, one item per campaign (reads only)',
	method: 'GET',
	path: '/v1/campaigns',
	permission: PERMISSIONS.campaignsRead,
	label: () => 'the campaign list',
	errors: {},
	output: { property: 'data.campaigns', shape: 'list' },
	qs() {
		const term = searchTerm.call(this);
		return term ? { search: term } : {};
	},
	// LeadLex does not document `search`: it is sent, and the names are filtered here as well.
	run: pagedList({
		idField: 'id',
		noun: 'campaigns',
		filtering() {
			return searchTerm.call(this) !== '';
		},
		matches(campaign) {
			const term = searchTerm.call(this);
			return (
				String(campaign.name ?? '')
					.toLowerCase()
					.includes(term) || String(campaign.id ?? '').toLowerCase() === term
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
				placeholder: 'e.g. Estate Planning',
				description:
					'Only campaigns whose name contains this text (not case-sensitive), or whose ID is exactly this',
			},
		],
	},
	optionsField('getAll'),
];
