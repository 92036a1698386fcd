/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals --
   dev tooling, never packed: runs real n8n releases through their CLI and reports on the console. */
/**
 * End-to-end suite: the packed package installed into real n8n (2.41.1 on Node 24 = v2,
 * 1.123.81 on Node 20 = v1) exactly as users install it, run through `n8n execute` against the
 * LeadLex sandbox.
 *
 *   npx tsx test/e2e/run.ts [v1|v2|all] [--keep]
 *
 * LEADLEX_E2E_SKIP_INSTALL=1 skips the package install, to see the suite fail loudly when n8n has
 * not loaded the package ("Unrecognized node type").
 *
 * `npm run test:e2e` builds first. Per target: a fresh temp user folder, `npm install <tarball>`
 * in its .n8n/nodes, the sandbox as a child process, two credentials imported (the sandbox's full
 * key, and an invalid key), the examples, test/e2e/workflows and the scenarios' own copies imported
 * in one call, then the scenarios of test/e2e/scenarios/index.ts in order (each one or more `n8n
 * execute`), and last the API keys looked for in n8n's output and database. `--keep` keeps the
 * user folders (they are kept anyway on failure).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureRuntime, type Runtime, type RuntimeTarget } from '../../scripts/n8n/runtime';
import {
	CREDENTIAL_ID,
	CREDENTIAL_NAME,
	dumpDatabase,
	EXAMPLES_DIR,
	executeWorkflow,
	formatMs,
	importCredentials,
	importWorkflows,
	info,
	E2E_KEYS,
	INVALID_CREDENTIAL_ID,
	INVALID_CREDENTIAL_NAME,
	installPackage,
	isShuttingDown,
	makeTempDir,
	PackageNotLoadedError,
	redact,
	stageWorkflows,
	startSandboxProcess,
	tablesContaining,
	writeCredentialsFile,
	type Execution,
	type SandboxProcess,
} from '../../scripts/n8n/harness';
import {
	CheckRunner,
	indent,
	type CheckResult,
	runSuite,
	runtimeUnavailable,
} from '../../scripts/n8n/checks';
import { checkCollectionDisplay } from './displayRules';
import { SCENARIOS } from './scenarios';
import { FULL_KEY, SECRETS } from './scenarios/support';

/** Every example and every e2e variant, imported in one call. */
const jsonFilesIn = (dir: string) =>
	fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => path.join(dir, f));
const WORKFLOW_FILES = [
	...jsonFilesIn(EXAMPLES_DIR),
	...jsonFilesIn(path.join(__dirname, 'workflows')),
];

/** Temp folders of targets in progress: removed on Ctrl-C unless --keep. */
const workDirs = new Set<string>();

// ---------------------------------------------------------------- results

interface TargetReport {
	target: RuntimeTarget;
	n8nVersion: string;
	checks: CheckResult[];
	timings: Array<[string, number]>;
	totalMs: number;
	userFolder?: string;
	aborted?: string;
}

class TargetRun extends CheckRunner {
	constructor(readonly target: RuntimeTarget) {
		super(SECRETS);
	}
}

/** After every scenario: the keys appear nowhere, not in what n8n printed, not in what it stored. */
async function checkKeysNowhere(
	t: TargetRun,
	executions: Execution[],
	runtime: Runtime,
	userFolder: string,
): Promise<void> {
	t.check(`API keys absent from the output of all ${executions.length} executions`, () => {
		for (const execution of executions) {
			for (const secret of SECRETS) {
				assert.ok(
					!execution.output.includes(secret),
					`${execution.workflowId}'s output contains an API key`,
				);
			}
		}
	});
	const dump = await t.step('read .n8n/database.sqlite', async () =>
		dumpDatabase(runtime, userFolder),
	);
	t.check(`n8n stored all ${executions.length} executions (execution_data rows)`, () => {
		assert.equal(
			dump.executionIds.length,
			executions.length,
			`stored executions: ${dump.executionIds.join(', ')}`,
		);
		assert.match(
			dump.text.execution_data ?? '',
			/step_paused01_1/,
			'the stored run data is readable',
		);
	});
	t.check(
		`API keys absent from every table of n8n's database (${Object.keys(dump.tables).length} tables)`,
		() => {
			for (const secret of SECRETS) {
				const where = tablesContaining(dump, secret);
				assert.deepEqual(where, [], `an API key is stored in plain text in: ${where.join(', ')}`);
			}
		},
	);
}

// ---------------------------------------------------------------- one target

async function runTarget(
	target: RuntimeTarget,
	tarball: string,
	keep: boolean,
): Promise<TargetReport> {
	const started = Date.now();
	const t = new TargetRun(target);
	const runtime: Runtime = await ensureRuntime(target);
	info(`\n=== ${target}: n8n ${runtime.n8nVersion} (${runtime.nodeBin})`);
	const work = makeTempDir(`leadlex-e2e-${target}-`);
	workDirs.add(work);
	const userFolder = path.join(work, 'user');
	let sandbox: SandboxProcess | undefined;
	let aborted: string | undefined;
	try {
		if (process.env.LEADLEX_E2E_SKIP_INSTALL === '1') {
			// Only to see the suite fail loudly when n8n does not load the package.
			info('  LEADLEX_E2E_SKIP_INSTALL=1: the package is NOT installed; every execution must fail');
		} else {
			await t.step('npm install <tarball> in .n8n/nodes', async () =>
				installPackage(userFolder, tarball),
			);
		}
		sandbox = await t.step('start the sandbox', () => startSandboxProcess());
		info(`        sandbox at ${sandbox.url}`);
		const sb = sandbox;

		const credentialsFile = path.join(work, 'credentials.json');
		writeCredentialsFile(credentialsFile, [
			{ id: CREDENTIAL_ID, name: CREDENTIAL_NAME, apiKey: FULL_KEY, baseUrl: sb.url },
			{
				id: INVALID_CREDENTIAL_ID,
				name: INVALID_CREDENTIAL_NAME,
				apiKey: E2E_KEYS.invalid,
				baseUrl: sb.url,
			},
		]);
		await t.step('n8n import:credentials (2)', () =>
			importCredentials(runtime, userFolder, credentialsFile),
		);
		fs.rmSync(credentialsFile);
		const variants = SCENARIOS.flatMap(
			(scenario) => scenario.extraWorkflows?.(path.join(work, 'variants')) ?? [],
		);
		const staged = stageWorkflows(path.join(work, 'workflows'), [...WORKFLOW_FILES, ...variants]);
		const imported = await t.step(`n8n import:workflow --separate (${staged.length})`, () =>
			importWorkflows(runtime, userFolder, path.join(work, 'workflows')),
		);
		t.check(`imported all ${staged.length} workflows`, () => assert.equal(imported, staged.length));
		checkCollectionDisplay(t, runtime);

		const executions: Execution[] = [];
		const execute = async (id: string, label: string) => {
			const execution = await t.step(`n8n execute ${id} (${label})`, () =>
				executeWorkflow(runtime, userFolder, id),
			);
			executions.push(execution);
			// Kept with the user folder on failure (or with --keep), keys redacted.
			fs.mkdirSync(path.join(work, 'outputs'), { recursive: true });
			fs.writeFileSync(
				path.join(work, 'outputs', `${executions.length}-${id}.txt`),
				`# n8n execute --id=${id} --rawOutput: exit ${execution.signal ?? execution.exitCode}, ${execution.ms} ms\n` +
					redact(execution.output, SECRETS),
			);
			return execution;
		};

		for (const scenario of SCENARIOS) await scenario.run({ t, sandbox: sb, execute });
		await checkKeysNowhere(t, executions, runtime, userFolder);
	} catch (error) {
		aborted = redact(error instanceof Error ? error.message : String(error), SECRETS);
		const kind = error instanceof PackageNotLoadedError ? 'PACKAGE NOT LOADED' : 'setup/run error';
		t.checks.push({ name: `${kind}: the target stopped here`, ok: false, detail: aborted });
		if (!isShuttingDown()) info(`  FAIL  ${kind}\n${indent(aborted)}`);
	} finally {
		if (sandbox) await sandbox.stop();
	}
	workDirs.delete(work);
	const failed = t.failed;
	if (failed || keep) {
		info(
			`  (kept: user folder ${userFolder}, n8n's output per execution in ${path.join(work, 'outputs')})`,
		);
	} else {
		fs.rmSync(work, { recursive: true, force: true });
	}
	return {
		target,
		n8nVersion: runtime.n8nVersion,
		checks: t.checks,
		timings: t.timings,
		totalMs: Date.now() - started,
		userFolder: failed || keep ? userFolder : undefined,
		aborted,
	};
}

// ---------------------------------------------------------------- summary

function printSummary(report: TargetReport): void {
	const passed = report.checks.filter((c) => c.ok).length;
	const failed = report.checks.length - passed;
	const width = Math.max(...report.checks.map((c) => c.name.length), 20);
	info(
		`\n--- ${report.target} (n8n ${report.n8nVersion}): ${passed} passed, ${failed} failed, ${formatMs(report.totalMs)}`,
	);
	info(`  ${'check'.padEnd(width)}  result`);
	info(`  ${'-'.repeat(width)}  ------`);
	for (const c of report.checks) info(`  ${c.name.padEnd(width)}  ${c.ok ? 'PASS' : 'FAIL'}`);
	info('  timings:');
	for (const [label, ms] of report.timings) info(`    ${formatMs(ms).padStart(7)}  ${label}`);
}

runSuite<TargetReport>({
	name: 'e2e',
	script: 'test/e2e/run.ts',
	slug: 'e2e',
	workDirs: workDirs,
	secrets: SECRETS,
	runTarget: (target, tarball, keep) => runTarget(target, tarball, keep),
	unavailable: (target, message) => ({
		target,
		n8nVersion: '?',
		checks: runtimeUnavailable(message),
		timings: [],
		totalMs: 0,
		aborted: message,
	}),
	printSummary,
});
