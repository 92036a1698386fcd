/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals,
   @n8n/community-nodes/no-dangerous-functions --
   dev tooling, never packed: packs the project, installs it into real n8n user folders, spawns the
   sandbox and n8n, and reports on the console. */
/**
 * What the end-to-end suite (test/e2e/run.ts), the demo (scripts/demo.ts) and the dev server
 * (scripts/dev.ts) share: the package packed and installed the way users install it, the LeadLex
 * sandbox as a child process, credential and workflow imports, and `n8n execute` with its run
 * parsed.
 *
 * Every child process this module starts runs in its own process group and is registered here;
 * killAllChildren() (also run on exit, SIGINT and SIGTERM once installSignalHandlers() is called)
 * kills those groups, so nothing is left running.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { n8nEnv, tail as runtimeTail, type RunResult, type Runtime } from './runtime';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
export const PACKAGE_NAME = 'n8n-nodes-leadlex';
export const NODE_TYPE = `${PACKAGE_NAME}.leadlex`;
export const EXAMPLES_DIR = path.join(PROJECT_ROOT, 'examples');

/** Credential ids the examples and e2e workflows refer to. */
export const CREDENTIAL_ID = 'leadlex-sandbox';
export const CREDENTIAL_NAME = 'LeadLex sandbox';
export const INVALID_CREDENTIAL_ID = 'leadlex-invalid-key';
export const INVALID_CREDENTIAL_NAME = 'LeadLex invalid key';
/** Fake keys beside the sandbox's own: `invalid` is unknown to the sandbox, which answers 401 invalid_key. */
export const E2E_KEYS = {
	invalid: 'wbk_e2e_invalid_9f3b1c7d5e2a4b6c8d0e1f2a3b4c5d6e',
} as const;

// ---------------------------------------------------------------- logging and timing

export function info(message: string): void {
	process.stdout.write(`${message}\n`);
}

export function formatMs(ms: number): string {
	return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
	const started = Date.now();
	const value = await fn();
	return { value, ms: Date.now() - started };
}

export function tail(text: string, lines = 25): string {
	return runtimeTail(text, lines, '    ');
}

/** Replaces each secret with a placeholder: for printing output that failed a check. */
export function redact(text: string, secrets: string[]): string {
	return secrets.reduce((acc, secret) => acc.split(secret).join('<redacted key>'), text);
}

// ---------------------------------------------------------------- child processes

const children = new Set<ChildProcess>();
/** The first signal stopGroup() sends, when it is not SIGTERM (PostgreSQL: SIGINT = fast shutdown). */
const stopSignals = new WeakMap<ChildProcess, NodeJS.Signals>();
let handlersInstalled = false;
let shuttingDown = false;

/** True once SIGINT/SIGTERM arrived: children exiting from then on are being stopped by us. */
export function isShuttingDown(): boolean {
	return shuttingDown;
}

/**
 * A detached helper that outlives this process: it is told every process group spawned here, and
 * when its stdin closes (this process ended, however: also by SIGKILL, as tsx does to a child that
 * is slow to acknowledge a Ctrl-C, for example while a spawnSync blocks it) it stops every group
 * still alive (its stop signal, SIGKILL after 10 s).
 */
const REAPER = `
const groups = new Map();
const alive = (g) => { try { process.kill(-g, 0); return true; } catch { return false; } };
const send = (g, s) => { try { process.kill(-g, s); } catch {} };
let buffer = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
	buffer += chunk;
	for (let i = buffer.indexOf('\\n'); i >= 0; i = buffer.indexOf('\\n')) {
		const [op, pgid, signal] = buffer.slice(0, i).split(' ');
		buffer = buffer.slice(i + 1);
		if (op === 'add') groups.set(Number(pgid), signal); else groups.delete(Number(pgid));
	}
});
process.stdin.on('end', () => {
	for (const [g, s] of groups) if (alive(g)) send(g, s);
	const deadline = Date.now() + 10000;
	const tick = () => {
		const left = [...groups.keys()].filter(alive);
		if (left.length === 0) process.exit(0);
		if (Date.now() > deadline) { for (const g of left) send(g, 'SIGKILL'); process.exit(0); }
		setTimeout(tick, 200);
	};
	tick();
});
`;
let reaper: ChildProcess | undefined;

function tellReaper(line: string): void {
	if (!reaper) {
		reaper = spawn(process.execPath, ['-e', REAPER], {
			stdio: ['pipe', 'ignore', 'ignore'],
			detached: true,
		});
		reaper.unref();
		(reaper.stdin as unknown as { unref?: () => void } | null)?.unref?.();
		reaper.stdin?.on('error', () => undefined);
	}
	reaper.stdin?.write(`${line}\n`);
}

/** Spawns in a new process group (detached), registered for stopAllChildren()/killAllChildrenNow(). */
export function spawnGroup(
	command: string,
	args: string[],
	/**
	 * `uid`/`gid`: run as another user (e.g. PostgreSQL, which refuses to run as root);
	 * `stopSignal`: what stopGroup() sends first (default SIGTERM).
	 */
	options: {
		cwd?: string;
		env?: NodeJS.ProcessEnv;
		uid?: number;
		gid?: number;
		stopSignal?: NodeJS.Signals;
	},
): ChildProcess {
	const child = spawn(command, args, {
		cwd: options.cwd ?? PROJECT_ROOT,
		env: options.env ?? process.env,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
		uid: options.uid,
		gid: options.gid,
	});
	children.add(child);
	if (options.stopSignal) stopSignals.set(child, options.stopSignal);
	if (child.pid !== undefined) tellReaper(`add ${child.pid} ${options.stopSignal ?? 'SIGTERM'}`);
	// Forgotten only once its whole group is gone (n8n's task runner can outlive n8n for a moment).
	child.on('exit', () => {
		if (!groupAlive(child)) forget(child);
	});
	return child;
}

function forget(child: ChildProcess): void {
	children.delete(child);
	if (child.pid !== undefined) tellReaper(`del ${child.pid}`);
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// the group is gone already
	}
}

function groupAlive(child: ChildProcess): boolean {
	return processGroupAlive(child.pid);
}

/** Whether any process of the group led by `pid` is still there. */
export function processGroupAlive(pid: number | undefined): boolean {
	if (pid === undefined) return false;
	try {
		process.kill(-pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** Its stop signal (SIGTERM) to the child's whole process group, SIGKILL after graceMs if any of it is still there. */
export async function stopGroup(child: ChildProcess, graceMs = 10_000): Promise<void> {
	if (!groupAlive(child)) {
		forget(child);
		return;
	}
	signalGroup(child, stopSignals.get(child) ?? 'SIGTERM');
	const deadline = Date.now() + graceMs;
	while (groupAlive(child) && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	if (groupAlive(child)) signalGroup(child, 'SIGKILL');
	forget(child);
}

/** Synchronous last resort (exit handler): SIGKILL every registered group. */
export function killAllChildrenNow(): void {
	for (const child of children) signalGroup(child, 'SIGKILL');
	children.clear();
}

export async function stopAllChildren(): Promise<void> {
	await Promise.all([...children].map((child) => stopGroup(child)));
}

/**
 * On SIGINT/SIGTERM: stop every registered child group, run `onSignal` (extra cleanup), exit 130/143.
 * On any exit: SIGKILL whatever is still registered.
 */
export function installSignalHandlers(onSignal?: () => Promise<void> | void): void {
	if (handlersInstalled) return;
	handlersInstalled = true;
	const handle = (signal: NodeJS.Signals) => {
		if (shuttingDown) return;
		shuttingDown = true;
		info(`\nReceived ${signal}: stopping child processes...`);
		void (async () => {
			try {
				await stopAllChildren();
				await onSignal?.();
			} finally {
				process.exit(signal === 'SIGINT' ? 130 : 143);
			}
		})();
	};
	process.on('SIGINT', handle);
	process.on('SIGTERM', handle);
	process.on('exit', killAllChildrenNow);
}

// ---------------------------------------------------------------- pack and install

/** npm's environment without the npm_* variables `npm run` adds (they carry the project's .npmrc). */
export function npmEnv(): NodeJS.ProcessEnv {
	return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
}

function npm(args: string[], cwd: string): { stdout: string; stderr: string } {
	const result = spawnSync('npm', args, {
		cwd,
		env: npmEnv(),
		encoding: 'utf8',
		timeout: 300_000,
	});
	if (result.status !== 0) {
		throw new Error(
			`npm ${args.join(' ')} (in ${cwd}) failed with ${result.error?.message ?? `exit code ${result.status}`}:\n` +
				tail(`${result.stdout ?? ''}\n${result.stderr ?? ''}`),
		);
	}
	return { stdout: result.stdout, stderr: result.stderr };
}

export interface PackedPackage {
	tarball: string;
	version: string;
	files: string[];
}

/** `npm pack` of the project as it is (dist/ must be built), into destDir. */
export function packProject(destDir: string): PackedPackage {
	const entry = path.join(PROJECT_ROOT, 'dist', 'nodes', 'Leadlex', 'Leadlex.node.js');
	if (!fs.existsSync(entry)) {
		throw new Error(
			`${path.relative(PROJECT_ROOT, entry)} is missing: run \`npm run build\` first.`,
		);
	}
	fs.mkdirSync(destDir, { recursive: true });
	const { stdout } = npm(
		['pack', '--ignore-scripts', '--json', '--pack-destination', destDir],
		PROJECT_ROOT,
	);
	const [report] = JSON.parse(stdout) as Array<{
		filename: string;
		version: string;
		files: Array<{ path: string }>;
	}>;
	const tarball = path.join(destDir, report.filename);
	if (!fs.existsSync(tarball)) throw new Error(`npm pack reported ${tarball}, but it is not there`);
	const files = report.files.map((f) => f.path);
	for (const required of [
		'package.json',
		'dist/nodes/Leadlex/Leadlex.node.js',
		'dist/credentials/LeadlexApi.credentials.js',
	]) {
		if (!files.includes(required)) throw new Error(`the packed package lacks ${required}`);
	}
	return { tarball, version: report.version, files };
}

/**
 * Installs the tarball into `<userFolder>/.n8n/nodes` as a user would by hand
 * (`npm install <package>` there). `--legacy-peer-deps` keeps npm from installing its own
 * n8n-workflow (the peer dependency): n8n provides it. (`--omit=peer` does the same but first
 * resolves n8n-workflow's whole tree from the registry: 7-16 s instead of 1-2 s.)
 */
export function installPackage(userFolder: string, tarball: string): string {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	const manifest = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(manifest)) {
		fs.writeFileSync(
			manifest,
			JSON.stringify({ name: 'installed-nodes', private: true }, null, 2) + '\n',
		);
	}
	npm(
		['install', tarball, '--legacy-peer-deps', '--no-audit', '--no-fund', '--no-package-lock'],
		nodesDir,
	);
	const installed = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
	if (!fs.existsSync(path.join(installed, 'dist', 'nodes', 'Leadlex', 'Leadlex.node.js'))) {
		throw new Error(`npm install did not put ${PACKAGE_NAME} into ${installed}`);
	}
	const peer = path.join(nodesDir, 'node_modules', 'n8n-workflow');
	if (fs.existsSync(peer)) {
		throw new Error(`npm installed its own n8n-workflow into ${peer}; n8n's must be used`);
	}
	return installed;
}

export function makeTempDir(prefix: string): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

// ---------------------------------------------------------------- the sandbox process

export interface SandboxProcess {
	/** Base URL for the credential: http://127.0.0.1:PORT/functions/v1/api-gateway */
	url: string;
	/** http://127.0.0.1:PORT, where the admin routes live. */
	origin: string;
	child: ChildProcess;
	/** Everything it printed so far. */
	output(): string;
	stop(): Promise<void>;
	admin: SandboxAdmin;
}

/** A step as the sandbox holds it (the same object LeadLex's API returns). */
export interface SandboxStep {
	id: string;
	index: number;
	subject: string;
	body: string;
	delay_days: number;
	delay_hours: number;
	send_condition: string;
	created_at: string;
}

export interface SandboxCampaign {
	id: string;
	name: string;
	status: string;
	step_count: number;
	steps: SandboxStep[];
}

export interface SandboxRequest {
	method: string;
	path: string;
	status: number;
	at: number;
	/** The raw request body as received (POST, PATCH); absent when none was sent. */
	body?: string;
	/** The query string as sent, without the `?` (empty when there was none). */
	query?: string;
}

/** A webhook as the sandbox holds it (with its secret). */
export interface SandboxWebhook {
	id: string;
	url: string;
	events: string[];
	active: boolean;
	secret: string;
}

/** One delivery attempt the sandbox made (status 0: no answer). */
export interface SandboxDelivery {
	webhookId: string;
	url: string;
	event: string;
	deliveryId: string;
	attempt: number;
	headers: Record<string, string>;
	body: string;
	status: number;
	error?: string;
	responseBody?: string;
}

/** A contact as the sandbox holds it (the fields the suites read; notes left out). */
export interface SandboxContact {
	id: string;
	first_name: string;
	last_name: string;
	full_name: string;
	email: string | null;
	phone: string | null;
	job_title: string | null;
	company: string | null;
	priority: string | null;
	tags: string[];
	created_date: string;
	updated_date: string;
}

/** A note, task or activity made through the API, as the sandbox holds it (the fields the suites read). */
export interface SandboxCrmRecord {
	id: string;
	title: string;
	contact_id: string | null;
	deal_id: string | null;
	created_date: string;
	[field: string]: unknown;
}

/** A note as the sandbox holds it (created through POST /v1/notes). */
export interface SandboxNote extends SandboxCrmRecord {
	id: string;
	title: string;
	content: string;
	note_type: string;
	contact_id: string | null;
	related_company_id: string | null;
	deal_id: string | null;
}

/** A task as the sandbox holds it (created through POST /v1/tasks). */
export interface SandboxTask extends SandboxCrmRecord {
	id: string;
	title: string;
	status: string;
	due_date: string | null;
	contact_id: string | null;
	deal_id: string | null;
	event_id: string | null;
}

export interface SandboxAdmin {
	state(): Promise<{ campaigns: SandboxCampaign[] }>;
	/**
	 * `GET /__sandbox/contacts`: the main workspace's contacts with that email (not
	 * case-sensitive), or all of them; `total` counts all of them either way.
	 */
	contacts(email?: string): Promise<{ total: number; contacts: SandboxContact[] }>;
	/** `GET /__sandbox/crm`: the main workspace's notes, tasks and activities, in creation order. */
	crm(): Promise<{
		notes: SandboxNote[];
		tasks: SandboxTask[];
		activities: SandboxCrmRecord[];
	}>;
	webhooks(): Promise<{ webhooks: SandboxWebhook[]; deliveries: SandboxDelivery[] }>;
	/** `POST /__sandbox/webhooks/emit` (`retry: false` unless given): the deliveries it made. */
	emit(body: Record<string, unknown>): Promise<SandboxDelivery[]>;
	steps(campaignId: string): Promise<SandboxStep[]>;
	/** Recorded API requests (their headers are left out: they hold the key). */
	requests(): Promise<SandboxRequest[]>;
	reset(): Promise<void>;
	options(partial: Record<string, unknown>): Promise<Record<string, unknown>>;
	/** `POST /__sandbox/faults`: the sandbox answers matching requests with this fault. */
	fault(fault: Record<string, unknown>, times?: number): Promise<void>;
}

function sandboxAdmin(origin: string): SandboxAdmin {
	const call = async (method: string, route: string, body?: unknown): Promise<unknown> => {
		const response = await fetch(`${origin}/__sandbox/${route}`, {
			method,
			headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok)
			throw new Error(`sandbox ${method} /__sandbox/${route}: HTTP ${response.status} ${text}`);
		return JSON.parse(text) as unknown;
	};
	const admin: SandboxAdmin = {
		state: async () => (await call('GET', 'state')) as { campaigns: SandboxCampaign[] },
		contacts: async (email) => {
			const query = email === undefined ? '' : `?email=${encodeURIComponent(email)}`;
			const { total, contacts } = (await call('GET', `contacts${query}`)) as {
				total: number;
				contacts: Array<SandboxContact & { notes?: unknown; note_records?: unknown }>;
			};
			for (const contact of contacts) {
				delete contact.notes;
				delete contact.note_records;
			}
			return { total, contacts };
		},
		crm: async () => (await call('GET', 'crm')) as Awaited<ReturnType<SandboxAdmin['crm']>>,
		webhooks: async () =>
			(await call('GET', 'webhooks')) as {
				webhooks: SandboxWebhook[];
				deliveries: SandboxDelivery[];
			},
		emit: async (body) =>
			(
				(await call('POST', 'webhooks/emit', { retry: false, ...body })) as {
					deliveries: SandboxDelivery[];
				}
			).deliveries,
		steps: async (campaignId) => {
			const { campaigns } = await admin.state();
			return campaigns.find((c) => c.id === campaignId)?.steps ?? [];
		},
		requests: async () => {
			const { requests } = (await call('GET', 'requests')) as {
				requests: Array<SandboxRequest & { rawPath?: string }>;
			};
			return requests.map(({ method, path: p, status, at, body, rawPath = '' }) => ({
				method,
				path: p,
				status,
				at,
				body,
				query: rawPath.includes('?') ? rawPath.slice(rawPath.indexOf('?') + 1) : '',
			}));
		},
		reset: async () => {
			await call('POST', 'reset', {});
		},
		options: async (partial) =>
			((await call('POST', 'options', partial)) as { options: Record<string, unknown> }).options,
		fault: async (fault, times = 1) => {
			await call('POST', 'faults', {
				fault,
				match: { pathIncludes: '/steps/' },
				times: Number.isFinite(times) ? times : 'Infinity',
			});
		},
	};
	return admin;
}

/**
 * Starts `tsx test/sandbox/cli.ts` (port 0 = any free port; the CLI itself falls back to a free
 * port when the one asked for is busy) and waits for the base URL it prints.
 */
export async function startSandboxProcess(
	/** `args`: extra CLI flags, e.g. `['--allow-loopback-webhooks']`. */
	opts: { port?: number; timeoutMs?: number; args?: string[] } = {},
): Promise<SandboxProcess> {
	if (shuttingDown) throw new Error('shutting down: not starting the sandbox');
	const tsxCli = require.resolve('tsx/cli', { paths: [PROJECT_ROOT] });
	const child = spawnGroup(
		process.execPath,
		[
			tsxCli,
			path.join('test', 'sandbox', 'cli.ts'),
			'--port',
			String(opts.port ?? 0),
			...(opts.args ?? []),
		],
		{
			cwd: PROJECT_ROOT,
			env: npmEnv(),
		},
	);
	let output = '';
	child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
	child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
	const url = await new Promise<string>((resolve, reject) => {
		const timer = setTimeout(() => {
			reject(
				new Error(
					`the sandbox printed no base URL within ${opts.timeoutMs ?? 30_000} ms:\n${tail(output)}`,
				),
			);
		}, opts.timeoutMs ?? 30_000);
		const check = () => {
			const match = /Base URL[^:]*:\s*(http:\/\/\S+)/.exec(output);
			if (match) {
				clearTimeout(timer);
				resolve(match[1]);
			}
		};
		child.stdout?.on('data', check);
		child.on('exit', (code, signal) => {
			clearTimeout(timer);
			reject(
				new Error(
					`the sandbox exited (${signal ?? `code ${code}`}) before printing its URL:\n${tail(output)}`,
				),
			);
		});
	});
	const origin = new URL(url).origin;
	return {
		url,
		origin,
		child,
		output: () => output,
		stop: () => stopGroup(child, 5_000),
		admin: sandboxAdmin(origin),
	};
}

// ---------------------------------------------------------------- n8n CLI

/**
 * `n8n <args>` like runtime.ts's runN8n (same node, n8n and environment), but in its own process
 * group registered here, so a signal or a timeout stops it with its task runner: runN8n's child is
 * not reachable from outside. Resolves (never rejects) with the exit code and the output.
 */
export function runN8nCli(
	runtime: Runtime,
	userFolder: string,
	args: string[],
	opts: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<RunResult> {
	if (shuttingDown) return Promise.reject(new Error('shutting down: not starting n8n'));
	const timeoutMs = opts.timeoutMs ?? 180_000;
	return new Promise((resolve) => {
		const child = spawnGroup(runtime.nodeBin, [runtime.n8nBin, ...args], {
			cwd: process.cwd(),
			env: { ...n8nEnv(runtime, userFolder), ...opts.env },
		});
		let stdout = '';
		let stderr = '';
		let timedOut = false;
		child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
		child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
		const timer = setTimeout(() => {
			timedOut = true;
			void stopGroup(child);
		}, timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			resolve({ code: null, signal: null, stdout, stderr: `${stderr}${String(error)}`, timedOut });
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			// Its task runner may outlive it for a moment: the whole group goes.
			void stopGroup(child, 2_000);
			resolve({ code, signal, stdout, stderr, timedOut });
		});
	});
}

// ---------------------------------------------------------------- n8n CLI: imports

export interface CredentialSpec {
	id: string;
	name: string;
	apiKey: string;
	baseUrl: string;
}

/** The file `n8n import:credentials` takes: plain `data`, which n8n encrypts on import. */
export function writeCredentialsFile(file: string, credentials: CredentialSpec[]): void {
	const entries = credentials.map((c) => ({
		id: c.id,
		name: c.name,
		type: 'leadlexApi',
		data: { apiKey: c.apiKey, baseUrl: c.baseUrl },
	}));
	fs.writeFileSync(file, JSON.stringify(entries, null, 2) + '\n', { mode: 0o600 });
}

async function runChecked(
	runtime: Runtime,
	userFolder: string,
	args: string[],
	expect: RegExp,
	env?: NodeJS.ProcessEnv,
): Promise<RunResult> {
	const result = await runN8nCli(runtime, userFolder, args, { timeoutMs: 180_000, env });
	const text = `${result.stdout}\n${result.stderr}`;
	if (result.code !== 0 || !expect.test(text)) {
		throw new Error(
			`n8n ${args.join(' ')} failed (${result.timedOut ? 'timed out' : (result.signal ?? `exit code ${result.code}`)}):\n${tail(text)}`,
		);
	}
	return result;
}

/** `env`: merged over n8nEnv (e.g. queue mode's database settings). */
export async function importCredentials(
	runtime: Runtime,
	userFolder: string,
	file: string,
	env?: NodeJS.ProcessEnv,
): Promise<void> {
	await runChecked(
		runtime,
		userFolder,
		['import:credentials', `--input=${file}`],
		/Successfully imported \d+ credential/,
		env,
	);
}

/** Imports every .json in `dir`, one workflow per file, in one n8n call. Returns how many. */
export async function importWorkflows(
	runtime: Runtime,
	userFolder: string,
	dir: string,
	env?: NodeJS.ProcessEnv,
): Promise<number> {
	const result = await runChecked(
		runtime,
		userFolder,
		['import:workflow', '--separate', `--input=${dir}`],
		/Successfully imported \d+ workflow/,
		env,
	);
	return Number(/Successfully imported (\d+) workflow/.exec(result.stdout)?.[1] ?? 0);
}

/** Copies workflow files (examples and test variants) into one folder for a single import call. */
export function stageWorkflows(
	destDir: string,
	files: string[],
): Array<{ file: string; id: string; name: string }> {
	fs.mkdirSync(destDir, { recursive: true });
	return files.map((file) => {
		const workflow = JSON.parse(fs.readFileSync(file, 'utf8')) as { id?: string; name?: string };
		if (!workflow.id)
			throw new Error(`${file} has no "id": the CLI import needs one to run it by id`);
		fs.copyFileSync(file, path.join(destDir, `${workflow.id}.json`));
		return { file, id: workflow.id, name: workflow.name ?? workflow.id };
	});
}

// ---------------------------------------------------------------- n8n CLI: execute

export interface NodeItem {
	json: Record<string, unknown>;
	pairedItem?: unknown;
	error?: unknown;
}

export interface NodeRun {
	executionStatus?: string;
	/** How long the node ran, in ms. */
	executionTime?: number;
	error?: { message?: string; description?: string };
	data?: { main?: Array<NodeItem[] | null> };
}

export interface RunJson {
	status?: string;
	finished?: boolean;
	mode?: string;
	data?: {
		resultData?: {
			runData?: Record<string, NodeRun[]>;
			error?: { message?: string; description?: string; node?: { name?: string } };
			lastNodeExecuted?: string;
		};
	};
}

export interface Execution {
	workflowId: string;
	/** The run n8n printed, undefined when it printed none. */
	run: RunJson | undefined;
	/** The run's top-level status ("success", "error", ...). */
	status: string | undefined;
	/** The workflow-level error message, when the run failed. */
	errorMessage: string | undefined;
	/** stdout + stderr of `n8n execute`. */
	output: string;
	exitCode: number | null;
	signal: NodeJS.Signals | null;
	ms: number;
}

/** Thrown when n8n did not load the package: every later check would be meaningless. */
export class PackageNotLoadedError extends Error {}

const NOT_LOADED =
	/Unrecognized node type:?\s*n8n-nodes-leadlex[^\s"]*|Unknown node type:?\s*n8n-nodes-leadlex[^\s"]*|n8n-nodes-leadlex\.leadlex[^\n]*(?:not known|is not installed|unknown)/i;

/**
 * The run JSON `n8n execute --rawOutput` prints: from a line that is exactly `{` to the next line
 * that is exactly `}` (the JSON is indented, so only its own braces sit in column 0). Log lines
 * come before it, and on failure after it.
 */
export function parseRun(stdout: string): RunJson | undefined {
	const lines = stdout.replace(/\r\n/g, '\n').split('\n');
	for (let start = 0; start < lines.length; start++) {
		if (lines[start] !== '{') continue;
		const end = lines.indexOf('}', start + 1);
		if (end === -1) return undefined;
		try {
			return JSON.parse(lines.slice(start, end + 1).join('\n')) as RunJson;
		} catch {
			start = end;
		}
	}
	return undefined;
}

/**
 * `n8n execute --id=<id> --rawOutput`. Judges nothing but "did n8n load the package": a run is
 * read from what n8n printed, not from the exit code (a failed run exits 1; n8n 2.x sometimes
 * segfaults on exit after printing a complete run).
 */
export async function executeWorkflow(
	runtime: Runtime,
	userFolder: string,
	workflowId: string,
): Promise<Execution> {
	const started = Date.now();
	const result = await runN8nCli(
		runtime,
		userFolder,
		['execute', `--id=${workflowId}`, '--rawOutput'],
		{
			timeoutMs: 180_000,
		},
	);
	const ms = Date.now() - started;
	const output = `${result.stdout}\n${result.stderr}`;
	const notLoaded = NOT_LOADED.exec(output);
	if (notLoaded) {
		throw new PackageNotLoadedError(
			`n8n ${runtime.n8nVersion} did not load the package ${PACKAGE_NAME}: "${notLoaded[0].trim()}".\n` +
				`  Installed into ${path.join(userFolder, '.n8n', 'nodes')}; check that folder's node_modules and n8n's log:\n${tail(output)}`,
		);
	}
	const run = parseRun(result.stdout);
	return {
		workflowId,
		run,
		status: run?.status,
		errorMessage:
			run?.data?.resultData?.error?.message ?? (run ? undefined : executionErrorFromLog(output)),
		output,
		exitCode: result.code,
		signal: result.signal,
		ms,
	};
}

/** When no run JSON was printed, n8n 2.x prints "Execution error:\n====\n<message>". */
function executionErrorFromLog(output: string): string | undefined {
	return /Execution error:\s*\n=+\n([^\n]+)/.exec(output)?.[1];
}

/** The node's last run in an execution. */
export function nodeRun(execution: Execution, nodeName: string): NodeRun | undefined {
	const runs = execution.run?.data?.resultData?.runData?.[nodeName];
	return runs?.[runs.length - 1];
}

/** Items of one output of a node (0 = main/success, 1 = the error output with "continueErrorOutput"). */
export function outputItems(execution: Execution, nodeName: string, output = 0): NodeItem[] {
	return nodeRun(execution, nodeName)?.data?.main?.[output] ?? [];
}

// ---------------------------------------------------------------- n8n's database

export interface DatabaseDump {
	/** Row count per table. */
	tables: Record<string, number>;
	/** Every text/blob cell as text, table by table. */
	text: Record<string, string>;
	executionIds: string[];
}

/**
 * Reads `<userFolder>/.n8n/database.sqlite` with the sqlite3 driver of the n8n install (run by the
 * runtime's node, which it is built for): every table, every row, as text.
 */
export function dumpDatabase(runtime: Runtime, userFolder: string): DatabaseDump {
	const dbFile = path.join(userFolder, '.n8n', 'database.sqlite');
	if (!fs.existsSync(dbFile)) throw new Error(`n8n's database is not at ${dbFile}`);
	const script = `
const sqlite3 = require(${JSON.stringify(path.join(runtime.installDir, 'node_modules', 'sqlite3'))});
const db = new sqlite3.Database(${JSON.stringify(dbFile)}, sqlite3.OPEN_READONLY);
const all = (sql) => new Promise((res, rej) => db.all(sql, (e, rows) => (e ? rej(e) : res(rows))));
(async () => {
	const tables = (await all("SELECT name FROM sqlite_master WHERE type = 'table'")).map((r) => r.name);
	const out = { tables: {}, text: {}, executionIds: [] };
	for (const t of tables) {
		const rows = await all('SELECT * FROM "' + t.replace(/"/g, '""') + '"');
		out.tables[t] = rows.length;
		out.text[t] = rows.map((r) => Object.values(r).map((v) => Buffer.isBuffer(v) ? v.toString('utf8') : String(v)).join('\\u0001')).join('\\n');
	}
	out.executionIds = (await all('SELECT executionId FROM execution_data ORDER BY executionId')).map((r) => String(r.executionId));
	db.close();
	process.stdout.write(JSON.stringify(out));
})().catch((e) => { process.stderr.write(String(e && e.stack || e)); process.exit(1); });
`;
	const result = spawnSync(runtime.nodeBin, ['-e', script], {
		cwd: runtime.installDir,
		encoding: 'utf8',
		maxBuffer: 512 * 1024 * 1024,
		timeout: 60_000,
	});
	if (result.status !== 0) {
		throw new Error(`reading ${dbFile} failed:\n${tail(`${result.stdout}\n${result.stderr}`)}`);
	}
	return JSON.parse(result.stdout) as DatabaseDump;
}

/** Where `secret` occurs in the dump: the table names. */
export function tablesContaining(dump: DatabaseDump, secret: string): string[] {
	return Object.entries(dump.text)
		.filter(([, text]) => text.includes(secret))
		.map(([table]) => table);
}

// ---------------------------------------------------------------- n8n start (the editor)

export interface N8nServer {
	child: ChildProcess;
	url: string;
	logFile: string;
	stop(): Promise<void>;
}

/** Whether nothing accepts connections on 127.0.0.1:port (and nothing holds it on any interface). */
export function isPortFree(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen({ port, host: '0.0.0.0', exclusive: true }, () =>
			server.close(() => resolve(true)),
		);
	});
}

/** Any free TCP port on 127.0.0.1 (the OS picks it; free when this resolves). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

/** A long-running n8n command (`start`, `worker`) in its own process group, output to logFile. */
interface LoggedN8n {
	child: ChildProcess;
	/** Set once the process exited: its signal or "exit code N". */
	exited(): string | undefined;
}

function spawnN8nLogged(
	runtime: Runtime,
	userFolder: string,
	args: string[],
	env: NodeJS.ProcessEnv,
	logFile: string,
): LoggedN8n {
	const log = fs.openSync(logFile, 'w');
	const child = spawnGroup(runtime.nodeBin, [runtime.n8nBin, ...args], { cwd: userFolder, env });
	const write = (chunk: Buffer) => fs.writeSync(log, chunk);
	child.stdout?.on('data', write);
	child.stderr?.on('data', write);
	child.on('close', () => fs.closeSync(log));
	let exited: string | undefined;
	child.on('exit', (code, signal) => (exited = signal ?? `exit code ${code}`));
	return { child, exited: () => exited };
}

/** Polls `ready` until it holds; on exit or timeout stops the process and throws with the log's tail. */
async function waitUntilReady(
	what: string,
	proc: LoggedN8n,
	logFile: string,
	timeoutMs: number,
	ready: (log: string) => Promise<boolean>,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline && !proc.exited()) {
		try {
			if (await ready(fs.readFileSync(logFile, 'utf8'))) return;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	await stopGroup(proc.child, 20_000);
	const logText = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
	throw new Error(
		`${what} ${proc.exited() ? `ended (${proc.exited()})` : `was not ready within ${Math.round(timeoutMs / 1000)} s`} ` +
			`(log: ${logFile}):\n${tail(logText)}`,
	);
}

/**
 * `n8n start` in its own process group; its output goes to logFile. Resolves once GET /healthz
 * answers 200 and n8n printed "Editor is now accessible" (/healthz answers before the REST routes
 * exist); rejects (after stopping it) if it exits or is not ready in time.
 */
export async function startN8nServer(
	runtime: Runtime,
	userFolder: string,
	opts: { port: number; env?: NodeJS.ProcessEnv; logFile: string; timeoutMs?: number },
): Promise<N8nServer> {
	if (shuttingDown) throw new Error('shutting down: not starting n8n');
	const env = {
		...n8nEnv(runtime, userFolder),
		N8N_PORT: String(opts.port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		...opts.env,
	};
	const proc = spawnN8nLogged(runtime, userFolder, ['start'], env, opts.logFile);
	await waitUntilReady('n8n start', proc, opts.logFile, opts.timeoutMs ?? 180_000, async (log) => {
		const response = await fetch(`http://127.0.0.1:${opts.port}/healthz`);
		return response.status === 200 && log.includes('Editor is now accessible');
	});
	return {
		child: proc.child,
		url: `http://localhost:${opts.port}`,
		logFile: opts.logFile,
		stop: () => stopGroup(proc.child, 20_000),
	};
}

export interface N8nWorker {
	child: ChildProcess;
	logFile: string;
	/** Its health-check server: http://127.0.0.1:PORT/healthz */
	healthPort: number;
	stop(): Promise<void>;
}

/**
 * `n8n worker --concurrency=N` (queue mode: `env` carries EXECUTIONS_MODE, the database, Redis and
 * the encryption key) in its own process group, output to logFile, with its health-check server on
 * 127.0.0.1:healthPort. Resolves once /healthz answers 200 and it printed "n8n worker is now ready".
 */
export async function startN8nWorker(
	runtime: Runtime,
	userFolder: string,
	opts: {
		concurrency: number;
		healthPort: number;
		env?: NodeJS.ProcessEnv;
		logFile: string;
		timeoutMs?: number;
	},
): Promise<N8nWorker> {
	if (shuttingDown) throw new Error('shutting down: not starting an n8n worker');
	const env = {
		...n8nEnv(runtime, userFolder),
		QUEUE_HEALTH_CHECK_ACTIVE: 'true',
		QUEUE_HEALTH_CHECK_PORT: String(opts.healthPort),
		N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		...opts.env,
	};
	const args = ['worker', `--concurrency=${opts.concurrency}`];
	const proc = spawnN8nLogged(runtime, userFolder, args, env, opts.logFile);
	await waitUntilReady('n8n worker', proc, opts.logFile, opts.timeoutMs ?? 180_000, async (log) => {
		const response = await fetch(`http://127.0.0.1:${opts.healthPort}/healthz`);
		return response.status === 200 && log.includes('n8n worker is now ready');
	});
	return {
		child: proc.child,
		logFile: opts.logFile,
		healthPort: opts.healthPort,
		stop: () => stopGroup(proc.child, 20_000),
	};
}

/** A bcrypt hash made with the n8n install's own bcryptjs (for N8N_INSTANCE_OWNER_PASSWORD_HASH). */
export function bcryptHash(runtime: Runtime, password: string): string {
	const script = `process.stdout.write(require(${JSON.stringify(path.join(runtime.installDir, 'node_modules', 'bcryptjs'))}).hashSync(process.argv[1], 10))`;
	const result = spawnSync(runtime.nodeBin, ['-e', script, password], {
		encoding: 'utf8',
		timeout: 30_000,
	});
	if (result.status !== 0 || !result.stdout.startsWith('$2')) {
		throw new Error(
			`could not hash the owner password with bcryptjs:\n${tail(result.stderr ?? '')}`,
		);
	}
	return result.stdout;
}

// ---------------------------------------------------------------- n8n's REST API (a running n8n start)

export interface OwnerAccount {
	email: string;
	firstName: string;
	lastName: string;
	password: string;
}

/** A logged-in session with a running `n8n start`: `call` answers the response's `data`. */
export interface N8nRest {
	url: string;
	/** Value of the `n8n-auth` session cookie. */
	cookie: string;
	call<T = unknown>(method: string, route: string, body?: unknown): Promise<T>;
}

/** `POST /rest/owner/setup`, then `POST /rest/login` (no `browser-id`, so a browser may reuse the cookie). */
export async function setupOwnerAndLogIn(url: string, owner: OwnerAccount): Promise<N8nRest> {
	const setup = await fetch(`${url}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(owner),
	});
	if (!setup.ok)
		throw new Error(`POST /rest/owner/setup: HTTP ${setup.status} ${await setup.text()}`);
	const login = await fetch(`${url}/rest/login`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: owner.email, password: owner.password }),
	});
	if (!login.ok) throw new Error(`POST /rest/login: HTTP ${login.status} ${await login.text()}`);
	const cookie = login.headers
		.getSetCookie()
		.map((header) => /^n8n-auth=([^;]+)/.exec(header)?.[1])
		.find(Boolean);
	if (!cookie) throw new Error('POST /rest/login answered without an n8n-auth cookie');
	return n8nRest(url, cookie);
}

export function n8nRest(url: string, cookie: string): N8nRest {
	return {
		url,
		cookie,
		call: async <T>(method: string, route: string, body?: unknown): Promise<T> => {
			const response = await fetch(`${url}/rest/${route.replace(/^\//, '')}`, {
				method,
				headers: {
					Cookie: `n8n-auth=${cookie}`,
					...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
				},
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			const text = await response.text();
			if (!response.ok)
				throw new Error(`${method} /rest/${route}: HTTP ${response.status} ${text}`);
			return (JSON.parse(text) as { data: T }).data;
		},
	};
}

interface WorkflowState {
	active?: boolean;
	versionId?: string;
	activeVersionId?: string | null;
}

/**
 * Activates (or deactivates) a workflow through the running server, as the editor does, and
 * resolves once n8n reports it so: `POST /rest/workflows/<id>/activate` with the `versionId` of
 * `GET /rest/workflows/<id>` (`/deactivate` without a body). 1.x acts at once (an activation error is
 * an HTTP 400); 2.x answers 200 at once and acts in the background, so this polls `active`, and on
 * timeout reports `GET .../publication-status`. `until` (e.g. "the sandbox lists the webhook") is
 * polled too before resolving.
 */
export async function setWorkflowActive(
	rest: N8nRest,
	workflowId: string,
	active: boolean,
	opts: { timeoutMs?: number; until?: () => Promise<boolean> } = {},
): Promise<void> {
	const workflow = await rest.call<WorkflowState>('GET', `workflows/${workflowId}`);
	if (active) {
		await rest.call('POST', `workflows/${workflowId}/activate`, {
			versionId: workflow.versionId,
		});
	} else {
		await rest.call('POST', `workflows/${workflowId}/deactivate`, {});
	}
	const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
	for (;;) {
		const now = await rest.call<WorkflowState>('GET', `workflows/${workflowId}`);
		const isActive = now.active === true || Boolean(now.activeVersionId);
		if (isActive === active && (!opts.until || (await opts.until()))) return;
		if (Date.now() > deadline) {
			const status = await rest
				.call('GET', `workflows/${workflowId}/publication-status`)
				.then((s) => JSON.stringify(s))
				.catch((error: Error) => `(no publication status: ${error.message})`);
			throw new Error(
				`workflow ${workflowId} is ${isActive ? 'active' : 'inactive'} ${opts.timeoutMs ?? 30_000} ms after ` +
					`${active ? 'activating' : 'deactivating'} it (publication status: ${status})`,
			);
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

// ---------------------------------------------------------------- n8n's REST API: executions

export interface ExecutionSummary {
	id: string;
	status: string;
	mode: string;
	finished?: boolean;
	startedAt?: string;
	stoppedAt?: string;
}

/**
 * `GET /rest/executions?filter={"workflowId"}`, newest first: the same route and answer shape on
 * 1.x and 2.x. Pages of at most 100 (2.41 refuses a larger `limit`): 2.41 hands out a `nextCursor`,
 * 1.x pages below the last ID seen (`lastId`, which 2.41 refuses).
 */
export async function listExecutions(
	rest: N8nRest,
	workflowId: string,
	limit = 250,
): Promise<ExecutionSummary[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const found: ExecutionSummary[] = [];
	let next = '';
	for (;;) {
		const page = Math.min(100, limit - found.length);
		const data = await rest.call<{ results: ExecutionSummary[]; nextCursor?: unknown }>(
			'GET',
			`executions?filter=${filter}&limit=${page}${next}`,
		);
		found.push(...data.results.map((e) => ({ ...e, id: String(e.id) })));
		if (data.results.length < page || found.length >= limit) return found;
		if (typeof data.nextCursor === 'string') {
			next = `&cursor=${encodeURIComponent(data.nextCursor)}`;
		} else if (data.nextCursor === null) return found;
		else next = `&lastId=${found[found.length - 1].id}`;
	}
}

export interface StoredExecution {
	summary: ExecutionSummary;
	/** The whole `GET /rest/executions/<id>` answer's `data`, as text. */
	text: string;
	/** Its run data, parsed from n8n's flatted `data` field. */
	runData: Record<string, NodeRun[]>;
	/** The workflow snapshot stored with it. */
	workflowData: { staticData?: unknown };
}

/** n8n stores run data as `flatted` text: parsed with the n8n install's own copy of flatted. */
export function flattedParser(runtime: Runtime): (text: string) => unknown {
	const fromN8n = createRequire(
		path.join(runtime.installDir, 'node_modules', 'n8n', 'package.json'),
	);
	return (fromN8n('flatted') as { parse: (text: string) => unknown }).parse;
}

export async function readExecution(
	rest: N8nRest,
	summary: ExecutionSummary,
	parseFlatted: (text: string) => unknown,
): Promise<StoredExecution> {
	const data = await rest.call<{ data: string; workflowData: { staticData?: unknown } }>(
		'GET',
		`executions/${summary.id}`,
	);
	const run = parseFlatted(data.data) as { resultData?: { runData?: Record<string, NodeRun[]> } };
	return {
		summary,
		text: JSON.stringify(data),
		runData: run.resultData?.runData ?? {},
		workflowData: data.workflowData,
	};
}

/** Calls `fn` every `intervalMs` until it returns something other than undefined. */
export async function poll<T>(
	what: string,
	fn: () => Promise<T | undefined>,
	timeoutMs = 15_000,
	intervalMs = 250,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await fn();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${what}`);
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
}
