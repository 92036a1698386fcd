/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
/**
 * LeadLex sandbox: a LeadLex-compatible HTTP server for tests, demos, e2e runs and benchmarks.
 *
 * Contract sources: /work/shared/spec/delete-campaign-step.md and leadlex-api.md (§1-5, §8).
 * Implemented routes (under basePath, default /functions/v1/api-gateway):
 *   GET    /v1/campaigns                        campaigns:read   (page, per_page, search)
 *   GET    /v1/campaigns/{id}                   campaigns:read
 *   DELETE /v1/campaigns/{id}                   campaigns:write  (draft only)
 *   GET    /v1/campaigns/{id}/steps             campaigns:read
 *   DELETE /v1/campaigns/{id}/steps/{step_id}   campaigns:write
 * Admin routes (outside basePath, no auth, not recorded): /__sandbox/state, /__sandbox/requests,
 * /__sandbox/reset, /__sandbox/options, /__sandbox/faults, /__sandbox/daily-remaining.
 *
 * ASSUMPTIONS where the LeadLex docs are silent (keep this list in sync with the code):
 *  1. Order of checks under basePath: auth (401) -> daily quota (429) -> per-window limit (429)
 *     -> the request is counted -> path segments decoded (400) -> method+route (404 not_found)
 *     -> permission (403) -> resource lookups (404 campaign_not_found / step_not_found, 409).
 *  2. Only authenticated requests under basePath count against the quotas; a 401, a 429 and a
 *     path outside basePath count nothing. Every other authenticated answer (200, 400, 403, 404,
 *     409) counts once against both the daily quota and the current window.
 *  3. Per-window limit: fixed windows aligned to multiples of windowMs since the epoch, per
 *     workspace (not per key). The daily quota resets at 00:00 UTC of `now()`.
 *  4. 429 body: {"error":{"code":"rate_limited","message":...}}. The daily quota is checked
 *     before the window. Profile 'full' adds Retry-After (whole seconds, rounded up, min 1) =
 *     time to the end of the window, or to midnight UTC for the daily quota. Profile
 *     'docs-only' sends no Retry-After (none is documented).
 *  5. X-RateLimit-* headers on a response that cannot be tied to a workspace (no, unknown or
 *     expired key) report the configured daily limit as both Limit and Remaining. With a valid
 *     key they report that workspace's remaining quota after this request. dailyLimit 0 means
 *     "unlimited" (sandbox only); then the three X-RateLimit-* headers are left out.
 *  6. Path parsing: the raw path is split on '/', then each segment is percent-decoded, so
 *     `%2F` stays inside one ID and '.'/'..' segments are ordinary (unknown) IDs. A segment that
 *     fails to decode -> 400 validation_error. Empty segments (trailing or doubled slashes) match
 *     no route -> 404 not_found. Literal segments (v1, campaigns, steps) are compared after
 *     decoding. Query strings are parsed with URLSearchParams; the first value of a repeated
 *     parameter wins. A key in the query string is ignored (only the Authorization header counts).
 *  7. The Authorization scheme `Bearer` is matched case-insensitively; anything else is 401.
 *  8. page and per_page must be plain positive integers when present (an empty value counts as
 *     invalid -> 400 validation_error with details.fields); per_page max 100. A page past the end
 *     returns an empty list with the real meta.total.
 *  9. GET /v1/campaigns (no reference page): data.campaigns[] items are
 *     {id, name, status, created_at, step_count}, ordered by created_at desc (ties: id asc),
 *     with meta {page, per_page, total}. `search` is a case-insensitive substring match on name
 *     in profile 'full' and is ignored in profile 'docs-only'.
 * 10. GET /v1/campaigns/{id} (page cut off in the docs): data.campaign = the documented settings
 *     plus created_at, step_count and steps[] (no contacts).
 * 11. DELETE /v1/campaigns/{id} on a non-draft campaign -> 409 campaign_not_draft.
 * 12. Unknown method/route -> 404 {"error":{"code":"not_found","message":"Route not found"}},
 *     including paths outside basePath (those are answered without auth or counting).
 * 13. Steps are looked up only inside the campaign in the URL (a step ID of another campaign is
 *     step_not_found). Successful responses are 200 with `Content-Type: application/json`.
 * 14. Sandbox-only behaviour: faults and latency apply to every recorded request (API routes and
 *     unknown routes); a fault response neither consumes quota nor changes state, and reports
 *     the caller's current quota in its headers. A fault header with value '' removes that header.
 */
import * as http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';

import {
	defaultSeed,
	SANDBOX_KEYS,
	type Campaign,
	type Permission,
	type SandboxKeys,
	type SeedApiKey,
	type SeedData,
	type Step,
} from './seed';

export type {
	Campaign,
	CampaignStatus,
	Permission,
	SandboxKeyName,
	SandboxKeys,
	SeedApiKey,
	SeedCampaign,
	SeedData,
	SeedWorkspace,
	SendCondition,
	Step,
} from './seed';
export {
	DEFAULT_CAMPAIGN_SETTINGS,
	defaultSeed,
	MAIN_WORKSPACE_ID,
	OTHER_WORKSPACE_ID,
	SANDBOX_KEYS,
	SANDBOX_KEY_DESCRIPTIONS,
} from './seed';

export type SandboxProfile = 'full' | 'docs-only';

export interface SandboxOptions {
	host?: string;
	port?: number;
	basePath?: string;
	profile?: SandboxProfile;
	perWindowLimit?: number;
	windowMs?: number;
	dailyLimit?: number;
	latencyMs?: number;
	seed?: SeedData;
	now?: () => number;
}

export interface RecordedRequest {
	method: string;
	/** req.url exactly as received, query included. */
	rawPath: string;
	/** rawPath without the base path and the query (not decoded). */
	path: string;
	headers: Record<string, string | string[] | undefined>;
	/** Status sent; 0 while pending, and for 'reset'/'hang' faults. */
	status: number;
	at: number;
	requestId: string;
}

export type Fault =
	| {
			type: 'response';
			status: number;
			body: string;
			contentType?: string;
			headers?: Record<string, string>;
	  }
	| { type: 'reset' }
	| { type: 'truncated'; status?: number; body: string }
	| { type: 'hang' }
	| { type: 'delay'; ms: number };

export interface FaultMatch {
	method?: string;
	/** Substring of the raw URL (base path and query included). */
	pathIncludes?: string;
}

export type TunableOptions = Pick<
	Required<SandboxOptions>,
	'perWindowLimit' | 'windowMs' | 'dailyLimit' | 'latencyMs' | 'profile'
>;

/** A campaign as returned by `campaigns()`: its fields plus the current step count. */
export type CampaignState = Campaign & { step_count: number };

export interface Sandbox {
	url: string;
	origin: string;
	keys: SandboxKeys;
	requests: RecordedRequest[];
	/** Current campaigns (copies) in seed order; default workspace = the first one of the seed. */
	campaigns(workspaceId?: string): CampaignState[];
	/** Current steps (copies) in index order; [] when the campaign does not exist. */
	steps(campaignId: string, workspaceId?: string): Step[];
	reset(): void;
	injectFault(fault: Fault, match?: FaultMatch, times?: number): void;
	clearFaults(): void;
	setOptions(partial: Partial<TunableOptions>): void;
	setDailyRemaining(workspaceKeyOrId: string, remaining: number): void;
	/** Current tunable options (a copy). */
	options(): TunableOptions;
	close(): Promise<void>;
}

export const DEFAULT_BASE_PATH = '/functions/v1/api-gateway';

const DAY_MS = 86_400_000;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const ADMIN_PREFIX = '/__sandbox';
const MAX_ADMIN_BODY = 1_000_000;

interface WorkspaceState {
	id: string;
	name: string;
	/** Insertion (seed) order. */
	campaigns: Map<string, { campaign: Campaign; steps: Step[] }>;
}

interface QuotaState {
	day: number;
	used: number;
	window: number;
	windowCount: number;
}

interface FaultEntry {
	fault: Fault;
	method?: string;
	pathIncludes?: string;
	remaining: number;
}

interface JsonObject {
	[key: string]: unknown;
}

class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly details?: JsonObject,
	) {
		super(message);
	}
}

/** `req_` + 26 Crockford base32 characters (ULID layout: 10 time chars, 16 random chars). */
function newRequestId(nowMs: number): string {
	let t = Math.max(0, Math.floor(nowMs));
	let time = '';
	for (let i = 0; i < 10; i++) {
		time = CROCKFORD[t % 32] + time;
		t = Math.floor(t / 32);
	}
	let rand = '';
	for (const byte of randomBytes(16)) rand += CROCKFORD[byte % 32];
	return `req_${time}${rand}`;
}

function copyCampaign(c: Campaign): Campaign {
	return { ...c };
}

function copySteps(steps: Step[]): Step[] {
	return steps.map((s) => ({ ...s }));
}

function normalizeBasePath(basePath: string): string {
	let p = basePath.trim();
	if (p === '' || p === '/') return '';
	if (!p.startsWith('/')) p = `/${p}`;
	while (p.endsWith('/')) p = p.slice(0, -1);
	return p;
}

function validateTunable(partial: Partial<TunableOptions>): void {
	const nonNegative = ['perWindowLimit', 'dailyLimit', 'latencyMs'] as const;
	for (const name of nonNegative) {
		const v = partial[name];
		if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v < 0)) {
			throw new TypeError(`${name} must be a finite number >= 0`);
		}
	}
	if (
		partial.windowMs !== undefined &&
		(typeof partial.windowMs !== 'number' ||
			!Number.isFinite(partial.windowMs) ||
			partial.windowMs <= 0)
	) {
		throw new TypeError('windowMs must be a finite number > 0');
	}
	if (
		partial.profile !== undefined &&
		partial.profile !== 'full' &&
		partial.profile !== 'docs-only'
	) {
		throw new TypeError("profile must be 'full' or 'docs-only'");
	}
}

function hasPermission(
	granted: readonly Permission[],
	needed: 'campaigns:read' | 'campaigns:write',
): boolean {
	if (granted.includes(needed)) return true;
	// Older coarse model: `read` implies every *:read scope, `write` every *:write scope.
	return needed.endsWith(':read') ? granted.includes('read') : granted.includes('write');
}

function parsePositiveInt(
	params: URLSearchParams,
	name: string,
	dflt: number,
	max?: number,
): number {
	const raw = params.get(name);
	if (raw === null) return dflt;
	const range = max === undefined ? 'a positive integer' : `an integer between 1 and ${max}`;
	if (!/^\d+$/.test(raw) || Number(raw) < 1 || (max !== undefined && Number(raw) > max)) {
		throw new HttpError(400, 'validation_error', `${name} must be ${range}`, {
			fields: { [name]: `Must be ${range}` },
		});
	}
	return Number(raw);
}

function tryDecode(segment: string): string | undefined {
	try {
		return decodeURIComponent(segment);
	} catch {
		return undefined;
	}
}

const INVALID_JSON = Symbol('invalid JSON');

function tryParseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return INVALID_JSON;
	}
}

/** Runs fn; returns the error message if it threw, else undefined. */
function failureOf(fn: () => void): string | undefined {
	try {
		fn();
		return undefined;
	} catch (e) {
		return e instanceof Error ? e.message : String(e);
	}
}

function validateFault(fault: Fault): void {
	const f = fault as { type?: unknown; status?: unknown; body?: unknown; ms?: unknown };
	const isStatus = (v: unknown): boolean =>
		typeof v === 'number' && Number.isInteger(v) && v >= 200 && v <= 599;
	switch (f.type) {
		case 'reset':
		case 'hang':
			return;
		case 'delay':
			if (typeof f.ms === 'number' && Number.isFinite(f.ms) && f.ms >= 0) return;
			throw new TypeError("a 'delay' fault needs ms >= 0");
		case 'response':
			if (isStatus(f.status) && typeof f.body === 'string') return;
			throw new TypeError("a 'response' fault needs status (200-599) and body (string)");
		case 'truncated':
			if ((f.status === undefined || isStatus(f.status)) && typeof f.body === 'string') return;
			throw new TypeError(
				"a 'truncated' fault needs body (string) and an optional status (200-599)",
			);
		default:
			throw new TypeError(`unknown fault type ${String(f.type)}`);
	}
}

type Route =
	| { kind: 'listCampaigns' }
	| { kind: 'getCampaign'; campaignId: string }
	| { kind: 'deleteCampaign'; campaignId: string }
	| { kind: 'listSteps'; campaignId: string }
	| { kind: 'deleteStep'; campaignId: string; stepId: string };

function matchRoute(method: string, segments: string[]): Route | undefined {
	if (segments.some((s) => s === '')) return undefined;
	if (segments[0] !== 'v1' || segments[1] !== 'campaigns') return undefined;
	const n = segments.length;
	if (n === 2 && method === 'GET') return { kind: 'listCampaigns' };
	if (n === 3 && method === 'GET') return { kind: 'getCampaign', campaignId: segments[2] };
	if (n === 3 && method === 'DELETE') return { kind: 'deleteCampaign', campaignId: segments[2] };
	if (n === 4 && segments[3] === 'steps' && method === 'GET') {
		return { kind: 'listSteps', campaignId: segments[2] };
	}
	if (n === 5 && segments[3] === 'steps' && method === 'DELETE') {
		return { kind: 'deleteStep', campaignId: segments[2], stepId: segments[4] };
	}
	return undefined;
}

const ROUTE_PERMISSION: Record<Route['kind'], 'campaigns:read' | 'campaigns:write'> = {
	listCampaigns: 'campaigns:read',
	getCampaign: 'campaigns:read',
	deleteCampaign: 'campaigns:write',
	listSteps: 'campaigns:read',
	deleteStep: 'campaigns:write',
};

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const host = options.host ?? '127.0.0.1';
	const basePath = normalizeBasePath(options.basePath ?? DEFAULT_BASE_PATH);
	const now = options.now ?? Date.now;
	const seed: SeedData = structuredClone(options.seed ?? defaultSeed());

	const live: TunableOptions = {
		profile: options.profile ?? 'full',
		perWindowLimit: options.perWindowLimit ?? 50,
		windowMs: options.windowMs ?? 60_000,
		dailyLimit: options.dailyLimit ?? 1000,
		latencyMs: options.latencyMs ?? 0,
	};
	validateTunable(live);

	const apiKeys = new Map<string, SeedApiKey>();
	for (const k of seed.apiKeys) apiKeys.set(k.value, k);
	const defaultWorkspaceId = seed.workspaces[0]?.id ?? '';

	let workspaces = new Map<string, WorkspaceState>();
	const quotas = new Map<string, QuotaState>();
	const requests: RecordedRequest[] = [];
	let faults: FaultEntry[] = [];
	const sockets = new Set<Socket>();
	const timers = new Set<NodeJS.Timeout>();
	let closed = false;

	function loadSeed(): void {
		workspaces = new Map();
		for (const ws of seed.workspaces) {
			const campaigns = new Map<string, { campaign: Campaign; steps: Step[] }>();
			for (const c of ws.campaigns) {
				const { steps, ...campaign } = structuredClone(c);
				steps.sort((a, b) => a.index - b.index);
				campaigns.set(campaign.id, { campaign, steps });
			}
			workspaces.set(ws.id, { id: ws.id, name: ws.name, campaigns });
		}
	}
	loadSeed();

	function later(ms: number, fn: () => void): void {
		if (ms <= 0) {
			fn();
			return;
		}
		const t = setTimeout(() => {
			timers.delete(t);
			if (!closed) fn();
		}, ms);
		timers.add(t);
	}

	// ---------- quotas ----------

	function quotaFor(workspaceId: string, at: number): QuotaState {
		const day = Math.floor(at / DAY_MS);
		const window = Math.floor(at / live.windowMs);
		let q = quotas.get(workspaceId);
		if (!q) {
			q = { day, used: 0, window, windowCount: 0 };
			quotas.set(workspaceId, q);
		}
		if (q.day !== day) {
			q.day = day;
			q.used = 0;
		}
		if (q.window !== window) {
			q.window = window;
			q.windowCount = 0;
		}
		return q;
	}

	function rateHeaders(workspaceId: string | undefined, at: number): Record<string, string> {
		if (live.dailyLimit === 0) return {};
		const reset = (Math.floor(at / DAY_MS) + 1) * (DAY_MS / 1000);
		const remaining =
			workspaceId === undefined
				? live.dailyLimit
				: Math.max(0, live.dailyLimit - quotaFor(workspaceId, at).used);
		return {
			'X-RateLimit-Limit': String(live.dailyLimit),
			'X-RateLimit-Remaining': String(remaining),
			'X-RateLimit-Reset': String(reset),
		};
	}

	/** Throws a 429 HttpError (with headers) or consumes one unit of quota. */
	function consumeQuota(workspaceId: string, at: number): { retryAfter?: number } | undefined {
		const q = quotaFor(workspaceId, at);
		if (live.dailyLimit > 0 && q.used >= live.dailyLimit) {
			const msToMidnight = (q.day + 1) * DAY_MS - at;
			return { retryAfter: Math.max(1, Math.ceil(msToMidnight / 1000)) };
		}
		if (live.perWindowLimit > 0 && q.windowCount >= live.perWindowLimit) {
			const msToWindowEnd = (q.window + 1) * live.windowMs - at;
			return { retryAfter: Math.max(1, Math.ceil(msToWindowEnd / 1000)) };
		}
		q.used++;
		q.windowCount++;
		return undefined;
	}

	function resolveKey(req: http.IncomingMessage, at: number): SeedApiKey | undefined {
		const header = req.headers.authorization;
		if (typeof header !== 'string') return undefined;
		const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
		if (!m) return undefined;
		const key = apiKeys.get(m[1]);
		if (!key) return undefined;
		if (key.expiresAt !== null && Date.parse(key.expiresAt) <= at) return undefined;
		if (!workspaces.has(key.workspaceId)) return undefined;
		return key;
	}

	// ---------- responses ----------

	function send(
		res: http.ServerResponse,
		record: RecordedRequest,
		status: number,
		body: string,
		headers: Record<string, string>,
	): void {
		record.status = status;
		if (res.destroyed || res.writableEnded) return;
		// Case-insensitive merge: a later header wins, an empty value removes the header.
		const byLower = new Map<string, [string, string]>();
		for (const [k, v] of Object.entries(headers)) byLower.set(k.toLowerCase(), [k, v]);
		const final: Record<string, string> = {};
		for (const [k, v] of byLower.values()) {
			if (v !== '') final[k] = v;
		}
		const noBody = status === 204 || status === 304 || (status >= 100 && status < 200);
		if (!noBody) final['Content-Length'] = String(Buffer.byteLength(body));
		res.writeHead(status, final);
		res.end(noBody ? undefined : body);
	}

	function sendJson(
		res: http.ServerResponse,
		record: RecordedRequest,
		status: number,
		payload: JsonObject,
		headers: Record<string, string>,
	): void {
		send(res, record, status, JSON.stringify(payload), {
			'Content-Type': 'application/json',
			...headers,
			'X-Request-ID': record.requestId,
		});
	}

	function errorPayload(err: HttpError): JsonObject {
		const error: JsonObject = { code: err.code, message: err.message };
		if (err.details) error.details = err.details;
		return { error };
	}

	// ---------- API handling ----------

	function handleApi(
		req: http.IncomingMessage,
		res: http.ServerResponse,
		record: RecordedRequest,
		rawPathOnly: string,
		query: string,
		inBase: boolean,
	): void {
		const at = now();
		const key = resolveKey(req, at);
		const method = (req.method ?? 'GET').toUpperCase();

		if (!inBase) {
			sendJson(
				res,
				record,
				404,
				{ error: { code: 'not_found', message: 'Route not found' } },
				rateHeaders(key?.workspaceId, at),
			);
			return;
		}
		if (!key) {
			sendJson(
				res,
				record,
				401,
				{ error: { code: 'invalid_key', message: 'Invalid or expired API key' } },
				rateHeaders(undefined, at),
			);
			return;
		}
		const wsId = key.workspaceId;
		const limited = consumeQuota(wsId, at);
		if (limited) {
			const headers = rateHeaders(wsId, at);
			if (live.profile === 'full' && limited.retryAfter !== undefined) {
				headers['Retry-After'] = String(limited.retryAfter);
			}
			sendJson(
				res,
				record,
				429,
				{ error: { code: 'rate_limited', message: 'Rate limit exceeded' } },
				headers,
			);
			return;
		}
		const headers = rateHeaders(wsId, at);
		try {
			const payload = dispatch(method, rawPathOnly.slice(basePath.length), query, key);
			sendJson(res, record, 200, payload, headers);
		} catch (err) {
			if (err instanceof HttpError) {
				sendJson(res, record, err.status, errorPayload(err), headers);
				return;
			}
			const message = err instanceof Error ? err.message : String(err);
			sendJson(res, record, 500, { error: { code: 'internal_error', message } }, headers);
		}
	}

	function dispatch(method: string, rest: string, query: string, key: SeedApiKey): JsonObject {
		const rawSegments = rest.split('/');
		// rest always starts with '/' here (or is empty): drop the leading empty segment.
		if (rawSegments[0] === '') rawSegments.shift();
		const segments = rawSegments.map((s) => {
			const decoded = tryDecode(s);
			if (decoded === undefined) {
				throw new HttpError(
					400,
					'validation_error',
					`Malformed percent-encoding in path segment "${s}"`,
				);
			}
			return decoded;
		});
		const route = matchRoute(method, segments);
		if (!route) throw new HttpError(404, 'not_found', 'Route not found');

		const needed = ROUTE_PERMISSION[route.kind];
		if (!hasPermission(key.permissions, needed)) {
			throw new HttpError(
				403,
				'insufficient_permissions',
				`This API key is missing the ${needed} permission`,
			);
		}
		const ws = workspaces.get(key.workspaceId);
		if (!ws) throw new HttpError(401, 'invalid_key', 'Invalid or expired API key');

		if (route.kind === 'listCampaigns') return listCampaigns(ws, new URLSearchParams(query));

		const entry = ws.campaigns.get(route.campaignId);
		if (!entry)
			throw new HttpError(404, 'campaign_not_found', `No campaign with ID ${route.campaignId}`);

		switch (route.kind) {
			case 'getCampaign':
				return {
					data: {
						campaign: {
							...entry.campaign,
							step_count: entry.steps.length,
							steps: copySteps(entry.steps),
						},
					},
				};
			case 'deleteCampaign':
				if (entry.campaign.status !== 'draft') {
					throw new HttpError(
						409,
						'campaign_not_draft',
						`Only draft campaigns can be deleted; this campaign is ${entry.campaign.status}`,
					);
				}
				ws.campaigns.delete(route.campaignId);
				return { data: { deleted: true, id: route.campaignId } };
			case 'listSteps':
				return { data: { steps: copySteps(entry.steps) } };
			case 'deleteStep': {
				const pos = entry.steps.findIndex((s) => s.id === route.stepId);
				if (pos === -1) {
					throw new HttpError(
						404,
						'step_not_found',
						`No step with ID ${route.stepId} in campaign ${route.campaignId}`,
					);
				}
				entry.steps.splice(pos, 1);
				entry.steps.forEach((s, i) => {
					s.index = i;
				});
				return { data: { deleted: true, id: route.stepId } };
			}
		}
	}

	function listCampaigns(ws: WorkspaceState, params: URLSearchParams): JsonObject {
		const page = parsePositiveInt(params, 'page', 1);
		const perPage = parsePositiveInt(params, 'per_page', 50, 100);
		let all = [...ws.campaigns.values()];
		const search = params.get('search');
		if (live.profile === 'full' && search !== null && search !== '') {
			const needle = search.toLowerCase();
			all = all.filter((e) => e.campaign.name.toLowerCase().includes(needle));
		}
		all.sort((a, b) => {
			if (a.campaign.created_at !== b.campaign.created_at) {
				return a.campaign.created_at < b.campaign.created_at ? 1 : -1;
			}
			return a.campaign.id < b.campaign.id ? -1 : a.campaign.id > b.campaign.id ? 1 : 0;
		});
		const start = (page - 1) * perPage;
		const campaigns = all.slice(start, start + perPage).map((e) => ({
			id: e.campaign.id,
			name: e.campaign.name,
			status: e.campaign.status,
			created_at: e.campaign.created_at,
			step_count: e.steps.length,
		}));
		return { data: { campaigns }, meta: { page, per_page: perPage, total: all.length } };
	}

	// ---------- faults ----------

	function takeFault(method: string, rawUrl: string): Fault | undefined {
		const idx = faults.findIndex(
			(f) =>
				(f.method === undefined || f.method.toUpperCase() === method) &&
				(f.pathIncludes === undefined || rawUrl.includes(f.pathIncludes)),
		);
		if (idx === -1) return undefined;
		const entry = faults[idx];
		entry.remaining--;
		if (entry.remaining <= 0) faults.splice(idx, 1);
		return entry.fault;
	}

	function applyFault(
		fault: Fault,
		req: http.IncomingMessage,
		res: http.ServerResponse,
		record: RecordedRequest,
		normal: () => void,
	): void {
		switch (fault.type) {
			case 'delay':
				later(fault.ms, normal);
				return;
			case 'hang':
				return;
			case 'reset':
				record.status = 0;
				req.socket.destroy();
				return;
			case 'response': {
				const at = now();
				const headers: Record<string, string> = {
					...rateHeaders(resolveKey(req, at)?.workspaceId, at),
					'X-Request-ID': record.requestId,
				};
				const noBody = fault.status === 204 || fault.status === 304;
				if (!noBody || fault.contentType !== undefined) {
					headers['Content-Type'] = fault.contentType ?? 'application/json';
				}
				send(res, record, fault.status, fault.body, { ...headers, ...(fault.headers ?? {}) });
				return;
			}
			case 'truncated': {
				const at = now();
				const full = Buffer.from(fault.body);
				const announced = Math.max(full.length, 64);
				const partLength = Math.min(full.length, Math.floor(announced / 2));
				const status = fault.status ?? 200;
				record.status = status;
				res.writeHead(status, {
					'Content-Type': 'application/json',
					'Content-Length': String(announced),
					...rateHeaders(resolveKey(req, at)?.workspaceId, at),
					'X-Request-ID': record.requestId,
				});
				res.write(full.subarray(0, partLength), () => {
					req.socket.destroy();
				});
				return;
			}
		}
	}

	// ---------- admin ----------

	function readBody(req: http.IncomingMessage): Promise<string> {
		return new Promise((resolve, reject) => {
			const chunks: Buffer[] = [];
			let size = 0;
			req.on('data', (chunk: Buffer) => {
				size += chunk.length;
				if (size > MAX_ADMIN_BODY) {
					reject(new HttpError(413, 'payload_too_large', 'Body too large'));
					req.destroy();
					return;
				}
				chunks.push(chunk);
			});
			req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
			req.on('error', reject);
		});
	}

	async function readJsonObject(req: http.IncomingMessage): Promise<JsonObject> {
		const text = await readBody(req);
		if (text.trim() === '') return {};
		const parsed = tryParseJson(text);
		if (parsed === INVALID_JSON) throw new HttpError(400, 'validation_error', 'Body must be JSON');
		if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
			throw new HttpError(400, 'validation_error', 'Body must be a JSON object');
		}
		return parsed as JsonObject;
	}

	function stateSnapshot(): JsonObject {
		const list = [...workspaces.values()].map((ws) => ({
			id: ws.id,
			name: ws.name,
			campaigns: [...ws.campaigns.values()].map((e) => ({
				...copyCampaign(e.campaign),
				step_count: e.steps.length,
				steps: copySteps(e.steps),
			})),
		}));
		return { campaigns: list[0]?.campaigns ?? [], workspaces: list };
	}

	function sendAdmin(res: http.ServerResponse, status: number, payload: unknown): void {
		if (res.destroyed || res.writableEnded) return;
		const body = JSON.stringify(payload);
		res.writeHead(status, {
			'Content-Type': 'application/json',
			'Content-Length': String(Buffer.byteLength(body)),
		});
		res.end(body);
	}

	async function handleAdmin(
		req: http.IncomingMessage,
		res: http.ServerResponse,
		pathOnly: string,
	): Promise<void> {
		const method = (req.method ?? 'GET').toUpperCase();
		const route = `${method} ${pathOnly.slice(ADMIN_PREFIX.length)}`;
		try {
			switch (route) {
				case 'GET /state':
					sendAdmin(res, 200, stateSnapshot());
					return;
				case 'GET /requests':
					sendAdmin(res, 200, { requests });
					return;
				case 'POST /reset':
					await readBody(req);
					api.reset();
					sendAdmin(res, 200, { ok: true });
					return;
				case 'GET /options':
					sendAdmin(res, 200, { ok: true, options: { ...live } });
					return;
				case 'POST /options': {
					const body = await readJsonObject(req);
					const partial: Partial<TunableOptions> = {};
					for (const k of [
						'perWindowLimit',
						'windowMs',
						'dailyLimit',
						'latencyMs',
						'profile',
					] as const) {
						if (k in body) (partial as Record<string, unknown>)[k] = body[k];
					}
					const problem = failureOf(() => api.setOptions(partial));
					if (problem !== undefined) throw new HttpError(400, 'validation_error', problem);
					sendAdmin(res, 200, { ok: true, options: { ...live } });
					return;
				}
				case 'POST /faults': {
					const body = await readJsonObject(req);
					const fault = body.fault as Fault | undefined;
					if (typeof fault !== 'object' || fault === null || typeof fault.type !== 'string') {
						throw new HttpError(400, 'validation_error', 'Body must be {fault, match?, times?}');
					}
					const times = body.times === 'Infinity' || body.times === null ? Infinity : body.times;
					if (times !== undefined && typeof times !== 'number') {
						throw new HttpError(400, 'validation_error', 'times must be a number or "Infinity"');
					}
					const problem = failureOf(() =>
						api.injectFault(fault, (body.match as FaultMatch | undefined) ?? undefined, times),
					);
					if (problem !== undefined) throw new HttpError(400, 'validation_error', problem);
					sendAdmin(res, 200, { ok: true });
					return;
				}
				case 'DELETE /faults':
					api.clearFaults();
					sendAdmin(res, 200, { ok: true });
					return;
				case 'POST /daily-remaining': {
					const body = await readJsonObject(req);
					const who = body.workspace;
					const remaining = body.remaining;
					if (typeof who !== 'string' || typeof remaining !== 'number') {
						throw new HttpError(
							400,
							'validation_error',
							'Body must be {workspace: keyOrId, remaining: number}',
						);
					}
					const problem = failureOf(() => api.setDailyRemaining(who, remaining));
					if (problem !== undefined) throw new HttpError(400, 'validation_error', problem);
					sendAdmin(res, 200, { ok: true });
					return;
				}
				default:
					throw new HttpError(404, 'not_found', 'Unknown sandbox admin route');
			}
		} catch (err) {
			const e = err instanceof HttpError ? err : new HttpError(500, 'internal_error', String(err));
			sendAdmin(res, e.status, errorPayload(e));
		}
	}

	// ---------- server ----------

	const server = http.createServer((req, res) => {
		const rawUrl = req.url ?? '/';
		const q = rawUrl.indexOf('?');
		const rawPathOnly = q === -1 ? rawUrl : rawUrl.slice(0, q);
		const query = q === -1 ? '' : rawUrl.slice(q + 1);

		if (rawPathOnly === ADMIN_PREFIX || rawPathOnly.startsWith(`${ADMIN_PREFIX}/`)) {
			void handleAdmin(req, res, rawPathOnly);
			return;
		}

		const inBase =
			basePath === '' || rawPathOnly === basePath || rawPathOnly.startsWith(`${basePath}/`);
		const method = (req.method ?? 'GET').toUpperCase();
		const at = now();
		const record: RecordedRequest = {
			method,
			rawPath: rawUrl,
			path: inBase ? rawPathOnly.slice(basePath.length) : rawPathOnly,
			headers: { ...req.headers },
			status: 0,
			at,
			requestId: newRequestId(at),
		};
		requests.push(record);
		req.resume(); // request bodies are not used by the implemented routes

		const normal = (): void => handleApi(req, res, record, rawPathOnly, query, inBase);
		later(live.latencyMs, () => {
			const fault = takeFault(method, rawUrl);
			if (fault) applyFault(fault, req, res, record, normal);
			else normal();
		});
	});

	server.on('connection', (socket: Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	server.on('clientError', (_err, socket) => {
		if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
		else socket.destroy();
	});

	await new Promise<void>((resolve, reject) => {
		const onError = (err: Error): void => reject(err);
		server.once('error', onError);
		server.listen(options.port ?? 0, host, () => {
			server.off('error', onError);
			resolve();
		});
	});

	const address = server.address();
	if (address === null || typeof address === 'string')
		throw new Error('Sandbox: unexpected server address');
	const urlHost =
		host === '0.0.0.0'
			? '127.0.0.1'
			: host === '::'
				? '[::1]'
				: host.includes(':')
					? `[${host}]`
					: host;
	const origin = `http://${urlHost}:${address.port}`;

	function workspaceIdFor(keyOrId: string): string {
		if (workspaces.has(keyOrId)) return keyOrId;
		const key = apiKeys.get(keyOrId);
		if (key) return key.workspaceId;
		throw new Error(`Unknown workspace or key: ${keyOrId}`);
	}

	const api: Sandbox = {
		url: `${origin}${basePath}`,
		origin,
		keys: { ...SANDBOX_KEYS },
		requests,
		campaigns(workspaceId = defaultWorkspaceId) {
			const ws = workspaces.get(workspaceIdFor(workspaceId));
			if (!ws) return [];
			return [...ws.campaigns.values()].map((e) => ({
				...copyCampaign(e.campaign),
				step_count: e.steps.length,
			}));
		},
		steps(campaignId, workspaceId = defaultWorkspaceId) {
			const entry = workspaces.get(workspaceIdFor(workspaceId))?.campaigns.get(campaignId);
			return entry ? copySteps(entry.steps) : [];
		},
		reset() {
			loadSeed();
			quotas.clear();
			requests.length = 0;
			faults = [];
		},
		injectFault(fault, match = {}, times = 1) {
			if (!(times > 0)) throw new TypeError('times must be > 0 (Infinity allowed)');
			validateFault(fault);
			faults.push({
				fault,
				method: match.method,
				pathIncludes: match.pathIncludes,
				remaining: times,
			});
		},
		clearFaults() {
			faults = [];
		},
		setOptions(partial) {
			validateTunable(partial);
			const defined = Object.fromEntries(
				Object.entries(partial).filter(([, v]) => v !== undefined),
			);
			Object.assign(live, defined);
		},
		setDailyRemaining(workspaceKeyOrId, remaining) {
			if (!Number.isFinite(remaining) || remaining < 0)
				throw new TypeError('remaining must be a number >= 0');
			const q = quotaFor(workspaceIdFor(workspaceKeyOrId), now());
			q.used = Math.max(0, live.dailyLimit - Math.floor(remaining));
		},
		options() {
			return { ...live };
		},
		close() {
			if (closed) return Promise.resolve();
			closed = true;
			for (const t of timers) clearTimeout(t);
			timers.clear();
			return new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
				for (const s of sockets) s.destroy();
				sockets.clear();
			});
		},
	};
	return api;
}
