import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import type { FieldChecker } from '../../../shared/values';
import { chunkedRequests } from '../chunks';
import { leadlexOperation } from '../operation';
import { optionsField, showFor } from './contactFields';
import { CONTACT_ERRORS } from './errors';

/** The most contacts LeadLex creates in one request (§9.1). */
export const MAX_CONTACTS_PER_BULK_CREATE = 500;

/** The fields a contact of the bulk create takes (§9.1). */
const BULK_FIELDS = new Set([
	'full_name',
	'email',
	'phone',
	'job_title',
	'company',
	'linkedin_url',
	'tags',
	'custom_fields',
]);

/** The contacts, checked before any request: objects with a full_name and LeadLex's fields only. */
function readContacts(check: FieldChecker, value: unknown): IDataObject[] {
	let list = value;
	if (typeof list === 'string') {
		try {
			list = JSON.parse(list);
		} catch {
			throw check.fail(
				'Contacts',
				'must be a list of contacts (JSON), but it is text that is not JSON',
			);
		}
	}
	if (!Array.isArray(list)) throw check.fail('Contacts', 'must be a list of contacts');
	if (list.length === 0) throw check.fail('Contacts', 'contain no contact');
	const lacking: number[] = [];
	list.forEach((contact: unknown, index) => {
		const position = index + 1;
		if (!contact || typeof contact !== 'object' || Array.isArray(contact)) {
			throw check.fail(
				'Contacts',
				`must contain only contacts, but entry ${position} is not an object`,
			);
		}
		const fields = contact as IDataObject;
		const unknown = Object.keys(fields).filter((key) => !BULK_FIELDS.has(key));
		if (unknown.length) {
			throw check.fail(
				'Contacts',
				`entry ${position} has fields LeadLex's bulk create does not take (${unknown.join(', ')}); it takes ${[...BULK_FIELDS].join(', ')}`,
			);
		}
		if (typeof fields.full_name !== 'string' || fields.full_name.trim() === '')
			lacking.push(position);
	});
	if (lacking.length) {
		const shown =
			lacking.slice(0, 10).join(', ') +
			(lacking.length > 10 ? ` and ${lacking.length - 10} more` : '');
		throw check.fail('Contacts', `need a full_name each, but entries ${shown} have none`);
	}
	return list as IDataObject[];
}

export const createManyOperation = leadlexOperation({
	name: 'Create Many',
	value: 'createMany',
	action: 'Create many contacts',
	description: `Add many contacts in one go (${MAX_CONTACTS_PER_BULK_CREATE} per request), one output item per created contact; no duplicate check`,
	method: 'POST',
	path: '/v1/contacts/bulk',
	permission: PERMISSIONS.contactsWrite,
	change: 'created',
	label: () => 'the new contacts',
	plural: true,
	errors: CONTACT_ERRORS,
	output: { property: 'data', shape: 'object', requiredField: { name: 'contacts', type: 'list' } },
	run: chunkedRequests<IDataObject>({
		size: MAX_CONTACTS_PER_BULK_CREATE,
		noun: 'contacts',
		verb: 'created',
		rerun:
			'Running the item again would create those contacts twice: leave the ones already created out of Contacts first.',
		prepare({ check }) {
			const contacts = readContacts(check, this.getNodeParameter('contacts', []));
			return { ids: contacts, body: (chunk) => ({ contacts: chunk }) };
		},
		combine: (answers) =>
			answers.flatMap((answer) =>
				Array.isArray(answer.contacts) ? (answer.contacts as IDataObject[]) : [],
			),
		done: (created) => `${created.length} contacts had already been created`,
	}),
	mayHaveChangedHint:
		'running the workflow again may create them twice. Check the contacts in LeadLex first.',
});

export const createManyDescription: INodeProperties[] = [
	{
		displayName: 'Contacts',
		name: 'contacts',
		type: 'json',
		required: true,
		default: '[]',
		description:
			'A list of contacts in LeadLex’s fields, e.g. [{"full_name": "Jane Example", "email": "jane@example.com"}] or an expression after an Aggregate node. Each needs full_name; the others are email, phone, job_title, company, linkedin_url, tags and custom_fields.',
		hint: `More than ${MAX_CONTACTS_PER_BULK_CREATE} contacts are sent in requests of ${MAX_CONTACTS_PER_BULK_CREATE}.`,
		displayOptions: { show: showFor('createMany') },
	},
	optionsField('createMany'),
];
