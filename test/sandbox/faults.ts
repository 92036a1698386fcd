/* eslint-disable @n8n/community-nodes/no-restricted-imports */
/**
 * Fault injection for the LeadLex sandbox: canned responses (any status 200-599, any headers,
 * e.g. a 3xx with Location), connection resets, truncated bodies, hangs, delays and lost answers
 * (the request is applied, the answer never sent).
 * A matching fault is used once per request, in the order added, `times` times.
 */
import type * as http from 'node:http';

import { send, type JsonObject } from './http';
import type { Fault, FaultMatch, RecordedRequest } from './types';

interface FaultEntry {
	fault: Fault;
	method?: string;
	pathIncludes?: string;
	remaining: number;
}

export interface FaultDeps {
	now(): number;
	/** The caller's current X-RateLimit-* headers (consumes nothing). */
	rateHeaders(req: http.IncomingMessage, at: number): Record<string, string>;
	/** Runs fn after ms (at once for ms <= 0); dropped when the sandbox closes. */
	later(ms: number, fn: () => void): void;
}

export interface Faults {
	inject(fault: Fault, match?: FaultMatch, times?: number): void;
	clear(): void;
	/** The first fault matching method + raw URL, consumed once; undefined if none. */
	take(method: string, rawUrl: string): Fault | undefined;
	/**
	 * Carries out the fault; `normal` is the regular handling (used by 'delay'), `unanswered` the
	 * regular handling that drops the connection instead of answering (used by 'lostAnswer').
	 */
	apply(
		fault: Fault,
		req: http.IncomingMessage,
		res: http.ServerResponse,
		record: RecordedRequest,
		normal: () => void,
		unanswered: () => void,
	): void;
}

/** Messages `failNext` uses when none is given (the docs' descriptions, §4.3 and §8). */
const DEFAULT_MESSAGES: Record<string, string> = {
	validation_error: 'Validation failed',
	missing_required_field: 'A required field is missing',
	invalid_send_condition: 'send_condition not recognised',
	invalid_key: 'Invalid or expired API key',
	insufficient_permissions: 'This API key is missing the required permission',
	campaign_not_found: 'No campaign with this ID',
	step_not_found: 'No step with this ID in the campaign',
	list_not_found: 'No list with this ID',
	membership_not_found: 'The contact is not in this list',
	not_found: 'Not found',
	campaign_not_active: 'Campaign is not in active status',
	campaign_not_draft: 'Only draft campaigns can be deleted',
	rate_limited: 'Rate limit exceeded',
	internal_error: 'Internal error',
};

/** A 'response' fault carrying the standard error envelope. */
export function envelopeFault(
	status: number,
	code: string,
	message?: string,
	details?: JsonObject,
): Fault {
	const error: JsonObject = { code, message: message ?? DEFAULT_MESSAGES[code] ?? code };
	if (details !== undefined) error.details = details;
	return { type: 'response', status, body: JSON.stringify({ error }) };
}

/** LeadLex's per-minute 429 (rate_limited), asking to wait `retryAfter` (seconds or an HTTP date). */
export function rateLimitedFault(retryAfter = '0'): Fault {
	return {
		type: 'response',
		status: 429,
		body: '{"error":{"code":"rate_limited","message":"Rate limit exceeded"}}',
		contentType: 'application/json',
		headers: { 'Retry-After': retryAfter },
	};
}

export function validateFault(fault: Fault): void {
	const f = fault as { type?: unknown; status?: unknown; body?: unknown; ms?: unknown };
	const isStatus = (v: unknown): boolean =>
		typeof v === 'number' && Number.isInteger(v) && v >= 200 && v <= 599;
	switch (f.type) {
		case 'reset':
		case 'hang':
		case 'lostAnswer':
			return;
		case 'endless':
			if (f.status === undefined || isStatus(f.status)) return;
			throw new TypeError("an 'endless' fault takes an optional status (200-599)");
		case 'drip': {
			const drip = fault as { intervalMs?: unknown; chunk?: unknown };
			if (
				(f.status === undefined || isStatus(f.status)) &&
				typeof drip.intervalMs === 'number' &&
				drip.intervalMs > 0 &&
				(drip.chunk === undefined || (typeof drip.chunk === 'string' && drip.chunk.length > 0))
			)
				return;
			throw new TypeError("a 'drip' fault needs intervalMs > 0, an optional chunk and status");
		}
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

export function createFaults(deps: FaultDeps): Faults {
	let faults: FaultEntry[] = [];

	return {
		inject(fault, match = {}, times = 1) {
			if (!(times > 0)) throw new TypeError('times must be > 0 (Infinity allowed)');
			validateFault(fault);
			faults.push({
				fault,
				method: match.method,
				pathIncludes: match.pathIncludes,
				remaining: times,
			});
		},
		clear() {
			faults = [];
		},
		take(method, rawUrl) {
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
		},
		apply(fault, req, res, record, normal, unanswered) {
			switch (fault.type) {
				case 'delay':
					deps.later(fault.ms, normal);
					return;
				case 'lostAnswer':
					unanswered();
					return;
				case 'hang':
					return;
				case 'reset':
					record.status = 0;
					req.socket.destroy();
					return;
				case 'response': {
					const at = deps.now();
					const headers: Record<string, string> = {
						...deps.rateHeaders(req, at),
						'X-Request-ID': record.requestId,
					};
					const noBody = fault.status === 204 || fault.status === 304;
					if (!noBody || fault.contentType !== undefined) {
						headers['Content-Type'] = fault.contentType ?? 'application/json';
					}
					send(res, record, fault.status, fault.body, { ...headers, ...(fault.headers ?? {}) });
					return;
				}
				case 'drip':
				case 'endless': {
					const status = fault.status ?? 200;
					record.status = status;
					res.writeHead(status, {
						'Content-Type': 'application/json',
						...deps.rateHeaders(req, deps.now()),
						'X-Request-ID': record.requestId,
					});
					let open = true;
					res.on('close', () => (open = false));
					if (fault.type === 'drip') {
						const chunk = fault.chunk ?? ' ';
						const tick = () => {
							if (!open) return;
							res.write(chunk);
							deps.later(fault.intervalMs, tick);
						};
						tick();
						return;
					}
					const block = Buffer.alloc(64 * 1024, 0x20);
					const pump = () => {
						while (open && res.write(block));
						if (open) res.once('drain', pump);
					};
					pump();
					return;
				}
				case 'truncated': {
					const at = deps.now();
					const full = Buffer.from(fault.body);
					const announced = Math.max(full.length, 64);
					const partLength = Math.min(full.length, Math.floor(announced / 2));
					const status = fault.status ?? 200;
					record.status = status;
					res.writeHead(status, {
						'Content-Type': 'application/json',
						'Content-Length': String(announced),
						...deps.rateHeaders(req, at),
						'X-Request-ID': record.requestId,
					});
					res.write(full.subarray(0, partLength), () => {
						req.socket.destroy();
					});
					return;
				}
			}
		},
	};
}
