import type { INodeProperties } from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import { CAMPAIGN_START_ERRORS } from './errors';
import { leadlexOperation } from '../operation';
import { campaignField, campaignLabel, optionsField, showFor } from './campaignFields';

export const startOperation = leadlexOperation({
	name: 'Start',
	value: 'start',
	action: 'Start a campaign',
	description:
		'Launch a campaign so that it starts emailing its contacts, or send it to Lexi for approval first. Makes a campaign live.',
	method: 'POST',
	path: '/v1/campaigns/{campaignId}/start',
	permission: PERMISSIONS.campaignsWrite,
	change: 'started',
	label: campaignLabel,
	errors: CAMPAIGN_START_ERRORS,
	output: {
		property: 'data',
		shape: 'object',
		requiredField: { name: 'status', type: 'string' },
	},
});

export const startDescription: INodeProperties[] = [
	campaignField('start', 'The campaign to start, by its ID (e.g. cmp_abc123)'),
	{
		displayName:
			'Depending on the workspace settings, LeadLex\'s assistant Lexi may have to approve the launch first (by default for campaigns with more than 100 recipients). Then the output has status "pending_approval" and the Lexi task_id, and the campaign launches once the task is approved.',
		name: 'approvalNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: showFor('start') },
	},
	optionsField('start'),
];
