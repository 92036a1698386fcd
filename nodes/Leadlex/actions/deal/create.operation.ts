import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import { leadlexOperation } from '../operation';
import { dealFormFields, optionsField, showFor } from './dealFields';
import { readDealFields, readName } from './dealValues';
import { DEAL_LIST_ERRORS } from './errors';

export const createOperation = leadlexOperation({
	name: 'Create',
	value: 'create',
	action: 'Create a deal',
	description:
		'Add a new deal (a matter in the pipeline) to the workspace; LeadLex does not check for an existing one',
	method: 'POST',
	path: '/v1/deals',
	permission: PERMISSIONS.dealsWrite,
	change: 'created',
	label: () => 'a new deal',
	errors: DEAL_LIST_ERRORS,
	output: { property: 'data', shape: 'object', requiredField: { name: 'id', type: 'string' } },
	body({ check }) {
		const name = readName(check, this.getNodeParameter('name', ''));
		const fields = this.getNodeParameter('additionalFields', {}) as IDataObject;
		return { name, ...readDealFields(check, fields, this.getTimezone()) };
	},
	mayHaveChangedHint:
		'running the workflow again may create the deal twice. Look for it with Get Many first.',
});

export const createDescription: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Example Estate Plan',
		description: 'The name of the new deal',
		displayOptions: { show: showFor('create') },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showFor('create') },
		options: dealFormFields,
	},
	optionsField('create'),
];
