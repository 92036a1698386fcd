/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev tooling, never packed */
/**
 * The LeadLex node against n8n's own HTTP Request node, inside real n8n 2.x: the same deletes two
 * ways, each timed by n8n itself (the node's `executionTime` in the run data), the runs of the two
 * sides alternating. Part of `npm run bench` (section 4 of BENCHMARKS.md); on its own:
 *
 *   npm run build && npx tsx test/bench/n8n.ts           # prints the section
 *   LEADLEX_BENCH_QUICK=1 npx tsx test/bench/n8n.ts      # smoke: one small run of each side
 */
import os from 'node:os';
import { installSignalHandlers, stopAllChildren } from '../../scripts/n8n/harness';
import { targets } from './seed';
import {
	execute,
	importBenchWorkflows,
	startN8nStack,
	type Install,
	type N8nRun,
} from './n8nStack';
import { benchWorkflow, type BenchWorkflow, type Variant } from './n8nWorkflows';
import { n8nReport } from './n8nReport';

export interface N8nPlan {
	/** Runs of each side per size, after one unreported warm-up run of each side. */
	repeats: number;
	warmUp: boolean;
	/** Sizes without a limit. */
	sizes: number[];
	/** The per-window limit rows: size, and how many runs of each variant. */
	limited: { n: number; limit: number; windowMs: number; repeats: number; stopRuns: number };
}

export const FULL_PLAN: N8nPlan = {
	repeats: 3,
	warmUp: true,
	sizes: [200, 500],
	limited: { n: 200, limit: 50, windowMs: 1000, repeats: 3, stopRuns: 1 },
};

/** CI's smoke: every part of the method once, small. */
export const QUICK_PLAN: N8nPlan = {
	repeats: 1,
	warmUp: false,
	sizes: [50],
	limited: { n: 100, limit: 50, windowMs: 1000, repeats: 1, stopRuns: 0 },
};

/** What one column of runs is: a workflow variant run with one of the installed packages. */
export type Side = 'leadlex' | 'leadlexBaseline' | 'http';

export const SIDES: Record<Side, { variant: Variant; install: Install }> = {
	leadlex: { variant: 'leadlex', install: 'current' },
	leadlexBaseline: { variant: 'leadlex', install: 'baseline' },
	http: { variant: 'http', install: 'current' },
};

export interface LimitedRow {
	variant: Variant;
	install: Install;
	runs: N8nRun[];
	/** The lower bound of each run, from the node's actual start. */
	bounds: number[];
}

export interface N8nResults {
	plan: N8nPlan;
	n8nVersion: string;
	/** The baseline tarball, when one was compared. */
	baseline?: string;
	/** Unlimited runs by size, then by side. */
	unlimited: Array<{ n: number; runs: Partial<Record<Side, N8nRun[]>> }>;
	limited: LimitedRow[];
	/** 1-minute load average before each run. */
	loads: number[];
	totalMs: number;
	problems: string[];
}

export const LIMITED_VARIANTS: Variant[] = ['leadlex', 'httpRetryContinue', 'httpBatching'];

/**
 * The sandbox's windows are fixed and aligned to multiples of windowMs, so no client starting at
 * `start` can finish N deletes before the window holding delete N opens.
 */
export function lowerBound(start: number, n: number, limit: number, windowMs: number): number {
	return Math.max(0, (Math.floor(start / windowMs) + Math.ceil(n / limit) - 1) * windowMs - start);
}

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
		unlimited: [],
		limited: [],
		loads: [],
		totalMs: 0,
		problems: [],
	};
	try {
		const { sandbox } = stack;
		const url = sandbox.url;
		const unlimited = plan.sizes.map((n) => ({
			n,
			leadlex: benchWorkflow('leadlex', targets(n), url),
			http: benchWorkflow('http', targets(n), url),
		}));
		const { limit, windowMs } = plan.limited;
		const limitedList = targets(plan.limited.n);
		const limited = [...LIMITED_VARIANTS, 'httpRetryStop' as const].map((variant) =>
			benchWorkflow(variant, limitedList, url, windowMs),
		);
		await importBenchWorkflows(stack, [
			...unlimited.flatMap((row) => [row.leadlex, row.http]),
			...limited,
		]);
		const run = async (workflow: BenchWorkflow, install: Install, label: string) => {
			results.loads.push(os.loadavg()[0]);
			const outcome = await execute(stack, workflow, { install });
			log(
				`${label} ${workflow.variant}${install === 'baseline' ? ' (baseline)' : ''} N=${workflow.n}: ` +
					`node ${(outcome.nodeMs / 1000).toFixed(2)} s, ` +
					`first request after ${(outcome.firstRequestMs / 1000).toFixed(2)} s, ` +
					`${outcome.failedItems} failed (load ${os.loadavg()[0].toFixed(2)})` +
					(outcome.windows.length
						? `; windows: ${outcome.windows.map((w) => `${w.accepted}@${w.firstMs}-${w.lastMs}ms`).join(' ')}`
						: ''),
			);
			return outcome;
		};
		const expectAllDeleted = (outcome: N8nRun) => {
			if (outcome.deletedItems !== outcome.workflow.n || outcome.stepsLeft !== 0) {
				results.problems.push(
					`${outcome.workflow.name}${outcome.install === 'baseline' ? ' (baseline)' : ''}: ` +
						`${outcome.deletedItems}/${outcome.workflow.n} items deleted, ` +
						`${outcome.stepsLeft} steps left (${outcome.errors.join('; ')})`,
				);
			}
		};
		/** Each round starts with the next side, so that no side always runs first. */
		const rotated = <T>(list: T[], round: number) =>
			list.map((_, i) => list[(i + round) % list.length]);

		sandbox.setOptions({ perWindowLimit: 0 });
		if (plan.warmUp) {
			for (const side of sides) {
				await run(
					unlimited[0][SIDES[side].variant as 'leadlex' | 'http'],
					SIDES[side].install,
					'warm-up',
				);
			}
		}
		for (const row of unlimited) {
			const runs: Partial<Record<Side, N8nRun[]>> = {};
			for (let round = 0; round < plan.repeats; round++) {
				for (const side of rotated(sides, round)) {
					const { variant, install } = SIDES[side];
					const outcome = await run(
						row[variant as 'leadlex' | 'http'],
						install,
						`round ${round + 1}`,
					);
					expectAllDeleted(outcome);
					(runs[side] ??= []).push(outcome);
				}
			}
			results.unlimited.push({ n: row.n, runs });
		}

		sandbox.setOptions({ perWindowLimit: limit, windowMs });
		const rows = new Map<string, LimitedRow>();
		const record = (outcome: N8nRun) => {
			const key = `${outcome.workflow.variant}/${outcome.install}`;
			const row = rows.get(key) ?? {
				variant: outcome.workflow.variant,
				install: outcome.install,
				runs: [],
				bounds: [],
			};
			row.runs.push(outcome);
			row.bounds.push(lowerBound(outcome.nodeStart, outcome.workflow.n, limit, windowMs));
			rows.set(key, row);
		};
		const limitedRuns: Array<{ workflow: BenchWorkflow; install: Install }> = [
			...(baselineTarball ? [{ workflow: limited[0], install: 'baseline' as const }] : []),
			...limited
				.filter((w) => w.variant !== 'httpRetryStop')
				.map((workflow) => ({ workflow, install: 'current' as const })),
		];
		for (let round = 0; round < plan.limited.repeats; round++) {
			for (const { workflow, install } of rotated(limitedRuns, round)) {
				const outcome = await run(workflow, install, `limited round ${round + 1}`);
				if (workflow.variant === 'leadlex') expectAllDeleted(outcome);
				record(outcome);
			}
		}
		const stop = limited.find((w) => w.variant === 'httpRetryStop')!;
		for (let round = 0; round < plan.limited.stopRuns; round++) {
			record(await run(stop, 'current', `limited round ${round + 1}`));
		}
		results.limited = [...rows.values()];
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
	if (!override) return plan;
	const parsed = JSON.parse(override) as Partial<N8nPlan>;
	return { ...plan, ...parsed, limited: { ...plan.limited, ...parsed.limited } };
}

if (require.main === module) {
	installSignalHandlers();
	const progress = (text: string) => process.stderr.write(`[bench:n8n] ${text}\n`);
	benchInRealN8n(chosenPlan(), progress, process.env.LEADLEX_BENCH_BASELINE || undefined).then(
		(results) => {
			process.stdout.write(`${n8nReport(results, '4').join('\n')}\n`);
			process.exitCode = results.problems.length ? 1 : 0;
		},
		(error: unknown) => {
			process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
			process.exitCode = 1;
		},
	);
}
