import {
	NodeOperationError,
	type IDataObject,
	type ILoadOptionsFunctions,
	type INodeListSearchResult,
} from 'n8n-workflow';
import { MAX_PAGE_SIZE, PERMISSIONS } from '../../shared/constants';
import { CAMPAIGN_ERRORS } from '../../shared/errors/codes';
import { errorFromUnreadableSuccess } from '../../shared/errors/httpErrors';
import { quoteId } from '../../shared/errors/LeadlexApiError';
import { toPathSegment } from '../../shared/ids';
import { leadlexRequest, parseJsonBody } from '../../shared/transport/request';

/** A GET for the editor: the operations' request path, but a 429 fails at once (no waiting). */
async function getForPicker(
	context: ILoadOptionsFunctions,
	path: string,
	qs: IDataObject,
	subject: { label: string; permission: string; campaignId?: string },
): Promise<unknown> {
	const response = await leadlexRequest(context, { method: 'GET', path, qs }, subject, {
		errors: CAMPAIGN_ERRORS,
	});
	return parseJsonBody(response.body);
}

interface CampaignListResponse {
	data?: { campaigns?: Array<{ id?: unknown; name?: unknown; status?: unknown }> };
	meta?: { total?: unknown };
}

const campaignListSubject = { label: 'the campaign list', permission: PERMISSIONS.campaignsRead };

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
	const qs = term
		? { page, per_page: MAX_PAGE_SIZE, search: term }
		: { page, per_page: MAX_PAGE_SIZE };
	const body = (await getForPicker(
		this,
		'/v1/campaigns',
		qs,
		campaignListSubject,
	)) as CampaignListResponse;
	const campaigns = body?.data?.campaigns;
	if (!Array.isArray(campaigns)) {
		throw errorFromUnreadableSuccess(
			this.getNode(),
			{ statusCode: 200, body },
			campaignListSubject,
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
	const more =
		total !== undefined ? page * MAX_PAGE_SIZE < total : campaigns.length === MAX_PAGE_SIZE;
	return { results, paginationToken: more ? String(page + 1) : undefined };
}

interface StepListResponse {
	data?: { steps?: Array<{ id?: unknown; index?: unknown; subject?: unknown }> };
}

/** The chosen campaign's steps in send order, shown by position and subject. */
export async function searchSteps(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const campaign = toPathSegment(this.getNodeParameter('campaignId', '', { extractValue: true }));
	if (!('segment' in campaign)) {
		throw new NodeOperationError(this.getNode(), 'Choose a campaign first', {
			description: `The steps are listed per campaign, and the Campaign ID ${campaign.problem}.`,
		});
	}
	const subject = {
		label: `the steps of campaign ${quoteId(campaign.id)}`,
		permission: PERMISSIONS.campaignsRead,
		campaignId: campaign.id,
	};
	const path = `/v1/campaigns/${campaign.segment}/steps`;
	const body = (await getForPicker(this, path, {}, subject)) as StepListResponse;
	const steps = body?.data?.steps;
	if (!Array.isArray(steps)) {
		throw errorFromUnreadableSuccess(
			this.getNode(),
			{ statusCode: 200, body },
			subject,
			'without a step list (data.steps)',
		);
	}
	const term = filter?.trim().toLowerCase() ?? '';
	const results = steps
		.filter((step) => typeof step.id === 'string' || typeof step.id === 'number')
		.map((step, position) => ({
			id: String(step.id),
			position: typeof step.index === 'number' ? step.index + 1 : position + 1,
			subject:
				typeof step.subject === 'string' && step.subject.trim() ? step.subject : '(no subject)',
		}))
		.sort((a, b) => a.position - b.position)
		.map((step) => ({ name: `Step ${step.position}: ${step.subject}`, value: step.id }))
		.filter(
			(step) =>
				!term || step.name.toLowerCase().includes(term) || step.value.toLowerCase() === term,
		);
	return { results };
}
