import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import { leadlexOperation } from '../operation';
import { LIST_ERRORS } from './errors';
import { optionsField, showFor } from './listFields';

export const createOperation = leadlexOperation({
	name: 'Create',
	value: 'create',
	action: 'Create a list',
	description: 'Create an empty contact list; its name must be unique in the workspace',
	method: 'POST',
	path: '/v1/lists',
	permission: PERMISSIONS.contactsWrite,
	change: 'created',
	label: () => 'the new list',
	errors: LIST_ERRORS,
	output: { property: 'data', shape: 'object', requiredField: { name: 'id', type: 'string' } },
	body({ check }) {
		const fields = this.getNodeParameter('additionalFields', {}) as IDataObject;
		const body: IDataObject = {
			name: check.text('Name', this.getNodeParameter('name', '')).trim(),
		};
		if ('description' in fields)
			body.description = check.text('Description', fields.description, true);
		return body;
	},
	mayHaveChangedHint:
		'a second run is refused by name if the list exists: check the lists with Get Many first.',
});

export const createDescription: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Outreach Q2 2026',
		description: 'The name of the new list (unique in the workspace)',
		displayOptions: { show: showFor('create') },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showFor('create') },
		options: [
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				typeOptions: { rows: 2 },
				default: '',
				description: 'What the list is for',
			},
		],
	},
	optionsField('create'),
];
