/* eslint-disable @n8n/community-nodes/no-restricted-imports,
   @n8n/community-nodes/require-node-api-error, @n8n/community-nodes/no-hardcoded-secrets --
   dev tooling, never packed: runs real n8n releases (`n8n start`) and reports on the console; the
   password is a throwaway owner's of a temporary n8n. */
/**
 * The LeadLex tool behind n8n's MCP Server Trigger, in real n8n (2.41.1 on Node 24 = v2, 1.123.81
 * on Node 20 = v1), with a real MCP client (`@modelcontextprotocol/sdk`) as an AI assistant's.
 *
 *   npx tsx test/mcp/run.ts [v1|v2|all] [--keep]
 *
 * Per target, one `n8n start`: a fresh user folder with the packed package in .n8n/nodes, the
 * sandbox as a child process, the sandbox's key and a random Bearer token imported as
 * credentials, examples/leadlex-mcp-server.json imported (on a release whose MCP Server Trigger
 * lacks version 2.1, at its newest version) and activated over REST; then the checks of
 * ./checks.ts over streamable HTTP and SSE, the stored executions read back, n8n deactivated and
 * stopped. Prints the time from `n8n start` to the first tool call's answer and the median time
 * of one call. `--keep` keeps the temp folder (kept anyway on failure).
 */
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
	CheckRunner,
	type CheckResult,
	runSuite,
	runtimeUnavailable,
} from '../../scripts/n8n/checks';
import {
	dumpDatabase,
	flattedParser,
	formatMs,
	freePort,
	importCredentials,
	importWorkflows,
	info,
	installPackage,
	listExecutions,
	makeTempDir,
	poll,
	processGroupAlive,
	readExecution,
	setupOwnerAndLogIn,
	setWorkflowActive,
	startN8nServer,
	startSandboxProcess,
	tablesContaining,
	tail,
	type N8nRest,
	type N8nServer,
	type SandboxProcess,
} from '../../scripts/n8n/harness';
import { ensureRuntime, type Runtime, type RuntimeTarget } from '../../scripts/n8n/runtime';
import { SANDBOX_KEYS } from '../sandbox/seed';
import {
	CAMPAIGN,
	checkAuth,
	checkChanges,
	checkErrors,
	checkReads,
	checkRateLimits,
	checkSecrets,
	checkToolList,
	type McpContext,
} from './checks';
import { connectMcp, resultItems, resultText } from './client';
import {
	exampleTools,
	mcpTriggerOf,
	readExample,
	workflowToImport,
	writeMcpCredentials,
} from './workflow';

const API_KEY = SANDBOX_KEYS.full;
/** The MCP SDK's default request timeout: what an assistant's client waits for one tool call. */
const CLIENT_TIMEOUT_MS = 60_000;
/** Calls timed for the median. */
const TIMED_CALLS = 9;
const OWNER = {
	email: 'owner@leadlex.example',
	firstName: 'Mcp',
	lastName: 'Check',
	password: 'LeadLex-mcp-check-1',
};

const workDirs = new Set<string>();
const SECRETS: string[] = [API_KEY];

interface TargetReport {
	target: RuntimeTarget;
	n8nVersion: string;
	checks: CheckResult[];
	timings: Array<[string, number]>;
	observations: string[];
	totalMs: number;
}

class TargetRun extends CheckRunner {
	readonly observations: string[] = [];

	constructor(readonly target: RuntimeTarget) {
		super(SECRETS);
	}

	observe(text: string): void {
		this.observations.push(text);
		info(`  NOTE  ${text}`);
	}
}

/** The versions the installed MCP Server Trigger declares (read from n8n's own code). */
function mcpTriggerVersions(runtime: Runtime): number[] {
	const file = path.join(
		runtime.installDir,
		'node_modules/@n8n/n8n-nodes-langchain/dist/nodes/mcp/McpTrigger/McpTrigger.node.js',
	);
	const match = /version:\s*\[([\d.,\s]+)\]/.exec(fs.readFileSync(file, 'utf8'));
	if (!match) throw new Error(`no version list in ${file}`);
	return match[1].split(',').map(Number);
}

const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function runTarget(target: RuntimeTarget, tarball: string, keep: boolean) {
	const started = Date.now();
	const t = new TargetRun(target);
	const runtime = await ensureRuntime(target);
	info(`\n=== ${target}: n8n ${runtime.n8nVersion} (${runtime.nodeBin})`);
	const work = makeTempDir(`leadlex-mcp-${target}-`);
	workDirs.add(work);
	const userFolder = path.join(work, 'user');
	const token = randomBytes(24).toString('hex');
	SECRETS.push(token);
	let sandbox: SandboxProcess | undefined;
	let n8n: N8nServer | undefined;
	let rest: N8nRest | undefined;
	const example = readExample();
	let active = false;
	try {
		await t.step('npm install <tarball> in .n8n/nodes', async () =>
			installPackage(userFolder, tarball),
		);
		sandbox = await t.step('start the sandbox', () => startSandboxProcess());
		const sb = sandbox;
		// No per-minute limit until the rate-limit checks set their own window.
		await sb.admin.options({ perWindowLimit: 0 });

		const versions = mcpTriggerVersions(runtime);
		const wanted = mcpTriggerOf(example).typeVersion;
		const triggerVersion = versions.includes(wanted) ? wanted : Math.max(...versions);
		t.observe(
			`MCP Server Trigger versions in n8n ${runtime.n8nVersion}: ${versions.join(', ')}; ` +
				(triggerVersion === wanted
					? `the example runs as it is (${wanted})`
					: `the example's ${wanted} is missing: imported at ${triggerVersion}`),
		);
		const credentialsFile = path.join(work, 'credentials.json');
		writeMcpCredentials(credentialsFile, { apiKey: API_KEY, baseUrl: sb.url }, token);
		await t.step('n8n import:credentials', () =>
			importCredentials(runtime, userFolder, credentialsFile),
		);
		fs.rmSync(credentialsFile);
		const workflowsDir = path.join(work, 'workflows');
		fs.mkdirSync(workflowsDir);
		fs.writeFileSync(
			path.join(workflowsDir, 'mcp.json'),
			JSON.stringify(workflowToImport(example, triggerVersion), null, 2),
		);
		await t.step('n8n import:workflow', () => importWorkflows(runtime, userFolder, workflowsDir));

		const port = await freePort();
		const origin = `http://127.0.0.1:${port}`;
		const mcpPath = mcpTriggerOf(example).parameters.path as string;
		const url = `${origin}/mcp/${mcpPath}`;
		const n8nStarted = Date.now();
		n8n = await t.step(`n8n start (port ${port})`, () =>
			startN8nServer(runtime, userFolder, { port, logFile: path.join(work, 'n8n.log') }),
		);
		const api = await t.step('owner setup + login (REST)', () => setupOwnerAndLogIn(origin, OWNER));
		rest = api;
		await t.step('activate (REST)', () => setWorkflowActive(api, example.id, true));
		active = true;
		const activatedAt = Date.now();
		// n8n reports the workflow active a moment before the MCP path answers (404 until then).
		const firstStatus = await t.step('wait for the MCP endpoint itself', () =>
			poll(
				`${url} answers something other than 404`,
				async () => {
					const response = await fetch(url, { method: 'POST' });
					return response.status === 404 ? undefined : response.status;
				},
				30_000,
				100,
			),
		);
		t.observe(
			`the MCP endpoint answered (HTTP ${firstStatus} without a token) ${Date.now() - activatedAt} ms after REST reported the workflow active`,
		);
		const ctx: McpContext = {
			t,
			url,
			token,
			apiKey: API_KEY,
			sandbox: sb,
			rest: api,
			workflowId: example.id,
			tools: exampleTools(example),
			texts: [],
			observe: (text) => t.observe(text),
		};
		const session = await connectMcp(url, 'streamable HTTP', token);
		try {
			const first = await session.call('Get_campaign_stats', { campaignId: CAMPAIGN });
			ctx.texts.push(resultText(first));
			const firstCallMs = Date.now() - n8nStarted;
			t.timings.push(['n8n start → first tool call answered', firstCallMs]);
			t.observe(`n8n start → first tool call answered: ${formatMs(firstCallMs)}`);
			await t.checkAsync('the first tool call (streamable HTTP) answers with the stats', () =>
				assert.equal(resultItems(first)[0].campaign_id, CAMPAIGN),
			);
			await checkToolList(ctx, 'streamable HTTP');
			await checkToolList(ctx, 'SSE');
			await checkReads(ctx, session);
			const sse = await connectMcp(url, 'SSE', token);
			try {
				const overSse = await sse.call('List_campaign_steps', { campaignId: CAMPAIGN });
				ctx.texts.push(resultText(overSse));
				const steps = await sb.admin.steps(CAMPAIGN);
				await t.checkAsync('a tool call over SSE returns the sandbox records', () =>
					assert.deepEqual(
						resultItems(overSse).map((s) => s.id),
						steps.map((s) => s.id),
					),
				);
			} finally {
				await sse.close();
			}
			const durations: number[] = [];
			for (let i = 0; i < TIMED_CALLS; i++) {
				const callStarted = Date.now();
				ctx.texts.push(
					resultText(await session.call('Get_campaign_stats', { campaignId: CAMPAIGN })),
				);
				durations.push(Date.now() - callStarted);
			}
			t.timings.push([`one tool call, median of ${TIMED_CALLS}`, median(durations)]);
			t.observe(
				`one tool call (Get_campaign_stats, streamable HTTP): median ${median(durations)} ms of ${TIMED_CALLS} (${durations.join(', ')} ms)`,
			);
			await checkChanges(ctx, session);
			await checkErrors(ctx, session);
			await checkAuth(ctx);
			await checkRateLimits(ctx, session, CLIENT_TIMEOUT_MS);
		} finally {
			await session.close();
		}

		const parseFlatted = flattedParser(runtime);
		// The last call's execution may still be saving when its answer is already out.
		const summaries = await poll('every execution finished', async () => {
			const list = await listExecutions(api, example.id);
			return list.every((e) => !['running', 'new', 'waiting'].includes(e.status))
				? list
				: undefined;
		});
		const stored = await Promise.all(
			summaries.map(async (s) => ({
				id: s.id,
				text: (await readExecution(api, s, parseFlatted)).text,
			})),
		);
		t.observe(
			`${summaries.length} stored executions, mode ${[...new Set(summaries.map((s) => s.mode))].join('/')}, ` +
				`status ${[...new Set(summaries.map((s) => s.status))].map((status) => `${status} ×${summaries.filter((s) => s.status === status).length}`).join(', ')}; with the Bearer token: ` +
				`${stored.filter((e) => e.text.includes(token)).length}`,
		);
		await checkSecrets(ctx, stored, fs.readFileSync(n8n.logFile, 'utf8'));
		const db = dumpDatabase(runtime, userFolder);
		await t.checkAsync(
			"the API key is nowhere in n8n's database (the credential is encrypted)",
			() => assert.deepEqual(tablesContaining(db, API_KEY), []),
		);
		await t.step('deactivate (REST)', () => setWorkflowActive(api, example.id, false));
		active = false;
	} catch (error) {
		const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
		await t.checkAsync('suite ran to the end', () => {
			throw new Error(
				message + (n8n ? `\n  n8n log tail:\n${tail(fs.readFileSync(n8n.logFile, 'utf8'))}` : ''),
			);
		});
	} finally {
		if (active && rest) {
			await setWorkflowActive(rest, example.id, false).catch((error: Error) =>
				info(`  (deactivating after a failure failed: ${error.message})`),
			);
		}
		const pids = [n8n?.child.pid, sandbox?.child.pid];
		await t.step('stop n8n and the sandbox', async () => {
			await n8n?.stop();
			await sandbox?.stop();
		});
		await t.checkAsync('no process left: n8n (task runner included) and the sandbox are gone', () =>
			assert.deepEqual(
				pids.filter((pid) => processGroupAlive(pid)),
				[],
			),
		);
	}
	if (t.failed || keep) info(`  kept ${work} (n8n.log, user folder)`);
	else fs.rmSync(work, { recursive: true, force: true });
	workDirs.delete(work);
	return {
		target,
		n8nVersion: runtime.n8nVersion,
		checks: t.checks,
		timings: t.timings,
		observations: t.observations,
		totalMs: Date.now() - started,
	};
}

function printSummary(report: TargetReport): void {
	const passed = report.checks.filter((c) => c.ok).length;
	info(
		`\n--- ${report.target} (n8n ${report.n8nVersion}): ${passed} passed, ${report.checks.length - passed} failed, ${formatMs(report.totalMs)}`,
	);
	for (const c of report.checks) info(`  ${c.ok ? 'PASS' : 'FAIL'}  ${c.name}`);
	if (report.observations.length > 0) {
		info('  observed:');
		for (const note of report.observations) info(`    ${note}`);
	}
	info('  timings:');
	for (const [label, ms] of report.timings) info(`    ${formatMs(ms).padStart(7)}  ${label}`);
}

runSuite<TargetReport>({
	name: 'MCP',
	script: 'test/mcp/run.ts',
	slug: 'mcp',
	workDirs: workDirs,
	secrets: SECRETS,
	runTarget: (target, tarball, keep) => runTarget(target, tarball, keep),
	unavailable: (target, message) => ({
		target,
		n8nVersion: '?',
		checks: runtimeUnavailable(message),
		timings: [],
		totalMs: 0,
		observations: [],
	}),
	printSummary,
});
