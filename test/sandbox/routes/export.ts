/**
 * The contact export (docs §9.1, §3): `GET /v1/contacts/export` answers CSV, a header line first,
 * as an attachment `contacts-export.csv`, and LeadLex allows 10 exports per hour per workspace.
 * The assumptions where the docs are silent are listed in server.ts (assumption 25) and README.md
 * ("Import and export routes").
 */
import type { Contact } from '../contacts';
import { formatCsv } from '../csv';
import { HttpError } from '../http';
import type { HandlerContext, HandlerResult, RouteDef } from '../routing';
import { dateParam } from './validate';

export const MAX_EXPORT_ROWS = 50_000;
export const EXPORTS_PER_HOUR = 10;
const HOUR_MS = 3_600_000;

/** The documented default columns, in order. */
export const DEFAULT_EXPORT_COLUMNS = [
	'id',
	'full_name',
	'email',
	'phone',
	'job_title',
	'company_name',
	'linkedin_url',
	'tags',
	'created_at',
] as const;

/** Every column the sandbox exports: the defaults plus the contact's other fields. */
const COLUMNS: Record<string, (c: Contact) => unknown> = {
	id: (c) => c.id,
	full_name: (c) => c.full_name,
	first_name: (c) => c.first_name,
	last_name: (c) => c.last_name,
	email: (c) => c.email,
	phone: (c) => c.phone,
	job_title: (c) => c.job_title,
	company_name: (c) => c.company,
	company: (c) => c.company,
	related_company_id: (c) => c.related_company_id,
	linkedin_url: (c) => c.linkedin_url,
	priority: (c) => c.priority,
	tags: (c) => c.tags.join(';'),
	created_at: (c) => c.created_date,
	created_date: (c) => c.created_date,
	updated_date: (c) => c.updated_date,
};

function invalid(field: string, message: string): HttpError {
	return new HttpError(400, 'validation_error', `${field}: ${message}`, {
		fields: { [field]: message },
	});
}

function limitParam(query: URLSearchParams): number {
	const raw = query.get('limit');
	if (raw === null) return MAX_EXPORT_ROWS;
	const limit = /^\d+$/.test(raw) ? Number(raw) : NaN;
	if (!Number.isInteger(limit) || limit < 1 || limit > MAX_EXPORT_ROWS) {
		throw invalid('limit', `Must be an integer from 1 to ${MAX_EXPORT_ROWS}`);
	}
	return limit;
}

function fieldsParam(query: URLSearchParams): string[] {
	const raw = query.get('fields');
	if (raw === null) return [...DEFAULT_EXPORT_COLUMNS];
	const fields = raw.split(',').map((field) => field.trim());
	const unknown = fields.filter((field) => !Object.hasOwn(COLUMNS, field));
	if (fields.some((field) => field === '') || unknown.length) {
		throw invalid(
			'fields',
			`Unknown or empty field${unknown.length ? `: ${unknown.join(', ')}` : ''}. Known: ${Object.keys(COLUMNS).join(', ')}`,
		);
	}
	return fields;
}

/**
 * The hourly limit (fixed hours of the clock, per workspace): the 11th export of an hour is
 * refused before anything else is looked at; every other call counts.
 */
function hourlyLimit({ ws, now, profile }: HandlerContext): HandlerResult | undefined {
	const hour = Math.floor(now / HOUR_MS);
	ws.exportsAt = ws.exportsAt.filter((at) => Math.floor(at / HOUR_MS) === hour);
	if (ws.exportsAt.length < EXPORTS_PER_HOUR) {
		ws.exportsAt.push(now);
		return undefined;
	}
	const retryAfter = Math.max(1, Math.ceil(((hour + 1) * HOUR_MS - now) / 1000));
	return {
		status: 429,
		payload: {
			error: {
				code: 'rate_limited',
				message: `Export limit reached: ${EXPORTS_PER_HOUR} exports per hour per workspace`,
			},
		},
		headers: profile === 'full' ? { 'Retry-After': String(retryAfter) } : {},
	};
}

function exportContacts(ctx: HandlerContext): HandlerResult {
	const limited = hourlyLimit(ctx);
	if (limited) return limited;
	const { ws, query } = ctx;
	const limit = limitParam(query);
	const after = dateParam(query, 'created_after');
	const before = dateParam(query, 'created_before');
	const listId = query.get('list_id');
	const members = listId === null ? undefined : new Set(ws.lists.get(listId)?.contact_ids ?? []);
	const tags = query.getAll('tag').map((tag) => tag.trim());
	if (tags.some((tag) => tag === '')) throw invalid('tag', 'Must not be empty');
	const columns = fieldsParam(query);
	const created = (c: Contact) => Date.parse(c.created_date);
	const rows = [...ws.contacts.values()]
		.filter(
			(c) =>
				(after === undefined || created(c) > after) &&
				(before === undefined || created(c) < before) &&
				(members === undefined || members.has(c.id)) &&
				tags.every((tag) => c.tags.includes(tag)),
		)
		.sort((a, b) => created(a) - created(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
		.slice(0, limit)
		.map((contact) => columns.map((column) => COLUMNS[column](contact)));
	return {
		payload: {},
		file: {
			contentType: 'text/csv; charset=utf-8',
			fileName: 'contacts-export.csv',
			body: formatCsv(columns, rows),
		},
	};
}

export const exportRoutes: RouteDef[] = [
	{
		method: 'GET',
		pattern: '/v1/contacts/export',
		permission: 'read:contacts',
		handler: exportContacts,
	},
];
