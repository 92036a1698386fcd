import type { INodeProperties } from 'n8n-workflow';
import type { LeadlexResource } from '../resource';
import { searchCompanies } from './listSearch';
import { declareOncePerResource } from '../../../shared/descriptions';
import { companyLocator } from './companyFields';
import { enrichDescription, enrichOperation } from './enrich.operation';
import { getAllDescription, getAllOperation } from './getAll.operation';
import { findDuplicatesDescription, findDuplicatesOperation } from './findDuplicates.operation';
import { importDescription, importOperation } from './import.operation';

/**
 * Companies (§9.4). LeadLex documents no reference page for creating or reading a single company,
 * so the resource has none of those operations (docs/company.md).
 */
const properties: INodeProperties[] = declareOncePerResource(
	[
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: ['company'] } },
			// By display name, as n8n's lint wants.
			options: [enrichOperation, findDuplicatesOperation, getAllOperation, importOperation],
			default: 'getAll',
		},
		...getAllDescription,
		...enrichDescription,
		...findDuplicatesDescription,
		...importDescription,
	],
	[companyLocator],
);

export const companyResource: LeadlexResource = {
	name: 'Company',
	value: 'company',
	properties,
	listSearch: { searchCompanies },
};
