import type { IExecuteSingleFunctions } from 'n8n-workflow';
import { LeadlexApiError } from '../errors/LeadlexApiError';
import type { RateLimitInfo } from './headers';
import { WaitBudgetExceeded, type RateLimitGate, type Ticket } from './gate';

export const DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS = 300;

export interface RetryPolicy {
	enabled: boolean;
	/** Longest total wait for one item, in ms. */
	maxWaitMs: number;
}

export function readRetryPolicy(context: IExecuteSingleFunctions): RetryPolicy {
	const options = context.getNodeParameter('options', {}) as {
		retryOnRateLimit?: boolean;
		maxRateLimitWait?: number;
	};
	const seconds = Number(options.maxRateLimitWait ?? DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS);
	return {
		enabled: options.retryOnRateLimit !== false,
		maxWaitMs:
			(Number.isFinite(seconds) && seconds >= 0 ? seconds : DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS) *
			1000,
	};
}

type GiveUpReason = 'daily' | 'budget';

/**
 * When to send again after a 429. LeadLex documents X-RateLimit-* for the daily quota only, so:
 * Remaining 0 with a reset beyond the allowed wait is the daily quota (no point waiting); anything
 * else is the per-minute limit, which ends at Retry-After (when sent) or at the next minute.
 */
function planRateLimitWait(
	info: RateLimitInfo,
	policy: RetryPolicy,
	waitedMs: number,
	now = Date.now(),
): { retryAt: number } | { giveUp: GiveUpReason } {
	const budgetLeft = policy.maxWaitMs - waitedMs;
	const dailyExhausted = info.remaining === 0 && info.resetAt !== undefined;
	if (dailyExhausted && info.resetAt! - now > budgetLeft) return { giveUp: 'daily' };
	let retryAt: number;
	if (info.retryAfterMs !== undefined) retryAt = now + info.retryAfterMs;
	else if (dailyExhausted) retryAt = info.resetAt!;
	else retryAt = (Math.floor(now / 60_000) + 1) * 60_000;
	return retryAt - now > budgetLeft ? { giveUp: 'budget' } : { retryAt };
}

/** The item's own 429 error, told how long it waited and why it stopped waiting. */
function rateLimitGiveUp(
	error: LeadlexApiError,
	reason: GiveUpReason,
	waitedMs: number,
): LeadlexApiError {
	const seconds = Math.round(waitedMs / 1000);
	const note =
		reason === 'daily'
			? 'The node did not wait: the daily quota resets later than Options → Max Rate Limit Wait allows.'
			: `The node waited ${seconds} s for the per-minute limit, and waiting longer would exceed Options → Max Rate Limit Wait.`;
	// Before the closing "(HTTP 429 rate_limited, ...)" reference.
	const description = error.description ?? '';
	const reference = /\s*\([^()]*\)$/.exec(description);
	error.description = reference
		? `${description.slice(0, reference.index)} ${note}${reference[0]}`
		: `${description} ${note}`.trim();
	error.rateLimitWaitedMs = waitedMs;
	return error;
}

/**
 * Sends, and after a per-minute 429 waits for the limit window and sends again. Retrying is safe
 * even for DELETE: a 429 means LeadLex refused the request without doing it.
 * `send` rejects with LeadlexApiError only.
 */
export async function withRateLimitRetries<T>(
	send: () => Promise<T>,
	{ policy, gate, signal }: { policy: RetryPolicy; gate: RateLimitGate; signal?: AbortSignal },
): Promise<T> {
	if (!policy.enabled) return await send();
	const waiter = new Waiter(policy.maxWaitMs, signal);
	const order = gate.takeOrder();
	let ticket: Ticket | undefined;
	try {
		ticket = gate.throttled ? await waiter.turn(gate, order) : gate.pass();
		for (;;) {
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
			const plan = planRateLimitWait(error.rateLimit ?? {}, policy, waiter.waitedMs);
			if ('giveUp' in plan) throw rateLimitGiveUp(error, plan.giveUp, waiter.waitedMs);
			ticket.done('refused', plan.retryAt);
			try {
				ticket = await waiter.turn(gate, order);
			} catch (waitError) {
				throw waitError instanceof WaitBudgetExceeded
					? rateLimitGiveUp(error, 'budget', waiter.waitedMs)
					: waitError;
			}
		}
	} finally {
		// Any other end (an error, giving up) tells the gate nothing about the window.
		ticket?.done('failed');
	}
}

/** Keeps one item's waits within its budget, and counts how long it really waited. */
class Waiter {
	waitedMs = 0;

	constructor(
		private readonly budgetMs: number,
		private readonly signal?: AbortSignal,
	) {}

	private get deadline(): number {
		return Date.now() + this.budgetMs - this.waitedMs;
	}

	async turn(gate: RateLimitGate, order: number): Promise<Ticket> {
		return await this.timed(async () => await gate.admit(order, this.deadline, this.signal));
	}

	private async timed<T>(wait: () => Promise<T>): Promise<T> {
		const started = Date.now();
		try {
			return await wait();
		} finally {
			this.waitedMs += Date.now() - started;
		}
	}
}
