import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { MAX_PAGE_SIZE, PERMISSIONS } from '../../../shared/constants';
import { LeadlexApiError, quoteId } from '../../../shared/errors/LeadlexApiError';
import { toPathSegment } from '../../../shared/ids';
import { leadlexOperation } from '../operation';
import { readPages } from '../paging';
import {
	contactCreateFields,
	CREATE_NAMES,
	CREATION_ONLY,
	optionsField,
	readContactFields,
	showFor,
	UPDATABLE,
} from './contactFields';
import { nameField } from './create.operation';
import { CONTACT_ERRORS } from './errors';

const CREATION_ONLY_LABELS =
	'first and last name, priority, tags, custom fields, related company and created date';

export const upsertOperation = leadlexOperation({
	name: 'Create or Update',
	value: 'upsert',
	action: 'Create or update a contact',
	description: 'Create a new record, or update the current one if it already exists (upsert)',
	method: 'GET',
	path: '/v1/contacts',
	permission: PERMISSIONS.contactsWrite,
	change: 'created or updated',
	label: () => 'the contact',
	errors: CONTACT_ERRORS,
	output: { property: 'data.contacts', shape: 'list' },
	async run({ check, subject }, send) {
		const email = check.email('Email', this.getNodeParameter('email', ''));
		const fields: IDataObject = {
			...(this.getNodeParameter('additionalFields', {}) as IDataObject),
			email,
		};
		const fullName = this.getNodeParameter('fullName', '');
		if (typeof fullName !== 'string' || fullName.trim() !== '') fields.fullName = fullName;
		const create = readContactFields.call(this, check, fields, CREATE_NAMES);
		subject.label = `the contact with email ${quoteId(email)}`;
		subject.permission = PERMISSIONS.contactsRead;
		// LeadLex's search is partial and matches names too: only an equal email counts.
		const wanted = email.toLowerCase();
		const matches = await readPages.call(this, send, {
			idField: 'id',
			noun: 'contacts',
			limit: Infinity,
			perPage: MAX_PAGE_SIZE,
			qs: { search: email },
			matches: (contact) =>
				typeof contact.email === 'string' && contact.email.trim().toLowerCase() === wanted,
		});
		if (matches.length > 1) {
			throw new LeadlexApiError(this.getNode(), {
				message: `${matches.length} LeadLex contacts have the email ${quoteId(email)} (${matches.map((contact) => quoteId(String(contact.id))).join(', ')}), so the node did not know which to update. Nothing was created or updated.`,
				description:
					'Merge the duplicates first (Contact → Merge), or update one of them by its ID with Contact → Update.',
				outcome: 'unchanged',
				itemIndex: this.getItemIndex(),
			});
		}
		subject.permission = PERMISSIONS.contactsWrite;
		if (matches.length === 0) {
			const { records } = await send({
				method: 'POST',
				path: '/v1/contacts',
				qs: {},
				body: create,
				change: 'created',
				output: {
					property: 'data',
					shape: 'object',
					requiredField: { name: 'id', type: 'string' },
				},
			});
			return [{ ...records[0], created: true }];
		}
		const id = String(matches[0].id);
		const segment = toPathSegment(id);
		if (!('segment' in segment)) throw check.fail('contact ID LeadLex returned', segment.problem);
		subject.label = `contact ${quoteId(id)} (email ${quoteId(email)})`;
		subject.ids = { ...subject.ids, contactId: id };
		const update = readContactFields.call(this, check, fields, UPDATABLE);
		const { records } = await send({
			method: 'PATCH',
			path: `/v1/contacts/${segment.segment}`,
			qs: {},
			body: update,
			change: 'updated',
			output: { property: 'data', shape: 'object' },
		});
		const notUpdated = [
			...new Set(
				Object.keys(fields)
					.filter((name) => name in CREATION_ONLY)
					.map((name) => CREATION_ONLY[name as keyof typeof CREATION_ONLY]),
			),
		];
		const item: IDataObject = { ...records[0], created: false };
		if (notUpdated.length) item.not_updated = notUpdated;
		return [item];
	},
	mayHaveChangedHint:
		'check the contact in LeadLex before running the workflow again: a second run finds it by its email and updates it.',
});

export const upsertDescription: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		description:
			'The match key: the contact whose email is exactly this (not case-sensitive) is updated; when there is none, one is created',
		displayOptions: { show: showFor('upsert') },
	},
	nameField('upsert'),
	{
		displayName: `LeadLex updates only the name, email, phone, job title, company and LinkedIn URL of an existing contact. The other fields (${CREATION_ONLY_LABELS}) apply only when the contact is created; when they were set for an existing contact, the output lists them in not_updated.`,
		name: 'creationOnlyNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: showFor('upsert') },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showFor('upsert') },
		options: contactCreateFields,
	},
	optionsField('upsert'),
];
