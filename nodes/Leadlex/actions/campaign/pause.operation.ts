import type { INodeProperties } from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import { CAMPAIGN_RESOURCE_ERRORS } from './errors';
import { leadlexOperation } from '../operation';
import { campaignField, campaignLabel, optionsField, showFor } from './campaignFields';

export const pauseOperation = leadlexOperation({
	name: 'Pause',
	value: 'pause',
	action: 'Pause a campaign',
	description:
		'Stop a live (active) campaign from scheduling new sends; sends in progress finish. Changes a live campaign.',
	method: 'POST',
	path: '/v1/campaigns/{campaignId}/pause',
	permission: PERMISSIONS.campaignsWrite,
	change: 'paused',
	label: campaignLabel,
	errors: CAMPAIGN_RESOURCE_ERRORS,
	output: { property: 'data.campaign', shape: 'object' },
	recover(error, ids) {
		const options = this.getNodeParameter('options', {}) as { ignoreNotActive?: boolean };
		const notActive = error.httpStatus === 409 && error.leadlexCode === 'campaign_not_active';
		return options.ignoreNotActive && notActive
			? { id: ids.campaignId, paused: false, reason: 'campaign_not_active' }
			: undefined;
	},
	codeHints: {
		campaign_not_active: 'To treat that as a result, turn on Options → Ignore If Not Active.',
	},
});

export const pauseDescription: INodeProperties[] = [
	campaignField('pause', 'The active campaign to pause, by its ID (e.g. cmp_abc123)'),
	{
		displayName:
			'Only an active campaign can be paused. Sends already in progress finish; nothing new is scheduled. Pause a campaign before deleting or changing its steps.',
		name: 'pauseNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: showFor('pause') },
	},
	optionsField('pause', [
		{
			displayName: 'Ignore If Not Active',
			name: 'ignoreNotActive',
			type: 'boolean',
			default: false,
			description:
				'Whether a campaign that is not active (a draft, already paused, completed) gives {"paused": false, "reason": "campaign_not_active"} instead of an error',
		},
	]),
];
