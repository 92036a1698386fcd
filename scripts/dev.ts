/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals --
   dev tooling, never packed: runs the n8n editor and the sandbox and reports on the console. */
/**
 * `npm run dev` (builds first): the LeadLex sandbox and the n8n 2.x editor on
 * http://localhost:5678, with the freshly packed package installed, an owner account, the
 * "LeadLex sandbox" credential pointing at the sandbox, and the examples imported.
 *
 *   npx tsx scripts/dev.ts [--port 5678] [--sandbox-port 8787]
 *
 * The user folder is <cache>/dev-user (kept between runs: your own workflows stay; the package,
 * the credential and the examples are installed/imported again on every start).
 * Ctrl-C (SIGINT) or SIGTERM stops n8n, its task runners and the sandbox (whole process groups).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheRoot, ensureRuntime } from './n8n/runtime';
import {
	bcryptHash,
	CREDENTIAL_ID,
	CREDENTIAL_NAME,
	EXAMPLES_DIR,
	formatMs,
	importCredentials,
	importWorkflows,
	info,
	installPackage,
	installSignalHandlers,
	isPortFree,
	isShuttingDown,
	makeTempDir,
	packProject,
	stageWorkflows,
	startN8nServer,
	startSandboxProcess,
	stopAllChildren,
	writeCredentialsFile,
} from './n8n/harness';
import { SANDBOX_KEY_DESCRIPTIONS, SANDBOX_KEYS, type SandboxKeyName } from '../test/sandbox/seed';

const OWNER_EMAIL = 'dev@leadlex.example';
const OWNER_PASSWORD = 'LeadLex-dev-1';

function numberFlag(args: string[], name: string, fallback: number): number {
	const i = args.indexOf(name);
	if (i === -1) return fallback;
	const value = Number(args[i + 1]);
	if (!Number.isInteger(value) || value <= 0 || value > 65535)
		throw new Error(`${name} needs a port number`);
	return value;
}

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	const port = numberFlag(args, '--port', 5678);
	const sandboxPort = numberFlag(args, '--sandbox-port', 8787);
	const started = Date.now();
	const packDir = makeTempDir('leadlex-dev-pack-');

	installSignalHandlers(() => {
		fs.rmSync(packDir, { recursive: true, force: true });
		info('Stopped n8n and the sandbox.');
	});

	if (!(await isPortFree(port))) {
		throw new Error(
			`port ${port} is in use (another n8n, or an earlier \`npm run dev\`?). Stop it, or use \`npm run dev -- --port <other>\`.`,
		);
	}

	const runtime = await ensureRuntime('v2');
	const userFolder = path.join(cacheRoot(), 'dev-user');
	info(`n8n ${runtime.n8nVersion}; user folder ${userFolder}`);

	// The package: packed from the current build and installed again on every start.
	const packed = packProject(packDir);
	fs.rmSync(path.join(userFolder, '.n8n', 'nodes'), { recursive: true, force: true });
	installPackage(userFolder, packed.tarball);
	info(`installed ${path.basename(packed.tarball)} into ${path.join(userFolder, '.n8n', 'nodes')}`);

	const sandbox = await startSandboxProcess({ port: sandboxPort });
	info(`sandbox at ${sandbox.url}`);

	const credentialsFile = path.join(packDir, 'credentials.json');
	writeCredentialsFile(credentialsFile, [
		{ id: CREDENTIAL_ID, name: CREDENTIAL_NAME, apiKey: SANDBOX_KEYS.full, baseUrl: sandbox.url },
	]);
	await importCredentials(runtime, userFolder, credentialsFile);
	fs.rmSync(credentialsFile);
	const examples = fs
		.readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.map((f) => path.join(EXAMPLES_DIR, f));
	const staged = stageWorkflows(path.join(packDir, 'workflows'), examples);
	await importWorkflows(runtime, userFolder, path.join(packDir, 'workflows'));
	info(`imported the credential "${CREDENTIAL_NAME}" and ${staged.length} example workflows`);

	info(`starting n8n start on port ${port} (about 20-40 s)...`);
	const n8n = await startN8nServer(runtime, userFolder, {
		port,
		logFile: path.join(userFolder, 'n8n-dev.log'),
		env: {
			// n8n 2.x: the owner account comes from the environment, so the editor opens at the sign-in page.
			N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
			N8N_INSTANCE_OWNER_EMAIL: OWNER_EMAIL,
			N8N_INSTANCE_OWNER_PASSWORD_HASH: bcryptHash(runtime, OWNER_PASSWORD),
			N8N_INSTANCE_OWNER_FIRST_NAME: 'LeadLex',
			N8N_INSTANCE_OWNER_LAST_NAME: 'Developer',
		},
	});
	const server = n8n;
	const keyNames = Object.keys(SANDBOX_KEYS) as SandboxKeyName[];
	const width = Math.max(...keyNames.map((k) => k.length));
	info(`
================================================================================
 n8n ${runtime.n8nVersion} with n8n-nodes-leadlex is running (ready after ${formatMs(Date.now() - started)}).

 Open      ${server.url}
 Sign in   ${OWNER_EMAIL} / ${OWNER_PASSWORD}
 Workflows ${staged.map((w) => `"${w.name}"`).join(', ')}
 Credential "${CREDENTIAL_NAME}" (id ${CREDENTIAL_ID}) -> ${sandbox.url}

 LeadLex sandbox ${sandbox.url}
   state:  GET  ${sandbox.origin}/__sandbox/state     reset: POST ${sandbox.origin}/__sandbox/reset
   Demo API keys (fake; only the sandbox accepts them):
${keyNames.map((k) => `     ${k.padEnd(width)}  ${SANDBOX_KEYS[k]}  ${SANDBOX_KEY_DESCRIPTIONS[k]}`).join('\n')}

 n8n log   ${server.logFile}
 Stop      Ctrl-C (stops n8n, its task runners and the sandbox)
================================================================================`);

	// Stay up until a signal (handled above) or until a child dies on its own.
	await new Promise<void>((resolve) => {
		const died = (what: string) => (code: number | null, signal: NodeJS.Signals | null) => {
			if (isShuttingDown()) return;
			info(
				`\n${what} stopped on its own (${signal ?? `exit code ${code}`}); stopping the rest. n8n log: ${server.logFile}`,
			);
			process.exitCode = 1;
			resolve();
		};
		server.child.on('exit', died('n8n'));
		sandbox?.child.on('exit', died('The sandbox'));
	});
	await n8n.stop();
	await sandbox.stop();
	fs.rmSync(packDir, { recursive: true, force: true });
}

main().catch(async (error: Error) => {
	process.stderr.write(`\nnpm run dev failed: ${error.message}\n`);
	await stopAllChildren();
	process.exit(1);
});
