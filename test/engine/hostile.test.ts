/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- figures for SECURITY.md; an event-loop monitor */
/**
 * A broken or hostile server, through n8n's real engine: each behaviour is a sandbox fault, and
 * each test asserts what the user sees, how many requests were sent, how long it took, and that
 * n8n's event loop kept running (a timer keeps firing while the bad answer is handled).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { INodeParameters } from 'n8n-workflow';
import type { Fault } from '../sandbox/server';
import {
	PACKAGE_DIR,
	runLeadlex,
	testCredential,
	type RunOptions,
	type RunResult,
} from './harness';
import { byId, CAMPAIGN, deleteStep, STEP_2_OUTCOME, useSandbox } from './fixtures';
import { TriggerFixture } from './trigger/triggerHarness';
import { deliveryHeaders, STEP_EVENT, triggerParameters } from './trigger/helpers';

// The built module, the one n8n-core loads with the node: its queue is what the test watches.
const { gateFor } = jest.requireActual<typeof import('../../nodes/shared/rateLimit/gate')>(
	'../../dist/nodes/shared/rateLimit/gate',
);

const env = useSandbox();

/** One row per hostile behaviour, written for SECURITY.md's table. */
const figures: Array<{ behaviour: string; outcome: string; requests: number; ms: number }> = [];

afterAll(() => {
	const folder = path.join(PACKAGE_DIR, '.artifacts');
	mkdirSync(folder, { recursive: true });
	writeFileSync(path.join(folder, 'hostile-figures.json'), `${JSON.stringify(figures, null, 2)}\n`);
});

/** Runs `work` while a 10 ms timer measures the longest time the event loop was blocked. */
async function watchingEventLoop<T>(
	work: () => Promise<T>,
): Promise<{ value: T; blockedMs: number; ms: number }> {
	let last = Date.now();
	let blockedMs = 0;
	const timer = setInterval(() => {
		const now = Date.now();
		blockedMs = Math.max(blockedMs, now - last);
		last = now;
	}, 10);
	const started = Date.now();
	try {
		const value = await work();
		return { value, blockedMs: Math.max(blockedMs, Date.now() - last), ms: Date.now() - started };
	} finally {
		clearInterval(timer);
	}
}

/** The node run (by default: delete step_2) while the event loop is watched. */
const watchedRun = (options: Partial<RunOptions> = {}) =>
	watchingEventLoop(() =>
		runLeadlex({
			credentials: env.credentials,
			parameters: deleteStep(CAMPAIGN, 'step_2'),
			...options,
		}),
	);

const KEY = () => env.sandbox.keys.full;

function record(behaviour: string, result: RunResult, ms: number) {
	const message = String(result.error?.message ?? result.items[0]?.json.error ?? 'succeeded');
	figures.push({ behaviour, outcome: message, requests: env.sandbox.requests.length, ms });
	expect(result.everything).not.toContain(KEY().slice(4));
	return message;
}

const refusal = (headers: Record<string, string>): Fault => ({
	type: 'response',
	status: 429,
	body: '{"error":{"code":"rate_limited","message":"Rate limit exceeded"}}',
	contentType: 'application/json',
	headers,
});

const deleteWithWait = (seconds: number, extra: INodeParameters = {}) =>
	deleteStep(CAMPAIGN, 'step_2', { options: { maxRateLimitWait: seconds }, ...extra });

describe('1. a 429 that gives no usable wait never makes the node flood LeadLex', () => {
	const unusable: Array<[string, () => Record<string, string>]> = [
		['Retry-After: 0', () => ({ 'Retry-After': '0' })],
		['Retry-After: -1', () => ({ 'Retry-After': '-1' })],
		[
			'Retry-After: a date in the past',
			() => ({ 'Retry-After': new Date(Date.now() - 60_000).toUTCString() }),
		],
		[
			'X-RateLimit-Remaining: 0 with a reset 1 s in the past',
			() => ({
				'Retry-After': '',
				'X-RateLimit-Remaining': '0',
				'X-RateLimit-Reset': String(Math.floor(Date.now() / 1000) - 1),
			}),
		],
	];

	test.each(unusable)(
		'%s, forever: a few requests, then a message that says so',
		async (name, headers) => {
			env.sandbox.injectFault(refusal(headers()), {}, Infinity);
			const { value: result, ms } = await watchedRun({ parameters: deleteWithWait(5) });
			const message = record(`429 forever, ${name}, Max Rate Limit Wait 5 s`, result, ms);
			// Floors of 1, 2 and 4 s (one per window LeadLex refused all of): at most 5 requests fit in
			// 5 s (57,555 in 30 s before). A
			// value that is no wait at all (-1) counts as no Retry-After: the next minute, often beyond 5 s.
			expect(env.sandbox.requests.length).toBeGreaterThanOrEqual(1);
			expect(env.sandbox.requests.length).toBeLessThanOrEqual(5);
			expect(message).toMatch(
				/^LeadLex (rate limit reached|daily API quota used up): the node stopped after [0-5] s, in which (its 1 request was|all [2-5] requests were) refused \(HTTP 429\), because waiting longer would exceed Options → Max Rate Limit Wait \(5 s\)$/,
			);
			// Every repeat waited: no two requests less than the first floor apart.
			const times = env.sandbox.requests.map((request) => request.at);
			for (let index = 1; index < times.length; index++) {
				expect(times[index] - times[index - 1]).toBeGreaterThanOrEqual(450);
			}
			expect(env.sandbox.steps(CAMPAIGN).map((step) => step.id)).toContain('step_2');
		},
		20_000,
	);

	test('20 items against a server that refuses forever: the requests stay bounded', async () => {
		env.sandbox.injectFault(refusal({ 'Retry-After': '0' }), {}, Infinity);
		const items = Array.from({ length: 20 }, () => ({}));
		const { value: result, ms } = await watchedRun({
			parameters: deleteWithWait(3),
			items,
			onError: 'continueRegularOutput',
		});
		record('429 forever (Retry-After: 0), 20 items, Max Rate Limit Wait 3 s', result, ms);
		expect(result.items).toHaveLength(20);
		for (const item of result.items)
			expect(item.json.error).toMatch(/^LeadLex rate limit reached: the node stopped after/);
		// The first burst (20), then the workspace's queue sends about one a second.
		expect(env.sandbox.requests.length).toBeLessThanOrEqual(20 + 6);
	}, 20_000);
});

describe('2. no answer blocks the event loop', () => {
	const angles = '<a'.repeat(240_000);
	const bodies: Array<[string, Fault]> = [
		[
			'480 KB of "<a" as plain text',
			{ type: 'response', status: 500, body: angles, contentType: 'text/plain' },
		],
		[
			'480 KB of "<a" in error.message',
			{
				type: 'response',
				status: 400,
				body: JSON.stringify({ error: { code: 'validation_error', message: angles } }),
			},
		],
		[
			'details.fields nested 100,000 deep',
			{
				type: 'response',
				status: 400,
				body: `{"error":{"code":"validation_error","message":"Bad","details":{"fields":{"subject":${'['.repeat(100_000)}${']'.repeat(100_000)}}}}}`,
			},
		],
	];

	test.each(bodies)(
		'%s: a clear message, the event loop never blocked for long',
		async (name, fault) => {
			env.sandbox.injectFault(fault);
			const { value: result, blockedMs, ms } = await watchedRun();
			const message = record(name, result, ms);
			expect(message).toMatch(
				/^LeadLex (had a server error \(HTTP 500\)|refused the request for step "step_2" of campaign "cmp_abc123" \(HTTP 400)/,
			);
			expect(message).not.toMatch(/<a|cancelled/);
			// 480 KB froze n8n for 59 s before.
			expect(blockedMs).toBeLessThan(1000);
			expect(env.sandbox.requests).toHaveLength(1);
		},
	);
});

describe('3. every request has an overall deadline and a largest answer', () => {
	test('a 200 that sends one byte every 300 ms ends at the Timeout, saying the step was probably deleted', async () => {
		env.sandbox.injectFault({ type: 'drip', intervalMs: 300 });
		const { value: result, ms } = await watchedRun({
			parameters: deleteStep(CAMPAIGN, 'step_2', { requestOptions: { timeout: 1500 } }),
		});
		const message = record('a 200 body dripping one byte every 300 ms, Timeout 1.5 s', result, ms);
		expect(message).toBe("LeadLex's answer (HTTP 200) did not arrive in full within 1.5 s");
		expect(result.error?.description).toContain(STEP_2_OUTCOME.probablyDeleted);
		expect(ms).toBeLessThan(5000);
	}, 15_000);

	test('a 200 body that never ends stops at the size cap, and the event loop keeps running', async () => {
		env.sandbox.injectFault({ type: 'endless' });
		const { value: result, blockedMs, ms } = await watchedRun();
		const message = record('an endless 200 body', result, ms);
		expect(message).toBe(
			"LeadLex's answer (HTTP 200) was larger than 16 MB, the most the node reads",
		);
		expect(result.error?.description).toContain(STEP_2_OUTCOME.probablyDeleted);
		expect(blockedMs).toBeLessThan(1000);
	}, 30_000);
});

describe('4. only a real cancellation says "cancelled"', () => {
	test('a second execution whose Max Rate Limit Wait is shorter than the queue: fails at once, sends nothing', async () => {
		env.sandbox.injectFault(refusal({ 'Retry-After': '30' }));
		let cancelFirst = () => {};
		const first = runLeadlex({
			credentials: env.credentials,
			credentialId: 'shared-credential',
			parameters: deleteWithWait(300),
			onStart: (cancel) => (cancelFirst = cancel),
		});
		// The workspace's queue (the module n8n-core loaded) has learned of the refusal.
		const gate = gateFor(`shared-credential@${env.sandbox.url}`);
		while (!gate.throttled) await new Promise((resolve) => setTimeout(resolve, 20));
		const { value: second, ms } = await watchedRun({
			credentialId: 'shared-credential',
			parameters: deleteStep(CAMPAIGN, 'step_3', { options: { maxRateLimitWait: 5 } }),
			typeVersion: 1.1,
		});
		const message = record(
			'a second execution behind a 30 s queue, Max Rate Limit Wait 5 s',
			second,
			ms,
		);
		expect(message).toBe(
			'LeadLex rate limit reached: earlier requests with this credential are waiting for LeadLex\'s limit longer than Options → Max Rate Limit Wait (5 s) allows, so the node did not send this one. Step "step_3" of campaign "cmp_abc123" was not deleted.',
		);
		expect(env.sandbox.requests).toHaveLength(1);
		cancelFirst();
		const cancelled = await first;
		expect(cancelled.run.status).toBe('canceled');
	}, 20_000);

	test('X-RateLimit-Reset: 100000000000000 with Remaining 0 is not believed, and nothing says cancelled', async () => {
		env.sandbox.injectFault(
			refusal({
				'Retry-After': '',
				'X-RateLimit-Remaining': '0',
				'X-RateLimit-Reset': '100000000000000',
			}),
			{},
			Infinity,
		);
		const { value: result, ms } = await watchedRun({ parameters: deleteWithWait(2) });
		const message = record(
			'X-RateLimit-Reset 100000000000000 (year 5138), Remaining 0',
			result,
			ms,
		);
		expect(message).toMatch(/^LeadLex daily API quota used up: the node stopped after/);
		expect(`${message} ${result.error?.description}`).not.toMatch(
			/cancelled|Invalid time|5138|58892/,
		);
	}, 15_000);

	test('trigger activation with Retry-After: 1e14 seconds: a true message, no RangeError', async () => {
		const trigger = await TriggerFixture.create({
			credentials: env.credentials,
			parameters: triggerParameters(['campaign.paused']),
		});
		env.sandbox.injectFault(refusal({ 'Retry-After': '100000000000000' }));
		const error = await trigger.hook('create').then(
			() => undefined,
			(caught: Error) => caught,
		);
		figures.push({
			behaviour: 'trigger activation, Retry-After 100000000000000 s',
			outcome: String(error?.message),
			requests: env.sandbox.requests.length,
			ms: 0,
		});
		expect(error?.message).toBe(
			'LeadLex rate limit reached: LeadLex asked to wait 2 days or more. The LeadLex webhook for this workflow was not created.',
		);
	});
});

describe('5. one Base URL rule for the node, the pickers, the credential test and the trigger', () => {
	const hostile: Array<[string, (url: string) => string]> = [
		['a tab inside the scheme', (url) => url.replace('http', 'ht\ttp')],
		['a tab after the colon', (url) => url.replace('http:', 'http:\t')],
		['a newline inside the scheme', (url) => url.replace('http', 'h\nttp')],
		['a leading control character', (url) => `\u0001${url}`],
		['a trailing #', (url) => `${url}#`],
		['a trailing ?', (url) => `${url}?`],
		['a backslash', (url) => url.replace('/functions', '\\functions')],
	];

	test.each(hostile)(
		'%s: the node and the credential test both refuse, nothing is sent',
		async (_name, make) => {
			const baseUrl = make(env.sandbox.url);
			const run = await runLeadlex({
				credentials: { ...env.credentials, baseUrl },
				parameters: deleteStep(CAMPAIGN, 'step_1'),
			});
			expect(run.error?.message).toMatch(/^The Base URL in the LeadLex credential /);
			const tested = await testCredential({ ...env.credentials, baseUrl });
			expect(tested.status).toBe('Error');
			expect(env.sandbox.requests).toHaveLength(0);
			expect(JSON.stringify(tested)).not.toContain(KEY().slice(4));
		},
	);

	test('a Base URL the node accepts passes the credential test too', async () => {
		const tested = await testCredential({ ...env.credentials, baseUrl: `${env.sandbox.url}/` });
		expect(tested.status).toBe('OK');
	});
});

describe('6. every string a server sends is treated as error.message is', () => {
	test('error.code and X-Request-ID that echo the key, hold <script> and newlines, or are 8 KB long', async () => {
		const echo = `Bearer ${KEY()}`;
		env.sandbox.injectFault({
			type: 'response',
			status: 400,
			body: JSON.stringify({
				error: { code: `<script>alert(1)</script>\n${'x'.repeat(100_000)}`, message: echo },
			}),
			contentType: 'application/json',
			headers: { 'X-Request-ID': `${echo} ${'y'.repeat(8000)}` },
		});
		const { value: result, ms } = await watchedRun({
			parameters: deleteStep(CAMPAIGN, 'step_2'),
			typeVersion: 1.1,
		});
		const message = record(
			'error.code with <script> and 100 KB, X-Request-ID echoing the key',
			result,
			ms,
		);
		const shown = `${message} ${result.error?.description}`;
		expect(shown).not.toMatch(/<script|alert|xxxxxxxxxx/);
		expect(shown).not.toContain(KEY().slice(4));
		expect(shown.length).toBeLessThan(1000);
		expect(message).toMatch(/^LeadLex refused the request for step "step_2"/);
	});
});

describe('7-8. option values that cannot work are refused before any request', () => {
	test('Max Rate Limit Wait above a day (the timer would overflow past about 24.8 days)', async () => {
		const result = await runLeadlex({
			credentials: env.credentials,
			parameters: deleteWithWait(2_200_000),
		});
		expect(result.error?.message).toBe(
			'The Max Rate Limit Wait must be a number from 0 to 86400, but it is 2200000. Nothing was sent to LeadLex.',
		);
		expect(env.sandbox.requests).toHaveLength(0);
	});

	const limits: Array<[string, string, string]> = [
		['missing', '={{ $json.nothing }}', 'missing'],
		['"ten"', '={{ "ten" }}', '"ten"'],
		['NaN', '={{ NaN }}', 'NaN'],
		['0', '={{ 0 }}', '0'],
		['-1', '={{ -1 }}', '-1'],
	];
	const listOperations: Array<[string, INodeParameters]> = [
		['Campaign → Get Many', { resource: 'campaign', operation: 'getAll' }],
		[
			'Campaign Step → Get Many',
			{ resource: 'campaignStep', operation: 'getAll', campaignId: byId(CAMPAIGN) },
		],
	];
	for (const [operation, parameters] of listOperations) {
		test.each(limits)(`${operation}: a Limit of %s`, async (_name, limit, shown) => {
			const result = await runLeadlex({
				credentials: env.credentials,
				parameters: { ...parameters, returnAll: false, limit },
			});
			expect(result.error?.message).toBe(
				`The Limit must be a whole number 1 or more, but it is ${shown}. Nothing was sent to LeadLex.`,
			);
			expect(env.sandbox.requests).toHaveLength(0);
		});
	}
});

describe('9. headers as proxies and other servers send them', () => {
	test('X-RateLimit-Remaining "0, 0" (two headers joined) is a used-up quota: no wait, one request', async () => {
		const reset = Math.floor(Date.now() / 1000) + 3600;
		env.sandbox.injectFault(
			refusal({
				'Retry-After': '',
				'X-RateLimit-Remaining': '0, 0',
				'X-RateLimit-Reset': String(reset),
			}),
		);
		const result = await runLeadlex({
			credentials: env.credentials,
			parameters: deleteStep(CAMPAIGN, 'step_2'),
		});
		expect(result.error?.message).toBe('LeadLex daily API quota used up');
		expect(env.sandbox.requests).toHaveLength(1);
	});

	test('X-RateLimit-Reset in milliseconds is read as milliseconds', async () => {
		const reset = Date.now() + 3_600_000;
		env.sandbox.injectFault(
			refusal({
				'Retry-After': '',
				'X-RateLimit-Remaining': '0',
				'X-RateLimit-Reset': String(reset),
			}),
		);
		const result = await runLeadlex({
			credentials: env.credentials,
			parameters: deleteStep(CAMPAIGN, 'step_2'),
		});
		const expected = new Date(reset).toISOString().slice(0, 16).replace('T', ' ');
		expect(result.error?.description).toContain(`the daily quota resets at ${expected} UTC`);
	});

	test("the trigger's remembered delivery IDs stay small, however long the IDs", async () => {
		const trigger = await TriggerFixture.create({
			credentials: env.credentials,
			parameters: triggerParameters(['campaign.step_created']),
		});
		await trigger.hook('create');
		const secret = String(trigger.nodeStaticData().webhookSecret);
		const body = JSON.stringify(STEP_EVENT);
		for (let index = 0; index < 1000; index++) {
			const id = `${index}-${'d'.repeat(8 * 1024)}`;
			const outcome = await trigger.deliver({
				headers: deliveryHeaders(secret, body, { 'x-leadlex-delivery-id': id }),
				rawBody: Buffer.from(body),
			});
			expect(outcome.status).toBe(200);
		}
		// A repeat of a long ID is still recognised.
		const again = await trigger.deliver({
			headers: deliveryHeaders(secret, body, {
				'x-leadlex-delivery-id': `999-${'d'.repeat(8 * 1024)}`,
			}),
			rawBody: Buffer.from(body),
		});
		expect(trigger.runs).toHaveLength(1000);
		expect(again.items).toBeUndefined();
		const size = JSON.stringify(trigger.nodeStaticData()).length;
		figures.push({
			behaviour: '1,000 deliveries with 8 KB delivery IDs',
			outcome: `static data ${size} characters`,
			requests: 1,
			ms: 0,
		});
		// 8 MB before.
		expect(size).toBeLessThan(100_000);
	}, 60_000);
});
