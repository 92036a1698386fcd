import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { quoteId } from '../shared/errors';
import { errorFromUnreadableSuccess } from '../shared/httpErrors';
import { toPathSegment } from '../shared/ids';
import { leadlexGet } from '../shared/transport';

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
		permission: 'campaigns:read',
		campaignId: campaign.id,
	};
	const path = `/v1/campaigns/${campaign.segment}/steps`;
	const body = (await leadlexGet.call(this, path, {}, subject)) as StepListResponse;
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
