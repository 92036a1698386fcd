import { PERMISSIONS } from '../../../shared/constants';
import { listPicker, recordId } from '../../methods/picker';
import { COMPANY_ERRORS } from './errors';

/** Companies found by LeadLex's search (GET /v1/companies?search=), shown with their domain. */
export const searchCompanies = listPicker({
	list: () => ({
		path: '/v1/companies',
		subject: { label: 'the company list', permission: PERMISSIONS.companiesRead },
	}),
	listProperty: 'data.companies',
	paged: true,
	errors: COMPANY_ERRORS,
	entry: (company) => {
		const id = recordId(company);
		if (!id) return undefined;
		const name =
			typeof company.name === 'string' && company.name.trim() ? company.name : '(no name)';
		const domain = typeof company.domain === 'string' && company.domain ? company.domain : '';
		return {
			name: domain ? `${name} (${domain})` : name,
			value: id,
			searchText: `${name} ${domain}`,
		};
	},
});
