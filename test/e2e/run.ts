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
 * key, and an invalid key), the examples and test/e2e/workflows imported in one call, then one
 * `n8n execute` per scenario. `--keep` keeps the user folders (they are kept anyway on failure).
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
	installSignalHandlers,
	isShuttingDown,
	makeTempDir,
	nodeRun,
	outputItems,
	packProject,
	PackageNotLoadedError,
	PROJECT_ROOT,
	redact,
	stageWorkflows,
	startSandboxProcess,
	tablesContaining,
	writeCredentialsFile,
	type Execution,
	type SandboxProcess,
	type SandboxStep,
} from '../../scripts/n8n/harness';
import { CheckRunner, finalVerdict, indent, type CheckResult } from '../../scripts/n8n/checks';
import { SCENARIOS } from './scenarios';
import {
	CAMPAIGN,
	expectStatus,
	FULL_KEY,
	jsonOf,
	requestLines,
	SECRETS,
	show,
} from './scenarios/support';

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

const WF = {
	liveEdit: 'LeadlexExample04',
	liveEditDraft: 'LeadlexE2eLiveDraft',
	liveEditPaused: 'LeadlexE2eLivePaused',
	campaignsAll: 'LeadlexE2eCmpAll1',
} as const;

/**
 * examples/edit-live-sequence.json (Pause → Delete Step → Create Step → IF paused → Start), run
 * as it is and as copies made at run time with another campaign and step in its Set node
 * "Sequence change" (so the copies cannot drift from the example).
 */
const LIVE_EDIT_FILE = path.join(EXAMPLES_DIR, 'edit-live-sequence.json');
const LIVE_EDIT_SET_NODE = 'Sequence change';
interface LiveEditScenario {
	workflowId: string;
	campaignId: string;
	stepToDelete: string;
	/** Whether Pause pauses it (only an active campaign), so that the workflow starts it again. */
	pauses: boolean;
	/** The campaign's status after the run. */
	finalStatus: string;
	why: string;
}
const LIVE_EDITS: LiveEditScenario[] = [
	{
		workflowId: WF.liveEdit,
		campaignId: CAMPAIGN,
		stepToDelete: 'step_2',
		pauses: true,
		// The sandbox's start rule: more than 100 enrolled contacts (cmp_abc123 has 250) → Lexi approval.
		finalStatus: 'pending_approval',
		why: 'active: paused, edited, started again (250 contacts → Lexi approval)',
	},
	{
		workflowId: WF.liveEditDraft,
		campaignId: 'cmp_draft01',
		stepToDelete: 'step_draft01_1',
		pauses: false,
		finalStatus: 'draft',
		why: 'draft: not active, edited, not started',
	},
	{
		workflowId: WF.liveEditPaused,
		campaignId: 'cmp_paused01',
		stepToDelete: 'step_paused01_2',
		pauses: false,
		finalStatus: 'paused',
		why: 'paused by the user: not active, edited, stays paused',
	},
];

/** A copy of the live-edit example for another campaign: new id and name, the Set node's values. */
function liveEditVariant(scenario: LiveEditScenario, destDir: string): string {
	const workflow = JSON.parse(fs.readFileSync(LIVE_EDIT_FILE, 'utf8')) as {
		id: string;
		name: string;
		nodes: Array<{
			name: string;
			parameters: { assignments?: { assignments: Array<{ name: string; value: unknown }> } };
		}>;
	};
	const assignments =
		workflow.nodes.find((n) => n.name === LIVE_EDIT_SET_NODE)?.parameters.assignments
			?.assignments ?? [];
	const set = (name: string, value: string) => {
		const entry = assignments.find((a) => a.name === name);
		if (!entry) throw new Error(`${LIVE_EDIT_FILE}: "${LIVE_EDIT_SET_NODE}" has no field ${name}`);
		entry.value = value;
	};
	set('campaignId', scenario.campaignId);
	set('stepToDelete', scenario.stepToDelete);
	workflow.id = scenario.workflowId;
	workflow.name = `e2e: ${workflow.name} (${scenario.campaignId})`;
	fs.mkdirSync(destDir, { recursive: true });
	const file = path.join(destDir, `${scenario.workflowId}.json`);
	fs.writeFileSync(file, JSON.stringify(workflow, null, 2) + '\n');
	return file;
}

/** What the example's Set node "Sequence change" holds for the new step. */
function liveEditNewStep(): { subject: string; body: string } {
	const workflow = JSON.parse(fs.readFileSync(LIVE_EDIT_FILE, 'utf8')) as {
		nodes: Array<{
			name: string;
			parameters: { assignments?: { assignments: Array<{ name: string; value: unknown }> } };
		}>;
	};
	const assignments =
		workflow.nodes.find((n) => n.name === LIVE_EDIT_SET_NODE)?.parameters.assignments
			?.assignments ?? [];
	const value = (name: string) => String(assignments.find((a) => a.name === name)?.value);
	return { subject: value('newSubject'), body: value('newBody') };
}

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

/** The recorded requests with their raw path (query included), which harness's admin leaves out. */
async function rawRequests(
	sb: SandboxProcess,
): Promise<Array<{ method: string; rawPath: string; status: number }>> {
	const response = await fetch(`${sb.origin}/__sandbox/requests`);
	const { requests } = (await response.json()) as {
		requests: Array<{ method: string; rawPath: string; status: number }>;
	};
	return requests.map(({ method, rawPath, status }) => ({ method, rawPath, status }));
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
		const variants = LIVE_EDITS.filter((s) => s.workflowId !== WF.liveEdit).map((s) =>
			liveEditVariant(s, path.join(work, 'variants')),
		);
		const staged = stageWorkflows(path.join(work, 'workflows'), [...WORKFLOW_FILES, ...variants]);
		const imported = await t.step(`n8n import:workflow --separate (${staged.length})`, () =>
			importWorkflows(runtime, userFolder, path.join(work, 'workflows')),
		);
		t.check(`imported all ${staged.length} workflows`, () => assert.equal(imported, staged.length));

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

		// 8. examples/edit-live-sequence.json for an active, a draft and a paused campaign.
		const newStep = liveEditNewStep();
		for (const scenario of LIVE_EDITS) {
			await sb.admin.reset();
			const { campaignId, stepToDelete } = scenario;
			const seedSteps = await sb.admin.steps(campaignId);
			const ex = await execute(scenario.workflowId, `${campaignId}: ${scenario.why}`);
			const requests = await sb.admin.requests();
			const after = (await sb.admin.state()).campaigns.find((c) => c.id === campaignId);
			const label = `live edit ${campaignId}`;
			const stepsPath = `/v1/campaigns/${campaignId}/steps`;
			t.check(`${label}: execution succeeds`, () => expectStatus(ex, 'success'));
			t.check(
				scenario.pauses
					? `${label}: Pause gives LeadLex's campaign with status "paused"`
					: `${label}: Pause gives {id, paused: false, reason: "campaign_not_active"}`,
				() => {
					const paused = jsonOf(outputItems(ex, 'Pause campaign'));
					if (scenario.pauses) {
						assert.equal(paused.length, 1, show(paused));
						const [campaign] = paused as Array<Record<string, unknown>>;
						assert.deepEqual(
							{ id: campaign.id, status: campaign.status },
							{ id: campaignId, status: 'paused' },
						);
						assert.match(String(campaign.paused_at), /^\d{4}-\d\d-\d\dT/);
					} else {
						assert.deepEqual(paused, [
							{ id: campaignId, paused: false, reason: 'campaign_not_active' },
						]);
					}
				},
			);
			const created = (outputItems(ex, 'Create step')[0]?.json ?? {}) as unknown as SandboxStep;
			t.check(
				`${label}: Delete Step {deleted: true, id: ${stepToDelete}}; Create Step appended`,
				() => {
					assert.deepEqual(jsonOf(outputItems(ex, 'Delete step')), [
						{ deleted: true, id: stepToDelete },
					]);
					assert.equal(outputItems(ex, 'Create step').length, 1);
					assert.match(String(created.id), /^step_[0-9a-f]{16}$/, show(created));
					assert.deepEqual(
						{ index: created.index, subject: created.subject, body: created.body },
						{ index: seedSteps.length - 1, ...newStep },
					);
				},
			);
			t.check(
				scenario.pauses
					? `${label}: IF "Was it paused?" true → Start ran: status "${scenario.finalStatus}"`
					: `${label}: IF "Was it paused?" false → Start did not run`,
				() => {
					const started = jsonOf(outputItems(ex, 'Start campaign again'));
					if (scenario.pauses) {
						assert.equal(outputItems(ex, 'Leave it as it was').length, 0);
						assert.equal(started.length, 1, show(started));
						const [start] = started as Array<Record<string, unknown>>;
						assert.equal(start.campaign_id, campaignId, show(start));
						assert.equal(start.status, scenario.finalStatus, show(start));
						if (scenario.finalStatus === 'pending_approval')
							assert.match(String(start.task_id), /^task_/, show(start));
					} else {
						assert.equal(nodeRun(ex, 'Start campaign again'), undefined, 'Start ran');
						assert.equal(outputItems(ex, 'Leave it as it was').length, 1);
					}
				},
			);
			t.check(
				`${label}: sandbox: ${stepToDelete} gone, the new step last, indexes compacted; status "${scenario.finalStatus}"`,
				() => {
					assert.ok(after, `the sandbox has no campaign ${campaignId}`);
					const expected = [...seedSteps.filter((s) => s.id !== stepToDelete), created].map(
						(s, i) => [s.id, i],
					);
					assert.deepEqual(
						after.steps.map((s) => [s.id, s.index]),
						expected,
					);
					assert.deepEqual(after.steps[after.steps.length - 1], created);
					assert.equal(after.status, scenario.finalStatus);
				},
			);
			t.check(
				`${label}: sandbox saw POST pause ${scenario.pauses ? 200 : 409}, DELETE step, POST steps${scenario.pauses ? ', POST start' : ' (no start)'}`,
				() =>
					assert.deepEqual(requestLines(requests), [
						`POST /v1/campaigns/${campaignId}/pause ${scenario.pauses ? 200 : 409}`,
						`DELETE ${stepsPath}/${stepToDelete} 200`,
						`POST ${stepsPath} 201`,
						...(scenario.pauses ? [`POST /v1/campaigns/${campaignId}/start 200`] : []),
					]),
			);
		}

		// 9. Campaign → Get Many, Return All: 240 campaigns in pages of 100.
		await sb.admin.reset();
		const e9 = await execute(WF.campaignsAll, 'Campaign Get Many, Return All');
		const requestsE9 = await rawRequests(sb);
		const seededCampaigns = (await sb.admin.state()).campaigns;
		t.check('Campaign Get Many (Return All): execution succeeds', () =>
			expectStatus(e9, 'success'),
		);
		const listedCampaigns = jsonOf(outputItems(e9, 'Get all campaigns')) as Array<{ id: string }>;
		t.check(
			`Campaign Get Many: ${seededCampaigns.length} items, no duplicates, every campaign of the workspace, newest first`,
			() => {
				const ids = listedCampaigns.map((c) => c.id);
				assert.equal(ids.length, 240);
				assert.equal(new Set(ids).size, ids.length, 'duplicate campaign IDs');
				assert.deepEqual([...ids].sort(), seededCampaigns.map((c) => c.id).sort());
				assert.deepEqual(ids.slice(0, 3), ['cmp_draft01', CAMPAIGN, 'cmp_paused01']);
			},
		);
		t.check('... the sandbox saw 3 GET /v1/campaigns: page=1,2,3 with per_page=100', () =>
			assert.deepEqual(
				requestsE9.map((r) => {
					const url = new URL(r.rawPath, 'http://x');
					return `${r.method} ${url.pathname.replace(/^.*\/v1\//, '/v1/')}?${url.searchParams} ${r.status}`;
				}),
				[1, 2, 3].map((page) => `GET /v1/campaigns?page=${page}&per_page=100 200`),
			),
		);

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

async function main(): Promise<number> {
	const args = process.argv.slice(2);
	const keep = args.includes('--keep');
	const choice = args.find((a) => !a.startsWith('--')) ?? 'all';
	if (!['v1', 'v2', 'all'].includes(choice)) {
		info(`usage: npx tsx test/e2e/run.ts [v1|v2|all] [--keep]   (got "${choice}")`);
		return 2;
	}
	const targets: RuntimeTarget[] = choice === 'all' ? ['v2', 'v1'] : [choice as RuntimeTarget];
	const packDir = makeTempDir('leadlex-e2e-pack-');
	installSignalHandlers(() => {
		fs.rmSync(packDir, { recursive: true, force: true });
		for (const dir of workDirs) {
			if (keep) info(`kept ${dir}`);
			else fs.rmSync(dir, { recursive: true, force: true });
		}
	});
	const started = Date.now();
	try {
		const packed = packProject(packDir);
		info(
			`Packed ${path.basename(packed.tarball)} (${packed.files.length} files) from ${PROJECT_ROOT}; targets: ${targets.join(', ')}`,
		);
		const reports: TargetReport[] = [];
		for (const target of targets) {
			try {
				reports.push(await runTarget(target, packed.tarball, keep));
			} catch (error) {
				// ensureRuntime failed: no n8n to test with.
				const message = error instanceof Error ? error.message : String(error);
				info(`  FAIL  ${target}: n8n runtime unavailable\n${indent(message)}`);
				reports.push({
					target,
					n8nVersion: '?',
					checks: [{ name: 'n8n runtime available', ok: false, detail: message }],
					timings: [],
					totalMs: 0,
					aborted: message,
				});
			}
		}
		info('\n================ e2e summary');
		for (const report of reports) printSummary(report);
		return finalVerdict(reports, started);
	} finally {
		fs.rmSync(packDir, { recursive: true, force: true });
	}
}

main().then(
	(code) => process.exit(code),
	(error: Error) => {
		info(`e2e: ${redact(error.stack ?? error.message, SECRETS)}`);
		process.exit(1);
	},
);
