/**
 * Imports (docs §9.1, §9.4, §6, §7): `POST /v1/import/contacts` and `POST /v1/import/companies`,
 * rows or a CSV text, Idempotency-Key. Up to 500 rows are imported at once (200, the counts);
 * more are queued (202, a `job_id`), imported a moment later, and `import.completed` fires. The
 * assumptions where the docs are silent are listed in server.ts (assumption 25) and README.md
 * ("Import and export routes").
 */
import { randomBytes, randomUUID } from 'node:crypto';

import type { Contact } from '../contacts';
import { normalizeDomain, type Company } from '../crm';
import { parseCsv } from '../csv';
import { isJsonObject, type JsonObject } from '../http';
import type { HandlerContext, HandlerResult, RouteDef } from '../routing';
import type { WorkspaceState } from '../store';
import {
	checkContactValues,
	contactFrom,
	CREATE_FIELDS,
	hasNameOrEmail,
	namesOf,
	PRIORITIES,
	text,
} from './contacts';
import { checkKnownFields, FieldErrors, isoSeconds, jsonObjectBody } from './validate';

/** Larger imports are queued (§9.1). */
export const MAX_SYNC_ROWS = 500;
/** How long after its answer a queued import runs (real time). */
export const IMPORT_JOB_DELAY_MS = 300;

const BODY_FIELDS = ['rows', 'csv', 'has_header', 'mapping', 'update_existing', 'tags'];
const COMPANY_FIELDS = [
	'name',
	'domain',
	'industry',
	'website',
	'linkedin_url',
	'size',
	'city',
	'country',
	'tags',
] as const;

const invalidFields = (names: string[]) => `Invalid or unknown fields: ${names.join(', ')}`;

/** What differs between the contact and the company import. */
interface ImportKind {
	entity: 'contacts' | 'companies';
	fields: readonly string[];
	/** Why the row cannot be imported (it is skipped, with an entry in `errors`). */
	problem(row: JsonObject): string | undefined;
	/** The records by what `update_existing` matches on, kept current while rows are imported. */
	index(ws: WorkspaceState): {
		find(row: JsonObject): object | undefined;
		add(record: object): void;
	};
	create(ws: WorkspaceState, row: JsonObject, now: number): object;
	update(record: object, row: JsonObject, now: number): void;
}

const emailKey = (value: unknown) =>
	typeof value === 'string' && value.trim() ? value.trim().toLowerCase() : undefined;
const phoneKey = (value: unknown) => {
	const digits = typeof value === 'string' ? value.replace(/\D/g, '') : '';
	return digits.length >= 5 ? digits : undefined;
};

const CONTACTS: ImportKind = {
	entity: 'contacts',
	fields: CREATE_FIELDS,
	problem(row) {
		const errors = new FieldErrors();
		checkContactValues(errors, row);
		const found = Object.entries(errors.fields);
		if (found.length) return found.map(([field, message]) => `${field}: ${message}`).join('; ');
		return hasNameOrEmail(row) ? undefined : 'A contact needs a name or an email address';
	},
	index(ws) {
		const byEmail = new Map<string, Contact>();
		const byPhone = new Map<string, Contact>();
		const add = (contact: Contact) => {
			const email = emailKey(contact.email);
			const phone = phoneKey(contact.phone);
			if (email && !byEmail.has(email)) byEmail.set(email, contact);
			if (phone && !byPhone.has(phone)) byPhone.set(phone, contact);
		};
		for (const contact of ws.contacts.values()) add(contact);
		return {
			find: (row) => {
				const email = emailKey(row.email);
				const phone = phoneKey(row.phone);
				return (email && byEmail.get(email)) || (phone && byPhone.get(phone)) || undefined;
			},
			add: (record) => add(record as Contact),
		};
	},
	create(ws, row, now) {
		const contact = contactFrom(ws, row, now);
		ws.contacts.set(contact.id, contact);
		return contact;
	},
	update(record, row, now) {
		const contact = record as Contact;
		if (['full_name', 'first_name', 'last_name'].some((field) => text(row, field) !== null)) {
			const names = namesOf(row);
			Object.assign(contact, {
				first_name: names.first,
				last_name: names.last,
				full_name: names.full,
			});
		}
		for (const [from, to] of [
			['email', 'email'],
			['phone', 'phone'],
			['job_title', 'job_title'],
			['company_name', 'company'],
			['company', 'company'],
			['company_id', 'related_company_id'],
			['related_company_id', 'related_company_id'],
			['linkedin_url', 'linkedin_url'],
		] as const) {
			const value = text(row, from);
			if (value !== null) contact[to] = value;
		}
		const priority = PRIORITIES.get(row.priority);
		if (priority) contact.priority = priority;
		if (Array.isArray(row.tags)) {
			contact.tags = [...new Set([...contact.tags, ...(row.tags as string[])])];
		}
		if (isJsonObject(row.custom_fields)) {
			contact.custom_fields = { ...contact.custom_fields, ...structuredClone(row.custom_fields) };
		}
		contact.updated_date = isoSeconds(now);
	},
};

const COMPANIES: ImportKind = {
	entity: 'companies',
	fields: COMPANY_FIELDS,
	problem(row) {
		const wrong = COMPANY_FIELDS.filter((field) => {
			const value = row[field];
			if (value === undefined || value === null) return false;
			if (field === 'tags') {
				return !Array.isArray(value) || value.some((tag) => typeof tag !== 'string');
			}
			return typeof value !== 'string';
		});
		if (wrong.length) return `Wrong type: ${wrong.join(', ')}`;
		return text(row, 'name') === null ? 'A company needs a name' : undefined;
	},
	index(ws) {
		const byDomain = new Map<string, Company>();
		const add = (company: Company) => {
			if (company.domain && !byDomain.has(normalizeDomain(company.domain))) {
				byDomain.set(normalizeDomain(company.domain), company);
			}
		};
		for (const company of ws.crm.companies.values()) add(company);
		return {
			find: (row) => {
				const domain = text(row, 'domain');
				return domain === null ? undefined : byDomain.get(normalizeDomain(domain));
			},
			add: (record) => add(record as Company),
		};
	},
	create(ws, row, now) {
		const at = isoSeconds(now);
		const company: Company = {
			id: randomUUID(),
			name: (text(row, 'name') as string).trim(),
			industry: text(row, 'industry'),
			website: text(row, 'website'),
			linkedin_url: text(row, 'linkedin_url'),
			size: text(row, 'size'),
			domain: text(row, 'domain'),
			city: text(row, 'city'),
			country: text(row, 'country'),
			tags: Array.isArray(row.tags) ? [...new Set(row.tags as string[])] : [],
			created_date: at,
			updated_date: at,
		};
		ws.crm.companies.set(company.id, company);
		return company;
	},
	update(record, row, now) {
		const company = record as Company;
		for (const field of COMPANY_FIELDS) {
			if (field === 'tags') continue;
			const value = text(row, field);
			if (value !== null) company[field] = value;
		}
		if (Array.isArray(row.tags)) {
			company.tags = [...new Set([...company.tags, ...(row.tags as string[])])];
		}
		company.updated_date = isoSeconds(now);
	},
};

interface ImportRequest {
	rows: JsonObject[];
	updateExisting: boolean;
	tags: string[];
}

/** The records of a CSV text as rows in LeadLex's fields (see assumption 25). */
function rowsFromCsv(
	errors: FieldErrors,
	csv: string,
	hasHeader: boolean,
	mapping: Record<string, string> | undefined,
	kind: ImportKind,
): JsonObject[] {
	const records = parseCsv(csv.replace(/^\uFEFF/, ''));
	const header = hasHeader ? (records.shift() ?? []).map((name) => name.trim()) : [];
	const width = Math.max(0, ...records.map((record) => record.length), header.length);
	const names = Array.from({ length: width }, (_, i) =>
		hasHeader ? (header[i] ?? '') : `${i + 1}`,
	);
	for (const column of Object.keys(mapping ?? {})) {
		if (!names.includes(column)) errors.add(`mapping.${column}`, 'No such column in the CSV');
	}
	const fieldOf = names.map((name) => {
		if (mapping && Object.hasOwn(mapping, name)) return mapping[name];
		const asField = name.toLowerCase().replace(/\s+/g, '_');
		return hasHeader && kind.fields.includes(asField) ? asField : undefined;
	});
	if (records.length === 0) errors.add('csv', 'Has no data rows');
	return records.map((record) => {
		const row: JsonObject = {};
		record.forEach((value, i) => {
			const field = fieldOf[i];
			if (!field || value.trim() === '') return;
			if (field === 'tags') {
				row.tags = value
					.split(/[;,]/)
					.map((tag) => tag.trim())
					.filter(Boolean);
			} else if (field === 'custom_fields') {
				try {
					row.custom_fields = JSON.parse(value) as unknown;
				} catch {
					row.custom_fields = value;
				}
			} else row[field] = value;
		});
		return row;
	});
}

function checkImport(input: JsonObject, kind: ImportKind): ImportRequest {
	const errors = new FieldErrors();
	checkKnownFields(errors, input, BODY_FIELDS);
	const { rows, csv, has_header: hasHeader = true, mapping, tags = [] } = input;
	const updateExisting = input.update_existing ?? false;
	if ((rows === undefined) === (csv === undefined)) {
		errors.add('rows', 'Send either rows or csv');
		errors.add('csv', 'Send either rows or csv');
	}
	if (typeof updateExisting !== 'boolean') errors.add('update_existing', 'Must be a boolean');
	if (!Array.isArray(tags) || tags.some((tag) => typeof tag !== 'string' || tag.trim() === '')) {
		errors.add('tags', 'Must be an array of non-empty strings');
	}
	let list: JsonObject[] = [];
	if (rows !== undefined) {
		if (!Array.isArray(rows) || rows.length === 0) errors.add('rows', 'Must be a non-empty array');
		else {
			rows.forEach((row: unknown, i) => {
				if (!isJsonObject(row)) errors.add(`rows[${i}]`, 'Must be an object');
				else checkKnownFields(errors, row, kind.fields, `rows[${i}].`);
			});
			list = rows as JsonObject[];
		}
	}
	if (csv !== undefined) {
		if (typeof csv !== 'string' || csv.trim() === '')
			errors.add('csv', 'Must be a non-empty string');
		if (typeof hasHeader !== 'boolean') errors.add('has_header', 'Must be a boolean');
		const mapsFields =
			isJsonObject(mapping) &&
			Object.values(mapping).every(
				(field) => typeof field === 'string' && kind.fields.includes(field),
			);
		if (mapping !== undefined && !mapsFields) {
			errors.add('mapping', `Must map columns to ${kind.entity} fields`);
		}
		const mapped = mapsFields ? (mapping as Record<string, string>) : undefined;
		if (hasHeader === false && !mapped) {
			errors.add('mapping', 'Required without a header row: map the column numbers (1, 2, ...)');
		}
		if (errors.empty) list = rowsFromCsv(errors, csv as string, hasHeader as boolean, mapped, kind);
	}
	errors.throwIfAny('validation_error', invalidFields);
	return {
		rows: list,
		updateExisting: updateExisting as boolean,
		tags: [...new Set((tags as string[]).map((tag) => tag.trim()))],
	};
}

/** Imports the rows: each created, updated (update_existing) or skipped (with a reason or a match). */
function applyImport(ws: WorkspaceState, kind: ImportKind, request: ImportRequest, now: number) {
	const index = kind.index(ws);
	const counts = { created_count: 0, updated_count: 0, skipped_count: 0 };
	const errors: JsonObject[] = [];
	request.rows.forEach((given, i) => {
		const row: JsonObject = { ...given };
		if (request.tags.length) {
			const own = Array.isArray(row.tags) ? (row.tags as unknown[]) : [];
			row.tags = [...new Set([...own, ...request.tags])];
		}
		const problem = kind.problem(row);
		if (problem) {
			counts.skipped_count++;
			errors.push({ row: i + 1, code: 'validation_error', message: problem });
			return;
		}
		const existing = index.find(row);
		if (existing && request.updateExisting) {
			kind.update(existing, row, now);
			counts.updated_count++;
		} else if (existing) {
			counts.skipped_count++;
		} else {
			index.add(kind.create(ws, row, now));
			counts.created_count++;
		}
	});
	return { ...counts, errors };
}

function importRoute(kind: ImportKind) {
	return ({ ws, body, now }: HandlerContext): HandlerResult => {
		const request = checkImport(jsonObjectBody(body), kind);
		const jobId = `imp_${randomBytes(8).toString('hex')}`;
		if (request.rows.length <= MAX_SYNC_ROWS) {
			const result = applyImport(ws, kind, request, now);
			return { payload: { data: { job_id: jobId, status: 'completed', ...result } } };
		}
		const queued = {
			job_id: jobId,
			status: 'queued',
			created_count: 0,
			updated_count: 0,
			skipped_count: 0,
			errors: [],
		};
		return {
			status: 202,
			payload: { data: queued },
			deferred: {
				afterMs: IMPORT_JOB_DELAY_MS,
				run: () => {
					const result = applyImport(ws, kind, request, Date.now());
					const data = { job_id: jobId, entity_type: kind.entity, status: 'completed', ...result };
					return [{ event: 'import.completed', data }];
				},
			},
		};
	};
}

export const importRoutes: RouteDef[] = [
	{
		method: 'POST',
		pattern: '/v1/import/contacts',
		permission: 'contacts:write',
		idempotent: true,
		handler: importRoute(CONTACTS),
	},
	{
		method: 'POST',
		pattern: '/v1/import/companies',
		permission: 'companies:write',
		idempotent: true,
		handler: importRoute(COMPANIES),
	},
];
