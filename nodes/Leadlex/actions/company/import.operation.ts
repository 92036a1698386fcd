import { PERMISSIONS } from '../../../shared/constants';
import { importDescription as describeImport, importOperation as operationFor } from '../imports';
import { COMPANY_IMPORT_ERRORS } from './errors';

/**
 * POST /v1/import/companies (§9.4): "the same model as the contact import". LeadLex documents no
 * company create, so a row takes the fields its company list shows (docs/company.md, assumptions).
 */
const COMPANY_IMPORT = {
	resource: 'company',
	path: '/v1/import/companies',
	permission: PERMISSIONS.companiesWrite,
	noun: 'companies',
	fields: [
		'name',
		'domain',
		'industry',
		'website',
		'linkedin_url',
		'size',
		'city',
		'country',
		'tags',
	],
	matchesOn: 'domain',
	exampleRow: '{"name": "Acme Legal LLP", "domain": "acmelegal.com"}',
	errors: COMPANY_IMPORT_ERRORS,
} as const;

export const importOperation = operationFor(COMPANY_IMPORT);

export const importDescription = describeImport(COMPANY_IMPORT);
