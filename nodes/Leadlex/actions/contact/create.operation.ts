import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import { leadlexOperation } from '../operation';
import { contactCreateFields, optionsField, showFor } from './contactFields';
import { CREATE_NAMES, readContactFields } from './contactValues';
import { CONTACT_ERRORS } from './errors';

export const createOperation = leadlexOperation({
	name: 'Create',
	value: 'create',
	action: 'Create a contact',
	description:
		'Add a new contact to the workspace (LeadLex does not check for an existing one: Create or Update does)',
	method: 'POST',
	path: '/v1/contacts',
	permission: PERMISSIONS.contactsWrite,
	change: 'created',
	label: () => 'a new contact',
	errors: CONTACT_ERRORS,
	output: { property: 'data', shape: 'object', requiredField: { name: 'id', type: 'string' } },
	body({ check }) {
		const fields = {
			...(this.getNodeParameter('additionalFields', {}) as IDataObject),
			fullName: this.getNodeParameter('fullName', ''),
			email: this.getNodeParameter('email', ''),
		};
		// Name and email are each optional; a blank one is simply not sent.
		for (const name of ['fullName', 'email'] as const) {
			if (typeof fields[name] === 'string' && fields[name].trim() === '') delete fields[name];
		}
		// LeadLex needs a name or an email (a first or last name counts as a name).
		if (!['fullName', 'email', 'firstName', 'lastName'].some((name) => name in fields)) {
			throw check.fail('Full Name and Email', 'are both empty: LeadLex needs at least one of them');
		}
		return readContactFields.call(this, check, fields, CREATE_NAMES);
	},
	mayHaveChangedHint:
		'running the workflow again may create the contact twice. Look for it with Get Many (Filters → Email) first, or use Create or Update.',
});

/** Full Name and Email, shown for Create (Create or Update has its own Email: it is required there). */
export const nameField = (operation: string): INodeProperties => ({
	displayName: 'Full Name',
	name: 'fullName',
	type: 'string',
	default: '',
	placeholder: 'e.g. Jane Example',
	description: 'First and last name; "Last, First" is understood too',
	displayOptions: { show: showFor(operation) },
});

export const createDescription: INodeProperties[] = [
	nameField('create'),
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description: 'The contact’s email address. Set Full Name, Email or both.',
		displayOptions: { show: showFor('create') },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showFor('create') },
		options: contactCreateFields,
	},
	optionsField('create'),
];
