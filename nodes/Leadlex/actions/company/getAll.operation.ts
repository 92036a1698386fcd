import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import { leadlexOperation } from '../operation';
import { pagedList } from '../paging';
import { optionsField, returnAllFields, showFor } from './companyFields';
import { COMPANY_ERRORS } from './errors';

export const getAllOperation = leadlexOperation({
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many companies',
	description: 'List or search the companies of the workspace, one item per company (reads only)',
	method: 'GET',
	path: '/v1/companies',
	permission: PERMISSIONS.companiesRead,
	label: () => 'the company list',
	errors: COMPANY_ERRORS,
	output: { property: 'data.companies', shape: 'list' },
	qs({ check }) {
		const filters = this.getNodeParameter('filters', {}) as IDataObject;
		const qs: IDataObject = {};
		if ('search' in filters) qs.search = check.text('Search', filters.search).trim();
		if ('industry' in filters) qs.industry = check.text('Industry', filters.industry).trim();
		return qs;
	},
	run: pagedList({ idField: 'id', noun: 'companies' }),
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
				displayName: 'Industry',
				name: 'industry',
				type: 'string',
				default: '',
				placeholder: 'e.g. Legal Services',
				description: 'Only companies in this industry, as LeadLex names it',
			},
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				placeholder: 'e.g. acme',
				description: 'Only companies that LeadLex’s search matches (by name or domain)',
			},
		],
	},
	optionsField('getAll'),
];
