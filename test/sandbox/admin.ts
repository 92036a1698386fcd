/* eslint-disable @n8n/community-nodes/no-restricted-imports */
/**
 * The sandbox's admin routes under `/__sandbox`: no auth, not recorded, no quota.
 * They call the same test API (`Sandbox`) a Jest test would.
 */
import type * as http from 'node:http';

import {
	errorPayload,
	HttpError,
	INVALID_JSON,
	isJsonObject,
	readAdminBody,
	sendAdmin,
	tryParseJson,
	type JsonObject,
} from './http';
import type { EmitOptions, Fault, FaultMatch, Sandbox, TunableOptions } from './types';

export const ADMIN_PREFIX = '/__sandbox';

export interface AdminDeps {
	api: Sandbox;
	/** `{campaigns, workspaces}` (store.ts `snapshot`). */
	state(): JsonObject;
}

/** An admin body: empty -> {}, otherwise it must be a JSON object (400 validation_error). */
async function readJsonObject(req: http.IncomingMessage): Promise<JsonObject> {
	const text = await readAdminBody(req);
	if (text.trim() === '') return {};
	const parsed = tryParseJson(text);
	if (parsed === INVALID_JSON) throw new HttpError(400, 'validation_error', 'Body must be JSON');
	if (!isJsonObject(parsed)) {
		throw new HttpError(400, 'validation_error', 'Body must be a JSON object');
	}
	return parsed;
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

/** Runs fn; a thrown error becomes 400 validation_error with its message. */
function orBadRequest(fn: () => void): void {
	const problem = failureOf(fn);
	if (problem !== undefined) throw new HttpError(400, 'validation_error', problem);
}

const TUNABLE_NAMES = ['perWindowLimit', 'windowMs', 'dailyLimit', 'latencyMs', 'profile'] as const;

async function route(
	req: http.IncomingMessage,
	res: http.ServerResponse,
	name: string,
	{ api, state }: AdminDeps,
): Promise<void> {
	switch (name) {
		case 'GET /state':
			sendAdmin(res, 200, state());
			return;
		case 'GET /requests':
			sendAdmin(res, 200, { requests: api.requests });
			return;
		case 'POST /reset':
			await readAdminBody(req);
			api.reset();
			sendAdmin(res, 200, { ok: true });
			return;
		case 'GET /options':
			sendAdmin(res, 200, { ok: true, options: api.options() });
			return;
		case 'POST /options': {
			const body = await readJsonObject(req);
			const partial: Partial<TunableOptions> = {};
			for (const k of TUNABLE_NAMES) {
				if (k in body) (partial as Record<string, unknown>)[k] = body[k];
			}
			orBadRequest(() => api.setOptions(partial));
			sendAdmin(res, 200, { ok: true, options: api.options() });
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
			const match = (body.match as FaultMatch | undefined) ?? undefined;
			orBadRequest(() => api.injectFault(fault, match, times));
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
			orBadRequest(() => api.setDailyRemaining(who, remaining));
			sendAdmin(res, 200, { ok: true });
			return;
		}
		case 'GET /webhooks':
			sendAdmin(res, 200, { webhooks: api.webhooks(), deliveries: api.deliveries });
			return;
		case 'GET /contacts': {
			// The main workspace's contacts; `?email=` keeps those with that email (not case-sensitive).
			const email = new URL(req.url ?? '/', 'http://sandbox').searchParams.get('email');
			const all = api.contacts();
			const wanted = email?.trim().toLowerCase();
			const contacts = wanted
				? all.filter((contact) => contact.email?.trim().toLowerCase() === wanted)
				: all;
			sendAdmin(res, 200, { total: all.length, contacts });
			return;
		}
		case 'GET /crm': {
			// The main workspace's notes, tasks and activities made through the API (no read route for
			// activities is documented, so a suite checks them here).
			const { notes, tasks, activities } = api.crm();
			sendAdmin(res, 200, { notes, tasks, activities });
			return;
		}
		case 'POST /webhooks/emit': {
			const body = await readJsonObject(req);
			const headers = body.headers;
			const valid =
				typeof body.event === 'string' &&
				(body.body === undefined || typeof body.body === 'string') &&
				(body.webhookId === undefined || typeof body.webhookId === 'string') &&
				(body.workspace === undefined || typeof body.workspace === 'string') &&
				(body.retry === undefined || typeof body.retry === 'boolean') &&
				(headers === undefined ||
					(isJsonObject(headers) && Object.values(headers).every((v) => typeof v === 'string')));
			if (!valid) {
				throw new HttpError(
					400,
					'validation_error',
					'Body must be {event, data?, body?: string, headers?: {name: string}, webhookId?, workspace?, retry?: boolean}',
				);
			}
			const options = body as unknown as EmitOptions;
			let workspaceProblem: string | undefined;
			if (options.workspace !== undefined) {
				workspaceProblem = failureOf(() => api.webhooks(options.workspace));
			}
			if (workspaceProblem) throw new HttpError(400, 'validation_error', workspaceProblem);
			const deliveries = await api.emitEvent(options);
			sendAdmin(res, 200, { ok: true, deliveries });
			return;
		}
		default:
			throw new HttpError(404, 'not_found', 'Unknown sandbox admin route');
	}
}

export async function handleAdmin(
	req: http.IncomingMessage,
	res: http.ServerResponse,
	pathOnly: string,
	deps: AdminDeps,
): Promise<void> {
	const method = (req.method ?? 'GET').toUpperCase();
	const name = `${method} ${pathOnly.slice(ADMIN_PREFIX.length)}`;
	try {
		await route(req, res, name, deps);
	} catch (err) {
		const e = err instanceof HttpError ? err : new HttpError(500, 'internal_error', String(err));
		sendAdmin(res, e.status, errorPayload(e));
	}
}
