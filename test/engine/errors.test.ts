import type { Fault } from '../sandbox/server';
import { runLeadlex, type RunResult } from './harness';
import { CAMPAIGN, deleteStep, byId, STEP_2_OUTCOME, UNKNOWN_KEY, useSandbox } from './fixtures';

const env = useSandbox();

const {
	notDeleted: NOT_DELETED,
	maybeDeleted: MAYBE_DELETED,
	probablyDeleted: PROBABLY_DELETED,
} = STEP_2_OUTCOME;
const REQUEST_ID = /LeadLex request ID req_[0-9A-Z]{26}\)$/;

function run(
	extra: { apiKey?: string; baseUrl?: string; parameters?: object; timeout?: number } = {},
) {
	const requestOptions = extra.timeout ? { requestOptions: { timeout: extra.timeout } } : {};
	return runLeadlex({
		credentials: {
			apiKey: extra.apiKey ?? env.sandbox.keys.full,
			baseUrl: extra.baseUrl ?? env.sandbox.url,
		},
		parameters: deleteStep(CAMPAIGN, 'step_2', { ...requestOptions, ...extra.parameters }),
	});
}

function expectNoKey(result: RunResult, key = env.sandbox.keys.full) {
	expect(result.everything).not.toContain(key);
	expect(result.everything).not.toContain(key.slice(4));
}

describe('every documented error code has its own message', () => {
	test('401 invalid_key', async () => {
		const result = await run({ apiKey: UNKNOWN_KEY });
		expect(result.error?.message).toBe('LeadLex rejected the API key');
		expect(result.error?.description).toMatch(
			new RegExp(
				`^${escape(NOT_DELETED)} The key in the LeadLex credential is wrong, expired or revoked`,
			),
		);
		expect(result.error?.description).toMatch(/\(HTTP 401 invalid_key, LeadLex request ID req_/);
		expect(result.error?.httpCode).toBe('401');
		expectNoKey(result, UNKNOWN_KEY);
	});

	test('401 for an expired key', async () => {
		const result = await run({ apiKey: env.sandbox.keys.expired });
		expect(result.error?.message).toBe('LeadLex rejected the API key');
		expectNoKey(result, env.sandbox.keys.expired);
	});

	test('403 insufficient_permissions names campaigns:write', async () => {
		const result = await run({ apiKey: env.sandbox.keys.readOnly });
		expect(result.error?.message).toBe('The LeadLex API key lacks the campaigns:write permission');
		expect(result.error?.description).toMatch(
			new RegExp(`^${escape(NOT_DELETED)} Give the key the campaigns:write`),
		);
		expect(env.sandbox.steps(CAMPAIGN)).toHaveLength(4);
		expectNoKey(result, env.sandbox.keys.readOnly);
	});

	test('404 campaign_not_found', async () => {
		const result = await runLeadlex({
			credentials: env.credentials,
			parameters: deleteStep('cmp_nope', 'step_2'),
		});
		expect(result.error?.message).toBe('Campaign "cmp_nope" was not found in LeadLex');
		expect(result.error?.description).toMatch(
			/^Step "step_2" of campaign "cmp_nope" was not deleted\. Check the campaign ID\. A key only sees the campaigns of its own workspace\. \(HTTP 404 campaign_not_found, /,
		);
	});

	test('404 for a campaign of another workspace', async () => {
		const result = await run({ apiKey: env.sandbox.keys.otherWorkspace });
		expect(result.error?.message).toBe('Campaign "cmp_abc123" was not found in LeadLex');
	});

	test('404 step_not_found', async () => {
		const result = await runLeadlex({
			credentials: env.credentials,
			parameters: deleteStep(CAMPAIGN, 'step_9'),
		});
		expect(result.error?.message).toBe('Step "step_9" was not found in campaign "cmp_abc123"');
		expect(result.error?.description).toMatch(
			/^Step "step_9" of campaign "cmp_abc123" was not deleted\. It may have been deleted already, for example by an earlier run\. To treat that as success, turn on Options → Ignore Not Found\./,
		);
	});

	test('429 rate_limited (per-minute limit): our message is the one the user finally sees', async () => {
		env.sandbox.setOptions({ perWindowLimit: 1, windowMs: 3_600_000 });
		await run({ parameters: {} }); // uses the window's only call
		const result = await runLeadlex({
			credentials: env.credentials,
			parameters: deleteStep(CAMPAIGN, 'step_3', { options: { retryOnRateLimit: false } }),
		});
		expect(result.error?.message).toBe('LeadLex rate limit reached');
		expect(result.error?.message).not.toMatch(/batching settings/);
		expect(result.error?.description).toMatch(
			/^Step "step_3" of campaign "cmp_abc123" was not deleted\. LeadLex limits calls per minute/,
		);
		expect(result.error?.description).toMatch(
			/999 of 1000 daily calls remain; the daily quota resets at \d{4}-\d\d-\d\d 00:00 UTC\./,
		);
		expect(result.run.data.resultData.error?.message).toBe('LeadLex rate limit reached');
	});

	test('429 rate_limited (daily quota used up) gives the remaining quota and the reset time', async () => {
		env.sandbox.setDailyRemaining(env.sandbox.keys.full, 0);
		const result = await run();
		const midnight = new Date();
		midnight.setUTCHours(24, 0, 0, 0);
		const reset = midnight.toISOString().slice(0, 10);
		expect(result.error?.message).toBe('LeadLex daily API quota used up');
		expect(result.error?.description).toBe(
			`${NOT_DELETED} 0 of 1000 daily calls remain; the daily quota resets at ${reset} 00:00 UTC. Run the workflow again after the reset, or move the workspace to a larger LeadLex plan. The node did not wait: the daily quota resets later than Options → Max Rate Limit Wait allows. (HTTP 429 rate_limited, LeadLex request ID ${env.sandbox.requests[0].requestId})`,
		);
	});
});

describe('anything else still gets a clear message', () => {
	const cases: Array<[string, Fault, string, string]> = [
		[
			'an unknown status with a LeadLex error body',
			{
				type: 'response',
				status: 409,
				body: '{"error":{"code":"campaign_locked","message":"Locked"}}',
				contentType: 'application/json',
			},
			'LeadLex refused the request for step "step_2" of campaign "cmp_abc123" (HTTP 409 campaign_locked)',
			NOT_DELETED,
		],
		[
			'a 500 with JSON',
			{
				type: 'response',
				status: 500,
				body: '{"error":{"code":"internal","message":"boom"}}',
				contentType: 'application/json',
			},
			'LeadLex had a server error (HTTP 500)',
			MAYBE_DELETED,
		],
		[
			'a 502 HTML page',
			{
				type: 'response',
				status: 502,
				body: '<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>',
				contentType: 'text/html',
			},
			'LeadLex had a server error (HTTP 502)',
			MAYBE_DELETED,
		],
		[
			'a 503 without a body',
			{ type: 'response', status: 503, body: '' },
			'LeadLex had a server error (HTTP 503)',
			MAYBE_DELETED,
		],
		[
			'a 400 with a plain-text body',
			{ type: 'response', status: 400, body: 'bad request', contentType: 'text/plain' },
			'LeadLex refused the request for step "step_2" of campaign "cmp_abc123" (HTTP 400)',
			NOT_DELETED,
		],
		[
			'a 200 that is not JSON',
			{
				type: 'response',
				status: 200,
				body: '<!doctype html><html><body>Welcome</body></html>',
				contentType: 'text/html',
			},
			'LeadLex answered HTTP 200 but with a body that is not LeadLex JSON',
			PROBABLY_DELETED,
		],
		[
			'a 200 JSON without data.deleted',
			{ type: 'response', status: 200, body: '{"ok":true}', contentType: 'application/json' },
			'LeadLex answered HTTP 200 but with a body that is not LeadLex JSON',
			PROBABLY_DELETED,
		],
		[
			'a 200 JSON whose data lacks deleted',
			{
				type: 'response',
				status: 200,
				body: '{"data":{"id":"step_2"}}',
				contentType: 'application/json',
			},
			'LeadLex answered HTTP 200 but without data.deleted',
			PROBABLY_DELETED,
		],
		[
			'a 200 cut off mid-body',
			{ type: 'truncated', status: 200, body: '{"data":{"deleted":true,"id":"step_2"}}' },
			"LeadLex's answer (HTTP 200) broke off before it was complete",
			PROBABLY_DELETED,
		],
		[
			'a connection reset',
			{ type: 'reset' },
			'The connection to LeadLex broke before it answered',
			MAYBE_DELETED,
		],
	];

	test.each(cases)('%s', async (_name, fault, message, outcome) => {
		env.sandbox.injectFault(fault);
		const result = await run();
		expect(result.error?.message).toBe(message);
		expect(result.error?.description?.startsWith(outcome)).toBe(true);
		expect(`${result.error?.message} ${result.error?.description}`).not.toMatch(
			/<html|<body|nginx|boom/i,
		);
		if (fault.type === 'response') expect(result.error?.description).toMatch(REQUEST_ID);
		expectNoKey(result);
	});

	test('a 2xx with an empty body or a 204 means deleted', async () => {
		for (const status of [200, 202, 204]) {
			env.sandbox.reset();
			env.sandbox.injectFault({ type: 'response', status, body: '' });
			const result = await run();
			expect(result.error).toBeUndefined();
			expect(result.items.map((item) => item.json)).toEqual([{ deleted: true, id: 'step_2' }]);
		}
	});

	test('a server that never answers ends with the request timeout, and the message says so', async () => {
		env.sandbox.injectFault({ type: 'hang' });
		const result = await run({ timeout: 1000 });
		expect(result.error?.message).toBe('LeadLex did not answer within 1 s');
		expect(result.error?.description).toMatch(
			new RegExp(
				`^${escape(MAYBE_DELETED)} The request was sent but no answer came back in time\\. If LeadLex is slow, raise the node's Request Options → Timeout`,
			),
		);
		expectNoKey(result);
	});

	test('nothing listening: the message names the host and says nothing was deleted', async () => {
		const result = await run({ baseUrl: 'http://127.0.0.1:9/functions/v1/api-gateway' });
		expect(result.error?.message).toBe('Could not connect to LeadLex at 127.0.0.1:9');
		expect(result.error?.description).toMatch(
			new RegExp(`^${escape(NOT_DELETED)} Nothing accepted the connection`),
		);
		expectNoKey(result);
	});
});

describe('continue on fail', () => {
	const items = [{ step: 'step_1' }, { step: 'step_missing' }, { step: 'step_3' }];
	const parameters = deleteStep(CAMPAIGN, byId('={{ $json.step }}'));

	test('Continue (regular output): the failed item is an error item in place; the others run', async () => {
		const result = await runLeadlex({
			credentials: env.credentials,
			parameters,
			items,
			onError: 'continueRegularOutput',
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.json, item.pairedItem])).toEqual([
			[{ deleted: true, id: 'step_1' }, { item: 0 }],
			[{ error: 'Step "step_missing" was not found in campaign "cmp_abc123"' }, { item: 1 }],
			[{ deleted: true, id: 'step_3' }, { item: 2 }],
		]);
		expect(result.items[1].error?.description).toMatch(/was not deleted/);
	});

	test('Continue (using error output): failures go to the error output, paired with their input', async () => {
		const result = await runLeadlex({
			credentials: env.credentials,
			parameters,
			items,
			onError: 'continueErrorOutput',
		});
		expect(result.items.map((item) => [item.json, item.pairedItem])).toEqual([
			[{ deleted: true, id: 'step_1' }, { item: 0 }],
			[{ deleted: true, id: 'step_3' }, { item: 2 }],
		]);
		expect(result.errorItems.map((item) => [item.json, item.pairedItem])).toEqual([
			[{ error: 'Step "step_missing" was not found in campaign "cmp_abc123"' }, { item: 1 }],
		]);
	});

	test('Stop Workflow: the node fails with the first error, although every request was sent', async () => {
		const result = await runLeadlex({ credentials: env.credentials, parameters, items });
		expect(result.error?.message).toBe(
			'Step "step_missing" was not found in campaign "cmp_abc123"',
		);
		expect(result.items).toEqual([]);
		expect(env.sandbox.requests).toHaveLength(3);
		expect(env.sandbox.steps(CAMPAIGN).map((step) => step.id)).toEqual(['step_2', 'step_4']);
	});

	test('the key is in no failed item, whatever the failure', async () => {
		env.sandbox.injectFault({ type: 'reset' }, { pathIncludes: 'step_3' });
		const result = await runLeadlex({
			credentials: env.credentials,
			parameters,
			items: [...items, { step: '..' }],
			onError: 'continueErrorOutput',
		});
		expect(result.errorItems).toHaveLength(3);
		expectNoKey(result);
	});
});

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
