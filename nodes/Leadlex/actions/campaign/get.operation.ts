import type { INodeProperties } from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import { CAMPAIGN_RESOURCE_ERRORS } from './errors';
import { leadlexOperation } from '../operation';
import { campaignField, campaignLabel, optionsField } from './campaignFields';

export const getOperation = leadlexOperation({
	name: 'Get',
	value: 'get',
	action: 'Get a campaign',
	description: "Read one campaign's status and settings (reads only, changes nothing)",
	method: 'GET',
	path: '/v1/campaigns/{campaignId}',
	permission: PERMISSIONS.campaignsRead,
	label: campaignLabel,
	errors: CAMPAIGN_RESOURCE_ERRORS,
	output: { property: 'data.campaign', shape: 'object' },
});

export const getDescription: INodeProperties[] = [
	campaignField('get', 'The campaign to read, by its ID (e.g. cmp_abc123)'),
	optionsField('get'),
];
