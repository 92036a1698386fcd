/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev tooling, never packed */
/**
 * The LeadLex node against n8n's own HTTP Request node, inside real n8n 2.x: the same deletes two
 * ways, and the same contact updates (Contact → Update against the same PATCHes), each timed by
 * n8n itself (the node's `executionTime` in the run data), the runs of the sides alternating.
 * Part of `npm run bench` (BENCHMARKS.md); on its own:
 *
 *   npm run build && npx tsx test/bench/n8n.ts          # prints the section
 *   LEADLEX_BENCH_QUICK=1 npx tsx test/bench/n8n.ts     # smoke: one small run of each side
 *   LEADLEX_BENCH_BASELINE=<tarball>                    # also run another build (e.g. main, packed)
 *   LEADLEX_BENCH_BASELINE_LABEL='main at abc1234'      # what to call it in the report
 *   LEADLEX_BENCH_N8N_PLAN='{"sizes":[200]}'            # JSON merged over the plan
 */
import os from 'node:os';
import { installSignalHandlers, stopAllChildren } from '../../scripts/n8n/harness';
import { contactTargets, targets } from './seed';
import {
	execute,
	importBenchWorkflows,
	startN8nStack,
	type Install,
	type N8nRun,
} from './n8nStack';
import {
	benchWorkflow,
	contactUpdateWorkflow,
	type BenchWorkflow,
	type Variant,
	type WindowLimit,
} from './n8nWorkflows';
import { n8nReport } from './n8nReport';

/** One per-window-limit setting: the variants run in turn `repeats` times, then `once` once each. */
export interface LimitPlan extends WindowLimit {
	n: number;
	repeats: number;
	variants: Variant[];
	once: Variant[];
}

export interface N8nPlan {
	/** Runs of each side per size, after one unreported warm-up run of each side. */
	repeats: number;
	warmUp: boolean;
	/** Sizes without a limit. */
	sizes: number[];
	/** Contact → Update sizes (no limit): the LeadLex node and HTTP Request, alternating. */
	contactUpdates: number[];
	limits: LimitPlan[];
}

export const FULL_PLAN: N8nPlan = {
	repeats: 3,
	warmUp: true,
	sizes: [200, 500],
	contactUpdates: [200],
	limits: [
		{
			n: 200,
			limit: 50,
			windowMs: 1000,
			repeats: 3,
			variants: ['leadlex', 'httpRetryContinue', 'httpBatching'],
			once: ['httpRetryStop'],
		},
		// The same against 10-second windows: what changes when a window is long beside n8n's
		// per-item preparation (LeadLex documents one-minute windows).
		{
			n: 200,
			limit: 50,
			windowMs: 10_000,
			repeats: 1,
			variants: ['leadlex', 'httpBatching'],
			once: [],
		},
	],
};

/** CI's smoke: every part of the method once, small. */
export const QUICK_PLAN: N8nPlan = {
	repeats: 1,
	warmUp: false,
	sizes: [50],
	contactUpdates: [50],
	limits: [
		{
			n: 100,
			limit: 50,
			windowMs: 1000,
			repeats: 1,
			variants: ['leadlex', 'httpBatching'],
			once: [],
		},
	],
};

/** What one column of runs is: a workflow variant run with one of the installed packages. */
export type Side = 'leadlex' | 'leadlexBaseline' | 'http';

export const SIDES: Record<Side, { variant: 'leadlex' | 'http'; install: Install }> = {
	leadlex: { variant: 'leadlex', install: 'current' },
	leadlexBaseline: { variant: 'leadlex', install: 'baseline' },
	http: { variant: 'http', install: 'current' },
};

export interface LimitedRow {
	window: WindowLimit;
	n: number;
	variant: Variant;
	install: Install;
	runs: N8nRun[];
	/** The lower bound of each run, from the node's actual start. */
	bounds: number[];
}

export interface N8nResults {
	plan: N8nPlan;
	n8nVersion: string;
	/** The baseline tarball, when one was compared, and what the report calls it. */
	baseline?: string;
	baselineLabel?: string;
	/** Unlimited runs by size, then by side. */
	unlimited: Array<{ n: number; runs: Partial<Record<Side, N8nRun[]>> }>;
	/** Contact → Update runs by size, then by side (this checkout and HTTP Request only). */
	contactUpdates: Array<{ n: number; runs: Partial<Record<Side, N8nRun[]>> }>;
	limited: LimitedRow[];
	/** 1-minute load average before each run. */
	loads: number[];
	totalMs: number;
	problems: string[];
}

/**
 * The sandbox's windows are fixed and aligned to multiples of windowMs, so no client starting at
 * `start` can finish N deletes before the window holding delete N opens.
 */
export function lowerBound(start: number, n: number, limit: number, windowMs: number): number {
	return Math.max(0, (Math.floor(start / windowMs) + Math.ceil(n / limit) - 1) * windowMs - start);
}

/** Each round starts with the next entry, so that no side always runs first. */
const rotated = <T>(list: T[], round: number) =>
	list.map((_, i) => list[(i + round) % list.length]);

/**
 * `baselineTarball` (LEADLEX_BENCH_BASELINE): another build of the package, e.g. the main branch
 * packed, run beside this checkout in the same alternation.
 */
export async function benchInRealN8n(
	plan: N8nPlan,
	log: (text: string) => void,
	baselineTarball?: string,
): Promise<N8nResults> {
	const started = Date.now();
	const stack = await startN8nStack(log, baselineTarball);
	const sides: Side[] = baselineTarball
		? ['leadlex', 'leadlexBaseline', 'http']
		: ['leadlex', 'http'];
	const results: N8nResults = {
		plan,
		n8nVersion: stack.runtime.n8nVersion,
		baseline: baselineTarball,
		baselineLabel: process.env.LEADLEX_BENCH_BASELINE_LABEL || undefined,
		unlimited: [],
		contactUpdates: [],
		limited: [],
		loads: [],
		totalMs: 0,
		problems: [],
	};
	try {
		const { sandbox } = stack;
		const unlimited = plan.sizes.map((n) => ({
			n,
			leadlex: benchWorkflow('leadlex', targets(n), sandbox.url),
			http: benchWorkflow('http', targets(n), sandbox.url),
		}));
		const limited = plan.limits.map((limit) => ({
			limit,
			workflows: new Map(
				[...limit.variants, ...limit.once].map((variant) => [
					variant,
					benchWorkflow(variant, targets(limit.n), sandbox.url, limit),
				]),
			),
		}));
		// The contacts to update, found as a user would: through the API (oldest first).
		const contacts = await contactTargets(
			sandbox.url,
			sandbox.keys.full,
			Math.max(0, ...plan.contactUpdates),
		);
		const updates = plan.contactUpdates.map((n) => ({
			n,
			leadlex: contactUpdateWorkflow('leadlex', contacts.slice(0, n), sandbox.url),
			http: contactUpdateWorkflow('http', contacts.slice(0, n), sandbox.url),
		}));
		await importBenchWorkflows(stack, [
			...unlimited.flatMap((row) => [row.leadlex, row.http]),
			...updates.flatMap((row) => [row.leadlex, row.http]),
			...limited.flatMap((row) => [...row.workflows.values()]),
		]);

		const run = async (workflow: BenchWorkflow, install: Install, label: string) => {
			results.loads.push(os.loadavg()[0]);
			const outcome = await execute(stack, workflow, { install });
			const windows = outcome.windows.map((w) => `${w.accepted}@${w.firstMs}-${w.lastMs}`);
			log(
				`${label} ${workflow.variant}${install === 'baseline' ? ' (baseline)' : ''}` +
					`${workflow.task === 'updateContacts' ? ' contact update' : ''} N=${workflow.n}: ` +
					`node ${(outcome.nodeMs / 1000).toFixed(2)} s, ` +
					`first request after ${(outcome.firstRequestMs / 1000).toFixed(2)} s, ` +
					`${outcome.failedItems} failed` +
					(workflow.task === 'updateContacts'
						? `, ${outcome.contactsChanged} job titles changed, ${outcome.patchesAsExpected}/${outcome.patches} PATCHes as expected`
						: '') +
					` (load ${os.loadavg()[0].toFixed(2)})` +
					(windows.length ? `; accepted per window @ ms into it: ${windows.join(' ')}` : ''),
			);
			return outcome;
		};
		const expectAllDeleted = (outcome: N8nRun) => {
			if (outcome.deletedItems !== outcome.workflow.n || outcome.stepsLeft !== 0) {
				results.problems.push(
					`${outcome.workflow.name}${outcome.install === 'baseline' ? ' (baseline build)' : ''}: ` +
						`${outcome.deletedItems}/${outcome.workflow.n} items deleted, ` +
						`${outcome.stepsLeft} steps left (${outcome.errors.join('; ')})`,
				);
			}
		};

		/**
		 * Both sides must really have changed every contact (the sandbox holds each new job title),
		 * with one PATCH each of the expected body, and output an updated item for each: a run
		 * that measured failures is a problem, not a time.
		 */
		const expectAllUpdated = (outcome: N8nRun) => {
			const { n } = outcome.workflow;
			if (
				outcome.contactsChanged !== n ||
				outcome.updatedItems !== n ||
				outcome.failedItems !== 0 ||
				outcome.patchesAsExpected !== n ||
				outcome.patches !== n
			) {
				results.problems.push(
					`${outcome.workflow.name}: ${outcome.contactsChanged}/${n} job titles changed in the sandbox, ` +
						`${outcome.updatedItems}/${n} updated items, ${outcome.failedItems} failed, ` +
						`${outcome.patchesAsExpected} of ${outcome.patches} PATCHes as expected (${outcome.errors.join('; ')})`,
				);
			}
		};

		sandbox.setOptions({ perWindowLimit: 0 });
		if (plan.warmUp && unlimited[0]) {
			for (const side of sides) {
				await run(unlimited[0][SIDES[side].variant], SIDES[side].install, 'warm-up');
			}
		}
		for (const row of unlimited) {
			const runs: Partial<Record<Side, N8nRun[]>> = {};
			for (let round = 0; round < plan.repeats; round++) {
				for (const side of rotated(sides, round)) {
					const { variant, install } = SIDES[side];
					const outcome = await run(row[variant], install, `round ${round + 1}`);
					expectAllDeleted(outcome);
					(runs[side] ??= []).push(outcome);
				}
			}
			results.unlimited.push({ n: row.n, runs });
		}

		// Contact → Update: this checkout against HTTP Request (a baseline build may have no Contact).
		const updateSides: Array<'leadlex' | 'http'> = ['leadlex', 'http'];
		if (plan.warmUp && updates[0]) {
			for (const side of updateSides) {
				expectAllUpdated(await run(updates[0][side], 'current', 'warm-up'));
			}
		}
		for (const row of updates) {
			const runs: Partial<Record<Side, N8nRun[]>> = {};
			for (let round = 0; round < plan.repeats; round++) {
				for (const side of rotated(updateSides, round)) {
					const outcome = await run(row[side], 'current', `round ${round + 1}`);
					expectAllUpdated(outcome);
					(runs[side] ??= []).push(outcome);
				}
			}
			results.contactUpdates.push({ n: row.n, runs });
		}

		for (const { limit, workflows } of limited) {
			sandbox.setOptions({ perWindowLimit: limit.limit, windowMs: limit.windowMs });
			const rows = new Map<string, LimitedRow>();
			const record = (outcome: N8nRun) => {
				const key = `${outcome.workflow.variant}/${outcome.install}`;
				const row = rows.get(key) ?? {
					window: limit,
					n: limit.n,
					variant: outcome.workflow.variant,
					install: outcome.install,
					runs: [],
					bounds: [],
				};
				row.runs.push(outcome);
				row.bounds.push(lowerBound(outcome.nodeStart, limit.n, limit.limit, limit.windowMs));
				rows.set(key, row);
			};
			const inTurn: Array<{ workflow: BenchWorkflow; install: Install }> = [
				...limit.variants.map((variant) => ({
					workflow: workflows.get(variant)!,
					install: 'current' as const,
				})),
				...(baselineTarball && limit.variants.includes('leadlex')
					? [{ workflow: workflows.get('leadlex')!, install: 'baseline' as const }]
					: []),
			];
			const label = `limit ${limit.limit}/${limit.windowMs} ms`;
			for (let round = 0; round < limit.repeats; round++) {
				for (const { workflow, install } of rotated(inTurn, round)) {
					const outcome = await run(workflow, install, `${label} round ${round + 1}`);
					if (workflow.variant === 'leadlex') expectAllDeleted(outcome);
					record(outcome);
				}
			}
			for (const variant of limit.once)
				record(await run(workflows.get(variant)!, 'current', label));
			results.limited.push(...rows.values());
		}
	} finally {
		await stack.close();
		await stopAllChildren();
	}
	results.totalMs = Date.now() - started;
	return results;
}

export function isQuick(): boolean {
	return process.env.LEADLEX_BENCH_QUICK === '1' || process.argv.includes('--quick');
}

/** The full or quick plan, with LEADLEX_BENCH_N8N_PLAN (JSON, e.g. `{"sizes":[200]}`) merged over it. */
export function chosenPlan(): N8nPlan {
	const plan = isQuick() ? QUICK_PLAN : FULL_PLAN;
	const override = process.env.LEADLEX_BENCH_N8N_PLAN;
	return override ? { ...plan, ...(JSON.parse(override) as Partial<N8nPlan>) } : plan;
}

if (require.main === module) {
	installSignalHandlers();
	const progress = (text: string) => process.stderr.write(`[bench:n8n] ${text}\n`);
	benchInRealN8n(chosenPlan(), progress, process.env.LEADLEX_BENCH_BASELINE || undefined).then(
		(results) => {
			process.stdout.write(`${n8nReport(results, '5').join('\n')}\n`);
			process.exitCode = results.problems.length ? 1 : 0;
		},
		(error: unknown) => {
			process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
			process.exitCode = 1;
		},
	);
}
