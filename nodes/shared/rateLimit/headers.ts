import { capitalize } from '../errors/LeadlexApiError';

export type ResponseHeaders = Record<string, unknown>;

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

export function header(headers: ResponseHeaders | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() !== wanted) continue;
		const first = Array.isArray(value) ? value[0] : value;
		return first === undefined || first === null ? undefined : String(first);
	}
	return undefined;
}

function integerHeader(headers: ResponseHeaders | undefined, name: string): number | undefined {
	const raw = header(headers, name);
	if (raw === undefined || !/^\s*\d+\s*$/.test(raw)) return undefined;
	return Number(raw);
}

/** Retry-After is seconds or an HTTP date (RFC 9110). */
function parseRetryAfter(raw: string | undefined, now: number): number | undefined {
	if (raw === undefined) return undefined;
	if (/^\s*\d+(\.\d+)?\s*$/.test(raw)) return Math.ceil(Number(raw) * 1000);
	const date = Date.parse(raw);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function readRateLimit(
	headers: ResponseHeaders | undefined,
	now = Date.now(),
): RateLimitInfo {
	const reset = integerHeader(headers, 'x-ratelimit-reset');
	return {
		limit: integerHeader(headers, 'x-ratelimit-limit'),
		remaining: integerHeader(headers, 'x-ratelimit-remaining'),
		resetAt: reset === undefined ? undefined : reset * 1000,
		retryAfterMs: parseRetryAfter(header(headers, 'retry-after'), now),
	};
}

function formatUtc(ms: number): string {
	return new Date(ms)
		.toISOString()
		.replace('T', ' ')
		.replace(/:\d\d\.\d{3}Z$/, ' UTC');
}

/** A sentence on the quota, e.g. "0 of 100 daily calls remain; the quota resets at 2026-11-30 00:00 UTC." */
export function describeQuota(info: RateLimitInfo): string {
	const parts: string[] = [];
	if (info.remaining !== undefined) {
		parts.push(
			info.limit !== undefined
				? `${info.remaining} of ${info.limit} daily calls remain`
				: `${info.remaining} daily calls remain`,
		);
	}
	if (info.resetAt !== undefined)
		parts.push(`the daily quota resets at ${formatUtc(info.resetAt)}`);
	return parts.length ? `${capitalize(parts.join('; '))}.` : '';
}
