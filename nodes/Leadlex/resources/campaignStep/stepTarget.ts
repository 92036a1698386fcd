import type { IExecuteSingleFunctions } from 'n8n-workflow';
import type { RequestSubject } from '../../shared/errors';
import { quoteId } from '../../shared/errors';
import { requirePathSegment } from '../../shared/ids';
import type { PreparedRequest } from '../../shared/runner';

export interface StepTarget extends PreparedRequest {
	campaignId: string;
	stepId: string;
}

/** Reads the item's campaign and step, checked and encoded; fails before any request. */
export function readStepTarget(
	context: IExecuteSingleFunctions,
	subject: Pick<RequestSubject, 'change' | 'permission' | 'stepNotFoundHint'>,
): StepTarget {
	const node = context.getNode();
	const itemIndex = context.getItemIndex();
	const readId = (name: string) =>
		context.getNodeParameter(name, undefined, { extractValue: true });
	const campaign = requirePathSegment(node, 'Campaign', readId('campaignId'), itemIndex);
	const step = requirePathSegment(node, 'Step', readId('stepId'), itemIndex);
	return {
		campaignId: campaign.id,
		stepId: step.id,
		path: `/v1/campaigns/${campaign.segment}/steps/${step.segment}`,
		subject: {
			...subject,
			label: `step ${quoteId(step.id)} of campaign ${quoteId(campaign.id)}`,
			campaignId: campaign.id,
			stepId: step.id,
		},
	};
}
