import type { INodeProperties } from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import { CAMPAIGN_RESOURCE_ERRORS } from './errors';
import { quoteId } from '../../../shared/errors/LeadlexApiError';
import { leadlexOperation } from '../operation';
import { campaignField, optionsField } from './campaignFields';

export const getStatsOperation = leadlexOperation({
	name: 'Get Stats',
	value: 'getStats',
	action: 'Get the stats of a campaign',
	description:
		'Read sent, opened, clicked, replied, bounced and unsubscribed counts and rates across all steps (reads only)',
	method: 'GET',
	path: '/v1/campaigns/{campaignId}/stats',
	permission: PERMISSIONS.campaignsRead,
	label: (ids) => `the stats of campaign ${quoteId(ids.campaignId)}`,
	errors: CAMPAIGN_RESOURCE_ERRORS,
	output: { property: 'data.stats', shape: 'object' },
	// LeadLex's stats object does not say which campaign it is about: the item gets campaign_id.
	async run({ ids }, send) {
		const { records } = await send();
		return records.map((stats) => ({ campaign_id: ids.campaignId, ...stats }));
	},
});

export const getStatsDescription: INodeProperties[] = [
	campaignField('getStats', 'The campaign whose stats to read, by its ID (e.g. cmp_abc123)'),
	optionsField('getStats'),
];
