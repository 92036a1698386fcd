/* eslint-disable @n8n/community-nodes/no-restricted-globals -- the test polls the sandbox to cancel mid-wait */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { runLeadlex } from './harness';
import { byId, CAMPAIGN, deleteStep, useSandbox } from './fixtures';
import { rateLimitedFault } from '../sandbox/faults';

const env = useSandbox();

/** One deletable step in each of `count` generated campaigns. */
function generatedSteps(count: number): IDataObject[] {
	return Array.from({ length: count }, (_, index) => {
		const num = String(index + 1).padStart(3, '0');
		return { campaign: `cmp_gen${num}`, step: `step_gen${num}_1` };
	});
}

const byItem = (options: INodeParameters = {}) =>
	deleteStep(byId('={{ $json.campaign }}'), byId('={{ $json.step }}'), { options });

function statuses() {
	const counts: Record<number, number> = {};
	for (const request of env.sandbox.requests)
		counts[request.status] = (counts[request.status] ?? 0) + 1;
	return counts;
}

describe('waiting out the per-minute limit', () => {
	test('30 items against a limit of 5 per window all succeed, the retries taking turns', async () => {
		// 2 s windows: a loaded machine's timer delays (a few hundred ms) stay well inside one.
		const WINDOW = 2000;
		env.sandbox.setOptions({ perWindowLimit: 5, windowMs: WINDOW });
		const items = generatedSteps(30);
		const result = await runLeadlex({ credentials: env.credentials, parameters: byItem(), items });

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual(
			items.map((item) => ({ deleted: true, id: item.step })),
		);
		const { 200: deleted, 429: refused } = statuses();
		expect(deleted).toBe(30);
		// Nothing but 200s and 429s: a failure shows every status the sandbox recorded.
		expect(statuses()).toEqual({ 200: 30, 429: refused });
		// The first burst (every item at once) is refused beyond the window's 5, or beyond 10 when
		// it straddles a window boundary. After it the retries take turns: about one is refused per
		// window (at most two here, where a retry sent at a window's very end meets the old count),
		// plus, after a straddling burst, the share the gate overstated for the first retry window
		// (it sends as many as the window before accepted). Retries that did not take turns would
		// be refused by the dozen: all 25 waiting items in each window. Counted from the sandbox's
		// own records, so a slow machine cannot move the bound.
		const windowOf = (request: { at: number }) => Math.floor(request.at / WINDOW);
		// Each item deletes its own step: its first request is the first one to its path.
		const seen = new Set<string>();
		const firsts = env.sandbox.requests.filter(
			(request) => !seen.has(request.rawPath) && Boolean(seen.add(request.rawPath)),
		);
		const retries = env.sandbox.requests.filter((request) => !firsts.includes(request));
		const firstAccepted = firsts.filter((request) => request.status === 200).length;
		const retryRefused = retries.filter((request) => request.status === 429).length;
		const retryWindows = new Set(retries.map(windowOf)).size;
		expect(firsts).toHaveLength(30);
		expect(retryRefused).toBeLessThanOrEqual(2 * retryWindows + Math.max(0, firstAccepted - 5));
	}, 60_000);

	test('after the first refusals, each window lets the retries go together; about one is refused per window', async () => {
		// Answers take LATENCY: retries that wait for each other's answers would arrive that far apart.
		// (Wide, so that a loaded machine's timer delays stay well inside it.)
		const LATENCY = 600;
		const WINDOW = 2000;
		env.sandbox.setOptions({ perWindowLimit: 5, windowMs: WINDOW, latencyMs: LATENCY });
		const items = generatedSteps(20);
		const result = await runLeadlex({ credentials: env.credentials, parameters: byItem(), items });

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual(
			items.map((item) => ({ deleted: true, id: item.step })),
		);
		// The sandbox counts a request when it handles it, after the latency.
		const windowOf = (request: { at: number }) => Math.floor((request.at + LATENCY) / WINDOW);
		const burst = env.sandbox.requests.slice(0, items.length);
		// A burst handled across a window boundary gets 10 through, and so does the first wave: rare.
		if (new Set(burst.map(windowOf)).size > 1) return;
		const retries = env.sandbox.requests.slice(items.length);
		const windows = new Map<number, typeof retries>();
		for (const request of retries) {
			windows.set(windowOf(request), [...(windows.get(windowOf(request)) ?? []), request]);
		}
		for (const requests of windows.values()) {
			expect(requests.filter((request) => request.status === 200).length).toBeLessThanOrEqual(5);
			expect(requests.filter((request) => request.status === 429).length).toBeLessThanOrEqual(1);
		}
		// The first retries: as many as the burst got through, sent before any of them was answered.
		const firstWave = [...windows.values()][0].filter((request) => request.status === 200);
		expect(firstWave).toHaveLength(5);
		const arrivals = firstWave.map((request) => request.at);
		expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeLessThan(LATENCY);
		// The one that finds the window's end goes with the wave, not after its answers.
		for (const requests of [...windows.values()].slice(0, -1)) {
			const starts = Math.min(...requests.map((request) => request.at));
			const refusal = requests.find((request) => request.status === 429);
			expect(refusal && refusal.at - starts).toBeLessThan(LATENCY);
		}
	}, 60_000);

	test.each([
		['a fraction of a second later: the first decides', '1.8', [900, 1500]],
		['more than a second later: the longer wait is kept', '4', [3900, 6000]],
	])(
		"a window's later refusal naming a ready time %s",
		async (_label, laterRetryAfter, [earliest, latest]) => {
			const refuse = (retryAfter: string, step: string) =>
				env.sandbox.injectFault(
					rateLimitedFault(retryAfter),
					{ method: 'DELETE', pathIncludes: `/steps/${step}` },
					1,
				);
			refuse('1', 'step_1');
			refuse(laterRetryAfter, 'step_2');
			const result = await runLeadlex({
				credentials: env.credentials,
				parameters: byItem(),
				items: [
					{ campaign: CAMPAIGN, step: 'step_1' },
					{ campaign: CAMPAIGN, step: 'step_2' },
				],
			});
			expect(result.items.map((item) => item.json)).toEqual([
				{ deleted: true, id: 'step_1' },
				{ deleted: true, id: 'step_2' },
			]);
			const forStep = (step: string) =>
				env.sandbox.requests.filter((request) => request.rawPath.endsWith(`/steps/${step}`));
			const [refused, retried] = forStep('step_2');
			expect([refused.status, retried.status]).toEqual([429, 200]);
			expect(retried.at - refused.at).toBeGreaterThanOrEqual(earliest);
			expect(retried.at - refused.at).toBeLessThan(latest);
		},
		20_000,
	);

	test('Retry-After is honoured, in seconds and as an HTTP date', async () => {
		for (const retryAfter of [() => '2', () => new Date(Date.now() + 3000).toUTCString()]) {
			env.sandbox.reset();
			env.sandbox.injectFault(rateLimitedFault(retryAfter()));
			const result = await runLeadlex({
				credentials: env.credentials,
				parameters: deleteStep(CAMPAIGN, 'step_2'),
			});
			expect(result.items.map((item) => item.json)).toEqual([{ deleted: true, id: 'step_2' }]);
			const [refused, retried] = env.sandbox.requests;
			expect([refused.status, retried.status]).toEqual([429, 200]);
			expect(retried.at - refused.at).toBeGreaterThanOrEqual(1900);
		}
	}, 20_000);

	test('a used-up daily quota fails every item at once: no wait, no retry', async () => {
		env.sandbox.setDailyRemaining(env.sandbox.keys.full, 0);
		const result = await runLeadlex({
			credentials: env.credentials,
			parameters: byItem(),
			items: generatedSteps(6),
			onError: 'continueRegularOutput',
		});
		expect(env.sandbox.requests).toHaveLength(6);
		expect(result.items).toHaveLength(6);
		for (const item of result.items) {
			expect(item.json.error).toBe('LeadLex daily API quota used up');
			expect((item.error as unknown as { rateLimitWaitedMs: number }).rateLimitWaitedMs).toBe(0);
			expect(item.error?.description).toMatch(
				/The node did not wait: the daily quota resets later/,
			);
		}
	});

	test('with retries switched off, refused items are errors as before', async () => {
		env.sandbox.setOptions({ perWindowLimit: 5, windowMs: 60_000 });
		const result = await runLeadlex({
			credentials: env.credentials,
			parameters: byItem({ retryOnRateLimit: false }),
			items: generatedSteps(12),
			onError: 'continueRegularOutput',
		});
		expect(env.sandbox.requests).toHaveLength(12);
		const errors = result.items.filter((item) => item.json.error);
		expect(errors).toHaveLength(7);
		for (const item of errors) expect(item.json.error).toBe('LeadLex rate limit reached');
	});

	test('an item whose wait would exceed Max Rate Limit Wait fails, saying so', async () => {
		env.sandbox.injectFault(rateLimitedFault('30'));
		const result = await runLeadlex({
			credentials: env.credentials,
			parameters: deleteStep(CAMPAIGN, 'step_2', { options: { maxRateLimitWait: 5 } }),
		});
		expect(env.sandbox.requests).toHaveLength(1);
		expect(result.error?.message).toBe(
			'LeadLex rate limit reached: the node stopped after 0 s, in which its 1 request was refused (HTTP 429), because waiting longer would exceed Options → Max Rate Limit Wait (5 s)',
		);
		expect(result.error?.description).toMatch(/LeadLex asked to wait 30 s\./);
		expect(result.error?.description).toMatch(/\(HTTP 429 rate_limited/);
	});

	test('cancelling the execution stops the wait; nothing more is sent', async () => {
		env.sandbox.injectFault(rateLimitedFault('60'));
		let cancelledAt = 0;
		const result = await runLeadlex({
			credentials: env.credentials,
			parameters: deleteStep(CAMPAIGN, 'step_2'),
			onStart: (cancel) => {
				const poll = setInterval(() => {
					if (env.sandbox.requests.some((request) => request.status === 429)) {
						clearInterval(poll);
						cancelledAt = Date.now();
						cancel();
					}
				}, 20);
			},
		});
		// Well before the 60 s Retry-After: the test's own timeout is 10 s.
		expect(cancelledAt).toBeGreaterThan(0);
		expect(result.run.status).toBe('canceled');
		expect(env.sandbox.requests).toHaveLength(1);
		expect(env.sandbox.steps(CAMPAIGN).map((step) => step.id)).toContain('step_2');
	}, 10_000);
});

describe('against the docs-only sandbox (no Retry-After, no search)', () => {
	test('waits until the next minute and then succeeds', async () => {
		env.sandbox.setOptions({ profile: 'docs-only', perWindowLimit: 5, windowMs: 60_000 });
		const items = generatedSteps(8);
		const result = await runLeadlex({ credentials: env.credentials, parameters: byItem(), items });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual(
			items.map((item) => ({ deleted: true, id: item.step })),
		);
		expect(
			env.sandbox.requests.filter((request) => request.status === 429).length,
		).toBeGreaterThanOrEqual(3);
		const retries = env.sandbox.requests.slice(8).filter((request) => request.status === 200);
		for (const retry of retries) {
			expect(Math.floor(retry.at / 60_000)).toBeGreaterThan(
				Math.floor(env.sandbox.requests[0].at / 60_000),
			);
		}
	}, 75_000);
});
