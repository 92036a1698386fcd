/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals,
   @n8n/community-nodes/require-node-api-error --
   dev tooling, never packed: installs n8n, spawns it and the sandbox, and reports on the console. */
/**
 * The main job on a new machine (`npm run demo`, which builds first): the packed package installed
 * into a real n8n 2.x, deleting campaign steps in the LeadLex sandbox.
 *
 *   npx tsx scripts/demo.ts [v2|v1] [--keep]
 *
 * 1. n8n 2.41.1 (Node 24) from the cache in ~/.cache/n8n-nodes-leadlex (the first run installs it).
 * 2. `npm pack` + `npm install <tarball>` in a fresh temp user folder's .n8n/nodes.
 * 3. The LeadLex sandbox as a child process.
 * 4. `n8n import:credentials` (the "LeadLex sandbox" credential) and
 *    `n8n import:workflow` (examples/delete-campaign-steps.json).
 * 5. The campaign's steps before, `n8n execute` of the workflow, its output, the steps after.
 * Everything is stopped and removed at the end (`--keep` keeps the user folder).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureRuntime, isTarget, type RuntimeTarget } from './n8n/runtime';
import {
	CREDENTIAL_ID,
	CREDENTIAL_NAME,
	EXAMPLES_DIR,
	executeWorkflow,
	formatMs,
	importCredentials,
	importWorkflows,
	info,
	installPackage,
	installSignalHandlers,
	makeTempDir,
	outputItems,
	packProject,
	redact,
	stageWorkflows,
	startSandboxProcess,
	tail,
	writeCredentialsFile,
	type SandboxProcess,
	type SandboxStep,
} from './n8n/harness';
import { SANDBOX_KEYS } from '../test/sandbox/seed';

const WORKFLOW_FILE = path.join(EXAMPLES_DIR, 'delete-campaign-steps.json');
const NODE_NAME = 'Delete campaign step';
const CAMPAIGN = 'cmp_abc123';
const TOTAL_STEPS = 6;

class DemoError extends Error {}

let stepNo = 0;
function step(message: string): void {
	stepNo++;
	info(`\n[${stepNo}/${TOTAL_STEPS}] ${message}`);
}

function printSteps(title: string, steps: SandboxStep[], before?: SandboxStep[]): void {
	info(`\n  ${title}`);
	if (steps.length === 0) {
		info('    (no steps)');
		return;
	}
	info(`    ${'index'.padEnd(6)}${'id'.padEnd(9)}subject`);
	for (const s of steps) {
		const old = before?.find((b) => b.id === s.id);
		const moved = old && old.index !== s.index ? `   (was index ${old.index})` : '';
		info(`    ${String(s.index).padEnd(6)}${s.id.padEnd(9)}${s.subject}${moved}`);
	}
}

/** The step IDs the example's "Step IDs to delete" node holds (shown before the run). */
function exampleStepIds(): string[] {
	const workflow = JSON.parse(fs.readFileSync(WORKFLOW_FILE, 'utf8')) as {
		nodes: Array<{ type: string; parameters: { jsonOutput?: string } }>;
	};
	const set = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.set');
	return (JSON.parse(set?.parameters.jsonOutput ?? '{}') as { stepIds?: string[] }).stepIds ?? [];
}

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	const keep = args.includes('--keep');
	const targetArg = args.find((a) => !a.startsWith('--')) ?? 'v2';
	if (!isTarget(targetArg))
		throw new DemoError(`usage: npm run demo -- [v2|v1] [--keep] (got "${targetArg}")`);
	const target: RuntimeTarget = targetArg;
	const started = Date.now();
	const work = makeTempDir('leadlex-demo-');
	const userFolder = path.join(work, 'user');
	let sandbox: SandboxProcess | undefined;
	installSignalHandlers(() => {
		if (!keep) fs.rmSync(work, { recursive: true, force: true });
	});

	info(
		'LeadLex for n8n: demo. The packed package in a real n8n, deleting campaign steps in the LeadLex sandbox.',
	);
	try {
		step(`n8n (${target}): installed once into the cache, then reused`);
		const runtime = await ensureRuntime(target);
		info(`  n8n ${runtime.n8nVersion}, node ${runtime.nodeBin}`);

		step('Packing n8n-nodes-leadlex and installing it the way users do');
		const packed = packProject(path.join(work, 'pack'));
		info(`  npm pack -> ${path.basename(packed.tarball)} (${packed.files.length} files)`);
		const installed = installPackage(userFolder, packed.tarball);
		info(
			`  npm install ${path.basename(packed.tarball)} in ${path.dirname(path.dirname(installed))}`,
		);

		step('Starting the LeadLex sandbox (a local LeadLex-compatible API)');
		sandbox = await startSandboxProcess();
		info(`  ${sandbox.url}`);

		step(
			`Importing the credential "${CREDENTIAL_NAME}" and the workflow ${path.relative(process.cwd(), WORKFLOW_FILE)}`,
		);
		const credentialsFile = path.join(work, 'credentials.json');
		writeCredentialsFile(credentialsFile, [
			{ id: CREDENTIAL_ID, name: CREDENTIAL_NAME, apiKey: SANDBOX_KEYS.full, baseUrl: sandbox.url },
		]);
		await importCredentials(runtime, userFolder, credentialsFile);
		fs.rmSync(credentialsFile);
		const [workflow] = stageWorkflows(path.join(work, 'workflows'), [WORKFLOW_FILE]);
		await importWorkflows(runtime, userFolder, path.join(work, 'workflows'));
		info(
			`  credential ${CREDENTIAL_ID} -> ${sandbox.url} (sandbox key "full"); workflow "${workflow.name}" (id ${workflow.id})`,
		);

		const { campaigns } = await sandbox.admin.state();
		const campaign = campaigns.find((c) => c.id === CAMPAIGN);
		if (!campaign) throw new DemoError(`the sandbox has no campaign ${CAMPAIGN}`);
		const before = campaign.steps;
		printSteps(
			`BEFORE: campaign ${CAMPAIGN} "${campaign.name}" has ${before.length} steps`,
			before,
		);

		const toDelete = exampleStepIds();
		step(
			`Running the workflow with \`n8n execute --id=${workflow.id}\`: deleting ${toDelete.join(' and ')} by ID`,
		);
		const execution = await executeWorkflow(runtime, userFolder, workflow.id);
		const items = outputItems(execution, NODE_NAME);
		if (execution.status !== 'success') {
			throw new DemoError(
				`the workflow did not succeed (status ${execution.status ?? 'unknown: n8n printed no run'}` +
					`${execution.errorMessage ? `, error "${execution.errorMessage}"` : ''}). n8n printed:\n` +
					redact(tail(execution.output), [SANDBOX_KEYS.full]),
			);
		}
		info(
			`  execution finished: status ${execution.status}, ${formatMs(execution.ms)} including n8n's start-up`,
		);
		info(`\n  Output of the node "${NODE_NAME}" (${items.length} items):`);
		for (const item of items) info(`    ${JSON.stringify(item.json)}`);

		const after = await sandbox.admin.steps(CAMPAIGN);
		printSteps(
			`AFTER: campaign ${CAMPAIGN} has ${after.length} steps; the later steps moved up (index compaction)`,
			after,
			before,
		);

		const expectedIds = before.map((s) => s.id).filter((id) => !toDelete.includes(id));
		const deletedAll =
			items.length === toDelete.length && items.every((i) => i.json.deleted === true);
		const stateOk =
			JSON.stringify(after.map((s) => [s.id, s.index])) ===
			JSON.stringify(expectedIds.map((id, index) => [id, index]));
		if (!deletedAll || !stateOk) {
			throw new DemoError(
				`unexpected result: expected ${toDelete.length} items {"deleted": true} and steps ${expectedIds.join(', ')} ` +
					`at indexes 0..${expectedIds.length - 1}.`,
			);
		}
		if (execution.output.includes(SANDBOX_KEYS.full)) {
			throw new DemoError("the API key appeared in n8n's output");
		}

		step('Stopping the sandbox and cleaning up');
		await sandbox.stop();
		sandbox = undefined;
		if (keep) info(`  kept the n8n user folder: ${userFolder}`);
		else fs.rmSync(work, { recursive: true, force: true });
		info(
			`\nDone in ${formatMs(Date.now() - started)}: n8n ${runtime.n8nVersion} loaded ${path.basename(packed.tarball)} ` +
				`and deleted ${toDelete.length} steps of ${CAMPAIGN}.`,
		);
		info(
			'Next: `npm run dev` opens the n8n editor with the package, the credential and the examples.',
		);
	} catch (error) {
		if (sandbox) await sandbox.stop();
		info(`  (n8n user folder kept for inspection: ${userFolder})`);
		throw error;
	}
}

main().then(
	() => process.exit(0),
	(error: Error) => {
		const message = error instanceof DemoError ? error.message : (error.stack ?? error.message);
		process.stderr.write(`\nDEMO FAILED: ${redact(message, [SANDBOX_KEYS.full])}\n`);
		process.exit(1);
	},
);
