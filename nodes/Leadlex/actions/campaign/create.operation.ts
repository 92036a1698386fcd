import type { INodeProperties } from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import { CAMPAIGN_CREATE_ERRORS } from './errors';
import { leadlexOperation } from '../operation';
import { optionsField, showFor } from './campaignFields';

const TEMPLATE_VARIABLES = '{{name}} (first name), {{full_name}}, {{company}} and {{title}}';

export const createOperation = leadlexOperation({
	name: 'Create',
	value: 'create',
	action: 'Create a campaign',
	description: 'Create a draft campaign for a contact list; it sends nothing until it is started',
	method: 'POST',
	path: '/v1/campaigns',
	permission: PERMISSIONS.campaignsWrite,
	change: 'created',
	label: () => 'a new campaign',
	errors: CAMPAIGN_CREATE_ERRORS,
	output: { property: 'data', shape: 'object', requiredField: { name: 'id', type: 'string' } },
	body({ check }) {
		return {
			name: check.text('Name', this.getNodeParameter('name', '')),
			list_id: check.text('List ID', this.getNodeParameter('listId', '')).trim(),
			template: check.text('Template', this.getNodeParameter('template', '')),
		};
	},
	mayHaveChangedHint:
		'running the workflow again may create a second draft. Check the campaigns with Get Many first.',
});

export const createDescription: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Q2 Outreach',
		description: 'The name of the new campaign',
		displayOptions: { show: showFor('create') },
	},
	{
		displayName: 'List ID',
		name: 'listId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. list-uuid-here',
		description: 'The ID of the LeadLex contact list the campaign emails',
		displayOptions: { show: showFor('create') },
	},
	{
		displayName: 'Template',
		name: 'template',
		type: 'string',
		typeOptions: { rows: 6 },
		required: true,
		default: '',
		placeholder: 'e.g. Hi {{name}}, I noticed your work at {{company}}...',
		description: 'The email template text',
		hint: `LeadLex fills in ${TEMPLATE_VARIABLES} here. These differ from the step merge variables ({{first_name}}, {{company_name}}, ...).`,
		displayOptions: { show: showFor('create') },
	},
	optionsField('create'),
];
