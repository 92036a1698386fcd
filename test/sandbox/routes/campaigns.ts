/**
 * Campaign routes (docs §8.8-8.18): list, get, create, update, delete (draft only), start,
 * pause, stats, events, contacts, add contacts. The assumptions where the docs are silent are
 * listed in README.md ("Campaign routes") and summed up in server.ts (assumption 19).
 */
import { randomBytes } from 'node:crypto';

import { EVENT_TYPES, ENROLLMENT_STATUSES, statsOf, type Enrollment } from '../activity';
import { HttpError, type JsonObject } from '../http';
import { queueCampaignStart } from '../lexi';
import type { HandlerContext, HandlerResult, RouteDef } from '../routing';
import { DEFAULT_CAMPAIGN_SETTINGS, type Campaign } from '../seed';
import { copySteps, findCampaign, type CampaignEntry, type WorkspaceState } from '../store';
import {
	checkInteger,
	dateParam,
	FieldErrors,
	isoSeconds,
	jsonObjectBody,
	listNames,
	oneOfParam,
	paged,
} from './validate';

/** Campaigns with more than this many contacts go to Lexi for approval on start (§8.13). */
export const APPROVAL_THRESHOLD = 100;
/** The most contact IDs one add-contacts request takes (§8.18). */
export const MAX_CONTACTS_PER_REQUEST = 500;

/** The campaign as GET returns it: the settings plus created_at, step_count and steps. */
function campaignView(entry: CampaignEntry): JsonObject {
	return {
		...entry.campaign,
		step_count: entry.steps.length,
		steps: copySteps(entry.steps),
	} as unknown as JsonObject;
}

function listCampaigns({ ws, query, profile }: HandlerContext): HandlerResult {
	let all = [...ws.campaigns.values()];
	const search = query.get('search');
	if (profile === 'full' && search !== null && search !== '') {
		const needle = search.toLowerCase();
		all = all.filter((e) => e.campaign.name.toLowerCase().includes(needle));
	}
	all.sort((a, b) => {
		if (a.campaign.created_at !== b.campaign.created_at) {
			return a.campaign.created_at < b.campaign.created_at ? 1 : -1;
		}
		return a.campaign.id < b.campaign.id ? -1 : a.campaign.id > b.campaign.id ? 1 : 0;
	});
	const payload = paged(query, all, 'campaigns', (e) => ({
		id: e.campaign.id,
		name: e.campaign.name,
		status: e.campaign.status,
		created_at: e.campaign.created_at,
		step_count: e.steps.length,
	}));
	return { payload };
}

function getCampaign({ ws, params }: HandlerContext): HandlerResult {
	const entry = findCampaign(ws, params.id);
	return { payload: { data: { campaign: campaignView(entry) } } };
}

function createCampaign({ ws, body, now }: HandlerContext): HandlerResult {
	const input = jsonObjectBody(body);
	const errors = new FieldErrors();
	for (const field of ['name', 'list_id', 'template'] as const) {
		const value = input[field];
		if (value === undefined || value === null) errors.add(field, 'Required');
		else if (typeof value !== 'string') errors.add(field, 'Must be a string');
		else if (value.trim() === '') errors.add(field, 'Required');
	}
	errors.throwIfAny('validation_error', (names) => `Missing or invalid ${listNames(names)}`);
	const listId = input.list_id as string;
	if (ws.deletedListIds.has(listId)) {
		throw new HttpError(404, 'list_not_found', `List ${listId} has been deleted`);
	}
	const list = ws.lists.get(listId);
	if (!list) {
		throw new HttpError(400, 'validation_error', 'Invalid list ID', {
			fields: { list_id: 'No list with this ID in the workspace' },
		});
	}
	let id: string;
	do id = `cmp_${randomBytes(8).toString('hex')}`;
	while (ws.campaigns.has(id));
	const created = isoSeconds(now);
	const campaign: Campaign = {
		...DEFAULT_CAMPAIGN_SETTINGS,
		id,
		name: input.name as string,
		status: 'draft',
		created_at: created,
	};
	const contacts: Enrollment[] = list.contact_ids.map((contactId) => ({
		contact_id: contactId,
		status: 'pending',
		current_step: 0,
		added_at: created,
		last_sent_at: null,
		source: `list:${list.id}`,
	}));
	ws.campaigns.set(id, {
		campaign,
		steps: [],
		contacts,
		events: [],
		listId: list.id,
		template: input.template as string,
	});
	const data = { id, name: campaign.name, status: 'draft', list_id: list.id, created_at: created };
	return {
		status: 201,
		payload: { data },
		events: [{ event: 'campaign.created', data: { campaign: data } }],
	};
}

const SETTINGS = [
	'name',
	'description',
	'daily_send_limit',
	'delay_between_emails',
	'sending_timezone',
	'send_on_weekends',
	'track_opens',
	'track_clicks',
	'show_unsubscribe',
] as const;

function isTimezone(value: unknown): boolean {
	if (typeof value !== 'string' || value.trim() === '') return false;
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: value });
		return true;
	} catch {
		return false;
	}
}

function updateCampaign({ ws, params, body }: HandlerContext): HandlerResult {
	const entry = findCampaign(ws, params.id);
	const input = jsonObjectBody(body);
	const given = SETTINGS.filter((field) => Object.hasOwn(input, field));
	if (given.length === 0) {
		throw new HttpError(
			400,
			'validation_error',
			`Request body must contain at least one of ${SETTINGS.join(', ')}`,
		);
	}
	const errors = new FieldErrors();
	if (Object.hasOwn(input, 'name')) {
		if (typeof input.name !== 'string' || input.name.trim() === '') {
			errors.add('name', 'Must be a non-empty string');
		}
	}
	if (Object.hasOwn(input, 'description') && typeof input.description !== 'string') {
		errors.add('description', 'Must be a string');
	}
	if (Object.hasOwn(input, 'daily_send_limit')) {
		checkInteger(errors, 'daily_send_limit', input.daily_send_limit, 1, 500);
	}
	if (Object.hasOwn(input, 'delay_between_emails')) {
		checkInteger(errors, 'delay_between_emails', input.delay_between_emails, 30);
	}
	if (Object.hasOwn(input, 'sending_timezone') && !isTimezone(input.sending_timezone)) {
		errors.add('sending_timezone', 'Must be an IANA time zone, e.g. Europe/Berlin');
	}
	for (const field of ['send_on_weekends', 'track_opens', 'track_clicks', 'show_unsubscribe']) {
		if (Object.hasOwn(input, field) && typeof input[field] !== 'boolean') {
			errors.add(field, 'Must be a boolean');
		}
	}
	errors.throwIfAny('validation_error', (names) => `Invalid value for ${listNames(names)}`);
	for (const field of given) (entry.campaign as unknown as JsonObject)[field] = input[field];
	return { payload: { data: { campaign: campaignView(entry) } } };
}

function deleteCampaign({ ws, params }: HandlerContext): HandlerResult {
	const entry = findCampaign(ws, params.id);
	if (entry.campaign.status !== 'draft') {
		throw new HttpError(
			409,
			'campaign_not_draft',
			`Only draft campaigns can be deleted; this campaign is ${entry.campaign.status}`,
		);
	}
	ws.campaigns.delete(params.id);
	return {
		payload: { data: { deleted: true, id: params.id } },
		events: [{ event: 'campaign.deleted', data: { campaign: { id: params.id } } }],
	};
}

function startCampaign({ ws, params, now }: HandlerContext): HandlerResult {
	const entry = findCampaign(ws, params.id);
	const status = entry.campaign.status;
	if (status === 'active' || status === 'pending_approval') {
		const waiting = status === 'pending_approval' ? ' (waiting for approval)' : '';
		throw new HttpError(400, 'validation_error', `Campaign is already running${waiting}`);
	}
	if (status === 'completed') {
		throw new HttpError(400, 'validation_error', 'Campaign is completed and cannot be started');
	}
	if (entry.contacts.length === 0) {
		throw new HttpError(400, 'validation_error', 'Campaign is empty: it has no contacts');
	}
	if (entry.steps.length === 0 && !entry.template) {
		throw new HttpError(400, 'validation_error', 'Campaign is empty: it has no steps');
	}
	const approval = entry.contacts.length > APPROVAL_THRESHOLD;
	entry.campaign.status = approval ? 'pending_approval' : 'active';
	const taskId = approval ? queueCampaignStart(ws, entry, isoSeconds(now)).id : null;
	return {
		payload: {
			data: { campaign_id: entry.campaign.id, status: entry.campaign.status, task_id: taskId },
		},
		// A start that waits for approval (status pending_approval) has not started anything yet.
		events: approval
			? []
			: [{ event: 'campaign.started', data: { campaign: { id: params.id, status: 'active' } } }],
	};
}

function pauseCampaign({ ws, params, now }: HandlerContext): HandlerResult {
	const entry = findCampaign(ws, params.id);
	if (entry.campaign.status !== 'active') {
		throw new HttpError(
			409,
			'campaign_not_active',
			`Campaign is not in active status (it is ${entry.campaign.status})`,
		);
	}
	entry.campaign.status = 'paused';
	const campaign = { id: entry.campaign.id, status: 'paused', paused_at: isoSeconds(now) };
	return {
		payload: { data: { campaign } },
		events: [{ event: 'campaign.paused', data: { campaign } }],
	};
}

function campaignStats({ ws, params }: HandlerContext): HandlerResult {
	const entry = findCampaign(ws, params.id);
	return { payload: { data: { stats: statsOf(entry.events) } } };
}

function campaignEvents({ ws, params, query }: HandlerContext): HandlerResult {
	const entry = findCampaign(ws, params.id);
	const type = oneOfParam(query, 'type', EVENT_TYPES);
	const contactId = query.get('contact_id');
	const from = dateParam(query, 'from_date');
	const to = dateParam(query, 'to_date');
	const events = entry.events.filter((event) => {
		const at = Date.parse(event.timestamp);
		return (
			(type === undefined || event.type === type) &&
			(contactId === null || event.contact_id === contactId) &&
			(from === undefined || at >= from) &&
			(to === undefined || at <= to)
		);
	});
	return {
		payload: paged(
			query,
			events.map((event) => ({ ...event, metadata: { ...event.metadata } })),
			'events',
		),
	};
}

/** An enrollment with the contact's name and email (null when the contact is unknown or gone). */
function enrollmentView(ws: WorkspaceState, enrollment: Enrollment): JsonObject {
	const { contact_id: contactId, ...rest } = enrollment;
	const contact = ws.contacts.get(contactId);
	return {
		contact_id: contactId,
		full_name: contact?.full_name ?? null,
		email: contact?.email ?? null,
		...rest,
	};
}

function campaignContacts({ ws, params, query }: HandlerContext): HandlerResult {
	const entry = findCampaign(ws, params.id);
	const status = oneOfParam(query, 'status', ENROLLMENT_STATUSES);
	const enrollments = entry.contacts.filter((e) => status === undefined || e.status === status);
	return { payload: paged(query, enrollments, 'contacts', (e) => enrollmentView(ws, e)) };
}

function addContacts({ ws, params, body, now }: HandlerContext): HandlerResult {
	const entry = findCampaign(ws, params.id);
	const input = jsonObjectBody(body);
	const ids = input.contact_ids;
	if (ids === undefined || ids === null || (Array.isArray(ids) && ids.length === 0)) {
		throw new HttpError(400, 'missing_required_field', 'contact_ids is missing or empty', {
			fields: { contact_ids: 'Required' },
		});
	}
	if (!Array.isArray(ids)) {
		throw new HttpError(400, 'validation_error', 'contact_ids must be an array', {
			fields: { contact_ids: 'Must be an array of contact IDs' },
		});
	}
	if (ids.length > MAX_CONTACTS_PER_REQUEST) {
		throw new HttpError(
			400,
			'too_many_contacts',
			`At most ${MAX_CONTACTS_PER_REQUEST} contacts per request (got ${ids.length})`,
		);
	}
	const errors = new FieldErrors();
	if (ids.some((id) => typeof id !== 'string' || id.trim() === '')) {
		errors.add('contact_ids', 'Every entry must be a non-empty string');
	}
	if (Object.hasOwn(input, 'source') && typeof input.source !== 'string') {
		errors.add('source', 'Must be a string');
	}
	errors.throwIfAny('validation_error', (names) => `Invalid value for ${listNames(names)}`);
	const enrolled = new Set(entry.contacts.map((contact) => contact.contact_id));
	const added: string[] = [];
	let skipped = 0;
	for (const id of ids as string[]) {
		if (enrolled.has(id)) {
			skipped++;
			continue;
		}
		enrolled.add(id);
		added.push(id);
	}
	const at = isoSeconds(now);
	const source = typeof input.source === 'string' ? input.source : null;
	entry.contacts.unshift(
		...added.reverse().map((contactId) => ({
			contact_id: contactId,
			status: 'pending' as const,
			current_step: 0,
			added_at: at,
			last_sent_at: null,
			source,
		})),
	);
	added.reverse();
	const data = { added: added.length, skipped, contact_ids: added };
	return {
		payload: { data },
		events: [{ event: 'campaign.contacts_added', data: { campaign_id: params.id, ...data } }],
	};
}

export const campaignRoutes: RouteDef[] = [
	{
		method: 'GET',
		pattern: '/v1/campaigns',
		permission: 'campaigns:read',
		handler: listCampaigns,
	},
	{
		method: 'GET',
		pattern: '/v1/campaigns/:id',
		permission: 'campaigns:read',
		handler: getCampaign,
	},
	{
		method: 'DELETE',
		pattern: '/v1/campaigns/:id',
		permission: 'campaigns:write',
		handler: deleteCampaign,
	},
	{
		method: 'POST',
		pattern: '/v1/campaigns',
		permission: 'campaigns:write',
		handler: createCampaign,
	},
	{
		method: 'PATCH',
		pattern: '/v1/campaigns/:id',
		permission: 'campaigns:write',
		handler: updateCampaign,
	},
	{
		method: 'POST',
		pattern: '/v1/campaigns/:id/start',
		permission: 'campaigns:write',
		handler: startCampaign,
	},
	{
		method: 'POST',
		pattern: '/v1/campaigns/:id/pause',
		permission: 'campaigns:write',
		handler: pauseCampaign,
	},
	{
		method: 'GET',
		pattern: '/v1/campaigns/:id/stats',
		permission: 'campaigns:read',
		handler: campaignStats,
	},
	{
		method: 'GET',
		pattern: '/v1/campaigns/:id/events',
		permission: 'campaigns:read',
		handler: campaignEvents,
	},
	{
		method: 'GET',
		pattern: '/v1/campaigns/:id/contacts',
		permission: 'campaigns:read',
		handler: campaignContacts,
	},
	{
		method: 'POST',
		pattern: '/v1/campaigns/:id/contacts',
		permission: 'campaigns:write',
		handler: addContacts,
	},
];
