import {
	NodeApiError,
	NodeOperationError,
	type DeclarativeRestApiSettings,
	type IExecutePaginationFunctions,
	type IExecuteSingleFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';
import { checkBaseUrl } from './baseUrl';
import { errorFromTransport, LeadlexApiError, type RequestSubject } from './errors';
import { pause } from './pause';
import { gateFor, WaitBudgetExceeded, type RateLimitGate } from './rateLimitGate';
import { planRateLimitWait, rateLimitGiveUp, readRetryPolicy } from './rateLimitRetry';

export interface PreparedRequest {
	/** The request path, every ID already encoded as one segment. */
	path: string;
	subject: RequestSubject;
}

export type PrepareRequest = (this: IExecuteSingleFunctions) => PreparedRequest;

/**
 * Runs one item's request for a declarative operation. n8n calls this in place of sending the
 * request itself (it is wired as the operation's `pagination` function), which gives the node
 * one place to check the item's IDs before anything is sent, to wait out LeadLex's rate limit,
 * to turn network failures into errors that never carry the request headers (the API key), and
 * to keep a failed item in place when the node continues on fail.
 */
export function leadlexRequestRunner(prepare: PrepareRequest) {
	return async function runLeadlexRequest(
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const itemIndex = this.getItemIndex();
		const pairedItem = { item: itemIndex };
		try {
			const { path, subject } = prepare.call(this);
			const options = requestData.options;
			options.baseURL = checkBaseUrl(this.getNode(), options.baseURL);
			options.url = path;
			const items = await sendWithinRateLimit(this, requestData, subject);
			return items.map((item) => ({ ...item, pairedItem }));
		} catch (caught) {
			const error =
				caught instanceof NodeApiError || caught instanceof NodeOperationError
					? caught
					: new NodeOperationError(this.getNode(), caught as Error, { itemIndex });
			if (!this.continueOnFail()) throw error;
			// n8n shows a failed item as { error: message }, with the full error beside it.
			return [{ json: { error: error.message }, error, pairedItem }];
		}
	};
}

/**
 * Sends the request, and after a per-minute 429 waits for the limit window and sends it again.
 * Retrying is safe even for DELETE: a 429 means LeadLex refused the request without doing it.
 */
async function sendWithinRateLimit(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	subject: RequestSubject,
): Promise<INodeExecutionData[]> {
	const policy = readRetryPolicy(context);
	const gate = gateFor(gateKey(context, requestData));
	const waiter = new Waiter(policy.maxWaitMs, context.getExecutionCancelSignal?.());
	let release: (() => void) | undefined;
	try {
		if (policy.enabled && gate.throttled) release = await waiter.turn(gate);
		for (;;) {
			const attempt = await sendOnce(context, requestData, subject).then(
				(items) => ({ items }),
				(error: LeadlexApiError) => ({ error }),
			);
			if ('items' in attempt) return attempt.items;
			const { error } = attempt;
			if (error.httpStatus !== 429 || !policy.enabled) throw error;
			const plan = planRateLimitWait(error.rateLimit ?? {}, policy, waiter.waitedMs);
			if ('giveUp' in plan) throw rateLimitGiveUp(error, plan.giveUp, waiter.waitedMs);
			gate.holdUntil(plan.retryAt);
			try {
				if (release) await waiter.until(plan.retryAt);
				else release = await waiter.turn(gate);
			} catch (waitError) {
				throw waitError instanceof WaitBudgetExceeded
					? rateLimitGiveUp(error, 'budget', waiter.waitedMs)
					: waitError;
			}
		}
	} catch (error) {
		// Besides LeadLex errors, only a cancelled wait can end up here.
		throw error instanceof NodeApiError
			? error
			: new NodeOperationError(context.getNode(), 'The execution was cancelled while waiting for the LeadLex rate limit', {
					itemIndex: context.getItemIndex(),
					description: `${capitalize(subject.label)} was not ${subject.change ?? 'sent'}.`,
				});
	} finally {
		release?.();
	}
}

/** Keeps one item's waits within its budget, and counts how long it really waited. */
class Waiter {
	waitedMs = 0;

	constructor(
		private readonly budgetMs: number,
		private readonly signal?: AbortSignal,
	) {}

	get cancelled(): boolean {
		return this.signal?.aborted === true;
	}

	private get deadline(): number {
		return Date.now() + this.budgetMs - this.waitedMs;
	}

	async turn(gate: RateLimitGate): Promise<() => void> {
		return await this.timed(async () => await gate.acquire(this.deadline, this.signal));
	}

	async until(time: number): Promise<void> {
		if (time > this.deadline) throw new WaitBudgetExceeded();
		await this.timed(async () => await pause(time - Date.now(), this.signal));
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

function gateKey(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): string {
	const credential = context.getNode().credentials?.leadlexApi;
	return `${credential?.id ?? credential?.name ?? ''}@${requestData.options.baseURL ?? ''}`;
}

async function sendOnce(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	subject: RequestSubject,
): Promise<INodeExecutionData[]> {
	try {
		return await context.makeRoutingRequest(requestData);
	} catch (error) {
		// Errors from postReceive are already the user's message; anything else is the HTTP client's.
		throw error instanceof LeadlexApiError
			? error
			: errorFromTransport(
					context.getNode(),
					error,
					subject,
					{ baseUrl: requestData.options.baseURL, timeoutMs: requestData.options.timeout },
					context.getItemIndex(),
				);
	}
}

function capitalize(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}
