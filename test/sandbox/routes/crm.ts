/**
 * Note, task and activity routes (docs §9.6): each creates one record, linked to its parent by ID
 * or by a fuzzy-matched `contact_name` / `company_name` (an ID wins over the name of its kind).
 * The assumptions where the docs are silent are listed in server.ts (assumption 23) and README.md
 * ("Company, note, task and activity routes").
 */
import { randomUUID } from 'node:crypto';

import {
	activityView,
	companyByName,
	contactByName,
	findCompany,
	NOTE_TYPES,
	noteRecordView,
	TASK_PRIORITIES,
	TASK_STATUSES,
	taskView,
	type ActivityRecord,
	type NoteRecord,
	type NoteType,
	type TaskRecord,
} from '../crm';
import { HttpError, isJsonObject, type JsonObject } from '../http';
import type { HandlerContext, HandlerResult, RouteDef } from '../routing';
import { findContact, type WorkspaceState } from '../store';
import { createdDateOf } from './contacts';
import {
	checkKnownFields,
	FieldErrors,
	isoSeconds,
	jsonObjectBody,
	parseIsoDate,
} from './validate';

/** The documented limits (§9.6): characters are Unicode code points. */
export const MAX_NOTE_CONTENT = 50_000;
export const MAX_ACTIVITY_TITLE = 500;
/** "8 KB" of metadata, as UTF-8 bytes of its JSON. */
export const MAX_METADATA_BYTES = 8 * 1024;

const NOTE_FIELDS = [
	'title',
	'content',
	'contact_id',
	'related_company_id',
	'company_id',
	'deal_id',
	'contact_name',
	'company_name',
	'note_type',
	'tags',
	'is_pinned',
	'created_date',
];
const TASK_FIELDS = [
	'title',
	'description',
	'status',
	'priority',
	'task_type',
	'due_date',
	'assignee_id',
	'contact_id',
	'deal_id',
	'event_id',
	'contact_name',
	'company_name',
	'created_date',
];
const ACTIVITY_FIELDS = [
	'type',
	'title',
	'description',
	'contact_id',
	'deal_id',
	'entity_type',
	'entity_id',
	'entity_name',
	'metadata',
];

const invalidFields = (names: string[]) => `Invalid or unknown fields: ${names.join(', ')}`;
const characters = (text: string) => Array.from(text).length;

/** Reads optional string fields: null counts as not given; blank or another type is an error. */
function stringReader(input: JsonObject, errors: FieldErrors) {
	return (field: string, required = false): string | undefined => {
		const value = input[field];
		if (value === undefined || value === null) {
			if (required) errors.add(field, 'Required');
			return undefined;
		}
		if (typeof value !== 'string') errors.add(field, 'Must be a string');
		else if (value.trim() === '') errors.add(field, required ? 'Required' : 'Must not be blank');
		else return value;
		return undefined;
	};
}

function oneOf<T extends string>(
	errors: FieldErrors,
	field: string,
	value: unknown,
	allowed: readonly T[],
): T | undefined {
	if (value === undefined || value === null) return undefined;
	if (!allowed.includes(value as T)) {
		errors.add(field, `Must be one of ${allowed.join(', ')}`);
		return undefined;
	}
	return value as T;
}

function missingParent(links: string): HttpError {
	return new HttpError(400, 'validation_error', `At least one parent link (${links}) is required`);
}

/** A linked deal must be one of the workspace's (404 not_found, as for contacts and companies). */
function checkDealLink(ws: WorkspaceState, id: string | undefined): void {
	if (id !== undefined && !ws.deals.has(id)) {
		throw new HttpError(404, 'not_found', `No deal with ID ${id}`);
	}
}

/**
 * The parent links by ID (404 not_found for an unknown contact or company; events are not kept by
 * the sandbox, so any event ID is taken), then each name whose kind has no ID (matchByName).
 */
function resolveLinks(
	ws: WorkspaceState,
	ids: { contact?: string; company?: string },
	names: { contact?: string; company?: string },
): { contact_id: string | null; related_company_id: string | null } {
	const contactId = ids.contact ?? null;
	const companyId = ids.company ?? null;
	if (contactId !== null) findContact(ws, contactId);
	if (companyId !== null) findCompany(ws.crm, companyId);
	return {
		contact_id:
			contactId ??
			(names.contact === undefined ? null : contactByName(ws.contacts, names.contact).id),
		related_company_id:
			companyId ??
			(names.company === undefined ? null : companyByName(ws.crm.companies, names.company).id),
	};
}

function createNote({ ws, body, now }: HandlerContext): HandlerResult {
	const input = jsonObjectBody(body);
	const errors = new FieldErrors();
	checkKnownFields(errors, input, NOTE_FIELDS);
	const text = stringReader(input, errors);
	const title = text('title', true);
	const content = text('content');
	if (content !== undefined && characters(content) > MAX_NOTE_CONTENT) {
		errors.add('content', `At most ${MAX_NOTE_CONTENT} characters`);
	}
	const ids = {
		contact: text('contact_id'),
		// The documented name wins over the older alias.
		company: text('related_company_id') ?? text('company_id'),
		deal: text('deal_id'),
	};
	const names = { contact: text('contact_name'), company: text('company_name') };
	const noteType = oneOf<NoteType>(errors, 'note_type', input.note_type, NOTE_TYPES);
	const tags = input.tags ?? [];
	if (!Array.isArray(tags) || tags.some((tag) => typeof tag !== 'string')) {
		errors.add('tags', 'Must be an array of strings');
	}
	const pinned = input.is_pinned ?? false;
	if (typeof pinned !== 'boolean') errors.add('is_pinned', 'Must be a boolean');
	text('created_date');
	errors.throwIfAny('validation_error', invalidFields);
	if (![...Object.values(ids), ...Object.values(names)].some((v) => v !== undefined)) {
		throw missingParent('contact_id, company_id, deal_id, or event_id');
	}
	const links = resolveLinks(ws, ids, names);
	checkDealLink(ws, ids.deal);
	const created = createdDateOf(input, now);
	const note: NoteRecord = {
		id: randomUUID(),
		title: title as string,
		content: content ?? '',
		note_type: noteType ?? 'general',
		tags: [...new Set(tags as string[])],
		is_pinned: pinned as boolean,
		...links,
		deal_id: ids.deal ?? null,
		created_date: created,
		updated_date: isoSeconds(now),
	};
	ws.crm.notes.push(note);
	const contact = note.contact_id === null ? undefined : ws.contacts.get(note.contact_id);
	contact?.note_records.push({
		id: note.id,
		title: note.title,
		content: note.content,
		note_type: note.note_type,
		tags: [...note.tags],
		is_pinned: note.is_pinned,
		created_date: note.created_date,
		updated_date: note.updated_date,
	});
	return { status: 201, payload: { data: noteRecordView(note) } };
}

function createTask({ ws, body, now }: HandlerContext): HandlerResult {
	const input = jsonObjectBody(body);
	const errors = new FieldErrors();
	checkKnownFields(errors, input, TASK_FIELDS);
	const text = stringReader(input, errors);
	const title = text('title', true);
	const description = text('description');
	const status = oneOf(errors, 'status', input.status, TASK_STATUSES);
	const priority = oneOf(errors, 'priority', input.priority, TASK_PRIORITIES);
	const taskType = text('task_type');
	const dueDate = text('due_date');
	if (dueDate !== undefined && Number.isNaN(parseIsoDate(dueDate.trim()))) {
		errors.add('due_date', 'Must be an ISO 8601 date-time or a date (YYYY-MM-DD)');
	}
	const assignee = text('assignee_id');
	const ids = { contact: text('contact_id'), deal: text('deal_id'), event: text('event_id') };
	const names = { contact: text('contact_name'), company: text('company_name') };
	text('created_date');
	errors.throwIfAny('validation_error', invalidFields);
	if (![...Object.values(ids), ...Object.values(names)].some((v) => v !== undefined)) {
		throw missingParent('contact_id, deal_id, or event_id');
	}
	const links = resolveLinks(ws, { contact: ids.contact }, names);
	checkDealLink(ws, ids.deal);
	const task: TaskRecord = {
		id: randomUUID(),
		title: title as string,
		description: description ?? null,
		status: status ?? 'open',
		priority: priority ?? null,
		task_type: taskType ?? null,
		due_date: dueDate?.trim() ?? null,
		assigned_to_user_id: assignee ?? null,
		contact_id: links.contact_id,
		deal_id: ids.deal ?? null,
		event_id: ids.event ?? null,
		related_company_id: links.related_company_id,
		created_date: createdDateOf(input, now),
	};
	ws.crm.tasks.push(task);
	const data = taskView(task);
	return {
		status: 201,
		payload: { data },
		events: [{ event: 'task.created', data: { task: structuredClone(data) } }],
	};
}

/** UTF-8 bytes of a text. */
function utf8Bytes(text: string): number {
	return Buffer.byteLength(text, 'utf8');
}

function createActivity({ ws, body, now }: HandlerContext): HandlerResult {
	const input = jsonObjectBody(body);
	const errors = new FieldErrors();
	checkKnownFields(errors, input, ACTIVITY_FIELDS);
	const text = stringReader(input, errors);
	const type = text('type', true);
	const title = text('title', true);
	if (title !== undefined && characters(title) > MAX_ACTIVITY_TITLE) {
		errors.add('title', `At most ${MAX_ACTIVITY_TITLE} characters`);
	}
	const description = text('description');
	const contactId = text('contact_id');
	const dealId = text('deal_id');
	const entityType = text('entity_type');
	const entityId = text('entity_id');
	const entityName = text('entity_name');
	if ((entityId !== undefined || entityName !== undefined) && entityType === undefined) {
		errors.add('entity_type', 'Required with entity_id or entity_name');
	}
	const metadata = input.metadata ?? {};
	if (!isJsonObject(metadata)) errors.add('metadata', 'Must be a JSON object');
	else if (utf8Bytes(JSON.stringify(metadata)) > MAX_METADATA_BYTES) {
		errors.add('metadata', `At most ${MAX_METADATA_BYTES} bytes as JSON`);
	}
	errors.throwIfAny('validation_error', invalidFields);
	if (contactId !== undefined) findContact(ws, contactId);
	checkDealLink(ws, dealId);
	const activity: ActivityRecord = {
		id: `act_${randomUUID()}`,
		type: (type as string).trim(),
		title: title as string,
		description: description ?? null,
		contact_id: contactId ?? null,
		deal_id: dealId ?? null,
		entity_type: entityType ?? null,
		entity_id: entityId ?? null,
		entity_name: entityName ?? null,
		metadata: structuredClone(metadata as JsonObject),
		created_date: isoSeconds(now),
	};
	ws.crm.activities.push(activity);
	const data = activityView(activity);
	return {
		status: 201,
		payload: { data: { activity: data } },
		events: [{ event: 'activity.created', data: { activity: structuredClone(data) } }],
	};
}

export const crmRoutes: RouteDef[] = [
	{ method: 'POST', pattern: '/v1/notes', permission: 'contacts:write', handler: createNote },
	{ method: 'POST', pattern: '/v1/tasks', permission: 'activities:write', handler: createTask },
	{
		method: 'POST',
		pattern: '/v1/activities',
		permission: 'activities:write',
		handler: createActivity,
	},
];
