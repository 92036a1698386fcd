/**
 * Deal routes (docs §9.3): list, get, create, update, delete, bulk create, bulk update and bulk
 * delete. Bulk delete honours Idempotency-Key (docs §6). The 404 codes follow each page: update
 * answers `not_found`, delete `deal_not_found` (get, undocumented: `not_found`). The assumptions
 * where the docs are silent are listed in server.ts (assumption 23) and README.md ("Deal routes").
 */
import { randomUUID } from 'node:crypto';

import {
	dealGetView,
	dealListView,
	dealsNewestFirst,
	dealView,
	type Deal,
	type DealPriority,
	type DealStatus,
	type FeeModel,
} from '../deals';
import { HttpError, isJsonObject, type JsonObject } from '../http';
import type { HandlerContext, HandlerResult, RouteDef } from '../routing';
import type { WorkspaceState } from '../store';
import {
	checkIdList,
	checkInteger,
	checkKnownFields,
	checkNonBlankString,
	dateParam,
	FieldErrors,
	isoSeconds,
	jsonObjectBody,
	oneOfParam,
	paged,
	parseIsoDate,
} from './validate';

/** The most deals one bulk create takes, IDs one bulk update and one bulk delete take (§9.3). */
export const MAX_BULK_CREATE_DEALS = 50;
export const MAX_BULK_UPDATE_DEALS = 100;
export const MAX_BULK_DELETE_DEALS = 500;

const STATUSES: readonly DealStatus[] = ['active', 'won', 'lost'];
const PRIORITIES: readonly DealPriority[] = ['low', 'medium', 'high', 'urgent'];
const FEE_MODELS: readonly FeeModel[] = ['hourly', 'fixed', 'contingency', 'retainer'];

/** The create page's names -> the record's field; `[alias, name]` pairs are the same field. */
const ALIASES = [
	['main_contact_id', 'contact_id'],
	['owner_user_id', 'owner_id'],
	['matter_type', 'deal_type'],
	['company_id', 'related_company_id'],
] as const;
const TEXT_FIELDS = [
	'stage',
	'pipeline',
	'contact_id',
	'owner_id',
	'deal_type',
	'notes',
	'description',
	'related_company_id',
	'relationship_partner_id',
	'matter_lead_id',
] as const;
const FIELDS = [
	'name',
	...TEXT_FIELDS,
	'status',
	'estimated_value',
	'priority',
	'tags',
	'follow_up_date',
	'probability',
	'currency',
	'team_member_ids',
	'fee_model',
	...ALIASES.map(([alias]) => alias),
];

const invalidFields = (names: string[]) => `Invalid or unknown fields: ${names.join(', ')}`;

/** The value of a field given under its name or its alias (null counts as not given). */
function given(input: JsonObject, name: string): unknown {
	const alias = ALIASES.find(([, target]) => target === name)?.[0];
	const value = input[name] ?? (alias === undefined ? undefined : input[alias]);
	return value === null ? undefined : value;
}

/**
 * Type checks of the deal fields present in `input` (create, update, bulk items, bulk updates),
 * collected in `errors` under `prefix` + the field name. `requireName`: create's rule.
 */
function checkDeal(
	ws: WorkspaceState,
	errors: FieldErrors,
	input: JsonObject,
	requireName: boolean,
	prefix = '',
): void {
	checkKnownFields(errors, input, FIELDS, prefix);
	const field = (name: string) => `${prefix}${name}`;
	if (requireName || input.name !== undefined) {
		checkNonBlankString(errors, field('name'), input.name);
	}
	for (const [alias, name] of ALIASES) {
		const a = input[alias];
		const b = input[name];
		if (a !== undefined && a !== null && b !== undefined && b !== null && a !== b) {
			errors.add(field(alias), `Conflicts with ${name}`);
		}
	}
	for (const name of TEXT_FIELDS) {
		const value = given(input, name);
		if (value !== undefined && typeof value !== 'string')
			errors.add(field(name), 'Must be a string');
	}
	const contact = given(input, 'contact_id');
	if (typeof contact === 'string' && !ws.contacts.has(contact)) {
		errors.add(field('contact_id'), 'Not a contact of this workspace');
	}
	const choice = (name: string, allowed: readonly string[]) => {
		const value = given(input, name);
		if (value !== undefined && !allowed.includes(value as string)) {
			errors.add(field(name), `Must be one of ${allowed.join(', ')}`);
		}
	};
	choice('status', STATUSES);
	choice('priority', PRIORITIES);
	choice('fee_model', FEE_MODELS);
	const value = given(input, 'estimated_value');
	if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) {
		errors.add(field('estimated_value'), 'Must be a number >= 0');
	}
	if (given(input, 'probability') !== undefined) {
		checkInteger(errors, field('probability'), input.probability, 0, 100);
	}
	const currency = given(input, 'currency');
	if (currency !== undefined && (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency))) {
		errors.add(field('currency'), 'Must be a three-letter ISO 4217 code, e.g. USD');
	}
	const date = given(input, 'follow_up_date');
	if (date !== undefined && (typeof date !== 'string' || Number.isNaN(parseIsoDate(date)))) {
		errors.add(field('follow_up_date'), 'Must be an ISO 8601 date or date-time');
	}
	const tags = given(input, 'tags');
	if (tags !== undefined && (!Array.isArray(tags) || tags.some((tag) => typeof tag !== 'string'))) {
		errors.add(field('tags'), 'Must be an array of strings');
	}
	const team = given(input, 'team_member_ids');
	if (
		team !== undefined &&
		(!Array.isArray(team) || team.some((id) => typeof id !== 'string' || id.trim() === ''))
	) {
		errors.add(field('team_member_ids'), 'Must be an array of IDs');
	}
}

/** Applies the checked fields given in `input` to `deal` (create: a blank deal). */
function applyFields(deal: Deal, input: JsonObject, now: number): void {
	const text = (name: string) => given(input, name) as string | undefined;
	const set = <K extends keyof Deal>(key: K, value: Deal[K] | undefined) => {
		if (value !== undefined) deal[key] = value;
	};
	set('name', text('name'));
	set('stage', text('stage'));
	set('pipeline', text('pipeline'));
	set('main_contact_id', text('contact_id'));
	set('owner_user_id', text('owner_id'));
	set('matter_type', text('deal_type'));
	set('notes', text('notes'));
	set('high_level_description', text('description'));
	set('related_company_id', text('related_company_id'));
	set('relationship_partner_id', text('relationship_partner_id'));
	set('matter_lead_id', text('matter_lead_id'));
	set('priority', given(input, 'priority') as DealPriority | undefined);
	set('fee_model', given(input, 'fee_model') as FeeModel | undefined);
	set('estimated_value', given(input, 'estimated_value') as number | undefined);
	set('probability', given(input, 'probability') as number | undefined);
	set('currency', text('currency'));
	set('next_follow_up_date', text('follow_up_date'));
	const tags = given(input, 'tags') as string[] | undefined;
	if (tags !== undefined) deal.tags = [...tags];
	const team = given(input, 'team_member_ids') as string[] | undefined;
	if (team !== undefined) deal.team_member_ids = [...team];
	const status = given(input, 'status') as DealStatus | undefined;
	if (status !== undefined && status !== deal.status) {
		deal.status = status;
		deal.closed_date = status === 'active' ? null : isoSeconds(now);
	}
	deal.updated_date = isoSeconds(now);
}

function newDeal(ws: WorkspaceState, input: JsonObject, now: number): Deal {
	let id: string;
	do id = randomUUID();
	while (ws.deals.has(id));
	const deal: Deal = {
		id,
		name: '',
		stage: null,
		status: 'active',
		pipeline: null,
		estimated_value: null,
		main_contact_id: null,
		owner_user_id: null,
		priority: null,
		matter_type: null,
		tags: [],
		related_company_id: null,
		high_level_description: null,
		next_follow_up_date: null,
		fee_model: null,
		probability: null,
		currency: null,
		closed_date: null,
		created_date: isoSeconds(now),
		updated_date: isoSeconds(now),
		notes: null,
		relationship_partner_id: null,
		matter_lead_id: null,
		team_member_ids: [],
	};
	applyFields(deal, input, now);
	return deal;
}

function findDeal(ws: WorkspaceState, id: string, code: 'not_found' | 'deal_not_found'): Deal {
	const deal = ws.deals.get(id);
	if (!deal) throw new HttpError(404, code, `No deal with ID ${id}`);
	return deal;
}

/** A query parameter's text, or undefined when it is not given. */
function textParam(query: URLSearchParams, name: string): string | undefined {
	const raw = query.get(name);
	return raw === null ? undefined : raw;
}

function listDeals({ ws, query }: HandlerContext): HandlerResult {
	const status = oneOfParam(query, 'status', STATUSES);
	const pipeline = textParam(query, 'pipeline')?.toLowerCase();
	const stage = textParam(query, 'stage')?.toLowerCase();
	const contact = textParam(query, 'contact_id');
	const owner = textParam(query, 'owner_user_id');
	const tags = (textParam(query, 'tags') ?? '')
		.split(',')
		.map((tag) => tag.trim())
		.filter((tag) => tag !== '');
	const createdAfter = dateParam(query, 'created_after');
	const createdBefore = dateParam(query, 'created_before');
	const updatedAfter = dateParam(query, 'updated_after');
	// `search` is not documented for deals: ignored.
	const matches = [...ws.deals.values()].filter(
		(d) =>
			(status === undefined || d.status === status) &&
			(pipeline === undefined || (d.pipeline ?? '').toLowerCase() === pipeline) &&
			(stage === undefined || (d.stage ?? '').toLowerCase() === stage) &&
			(contact === undefined || d.main_contact_id === contact) &&
			(owner === undefined || d.owner_user_id === owner) &&
			tags.every((tag) => d.tags.includes(tag)) &&
			(createdAfter === undefined || Date.parse(d.created_date) > createdAfter) &&
			(createdBefore === undefined || Date.parse(d.created_date) < createdBefore) &&
			(updatedAfter === undefined || Date.parse(d.updated_date) > updatedAfter),
	);
	return { payload: paged(query, dealsNewestFirst(matches), 'deals', dealListView) };
}

function getDeal({ ws, params }: HandlerContext): HandlerResult {
	return { payload: { data: { deal: dealGetView(findDeal(ws, params.id, 'not_found')) } } };
}

function createDeal({ ws, body, now }: HandlerContext): HandlerResult {
	const input = jsonObjectBody(body);
	const errors = new FieldErrors();
	checkDeal(ws, errors, input, true);
	errors.throwIfAny('validation_error', invalidFields);
	const deal = newDeal(ws, input, now);
	ws.deals.set(deal.id, deal);
	const data = dealView(deal);
	return {
		status: 201,
		payload: { data },
		events: [{ event: 'deal.created', data: { deal: structuredClone(data) } }],
	};
}

/** An update's fields: at least one, each checked as on create (a given name must not be blank). */
function checkUpdates(ws: WorkspaceState, input: unknown, field?: string): JsonObject {
	const errors = new FieldErrors();
	if (field !== undefined && !isJsonObject(input)) {
		errors.add(field, input === undefined || input === null ? 'Required' : 'Must be an object');
		errors.throwIfAny('validation_error', invalidFields);
	}
	const updates = input as JsonObject;
	if (Object.keys(updates).length === 0) {
		throw new HttpError(
			400,
			'validation_error',
			`${field ?? 'The request body'} must contain at least one deal field`,
			field === undefined ? undefined : { fields: { [field]: 'Must not be empty' } },
		);
	}
	checkDeal(ws, errors, updates, false, field === undefined ? '' : `${field}.`);
	errors.throwIfAny('validation_error', invalidFields);
	return updates;
}

function updateDeal({ ws, params, body, now }: HandlerContext): HandlerResult {
	const deal = findDeal(ws, params.id, 'not_found');
	const input = checkUpdates(ws, jsonObjectBody(body));
	applyFields(deal, input, now);
	const data = dealView(deal);
	return {
		payload: { data },
		events: [{ event: 'deal.updated', data: { deal: structuredClone(data) } }],
	};
}

function deleteDeal({ ws, params }: HandlerContext): HandlerResult {
	const deal = findDeal(ws, params.id, 'deal_not_found');
	ws.deals.delete(deal.id);
	return {
		payload: { data: { deleted: true, id: deal.id } },
		events: [{ event: 'deal.deleted', data: { deal: { id: deal.id } } }],
	};
}

function bulkCreateDeals({ ws, body, now }: HandlerContext): HandlerResult {
	const items = jsonObjectBody(body).deals;
	const errors = new FieldErrors();
	if (items === undefined || items === null) errors.add('deals', 'Required');
	else if (!Array.isArray(items)) errors.add('deals', 'Must be an array of deals');
	else if (items.length === 0 || items.length > MAX_BULK_CREATE_DEALS) {
		errors.add('deals', `Must contain 1 to ${MAX_BULK_CREATE_DEALS} deals (got ${items.length})`);
	} else {
		items.forEach((item: unknown, i) => {
			if (!isJsonObject(item)) errors.add(`deals[${i}]`, 'Must be an object');
			else checkDeal(ws, errors, item, true, `deals[${i}].`);
		});
	}
	errors.throwIfAny('validation_error', invalidFields);
	const created = (items as JsonObject[]).map((item) => {
		const deal = newDeal(ws, item, now);
		ws.deals.set(deal.id, deal);
		return dealView(deal);
	});
	return {
		status: 201,
		payload: { data: created as unknown as JsonObject },
		events: [
			{
				event: 'deal.bulk_created',
				data: { deals: structuredClone(created), count: created.length },
			},
		],
	};
}

function bulkUpdateDeals({ ws, body, now }: HandlerContext): HandlerResult {
	const input = jsonObjectBody(body);
	const errors = new FieldErrors();
	checkKnownFields(errors, input, ['deal_ids', 'updates']);
	checkIdList(errors, 'deal_ids', input.deal_ids, MAX_BULK_UPDATE_DEALS);
	errors.throwIfAny('validation_error', invalidFields);
	const updates = checkUpdates(ws, input.updates, 'updates');
	const found = [...new Set(input.deal_ids as string[])]
		.map((id) => ws.deals.get(id))
		.filter((deal): deal is Deal => deal !== undefined);
	for (const deal of found) applyFields(deal, updates, now);
	const views = found.map(dealView);
	return {
		payload: { data: { updated: found.length } },
		events:
			found.length === 0
				? []
				: [{ event: 'deal.bulk_updated', data: { deals: views, count: found.length } }],
	};
}

function bulkDeleteDeals({ ws, body }: HandlerContext): HandlerResult {
	const input = jsonObjectBody(body);
	const errors = new FieldErrors();
	checkIdList(errors, 'deal_ids', input.deal_ids, MAX_BULK_DELETE_DEALS);
	const dryRun = input.dry_run ?? false;
	if (typeof dryRun !== 'boolean') errors.add('dry_run', 'Must be a boolean');
	errors.throwIfAny('validation_error', invalidFields);
	const ids = [...new Set(input.deal_ids as string[])];
	const found = ids.filter((id) => ws.deals.has(id));
	if (!dryRun) for (const id of found) ws.deals.delete(id);
	return {
		payload: {
			data: {
				deleted_count: found.length,
				not_found_count: ids.length - found.length,
				errors: [],
				dry_run: dryRun,
			},
		},
		events: dryRun ? [] : found.map((id) => ({ event: 'deal.deleted', data: { deal: { id } } })),
	};
}

export const dealRoutes: RouteDef[] = [
	{ method: 'GET', pattern: '/v1/deals', permission: 'deals:read', handler: listDeals },
	{ method: 'POST', pattern: '/v1/deals', permission: 'deals:write', handler: createDeal },
	{
		method: 'POST',
		pattern: '/v1/deals/bulk',
		permission: 'deals:write',
		handler: bulkCreateDeals,
	},
	{
		method: 'PATCH',
		pattern: '/v1/deals/bulk',
		permission: 'deals:write',
		handler: bulkUpdateDeals,
	},
	{
		method: 'POST',
		pattern: '/v1/deals/bulk-delete',
		permission: 'deals:write',
		idempotent: true,
		handler: bulkDeleteDeals,
	},
	{ method: 'GET', pattern: '/v1/deals/:id', permission: 'deals:read', handler: getDeal },
	{ method: 'PATCH', pattern: '/v1/deals/:id', permission: 'deals:write', handler: updateDeal },
	{ method: 'DELETE', pattern: '/v1/deals/:id', permission: 'deals:write', handler: deleteDeal },
];
