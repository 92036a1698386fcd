import { NodeOperationError } from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import { quoteId } from '../../../shared/errors/LeadlexApiError';
import { toPathSegment } from '../../../shared/ids';
import { listPicker, recordId } from '../../methods/picker';
import { STEP_ERRORS } from './errors';

/** The chosen campaign's steps in send order, shown by position and subject. */
export const searchSteps = listPicker({
	list() {
		const campaign = toPathSegment(this.getNodeParameter('campaignId', '', { extractValue: true }));
		if (!('segment' in campaign)) {
			throw new NodeOperationError(this.getNode(), 'Choose a campaign first', {
				description: `The steps are listed per campaign, and the Campaign ID ${campaign.problem}.`,
			});
		}
		return {
			path: `/v1/campaigns/${campaign.segment}/steps`,
			subject: {
				label: `the steps of campaign ${quoteId(campaign.id)}`,
				permission: PERMISSIONS.campaignsRead,
				ids: { campaignId: campaign.id },
			},
		};
	},
	listProperty: 'data.steps',
	errors: STEP_ERRORS,
	entry: (step, position) => {
		const id = recordId(step);
		if (!id) return undefined;
		const order = typeof step.index === 'number' ? step.index + 1 : position + 1;
		const subject =
			typeof step.subject === 'string' && step.subject.trim() ? step.subject : '(no subject)';
		return { name: `Step ${order}: ${subject}`, value: id, order };
	},
});
