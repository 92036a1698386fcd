/**
 * The sandbox's contacts (docs §9.1): the record, the views each route answers with, name
 * handling, and the seeded contacts (every contact ID a seeded enrollment or list refers to, named
 * as activity.ts names them, plus a few notes for JANE). Deterministic.
 */
import { JANE, seededIdParts, seededPerson, type ContactList } from './activity';
import type { JsonObject } from './http';

export type Priority = 'high' | 'medium' | 'low';

/** A note record, as `GET /v1/contacts/{id}/notes` returns it. */
export interface ContactNote {
	id: string;
	title: string;
	content: string;
	note_type: 'general' | 'meeting' | 'call' | 'email' | 'other';
	tags: string[];
	is_pinned: boolean;
	created_date: string;
	updated_date: string;
}

export interface Contact {
	id: string;
	first_name: string;
	last_name: string;
	full_name: string;
	email: string | null;
	phone: string | null;
	job_title: string | null;
	company: string | null;
	related_company_id: string | null;
	linkedin_url: string | null;
	priority: Priority | null;
	tags: string[];
	custom_fields: JsonObject;
	created_date: string;
	updated_date: string;
	/** The notes text PATCH appends to (newline-separated); not shown by any route. */
	notes: string;
	/** The contact's note records (GET .../notes, `include=notes`, moved by merge). */
	note_records: ContactNote[];
}

/** The fields a merge fills on the primary from the first duplicate that has them, in order. */
export const MERGE_FILLED_FIELDS = [
	'email',
	'phone',
	'job_title',
	'company',
	'linkedin_url',
	'related_company_id',
] as const;

/** `GET /v1/contacts` items. */
export function contactListView(c: Contact): JsonObject {
	return {
		id: c.id,
		full_name: c.full_name,
		email: c.email,
		phone: c.phone,
		job_title: c.job_title,
		company_name: c.company,
		linkedin_url: c.linkedin_url,
		created_at: c.created_date,
		updated_date: c.updated_date,
	};
}

/** `GET /v1/contacts/{id}` (without the `include` extras) and the merge answer's `primary`. */
export function contactView(c: Contact): JsonObject {
	return {
		id: c.id,
		first_name: c.first_name,
		last_name: c.last_name,
		full_name: c.full_name,
		email: c.email,
		phone: c.phone,
		job_title: c.job_title,
		company: c.company,
		related_company_id: c.related_company_id,
		linkedin_url: c.linkedin_url,
		priority: c.priority,
		tags: [...c.tags],
		custom_fields: structuredClone(c.custom_fields),
		created_date: c.created_date,
		updated_date: c.updated_date,
	};
}

/** The `POST /v1/contacts` answer. */
export function createdContactView(c: Contact): JsonObject {
	return {
		id: c.id,
		first_name: c.first_name,
		last_name: c.last_name,
		full_name: c.full_name,
		email: c.email,
		priority: c.priority,
		created_date: c.created_date,
	};
}

/** The `PATCH /v1/contacts/{id}` answer. */
export function updatedContactView(c: Contact): JsonObject {
	return {
		id: c.id,
		full_name: c.full_name,
		email: c.email,
		phone: c.phone,
		job_title: c.job_title,
		company_name: c.company,
		linkedin_url: c.linkedin_url,
		updated_date: c.updated_date,
	};
}

export function noteView(note: ContactNote): JsonObject {
	return { ...note, tags: [...note.tags] };
}

/** Note records newest first (ties: ID ascending). */
export function notesNewestFirst(notes: ContactNote[]): ContactNote[] {
	return [...notes].sort(
		(a, b) =>
			Date.parse(b.created_date) - Date.parse(a.created_date) ||
			(a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
	);
}

/**
 * A full name as first and last name: "Last, First" is understood, otherwise it is split on the
 * last space (one word: the first name, last name ''). `full` is "First Last".
 */
export function splitFullName(fullName: string): { first: string; last: string; full: string } {
	const name = fullName.trim().replace(/\s+/g, ' ');
	const comma = name.indexOf(',');
	let first: string;
	let last: string;
	if (comma !== -1) {
		last = name.slice(0, comma).trim();
		first = name.slice(comma + 1).trim();
	} else {
		const space = name.lastIndexOf(' ');
		first = space === -1 ? name : name.slice(0, space);
		last = space === -1 ? '' : name.slice(space + 1);
	}
	return { first, last, full: [first, last].filter((part) => part !== '').join(' ') };
}

/** The last-resort name of a contact with an email only: `jane.doe@x.com` -> "Jane Doe". */
export function nameFromEmail(email: string): string {
	const local = email.slice(0, email.indexOf('@') === -1 ? undefined : email.indexOf('@'));
	const words = local
		.split(/[._+-]+/)
		.filter((word) => /[a-z]/i.test(word))
		.map((word) => word[0].toUpperCase() + word.slice(1));
	return words.length > 0 ? words.join(' ') : local;
}

const JOB_TITLES = [
	'General Counsel',
	'Managing Partner',
	'Chief Financial Officer',
	'Office Manager',
	'Founder',
	'HR Director',
];
const COMPANIES = [
	'Northwind Traders',
	'Bluebird Logistics',
	'Cedar Ridge Dental',
	'Harbor View Realty',
	'Summit Builders',
];

function iso(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** JANE's note records, for GET .../notes, `include=notes` and merge. */
function janeNotes(): ContactNote[] {
	const note = (
		n: number,
		title: string,
		content: string,
		noteType: ContactNote['note_type'],
		isPinned: boolean,
		created: string,
	): ContactNote => ({
		id: `note_jane_${n}`,
		title,
		content,
		note_type: noteType,
		tags: n === 1 ? ['estate-planning'] : [],
		is_pinned: isPinned,
		created_date: created,
		updated_date: created,
	});
	return [
		note(
			1,
			'Initial consultation',
			'Wants a will and a living trust.',
			'meeting',
			true,
			'2026-03-16T10:00:00Z',
		),
		note(
			2,
			'Call about trust documents',
			'Asked for a draft.',
			'call',
			false,
			'2026-03-25T15:30:00Z',
		),
		note(3, 'Sent the checklist', 'Estate checklist sent.', 'email', false, '2026-04-02T09:15:00Z'),
		note(4, 'Follow-up booked', 'Meeting on 2026-04-24.', 'general', false, '2026-04-10T11:00:00Z'),
	];
}

/** A seeded contact, made from its ID (activity.ts `contactId`, or JANE). */
export function seededContact(id: string): Contact {
	const { tag, n } = seededIdParts(id);
	const person = seededPerson(id);
	// Unique and before every seeded enrollment and list: from 2020-01-01, five hours per tag
	// (campaign or list) and one minute per number (at most 250 per tag).
	const created = iso(Date.UTC(2020, 0, 1) + tag * 5 * 3_600_000 + n * 60_000);
	const isJane = id === JANE.id;
	return {
		id,
		first_name: person.first,
		last_name: person.last,
		full_name: `${person.first} ${person.last}`,
		email: person.email,
		phone: `+1 555 01${String(n % 100).padStart(2, '0')}`,
		job_title: JOB_TITLES[n % JOB_TITLES.length],
		company: COMPANIES[(tag + n) % COMPANIES.length],
		related_company_id: null,
		linkedin_url: null,
		priority: isJane ? 'high' : null,
		tags: isJane ? ['estate-planning'] : [],
		custom_fields: {},
		created_date: created,
		updated_date: created,
		notes: '',
		note_records: isJane ? janeNotes() : [],
	};
}

/** Every contact the seeded enrollments and lists refer to, by ID. */
export function seededContacts(
	enrolledIds: Iterable<string>,
	lists: ContactList[],
): Map<string, Contact> {
	const contacts = new Map<string, Contact>();
	const add = (id: string): void => {
		if (!contacts.has(id)) contacts.set(id, seededContact(id));
	};
	for (const id of enrolledIds) add(id);
	for (const list of lists) list.contact_ids.forEach(add);
	return contacts;
}

/** A generated contact's ID: `c0de9999-0000-4000-8000-<n>`, outside the seeded tags' range. */
export const generatedContactId = (n: number): string =>
	`c0de9999-0000-4000-8000-${String(n).padStart(12, '0')}`;

/**
 * `count` made-up contacts (SeedWorkspace.generatedContacts), oldest first from 2021-01-01, one
 * minute apart, each with a unique email and every default export column filled.
 */
export function generatedContacts(count: number): Contact[] {
	const from = Date.UTC(2021, 0, 1);
	return Array.from({ length: count }, (_, index) => {
		const n = index + 1;
		const person = seededPerson(generatedContactId(n));
		const created = iso(from + index * 60_000);
		return {
			id: generatedContactId(n),
			first_name: person.first,
			last_name: person.last,
			full_name: `${person.first} ${person.last}`,
			email: `generated.${n}@example.com`,
			phone: `+1 555 ${String(n % 10_000).padStart(4, '0')}`,
			job_title: JOB_TITLES[n % JOB_TITLES.length],
			company: COMPANIES[n % COMPANIES.length],
			related_company_id: null,
			linkedin_url: `https://www.linkedin.com/in/generated-${n}`,
			priority: null,
			tags: n % 2 ? ['generated'] : ['generated', 'even'],
			custom_fields: {},
			created_date: created,
			updated_date: created,
			notes: '',
			note_records: [],
		};
	});
}
