import { PERMISSIONS } from '../../../shared/constants';
import { importDescription as describeImport, importOperation as operationFor } from '../imports';
import { CONTACT_IMPORT_ERRORS } from './errors';

/** POST /v1/import/contacts (§9.1): rows take the fields of POST /v1/contacts. */
const CONTACT_IMPORT = {
	resource: 'contact',
	path: '/v1/import/contacts',
	permission: PERMISSIONS.contactsWrite,
	noun: 'contacts',
	fields: [
		'full_name',
		'first_name',
		'last_name',
		'email',
		'phone',
		'job_title',
		'company',
		'related_company_id',
		'linkedin_url',
		'priority',
		'tags',
		'custom_fields',
		'created_date',
	],
	matchesOn: 'email or phone',
	exampleRow: '{"full_name": "Jane Example", "email": "jane@example.com"}',
	errors: CONTACT_IMPORT_ERRORS,
} as const;

export const importOperation = operationFor(CONTACT_IMPORT);

export const importDescription = describeImport(CONTACT_IMPORT);
