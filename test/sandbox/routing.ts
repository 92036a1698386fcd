/**
 * The sandbox's route table: method + path pattern (`/v1/campaigns/:id/steps/:step_id`) ->
 * handler, with the permission the route needs. `dispatch` runs, in this order: path decoding
 * (400) -> route match (404 not_found) -> permission (403) -> on an `idempotent` route, the answer
 * kept for the request's Idempotency-Key (idempotency.ts) -> the handler (lookups, then body).
 */
import { HttpError, tryDecode, type JsonObject, type RequestBody } from './http';
import { keepAnswer, replayAnswer } from './idempotency';
import type { Permission, ScopedPermission, SeedApiKey } from './seed';
import type { WorkspaceState } from './store';
import type { SandboxProfile } from './types';

/**
 * The scope a route needs, e.g. `campaigns:write` or `write:contacts`; the coarse `read`/`write`
 * imply it. The two spellings are separate scopes: `contacts:write` does not grant
 * `write:contacts`. Lexi's routes need the coarse `lexi`, which only `lexi` grants.
 */
export type NeededPermission = ScopedPermission | 'lexi';

export interface HandlerContext {
	/** The key's workspace. */
	ws: WorkspaceState;
	/** Named path parameters, percent-decoded. */
	params: Record<string, string>;
	query: URLSearchParams;
	/** Raw body; parse it with `jsonObjectBody` (routes/validate.ts). */
	body: RequestBody;
	key: SeedApiKey;
	/** The sandbox clock (ms since the epoch) when the request was handled. */
	now: number;
	profile: SandboxProfile;
	/** Start-up option: webhook targets on this machine (http://127.0.0.1:...) are accepted. */
	allowLoopbackWebhooks: boolean;
}

export interface HandlerResult {
	/** Default 200. */
	status?: number;
	payload: JsonObject;
	/** Webhook events this request fires (only when it answers 2xx). */
	events?: Array<{ event: string; data: JsonObject }>;
	/** Headers beside the standard ones (the export limit's Retry-After). */
	headers?: Record<string, string>;
	/** A file instead of JSON (the contact export's CSV); `payload` is then not sent. */
	file?: { contentType: string; fileName: string; body: string };
	/** Work done after the answer (a queued import's job); its events fire when it is done. */
	deferred?: { afterMs: number; run: () => Array<{ event: string; data: JsonObject }> };
}

export interface RouteDef {
	method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
	/** Literal segments and `:name` parameters, e.g. `/v1/campaigns/:id/steps`. */
	pattern: string;
	permission: NeededPermission;
	/** Honours the Idempotency-Key header (docs §6): a repeat gets the first 2xx answer again. */
	idempotent?: boolean;
	/** How long a kept answer is replayed; default 24 h (detect-duplicates: 60 minutes). */
	idempotencyWindowMs?: number;
	handler: (ctx: HandlerContext) => HandlerResult;
}

interface CompiledRoute extends RouteDef {
	segments: Array<{ literal: string } | { param: string }>;
}

export interface Router {
	dispatch(
		method: string,
		/** The path below basePath, raw (not decoded). */
		rest: string,
		ctx: Omit<HandlerContext, 'params' | 'ws'> & {
			workspaces: Map<string, WorkspaceState>;
			/** The request's Idempotency-Key header, if any (used on `idempotent` routes only). */
			idempotencyKey?: string;
		},
	): HandlerResult;
}

export function hasPermission(granted: readonly Permission[], needed: NeededPermission): boolean {
	if (granted.includes(needed)) return true;
	if (needed === 'lexi') return false;
	// Older coarse model: `read` implies every read scope, `write` every write scope.
	const reads = needed.endsWith(':read') || needed.startsWith('read:');
	return granted.includes(reads ? 'read' : 'write');
}

/** Splits on '/' first, then percent-decodes each segment (so `%2F` stays inside one ID). */
export function decodeSegments(rest: string): string[] {
	const raw = rest.split('/');
	// rest always starts with '/' here (or is empty): drop the leading empty segment.
	if (raw[0] === '') raw.shift();
	return raw.map((s) => {
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
}

function compile(route: RouteDef): CompiledRoute {
	const parts = route.pattern.split('/').filter((p) => p !== '');
	return {
		...route,
		segments: parts.map((p) => (p.startsWith(':') ? { param: p.slice(1) } : { literal: p })),
	};
}

function matchSegments(
	route: CompiledRoute,
	segments: string[],
): Record<string, string> | undefined {
	if (route.segments.length !== segments.length) return undefined;
	const params: Record<string, string> = {};
	for (let i = 0; i < segments.length; i++) {
		const want = route.segments[i];
		if ('literal' in want) {
			if (want.literal !== segments[i]) return undefined;
		} else {
			params[want.param] = segments[i];
		}
	}
	return params;
}

export function createRouter(routes: RouteDef[]): Router {
	const compiled = routes.map(compile);
	return {
		dispatch(method, rest, base) {
			const segments = decodeSegments(rest);
			// Empty segments (trailing or doubled slashes) match no route.
			const usable = !segments.some((s) => s === '');
			let found: { route: CompiledRoute; params: Record<string, string> } | undefined;
			for (const route of usable ? compiled : []) {
				if (route.method !== method) continue;
				const params = matchSegments(route, segments);
				if (params) {
					found = { route, params };
					break;
				}
			}
			if (!found) throw new HttpError(404, 'not_found', 'Route not found');

			const needed = found.route.permission;
			if (!hasPermission(base.key.permissions, needed)) {
				throw new HttpError(
					403,
					'insufficient_permissions',
					`This API key is missing the ${needed} permission`,
				);
			}
			const ws = base.workspaces.get(base.key.workspaceId);
			if (!ws) throw new HttpError(401, 'invalid_key', 'Invalid or expired API key');
			const idempotencyKey = found.route.idempotent ? base.idempotencyKey : undefined;
			if (idempotencyKey !== undefined) {
				const window = found.route.idempotencyWindowMs;
				const replay = replayAnswer(ws.idempotency, idempotencyKey, base.now, window);
				if (replay) return replay;
			}
			const { query, body, key, now, profile, allowLoopbackWebhooks } = base;
			const result = found.route.handler({
				ws,
				params: found.params,
				query,
				body,
				key,
				now,
				profile,
				allowLoopbackWebhooks,
			});
			if (idempotencyKey !== undefined) keepAnswer(ws.idempotency, idempotencyKey, result, now);
			return result;
		},
	};
}
