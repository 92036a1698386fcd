import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import { campaignLocator } from '../../../shared/descriptions';
import { STEP_ERRORS } from './errors';
import { leadlexOperation } from '../operation';
import {
	bodyField,
	newStepLabel,
	optionsField,
	readStepFields,
	showFor,
	stepSettingFields,
	subjectField,
} from './stepFields';

const showOnlyForCreate = showFor('create');

export const createOperation = leadlexOperation({
	name: 'Create',
	value: 'create',
	action: 'Create a campaign step',
	description: 'Append a new email step to the end of a campaign sequence',
	method: 'POST',
	path: '/v1/campaigns/{campaignId}/steps',
	permission: PERMISSIONS.campaignsWrite,
	change: 'created',
	label: newStepLabel,
	errors: STEP_ERRORS,
	output: { property: 'data.step', shape: 'object' },
	body({ check }) {
		const fields = {
			subject: this.getNodeParameter('subject', ''),
			body: this.getNodeParameter('body', ''),
			...(this.getNodeParameter('additionalFields', {}) as IDataObject),
		};
		return readStepFields(check, fields);
	},
	mayHaveChangedHint:
		'running the workflow again may append a duplicate step. Check the steps with Get Many first.',
});

export const createDescription: INodeProperties[] = [
	{
		...campaignLocator,
		description: 'The campaign to add the step to, by its ID (e.g. cmp_abc123)',
		displayOptions: { show: showOnlyForCreate },
	},
	{
		displayName:
			'The new step is appended to the end of the sequence. If the campaign is active, contacts who reach the end of the sequence will get it.',
		name: 'appendNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: showOnlyForCreate },
	},
	{ ...subjectField, required: true, displayOptions: { show: showOnlyForCreate } },
	{ ...bodyField, required: true, displayOptions: { show: showOnlyForCreate } },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showOnlyForCreate },
		options: stepSettingFields,
	},
	optionsField('create'),
];
