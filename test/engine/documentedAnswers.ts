import type { INodeParameters } from 'n8n-workflow';
import type { Sandbox } from '../sandbox/server';
import { runLeadlex } from './harness';
import { UNKNOWN_KEY, type useSandbox } from './fixtures';
import { rateLimitedFault } from '../sandbox/faults';

/** One operation of a resource, as the documented-answer tests run it. */
export interface AnswerCase {
	operation: string;
	parameters: INodeParameters;
	/** The method of the operation's request (the per-minute 429 is injected on it). */
	method: string;
	/** The permission a 403 names. */
	permission: string;
	/** The sentence that ends a message when nothing changed ('' for reads). */
	unchanged: string;
	/** The sentence that ends a 5xx message: what may have changed ('' for reads). */
	maybe: string;
	/** The status LeadLex answers the operation with once it succeeds (200 unless given). */
	okStatus?: number;
	/** Sent again after a 5xx with the same Idempotency-Key, 3 tries in all (a bulk delete). */
	repeatedWithKey?: boolean;
}

export interface AnswerOptions {
	/** A key LeadLex knows that lacks every case's permission. */
	forbiddenKey: (sandbox: Sandbox) => string;
	/** Checked after each 403: that nothing changed in the sandbox. */
	afterForbidden?: (sandbox: Sandbox) => Promise<void>;
}

/** A refusal's message: its headline, then (for a write) the sentence saying nothing changed. */
export const withOutcome = (headline: string, c: AnswerCase) =>
	c.unchanged ? `${headline}. ${c.unchanged}` : headline;

/**
 * The answers every operation meets the same way (403, 401, a 404 without a LeadLex body, the
 * daily quota, a per-minute 429, a 5xx): each case's message must explain the answer by itself.
 * Call inside the resource's describe; the resource's own answers (400, its 404 codes) stay there.
 */
export function documentedAnswerTests<C extends AnswerCase>(
	env: ReturnType<typeof useSandbox>,
	cases: C[],
	options: AnswerOptions,
): void {
	const table = cases.map((c) => [c.operation, c] as const);

	test.each(table)('%s: 403 insufficient_permissions names the permission', async (_op, c) => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials: { ...credentials, apiKey: options.forbiddenKey(sandbox) },
			parameters: c.parameters,
		});
		expect(result.error?.message).toBe(
			withOutcome(`The LeadLex API key lacks the ${c.permission} permission`, c),
		);
		expect(result.error?.description).toContain(`Give the key the ${c.permission} permission`);
		await options.afterForbidden?.(sandbox);
	});

	test.each(table)('%s: 401 invalid_key; the key is nowhere in the output', async (_op, c) => {
		const { credentials } = env;
		const result = await runLeadlex({
			credentials: { ...credentials, apiKey: UNKNOWN_KEY },
			parameters: c.parameters,
		});
		expect(result.error?.message).toBe(withOutcome('LeadLex rejected the API key', c));
		expect(result.everything).not.toContain(UNKNOWN_KEY);
	});

	test.each(table)('%s: a 404 without a LeadLex body is a wrong Base URL', async (_op, c) => {
		const { sandbox, credentials } = env;
		sandbox.injectFault({
			type: 'response',
			status: 404,
			body: 'Not Found',
			contentType: 'text/plain',
		});
		const result = await runLeadlex({ credentials, parameters: c.parameters });
		expect(result.error?.message).toBe(
			withOutcome('No LeadLex API at the configured Base URL (HTTP 404)', c),
		);
	});

	test.each(table)(
		'%s: the daily quota used up (429): not waited for, nothing changed',
		async (_op, c) => {
			const { sandbox, credentials } = env;
			sandbox.setDailyRemaining(sandbox.keys.full, 0);
			const result = await runLeadlex({ credentials, parameters: c.parameters });
			expect(result.error?.message).toMatch(/^LeadLex daily API quota used up/);
			if (c.unchanged) expect(result.error?.message).toContain(c.unchanged);
			expect(sandbox.requests).toHaveLength(1);
		},
	);

	test.each(table)('%s: a per-minute 429 is waited out and sent again', async (_op, c) => {
		const { sandbox, credentials } = env;
		sandbox.injectFault(rateLimitedFault(), { method: c.method });
		const result = await runLeadlex({ credentials, parameters: c.parameters });
		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map((request) => request.status)).toEqual([429, c.okStatus ?? 200]);
	});

	test.each(table)(
		'%s: a 5xx says whether anything may have changed; only a keyed request is sent again',
		async (_op, c) => {
			const { sandbox, credentials } = env;
			// A keyed request is sent again after a 5xx: fail every try.
			sandbox.injectFault(
				{
					type: 'response',
					status: 502,
					body: '<html>Bad Gateway</html>',
					contentType: 'text/html',
				},
				undefined,
				3,
			);
			const result = await runLeadlex({ credentials, parameters: c.parameters });
			const headline = 'LeadLex had a server error (HTTP 502)';
			expect(result.error?.message).toBe(c.maybe ? `${headline}. ${c.maybe}` : headline);
			const keys = sandbox.requests.map((request) => request.headers['idempotency-key']);
			if (c.repeatedWithKey) {
				expect(keys).toHaveLength(3);
				expect(keys[0]).toBeTruthy();
				expect(new Set(keys).size).toBe(1);
				expect(result.error?.description).toContain(
					'The node sent the request 3 times with the same Idempotency-Key',
				);
			} else {
				expect(keys).toEqual([undefined]);
			}
		},
	);
}
