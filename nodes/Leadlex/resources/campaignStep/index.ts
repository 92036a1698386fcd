import type { INodeProperties } from 'n8n-workflow';
import { leadlexRequestRunner } from '../../shared/runner';
import {
	campaignStepDeleteDescription,
	parseDeleteStepResponse,
	prepareDeleteStep,
} from './delete';

const showOnlyForCampaignSteps = { resource: ['campaignStep'] };

export const campaignStepDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForCampaignSteps },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a campaign step',
				description:
					'Permanently remove one step from a campaign sequence; later steps move up one position',
				routing: {
					request: { method: 'DELETE', ignoreHttpStatusErrors: true },
					// `paginate` hands the request to the runner (see shared/runner.ts).
					send: { paginate: true },
					operations: { pagination: leadlexRequestRunner(prepareDeleteStep) },
					output: { postReceive: [parseDeleteStepResponse] },
				},
			},
		],
		default: 'delete',
	},
	...campaignStepDeleteDescription,
];
