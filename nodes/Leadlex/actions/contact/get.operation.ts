import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import { leadlexOperation } from '../operation';
import {
	contactField,
	contactLabel,
	optionsField,
	SIMPLE_CONTACT_FIELDS,
	simplifyField,
} from './contactFields';
import { CONTACT_ERRORS } from './errors';

const INCLUDES = ['notes', 'tasks', 'deals'];

export const getOperation = leadlexOperation({
	name: 'Get',
	value: 'get',
	action: 'Get a contact',
	description:
		'Read one contact, optionally with its newest notes, open tasks and deals (reads only)',
	method: 'GET',
	path: '/v1/contacts/{contactId}',
	permission: PERMISSIONS.contactsRead,
	label: contactLabel,
	errors: CONTACT_ERRORS,
	// GET answers with the contact itself in `data` (§9.1).
	output: { property: 'data', shape: 'object' },
	qs({ check }) {
		const options = this.getNodeParameter('options', {}) as IDataObject;
		if (!('include' in options)) return {};
		const include = Array.isArray(options.include) ? options.include : [options.include];
		const chosen = include.map((value) => check.oneOf('Include', value, INCLUDES));
		return chosen.length ? { include: chosen.join(',') } : {};
	},
	shapeItems(items) {
		if (!this.getNodeParameter('simplify', true)) return items;
		const simplifyRecords = (contact: IDataObject) =>
			Object.fromEntries(
				SIMPLE_CONTACT_FIELDS.filter((key) => key in contact).map((key) => [key, contact[key]]),
			);
		return items.map(simplifyRecords);
	},
});

export const getDescription: INodeProperties[] = [
	contactField('contact', 'get', 'The contact to read, by its ID (a UUID)'),
	simplifyField('get'),
	optionsField('get', [
		{
			displayName: 'Include',
			name: 'include',
			type: 'multiOptions',
			options: [
				{
					name: 'Deals',
					value: 'deals',
					description:
						'The 3 most recently updated deals where the contact is the main contact (open_deals)',
				},
				{ name: 'Notes', value: 'notes', description: 'The 3 newest notes (recent_notes)' },
				{ name: 'Tasks', value: 'tasks', description: 'Up to 3 open tasks (open_tasks)' },
			],
			default: [],
			description: 'Related records to add to the contact. Turn off Simplify to see them.',
		},
	]),
];
