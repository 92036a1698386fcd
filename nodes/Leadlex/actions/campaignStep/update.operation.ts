import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import { campaignLocator, stepLocator } from '../../../shared/descriptions';
import { STEP_ERRORS } from './errors';
import { leadlexOperation } from '../operation';
import {
	bodyField,
	optionsField,
	readStepFields,
	showFor,
	stepLabel,
	stepSettingFields,
	subjectField,
} from './stepFields';

const showOnlyForUpdate = showFor('update');

export const updateOperation = leadlexOperation({
	name: 'Update',
	value: 'update',
	action: 'Update a campaign step',
	description:
		"Change a step's subject, body, delay or send condition; only the fields set are sent",
	method: 'PATCH',
	path: '/v1/campaigns/{campaignId}/steps/{stepId}',
	permission: PERMISSIONS.campaignsWrite,
	change: 'updated',
	label: stepLabel,
	errors: STEP_ERRORS,
	output: { property: 'data.step', shape: 'object' },
	body({ check }) {
		const fields = this.getNodeParameter('updateFields', {}) as IDataObject;
		const body = readStepFields(check, fields);
		if (Object.keys(body).length === 0) {
			throw check.fail('Update Fields', 'are empty: add at least one field to change');
		}
		return body;
	},
	codeHints: { step_not_found: 'Get Many lists the steps the campaign has now.' },
});

export const updateDescription: INodeProperties[] = [
	{ ...campaignLocator, displayOptions: { show: showOnlyForUpdate } },
	{
		...stepLocator,
		description: 'The step to change, by its ID (e.g. step_2), not by its position in the sequence',
		displayOptions: { show: showOnlyForUpdate },
	},
	{
		displayName:
			'Changes affect future sends only: contacts who already received this step are not affected. In an active campaign, the next sends use the new version at once.',
		name: 'futureSendsNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: showOnlyForUpdate },
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showOnlyForUpdate },
		options: [bodyField, ...stepSettingFields, subjectField],
	},
	optionsField('update'),
];
