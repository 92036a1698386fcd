/* eslint-disable @n8n/community-nodes/no-restricted-imports */
/**
 * The `Idempotency-Key` header (docs §6) on routes flagged `idempotent` (routing.ts): the first
 * 2xx answer to a key is kept per workspace for 24 h on the sandbox clock (a route may keep it for
 * less: detect-duplicates for 60 minutes), and a request with the same key within that time gets
 * that answer again (same status, same body) while nothing is applied and no event fires. Error
 * answers are not kept: the request was not applied. The key is per workspace only, so a different
 * body (or route) with a used key gets the kept answer.
 */
import type { IncomingHttpHeaders } from 'node:http';

import type { JsonObject } from './http';
import type { HandlerResult } from './routing';

export const IDEMPOTENCY_WINDOW_MS = 24 * 3_600_000;

export interface KeptAnswer {
	status: number;
	payload: JsonObject;
	/** Sandbox clock when the answer was kept. */
	at: number;
}

/** Kept answers by Idempotency-Key, one store per workspace. */
export type IdempotencyStore = Map<string, KeptAnswer>;

/** The request's Idempotency-Key; a missing or blank header is no key. */
export function idempotencyKeyOf(headers: IncomingHttpHeaders): string | undefined {
	const raw = headers['idempotency-key'];
	const value = Array.isArray(raw) ? raw[0] : raw;
	return value === undefined || value.trim() === '' ? undefined : value;
}

/**
 * The answer kept for this key within the route's window (24 h unless the route keeps its answers
 * for less), as a fresh result without events.
 */
export function replayAnswer(
	store: IdempotencyStore,
	key: string,
	now: number,
	windowMs = IDEMPOTENCY_WINDOW_MS,
): HandlerResult | undefined {
	const kept = store.get(key);
	if (!kept || now - kept.at >= windowMs) return undefined;
	return { status: kept.status, payload: structuredClone(kept.payload) };
}

/** Keeps a 2xx answer under the key (replacing one older than the route's window). */
export function keepAnswer(
	store: IdempotencyStore,
	key: string,
	result: HandlerResult,
	now: number,
): void {
	const status = result.status ?? 200;
	if (status < 200 || status > 299) return;
	store.set(key, { status, payload: structuredClone(result.payload), at: now });
}
