/**
 * Quotas of the LeadLex sandbox: the daily quota (reset at 00:00 UTC) and the per-window limit
 * (fixed windows aligned to multiples of windowMs), both per workspace, and the X-RateLimit-*
 * headers. See assumptions 2-5 in server.ts.
 */
import type { TunableOptions } from './types';

const DAY_MS = 86_400_000;

interface QuotaState {
	day: number;
	used: number;
	window: number;
	windowCount: number;
}

export interface Quotas {
	/** X-RateLimit-* for the workspace (undefined: no valid key) after this request; {} if unlimited. */
	headers(workspaceId: string | undefined, at: number): Record<string, string>;
	/** Over a limit: returns the Retry-After seconds and consumes nothing; else consumes one unit. */
	consume(workspaceId: string, at: number): { retryAfter: number } | undefined;
	setRemaining(workspaceId: string, remaining: number, at: number): void;
	clear(): void;
}

/** `live` is read on every call, so option changes apply at once. */
export function createQuotas(live: TunableOptions): Quotas {
	const quotas = new Map<string, QuotaState>();

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

	return {
		headers(workspaceId, at): Record<string, string> {
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
		},
		consume(workspaceId, at) {
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
		},
		setRemaining(workspaceId, remaining, at) {
			if (!Number.isFinite(remaining) || remaining < 0)
				throw new TypeError('remaining must be a number >= 0');
			const q = quotaFor(workspaceId, at);
			q.used = Math.max(0, live.dailyLimit - Math.floor(remaining));
		},
		clear() {
			quotas.clear();
		},
	};
}
