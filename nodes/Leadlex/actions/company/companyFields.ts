import type { INodeProperties } from 'n8n-workflow';
import { idLocator, fieldHelpersFor } from '../../../shared/descriptions';
import { quoteId } from '../../../shared/errors/LeadlexApiError';
import type { Ids } from '../operation';

const RESOURCE = 'company';

export const { showFor, optionsField, returnAllFields } = fieldHelpersFor(RESOURCE);

export const companyLabel = (ids: Ids) => `company ${quoteId(ids.companyId)}`;

/** The company picker: searched by LeadLex's `search` (GET /v1/companies?search=), or by ID. */
export const companyLocator: INodeProperties = idLocator({
	displayName: 'Company',
	name: 'companyId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The LeadLex company, by its ID',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Type part of a name or domain...',
			typeOptions: {
				searchListMethod: 'searchCompanies',
				searchable: true,
				searchFilterRequired: false,
			},
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 3f8e1d2c-4b5a-6d7e-8f9a-0b1c2d3e4f5a',
		},
	],
});

/** The company fields LeadLex's list shows and enrichment can fill, by display name. */
export const ENRICHABLE_FIELDS = [
	{ name: 'City', value: 'city' },
	{ name: 'Country', value: 'country' },
	{ name: 'Domain', value: 'domain' },
	{ name: 'Industry', value: 'industry' },
	{ name: 'LinkedIn URL', value: 'linkedin_url' },
	{ name: 'Name', value: 'name' },
	{ name: 'Size', value: 'size' },
	{ name: 'Website', value: 'website' },
];
