import type { INodeProperties } from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import { quoteId } from '../../../shared/errors/LeadlexApiError';
import { leadlexOperation } from '../operation';
import { pagedList } from '../paging';
import { contactField, optionsField, returnAllFields } from './contactFields';
import { CONTACT_ERRORS } from './errors';

export const getNotesOperation = leadlexOperation({
	name: 'Get Notes',
	value: 'getNotes',
	action: 'Get the notes of a contact',
	description: "List a contact's notes, newest first, one item per note (reads only)",
	method: 'GET',
	path: '/v1/contacts/{contactId}/notes',
	permission: PERMISSIONS.contactsRead,
	label: (ids) => `the notes of contact ${quoteId(ids.contactId)}`,
	errors: CONTACT_ERRORS,
	output: { property: 'data.notes', shape: 'list' },
	run: pagedList({ idField: 'id', noun: 'notes' }),
});

export const getNotesDescription: INodeProperties[] = [
	contactField('contact', 'getNotes', 'The contact whose notes to list, by its ID (a UUID)'),
	...returnAllFields('getNotes'),
	optionsField('getNotes'),
];
