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
		typeOptions: { minValue: 0, maxValue: 86400 },
		default: 300,
		description:
			'The longest time, in seconds (at most 86400, a day), one item may keep trying against the rate limit, counted from its first request. Used when Retry On Rate Limit is on.',
	},
];

/**
 * n8n's declarative engine resolves every property's value for every item, once per property
 * entry (and on 2.x a second time to find the Base URL), whether or not the property is shown.
 * A picker declared once per operation therefore evaluates its expression once per operation
 * for each item. This declares each given parameter once per resource instead: its entries are
 * merged into one, shown for all their operations, at the place of the first, so the per-item
 * cost does not grow as the resource gains operations.
 */
export function declareOncePerResource(
	properties: INodeProperties[],
	shared: INodeProperties[],
): INodeProperties[] {
	const merged = new Map<string, INodeProperties>();
	const result: INodeProperties[] = [];
	for (const property of properties) {
		const base = shared.find((candidate) => candidate.name === property.name);
		if (!base) {
			result.push(property);
			continue;
		}
		const show = property.displayOptions?.show ?? {};
		const first = merged.get(property.name);
		if (!first) {
			const copy: INodeProperties = { ...base, displayOptions: { show: { ...show } } };
			merged.set(property.name, copy);
			result.push(copy);
			continue;
		}
		const firstShow = first.displayOptions!.show!;
		if (String(firstShow.resource) !== String(show.resource) || property.displayOptions?.hide) {
			throw new Error(`${property.name} can only be merged within one resource`);
		}
		firstShow.operation = [...(firstShow.operation ?? []), ...(show.operation ?? [])];
	}
	return result;
}
