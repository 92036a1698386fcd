/**
 * Campaign routes (docs §8.8-8.12): list, get, delete (draft only). The next campaign routes
 * (create, update, start, pause, stats, ...) go into `campaignRoutes` the same way.
 */
import { HttpError, type JsonObject } from '../http';
import type { HandlerContext, HandlerResult, RouteDef } from '../routing';
import { copySteps, findCampaign } from '../store';
import { parsePositiveInt } from './validate';

function listCampaigns({ ws, query, profile }: HandlerContext): HandlerResult {
	const page = parsePositiveInt(query, 'page', 1);
	const perPage = parsePositiveInt(query, 'per_page', 50, 100);
	let all = [...ws.campaigns.values()];
	const search = query.get('search');
	if (profile === 'full' && search !== null && search !== '') {
		const needle = search.toLowerCase();
		all = all.filter((e) => e.campaign.name.toLowerCase().includes(needle));
	}
	all.sort((a, b) => {
		if (a.campaign.created_at !== b.campaign.created_at) {
			return a.campaign.created_at < b.campaign.created_at ? 1 : -1;
		}
		return a.campaign.id < b.campaign.id ? -1 : a.campaign.id > b.campaign.id ? 1 : 0;
	});
	const start = (page - 1) * perPage;
	const campaigns = all.slice(start, start + perPage).map((e) => ({
		id: e.campaign.id,
		name: e.campaign.name,
		status: e.campaign.status,
		created_at: e.campaign.created_at,
		step_count: e.steps.length,
	}));
	const payload: JsonObject = {
		data: { campaigns },
		meta: { page, per_page: perPage, total: all.length },
	};
	return { payload };
}

function getCampaign({ ws, params }: HandlerContext): HandlerResult {
	const entry = findCampaign(ws, params.id);
	return {
		payload: {
			data: {
				campaign: {
					...entry.campaign,
					step_count: entry.steps.length,
					steps: copySteps(entry.steps),
				},
			},
		},
	};
}

function deleteCampaign({ ws, params }: HandlerContext): HandlerResult {
	const entry = findCampaign(ws, params.id);
	if (entry.campaign.status !== 'draft') {
		throw new HttpError(
			409,
			'campaign_not_draft',
			`Only draft campaigns can be deleted; this campaign is ${entry.campaign.status}`,
		);
	}
	ws.campaigns.delete(params.id);
	return { payload: { data: { deleted: true, id: params.id } } };
}

export const campaignRoutes: RouteDef[] = [
	{
		method: 'GET',
		pattern: '/v1/campaigns',
		permission: 'campaigns:read',
		handler: listCampaigns,
	},
	{
		method: 'GET',
		pattern: '/v1/campaigns/:id',
		permission: 'campaigns:read',
		handler: getCampaign,
	},
	{
		method: 'DELETE',
		pattern: '/v1/campaigns/:id',
		permission: 'campaigns:write',
		handler: deleteCampaign,
	},
];
