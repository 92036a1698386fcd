import {
	NodeOperationError,
	type IDataObject,
	type IExecuteSingleFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { MAX_PAGE_SIZE, PERMISSIONS } from '../../../shared/constants';
import {
	LeadlexApiError,
	outcomeSentence,
	quoteId,
	withOutcome,
	type RequestSubject,
} from '../../../shared/errors/LeadlexApiError';
import { toPathSegment } from '../../../shared/ids';
import { leadlexOperation, type Send } from '../operation';
import { readPages } from '../paging';
import { contactCreateFields, optionsField, showFor } from './contactFields';
import { CREATE_NAMES, CREATION_ONLY, readContactFields, UPDATABLE } from './contactValues';
import { nameField } from './create.operation';
import { CONTACT_ERRORS } from './errors';

const CREATION_ONLY_LABELS =
	'first and last name, priority, tags, custom fields, related company and created date';

/**
 * The contacts whose email equals `email` (not case-sensitive), over every page of LeadLex's
 * search, which is partial and matches names too. The search changes nothing: its failure says so.
 */
async function findByEmail(
	this: IExecuteSingleFunctions,
	send: Send,
	subject: RequestSubject,
	email: string,
): Promise<IDataObject[]> {
	const wanted = email.toLowerCase();
	const change = subject.change;
	subject.permission = PERMISSIONS.contactsRead;
	subject.change = undefined;
	const found = await readPages
		.call(this, send, {
			idField: 'id',
			noun: 'contacts',
			limit: Infinity,
			perPage: MAX_PAGE_SIZE,
			qs: { search: email },
			matches: (contact) =>
				typeof contact.email === 'string' && contact.email.trim().toLowerCase() === wanted,
		})
		.then(
			(records) => ({ records }),
			(error: unknown) => ({ error }),
		);
	subject.change = change;
	if ('records' in found) return found.records;
	const { error } = found;
	if (error instanceof LeadlexApiError || error instanceof NodeOperationError) {
		error.message = withOutcome(
			`${error.message.replace(/\.$/, '')} (while searching LeadLex for the email)`,
			outcomeSentence({ ...subject, change }, 'unchanged'),
		);
		throw error;
	}
	throw new NodeOperationError(this.getNode(), String(error), { itemIndex: this.getItemIndex() });
}

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
		const matches = await findByEmail.call(this, send, subject, email);
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
		const [found] = matches;
		const id = String(found.id);
		const segment = toPathSegment(id);
		if (!('segment' in segment)) {
			throw new LeadlexApiError(this.getNode(), {
				message: `LeadLex's search answered with a contact ID that cannot be used in a request (it ${segment.problem}), so the node did not update it. Nothing was created or updated.`,
				description: 'Check the Base URL in the LeadLex credential: LeadLex sends UUIDs.',
				outcome: 'unchanged',
				itemIndex: this.getItemIndex(),
			});
		}
		subject.label = `contact ${quoteId(id)} (email ${quoteId(email)})`;
		subject.ids = { ...subject.ids, contactId: id };
		// The email matched: sending it again could only change its case.
		const changes = { ...fields };
		delete changes.email;
		const update = readContactFields.call(this, check, changes, UPDATABLE);
		const records =
			Object.keys(update).length === 0
				? [found]
				: (
						await send({
							method: 'PATCH',
							path: `/v1/contacts/${segment.segment}`,
							qs: {},
							body: update,
							change: 'updated',
							output: { property: 'data', shape: 'object' },
						})
					).records;
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
		displayName: `For an existing contact, LeadLex updates only the full name, phone, job title, company and LinkedIn URL (the email is the match key). The other fields (${CREATION_ONLY_LABELS}) apply only when the contact is created; when they were set for an existing contact, the output lists them in not_updated.`,
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
