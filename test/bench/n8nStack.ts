/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- dev tooling, never packed: files, child processes, plain errors */
/**
 * Real n8n for the benchmark: the runtime from the cache, one user folder with the packed package
 * installed as users install it, the two credentials and every workflow imported once, and the
 * sandbox (in this process, seeded with the bench data). `execute()` runs one workflow through
 * `n8n execute --rawOutput` and reads the node under test's timing from n8n's run data.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
	installPackage,
	makeTempDir,
	packProject,
	parseRun,
	runN8nCli,
	tail,
	type NodeItem,
} from '../../scripts/n8n/harness';
import { ensureRuntime, type Runtime } from '../../scripts/n8n/runtime';
import { startSandbox, type Sandbox, type SeedData } from '../sandbox/server';
import { benchSeed } from './seed';
import { BEARER_CREDENTIAL, LEADLEX_CREDENTIAL, type BenchWorkflow } from './n8nWorkflows';

/** Which package a run uses: this checkout, packed, or a tarball given as the baseline. */
export type Install = 'current' | 'baseline';

export interface N8nStack {
	runtime: Runtime;
	/** One n8n user folder per install, each with the credentials and workflows imported. */
	userFolders: Partial<Record<Install, string>>;
	sandbox: Sandbox;
	close(): Promise<void>;
}

/** What one execution did, from n8n's run data and the sandbox's request log. */
export interface N8nRun {
	workflow: BenchWorkflow;
	install: Install;
	/** The node under test's `executionTime` (ms), as n8n recorded it. */
	nodeMs: number;
	/** The node's `startTime` (ms since epoch). */
	nodeStart: number;
	/** From the node's start to the first request the sandbox received (ms). */
	firstRequestMs: number;
	/** From the first to the last request the sandbox received (ms). */
	requestSpanMs: number;
	/**
	 * Per-window limit runs: for each window that accepted requests, the time from its window's
	 * start to the first and to the last request it accepted (ms).
	 */
	windows: Array<{ firstMs: number; lastMs: number; accepted: number }>;
	/** The sandbox's answers, by status. */
	statuses: Record<number, number>;
	/** Output items with `deleted: true`, and output items that are errors. */
	deletedItems: number;
	failedItems: number;
	/** Contact → Update: output items showing the contact with its new job title. */
	updatedItems: number;
	/** Contact → Update: contacts of the list whose job title the sandbox holds as set, after the run. */
	contactsChanged: number;
	/**
	 * Contact → Update: PATCH /v1/contacts/{id} requests of the list's contacts with exactly the
	 * body `{"job_title": <its title>}` and `Authorization: Bearer <the key>`, and all PATCHes sent.
	 */
	patchesAsExpected: number;
	patches: number;
	/** The most requests any one step got (429s included): Retry On Fail re-runs the whole node. */
	mostRequestsForOneStep: number;
	/** Whether the run ended with the workflow's status "success". */
	succeeded: boolean;
	/** Steps of the list that got more than one non-429 answer (a delete sent again after it was done). */
	stepsSentTwice: number;
	/** Steps of the list the sandbox still holds after the run. */
	stepsLeft: number;
	/** Wall time of the `n8n execute` process (ms). */
	processMs: number;
	/** Distinct error messages of failed items or of the run. */
	errors: string[];
}

function acceptedByWindow(
	requests: Array<{ at: number; status: number }>,
	{ perWindowLimit, windowMs }: { perWindowLimit: number; windowMs: number },
): N8nRun['windows'] {
	if (!perWindowLimit) return [];
	const windows = new Map<number, N8nRun['windows'][number]>();
	for (const { at, status } of requests) {
		if (status < 200 || status > 299) continue;
		const index = Math.floor(at / windowMs);
		const offset = at - index * windowMs;
		const entry = windows.get(index) ?? { firstMs: offset, lastMs: offset, accepted: 0 };
		entry.firstMs = Math.min(entry.firstMs, offset);
		entry.lastMs = Math.max(entry.lastMs, offset);
		entry.accepted++;
		windows.set(index, entry);
	}
	return [...windows.entries()].sort((a, b) => a[0] - b[0]).map(([, entry]) => entry);
}

interface TaskData {
	startTime?: number;
	executionTime?: number;
	executionStatus?: string;
	error?: { message?: string };
	data?: { main?: Array<NodeItem[] | null> };
}

/**
 * `baselineTarball`: a packed LeadLex package (e.g. from the main branch) installed into a second
 * user folder, so that the same run can compare it with this checkout.
 */
export async function startN8nStack(
	log: (text: string) => void,
	baselineTarball?: string,
	/** The sandbox's data (Contact → Export's benchmark adds 50,000 contacts). */
	seed: SeedData = benchSeed(),
): Promise<N8nStack> {
	const runtime = await ensureRuntime('v2');
	const sandbox = await startSandbox({
		seed,
		port: 0,
		perWindowLimit: 0,
		dailyLimit: 1_000_000_000,
		latencyMs: 0,
		profile: 'full',
	});
	const stack: N8nStack = {
		runtime,
		userFolders: {},
		sandbox,
		close: async () => {
			await sandbox.close();
			for (const folder of Object.values(stack.userFolders)) {
				fs.rmSync(folder, { recursive: true, force: true });
			}
		},
	};
	try {
		const current = makeTempDir('leadlex-bench-n8n-');
		stack.userFolders.current = current;
		const tarballs: Partial<Record<Install, string>> = {
			current: packProject(path.join(current, 'pack')).tarball,
			baseline: baselineTarball,
		};
		for (const install of ['current', 'baseline'] as const) {
			const tarball = tarballs[install];
			if (!tarball) continue;
			const folder = (stack.userFolders[install] ??= makeTempDir('leadlex-bench-n8n-'));
			installPackage(folder, tarball);
			log(`${install}: installed ${tarball} into n8n ${runtime.n8nVersion}'s user folder`);
			const credentialsFile = path.join(folder, 'credentials.json');
			fs.writeFileSync(
				credentialsFile,
				JSON.stringify([
					{
						...LEADLEX_CREDENTIAL,
						type: 'leadlexApi',
						data: { apiKey: sandbox.keys.full, baseUrl: sandbox.url },
					},
					{ ...BEARER_CREDENTIAL, type: 'httpBearerAuth', data: { token: sandbox.keys.full } },
				]),
				{ mode: 0o600 },
			);
			await cli(stack, folder, ['import:credentials', `--input=${credentialsFile}`]);
		}
	} catch (error) {
		await stack.close();
		throw error;
	}
	return stack;
}

async function cli(stack: N8nStack, userFolder: string, args: string[]): Promise<string> {
	const result = await runN8nCli(stack.runtime, userFolder, args, { timeoutMs: 180_000 });
	const output = `${result.stdout}\n${result.stderr}`;
	if (result.code !== 0) throw new Error(`n8n ${args.join(' ')} failed:\n${tail(output)}`);
	return output;
}

/** Imports the workflows into every user folder, one CLI call each. */
export async function importBenchWorkflows(
	stack: N8nStack,
	workflows: BenchWorkflow[],
): Promise<void> {
	for (const folder of Object.values(stack.userFolders)) {
		const dir = path.join(folder, 'workflows');
		fs.mkdirSync(dir, { recursive: true });
		for (const workflow of workflows) {
			fs.writeFileSync(path.join(dir, `${workflow.id}.json`), JSON.stringify(workflow.json));
		}
		await cli(stack, folder, ['import:workflow', '--separate', `--input=${dir}`]);
	}
}

/**
 * One `n8n execute` of the workflow, the sandbox reset first. `env` is added to n8n's environment
 * (e.g. NODE_OPTIONS for a CPU profile).
 */
export async function execute(
	stack: N8nStack,
	workflow: BenchWorkflow,
	{ install = 'current', env = {} }: { install?: Install; env?: NodeJS.ProcessEnv } = {},
): Promise<N8nRun> {
	const { sandbox } = stack;
	const userFolder = stack.userFolders[install];
	if (!userFolder) throw new Error(`no ${install} package installed`);
	sandbox.reset();
	const started = Date.now();
	const result = await runN8nCli(
		stack.runtime,
		userFolder,
		['execute', `--id=${workflow.id}`, '--rawOutput'],
		{ timeoutMs: 300_000, env },
	);
	const processMs = Date.now() - started;
	// n8n 2.40.7 may end in SIGSEGV after printing a complete run: the printed run is what counts.
	const run = parseRun(result.stdout);
	const runs = (run?.data?.resultData?.runData?.[workflow.nodeName] ?? []) as TaskData[];
	const last = runs[runs.length - 1];
	if (!run || !last || last.startTime === undefined || last.executionTime === undefined) {
		throw new Error(
			`n8n execute of ${workflow.id} printed no run of "${workflow.nodeName}" ` +
				`(${result.signal ?? `exit code ${result.code}`}):\n${tail(`${result.stdout}\n${result.stderr}`)}`,
		);
	}
	const first = runs[0];
	const nodeStart = first.startTime!;
	const nodeEnd = last.startTime + last.executionTime;
	const errors = new Set<string>();
	const titles = new Map(workflow.contacts.map((contact) => [contact.id, contact.title]));
	let deletedItems = 0;
	let updatedItems = 0;
	let failedItems = 0;
	for (const item of last.data?.main?.[0] ?? []) {
		// The LeadLex node outputs the record; HTTP Request the whole answer, `{ data: record }`.
		const record = (item.json.data ?? item.json) as {
			deleted?: boolean;
			id?: string;
			job_title?: string;
		};
		if (workflow.task === 'deleteSteps' && (item.json.deleted === true || record?.deleted === true))
			deletedItems++;
		else if (
			workflow.task === 'updateContacts' &&
			record?.id !== undefined &&
			titles.get(record.id) === record.job_title
		)
			updatedItems++;
		else {
			failedItems++;
			errors.add(String(item.json.error ?? JSON.stringify(item.json)).slice(0, 200));
		}
	}
	const runError = run.data?.resultData?.error?.message;
	if (runError) errors.add(`run error: ${runError}`);
	if (last.data?.main?.[0] === undefined) failedItems = workflow.n;
	const requests = sandbox.requests.filter((r) => r.at >= started);
	const ats = requests.map((r) => r.at);
	const statuses: Record<number, number> = {};
	const answered = new Map<string, number>();
	const sent = new Map<string, number>();
	for (const request of requests) {
		statuses[request.status] = (statuses[request.status] ?? 0) + 1;
		sent.set(request.path, (sent.get(request.path) ?? 0) + 1);
		if (request.status !== 429) answered.set(request.path, (answered.get(request.path) ?? 0) + 1);
	}
	let patches = 0;
	let patchesAsExpected = 0;
	for (const request of requests) {
		if (request.method !== 'PATCH') continue;
		patches++;
		const id = decodeURIComponent(/^\/v1\/contacts\/([^/]+)$/.exec(request.path)?.[1] ?? '');
		let body: unknown;
		try {
			body = JSON.parse(request.body ?? '');
		} catch {
			body = undefined;
		}
		if (
			titles.has(id) &&
			request.headers.authorization === `Bearer ${sandbox.keys.full}` &&
			JSON.stringify(body) === JSON.stringify({ job_title: titles.get(id) })
		)
			patchesAsExpected++;
	}
	const contactsChanged = titles.size
		? sandbox.contacts().filter((contact) => titles.get(contact.id) === contact.job_title).length
		: 0;
	const campaigns = new Set(workflow.targets.map((t) => t.campaign));
	const left = new Set(
		[...campaigns].flatMap((id) => sandbox.steps(id).map((step) => `${id}/${step.id}`)),
	);
	return {
		workflow,
		install,
		nodeMs: nodeEnd - nodeStart,
		nodeStart,
		firstRequestMs: ats.length ? Math.min(...ats) - nodeStart : NaN,
		requestSpanMs: ats.length ? Math.max(...ats) - Math.min(...ats) : NaN,
		windows: acceptedByWindow(requests, sandbox.options()),
		statuses,
		deletedItems,
		failedItems,
		updatedItems,
		contactsChanged,
		patchesAsExpected,
		patches,
		mostRequestsForOneStep: Math.max(0, ...sent.values()),
		succeeded: run.status === 'success',
		stepsSentTwice: [...answered.values()].filter((count) => count > 1).length,
		stepsLeft: workflow.targets.filter((t) => left.has(`${t.campaign}/${t.step}`)).length,
		processMs,
		errors: [...errors],
	};
}
