/* eslint-disable @n8n/community-nodes/no-restricted-imports --
   dev tooling, never packed: scenario A of the queue-mode suite. */
/**
 * Scenario A: n8n's Webhook trigger → LeadLex Delete Step, called CALLS times at once through the
 * production webhook, STEPS_PER_CALL distinct steps per call, under the sandbox's 50 per 1 s
 * window. Checked with both workers, then measured again with one (the second stopped).
 */
import * as assert from 'node:assert/strict';
import {
	flattedParser,
	formatMs,
	listExecutions,
	poll,
	readExecution,
	setWorkflowActive,
	type ExecutionSummary,
	type SandboxRequest,
	type StoredExecution,
} from '../../scripts/n8n/harness';
import { redisSnapshot } from '../../scripts/n8n/services';
import { finished, show, sleep, type Context, type Scenario } from './context';
import { LIMIT, workerStarted } from './stack';
import { DELETE_WORKFLOW } from './workflows';

export const CALLS = 6;
export const STEPS_PER_CALL = 50;
const CAMPAIGN = 'cmp_draft01';

interface StepRef {
	campaignId: string;
	stepId: string;
}

/** What one batch of simultaneous calls did, from every side: HTTP, n8n, workers, sandbox. */
interface Batch {
	label: string;
	calls: Array<{ status: number; ms: number; items: unknown }>;
	wallMs: number;
	steps: StepRef[];
	executions: ExecutionSummary[];
	stored: StoredExecution[];
	/** Items of the Delete node, over every execution. */
	items: Array<{ json: Record<string, unknown>; error?: unknown }>;
	/** DELETE requests the sandbox received for this batch's steps. */
	deletes: SandboxRequest[];
	/** Steps of the batch the sandbox still holds. */
	remaining: string[];
	/** Per worker: this batch's execution IDs its log says it started. */
	byWorker: string[][];
}

/** Back to the seed, then `count` new steps in a draft campaign (the limit lifted meanwhile). */
async function seedSteps(ctx: Context, count: number): Promise<StepRef[]> {
	const sb = ctx.stack.sandbox;
	await sb.admin.reset();
	await sb.admin.options({ perWindowLimit: 0 });
	const steps: StepRef[] = [];
	for (let start = 0; start < count; start += 50) {
		const batch = await Promise.all(
			Array.from({ length: Math.min(50, count - start) }, async (_, i) => {
				const response = await fetch(`${sb.url}/v1/campaigns/${CAMPAIGN}/steps`, {
					method: 'POST',
					headers: { Authorization: `Bearer ${ctx.apiKey}`, 'Content-Type': 'application/json' },
					body: JSON.stringify({
						subject: `queue step ${start + i}`,
						body: 'Hi {{first_name}}, a step to delete from a worker.',
						delay_days: 1,
						send_condition: 'always',
					}),
				});
				const text = await response.text();
				if (response.status !== 201)
					throw new Error(`create step: HTTP ${response.status} ${text}`);
				const id = (JSON.parse(text) as { data: { step: { id: string } } }).data.step.id;
				return { campaignId: CAMPAIGN, stepId: id };
			}),
		);
		steps.push(...batch);
	}
	await sb.admin.options({ perWindowLimit: LIMIT.perWindowLimit, windowMs: LIMIT.windowMs });
	// The creates counted in the current window: start the batch in a fresh one.
	await sleep(LIMIT.windowMs - (Date.now() % LIMIT.windowMs) + 50);
	return steps;
}

async function call(ctx: Context, steps: StepRef[]): Promise<Batch['calls'][number]> {
	const started = Date.now();
	const response = await fetch(`${ctx.stack.origin}/webhook/${DELETE_WORKFLOW.path}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ steps }),
		signal: AbortSignal.timeout(240_000),
	});
	const text = await response.text();
	let items: unknown = text;
	try {
		items = JSON.parse(text);
	} catch {
		// kept as text
	}
	return { status: response.status, ms: Date.now() - started, items };
}

/** Seeds calls × perCall steps, fires the calls at once, and collects what every side saw. */
async function runBatch(
	ctx: Context,
	label: string,
	calls: number,
	perCall: number,
	duringRun?: () => Promise<void>,
): Promise<Batch> {
	const { stack } = ctx;
	const steps = await seedSteps(ctx, calls * perCall);
	const before = new Set((await listExecutions(stack.rest, DELETE_WORKFLOW.id)).map((e) => e.id));
	const startedAt = Date.now();
	const pending = Array.from({ length: calls }, (_, i) =>
		call(ctx, steps.slice(i * perCall, (i + 1) * perCall)),
	);
	if (duringRun) await duringRun();
	const results = await Promise.all(pending);
	const wallMs = Date.now() - startedAt;
	const executions = await poll(
		`${calls} finished executions of ${DELETE_WORKFLOW.id}`,
		async () => {
			const list = (await listExecutions(stack.rest, DELETE_WORKFLOW.id)).filter(
				(e) => !before.has(e.id),
			);
			return list.length >= calls && finished(list) ? list : undefined;
		},
		30_000,
	);
	const parse = flattedParser(stack.runtime);
	const stored = await Promise.all(executions.map((e) => readExecution(stack.rest, e, parse)));
	const items = stored.flatMap((e) => {
		const runs = e.runData[DELETE_WORKFLOW.deleteNode] ?? [];
		return (runs[runs.length - 1]?.data?.main?.[0] ?? []) as Batch['items'];
	});
	const paths = new Set(steps.map((s) => `/steps/${s.stepId}`));
	const deletes = (await stack.sandbox.admin.requests()).filter(
		(r) => r.method === 'DELETE' && [...paths].some((p) => r.path.endsWith(p)),
	);
	const left = new Set((await stack.sandbox.admin.steps(CAMPAIGN)).map((s) => s.id));
	const ids = new Set(executions.map((e) => e.id));
	return {
		label,
		calls: results,
		wallMs,
		steps,
		executions,
		stored,
		items,
		deletes,
		remaining: steps.filter((s) => left.has(s.stepId)).map((s) => s.stepId),
		byWorker: stack.workerLogFiles.map((file) => workerStarted(file).filter((id) => ids.has(id))),
	};
}

function count(deletes: SandboxRequest[], status: (s: number) => boolean): number {
	return deletes.filter((r) => status(r.status)).length;
}

/**
 * 429s on a step that was refused before (a retry refused again), by limit window: the node's gate
 * sends its retries one at a time, so one gate should see at most one of these per window.
 */
function repeatRefusalsPerWindow(deletes: SandboxRequest[]): number {
	const refused = new Set<string>();
	const perWindow = new Map<number, number>();
	for (const r of [...deletes].sort((a, b) => a.at - b.at)) {
		if (r.status !== 429) continue;
		if (refused.has(r.path)) {
			const window = Math.floor(r.at / LIMIT.windowMs);
			perWindow.set(window, (perWindow.get(window) ?? 0) + 1);
		}
		refused.add(r.path);
	}
	return Math.max(0, ...perWindow.values());
}

function describe(batch: Batch): string {
	const refused = count(batch.deletes, (s) => s === 429);
	const split = batch.byWorker.map((ids, i) => `worker${i + 1} ${ids.length}`).join(', ');
	const slowest = Math.max(...batch.calls.map((c) => c.ms));
	const durations = batch.executions
		.map((e) => Date.parse(e.stoppedAt ?? '') - Date.parse(e.startedAt ?? ''))
		.filter((ms) => Number.isFinite(ms))
		.sort((a, b) => a - b);
	const runs = durations.length
		? `, executions ${formatMs(durations[0])}–${formatMs(durations[durations.length - 1])} each`
		: '';
	return (
		`${batch.label}: ${batch.steps.length} deletes in ${batch.calls.length} calls, wall ${formatMs(batch.wallMs)} ` +
		`(slowest call ${formatMs(slowest)}${runs}), DELETE requests ${batch.deletes.length}, 429s ${refused}, ` +
		`max repeat-429s per window ${repeatRefusalsPerWindow(batch.deletes)}, failed items ` +
		`${batch.items.filter((i) => i.error !== undefined || i.json.error !== undefined).length}, jobs: ${split}`
	);
}

/** The checks every batch must pass, whatever the number of workers. */
async function checkBatch(ctx: Context, batch: Batch, expectedWorkers: number[]): Promise<void> {
	const { t } = ctx;
	const n = batch.steps.length;
	const tag = batch.label;
	await t.checkAsync(
		`${tag}: ${batch.calls.length} simultaneous production-webhook calls all answered 200 with their ${n / batch.calls.length} items`,
		() => {
			for (const c of batch.calls) {
				assert.equal(c.status, 200, show(ctx, c.items));
				assert.ok(Array.isArray(c.items), show(ctx, c.items));
				assert.equal(c.items.length, n / batch.calls.length);
			}
		},
	);
	await t.checkAsync(
		`${tag}: ${batch.calls.length} executions, every one with status success (REST)`,
		() => {
			assert.equal(batch.executions.length, batch.calls.length, show(ctx, batch.executions));
			assert.deepEqual(
				batch.executions.filter((e) => e.status !== 'success').map((e) => `${e.id}:${e.status}`),
				[],
			);
		},
	);
	await t.checkAsync(
		`${tag}: 0 failed items: all ${n} items are {deleted: true, id} in the stored runs`,
		() => {
			const failed = batch.items.filter((i) => i.error !== undefined || i.json.error !== undefined);
			assert.deepEqual(failed.slice(0, 3), [], `${failed.length} failed items`);
			const deleted = new Set(
				batch.items.filter((i) => i.json.deleted === true).map((i) => i.json.id),
			);
			const expected = ctx.breakOnPurpose ? n + 1 : n;
			assert.equal(deleted.size, expected, `${deleted.size} distinct steps reported deleted`);
			assert.ok(batch.steps.every((s) => deleted.has(s.stepId)));
		},
	);
	await t.checkAsync(
		`${tag}: the sandbox confirms all ${n} steps gone, each deleted by exactly one successful DELETE`,
		() => {
			assert.deepEqual(batch.remaining, []);
			const ok = batch.deletes.filter((r) => r.status >= 200 && r.status < 300);
			assert.equal(ok.length, n, `${ok.length} successful DELETEs`);
			assert.equal(new Set(ok.map((r) => r.path)).size, n);
			const other = batch.deletes.filter((r) => r.status >= 300 && r.status !== 429);
			assert.deepEqual(
				other.map((r) => `${r.status} ${r.path}`),
				[],
			);
		},
	);
	const who = expectedWorkers.map((i) => `worker${i + 1}`).join(' and ');
	await t.checkAsync(
		`${tag}: ${expectedWorkers.length === 1 ? `only ${who} ran` : `${who} both ran`} executions (worker logs), each execution on exactly one worker, once`,
		() => {
			const all = batch.byWorker.flat();
			assert.equal(
				all.length,
				batch.executions.length,
				`logged starts: ${show(ctx, batch.byWorker)}`,
			);
			assert.equal(
				new Set(all).size,
				batch.executions.length,
				`an execution ran twice: ${show(ctx, batch.byWorker)}`,
			);
			batch.byWorker.forEach((ids, i) =>
				expectedWorkers.includes(i)
					? assert.ok(ids.length > 0, `worker${i + 1} ran none: ${show(ctx, batch.byWorker)}`)
					: assert.equal(ids.length, 0, `worker${i + 1} (stopped) ran ${ids.length}`),
			);
		},
	);
	t.figure(describe(batch));
}

export const scenarioA: Scenario = {
	id: 'A',
	title: `Webhook → LeadLex Delete Step, ${CALLS} calls × ${STEPS_PER_CALL} steps at once, 1 vs 2 workers`,
	async run(ctx) {
		const { t, stack } = ctx;
		await t.step('activate the delete workflow (REST)', async () => {
			await setWorkflowActive(stack.rest, DELETE_WORKFLOW.id, true);
			// Queue mode: the production webhook is registered on main a moment after activation.
			await poll('the production webhook answers', async () => {
				const r = await fetch(`${stack.origin}/webhook/${DELETE_WORKFLOW.path}`, {
					method: 'OPTIONS',
				});
				return r.status !== 404 ? true : undefined;
			});
		});
		// Warm-up (not measured): one job per worker loads the node and opens its connections.
		const warm = await t.step('warm-up: 2 calls × 1 step', () => runBatch(ctx, 'warm-up', 2, 1));
		t.check('warm-up: both calls answered 200, both steps gone', () => {
			assert.deepEqual(
				warm.calls.map((c) => c.status),
				[200, 200],
				show(ctx, warm.calls),
			);
			assert.deepEqual(warm.remaining, []);
		});

		const batches: Record<'one' | 'two', Batch[]> = { one: [], two: [] };
		for (let round = 1; round <= ctx.rounds; round++) {
			const suffix = ctx.rounds > 1 ? `, round ${round}` : '';
			if (round > 1) await t.step('start worker2 again', () => stack.startWorker(1));
			const two = await t.step(`2 workers: ${CALLS} × ${STEPS_PER_CALL} deletes${suffix}`, () =>
				runBatch(ctx, `A (2 workers${suffix})`, CALLS, STEPS_PER_CALL, async () => {
					if (round > 1) return;
					// Redis while the jobs run: kept for scenario C.
					await sleep(700);
					ctx.redisDuringRun = await redisSnapshot(stack.runtime, stack.redis.port);
				}),
			);
			await checkBatch(ctx, two, [0, 1]);
			ctx.deletedStepIds.push(...two.steps.map((s) => s.stepId));
			batches.two.push(two);

			await t.step('stop worker2', () => stack.stopWorker(1));
			const one = await t.step(`1 worker: ${CALLS} × ${STEPS_PER_CALL} deletes${suffix}`, () =>
				runBatch(ctx, `A (1 worker${suffix})`, CALLS, STEPS_PER_CALL),
			);
			await checkBatch(ctx, one, [0]);
			batches.one.push(one);
		}
		const refused = (list: Batch[]) =>
			list.map((b) => count(b.deletes, (s) => s === 429)).join(', ');
		const walls = (list: Batch[]) => list.map((b) => formatMs(b.wallMs)).join(', ');
		t.observe(
			`the rate-limit gate is per process: 1 worker ${refused(batches.one)} × 429 in ${walls(batches.one)}; ` +
				`2 workers ${refused(batches.two)} × 429 in ${walls(batches.two)}; 0 failed items either way ` +
				`(lower bound at ${LIMIT.perWindowLimit} per ${LIMIT.windowMs} ms: ${formatMs(((CALLS * STEPS_PER_CALL) / LIMIT.perWindowLimit - 1) * LIMIT.windowMs)})`,
		);
	},
};
