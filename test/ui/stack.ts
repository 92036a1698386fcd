/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error, @n8n/community-nodes/no-hardcoded-secrets, no-console -- dev tooling, never packed: packs the project, runs the sandbox and `n8n start`, talks to n8n's REST API; the password is a throwaway owner's of a temporary n8n */
/**
 * What the editor checks run against, built with the shared harness (scripts/n8n/harness.ts):
 * the packed package installed into a fresh user folder, the LeadLex sandbox as a child process,
 * the "LeadLex sandbox" credential and one example workflow imported with the n8n CLI, `n8n start`
 * on a free port, and an owner account created through n8n's REST API (`POST /rest/owner/setup`),
 * logged in (`POST /rest/login`) for a session cookie the browser can use.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { ensureRuntime, type Runtime } from '../../scripts/n8n/runtime';
import {
	CREDENTIAL_ID,
	CREDENTIAL_NAME,
	EXAMPLES_DIR,
	importCredentials,
	importWorkflows,
	installPackage,
	makeTempDir,
	NODE_TYPE,
	packProject,
	stageWorkflows,
	startN8nServer,
	startSandboxProcess,
	writeCredentialsFile,
	type N8nServer,
	type SandboxProcess,
	setupOwnerAndLogIn,
} from '../../scripts/n8n/harness';
import { SANDBOX_KEYS } from '../sandbox/seed';

/** The example the editor opens: preferred file, else the first example with a LeadLex node. */
const PREFERRED_EXAMPLE = 'delete-campaign-steps.json';
/** A second workflow, for the Create and Update forms: nodes are added to it from the node panel. */
const STEPS_EXAMPLE = 'rewrite-last-step.json';

export const OWNER = {
	email: 'owner@leadlex.example',
	firstName: 'Editor',
	lastName: 'Check',
	password: 'LeadLex-ui-check-1',
} as const;

export interface ExampleWorkflow {
	file: string;
	id: string;
	name: string;
	/** Names of the nodes drawn as nodes on the canvas (sticky notes left out). */
	nodeNames: string[];
	/** Name of its LeadLex node. */
	leadlexNode: string;
}

export interface UiStack {
	runtime: Runtime;
	userFolder: string;
	sandbox: SandboxProcess;
	n8n: N8nServer;
	/** http://127.0.0.1:PORT (what the browser opens). */
	n8nUrl: string;
	/** Value of the `n8n-auth` session cookie of the owner. */
	authCookie: string;
	example: ExampleWorkflow;
	/** examples/rewrite-last-step.json (Get Many → Limit → Update), imported beside `example`. */
	stepsExample: ExampleWorkflow;
	/** Stops n8n and the sandbox and removes the temp folder; never throws. */
	stop(): Promise<void>;
}

export function log(message: string): void {
	process.stdout.write(`  · ${message}\n`);
}

/** Builds everything; on failure stops whatever it had started, then rethrows. */
export async function startUiStack(opts: { artifactsDir: string; port: number }): Promise<UiStack> {
	const undo: Array<() => Promise<void> | void> = [];
	const stop = async () => {
		while (undo.length > 0) {
			try {
				await undo.pop()!();
			} catch (error) {
				console.error(`  cleanup step failed: ${(error as Error).message}`);
			}
		}
	};
	try {
		const runtime = await ensureRuntime('v2');
		const tmp = makeTempDir('leadlex-ui-');
		undo.push(() => fs.rmSync(tmp, { recursive: true, force: true }));
		const userFolder = path.join(tmp, 'user');

		const packed = packProject(path.join(tmp, 'pack'));
		installPackage(userFolder, packed.tarball);
		log(
			`packed and installed ${path.basename(packed.tarball)} into ${path.join(userFolder, '.n8n', 'nodes')}`,
		);

		// Loopback webhooks allowed: the LeadLex Trigger's "Listen for test event" registers n8n's
		// http://127.0.0.1 test URL (test/ui/triggerChecks.ts).
		const sandbox = await startSandboxProcess({ port: 0, args: ['--allow-loopback-webhooks'] });
		undo.push(() => sandbox.stop());
		// No per-minute limit: one run's pickers, credential tests and deletes must never meet a 429.
		await sandbox.admin.options({ perWindowLimit: 0 });
		log(`sandbox at ${sandbox.url}`);

		const example = findExample();
		const stepsExample = readExample(path.join(EXAMPLES_DIR, STEPS_EXAMPLE));
		if (!stepsExample)
			throw new Error(`examples/${STEPS_EXAMPLE} has no id or no ${NODE_TYPE} node`);
		const credentialsFile = path.join(tmp, 'credentials.json');
		writeCredentialsFile(credentialsFile, [
			{ id: CREDENTIAL_ID, name: CREDENTIAL_NAME, apiKey: SANDBOX_KEYS.full, baseUrl: sandbox.url },
		]);
		await importCredentials(runtime, userFolder, credentialsFile);
		fs.rmSync(credentialsFile);
		stageWorkflows(path.join(tmp, 'workflows'), [example.file, stepsExample.file]);
		await importWorkflows(runtime, userFolder, path.join(tmp, 'workflows'));
		log(
			`imported the credential "${CREDENTIAL_NAME}", ${path.relative(process.cwd(), example.file)} and ${path.relative(process.cwd(), stepsExample.file)} (CLI)`,
		);

		const n8n = await startN8nServer(runtime, userFolder, {
			port: opts.port,
			logFile: path.join(opts.artifactsDir, 'n8n.log'),
			env: { WEBHOOK_URL: `http://127.0.0.1:${opts.port}/` },
		});
		undo.push(() => n8n.stop());
		const n8nUrl = `http://127.0.0.1:${opts.port}`;
		log(`n8n ${runtime.n8nVersion} is up at ${n8nUrl} (log: ${n8n.logFile})`);

		// Logged in without a `browser-id` header, so Chromium can use the session cookie.
		const authCookie = (await setupOwnerAndLogIn(n8nUrl, OWNER)).cookie;
		log(`owner ${OWNER.email} set up via POST /rest/owner/setup, logged in via POST /rest/login`);

		return { runtime, userFolder, sandbox, n8n, n8nUrl, authCookie, example, stepsExample, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

interface WorkflowFile {
	id?: string;
	name?: string;
	nodes?: Array<{ name: string; type: string }>;
}

function findExample(): ExampleWorkflow {
	const files = fs
		.readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort((a, b) => Number(b === PREFERRED_EXAMPLE) - Number(a === PREFERRED_EXAMPLE));
	for (const file of files) {
		const example = readExample(path.join(EXAMPLES_DIR, file));
		if (example) return example;
	}
	throw new Error(`no workflow with a ${NODE_TYPE} node and an "id" in ${EXAMPLES_DIR}`);
}

/** The workflow file as an ExampleWorkflow; undefined without an id or a LeadLex node. */
function readExample(file: string): ExampleWorkflow | undefined {
	const workflow = JSON.parse(fs.readFileSync(file, 'utf8')) as WorkflowFile;
	const leadlex = workflow.nodes?.find((node) => node.type === NODE_TYPE);
	if (!workflow.id || !leadlex) return undefined;
	return {
		file,
		id: workflow.id,
		name: workflow.name ?? workflow.id,
		nodeNames: (workflow.nodes ?? [])
			.filter((node) => node.type !== 'n8n-nodes-base.stickyNote')
			.map((node) => node.name),
		leadlexNode: leadlex.name,
	};
}
