import { PERMISSIONS } from '../../../shared/constants';
import { listPicker, recordId } from '../../methods/picker';
import { STEP_ERRORS } from '../campaignStep/errors';

/** Campaigns, newest first, shown with their status; searched by name. */
export const searchCampaigns = listPicker({
	list: () => ({
		path: '/v1/campaigns',
		subject: { label: 'the campaign list', permission: PERMISSIONS.campaignsRead },
	}),
	listProperty: 'data.campaigns',
	paged: true,
	errors: STEP_ERRORS,
	entry: (campaign) => {
		const id = recordId(campaign);
		if (!id) return undefined;
		const name = String(campaign.name ?? id);
		const status = typeof campaign.status === 'string' ? ` (${campaign.status})` : '';
		return { name: `${name}${status}`, value: id, searchText: name };
	},
});
