/**
 * Contact list routes (docs §9.2): list, create, add contacts, remove one contact, delete. The
 * 404 codes follow each page: add contacts answers `not_found`, the two deletes `list_not_found`
 * (and `membership_not_found`). The assumptions where the docs are silent are listed in server.ts
 * (assumption 21) and README.md ("List routes").
 */
import { randomUUID } from 'node:crypto';

import type { ContactList } from '../activity';
import { HttpError, type JsonObject } from '../http';
import type { HandlerContext, HandlerResult, RouteDef } from '../routing';
import { findList, type WorkspaceState } from '../store';
import {
	checkIdList,
	checkKnownFields,
	checkNonBlankString,
	FieldErrors,
	isoSeconds,
	jsonObjectBody,
	paged,
} from './validate';

/** The most contact IDs one add-contacts request takes (docs §9.2). */
export const MAX_LIST_CONTACTS_PER_REQUEST = 100;

const invalidFields = (names: string[]) => `Invalid or unknown fields: ${names.join(', ')}`;

function listView(list: ContactList): JsonObject {
	return {
		id: list.id,
		name: list.name,
		description: list.description,
		contact_count: list.contact_ids.length,
		created_at: list.created_at,
	};
}

function listLists({ ws, query }: HandlerContext): HandlerResult {
	return { payload: paged(query, [...ws.lists.values()], 'lists', listView) };
}

function nameTaken(ws: WorkspaceState, name: string): boolean {
	const wanted = name.trim().toLowerCase();
	return [...ws.lists.values()].some((list) => list.name.trim().toLowerCase() === wanted);
}

function createList({ ws, body, now }: HandlerContext): HandlerResult {
	const input = jsonObjectBody(body);
	const errors = new FieldErrors();
	checkKnownFields(errors, input, ['name', 'description']);
	checkNonBlankString(errors, 'name', input.name);
	const description = input.description ?? null;
	if (description !== null && typeof description !== 'string') {
		errors.add('description', 'Must be a string');
	}
	errors.throwIfAny('validation_error', invalidFields);
	const name = input.name as string;
	if (nameTaken(ws, name)) {
		throw new HttpError(400, 'validation_error', 'A list with this name already exists', {
			fields: { name: 'Must be unique' },
		});
	}
	let id: string;
	do id = randomUUID();
	while (ws.lists.has(id) || ws.deletedListIds.has(id));
	const list: ContactList = {
		id,
		name,
		description: description as string | null,
		contact_ids: [],
		created_at: isoSeconds(now),
	};
	ws.lists.set(id, list);
	const data = listView(list);
	return {
		status: 201,
		payload: { data },
		events: [{ event: 'list.created', data: { list: data } }],
	};
}

/** The request's contact IDs, all contacts of the workspace (else 400 naming the others). */
function contactIdsToAdd(ws: WorkspaceState, input: JsonObject): string[] {
	const errors = new FieldErrors();
	checkIdList(errors, 'contact_ids', input.contact_ids, MAX_LIST_CONTACTS_PER_REQUEST);
	errors.throwIfAny('validation_error', invalidFields);
	const ids = input.contact_ids as string[];
	const unknown = [...new Set(ids.filter((id) => !ws.contacts.has(id)))];
	if (unknown.length > 0) {
		throw new HttpError(400, 'validation_error', `Unknown contact IDs: ${unknown.join(', ')}`, {
			fields: { contact_ids: `Not contacts of this workspace: ${unknown.join(', ')}` },
		});
	}
	return ids;
}

function addListContacts({ ws, params, body }: HandlerContext): HandlerResult {
	const list = findList(ws, params.id, 'not_found');
	const ids = contactIdsToAdd(ws, jsonObjectBody(body));
	const added: string[] = [];
	for (const id of ids) {
		if (list.contact_ids.includes(id)) continue; // members, and repeats within the request
		list.contact_ids.push(id);
		added.push(id);
	}
	const data = { added: added.length, list_id: list.id, contact_count: list.contact_ids.length };
	return {
		payload: { data },
		events:
			added.length === 0
				? []
				: [{ event: 'list.contacts_added', data: { ...data, contact_ids: added } }],
	};
}

function removeListContact({ ws, params }: HandlerContext): HandlerResult {
	const list = findList(ws, params.list_id, 'list_not_found');
	const contactId = params.contact_id;
	if (!list.contact_ids.includes(contactId)) {
		throw new HttpError(
			404,
			'membership_not_found',
			`Contact ${contactId} is not in list ${list.id}`,
		);
	}
	list.contact_ids = list.contact_ids.filter((id) => id !== contactId);
	return {
		payload: { data: { removed: true, list_id: list.id, contact_id: contactId } },
		events: [{ event: 'list.contacts_removed', data: { list_id: list.id, contact_id: contactId } }],
	};
}

function deleteList({ ws, params }: HandlerContext): HandlerResult {
	const list = findList(ws, params.id, 'list_not_found');
	ws.lists.delete(list.id);
	ws.deletedListIds.add(list.id);
	return {
		payload: {
			data: { deleted: true, id: list.id, memberships_removed: list.contact_ids.length },
		},
		events: [{ event: 'list.deleted', data: { list: { id: list.id } } }],
	};
}

export const listRoutes: RouteDef[] = [
	{ method: 'GET', pattern: '/v1/lists', permission: 'contacts:read', handler: listLists },
	{ method: 'POST', pattern: '/v1/lists', permission: 'contacts:write', handler: createList },
	{
		method: 'POST',
		pattern: '/v1/lists/:id/contacts',
		permission: 'contacts:write',
		handler: addListContacts,
	},
	{
		method: 'DELETE',
		pattern: '/v1/lists/:list_id/contacts/:contact_id',
		permission: 'contacts:write',
		handler: removeListContact,
	},
	{ method: 'DELETE', pattern: '/v1/lists/:id', permission: 'contacts:write', handler: deleteList },
];
