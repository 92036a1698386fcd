import type { INodeProperties } from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import { nameSearchFilter } from '../../../shared/descriptions';
import { leadlexOperation } from '../operation';
import { byNameSearch, pagedList, searchTerm } from '../paging';
import { optionsField, returnAllFields } from './campaignFields';

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
	run: pagedList({ idField: 'id', noun: 'campaigns', ...byNameSearch }),
});

export const getAllDescription: INodeProperties[] = [
	...returnAllFields('getAll'),
	nameSearchFilter('campaign', 'getAll', 'campaigns', 'e.g. Estate Planning'),
	optionsField('getAll'),
];
