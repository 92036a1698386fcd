/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
/**
 * Benchmark of the LeadLex node against the local sandbox: `npm run bench`
 * (or `npm run build && npx tsx test/bench/bench.ts`).
 *
 * Every figure comes from this run, on this machine, against the sandbox on 127.0.0.1:
 *  1. Throughput: N deletes through the built node in n8n-core's real WorkflowExecute (one run,
 *     N items) versus a plain axios client sending the same N deletes all at once.
 *  2. A per-window limit: the node (retries on, default options) versus the same axios client
 *     without retry logic, and versus the fixed-window lower bound.
 *  3. Peak memory of a node run as N grows.
 * Then, in real n8n 2.x: the node against HTTP Request (n8n.ts, section 5) and Contact → Export of
 * 50,000 rows against HTTP Request downloading the file (exportBench.ts, section 6; on its own:
 * `npm run bench:export`).
 * It prints a Markdown report and writes the same report to BENCHMARKS.md at the repo root.
 *
 * The sandbox, the node and the axios client share one process and one event loop, so the
 * server's own work is inside both sides' times alike.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import axios from 'axios';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import type { RunResult } from '../engine/harness';
import { startSandbox, type Sandbox, type SandboxProfile } from '../sandbox/server';
import { foreverRows, foreverTable, type ForeverRow } from './forever';
import {
	benchExportInRealN8n,
	chosenExportPlan,
	exportReport,
	type ExportResults,
} from './exportBench';
import { benchInRealN8n, chosenPlan, isQuick, type N8nResults } from './n8n';
import { n8nInterpretation, n8nReport } from './n8nReport';
import {
	ENTRY_PASSES,
	ENTRY_REPEATS,
	perItemCost,
	perItemEntryLines,
	perItemInterpretation,
	perItemLines,
	sharedNameLines,
	type PerItemResult,
} from './perItem';
import { benchSeed, targets, type Target } from './seed';
import { median, perRun, seconds, sum } from './stats';

// n8n logs every item error otherwise; must be set before n8n-core is loaded (see main()).
process.env.N8N_LOG_LEVEL = 'silent';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const REPO_DIR = path.resolve(__dirname, '..', '..');
const REPORT_FILE = path.join(REPO_DIR, 'BENCHMARKS.md');

/** LEADLEX_BENCH_QUICK=1 (or --quick): every part once and small, printed, BENCHMARKS.md untouched. */
const QUICK = isQuick();
const THROUGHPUT_SIZES = QUICK ? [100] : [100, 500, 1000];
const REPEATS = QUICK ? 1 : 3;
const MEMORY_SIZES = QUICK ? [100] : [100, 500, 1000, 2000];
const LIMITED = { perWindowLimit: 50, windowMs: 1000, sizes: QUICK ? [100] : [100, 500] };
/** One row against the docs-only profile: no Retry-After, a real one-minute window (not in quick). */
const DOCS_ONLY = { perWindowLimit: 50, windowMs: 60_000, n: 100 };
const PER_ITEM = QUICK ? { n: 100, repeats: 1 } : { n: 1000, repeats: 7 };
const NO_DAILY_LIMIT = 1_000_000_000;

type RunLeadlex = typeof import('../engine/harness').runLeadlex;

// ---------- the two clients ----------

interface Outcome {
	ms: number;
	/** Items that came out deleted. */
	deleted: number;
	/** Items that came out as errors. */
	failed: number;
	/** Responses the sandbox recorded, by status. */
	statuses: Record<number, number>;
	/** Messages of failed items (distinct). */
	errors: string[];
	/** From the start of the run to the first request the sandbox received. */
	firstRequestMs: number;
	/** 429s answering an item's first request, and answering a retry. */
	first429: number;
	retry429: number;
	/** The most 429s to retries in any one window (per-window limit runs only). */
	maxRetry429PerWindow: number;
}

/** What the sandbox saw during the run that started at `startedAt` (ms since epoch). */
function sandboxView(sandbox: Sandbox, startedAt: number) {
	const statuses: Record<number, number> = {};
	const tried = new Set<string>();
	const retry429ByWindow = new Map<number, number>();
	const { windowMs } = sandbox.options();
	let first = Infinity;
	let first429 = 0;
	let retry429 = 0;
	for (const request of sandbox.requests) {
		statuses[request.status] = (statuses[request.status] ?? 0) + 1;
		first = Math.min(first, request.at);
		const retry = tried.has(request.path);
		tried.add(request.path);
		if (request.status !== 429) continue;
		if (!retry) first429++;
		else {
			retry429++;
			const window = Math.floor(request.at / windowMs);
			retry429ByWindow.set(window, (retry429ByWindow.get(window) ?? 0) + 1);
		}
	}
	return {
		statuses,
		firstRequestMs: Number.isFinite(first) ? first - startedAt : NaN,
		first429,
		retry429,
		maxRetry429PerWindow: Math.max(0, ...retry429ByWindow.values()),
	};
}

const deleteByItem = (): INodeParameters => ({
	resource: 'campaignStep',
	operation: 'delete',
	campaignId: { __rl: true, mode: 'id', value: '={{ $json.campaign }}' },
	stepId: { __rl: true, mode: 'id', value: '={{ $json.step }}' },
	options: {},
});

/**
 * One workflow run, N items. `continueRegularOutput` only so that a failed item shows up as an
 * item to count instead of stopping the run; it changes nothing for items that succeed.
 */
async function nodeRun(
	runLeadlex: RunLeadlex,
	sandbox: Sandbox,
	list: Target[],
	keep?: (result: RunResult) => void,
): Promise<Outcome> {
	const items = list.map((target) => ({ ...target }) as IDataObject);
	const startedAt = Date.now();
	const started = performance.now();
	const result = await runLeadlex({
		parameters: deleteByItem(),
		items,
		credentials: { apiKey: sandbox.keys.full, baseUrl: sandbox.url },
		onError: 'continueRegularOutput',
	});
	const ms = performance.now() - started;
	keep?.(result);
	const errors = new Set<string>();
	let deleted = 0;
	let failed = 0;
	for (const item of result.items) {
		if (item.json.deleted === true) deleted++;
		else {
			failed++;
			errors.add(String(item.json.error ?? JSON.stringify(item.json)));
		}
	}
	if (result.error) errors.add(`run error: ${result.error.message}`);
	failed += list.length - result.items.length;
	return { ms, deleted, failed, errors: [...errors], ...sandboxView(sandbox, startedAt) };
}

/** A plain axios client: every delete at once, no retry. */
async function axiosRun(sandbox: Sandbox, list: Target[]): Promise<Outcome> {
	const client = axios.create({
		baseURL: sandbox.url,
		headers: { Authorization: `Bearer ${sandbox.keys.full}`, Accept: 'application/json' },
		validateStatus: () => true,
	});
	const startedAt = Date.now();
	const started = performance.now();
	const responses = await Promise.allSettled(
		list.map(({ campaign, step }) =>
			client.delete(
				`/v1/campaigns/${encodeURIComponent(campaign)}/steps/${encodeURIComponent(step)}`,
			),
		),
	);
	const ms = performance.now() - started;
	const errors = new Set<string>();
	let deleted = 0;
	for (const response of responses) {
		if (
			response.status === 'fulfilled' &&
			response.value.status === 200 &&
			response.value.data?.data?.deleted === true
		) {
			deleted++;
		} else {
			errors.add(
				response.status === 'fulfilled'
					? `HTTP ${response.value.status} ${String(response.value.data?.error?.code ?? '')}`.trim()
					: String((response.reason as Error)?.message ?? response.reason),
			);
		}
	}
	return {
		ms,
		deleted,
		failed: list.length - deleted,
		errors: [...errors],
		...sandboxView(sandbox, startedAt),
	};
}

// ---------- helpers ----------

const sleep = async (ms: number) =>
	await new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

const perSecond = (n: number, ms: number) => Math.round(n / (ms / 1000)).toLocaleString('en-US');
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

function progress(text: string): void {
	process.stderr.write(`[bench] ${text}\n`);
}

/** Checks a run did what it should, so that no broken run is reported as a time. */
function expectAllDeleted(label: string, outcome: Outcome, n: number, problems: string[]): void {
	if (outcome.deleted !== n || outcome.failed !== 0) {
		problems.push(
			`${label}: ${outcome.deleted}/${n} deleted, ${outcome.failed} failed (${outcome.errors.join('; ')})`,
		);
	}
}

function packageVersion(name: string): string {
	const file = path.join(REPO_DIR, 'node_modules', ...name.split('/'), 'package.json');
	return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

// ---------- 1. throughput ----------

interface ThroughputRow {
	n: number;
	node: number[];
	axios: number[];
	nodeFirstRequest: number[];
}

async function throughput(
	runLeadlex: RunLeadlex,
	sandbox: Sandbox,
	problems: string[],
): Promise<ThroughputRow[]> {
	sandbox.setOptions({
		perWindowLimit: 0,
		dailyLimit: NO_DAILY_LIMIT,
		latencyMs: 0,
		profile: 'full',
	});
	// One warm-up run of each side at the largest N (not reported): loads n8n-core and the node, warms the JIT.
	const largest = targets(Math.max(...THROUGHPUT_SIZES));
	for (const side of ['node', 'axios'] as const) {
		sandbox.reset();
		const outcome =
			side === 'node'
				? await nodeRun(runLeadlex, sandbox, largest)
				: await axiosRun(sandbox, largest);
		expectAllDeleted(`warm-up ${side} N=${largest.length}`, outcome, largest.length, problems);
	}
	const rows: ThroughputRow[] = [];
	for (const n of THROUGHPUT_SIZES) {
		const list = targets(n);
		const row: ThroughputRow = { n, node: [], axios: [], nodeFirstRequest: [] };
		// Node and axios take turns.
		for (let round = 0; round < REPEATS; round++) {
			for (const side of ['node', 'axios'] as const) {
				sandbox.reset();
				collectGarbage();
				const outcome =
					side === 'node'
						? await nodeRun(runLeadlex, sandbox, list)
						: await axiosRun(sandbox, list);
				expectAllDeleted(`throughput ${side} N=${n}`, outcome, n, problems);
				row[side].push(outcome.ms);
				if (side === 'node') row.nodeFirstRequest.push(outcome.firstRequestMs);
			}
		}
		progress(
			`throughput N=${n}: node ${seconds(median(row.node))} s, axios ${seconds(median(row.axios))} s`,
		);
		rows.push(row);
	}
	return rows;
}

// ---------- 2. per-window limit ----------

interface LimitedRow {
	label: string;
	profile: SandboxProfile;
	n: number;
	limit: number;
	windowMs: number;
	/** Fixed-window lower bound for each run, from its actual start time. */
	bound: number[];
	node: Outcome[];
	axios: Outcome[];
}

/**
 * The sandbox's windows are fixed and aligned to multiples of windowMs since the epoch, so no
 * client starting at `start` can finish N deletes before the window holding delete N opens.
 */
function lowerBound(start: number, n: number, limit: number, windowMs: number): number {
	return Math.max(0, (Math.floor(start / windowMs) + Math.ceil(n / limit) - 1) * windowMs - start);
}

async function limitedRow(
	runLeadlex: RunLeadlex,
	sandbox: Sandbox,
	options: {
		profile: SandboxProfile;
		n: number;
		limit: number;
		windowMs: number;
		repeats: number;
		align: boolean;
	},
): Promise<LimitedRow> {
	const { profile, n, limit, windowMs } = options;
	sandbox.setOptions({
		perWindowLimit: limit,
		windowMs,
		dailyLimit: NO_DAILY_LIMIT,
		latencyMs: 0,
		profile,
	});
	const row: LimitedRow = {
		label: profile === 'full' ? 'full (Retry-After sent)' : 'docs-only (no Retry-After)',
		profile,
		n,
		limit,
		windowMs,
		bound: [],
		node: [],
		axios: [],
	};
	const list = targets(n);
	for (let round = 0; round < options.repeats; round++) {
		for (const side of ['node', 'axios'] as const) {
			sandbox.reset();
			collectGarbage();
			// Start 5 ms into a fresh window, so the bound is (ceil(N / limit) - 1) windows less 5 ms.
			if (options.align) await sleep(windowMs - (Date.now() % windowMs) + 5);
			const start = Date.now();
			const outcome =
				side === 'node' ? await nodeRun(runLeadlex, sandbox, list) : await axiosRun(sandbox, list);
			row[side].push(outcome);
			if (side === 'node') row.bound.push(lowerBound(start, n, limit, windowMs));
		}
	}
	const last = row.node[row.node.length - 1];
	progress(
		`limited ${profile} N=${n}: node ${seconds(median(row.node.map((o) => o.ms)))} s, ${last.failed} failed, ` +
			`${last.first429} + ${last.retry429} x 429`,
	);
	return row;
}

// ---------- 3. memory ----------

interface MemoryRow {
	n: number;
	node: MemorySample;
	axios: MemorySample;
}

interface MemorySample {
	ms: number;
	peakHeapDelta: number;
	peakRssDelta: number;
	/** Heap after the run, its result let go and a full GC, over the baseline: what the run left behind. */
	retainedHeap: number;
	samples: number;
}

async function measureMemory(
	run: () => Promise<Outcome>,
	release: () => void = () => {},
): Promise<MemorySample & { outcome: Outcome }> {
	collectGarbage();
	const baseline = process.memoryUsage();
	let peakHeap = baseline.heapUsed;
	let peakRss = baseline.rss;
	let samples = 0;
	const sample = () => {
		const usage = process.memoryUsage();
		peakHeap = Math.max(peakHeap, usage.heapUsed);
		peakRss = Math.max(peakRss, usage.rss);
		samples++;
	};
	const timer = setInterval(sample, 10);
	let outcome: Outcome;
	try {
		outcome = await run();
		sample();
	} finally {
		clearInterval(timer);
		release();
	}
	collectGarbage();
	const after = process.memoryUsage();
	return {
		outcome,
		ms: outcome.ms,
		peakHeapDelta: peakHeap - baseline.heapUsed,
		peakRssDelta: peakRss - baseline.rss,
		retainedHeap: after.heapUsed - baseline.heapUsed,
		samples,
	};
}

async function memory(
	runLeadlex: RunLeadlex,
	sandbox: Sandbox,
	problems: string[],
): Promise<MemoryRow[]> {
	sandbox.setOptions({
		perWindowLimit: 0,
		dailyLimit: NO_DAILY_LIMIT,
		latencyMs: 0,
		profile: 'full',
	});
	const rows: MemoryRow[] = [];
	for (const n of MEMORY_SIZES) {
		const list = targets(n);
		sandbox.reset();
		// The result (all output items) is held until the final sample, as n8n holds it, then let go.
		const held: RunResult[] = [];
		const node = await measureMemory(
			async () => await nodeRun(runLeadlex, sandbox, list, (result) => held.push(result)),
			() => {
				held.length = 0;
				sandbox.reset();
			},
		);
		expectAllDeleted(`memory node N=${n}`, node.outcome, n, problems);
		sandbox.reset();
		const viaAxios = await measureMemory(
			async () => await axiosRun(sandbox, list),
			() => sandbox.reset(),
		);
		expectAllDeleted(`memory axios N=${n}`, viaAxios.outcome, n, problems);
		rows.push({ n, node, axios: viaAxios });
		progress(
			`memory N=${n}: node peak heap +${mb(node.peakHeapDelta)} MB, axios +${mb(viaAxios.peakHeapDelta)} MB`,
		);
	}
	sandbox.reset();
	return rows;
}

// ---------- report ----------

function machine(): string[] {
	const cpus = os.cpus();
	return [
		`| | |`,
		`|---|---|`,
		`| CPU | ${cpus[0]?.model.trim() ?? 'unknown'} |`,
		`| Cores (logical) | ${cpus.length} |`,
		`| Memory | ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB |`,
		`| OS | ${os.type()} ${os.release()} (${os.arch()}) |`,
		`| Node.js | ${process.version} |`,
		`| n8n-core | ${packageVersion('n8n-core')} |`,
		`| n8n-workflow | ${packageVersion('n8n-workflow')} |`,
		`| axios | ${packageVersion('axios')} |`,
		`| Date (UTC) | ${new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')} |`,
	];
}

function report({
	throughputRows,
	limitedRows,
	foreverRows,
	memoryRows,
	perItem,
	n8n,
	n8nError,
	exportBench,
	exportError,
	problems,
	totalMs,
}: {
	throughputRows: ThroughputRow[];
	limitedRows: LimitedRow[];
	foreverRows: ForeverRow[];
	memoryRows: MemoryRow[];
	perItem: PerItemResult;
	n8n?: N8nResults;
	n8nError?: string;
	exportBench?: ExportResults;
	exportError?: string;
	problems: string[];
	totalMs: number;
}): string {
	const lines: string[] = [];
	const ratios = throughputRows.map((row) => median(row.node) / median(row.axios));
	const extraPerItem = throughputRows.map((row) => (median(row.node) - median(row.axios)) / row.n);
	const axiosPerItem = throughputRows.map((row) => median(row.axios) / row.n);
	const spread = Math.max(
		...throughputRows.flatMap((row) =>
			[row.node, row.axios].map((runs) => Math.max(...runs) / Math.min(...runs)),
		),
	);
	lines.push(
		'# Benchmarks',
		'',
		'Throughput, rate-limit behaviour and memory of the LeadLex node, measured against the local LeadLex sandbox',
		"(`test/sandbox/`) on 127.0.0.1, two ways. Sections 1–4 run the node from `dist/` through n8n-core's real",
		"`WorkflowExecute` in this script's process (`test/engine/harness.ts`), against a plain `axios` client. Section 5",
		"runs the packed package in real n8n 2.x, against what users would build instead: n8n's own HTTP Request node;",
		'section 6 does the same for Contact → Export of a 50,000-row CSV file (time and peak memory of the n8n process).',
		'Every figure below comes from one run of the script on the machine listed; running it again rewrites this file.',
		'',
		'## How to reproduce',
		'',
		'```bash',
		'npm run bench        # = npm run build && tsx test/bench/bench.ts (about 15 minutes)',
		'LEADLEX_BENCH_QUICK=1 npm run bench   # smoke: every part once and small; prints, does not write this file',
		'LEADLEX_BENCH_BASELINE=/path/to/n8n-nodes-leadlex-x.y.z.tgz npm run bench   # section 5 also runs that build',
		'npm run build && npx tsx test/bench/perItem.ts 1000 7   # section 4 alone (N, runs of each node type)',
		'npm run build && npx tsx test/bench/n8n.ts           # section 5 alone',
		'npm run bench:export                                # section 6 alone (prints it; LEADLEX_BENCH_QUICK=1: 5,000 rows)',
		'npm run build && npx tsx test/bench/n8nProfile.ts 200 leadlex http   # CPU profile of each node in real n8n',
		'```',
		'',
		'The report is printed and written to `BENCHMARKS.md`; progress goes to stderr. In sections 1–4 the sandbox, the',
		"node and the axios client share one Node.js process (one event loop), so the sandbox's own work is inside both",
		"sides' times. Sections 5 and 6 need the n8n 2.41.1 runtime (`npx tsx scripts/n8n/runtime.ts v2` installs it once).",
		'',
		'## Machine',
		'',
		...machine(),
		'',
		`Script time (from loading n8n-core to this report): ${seconds(totalMs, 1)} s.`,
		'',
		'## 1. Throughput without limits',
		'',
		`One workflow run with N items, each deleting a different step (sandbox: no per-window limit, daily limit ${NO_DAILY_LIMIT.toLocaleString('en-US')}, no added latency).`,
		"The axios client sends the same N deletes all at once, as n8n's engine does for a declarative node.",
		`Median of ${REPEATS} runs, after one warm-up run of each side at N=${Math.max(...THROUGHPUT_SIZES)}; node and axios runs alternate;`,
		'the sandbox is reset before each run. "First request after" is the time from the start of the node run to the first',
		'request the sandbox received.',
		'',
		'| N | node (s) | node deletes/s | axios (s) | axios deletes/s | overhead (node / axios) | node − axios per item (ms) | node: first request after (s) | node runs (s) | axios runs (s) |',
		'|---:|---:|---:|---:|---:|---:|---:|---:|---|---|',
	);
	throughputRows.forEach((row, i) => {
		const node = median(row.node);
		const viaAxios = median(row.axios);
		lines.push(
			`| ${row.n} | ${seconds(node)} | ${perSecond(row.n, node)} | ${seconds(viaAxios)} | ${perSecond(row.n, viaAxios)} | ` +
				`${ratios[i].toFixed(1)}× | ${extraPerItem[i].toFixed(2)} | ${seconds(median(row.nodeFirstRequest))} | ` +
				`${row.node.map((ms) => seconds(ms)).join(' / ')} | ${row.axios.map((ms) => seconds(ms)).join(' / ')} |`,
		);
	});

	lines.push(
		'',
		'## 2. With a per-window limit',
		'',
		'The node with its default options (Retry On Rate Limit on, Max Rate Limit Wait 300 s) versus the same axios',
		'client without retry logic. "Lower bound" is the earliest any client could finish: the sandbox\'s windows are',
		'fixed and aligned to multiples of the window length, so the last delete cannot go before the',
		'(ceil(N / limit) − 1)-th next window opens. The 1-second rows start 5 ms into a fresh window, so their bound is',
		'(ceil(N / limit) − 1) × 1 s − 5 ms. The docs-only row starts wherever the clock is, so its bound is the time left',
		"until the next minute. Node 429s are split into those answering an item's first request and those answering a",
		'retry. Times are medians when a row has several runs; the other columns list each run when the runs differ.',
		'',
		'| profile | N | limit | runs | lower bound (s) | node (s) | node − bound (s) | node: first request after (s) | node failed items | node 429s: first requests + retries | node: most retry 429s in one window | axios (s) | axios failed items | axios 429s |',
		'|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
	);
	for (const row of limitedRows) {
		const excess = row.node.map((o, i) => o.ms - row.bound[i]);
		const window =
			row.windowMs >= 60_000 ? `${row.windowMs / 60_000} min` : `${row.windowMs / 1000} s`;
		const split = row.node.map((o) => `${o.first429} + ${o.retry429}`);
		lines.push(
			`| ${row.label} | ${row.n} | ${row.limit} / ${window} | ${row.node.length} | ${seconds(median(row.bound))} | ` +
				`${seconds(median(row.node.map((o) => o.ms)))} | ${seconds(median(excess))} | ` +
				`${seconds(median(row.node.map((o) => o.firstRequestMs)))} | ${perRun(row.node.map((o) => o.failed))} | ` +
				`${split.every((v) => v === split[0]) ? split[0] : split.join(' / ')} | ` +
				`${perRun(row.node.map((o) => o.maxRetry429PerWindow))} | ` +
				`${seconds(median(row.axios.map((o) => o.ms)))} | ${perRun(row.axios.map((o) => o.failed))} | ` +
				`${perRun(row.axios.map((o) => o.statuses[429] ?? 0))} |`,
		);
	}
	lines.push(...foreverTable(foreverRows));
	const nodeFailures = sum(limitedRows.flatMap((row) => row.node.map((o) => o.failed)));
	const nodeErrors = [...new Set(limitedRows.flatMap((row) => row.node.flatMap((o) => o.errors)))];

	lines.push(
		'',
		'## 3. Memory of a node run',
		'',
		'`process.memoryUsage()` sampled every 10 ms during one run (plus once at its end), limits off. Deltas are over a',
		'baseline taken after a full GC just before the run; "retained" is the heap after the run, its output items let go,',
		'the sandbox reset and another full GC. The sandbox runs in the same process, so its share (request records,',
		'sockets) is in every figure; the axios columns, the same N deletes without n8n, show roughly that share.',
		'',
		'| N | node (s) | node peak heap Δ (MB) | node peak RSS Δ (MB) | node retained heap (MB) | axios peak heap Δ (MB) | axios peak RSS Δ (MB) | samples taken (node / axios) |',
		'|---:|---:|---:|---:|---:|---:|---:|---:|',
	);
	for (const row of memoryRows) {
		lines.push(
			`| ${row.n} | ${seconds(row.node.ms)} | ${mb(row.node.peakHeapDelta)} | ${mb(row.node.peakRssDelta)} | ` +
				`${mb(row.node.retainedHeap)} | ${mb(row.axios.peakHeapDelta)} | ${mb(row.axios.peakRssDelta)} | ` +
				`${row.node.samples} / ${row.axios.samples} |`,
		);
	}

	lines.push(
		'',
		'## 4. What one item costs as the node gains operations and resources',
		'',
		"n8n's declarative engine resolves every property entry's value for every item, also entries the operation does",
		"not show (in n8n-core 2.40 and later twice: once for the request, once to find the node's own host), so the",
		"node's description is part of each item's cost. The same Campaign Step → Delete of N=" +
			PER_ITEM.n +
			' items, both IDs',
		'by expression, through four node types: a copy of the node with only that operation, a copy with only the',
		'Campaign Step resource, a copy with the two resources the node had before Contact and List (Campaign Step and',
		"Campaign), and the shipped node. Expressions are counted at n8n-workflow's `Expression` during one",
		'run, by who asked for them; the time is from the start of the run to the first request the sandbox received,',
		`divided by N (median of ${PER_ITEM.repeats} runs after a warm-up, the node types taking turns; in this process,`,
		"with n8n-workflow's default in-process expression engine, so it shows the walk, not 2.x's per-expression cost),",
		"as wall time and as this process's CPU time over the same span (user + system, all threads; the sandbox, the",
		'engine and the node share the process, and other work on the machine changes the CPU time far less than the wall',
		'time).',
		'',
		...perItemLines(perItem),
		'',
		"Where the shipped node's time goes, entry by entry: one Delete item's context is taken from a run of the shipped",
		"node, then what n8n-core's `RoutingNode` does with each property entry in its two walks (the entry's value from the",
		"node's parameters or `[]`, resolved through `Expression`, then `getRequestOptionsFromParameters`, whose display",
		"check comes first) is replayed over all entries in the node's order, as the engine walks them, each entry timed",
		`(wall time, the timer calls included); ${ENTRY_REPEATS} walks per pass, median of ${ENTRY_PASSES} passes.`,
		'',
		...perItemEntryLines(perItem),
		'',
		'Parameters of the operations the node had before Contact and List whose names Contact and List declare too (from',
		"the descriptions): the engine resolves such a parameter's value once per entry of its name in each walk.",
		'',
		...sharedNameLines(perItem),
		'',
	);
	if (n8n) lines.push(...n8nReport(n8n, '5'));
	else
		lines.push(
			'## 5. In real n8n: the LeadLex node against the HTTP Request node',
			'',
			`Not run: ${n8nError}`,
			'',
		);
	if (exportBench) lines.push(...exportReport(exportBench, '6'));
	else lines.push('## 6. In real n8n: Contact → Export', '', `Not run: ${exportError}`, '');

	lines.push('', '## Interpretation', '');
	// 1. Throughput.
	lines.push(
		`* **Overhead without limits.** The node took ${ratios.map((r, i) => `${r.toFixed(1)}× (N=${throughputRows[i].n})`).join(', ')}`,
		`  the time of the bare axios client, i.e. ${extraPerItem.map((ms) => ms.toFixed(2)).join(', ')} ms more per item on this machine.`,
		"  Both sides pay the same loopback and sandbox cost, so the difference is what n8n's engine and the node add per item:",
		"  resolving each item's parameters and expressions, building and authenticating the request through n8n's HTTP",
		"  helper, the node's checks and response parsing, and the output items. The engine prepares every item before the",
		`  first request leaves (first request after ${throughputRows.map((row) => `${seconds(median(row.nodeFirstRequest), 2)} s at N=${row.n}`).join(', ')}).`,
		`  Single runs differ by up to ${spread.toFixed(1)}× from each other (see the runs columns), so read the ratios as rough.`,
		axiosPerItem[axiosPerItem.length - 1] > axiosPerItem[0]
			? `  The ratio also falls with N because the axios time itself grows faster than N here (${axiosPerItem.map((ms) => ms.toFixed(2)).join(', ')} ms per delete: N concurrent connections on ${os.cpus().length} cores).`
			: `  Axios per delete: ${axiosPerItem.map((ms) => ms.toFixed(2)).join(', ')} ms.`,
		"  Against a real API the network round trip (not modelled here) adds the same wait to both sides while the node's",
		'  extra cost stays CPU time, so the ratio would be closer to 1; this run does not measure that.',
	);
	// 2. Rate limit.
	const fullRows = limitedRows.filter((row) => row.profile === 'full');
	const docsRow = limitedRows.find((row) => row.profile === 'docs-only');
	const maxRetry429 = Math.max(
		0,
		...fullRows.flatMap((row) => row.node.map((o) => o.maxRetry429PerWindow)),
	);
	lines.push(
		`* **Per-window limit.** With retries on, the node ${
			nodeFailures === 0
				? 'deleted every item in every run (0 failed items)'
				: `**left ${nodeFailures} failed items** across the runs (see "Problems seen in this run")`
		}. It finished ${fullRows
			.map(
				(row) =>
					`${seconds(median(row.node.map((o, i) => o.ms - row.bound[i])), 2)} s (N=${row.n})`,
			)
			.join(' and ')} after the lower bound.`,
		`  Of its 429s, ${sum(fullRows.flatMap((row) => row.node.map((o) => o.first429)))} answered first requests (the burst n8n sends all at once)`,
		`  and ${sum(fullRows.flatMap((row) => row.node.map((o) => o.retry429)))} answered retries, over all runs; the retries wait for their window, and no window saw more`,
		`  than ${maxRetry429} refused ${maxRetry429 === 1 ? 'retry' : 'retries'}.`,
		'  Where the node loses time against the bound: the first requests leave only after every item is prepared',
		'  ("first request after"; once per run); and the sandbox, like HTTP, sends Retry-After in whole seconds rounded',
		'  up, so on a 1-second window a client that honours it retries no earlier than the point of the next window at',
		'  which it was refused: every window of retries starts about where the first refusal fell in its window (plus',
		'  the time to get the answers; the retries that fit go together, with one more that finds the end of the window).',
		'  Against the one-minute windows LeadLex documents, these are a much smaller share of each window than against',
		'  the 1-second windows used here.',
		'  The axios client without retry logic is fast only because it gives up: each request over the limit is a failed',
		'  delete the caller has to find and send again.',
	);
	if (docsRow) {
		lines.push(
			`* **Docs-only profile** (no Retry-After, as documented). The node waits for the next minute boundary; the sandbox's window`,
			`  is the minute too, so the node finished ${seconds(median(docsRow.node.map((o, i) => o.ms - docsRow.bound[i])), 2)} s after`,
			`  the bound (${seconds(median(docsRow.bound), 1)} s to the next minute when it started). If LeadLex counts its minute`,
			"  differently (sliding, or not aligned to the clock), a retry at the boundary can be refused again, and the node's",
			'  rule then waits for the following minute; the sandbox cannot show that.',
		);
	}
	// 3. Memory.
	const firstMem = memoryRows[0];
	const lastMem = memoryRows[memoryRows.length - 1];
	if (firstMem && lastMem && lastMem.n > firstMem.n) {
		const perItemKb =
			(lastMem.node.peakHeapDelta - firstMem.node.peakHeapDelta) / (lastMem.n - firstMem.n) / 1024;
		const retained = memoryRows.map((row) => row.node.retainedHeap);
		lines.push(
			`* **Memory.** The node run's peak heap grew from +${mb(firstMem.node.peakHeapDelta)} MB (N=${firstMem.n}) to`,
			`  +${mb(lastMem.node.peakHeapDelta)} MB (N=${lastMem.n}), about ${perItemKb.toFixed(0)} KB per extra item at peak, sandbox and`,
			`  uncollected garbage included (axios: +${mb(lastMem.axios.peakHeapDelta)} MB at N=${lastMem.n}). After a full GC the runs left`,
			`  between ${mb(Math.min(...retained))} and ${mb(Math.max(...retained))} MB on the heap${
				Math.max(...retained) < 5 * 1024 * 1024
					? ', so nothing here points to memory kept after a run.'
					: ': **memory kept after a run, worth a look**.'
			}`,
			'  Peaks are sampled, not exact: the 10 ms timer shares the event loop and cannot fire while the engine prepares',
			'  items (see the sample counts).',
		);
	}
	lines.push(...perItemInterpretation(perItem));
	if (n8n) lines.push(...n8nInterpretation(n8n));
	lines.push(
		'* **What the sandbox cannot model.**',
		"  * Real network latency, TLS and LeadLex's own server time: everything here is plain HTTP on 127.0.0.1 in one",
		'    process. With a real round trip, requests sent at once overlap; after a 429 the retries that fit a window go',
		'    together with one more, and only if that one is accepted too, one at a time (a round trip each) until one is',
		'    refused.',
		"  * LeadLex's real limits: the docs give 10/min and 100/day (Starter), 50/min and 1,000/day (Pro), 200/min and",
		'    10,000/day (Org), but not how the minute is counted (fixed or sliding window, per key or per workspace) nor',
		'    whether Retry-After is sent. The sandbox assumes fixed windows aligned to the clock, per workspace, and (profile',
		'    "full") sends Retry-After. The 1-second window compresses the per-minute behaviour so the script stays short.',
		'  * The daily quota: every row here has a daily limit far above N. A used-up daily quota fails items at once, by design.',
		"  * n8n's server: sections 1–4 run n8n-core's engine without the n8n server, its database or queue mode; section 5",
		'    runs real n8n (one process per run, SQLite), not queue mode.',
		'',
	);

	lines.push('## Problems seen in this run', '');
	if (problems.length === 0 && nodeFailures === 0)
		lines.push(
			'None: every run deleted (or, for Contact → Update, updated) every item it should have.',
		);
	else {
		for (const problem of problems) lines.push(`* ${problem}`);
		for (const error of nodeErrors)
			lines.push(`* node item error under a per-window limit: ${error}`);
	}
	lines.push('');
	return lines.join('\n');
}

// ---------- main ----------

async function main(): Promise<void> {
	const started = performance.now();
	const { runLeadlex, loadPackage } = await import('../engine/harness');
	const problems: string[] = [];
	const sandbox = await startSandbox({
		seed: benchSeed(),
		perWindowLimit: 0,
		dailyLimit: NO_DAILY_LIMIT,
		latencyMs: 0,
		profile: 'full',
	});
	let sections: Omit<
		Parameters<typeof report>[0],
		'n8n' | 'n8nError' | 'exportBench' | 'exportError' | 'totalMs'
	>;
	try {
		progress(`sandbox at ${sandbox.url}${QUICK ? ' (quick mode)' : ''}`);
		const throughputRows = await throughput(runLeadlex, sandbox, problems);
		const limitedRows: LimitedRow[] = [];
		for (const n of LIMITED.sizes) {
			limitedRows.push(
				await limitedRow(runLeadlex, sandbox, {
					profile: 'full',
					n,
					limit: LIMITED.perWindowLimit,
					windowMs: LIMITED.windowMs,
					repeats: REPEATS,
					align: true,
				}),
			);
		}
		if (!QUICK) {
			limitedRows.push(
				await limitedRow(runLeadlex, sandbox, {
					profile: 'docs-only',
					n: DOCS_ONLY.n,
					limit: DOCS_ONLY.perWindowLimit,
					windowMs: DOCS_ONLY.windowMs,
					repeats: 1,
					align: false,
				}),
			);
		}
		progress('429 forever rows');
		const refusedForever = await foreverRows(runLeadlex, sandbox);
		const memoryRows = await memory(runLeadlex, sandbox, problems);
		sandbox.setOptions({ perWindowLimit: 0 });
		const perItem = await perItemCost(runLeadlex, loadPackage, sandbox, PER_ITEM);
		progress(
			`per item: ${perItem.rows.map((row) => `${row.expressions} expressions, ${Math.round(median(row.prepareMicros))} µs (${row.label})`).join(', ')}`,
		);
		sections = {
			throughputRows,
			limitedRows,
			foreverRows: refusedForever,
			memoryRows,
			perItem,
			problems,
		};
	} finally {
		await sandbox.close();
	}
	let n8n: N8nResults | undefined;
	let n8nError: string | undefined;
	try {
		n8n = await benchInRealN8n(
			chosenPlan(),
			(text) => progress(`n8n: ${text}`),
			process.env.LEADLEX_BENCH_BASELINE || undefined,
		);
		problems.push(...n8n.problems);
	} catch (error) {
		n8nError = error instanceof Error ? error.message : String(error);
		problems.push(`the benchmark in real n8n did not run: ${n8nError}`);
	}
	let exportBench: ExportResults | undefined;
	let exportError: string | undefined;
	try {
		exportBench = await benchExportInRealN8n(chosenExportPlan(), (text) =>
			progress(`export: ${text}`),
		);
		problems.push(...exportBench.problems);
	} catch (error) {
		exportError = error instanceof Error ? error.message : String(error);
		problems.push(`the export benchmark in real n8n did not run: ${exportError}`);
	}
	const text = report({
		...sections,
		n8n,
		n8nError,
		exportBench,
		exportError,
		totalMs: performance.now() - started,
	});
	process.stdout.write(text);
	if (QUICK) progress('quick mode: BENCHMARKS.md left as it is');
	else {
		writeFileSync(REPORT_FILE, text);
		progress(`wrote ${path.relative(process.cwd(), REPORT_FILE) || REPORT_FILE}`);
	}
	if (problems.length) process.exitCode = 1;
}

main().then(
	() => {},
	(error: unknown) => {
		process.stderr.write(
			`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
		);
		process.exitCode = 1;
	},
);
