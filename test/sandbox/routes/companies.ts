/**
 * Company routes (docs §9.4): list companies, and enrich one (`POST /v1/enrich/company`, credits,
 * Idempotency-Key). LeadLex documents no create or get of a single company, and neither is here.
 * The assumptions where the docs are silent are listed in server.ts (assumption 23) and README.md
 * ("Company, note, task and activity routes").
 */
import {
	companyView,
	ENRICHABLE_FIELDS,
	findCompany,
	normalizeDomain,
	PROVIDER_DATA,
	type Company,
	type EnrichableField,
} from '../crm';
import { HttpError } from '../http';
import type { HandlerContext, HandlerResult, RouteDef } from '../routing';
import { checkKnownFields, FieldErrors, isoSeconds, jsonObjectBody, paged } from './validate';

const invalidFields = (names: string[]) => `Invalid or unknown fields: ${names.join(', ')}`;

/** Name A-Z (not case-sensitive), ties by ID. */
function byName(a: Company, b: Company): number {
	const ka = a.name.toLowerCase();
	const kb = b.name.toLowerCase();
	return ka !== kb ? (ka < kb ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** `search`: part of the name or the domain; `industry`: equal, not case-sensitive. */
function listCompanies({ ws, query }: HandlerContext): HandlerResult {
	const needle = (query.get('search') ?? '').trim().toLowerCase();
	const industry = query.get('industry')?.trim().toLowerCase();
	const matches = [...ws.crm.companies.values()].filter(
		(c) =>
			(needle === '' ||
				c.name.toLowerCase().includes(needle) ||
				(c.domain ?? '').toLowerCase().includes(needle)) &&
			(industry === undefined || (c.industry ?? '').toLowerCase() === industry),
	);
	return { payload: paged(query, matches.sort(byName), 'companies', companyView) };
}

interface EnrichRequest {
	companyId?: string;
	domain?: string;
	fields: readonly EnrichableField[];
	overwrite: boolean;
}

function checkEnrich(input: Record<string, unknown>): EnrichRequest {
	const errors = new FieldErrors();
	checkKnownFields(errors, input, ['company_id', 'domain', 'fields', 'overwrite']);
	const text = (field: string): string | undefined => {
		const value = input[field];
		if (value === undefined || value === null) return undefined;
		if (typeof value !== 'string' || value.trim() === '') {
			errors.add(field, 'Must be a non-empty string');
			return undefined;
		}
		return value.trim();
	};
	const companyId = text('company_id');
	const domain = text('domain');
	if (errors.empty && companyId === undefined && domain === undefined) {
		errors.add('company_id', 'company_id or domain is required');
		errors.add('domain', 'company_id or domain is required');
	}
	const fields = input.fields ?? [...ENRICHABLE_FIELDS];
	const known = ENRICHABLE_FIELDS as readonly unknown[];
	if (!Array.isArray(fields) || fields.length === 0 || fields.some((f) => !known.includes(f))) {
		errors.add('fields', `Must be a non-empty array of ${ENRICHABLE_FIELDS.join(', ')}`);
	}
	const overwrite = input.overwrite ?? false;
	if (typeof overwrite !== 'boolean') errors.add('overwrite', 'Must be a boolean');
	errors.throwIfAny('validation_error', invalidFields);
	return {
		companyId,
		domain,
		fields: fields as EnrichableField[],
		overwrite: overwrite as boolean,
	};
}

const noMatch = (what: string) =>
	new HttpError(409, 'no_match', `No enrichment data found for ${what}; no credit was charged`);

/**
 * Enrich: body (400) -> the company: by `company_id` (it wins over `domain`; 404 not_found), or by
 * `domain` (unknown to the provider: 409 no_match; no company of the workspace has it: 404) ->
 * credits (402 insufficient_credits when none is left) -> the provider's data for the company's
 * domain (none: 409 no_match, no credit) -> the fields filled, one credit taken.
 */
function enrichCompany({ ws, body, now }: HandlerContext): HandlerResult {
	const request = checkEnrich(jsonObjectBody(body));
	let target: Company;
	if (request.companyId !== undefined) {
		target = findCompany(ws.crm, request.companyId);
	} else {
		const domain = normalizeDomain(request.domain as string);
		const found = [...ws.crm.companies.values()].find(
			(c) => c.domain !== null && normalizeDomain(c.domain) === domain,
		);
		if (!found && !PROVIDER_DATA[domain]) throw noMatch(`domain ${domain}`);
		if (!found) {
			throw new HttpError(404, 'not_found', `No company with domain ${domain} in this workspace`);
		}
		target = found;
	}
	if (ws.crm.enrichCredits <= 0) {
		throw new HttpError(402, 'insufficient_credits', 'No enrichment credits left', {
			credits_remaining: 0,
		});
	}
	const data = target.domain === null ? undefined : PROVIDER_DATA[normalizeDomain(target.domain)];
	if (!data) throw noMatch(`company ${target.id}`);
	const updated: EnrichableField[] = [];
	for (const field of request.fields) {
		const value = data[field];
		const current = target[field];
		if (value === undefined || value === current) continue;
		if (!request.overwrite && current !== null && current !== '') continue;
		target[field] = value;
		updated.push(field);
	}
	if (updated.length > 0) target.updated_date = isoSeconds(now);
	ws.crm.enrichCredits -= 1;
	return {
		payload: {
			data: {
				company: companyView(target),
				fields_updated: updated,
				source: 'sandbox_provider',
				confidence: 0.92,
				credits_remaining: ws.crm.enrichCredits,
			},
		},
	};
}

export const companyRoutes: RouteDef[] = [
	{ method: 'GET', pattern: '/v1/companies', permission: 'companies:read', handler: listCompanies },
	{
		method: 'POST',
		pattern: '/v1/enrich/company',
		permission: 'write:enrich',
		idempotent: true,
		handler: enrichCompany,
	},
];
