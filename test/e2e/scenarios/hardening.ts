/* eslint-disable @n8n/community-nodes/no-restricted-imports --
   dev tooling, never packed: hardening scenarios of the e2e suite. */
/**
 * The node's hardening, each shown through Campaign Step → Delete: an invalid API key, the
 * rate-limit wait, and a hostile server (issue 22). Run from campaignStep.ts's list.
 */
import * as assert from 'node:assert/strict';
import { formatMs, nodeRun, outputItems } from '../../../scripts/n8n/harness';
import type { Scenario } from './scenario';
import { CAMPAIGN, expectStatus, jsonOf, requestLines, show } from './support';

const WF = {
	invalidCredential: 'LeadlexE2eBadKey1',
	rate: 'LeadlexE2eRate001',
	hostile: 'LeadlexE2eHostile1',
} as const;

/** An invalid key: every item leaves through the error output; the execution carries on. */
const invalidKey: Scenario = {
	name: 'invalid API key, error output',
	async run({ t, sandbox, execute }) {
		await sandbox.admin.reset();
		const execution = await execute(WF.invalidCredential, 'invalid API key, error output');
		t.check('invalid key with On Error = error output: execution succeeds', () =>
			expectStatus(execution, 'success'),
		);
		const errorItems = outputItems(execution, 'Delete campaign steps', 1);
		t.check(
			'invalid key: both items on the error output with "LeadLex rejected the API key"',
			() => {
				assert.equal(
					outputItems(execution, 'Delete campaign steps', 0).length,
					0,
					'no item on the success output',
				);
				assert.equal(errorItems.length, 2, `error output: ${show(jsonOf(errorItems))}`);
				errorItems.forEach((item, i) => {
					assert.match(String(item.json.error ?? ''), /LeadLex rejected the API key/, show(item));
					// n8n puts the message in json.error and the whole error (with its description) beside json.
					const description =
						(item.error as { description?: string } | undefined)?.description ?? '';
					assert.match(description, new RegExp(`"${['step_1', 'step_4'][i]}"`), show(item));
				});
			},
		);
		t.check('... "Failed deletes" got both items, "Deleted or already gone" none', () => {
			assert.equal(outputItems(execution, 'Failed deletes').length, 2);
			assert.equal(outputItems(execution, 'Deleted or already gone').length, 0);
		});
		const after = await sandbox.admin.steps(CAMPAIGN);
		t.check('sandbox state: nothing deleted with the invalid key', () =>
			assert.deepEqual(
				after.map((s) => s.id),
				['step_1', 'step_2', 'step_3', 'step_4'],
			),
		);
	},
};

/** The rate-limit wait (sleepWithAbort on n8n-workflow 1.x, sleep(ms, signal) on 2.x). */
const rateLimitWait: Scenario = {
	name: 'rate limit 2 per second',
	async run({ t, sandbox, execute }) {
		await sandbox.admin.reset();
		await sandbox.admin.options({ perWindowLimit: 2, windowMs: 1000 });
		const execution = await execute(WF.rate, '5 deletes, limit 2 per 1 s');
		await sandbox.admin.options({ perWindowLimit: 50, windowMs: 60_000 });
		const requests = await sandbox.admin.requests();
		t.check('rate limit 2/s: execution succeeds', () => expectStatus(execution, 'success'));
		t.check('rate limit 2/s: all 5 steps deleted', () =>
			assert.deepEqual(jsonOf(outputItems(execution, 'Delete campaign steps')), [
				{ deleted: true, id: 'step_1' },
				{ deleted: true, id: 'step_2' },
				{ deleted: true, id: 'step_3' },
				{ deleted: true, id: 'step_4' },
				{ deleted: true, id: 'step_paused01_1' },
			]),
		);
		const limited = requests.filter((r) => r.status === 429).length;
		const ok = requests.filter((r) => r.method === 'DELETE' && r.status === 200).length;
		t.check(
			`... the node really waited: ${limited} answers were 429, then 5 DELETEs got 200`,
			() => {
				assert.ok(
					limited >= 1,
					`expected at least one 429, got statuses ${requests.map((r) => r.status).join(',')}`,
				);
				assert.equal(ok, 5);
			},
		);
		const after = await sandbox.admin.state();
		t.check(
			'sandbox state: cmp_abc123 empty, cmp_paused01 compacted to step_paused01_2@0, _3@1',
			() => {
				assert.deepEqual(after.campaigns.find((c) => c.id === CAMPAIGN)?.steps, []);
				assert.deepEqual(
					after.campaigns.find((c) => c.id === 'cmp_paused01')?.steps.map((s) => [s.id, s.index]),
					[
						['step_paused01_2', 0],
						['step_paused01_3', 1],
					],
				);
			},
		);
	},
};

/** One fault of the sandbox, against one Delete with Timeout 2 s and Max Rate Limit Wait 4 s. */
interface HostileFault {
	label: string;
	fault: Record<string, unknown>;
	/** How many requests the fault answers. */
	times: number;
	/** What the user sees: the error on the node's error output. */
	message: RegExp;
	/** The most requests LeadLex may get before the node gives up. */
	mostRequests: number;
}

const HOSTILE_FAULTS: HostileFault[] = [
	{
		label: 'a 200 that sends one byte every 300 ms',
		fault: { type: 'drip', intervalMs: 300 },
		times: 1,
		message:
			/^LeadLex's answer \(HTTP 200\) did not arrive in full within 2 s\. Step "step_2" of campaign "cmp_abc123" was probably deleted/,
		mostRequests: 1,
	},
	{
		label: 'a 200 body that never ends',
		fault: { type: 'endless' },
		times: 1,
		message:
			/^LeadLex's answer \(HTTP 200\) was larger than 16 MB, the most the node reads\. Step "step_2" of campaign "cmp_abc123" was probably deleted/,
		mostRequests: 1,
	},
	{
		label: 'a 429 with Retry-After: 0, forever',
		fault: {
			type: 'response',
			status: 429,
			body: '{"error":{"code":"rate_limited","message":"Rate limit exceeded"}}',
			headers: { 'Retry-After': '0' },
		},
		times: Infinity,
		message:
			/^LeadLex rate limit reached: the node stopped after [0-4] s, in which all [2-4] requests were refused \(HTTP 429\), because waiting longer would exceed Options → Max Rate Limit Wait \(4 s\)\. Step "step_2" of campaign "cmp_abc123" was not deleted\.$/,
		mostRequests: 4,
	},
];

/** What the user sees, how many requests LeadLex got, how long n8n's run took. */
function hostileServer({ label, fault, times, message, mostRequests }: HostileFault): Scenario {
	return {
		name: `hostile server, ${label}`,
		async run({ t, sandbox, execute }) {
			await sandbox.admin.reset();
			await sandbox.admin.fault(fault, times);
			const execution = await execute(WF.hostile, label);
			const requests = await sandbox.admin.requests();
			const error = String(
				(outputItems(execution, 'Delete against a hostile server')[0]?.json as { error?: unknown })
					?.error,
			);
			t.check(
				`hostile server, ${label}: "${error.slice(0, 90)}…" after ${requests.length} request(s), node ran ${formatMs(nodeRun(execution, 'Delete against a hostile server')?.executionTime ?? NaN)}`,
				() => {
					expectStatus(execution, 'success');
					assert.match(error, message);
					assert.ok(
						requests.length >= 1 && requests.length <= mostRequests,
						`${requests.length} requests: ${requestLines(requests).join(', ')}`,
					);
				},
			);
		},
	};
}

export const HARDENING_SCENARIOS: Scenario[] = [
	invalidKey,
	rateLimitWait,
	...HOSTILE_FAULTS.map(hostileServer),
];
