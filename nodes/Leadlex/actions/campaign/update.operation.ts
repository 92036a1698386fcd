import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import { CAMPAIGN_RESOURCE_ERRORS } from './errors';
import { leadlexOperation } from '../operation';
import {
	campaignField,
	campaignLabel,
	campaignSettingFields,
	optionsField,
	readCampaignSettings,
	showFor,
} from './campaignFields';

export const updateOperation = leadlexOperation({
	name: 'Update',
	value: 'update',
	action: 'Update a campaign',
	description:
		"Change a campaign's name, description or sending settings; only the fields set are sent. Changes a live campaign's next sends.",
	method: 'PATCH',
	path: '/v1/campaigns/{campaignId}',
	permission: PERMISSIONS.campaignsWrite,
	change: 'updated',
	label: campaignLabel,
	errors: CAMPAIGN_RESOURCE_ERRORS,
	output: { property: 'data.campaign', shape: 'object' },
	body({ check }) {
		const fields = this.getNodeParameter('updateFields', {}) as IDataObject;
		const body = readCampaignSettings(check, fields);
		if (Object.keys(body).length === 0) {
			throw check.fail('Update Fields', 'are empty: add at least one field to change');
		}
		return body;
	},
});

export const updateDescription: INodeProperties[] = [
	campaignField('update', 'The campaign to change, by its ID (e.g. cmp_abc123)'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showFor('update') },
		options: campaignSettingFields,
	},
	optionsField('update'),
];
