/**
 * Section 2's "429 forever" rows: the node against a server that refuses every request with
 * `Retry-After: 0` (no usable wait). What counts is how few requests each item sends and how soon
 * it fails with a clear message, within its Max Rate Limit Wait.
 */
import type { Sandbox } from '../sandbox/server';
import { rateLimitedFault } from '../sandbox/faults';

type RunLeadlex = typeof import('../engine/harness').runLeadlex;

export interface ForeverRow {
	n: number;
	maxWaitSeconds: number;
	requests: number;
	ms: number;
	failed: number;
	/** Items whose message says the node stopped within Max Rate Limit Wait. */
	clear: number;
}

export const FOREVER_CASES = [
	{ n: 1, maxWaitSeconds: 10 },
	{ n: 20, maxWaitSeconds: 10 },
];

export async function foreverRows(runLeadlex: RunLeadlex, sandbox: Sandbox): Promise<ForeverRow[]> {
	const rows: ForeverRow[] = [];
	for (const { n, maxWaitSeconds } of FOREVER_CASES) {
		sandbox.reset();
		sandbox.setOptions({ perWindowLimit: 0 });
		sandbox.injectFault(rateLimitedFault(), {}, Infinity);
		const started = Date.now();
		const result = await runLeadlex({
			parameters: {
				resource: 'campaignStep',
				operation: 'delete',
				campaignId: { __rl: true, mode: 'id', value: 'cmp_abc123' },
				stepId: { __rl: true, mode: 'id', value: 'step_2' },
				options: { maxRateLimitWait: maxWaitSeconds },
			},
			items: Array.from({ length: n }, () => ({})),
			credentials: { apiKey: sandbox.keys.full, baseUrl: sandbox.url },
			onError: 'continueRegularOutput',
		});
		const messages = result.items.map((item) => String(item.json.error ?? ''));
		rows.push({
			n,
			maxWaitSeconds,
			requests: sandbox.requests.length,
			ms: Date.now() - started,
			failed: messages.filter(Boolean).length,
			clear: messages.filter((message) => /stopped after \d+ s, in which/.test(message)).length,
		});
		sandbox.clearFaults();
	}
	sandbox.reset();
	return rows;
}

export function foreverTable(rows: ForeverRow[]): string[] {
	return [
		'',
		'### A server that refuses forever',
		'',
		'Every request answered 429 with `Retry-After: 0`, which gives no usable wait (before the hardening of issue 22,',
		'one item sent 57,555 requests in 30 s). Each repeat waits a floor that doubles for each window in a row in which',
		'nothing was accepted, and an item stops once its next try would fall after its Max Rate Limit Wait, counted from',
		'its first request.',
		'',
		'| N | Max Rate Limit Wait (s) | requests sent | requests per item | time to the failure (s) | failed items | with the "stopped after … s" message |',
		'|---:|---:|---:|---:|---:|---:|---:|',
		...rows.map(
			(row) =>
				`| ${row.n} | ${row.maxWaitSeconds} | ${row.requests} | ${(row.requests / row.n).toFixed(1)} | ${(row.ms / 1000).toFixed(1)} | ${row.failed} | ${row.clear} |`,
		),
	];
}
