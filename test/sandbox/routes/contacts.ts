/**
 * Contact routes (docs §9.1): list, get, create, update, bulk create, bulk delete, merge and a
 * contact's notes. Bulk delete and merge honour Idempotency-Key (docs §6). The assumptions where
 * the docs are silent are listed in server.ts (assumption 20) and README.md ("Contact routes").
 */
import { randomUUID } from 'node:crypto';

import {
	contactListView,
	contactView,
	createdContactView,
	MERGE_FILLED_FIELDS,
	nameFromEmail,
	noteView,
	notesNewestFirst,
	splitFullName,
	updatedContactView,
	type Contact,
	type Priority,
} from '../contacts';
import { moveContactRecords, openTasksOf } from '../crm';
import { HttpError, isJsonObject, type JsonObject } from '../http';
import type { HandlerContext, HandlerResult, RouteDef } from '../routing';
import { deleteContact, findContact, moveContactLinks, type WorkspaceState } from '../store';
import {
	checkIdList,
	checkKnownFields,
	checkNonBlankString,
	dateParam,
	FieldErrors,
	isoSeconds,
	jsonObjectBody,
	paged,
	parseIsoDate,
} from './validate';

/** The most contacts one bulk create or bulk delete takes, and duplicates one merge takes. */
export const MAX_BULK_CONTACTS = 500;
export const MAX_MERGE_DUPLICATES = 20;

const STRING_FIELDS = [
	'full_name',
	'first_name',
	'last_name',
	'email',
	'phone',
	'job_title',
	'company',
	'company_name',
	'related_company_id',
	'company_id',
	'linkedin_url',
	'created_date',
] as const;
export const CREATE_FIELDS = [...STRING_FIELDS, 'priority', 'tags', 'custom_fields'];
const BULK_ITEM_FIELDS = [
	'full_name',
	'email',
	'phone',
	'job_title',
	'company',
	'linkedin_url',
	'tags',
	'custom_fields',
];
const UPDATE_FIELDS = [
	'full_name',
	'email',
	'phone',
	'job_title',
	'company_name',
	'linkedin_url',
	'notes',
] as const;
/** The accepted priority values: the words, or the numbers 1-3 (not the strings "1"-"3"). */
export const PRIORITIES = new Map<unknown, Priority>([
	['high', 'high'],
	['medium', 'medium'],
	['low', 'low'],
	[1, 'high'],
	[2, 'medium'],
	[3, 'low'],
]);
const SORT_KEYS = {
	created_at: (c: Contact) => Date.parse(c.created_date),
	updated_date: (c: Contact) => Date.parse(c.updated_date),
	full_name: (c: Contact) => c.full_name.toLowerCase(),
} as const;
const INCLUDES = ['notes', 'tasks', 'deals'] as const;

const invalidFields = (names: string[]) => `Invalid or unknown fields: ${names.join(', ')}`;

function isEmail(value: string): boolean {
	return value.includes('@');
}

/** Type checks of the create fields present in `input` (null counts as not given). */
export function checkContactValues(errors: FieldErrors, input: JsonObject, prefix = ''): void {
	for (const field of STRING_FIELDS) {
		const value = input[field];
		if (value === undefined || value === null) continue;
		if (typeof value !== 'string') errors.add(`${prefix}${field}`, 'Must be a string');
		else if (field === 'email' && value.trim() !== '' && !isEmail(value)) {
			errors.add(`${prefix}${field}`, 'Must be an email address');
		}
	}
	const { priority, tags, custom_fields: customFields } = input;
	if (priority !== undefined && priority !== null && !PRIORITIES.has(priority)) {
		errors.add(`${prefix}priority`, 'Must be high, medium, low, 1, 2 or 3');
	}
	if (tags !== undefined && tags !== null) {
		if (!Array.isArray(tags) || tags.some((tag) => typeof tag !== 'string')) {
			errors.add(`${prefix}tags`, 'Must be an array of strings');
		}
	}
	if (customFields !== undefined && customFields !== null && !isJsonObject(customFields)) {
		errors.add(`${prefix}custom_fields`, 'Must be an object');
	}
}

/** A given, non-blank string field, else null. */
export function text(input: JsonObject, field: string): string | null {
	const value = input[field];
	return typeof value === 'string' && value.trim() !== '' ? value : null;
}

export function hasNameOrEmail(input: JsonObject): boolean {
	return ['full_name', 'first_name', 'last_name', 'email'].some((f) => text(input, f) !== null);
}

/** First, last and full name from full_name (explicit first/last win), first/last, or the email. */
export function namesOf(input: JsonObject): { first: string; last: string; full: string } {
	const fullName = text(input, 'full_name');
	const first = text(input, 'first_name');
	const last = text(input, 'last_name');
	if (fullName !== null) {
		const parts = splitFullName(fullName);
		return { first: first ?? parts.first, last: last ?? parts.last, full: parts.full };
	}
	if (first !== null || last !== null) {
		const full = [first, last].filter((part) => part !== null).join(' ');
		return { first: first ?? '', last: last ?? '', full };
	}
	return splitFullName(nameFromEmail(text(input, 'email') ?? ''));
}

/**
 * The data-integrity rule for a client's created_date: kept as sent when it is ISO 8601, at most
 * 24 h ahead and at most 5 years back; otherwise the server's time.
 */
export function createdDateOf(input: JsonObject, now: number): string {
	const sent = text(input, 'created_date');
	const ms = sent === null ? NaN : parseIsoDate(sent);
	const fiveYearsBack = new Date(now).setUTCFullYear(new Date(now).getUTCFullYear() - 5);
	if (Number.isNaN(ms) || ms > now + 24 * 3_600_000 || ms < fiveYearsBack) return isoSeconds(now);
	return sent as string;
}

function newContactId(ws: WorkspaceState): string {
	for (;;) {
		const id = randomUUID();
		if (!ws.contacts.has(id)) return id;
	}
}

/** A new contact from checked create (or bulk item) fields. */
export function contactFrom(ws: WorkspaceState, input: JsonObject, now: number): Contact {
	const names = namesOf(input);
	const custom = input.custom_fields;
	return {
		id: newContactId(ws),
		first_name: names.first,
		last_name: names.last,
		full_name: names.full,
		email: text(input, 'email'),
		phone: text(input, 'phone'),
		job_title: text(input, 'job_title'),
		company: text(input, 'company') ?? text(input, 'company_name'),
		related_company_id: text(input, 'related_company_id') ?? text(input, 'company_id'),
		linkedin_url: text(input, 'linkedin_url'),
		priority: PRIORITIES.get(input.priority) ?? null,
		tags: Array.isArray(input.tags) ? [...(input.tags as string[])] : [],
		custom_fields: isJsonObject(custom) ? structuredClone(custom) : {},
		created_date: createdDateOf(input, now),
		updated_date: isoSeconds(now),
		notes: '',
		note_records: [],
	};
}

/** `sort`: created_at (default), updated_date or full_name, `-` for descending. */
function sortParam(query: URLSearchParams): { by: keyof typeof SORT_KEYS; descending: boolean } {
	const raw = query.get('sort') ?? 'created_at';
	const descending = raw.startsWith('-');
	const by = descending ? raw.slice(1) : raw;
	if (!Object.hasOwn(SORT_KEYS, by)) {
		const allowed = Object.keys(SORT_KEYS).join(', ');
		throw new HttpError(
			400,
			'validation_error',
			`sort must be one of ${allowed}, "-" first for descending`,
			{
				fields: { sort: `Must be one of ${allowed}, optionally prefixed with -` },
			},
		);
	}
	return { by: by as keyof typeof SORT_KEYS, descending };
}

/** Sorted by the key, ties by ID ascending whatever the direction. */
function sortContacts(contacts: Contact[], query: URLSearchParams): Contact[] {
	const { by, descending } = sortParam(query);
	const keyOf = SORT_KEYS[by];
	const direction = descending ? -1 : 1;
	return contacts.sort((a, b) => {
		const ka = keyOf(a);
		const kb = keyOf(b);
		if (ka !== kb) return (ka < kb ? -1 : 1) * direction;
		return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
	});
}

function listContacts({ ws, query }: HandlerContext): HandlerResult {
	const needle = (query.get('search') ?? '').toLowerCase();
	const listId = query.get('list_id');
	const members = listId === null ? undefined : new Set(ws.lists.get(listId)?.contact_ids ?? []);
	const after = dateParam(query, 'created_after');
	const matches = [...ws.contacts.values()].filter(
		(c) =>
			(needle === '' ||
				c.full_name.toLowerCase().includes(needle) ||
				(c.email ?? '').toLowerCase().includes(needle)) &&
			(members === undefined || members.has(c.id)) &&
			(after === undefined || Date.parse(c.created_date) > after),
	);
	return { payload: paged(query, sortContacts(matches, query), 'contacts', contactListView) };
}

/** `include`: a comma list of notes, tasks, deals, or `*` for all three. */
function includesParam(query: URLSearchParams): Set<string> {
	const raw = query.get('include');
	if (raw === null) return new Set();
	const parts = raw
		.split(',')
		.map((part) => part.trim())
		.filter((part) => part !== '');
	if (parts.some((part) => part !== '*' && !(INCLUDES as readonly string[]).includes(part))) {
		throw new HttpError(400, 'validation_error', 'include must list notes, tasks, deals or *', {
			fields: { include: 'Must be a comma-separated list of notes, tasks, deals, or *' },
		});
	}
	return new Set(parts.includes('*') ? INCLUDES : parts);
}

function getContact({ ws, params, query }: HandlerContext): HandlerResult {
	const contact = findContact(ws, params.id);
	const includes = includesParam(query);
	const data = contactView(contact);
	if (includes.has('notes')) {
		data.recent_notes = notesNewestFirst(contact.note_records).slice(0, 3).map(noteView);
	}
	if (includes.has('tasks')) data.open_tasks = openTasksOf(ws.crm.tasks, contact.id);
	if (includes.has('deals')) data.open_deals = [];
	return { payload: { data } };
}

function createContact({ ws, body, now }: HandlerContext): HandlerResult {
	const input = jsonObjectBody(body);
	const errors = new FieldErrors();
	checkKnownFields(errors, input, CREATE_FIELDS);
	checkContactValues(errors, input);
	errors.throwIfAny('validation_error', invalidFields);
	if (!hasNameOrEmail(input)) {
		throw new HttpError(400, 'validation_error', 'A contact needs a name or an email address', {
			fields: { full_name: 'Name or email required', email: 'Name or email required' },
		});
	}
	const contact = contactFrom(ws, input, now);
	ws.contacts.set(contact.id, contact);
	const data = createdContactView(contact);
	return {
		status: 201,
		payload: { data },
		events: [{ event: 'contact.created', data: { contact: data } }],
	};
}

function checkUpdate(input: JsonObject): void {
	if (Object.keys(input).length === 0) {
		throw new HttpError(
			400,
			'validation_error',
			`Request body must contain at least one of ${UPDATE_FIELDS.join(', ')}`,
		);
	}
	const errors = new FieldErrors();
	checkKnownFields(errors, input, UPDATE_FIELDS);
	for (const field of UPDATE_FIELDS) {
		const value = input[field];
		if (value === undefined) continue;
		if (typeof value !== 'string') errors.add(field, 'Must be a string');
		else if (field === 'email' && !isEmail(value)) errors.add(field, 'Must be an email address');
		else if (field === 'full_name' && value.trim() === '') {
			errors.add(field, 'Must be a non-empty string');
		}
	}
	errors.throwIfAny('validation_error', invalidFields);
}

function updateContact({ ws, params, body, now }: HandlerContext): HandlerResult {
	const contact = findContact(ws, params.id);
	const input = jsonObjectBody(body);
	checkUpdate(input);
	const given = (field: (typeof UPDATE_FIELDS)[number]) => input[field] as string | undefined;
	const fullName = given('full_name');
	if (fullName !== undefined) {
		const names = splitFullName(fullName);
		Object.assign(contact, {
			first_name: names.first,
			last_name: names.last,
			full_name: names.full,
		});
	}
	for (const [field, target] of [
		['email', 'email'],
		['phone', 'phone'],
		['job_title', 'job_title'],
		['company_name', 'company'],
		['linkedin_url', 'linkedin_url'],
	] as const) {
		const value = given(field);
		if (value !== undefined) contact[target] = value;
	}
	const notes = given('notes');
	if (notes !== undefined && notes.trim() !== '') {
		contact.notes = contact.notes === '' ? notes : `${contact.notes}\n${notes}`;
	}
	contact.updated_date = isoSeconds(now);
	const data = updatedContactView(contact);
	return { payload: { data }, events: [{ event: 'contact.updated', data: { contact: data } }] };
}

function checkBulkItems(items: unknown): JsonObject[] {
	const errors = new FieldErrors();
	if (items === undefined || items === null) errors.add('contacts', 'Required');
	else if (!Array.isArray(items)) errors.add('contacts', 'Must be an array of contacts');
	else if (items.length === 0 || items.length > MAX_BULK_CONTACTS) {
		errors.add('contacts', `Must contain 1 to ${MAX_BULK_CONTACTS} contacts (got ${items.length})`);
	} else {
		items.forEach((item: unknown, i) => {
			const prefix = `contacts[${i}].`;
			if (!isJsonObject(item)) {
				errors.add(`contacts[${i}]`, 'Must be an object');
				return;
			}
			checkKnownFields(errors, item, BULK_ITEM_FIELDS, prefix);
			checkNonBlankString(errors, `${prefix}full_name`, item.full_name);
			checkContactValues(errors, item, prefix);
		});
	}
	errors.throwIfAny('validation_error', invalidFields);
	return items as JsonObject[];
}

function bulkCreateContacts({ ws, body, now }: HandlerContext): HandlerResult {
	const items = checkBulkItems(jsonObjectBody(body).contacts);
	const created = items.map((item) => {
		const contact = contactFrom(ws, item, now);
		ws.contacts.set(contact.id, contact);
		return { id: contact.id, full_name: contact.full_name, email: contact.email };
	});
	return {
		status: 201,
		payload: { data: { created: created.length, contacts: created } },
		events: [
			{
				event: 'contact.bulk_created',
				data: { contacts: structuredClone(created), count: created.length },
			},
		],
	};
}

function bulkDeleteContacts({ ws, body }: HandlerContext): HandlerResult {
	const input = jsonObjectBody(body);
	const errors = new FieldErrors();
	checkIdList(errors, 'contact_ids', input.contact_ids, MAX_BULK_CONTACTS);
	const dryRun = input.dry_run ?? false;
	if (typeof dryRun !== 'boolean') errors.add('dry_run', 'Must be a boolean');
	errors.throwIfAny('validation_error', invalidFields);
	const ids = [...new Set(input.contact_ids as string[])];
	const found = ids.filter((id) => ws.contacts.has(id));
	if (!dryRun) for (const id of found) deleteContact(ws, id);
	return {
		payload: {
			data: {
				deleted_count: found.length,
				not_found_count: ids.length - found.length,
				errors: [],
				dry_run: dryRun,
			},
		},
		events: dryRun
			? []
			: found.map((id) => ({ event: 'contact.deleted', data: { contact: { id } } })),
	};
}

/** The merge body: primary_id, duplicate_ids (1-20, no repeats, not the primary), nothing else. */
function checkMerge(input: JsonObject): { primaryId: string; duplicateIds: string[] } {
	const errors = new FieldErrors();
	checkKnownFields(errors, input, ['primary_id', 'duplicate_ids']);
	checkNonBlankString(errors, 'primary_id', input.primary_id);
	checkIdList(errors, 'duplicate_ids', input.duplicate_ids, MAX_MERGE_DUPLICATES);
	const duplicates = input.duplicate_ids;
	if (errors.empty && Array.isArray(duplicates)) {
		if (duplicates.includes(input.primary_id)) {
			errors.add('duplicate_ids', 'Must not contain primary_id');
		} else if (new Set(duplicates).size !== duplicates.length) {
			errors.add('duplicate_ids', 'Must not repeat an ID');
		}
	}
	errors.throwIfAny('validation_error', invalidFields);
	return { primaryId: input.primary_id as string, duplicateIds: duplicates as string[] };
}

/** Fills the primary's empty fields from the duplicate; returns the names of the fields filled. */
function fillFrom(primary: Contact, duplicate: Contact): string[] {
	const filled: string[] = [];
	for (const field of MERGE_FILLED_FIELDS) {
		const mine = primary[field];
		const theirs = duplicate[field];
		if ((mine === null || mine.trim() === '') && theirs !== null && theirs.trim() !== '') {
			primary[field] = theirs;
			filled.push(field);
		}
	}
	return filled;
}

function mergeContacts({ ws, body, now }: HandlerContext): HandlerResult {
	const { primaryId, duplicateIds } = checkMerge(jsonObjectBody(body));
	const primary = findContact(ws, primaryId);
	const duplicates = duplicateIds.map((id) => findContact(ws, id));
	const fieldsPopulated: string[] = [];
	let notesMoved = 0;
	let membershipsMoved = 0;
	const moved = { tasks: 0, activities: 0 };
	for (const duplicate of duplicates) {
		fieldsPopulated.push(...fillFrom(primary, duplicate));
		primary.tags = [...new Set([...primary.tags, ...duplicate.tags])];
		primary.note_records.push(...duplicate.note_records);
		notesMoved += duplicate.note_records.length;
		if (duplicate.notes !== '') {
			primary.notes =
				primary.notes === '' ? duplicate.notes : `${primary.notes}\n${duplicate.notes}`;
		}
		membershipsMoved += moveContactLinks(ws, duplicate.id, primary.id);
		const records = moveContactRecords(ws.crm, duplicate.id, primary.id);
		moved.tasks += records.tasks;
		moved.activities += records.activities;
		deleteContact(ws, duplicate.id);
	}
	primary.updated_date = isoSeconds(now);
	const data = {
		primary: contactView(primary),
		merged_ids: [...duplicateIds],
		fields_populated: fieldsPopulated,
		counts: {
			notes: notesMoved,
			activities: moved.activities,
			tasks: moved.tasks,
			emails: 0,
			documents: 0,
			list_memberships: membershipsMoved,
		},
	};
	return {
		payload: { data },
		events: duplicateIds.map((id) => ({
			event: 'contact.merged',
			data: { primary_id: primaryId, merged_id: id },
		})),
	};
}

function contactNotes({ ws, params, query }: HandlerContext): HandlerResult {
	const contact = findContact(ws, params.id);
	return { payload: paged(query, notesNewestFirst(contact.note_records), 'notes', noteView) };
}

export const contactRoutes: RouteDef[] = [
	{ method: 'GET', pattern: '/v1/contacts', permission: 'contacts:read', handler: listContacts },
	{ method: 'POST', pattern: '/v1/contacts', permission: 'contacts:write', handler: createContact },
	{
		method: 'POST',
		pattern: '/v1/contacts/bulk',
		permission: 'contacts:write',
		handler: bulkCreateContacts,
	},
	{
		method: 'POST',
		pattern: '/v1/contacts/bulk-delete',
		permission: 'write:contacts',
		idempotent: true,
		handler: bulkDeleteContacts,
	},
	{
		method: 'POST',
		pattern: '/v1/contacts/merge',
		permission: 'contacts:write',
		idempotent: true,
		handler: mergeContacts,
	},
	{ method: 'GET', pattern: '/v1/contacts/:id', permission: 'contacts:read', handler: getContact },
	{
		method: 'PATCH',
		pattern: '/v1/contacts/:id',
		permission: 'contacts:write',
		handler: updateContact,
	},
	{
		method: 'GET',
		pattern: '/v1/contacts/:id/notes',
		permission: 'contacts:read',
		handler: contactNotes,
	},
];
