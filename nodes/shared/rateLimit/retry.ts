import type { IExecuteSingleFunctions } from 'n8n-workflow';
import { LeadlexApiError } from '../errors/LeadlexApiError';
import { FieldChecker } from '../values';
import type { RateLimitInfo } from './headers';
import { WaitBudgetExceeded, type RateLimitGate, type Ticket } from './gate';
import { pause } from './pause';

export const DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS = 300;

/** The longest Max Rate Limit Wait: a day, time enough for LeadLex's daily quota to reset. */
export const MAX_RATE_LIMIT_WAIT_SECONDS = 86_400;

/**
 * Whatever the server said (a `Retry-After: 0`, a date or reset in the past: a clock a second off
 * is enough), the node never sends again at once. A refusal ends the workspace's window for at
 * least `window` ms; the refused item itself waits at least `item` ms, doubled for each window in
 * a row in which LeadLex accepted nothing, up to `longest`. A limit that lets some requests
 * through each window (LeadLex's per-minute limit) never doubles it, and the item's floor is below
 * the window's, so after a burst the refused items are all back in the queue when the next window
 * opens; a server that refuses everything gets fewer and fewer requests.
 */
export const RETRY_FLOOR_MS = { window: 1000, item: 500, longest: 60_000 };

export interface RetryPolicy {
	enabled: boolean;
	/** How long one item may keep trying, in ms, counted from when it first asked to send. */
	maxWaitMs: number;
	/** A limit LeadLex counts apart from the others (e.g. `export`): its own queue (gate.ts). */
	scope?: string;
	/** How long a 429 that names no time is taken to last (ms); default: to the next minute. */
	unsaidWaitMs?: number;
}

export function readRetryPolicy(context: IExecuteSingleFunctions): RetryPolicy {
	const options = context.getNodeParameter('options', {}) as {
		retryOnRateLimit?: unknown;
		maxRateLimitWait?: unknown;
	};
	const check = new FieldChecker(context.getNode(), context.getItemIndex());
	const enabled =
		options.retryOnRateLimit === undefined ||
		check.boolean('Retry On Rate Limit', options.retryOnRateLimit);
	const seconds =
		options.maxRateLimitWait === undefined || !enabled
			? DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS
			: check.number(
					'Max Rate Limit Wait',
					options.maxRateLimitWait,
					0,
					MAX_RATE_LIMIT_WAIT_SECONDS,
				);
	return { enabled, maxWaitMs: Math.round(seconds * 1000) };
}

type GiveUpReason = 'daily' | 'budget';

/** When LeadLex says the request may go again (ms since epoch), before any floor. */
function askedRetryAt(info: RateLimitInfo, now: number, unsaidWaitMs?: number): number {
	if (info.retryAfterMs !== undefined) return now + info.retryAfterMs;
	if (info.remaining === 0 && info.resetAt !== undefined) return info.resetAt;
	if (unsaidWaitMs !== undefined) return now + unsaidWaitMs;
	// LeadLex documents a per-minute limit and no header for it: the next minute.
	return (Math.floor(now / 60_000) + 1) * 60_000;
}

/** How an item's tries went, for its message when it gives up. */
interface Tries {
	startedAt: number;
	requests: number;
	/** Time spent waiting (ms), not sending. */
	waitedMs: number;
}

/** The item's own 429 error, told what the node tried and why it stopped. */
function rateLimitGiveUp(
	error: LeadlexApiError,
	reason: GiveUpReason,
	tries: Tries,
	policy: RetryPolicy,
): LeadlexApiError {
	if (reason === 'daily') {
		const note =
			'The node did not wait: the daily quota resets later than Options → Max Rate Limit Wait allows.';
		const description = error.description ?? '';
		// Before the closing "(HTTP 429 rate_limited, ...)" reference.
		const reference = /\s*\([^()]*\)$/.exec(description);
		error.description = reference
			? `${description.slice(0, reference.index)} ${note}${reference[0]}`
			: `${description} ${note}`.trim();
	} else {
		const elapsed = Math.round((Date.now() - tries.startedAt) / 1000);
		const budget = Math.round(policy.maxWaitMs / 1000);
		const requests =
			tries.requests === 1 ? 'its 1 request was' : `all ${tries.requests} requests were`;
		const note = `: the node stopped after ${elapsed} s, in which ${requests} refused (HTTP 429), because waiting longer would exceed Options → Max Rate Limit Wait (${budget} s)`;
		const headline = error.message.split('. ')[0];
		error.message = `${headline}${note}${error.message.slice(headline.length)}`;
	}
	error.rateLimitWaitedMs = tries.waitedMs;
	return error;
}

/**
 * Sends, and after a per-minute 429 waits for the limit window and sends again. Retrying is safe
 * even for DELETE: a 429 means LeadLex refused the request without doing it. Every repeat waits
 * at least the item's floor, and the item gives up once its next try would fall after its budget,
 * so a server that refuses forever gets a few requests per item, never a flood.
 * `send` rejects with LeadlexApiError only. Rejects with WaitBudgetExceeded when the queue
 * ahead of the item's first request is longer than its budget.
 */
export async function withRateLimitRetries<T>(
	send: () => Promise<T>,
	{ policy, gate, signal }: { policy: RetryPolicy; gate: RateLimitGate; signal?: AbortSignal },
): Promise<T> {
	if (!policy.enabled) return await send();
	const tries: Tries = { startedAt: Date.now(), requests: 0, waitedMs: 0 };
	const deadline = tries.startedAt + policy.maxWaitMs;
	const waited = async <R>(wait: () => Promise<R>): Promise<R> => {
		const started = Date.now();
		try {
			return await wait();
		} finally {
			tries.waitedMs += Date.now() - started;
		}
	};
	const order = gate.takeOrder();
	let ticket: Ticket | undefined;
	try {
		ticket = gate.throttled
			? await waited(async () => await gate.admit(order, deadline, signal))
			: gate.pass();
		for (;;) {
			tries.requests++;
			const attempt = await send().then(
				(result) => ({ result }),
				(error: LeadlexApiError) => ({ error }),
			);
			if ('result' in attempt) {
				ticket.done('succeeded');
				return attempt.result;
			}
			const { error } = attempt;
			if (!(error instanceof LeadlexApiError) || error.httpStatus !== 429) throw error;
			const info = error.rateLimit ?? {};
			const now = Date.now();
			const windowEnd = Math.max(
				askedRetryAt(info, now, policy.unsaidWaitMs),
				now + RETRY_FLOOR_MS.window,
			);
			// The gate always learns of the refusal, also when this item gives up: otherwise the
			// next item would go at once, and the next.
			ticket.done('refused', windowEnd);
			if (info.remaining === 0 && info.resetAt !== undefined && info.resetAt > deadline) {
				throw rateLimitGiveUp(error, 'daily', tries, policy);
			}
			const floorEnd =
				now + Math.min(RETRY_FLOOR_MS.item * 2 ** gate.refusedWindows, RETRY_FLOOR_MS.longest);
			if (Math.max(floorEnd, windowEnd) > deadline) {
				throw rateLimitGiveUp(error, 'budget', tries, policy);
			}
			// The gate waits for the window's end; the item also waits out its own floor.
			try {
				await waited(async () => {
					await pause(floorEnd - Date.now(), signal);
					ticket = await gate.admit(order, deadline, signal);
				});
			} catch (waitError) {
				throw waitError instanceof WaitBudgetExceeded
					? rateLimitGiveUp(error, 'budget', tries, policy)
					: waitError;
			}
		}
	} finally {
		// Any other end (an error, giving up) tells the gate nothing about the window.
		ticket?.done('failed');
	}
}
