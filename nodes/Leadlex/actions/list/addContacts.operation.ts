import type { INodeProperties } from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import { contactIdsField } from '../../../shared/descriptions';
import { chunkedRequests, sumOf } from '../chunks';
import { leadlexOperation } from '../operation';
import { LIST_ERRORS } from './errors';
import { listField, listLabel, optionsField } from './listFields';

/** The most contact IDs LeadLex adds to a list in one request (§9.2). */
export const MAX_CONTACTS_PER_LIST_REQUEST = 100;

export const addContactsOperation = leadlexOperation({
	name: 'Add Contacts',
	value: 'addContacts',
	action: 'Add contacts to a list',
	description: 'Add contacts to a list (contacts already in it are skipped)',
	method: 'POST',
	path: '/v1/lists/{listId}/contacts',
	permission: PERMISSIONS.contactsWrite,
	change: 'changed',
	label: listLabel,
	errors: LIST_ERRORS,
	output: { property: 'data', shape: 'object' },
	run: chunkedRequests({
		size: MAX_CONTACTS_PER_LIST_REQUEST,
		noun: 'contacts',
		verb: 'added',
		rerun: 'Running the item again is safe: LeadLex skips contacts already in the list.',
		prepare({ check }) {
			const ids = check.idList('Contact IDs', this.getNodeParameter('contactIds', ''));
			return { ids, body: (chunk) => ({ contact_ids: chunk }) };
		},
		combine(answers) {
			const last = answers[answers.length - 1] ?? {};
			return [
				{
					added: sumOf(answers, 'added'),
					list_id: last.list_id ?? null,
					contact_count: last.contact_count ?? null,
				},
			];
		},
		done: ([combined]) => `${String(combined.added)} contacts had already been added`,
	}),
});

export const addContactsDescription: INodeProperties[] = [
	listField('addContacts', 'The list to add the contacts to, by its ID'),
	contactIdsField('list', 'addContacts', 'add', MAX_CONTACTS_PER_LIST_REQUEST),

	optionsField('addContacts'),
];
