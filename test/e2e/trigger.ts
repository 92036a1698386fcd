/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals,
   @n8n/community-nodes/require-node-api-error, @n8n/community-nodes/no-hardcoded-secrets --
   dev tooling, never packed: runs real n8n releases (`n8n start`) and reports on the console; the
   password is a throwaway owner's of a temporary n8n. */
/**
 * The LeadLex Trigger in real n8n (2.41.1 on Node 24 = v2, 1.123.81 on Node 20 = v1): triggers run
 * only under `n8n start`, so per target one `n8n start` serves every scenario.
 *
 *   npx tsx test/e2e/trigger.ts [v1|v2|all] [--keep]
 *
 * Per target: a fresh temp user folder with the packed package in .n8n/nodes, the sandbox as a
 * child process with `--allow-loopback-webhooks` (no retries), the sandbox credential and a test
 * copy of examples/leadlex-new-step-message.json imported with the CLI, then `n8n start` with
 * `WEBHOOK_URL=http://127.0.0.1:<port>/`, owner setup and login over REST, and the scenarios below
 * against the running server: activation through REST, a real event, a forged delivery, a repeated
 * and a new delivery, what the stored executions hold, deactivation; then the intake example
 * (scenarios/intake.ts), whose Webhook needs the running server too. n8n and the sandbox are
 * always stopped (deactivating first, so the sandbox keeps no webhook). `--keep` keeps the temp
 * folder (kept anyway on failure).
 */
import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureRuntime, type Runtime, type RuntimeTarget } from '../../scripts/n8n/runtime';
import {
	CREDENTIAL_ID,
	CREDENTIAL_NAME,
	dumpDatabase,
	EXAMPLES_DIR,
	flattedParser,
	formatMs,
	freePort,
	importCredentials,
	importWorkflows,
	info,
	installPackage,
	listExecutions as listWorkflowExecutions,
	makeTempDir,
	poll,
	processGroupAlive,
	readExecution,
	redact,
	setupOwnerAndLogIn,
	setWorkflowActive,
	startN8nServer,
	startSandboxProcess,
	tablesContaining,
	tail,
	writeCredentialsFile,
	type ExecutionSummary,
	type N8nRest,
	type N8nServer,
	type SandboxProcess,
	type StoredExecution,
} from '../../scripts/n8n/harness';
import { SANDBOX_KEYS } from '../sandbox/seed';
import {
	CheckRunner,
	type CheckResult,
	runSuite,
	runtimeUnavailable,
} from '../../scripts/n8n/checks';
import { checkIntakeToCampaign } from './scenarios/intake';

const FULL_KEY = SANDBOX_KEYS.full;
const CAMPAIGN = 'cmp_abc123';
const EXAMPLE = path.join(EXAMPLES_DIR, 'leadlex-new-step-message.json');
const INTAKE_EXAMPLE = path.join(EXAMPLES_DIR, 'intake-to-campaign.json');
/**
 * At most 16 characters: n8n 1.x saves a workflow's static data only for IDs of up to 16
 * characters (2.x: 21), silently, so a longer ID loses the webhook secret stored on activation.
 */
const WORKFLOW_ID = 'LeadlexE2eTrig01';
const TRIGGER = 'New campaign step';
const COMPOSE = 'Compose message';
const EVENTS = ['campaign.step_created', 'contact.created'];
const OWNER = {
	email: 'owner@leadlex.example',
	firstName: 'Trigger',
	lastName: 'Check',
	password: 'LeadLex-trigger-check-1',
};
/** How long "no new execution" waits after a delivery n8n answered. */
const QUIET_MS = 2_000;

/** Temp folders of targets in progress: removed on Ctrl-C unless --keep. */
const workDirs = new Set<string>();
/** Secrets to redact from anything printed: the key, plus each webhook secret once known. */
const SECRETS: string[] = [FULL_KEY];

// ---------------------------------------------------------------- results

interface TargetReport {
	target: RuntimeTarget;
	n8nVersion: string;
	checks: CheckResult[];
	timings: Array<[string, number]>;
	observations: string[];
	totalMs: number;
	workDir?: string;
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

function show(value: unknown): string {
	return redact(JSON.stringify(value), SECRETS);
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---------------------------------------------------------------- sandbox and n8n access

const sandboxWebhooks = (sb: SandboxProcess) => sb.admin.webhooks();
const emit = (sb: SandboxProcess, body: Record<string, unknown>) => sb.admin.emit(body);
const listExecutions = (rest: N8nRest) => listWorkflowExecutions(rest, WORKFLOW_ID, 100);

/** Waits until `count` executions exist and none is still running. */
async function waitForExecutions(rest: N8nRest, count: number): Promise<ExecutionSummary[]> {
	return poll(`${count} finished execution(s) of ${WORKFLOW_ID}`, async () => {
		const list = await listExecutions(rest);
		const done = list.filter((e) => !['running', 'new', 'waiting'].includes(e.status));
		return list.length >= count && done.length === list.length ? list : undefined;
	});
}

function firstItem(execution: StoredExecution, node: string): Record<string, unknown> | undefined {
	const runs = execution.runData[node];
	return runs?.[runs.length - 1]?.data?.main?.[0]?.[0]?.json;
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
	const work = makeTempDir(`leadlex-trigger-${target}-`);
	workDirs.add(work);
	const userFolder = path.join(work, 'user');
	let sandbox: SandboxProcess | undefined;
	let n8n: N8nServer | undefined;
	let rest: N8nRest | undefined;
	let active = false;
	try {
		await t.step('npm install <tarball> in .n8n/nodes', async () =>
			installPackage(userFolder, tarball),
		);
		sandbox = await t.step('start the sandbox (--allow-loopback-webhooks, no retries)', () =>
			startSandboxProcess({ args: ['--allow-loopback-webhooks', '--webhook-retries', ''] }),
		);
		const sb = sandbox;
		await sb.admin.options({ perWindowLimit: 0 });
		info(`        sandbox at ${sb.url}`);

		const credentialsFile = path.join(work, 'credentials.json');
		writeCredentialsFile(credentialsFile, [
			{ id: CREDENTIAL_ID, name: CREDENTIAL_NAME, apiKey: FULL_KEY, baseUrl: sb.url },
		]);
		await t.step('n8n import:credentials', () =>
			importCredentials(runtime, userFolder, credentialsFile),
		);
		fs.rmSync(credentialsFile);
		// A test copy of the example: own id, two events.
		const example = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8')) as {
			id: string;
			name: string;
			nodes: Array<{ name: string; webhookId?: string; parameters: Record<string, unknown> }>;
		};
		const trigger = example.nodes.find((n) => n.name === TRIGGER);
		assert.ok(trigger?.webhookId, `${EXAMPLE} has no node "${TRIGGER}" with a webhookId`);
		trigger.parameters.events = EVENTS;
		const workflowsDir = path.join(work, 'workflows');
		fs.mkdirSync(workflowsDir);
		fs.writeFileSync(
			path.join(workflowsDir, `${WORKFLOW_ID}.json`),
			JSON.stringify({ ...example, id: WORKFLOW_ID, name: `e2e: ${example.name}` }, null, 2),
		);
		fs.copyFileSync(INTAKE_EXAMPLE, path.join(workflowsDir, path.basename(INTAKE_EXAMPLE)));
		await t.step('n8n import:workflow', () => importWorkflows(runtime, userFolder, workflowsDir));

		const parseFlatted = flattedParser(runtime);
		const port = await freePort();
		const origin = `http://127.0.0.1:${port}`;
		const productionUrl = `${origin}/webhook/${trigger.webhookId}/webhook`;
		n8n = await t.step(`n8n start (port ${port})`, () =>
			startN8nServer(runtime, userFolder, {
				port,
				logFile: path.join(work, 'n8n.log'),
				env: { WEBHOOK_URL: `${origin}/`, N8N_LOG_LEVEL: 'debug' },
			}),
		);
		const api = await t.step('owner setup + login (REST)', () => setupOwnerAndLogIn(origin, OWNER));
		rest = api;

		// 0. The credential test applies the node's Base URL rule in real n8n (issue 22): a URL the
		// node refuses (a tab inside the scheme, a control character before it, a trailing #) sends
		// nothing, and the sandbox URL passes.
		const credentialTests: Array<[string, string, 'OK' | 'Error']> = [
			['the sandbox URL', sb.url, 'OK'],
			['a tab inside the scheme', sb.url.replace('http', 'ht\ttp'), 'Error'],
			['a control character before it', `\u0001${sb.url}`, 'Error'],
			['a trailing #', `${sb.url}#`, 'Error'],
		];
		for (const [label, baseUrl, expected] of credentialTests) {
			await sb.admin.reset();
			const result = await api.call<{ status: string; message: string }>(
				'POST',
				'credentials/test',
				{
					credentials: {
						id: CREDENTIAL_ID,
						name: CREDENTIAL_NAME,
						type: 'leadlexApi',
						data: { apiKey: FULL_KEY, baseUrl },
					},
				},
			);
			const reached = (await sb.admin.requests()).length;
			t.check(
				`credential test, ${label}: ${result.status} (${redact(result.message ?? '', [FULL_KEY])}), ${reached} request(s) reached LeadLex`,
				() => {
					assert.equal(result.status, expected);
					assert.equal(reached, expected === 'OK' ? 1 : 0);
					assert.ok(!JSON.stringify(result).includes(FULL_KEY.slice(4)));
				},
			);
		}

		// 1. Activation through the running server registers exactly one webhook.
		const hooksNow = async () => (await sandboxWebhooks(sb)).webhooks;
		await t.step('activate (REST), wait for the webhook', () =>
			setWorkflowActive(api, WORKFLOW_ID, true, {
				until: async () => (await hooksNow()).length > 0,
			}),
		);
		active = true;
		const hooks = await hooksNow();
		const hook = hooks[0];
		if (hook?.secret) SECRETS.push(hook.secret);
		const activated = await api.call<{ staticData?: unknown }>('GET', `workflows/${WORKFLOW_ID}`);
		const activatedText = JSON.stringify(activated.staticData ?? null);
		t.observe(
			`static data right after activation: webhookId ${activatedText.includes(hook?.id ?? '?') ? 'stored' : 'MISSING'}, ` +
				`secret ${hook?.secret && activatedText.includes(hook.secret) ? 'stored' : 'MISSING'} (REST); ` +
				`DB tables with the secret: ${hook?.secret ? tablesContaining(dumpDatabase(runtime, userFolder), hook.secret).join(', ') || 'none' : '?'}`,
		);
		await t.checkAsync(
			'activation: the sandbox lists exactly one webhook, for the production URL, with the chosen events',
			() => {
				assert.equal(hooks.length, 1, `webhooks: ${show(hooks.map((h) => h.url))}`);
				assert.equal(hook.url, productionUrl);
				assert.deepEqual([...hook.events].sort(), [...EVENTS].sort());
				assert.equal(hook.active, true);
			},
		);

		// 2. A real event: Create Step in the sandbox → one run with the payload.
		const created = await fetch(`${sb.url}/v1/campaigns/${CAMPAIGN}/steps`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${FULL_KEY}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({
				subject: 'e2e: trigger check',
				body: 'Hi {{first_name}}, a step created to fire campaign.step_created.',
				delay_days: 3,
				send_condition: 'if_no_reply',
			}),
		});
		const step = ((await created.json()) as { data: { step: { id: string; index: number } } }).data
			.step;
		const firstDelivery = await poll('the sandbox delivered campaign.step_created', async () =>
			(await sandboxWebhooks(sb)).deliveries.find(
				(d) => d.event === 'campaign.step_created' && d.status !== 0,
			),
		);
		await t.checkAsync('create step: 201, the sandbox delivered it and n8n answered 200', () => {
			assert.equal(created.status, 201);
			assert.equal(firstDelivery.url, productionUrl);
			assert.equal(firstDelivery.status, 200, show(firstDelivery.responseBody));
		});
		const afterCreate = await waitForExecutions(api, 1);
		const execution = await readExecution(api, afterCreate[0], parseFlatted);
		const output = firstItem(execution, TRIGGER);
		await t.checkAsync('create step: exactly one execution, mode webhook, status success', () => {
			assert.equal(afterCreate.length, 1, show(afterCreate));
			assert.equal(execution.summary.mode, 'webhook');
			assert.equal(execution.summary.status, 'success');
		});
		await t.checkAsync(
			"create step: the trigger's item is the payload plus leadlexDelivery {id, timestamp}",
			() => {
				assert.ok(output, `no output item from "${TRIGGER}"`);
				const sent = JSON.parse(firstDelivery.body) as Record<string, unknown>;
				assert.deepEqual(output, {
					...sent,
					leadlexDelivery: {
						id: firstDelivery.deliveryId,
						timestamp: firstDelivery.headers['X-LeadLex-Timestamp'],
					},
				});
				const item = output as Record<string, unknown>;
				assert.equal(item.event, 'campaign.step_created');
				const data = item.data as { campaign_id: string; step: { id: string } };
				assert.equal(data.campaign_id, CAMPAIGN);
				assert.equal(data.step.id, step.id);
			},
		);
		await t.checkAsync('create step: "Compose message" built its message from the payload', () => {
			const composed = firstItem(execution, COMPOSE);
			assert.deepEqual(composed, {
				message: `New step ${step.index + 1} in campaign ${CAMPAIGN}: "e2e: trigger check" (sent 3 days after the previous one)`,
				deliveryId: firstDelivery.deliveryId,
			});
		});

		// 3. Forged deliveries: 401, nothing runs.
		const forged = await emit(sb, {
			event: 'campaign.step_created',
			webhookId: hook.id,
			body: firstDelivery.body,
			headers: {
				'X-LeadLex-Signature': `sha256=${'0'.repeat(64)}`,
				'X-LeadLex-Delivery-ID': 'e2e-forged-1',
			},
		});
		const direct = await fetch(productionUrl, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/json',
				'X-LeadLex-Signature': `sha256=${createHmac('sha256', 'not-the-secret').update(firstDelivery.body).digest('hex')}`,
				'X-LeadLex-Timestamp': new Date().toISOString(),
				'X-LeadLex-Delivery-ID': 'e2e-forged-2',
			},
			body: firstDelivery.body,
		});
		await sleep(QUIET_MS);
		const afterForged = await listExecutions(api);
		await t.checkAsync(
			'forged: sandbox emit with a wrong signature and a direct POST with a bad one both get 401',
			() => {
				assert.equal(forged.length, 1);
				assert.equal(forged[0].status, 401, show(forged[0]));
				assert.equal(direct.status, 401);
			},
		);
		await t.checkAsync('forged: no new execution', () =>
			assert.equal(afterForged.length, 1, show(afterForged)),
		);

		// 4. The same delivery again (same ID, correctly signed, fresh timestamp): 200, no run.
		const repeat = await emit(sb, {
			event: 'campaign.step_created',
			webhookId: hook.id,
			body: firstDelivery.body,
			headers: { 'X-LeadLex-Delivery-ID': firstDelivery.deliveryId },
		});
		await sleep(QUIET_MS);
		const afterRepeat = await listExecutions(api);
		await t.checkAsync(
			'repeat: same delivery ID, correctly signed → 200 "already received"',
			() => {
				assert.equal(repeat[0]?.status, 200, show(repeat));
				assert.match(repeat[0].responseBody ?? '', /already received/);
			},
		);
		await t.checkAsync('repeat: no second execution', () =>
			assert.equal(afterRepeat.length, 1, show(afterRepeat)),
		);
		// A new delivery ID with the same body runs again: repeats are told apart by ID only.
		const fresh = await emit(sb, {
			event: 'campaign.step_created',
			webhookId: hook.id,
			body: firstDelivery.body,
			headers: { 'X-LeadLex-Delivery-ID': 'e2e-second-delivery' },
		});
		const afterFresh = await waitForExecutions(api, 2);
		await t.checkAsync('a new delivery ID (same signed body) → 200 and a second execution', () => {
			assert.equal(fresh[0]?.status, 200, show(fresh));
			assert.equal(afterFresh.length, 2, show(afterFresh));
		});
		// The first delivery again, after another run: still remembered.
		const repeat2 = await emit(sb, {
			event: 'campaign.step_created',
			webhookId: hook.id,
			body: firstDelivery.body,
			headers: { 'X-LeadLex-Delivery-ID': firstDelivery.deliveryId },
		});
		await sleep(QUIET_MS);
		const afterRepeat2 = await listExecutions(api);
		await t.checkAsync(
			'repeat after another run: the first ID is still remembered (200, no run)',
			() => {
				assert.equal(repeat2[0]?.status, 200, show(repeat2));
				assert.match(repeat2[0].responseBody ?? '', /already received/);
				assert.equal(afterRepeat2.length, 2, show(afterRepeat2));
			},
		);

		// What n8n saved of the remembered IDs (static data in the workflow row).
		const wf = await api.call<{ staticData?: unknown }>('GET', `workflows/${WORKFLOW_ID}`);
		const staticText = JSON.stringify(wf.staticData ?? null);
		const idsSaved = staticText.includes(firstDelivery.deliveryId);
		t.observe(
			`static data after the deliveries: recentDeliveryIds ${idsSaved ? 'saved' : 'NOT saved'} ` +
				`(${staticText.includes('e2e-second-delivery') ? 'with' : 'without'} the second ID); ` +
				`webhookId/secret ${staticText.includes(hook.id) && staticText.includes(hook.secret) ? 'stored' : 'missing'}`,
		);
		await t.checkAsync(
			target === 'v1'
				? 'static data (1.x): the accepted delivery IDs are saved'
				: 'static data (2.x): n8n did not save the delivery IDs (memory alone caught the repeats)',
			() => assert.equal(idsSaved, target === 'v1', `static data: ${show(staticText)}`),
		);

		// 5. Secrets in what n8n stored.
		const stored = await Promise.all(afterFresh.map((s) => readExecution(api, s, parseFlatted)));
		const withSecret = stored.filter((e) => e.text.includes(hook.secret));
		const staticWithSecret = stored.filter((e) =>
			JSON.stringify(e.workflowData?.staticData ?? null).includes(hook.secret),
		);
		const db = dumpDatabase(runtime, userFolder);
		t.observe(
			`webhook secret in ${withSecret.length}/${stored.length} executions read over REST ` +
				`(${staticWithSecret.length} in workflowData.staticData); DB tables with it: ` +
				`${tablesContaining(db, hook.secret).join(', ') || 'none'}; with the API key: ` +
				`${tablesContaining(db, FULL_KEY).join(', ') || 'none'}`,
		);
		await t.checkAsync(
			'secrets: the API key is in no execution read back, nor anywhere in the DB',
			() => {
				assert.deepEqual(
					stored.filter((e) => e.text.includes(FULL_KEY)).map((e) => e.summary.id),
					[],
				);
				assert.deepEqual(tablesContaining(db, FULL_KEY), []);
			},
		);
		await t.checkAsync(
			'secrets: the webhook secret is in no run data (output items) of any execution',
			() =>
				assert.deepEqual(
					stored
						.filter((e) => JSON.stringify(e.runData).includes(hook.secret))
						.map((e) => e.summary.id),
					[],
				),
		);
		await t.checkAsync(
			target === 'v1'
				? "secrets (1.x, n8n's own behaviour): every stored execution carries the secret in workflowData.staticData"
				: 'secrets (2.x): the webhook secret is in no stored execution',
			() =>
				assert.deepEqual(
					withSecret.map((e) => e.summary.id),
					target === 'v1' ? stored.map((e) => e.summary.id) : [],
					`executions with the secret: ${show(withSecret.map((e) => e.summary.id))}; in staticData: ${show(staticWithSecret.map((e) => e.summary.id))}`,
				),
		);

		// 6. Deactivation removes the webhook.
		await t.step('deactivate (REST), wait for the webhook to go', () =>
			setWorkflowActive(api, WORKFLOW_ID, false, {
				until: async () => (await hooksNow()).length === 0,
			}),
		);
		active = false;
		const afterDeactivate = await hooksNow();
		await t.checkAsync('deactivation: the sandbox lists no webhook', () =>
			assert.deepEqual(afterDeactivate, []),
		);
		// 7. The intake example (a Webhook, Contact → Create or Update, List and Campaign → Add
		// Contacts) on the same server, once the trigger no longer receives contact.created.
		await checkIntakeToCampaign({
			t,
			api,
			sandbox: sb,
			origin,
			apiKey: FULL_KEY,
			parseFlatted,
		});
		const log = fs.readFileSync(path.join(work, 'n8n.log'), 'utf8');
		await t.checkAsync(
			"n8n's log names no secret and says why it refused the forged deliveries",
			() => {
				assert.ok(!log.includes(hook.secret), 'the webhook secret is in n8n.log');
				assert.ok(!log.includes(FULL_KEY), 'the API key is in n8n.log');
				assert.match(
					log,
					/LeadLex Trigger refused a delivery: missing or wrong X-LeadLex-Signature/,
				);
			},
		);
	} catch (error) {
		const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
		await t.checkAsync('suite ran to the end', () => {
			throw new Error(
				message + (n8n ? `\n  n8n log tail:\n${tail(fs.readFileSync(n8n.logFile, 'utf8'))}` : ''),
			);
		});
	} finally {
		if (active && rest) {
			// A check failed mid-way: deactivate anyway, so the sandbox keeps no webhook.
			await setWorkflowActive(rest, WORKFLOW_ID, false).catch((error: Error) =>
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
	const failed = t.failed;
	if (failed || keep) info(`  kept ${work} (n8n.log, user folder)`);
	else fs.rmSync(work, { recursive: true, force: true });
	workDirs.delete(work);
	return {
		target,
		n8nVersion: runtime.n8nVersion,
		checks: t.checks,
		timings: t.timings,
		observations: t.observations,
		totalMs: Date.now() - started,
		workDir: failed || keep ? work : undefined,
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
	if (report.observations.length > 0) {
		info('  observed:');
		for (const note of report.observations) info(`    ${note}`);
	}
	info('  timings:');
	for (const [label, ms] of report.timings) info(`    ${formatMs(ms).padStart(7)}  ${label}`);
}

runSuite<TargetReport>({
	name: 'trigger e2e',
	script: 'test/e2e/trigger.ts',
	slug: 'trigger',
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
