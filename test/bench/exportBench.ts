/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev tooling, never packed */
/**
 * Contact → Export of 50,000 rows in real n8n 2.x, against n8n's HTTP Request node downloading
 * the same file: the node's executionTime, the `n8n execute` process's wall time and the peak
 * memory (maximum resident set size) of the n8n process, each run checked (the file's size and
 * rows). Part of `npm run bench` (BENCHMARKS.md); on its own:
 *
 *   npm run bench:export                        # prints the section
 *   LEADLEX_BENCH_QUICK=1 npm run bench:export  # smoke: 5,000 rows, one run of each side
 *
 * Peak memory: n8n is started with NODE_OPTIONS=--require <a small script> that writes
 * `process.resourceUsage().maxRSS` (the kernel's peak RSS of that process) when it exits; the
 * n8n process is the one whose arguments hold `execute` (a task runner it starts writes its own).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
	installSignalHandlers,
	makeTempDir,
	NODE_TYPE,
	parseRun,
	runN8nCli,
	stopAllChildren,
	tail,
	type NodeItem,
} from '../../scripts/n8n/harness';
import { SANDBOX_KEYS, type SeedData } from '../sandbox/server';
import { isQuick } from './n8n';
import { importBenchWorkflows, startN8nStack, type N8nStack } from './n8nStack';
import { BEARER_CREDENTIAL, LEADLEX_CREDENTIAL, type BenchWorkflow } from './n8nWorkflows';
import { benchSeed } from './seed';
import { median, perRun } from './stats';

export type ExportSide = 'leadlex' | 'http' | 'idle';

export const EXPORT_SIDE_LABELS: Record<ExportSide, string> = {
	leadlex: 'LeadLex node, Contact → Export',
	http: 'HTTP Request, GET …/v1/contacts/export, Response Format: File',
	idle: 'n8n alone (Manual Trigger → No Op)',
};

export interface ExportPlan {
	rows: number;
	repeats: number;
	warmUp: boolean;
}

export const EXPORT_PLAN: ExportPlan = { rows: 50_000, repeats: 3, warmUp: true };
export const QUICK_EXPORT_PLAN: ExportPlan = { rows: 5_000, repeats: 1, warmUp: false };

export interface ExportRun {
	side: ExportSide;
	/** The node under test's executionTime (ms); 0 for `idle`. */
	nodeMs: number;
	/** Wall time of the `n8n execute` process (ms). */
	processMs: number;
	/** Peak resident set size of the n8n process (bytes). */
	peakRss: number;
	/** The file's size as n8n recorded it, and the rows the LeadLex node counted. */
	fileBytes?: number;
	rows?: number;
	succeeded: boolean;
	problem?: string;
}

export interface ExportResults {
	plan: ExportPlan;
	n8nVersion: string;
	/** The CSV the sandbox serves for the export (bytes). */
	csvBytes: number;
	runs: Record<ExportSide, ExportRun[]>;
	loads: number[];
	totalMs: number;
	problems: string[];
}

const NODE_NAME = 'Export contacts';

/** The bench data plus made-up contacts, so that the export has `rows` rows; the key can export. */
export function exportSeed(rows: number): SeedData {
	const seed = benchSeed();
	seed.workspaces[0].generatedContacts = rows;
	seed.apiKeys = seed.apiKeys.map((key) =>
		key.value === SANDBOX_KEYS.full
			? { ...key, permissions: [...key.permissions, 'read:contacts'] }
			: key,
	);
	return seed;
}

function exportWorkflow(side: ExportSide, rows: number, baseUrl: string): BenchWorkflow {
	const id = `BenchExport${side[0].toUpperCase()}${side.slice(1)}N${rows}`;
	const node =
		side === 'leadlex'
			? {
					type: NODE_TYPE,
					typeVersion: 1.1,
					parameters: { resource: 'contact', operation: 'export', limit: rows, options: {} },
					credentials: { leadlexApi: LEADLEX_CREDENTIAL },
				}
			: side === 'http'
				? {
						type: 'n8n-nodes-base.httpRequest',
						typeVersion: 4.5,
						parameters: {
							url: `${baseUrl}/v1/contacts/export`,
							authentication: 'genericCredentialType',
							genericAuthType: 'httpBearerAuth',
							sendQuery: true,
							queryParameters: { parameters: [{ name: 'limit', value: String(rows) }] },
							sendHeaders: true,
							headerParameters: { parameters: [{ name: 'Accept', value: 'text/csv' }] },
							options: {
								response: { response: { responseFormat: 'file', outputPropertyName: 'data' } },
							},
						},
						credentials: { httpBearerAuth: BEARER_CREDENTIAL },
					}
				: { type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} };
	const nodes = [
		{
			id: `${id}-1`,
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{ id: `${id}-2`, name: NODE_NAME, position: [220, 0], ...node },
	];
	return {
		id,
		name: `bench: ${EXPORT_SIDE_LABELS[side]}, ${rows} rows`,
		task: 'deleteSteps',
		nodeName: NODE_NAME,
		variant: side === 'leadlex' ? 'leadlex' : 'http',
		n: rows,
		targets: [],
		contacts: [],
		json: {
			id,
			name: `bench: ${EXPORT_SIDE_LABELS[side]}`,
			active: false,
			settings: { executionOrder: 'v1' },
			nodes,
			connections: { Start: { main: [[{ node: NODE_NAME, type: 'main', index: 0 }]] } },
			pinData: {},
		},
	};
}

/** The script n8n loads first: it writes the process's peak RSS when the process exits. */
function peakRecorder(dir: string): string {
	const file = path.join(dir, 'peak-rss.js');
	fs.writeFileSync(
		file,
		[
			"const fs = require('node:fs');",
			"const path = require('node:path');",
			"process.on('exit', () => {",
			'\tconst record = { argv: process.argv, maxRssKb: process.resourceUsage().maxRSS };',
			`\tfs.writeFileSync(path.join(${JSON.stringify(dir)}, \`peak-\${process.pid}.json\`), JSON.stringify(record));`,
			'});',
			'',
		].join('\n'),
	);
	return file;
}

interface TaskData {
	executionTime?: number;
	error?: { message?: string };
	data?: { main?: Array<Array<NodeItem & { binary?: Record<string, IBinary> }> | null> };
}

interface IBinary {
	fileName?: string;
	mimeType?: string;
	fileSize?: string;
	bytes?: number;
}

async function runOnce(
	stack: N8nStack,
	workflow: BenchWorkflow,
	side: ExportSide,
	expected: { bytes: number; rows: number },
): Promise<ExportRun> {
	const userFolder = stack.userFolders.current!;
	const peaks = makeTempDir('leadlex-bench-peak-');
	try {
		stack.sandbox.reset();
		const started = Date.now();
		const result = await runN8nCli(
			stack.runtime,
			userFolder,
			['execute', `--id=${workflow.id}`, '--rawOutput'],
			{ timeoutMs: 300_000, env: { NODE_OPTIONS: `--require ${peakRecorder(peaks)}` } },
		);
		const processMs = Date.now() - started;
		const records = fs
			.readdirSync(peaks)
			.filter((name) => name.startsWith('peak-') && name.endsWith('.json'))
			.map(
				(name) =>
					JSON.parse(fs.readFileSync(path.join(peaks, name), 'utf8')) as {
						argv: string[];
						maxRssKb: number;
					},
			);
		const main = records.find((record) => record.argv.includes('execute'));
		const run = parseRun(result.stdout);
		const task = run?.data?.resultData?.runData?.[NODE_NAME]?.[0] as TaskData | undefined;
		const item = task?.data?.main?.[0]?.[0];
		const file = item?.binary?.data;
		const outcome: ExportRun = {
			side,
			nodeMs: side === 'idle' ? 0 : (task?.executionTime ?? NaN),
			processMs,
			peakRss: (main?.maxRssKb ?? NaN) * 1024,
			fileBytes: file?.bytes,
			rows: typeof item?.json.rows === 'number' ? item.json.rows : undefined,
			succeeded: run?.status === 'success',
		};
		const problems: string[] = [];
		if (!run || !task) problems.push(`no run of "${NODE_NAME}" printed`);
		if (!main) problems.push('the n8n process wrote no peak memory');
		if (side !== 'idle' && file?.bytes !== expected.bytes) {
			problems.push(`the file has ${file?.bytes} bytes, the sandbox sent ${expected.bytes}`);
		}
		if (side !== 'idle' && file?.mimeType?.split(';')[0] !== 'text/csv') {
			problems.push(`the file's MIME type is ${file?.mimeType}`);
		}
		if (side === 'leadlex' && outcome.rows !== expected.rows) {
			problems.push(`the node counted ${outcome.rows} rows, not ${expected.rows}`);
		}
		if (!outcome.succeeded) problems.push(`status ${run?.status}: ${task?.error?.message ?? ''}`);
		if (problems.length) {
			outcome.problem = `${problems.join('; ')}\n${tail(`${result.stdout}\n${result.stderr}`, 8)}`;
		}
		return outcome;
	} finally {
		fs.rmSync(peaks, { recursive: true, force: true });
	}
}

export async function benchExportInRealN8n(
	plan: ExportPlan,
	log: (text: string) => void,
): Promise<ExportResults> {
	const started = Date.now();
	const stack = await startN8nStack(log, undefined, exportSeed(plan.rows));
	const results: ExportResults = {
		plan,
		n8nVersion: stack.runtime.n8nVersion,
		csvBytes: 0,
		runs: { leadlex: [], http: [], idle: [] },
		loads: [],
		totalMs: 0,
		problems: [],
	};
	try {
		const { sandbox } = stack;
		const csv = await fetch(`${sandbox.url}/v1/contacts/export?limit=${plan.rows}`, {
			headers: { Authorization: `Bearer ${sandbox.keys.full}`, Accept: 'text/csv' },
		});
		const bytes = Buffer.byteLength(await csv.text());
		results.csvBytes = bytes;
		const sides: ExportSide[] = ['leadlex', 'http', 'idle'];
		const workflows = Object.fromEntries(
			sides.map((side) => [side, exportWorkflow(side, plan.rows, sandbox.url)]),
		) as Record<ExportSide, BenchWorkflow>;
		await importBenchWorkflows(stack, Object.values(workflows));
		const run = async (side: ExportSide, label: string) => {
			results.loads.push(os.loadavg()[0]);
			const outcome = await runOnce(stack, workflows[side], side, { bytes, rows: plan.rows });
			log(
				`${label} ${side}: node ${(outcome.nodeMs / 1000).toFixed(2)} s, process ${(outcome.processMs / 1000).toFixed(1)} s, ` +
					`peak RSS ${(outcome.peakRss / 1024 / 1024).toFixed(0)} MB (load ${os.loadavg()[0].toFixed(2)})` +
					(outcome.problem ? `\n  PROBLEM: ${outcome.problem}` : ''),
			);
			if (outcome.problem) results.problems.push(`${EXPORT_SIDE_LABELS[side]}: ${outcome.problem}`);
			return outcome;
		};
		if (plan.warmUp) for (const side of sides) await run(side, 'warm-up');
		for (let round = 0; round < plan.repeats; round++) {
			for (const side of sides.map((_, i) => sides[(i + round) % sides.length])) {
				results.runs[side].push(await run(side, `round ${round + 1}`));
			}
		}
	} finally {
		await stack.close();
		await stopAllChildren();
	}
	results.totalMs = Date.now() - started;
	return results;
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const s = (ms: number) => (ms / 1000).toFixed(2);

export function exportReport(results: ExportResults, section: string): string[] {
	const { plan, runs } = results;
	const rowsText = plan.rows.toLocaleString('en-US');
	const lines = [
		`## ${section}. In real n8n: Contact → Export of ${rowsText} rows against the HTTP Request node`,
		'',
		`n8n ${results.n8nVersion} (as in section 5), one \`n8n execute --rawOutput\` per run of a workflow Manual Trigger →`,
		`the node under test; the sandbox (${rowsText} contacts made up by its seed, \`generatedContacts\`, plus the bench data)`,
		`answers the export with a ${(results.csvBytes / 1024 / 1024).toFixed(1)} MB CSV file (${results.csvBytes.toLocaleString('en-US')} bytes, the nine default columns).`,
		'The LeadLex node runs Contact → Export with Limit ' +
			`${rowsText} and default options; HTTP Request (4.5) sends the same GET with \`limit=${plan.rows}\`,`,
		'`Accept: text/csv` and the key as a Bearer Auth credential, Response Format: File into `data`. Every run is checked:',
		"the output file's size equals the sandbox's CSV, its MIME type is text/csv, and the LeadLex node counted every row.",
		'"Node" is the node\'s `executionTime` from n8n\'s run data; "process" the wall time of the whole `n8n execute`',
		"(n8n's start-up included); peak RSS the kernel's maximum resident set size of the n8n process",
		'(`process.resourceUsage().maxRSS`, written at its exit by a script loaded with `NODE_OPTIONS=--require`; its task',
		'runner is a process of its own and not counted). n8n stores binary data in its default mode, the file system. The',
		`sides alternate${plan.warmUp ? ' after one unreported warm-up run each' : ''}; medians of ${plan.repeats} runs.`,
		'',
		'| node under test | runs | node, median (s) | node, per run (s) | process, median (s) | peak RSS, median (MB) | peak RSS, per run (MB) |',
		'|---|---:|---:|---:|---:|---:|---:|',
	];
	for (const side of ['leadlex', 'http', 'idle'] as const) {
		const list = runs[side];
		if (!list.length) continue;
		const node = list.map((run) => run.nodeMs);
		const rss = list.map((run) => run.peakRss);
		lines.push(
			`| ${EXPORT_SIDE_LABELS[side]} | ${list.length} | ${side === 'idle' ? '–' : s(median(node))} | ` +
				`${side === 'idle' ? '–' : perRun(node.map(s))} | ${s(median(list.map((run) => run.processMs)))} | ` +
				`${mb(median(rss))} | ${perRun(rss.map(mb))} |`,
		);
	}
	const leadlex = runs.leadlex;
	const http = runs.http;
	const idle = runs.idle;
	if (leadlex.length && http.length && idle.length) {
		const extra = (list: ExportRun[]) =>
			median(list.map((run) => run.peakRss)) - median(idle.map((run) => run.peakRss));
		lines.push(
			'',
			`Over n8n alone, the export's peak RSS is +${mb(extra(leadlex))} MB with the LeadLex node and +${mb(extra(http))} MB with`,
			`HTTP Request (medians); the node took ${(median(leadlex.map((r) => r.nodeMs)) / median(http.map((r) => r.nodeMs))).toFixed(2)}× HTTP Request's time.`,
			'The LeadLex node reads the whole answer into memory (bounded at 64 MB) to check that it is CSV and to count its',
			"rows, then hands it to n8n's binary data store; what HTTP Request does with the body is n8n's own code.",
			`1-minute load averages before the runs: ${results.loads.map((load) => load.toFixed(2)).join(', ')}.`,
		);
	}
	lines.push('');
	return lines;
}

export function chosenExportPlan(): ExportPlan {
	return isQuick() ? QUICK_EXPORT_PLAN : EXPORT_PLAN;
}

if (require.main === module) {
	installSignalHandlers();
	const progress = (text: string) => process.stderr.write(`[bench:export] ${text}\n`);
	benchExportInRealN8n(chosenExportPlan(), progress).then(
		(results) => {
			process.stdout.write(`${exportReport(results, '6').join('\n')}\n`);
			if (results.problems.length) {
				process.stdout.write(`Problems:\n${results.problems.map((p) => `* ${p}`).join('\n')}\n`);
			}
			process.exitCode = results.problems.length ? 1 : 0;
		},
		(error: unknown) => {
			process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
			process.exitCode = 1;
		},
	);
}
