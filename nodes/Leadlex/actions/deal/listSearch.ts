import { PERMISSIONS } from '../../../shared/constants';
import { listPicker, recordId } from '../../methods/picker';
import { DEAL_LIST_ERRORS } from './errors';

/**
 * The workspace's deals, one page of LeadLex's list per call, searched by name here only (GET
 * /v1/deals documents no search), shown with their status and stage.
 */
export const searchDeals = listPicker({
	list: () => ({
		path: '/v1/deals',
		subject: { label: 'the deal list', permission: PERMISSIONS.dealsRead },
	}),
	listProperty: 'data.deals',
	paged: true,
	searchOnClient: true,
	errors: DEAL_LIST_ERRORS,
	entry: (deal) => {
		const id = recordId(deal);
		if (!id) return undefined;
		const name = typeof deal.name === 'string' && deal.name.trim() ? deal.name : '(no name)';
		const about = [deal.status, deal.stage].filter(
			(part): part is string => typeof part === 'string' && part.trim() !== '',
		);
		return {
			name: about.length ? `${name} (${about.join(', ')})` : name,
			value: id,
			searchText: name,
		};
	},
});
