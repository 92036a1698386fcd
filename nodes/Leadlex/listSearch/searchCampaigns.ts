import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { errorFromUnreadableSuccess } from '../shared/httpErrors';
import { leadlexGet } from '../shared/transport';

/** LeadLex's maximum page size for list endpoints. */
const PAGE_SIZE = 100;

interface CampaignListResponse {
	data?: { campaigns?: Array<{ id?: unknown; name?: unknown; status?: unknown }> };
	meta?: { total?: unknown };
}

const subject = { label: 'the campaign list', permission: 'campaigns:read' };

/**
 * One page per call: n8n asks for the next page (paginationToken) as the user scrolls. The name
 * filter runs here as well as on the server, because LeadLex does not document a `search` parameter.
 */
export async function searchCampaigns(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken) > 1 ? Math.floor(Number(paginationToken)) : 1;
	const term = filter?.trim().toLowerCase() ?? '';
	const qs = term ? { page, per_page: PAGE_SIZE, search: term } : { page, per_page: PAGE_SIZE };
	const body = (await leadlexGet.call(this, '/v1/campaigns', qs, subject)) as CampaignListResponse;
	const campaigns = body?.data?.campaigns;
	if (!Array.isArray(campaigns)) {
		throw errorFromUnreadableSuccess(
			this.getNode(),
			{ statusCode: 200, body },
			subject,
			'without a campaign list (data.campaigns)',
		);
	}
	const results = campaigns
		.filter((campaign) => typeof campaign.id === 'string' || typeof campaign.id === 'number')
		.map((campaign) => ({
			id: String(campaign.id),
			name: String(campaign.name ?? campaign.id),
			status: campaign.status,
		}))
		.filter(
			(campaign) =>
				!term || campaign.name.toLowerCase().includes(term) || campaign.id.toLowerCase() === term,
		)
		.map((campaign) => ({
			name:
				typeof campaign.status === 'string'
					? `${campaign.name} (${campaign.status})`
					: campaign.name,
			value: campaign.id,
		}));
	const total = typeof body.meta?.total === 'number' ? body.meta.total : undefined;
	const more = total !== undefined ? page * PAGE_SIZE < total : campaigns.length === PAGE_SIZE;
	return { results, paginationToken: more ? String(page + 1) : undefined };
}
