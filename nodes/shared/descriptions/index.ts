import type { INodeProperties } from 'n8n-workflow';

export const campaignLocator: INodeProperties = {
	displayName: 'Campaign',
	name: 'campaignId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The LeadLex campaign, by its ID (e.g. cmp_abc123)',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a campaign...',
			typeOptions: {
				searchListMethod: 'searchCampaigns',
				searchable: true,
				searchFilterRequired: false,
			},
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. cmp_abc123',
		},
	],
};

export const stepLocator: INodeProperties = {
	displayName: 'Step',
	name: 'stepId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The step, by its ID (e.g. step_2), not by its position in the sequence',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a step...',
			typeOptions: {
				searchListMethod: 'searchSteps',
				searchable: true,
				searchFilterRequired: false,
			},
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. step_2',
		},
	],
};

/** Options every LeadLex operation offers for the rate limit (see shared/rateLimitRetry.ts). */
export const rateLimitOptions: INodeProperties[] = [
	{
		displayName: 'Retry On Rate Limit',
		name: 'retryOnRateLimit',
		type: 'boolean',
		default: true,
		description:
			"Whether to wait and send again when LeadLex's per-minute limit refuses a request. A refused request changed nothing, so sending it again is safe. A used-up daily quota is never waited for.",
	},
	{
		displayName: 'Max Rate Limit Wait',
		name: 'maxRateLimitWait',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 300,
		description:
			'The longest time, in seconds, one item may wait in total for the rate limit before it fails. Used when Retry On Rate Limit is on.',
	},
];
