import { capitalize } from '../text';
import { header, headerValues, type ResponseHeaders } from '../transport/answer';

export interface RateLimitInfo {
	/** Daily quota, from X-RateLimit-Limit. */
	limit?: number;
	/** Calls left today, from X-RateLimit-Remaining. */
	remaining?: number;
	/** When the daily quota resets (ms since epoch), from X-RateLimit-Reset. */
	resetAt?: number;
	/** How long LeadLex asks to wait (ms), from Retry-After when present (not documented). */
	retryAfterMs?: number;
}

/** A wait a server asks for is read up to this; anything longer is "this long or more". */
export const MAX_ASKED_WAIT_MS = 2 * 24 * 3600_000;

/** A daily quota resets within a day; a reset time further from now than this is not believed. */
const PLAUSIBLE_RESET_MS = 2 * 24 * 3600_000;

/** Epoch values from this size on are milliseconds (in seconds they would be after the year 5000). */
const MILLISECONDS_FROM = 1e11;

/** Every whole number in the header, also when a proxy joined repeated headers with commas. */
function integers(headers: ResponseHeaders | undefined, name: string): number[] | undefined {
	const parts = headerValues(headers, name).flatMap((value) => value.split(','));
	if (!parts.length || !parts.every((part) => /^\s*\d{1,20}\s*$/.test(part))) return undefined;
	return parts.map(Number);
}

/** X-RateLimit-Reset: epoch seconds as documented, or milliseconds; only a time near now. */
function parseReset(values: number[] | undefined, now: number): number | undefined {
	if (!values) return undefined;
	const at = values[0] >= MILLISECONDS_FROM ? values[0] : values[0] * 1000;
	return Math.abs(at - now) <= PLAUSIBLE_RESET_MS ? at : undefined;
}

/** Retry-After is seconds or an HTTP date (RFC 9110), read up to MAX_ASKED_WAIT_MS. */
function parseRetryAfter(raw: string | undefined, now: number): number | undefined {
	if (raw === undefined) return undefined;
	let ms: number | undefined;
	if (/^\s*\d{1,20}(\.\d{1,9})?\s*$/.test(raw)) ms = Math.ceil(Number(raw) * 1000);
	else if (/^\s*[a-z]{3},\s/i.test(raw)) {
		const date = Date.parse(raw);
		if (!Number.isNaN(date)) ms = Math.max(0, date - now);
	}
	return ms === undefined ? undefined : Math.min(ms, MAX_ASKED_WAIT_MS);
}

export function readRateLimit(
	headers: ResponseHeaders | undefined,
	now = Date.now(),
): RateLimitInfo {
	const remaining = integers(headers, 'x-ratelimit-remaining');
	return {
		limit: integers(headers, 'x-ratelimit-limit')?.[0],
		// Repeated values that differ: the smallest, so a used-up quota is never missed.
		remaining: remaining && Math.min(...remaining),
		resetAt: parseReset(integers(headers, 'x-ratelimit-reset'), now),
		retryAfterMs: parseRetryAfter(header(headers, 'retry-after'), now),
	};
}

/** "2026-11-30 00:00 UTC" (with `seconds`, "2026-11-30 00:00:05 UTC"). */
export function formatUtc(ms: number, seconds = false): string {
	return new Date(ms)
		.toISOString()
		.replace('T', ' ')
		.replace(seconds ? /\.\d{3}Z$/ : /:\d\d\.\d{3}Z$/, ' UTC');
}

/** "3 s", or "2 days or more": a wait a server asked for. */
export function formatWait(ms: number): string {
	if (ms >= MAX_ASKED_WAIT_MS) return `${MAX_ASKED_WAIT_MS / 86_400_000} days or more`;
	return `${Math.ceil(ms / 1000)} s`;
}

/** A sentence on the quota, e.g. "0 of 100 daily calls remain; the quota resets at 2026-11-30 00:00 UTC." */
export function describeQuota(info: RateLimitInfo, now = Date.now()): string {
	const parts: string[] = [];
	if (info.remaining !== undefined) {
		parts.push(
			info.limit !== undefined
				? `${info.remaining} of ${info.limit} daily calls remain`
				: `${info.remaining} daily calls remain`,
		);
	}
	if (info.resetAt !== undefined) {
		parts.push(
			info.resetAt > now
				? `the daily quota resets at ${formatUtc(info.resetAt)}`
				: `LeadLex gave ${formatUtc(info.resetAt)} as the daily quota's reset, which has passed`,
		);
	}
	return parts.length ? `${capitalize(parts.join('; '))}.` : '';
}
