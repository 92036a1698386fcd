import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import { leadlexOperation } from '../operation';
import {
	contactCreateFields,
	contactField,
	contactLabel,
	optionsField,
	showFor,
} from './contactFields';
import { readContactFields, UPDATABLE } from './contactValues';
import { CONTACT_ERRORS } from './errors';

const UPDATE_NAMES = { ...UPDATABLE, appendNote: 'notes' };

/** The fields PATCH /v1/contacts/{id} accepts, as Create shows them, plus Append Note. */
const updateFields = (
	[
		...contactCreateFields.filter((field) => field.name in UPDATABLE),
		{
			displayName: 'Append Note',
			name: 'appendNote',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description: 'Text LeadLex adds to the end of the contact’s notes (it replaces nothing)',
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
		},
		{
			displayName: 'Full Name',
			name: 'fullName',
			type: 'string',
			default: '',
			placeholder: 'e.g. Jane Example',
		},
	] as INodeProperties[]
).sort((a, b) => a.displayName.localeCompare(b.displayName));

export const updateOperation = leadlexOperation({
	name: 'Update',
	value: 'update',
	action: 'Update a contact',
	description:
		"Change a contact's name, email, phone, job title, company or LinkedIn URL, or append a note; only the fields set are sent",
	method: 'PATCH',
	path: '/v1/contacts/{contactId}',
	permission: PERMISSIONS.contactsWrite,
	change: 'updated',
	label: contactLabel,
	errors: CONTACT_ERRORS,
	output: { property: 'data', shape: 'object' },
	body({ check }) {
		const fields = this.getNodeParameter('updateFields', {}) as IDataObject;
		const body = readContactFields.call(this, check, fields, UPDATE_NAMES);
		if (Object.keys(body).length === 0) {
			throw check.fail('Update Fields', 'are empty: add at least one field to change');
		}
		return body;
	},
});

export const updateDescription: INodeProperties[] = [
	contactField('contact', 'update', 'The contact to change, by its ID (a UUID)'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showFor('update') },
		options: updateFields,
	},
	optionsField('update'),
];
