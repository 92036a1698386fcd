/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals,
   @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/require-node-api-error, no-console --
   dev tooling, never packed: installs n8n with npm, spawns it, and reports on the console. */
/**
 * Installs and runs pinned, real n8n releases from a cache outside the repo,
 * so tests and the sandbox can load this package into the engine users run.
 *
 *   npx tsx scripts/n8n/runtime.ts [v1|v2|all]
 *
 * Cache root: $LEADLEX_N8N_CACHE or ~/.cache/n8n-nodes-leadlex. Each install
 * folder gets a `.leadlex-ready` marker only after it installed and passed a
 * smoke check; a folder without it is deleted and installed again.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export type RuntimeTarget = 'v1' | 'v2';

export interface TargetSpec {
	n8nVersion: string;
	/** Version of the registry's `node` package to run n8n with; null = this machine's Node. */
	registryNodeVersion: string | null;
	/** Written into the install folder's own package.json, never into the published package. */
	overrides: Record<string, string>;
	/** Extra environment n8n needs on this machine. */
	env: Record<string, string>;
	/** Rough duration of a cold install, for the progress line. */
	coldInstallHint: string;
}

export interface Runtime {
	target: RuntimeTarget;
	n8nVersion: string;
	/** Absolute path of the node binary that runs this n8n. */
	nodeBin: string;
	/** Absolute path of n8n's `bin/n8n` JS entry. */
	n8nBin: string;
	/** Extra env vars this runtime needs (merged last by n8nEnv). */
	env: Record<string, string>;
	/** Folder holding node_modules/n8n. */
	installDir: string;
}

export interface RunResult {
	/** null when the process ended by a signal. */
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	timedOut: boolean;
}

export interface RunOptions {
	timeoutMs?: number;
	/** Merged over n8nEnv(). */
	env?: NodeJS.ProcessEnv;
	/** Defaults to the caller's cwd, so relative --input paths work. */
	cwd?: string;
}

export const TARGETS: Readonly<Record<RuntimeTarget, TargetSpec>> = {
	v1: {
		n8nVersion: '1.123.81',
		registryNodeVersion: null,
		// A transitive dependency points xlsx at a download host this machine cannot reach.
		overrides: { xlsx: '0.18.5' },
		env: {
			// The default `vm` engine needs isolated-vm: no prebuild for Node 20, build script skipped.
			N8N_EXPRESSION_ENGINE: 'legacy',
			// 1.x defaults work, but `n8n start` warns each is deprecated; these are 2.x's defaults.
			N8N_RUNNERS_ENABLED: 'true',
			DB_SQLITE_POOL_SIZE: '3',
			N8N_BLOCK_ENV_ACCESS_IN_NODE: 'true',
			N8N_GIT_NODE_DISABLE_BARE_REPOS: 'true',
		},
		coldInstallHint: 'about 3 minutes',
	},
	v2: {
		n8nVersion: '2.41.1',
		registryNodeVersion: '24.21.0',
		overrides: {},
		// Keeps the default `vm` expression engine users run (isolated-vm's Node 24 prebuild loads).
		// Task runners are always on in 2.x; N8N_RUNNERS_ENABLED is deprecated there ("safe to remove").
		env: {
			// Offline, its startup task prints an ENOTFOUND api.n8n.io stack trace on `n8n start`.
			N8N_DISABLED_MODULES: 'mcp-registry',
		},
		coldInstallHint: 'about 4-5 minutes',
	},
};

const MARKER = '.leadlex-ready';
const STEP_TIMEOUT_MS = 20 * 60_000;
const LOG_TAIL_LINES = 30;

export function isTarget(value: string): value is RuntimeTarget {
	return Object.hasOwn(TARGETS, value);
}

export function cacheRoot(): string {
	return process.env.LEADLEX_N8N_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-leadlex');
}

export async function ensureRuntime(target: RuntimeTarget): Promise<Runtime> {
	if (!isTarget(target)) {
		throw new Error(`[n8n-runtime] unknown target "${target}" (expected v1 or v2)`);
	}
	const spec = TARGETS[target];
	const node = spec.registryNodeVersion
		? await ensureRegistryNode(target, spec.registryNodeVersion)
		: machineNode();
	const runtime = describeRuntime(target, spec, node.bin);
	await ensureInstalled({
		target,
		dir: runtime.installDir,
		version: spec.n8nVersion,
		what: `n8n@${spec.n8nVersion}`,
		packageJson: { private: true, overrides: spec.overrides, allowScripts: { sqlite3: true } },
		steps: [
			{
				name: 'install',
				progress: `installing n8n@${spec.n8nVersion} into ${runtime.installDir} (first run only, ${spec.coldInstallHint})`,
				// Scripts stay off: a Kafka client's install script downloads from the internet.
				args: [
					'install',
					'--ignore-scripts',
					'--save-exact',
					'--no-audit',
					'--no-fund',
					`n8n@${spec.n8nVersion}`,
				],
			},
			{
				name: 'rebuild-sqlite3',
				progress: `building the sqlite3 driver from source for Node ${spec.registryNodeVersion ?? process.versions.node} (1-2 minutes)`,
				args: [
					'rebuild',
					'sqlite3',
					'--build-from-source',
					...(node.headersDir ? [`--nodedir=${node.headersDir}`] : []),
				],
			},
		],
		npmEnv: { PATH: runtime.env.PATH },
		smokeCheck: () => smokeCheckN8n(runtime),
	});
	return runtime;
}

/** Env for an isolated n8n: own user folder, no telemetry, no banners, nothing inherited from N8N_* / DB_*. */
export function n8nEnv(runtime: Runtime, userFolder: string): NodeJS.ProcessEnv {
	const inherited = Object.fromEntries(
		Object.entries(process.env).filter(([key]) => !/^(N8N_|DB_)/.test(key)),
	);
	return {
		...inherited,
		N8N_USER_FOLDER: userFolder,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_RUNNERS_BROKER_PORT: String(brokerPortFor(userFolder)),
		...runtime.env,
	};
}

/**
 * The task broker listens on 5679 by default, so two n8n processes at once (jest workers, the
 * sandbox) fail with "port 5679 is already in use". A port derived from the user folder keeps
 * parallel isolated runs apart. Below Linux's ephemeral range (32768+).
 */
export function brokerPortFor(userFolder: string): number {
	let hash = 0;
	for (const char of path.resolve(userFolder)) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
	return 20_000 + (hash % 12_000);
}

/**
 * Runs `n8n <args>` with the runtime's node; resolves (never rejects) with the exit code and output.
 * v2 caveat: `n8n execute` exits without disposing the `vm` expression engine, so some runs (1 in
 * 8 to 1 in 2 here) end in SIGSEGV (code null) *after* printing the complete run. Judge a run by
 * parseRawOutput(stdout)?.status, not by the exit code.
 */
export function runN8n(
	runtime: Runtime,
	userFolder: string,
	args: string[],
	opts: RunOptions = {},
): Promise<RunResult> {
	const env = { ...n8nEnv(runtime, userFolder), ...opts.env };
	return runProcess(runtime.nodeBin, [runtime.n8nBin, ...args], {
		env,
		cwd: opts.cwd,
		timeoutMs: opts.timeoutMs ?? 120_000,
	});
}

export interface RawRun {
	status?: string;
	finished?: boolean;
	data?: { resultData?: { runData?: Record<string, unknown>; error?: unknown } };
}

/**
 * `n8n execute --rawOutput` prints log lines, then the run as indented JSON (from a line `{` to a
 * line `}`), and on failure more log lines. Returns undefined when no run was printed.
 */
export function parseRawOutput(stdout: string): RawRun | undefined {
	const json = /^\{\n[\s\S]*?\n\}$/m.exec(stdout.replace(/\r\n/g, '\n'));
	if (!json) return undefined;
	try {
		return JSON.parse(json[0]) as RawRun;
	} catch {
		return undefined;
	}
}

// ---------------------------------------------------------------- runtimes

interface NodeInstall {
	bin: string;
	/** Folder with include/node, passed to node-gyp as --nodedir; null = let npm decide. */
	headersDir: string | null;
}

function describeRuntime(target: RuntimeTarget, spec: TargetSpec, nodeBin: string): Runtime {
	const installDir = path.join(cacheRoot(), `n8n-${spec.n8nVersion}`);
	return {
		target,
		n8nVersion: spec.n8nVersion,
		nodeBin,
		n8nBin: path.join(installDir, 'node_modules', 'n8n', 'bin', 'n8n'),
		installDir,
		env: { ...spec.env, PATH: prependPath(path.dirname(nodeBin)) },
	};
}

function machineNode(): NodeInstall {
	// Node's own layout is <prefix>/bin/node + <prefix>/include/node; without it node-gyp downloads headers.
	const prefix = path.resolve(path.dirname(fs.realpathSync(process.execPath)), '..');
	const hasHeaders = fs.existsSync(path.join(prefix, 'include', 'node', 'node_version.h'));
	return { bin: process.execPath, headersDir: hasHeaders ? prefix : null };
}

async function ensureRegistryNode(target: RuntimeTarget, version: string): Promise<NodeInstall> {
	const dir = path.join(cacheRoot(), `node-${version}`);
	const pkgDir = path.join(dir, 'node_modules', 'node');
	const install: NodeInstall = {
		bin: path.join(pkgDir, 'bin', 'node'),
		headersDir: path.join(pkgDir, 'node_modules', `node-${process.platform}-${process.arch}`),
	};
	await ensureInstalled({
		target,
		dir,
		version,
		what: `node@${version}`,
		packageJson: { private: true, allowScripts: { node: true } },
		steps: [
			{
				name: 'install',
				progress: `installing node@${version} from the npm registry into ${dir} (first run only, about 10 s)`,
				// The package's preinstall script fetches the platform binary package: scripts must run.
				args: [
					'install',
					'--ignore-scripts=false',
					'--save-exact',
					'--no-audit',
					'--no-fund',
					`node@${version}`,
				],
			},
		],
		npmEnv: {},
		smokeCheck: () => smokeCheckNode(install, version),
	});
	return install;
}

function smokeCheckNode(install: NodeInstall, version: string): void {
	const found = nodeVersionOf(install.bin);
	if (found !== `v${version}`) {
		throw new Error(`${install.bin} reports ${found}, expected v${version}`);
	}
	const header = path.join(install.headersDir ?? '', 'include', 'node', 'node_version.h');
	if (!fs.existsSync(header)) throw new Error(`Node headers missing: ${header}`);
}

async function smokeCheckN8n(runtime: Runtime): Promise<void> {
	const sqlite = await runProcess(runtime.nodeBin, ['-e', "require('sqlite3')"], {
		env: { ...process.env, ...runtime.env },
		cwd: runtime.installDir,
		timeoutMs: 60_000,
	});
	if (sqlite.code !== 0) throw new Error(`sqlite3 does not load:\n${sqlite.stderr.trim()}`);
	const version = await n8nVersion(runtime);
	if (version !== runtime.n8nVersion) {
		throw new Error(`n8n --version printed "${version}", expected ${runtime.n8nVersion}`);
	}
}

/** Runs `n8n --version` in a throwaway user folder; returns the last output line. */
export async function n8nVersion(runtime: Runtime): Promise<string> {
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'leadlex-n8n-'));
	try {
		const result = await runN8n(runtime, userFolder, ['--version'], { timeoutMs: 60_000 });
		if (result.code !== 0) {
			throw new Error(
				`n8n --version exited with ${result.code}:\n${tail(result.stdout + result.stderr)}`,
			);
		}
		return result.stdout.trim().split('\n').pop() ?? '';
	} finally {
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

function nodeVersionOf(nodeBin: string): string {
	const result = spawnSync(nodeBin, ['--version'], { encoding: 'utf8' });
	return result.status === 0
		? result.stdout.trim()
		: `(failed: ${result.error?.message ?? result.stderr})`;
}

// ---------------------------------------------------------------- install folders

interface InstallStep {
	name: string;
	progress: string;
	args: string[];
}

interface InstallPlan {
	target: RuntimeTarget;
	dir: string;
	version: string;
	what: string;
	packageJson: object;
	steps: InstallStep[];
	/** Extra env for npm: PATH with the target node first, so npm and node-gyp run on (and build for) it. */
	npmEnv: Record<string, string>;
	smokeCheck: () => void | Promise<void>;
}

async function ensureInstalled(plan: InstallPlan): Promise<void> {
	if (isReady(plan)) {
		log(plan.target, `reusing cached ${plan.what} in ${plan.dir}`);
		return;
	}
	const releaseLock = await acquireLock(plan);
	try {
		// Another process may have finished the install while we waited for the lock.
		if (isReady(plan)) {
			log(plan.target, `reusing cached ${plan.what} in ${plan.dir}`);
			return;
		}
		await install(plan);
	} finally {
		releaseLock();
	}
}

async function install(plan: InstallPlan): Promise<void> {
	const started = Date.now();
	fs.rmSync(plan.dir, { recursive: true, force: true });
	fs.mkdirSync(plan.dir, { recursive: true });
	// An own package.json keeps npm from walking up to a parent project and holds overrides/allowScripts.
	fs.writeFileSync(
		path.join(plan.dir, 'package.json'),
		JSON.stringify(plan.packageJson, null, 2) + '\n',
	);
	for (const step of plan.steps) {
		log(plan.target, step.progress);
		await runNpmStep(plan, step);
	}
	log(plan.target, `smoke-checking ${plan.what}`);
	try {
		await plan.smokeCheck();
	} catch (error) {
		throw new Error(
			`[n8n-runtime] ${plan.target}: smoke check of ${plan.what} in ${plan.dir} failed: ${(error as Error).message}`,
		);
	}
	fs.writeFileSync(path.join(plan.dir, MARKER), plan.version + '\n');
	log(plan.target, `${plan.what} ready after ${formatDuration(Date.now() - started)}`);
}

async function runNpmStep(plan: InstallPlan, step: InstallStep): Promise<void> {
	const logFile = path.join(cacheRoot(), 'logs', `${path.basename(plan.dir)}.${step.name}.log`);
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	const command = `npm ${step.args.join(' ')}`;
	const logFd = fs.openSync(logFile, 'w');
	fs.writeSync(logFd, `$ cd ${plan.dir} && ${command}\n\n`);
	const result = await runProcess('npm', step.args, {
		cwd: plan.dir,
		env: { ...npmCleanEnv(), ...plan.npmEnv },
		timeoutMs: STEP_TIMEOUT_MS,
		logFd,
	}).finally(() => fs.closeSync(logFd));
	if (result.code === 0 && !result.timedOut) return;
	const why = result.timedOut
		? `timed out after ${formatDuration(STEP_TIMEOUT_MS)}`
		: `exit code ${result.code}`;
	throw new Error(
		`[n8n-runtime] ${plan.target}: step "${command}" in ${plan.dir} failed (${why}).\n` +
			`Last lines of npm output:\n${tail(result.stdout + '\n' + result.stderr)}\n` +
			`Full log: ${logFile}\n` +
			`The next run deletes ${plan.dir} and starts this install again.`,
	);
}

function isReady(plan: InstallPlan): boolean {
	try {
		return fs.readFileSync(path.join(plan.dir, MARKER), 'utf8').trim() === plan.version;
	} catch {
		return false;
	}
}

/** A `<dir>.lock` file holding the owner's pid, so parallel callers (jest workers) never install into the same folder. */
async function acquireLock(plan: InstallPlan): Promise<() => void> {
	const lockFile = `${plan.dir}.lock`;
	fs.mkdirSync(path.dirname(lockFile), { recursive: true });
	let announced = false;
	for (;;) {
		try {
			fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
			return () => fs.rmSync(lockFile, { force: true });
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
		if (isStaleLock(lockFile)) {
			fs.rmSync(lockFile, { force: true });
			continue;
		}
		if (!announced) {
			log(plan.target, `waiting for another process installing ${plan.what} (${lockFile})`);
		}
		announced = true;
		await new Promise((resolve) => setTimeout(resolve, 2000));
	}
}

/** Stale when its owner died (Ctrl-C, crash) or it outlived any install (the pid may have been reused). */
function isStaleLock(lockFile: string): boolean {
	try {
		const ageMs = Date.now() - fs.statSync(lockFile).mtimeMs;
		return (
			ageMs > 3 * STEP_TIMEOUT_MS || !isProcessAlive(Number(fs.readFileSync(lockFile, 'utf8')))
		);
	} catch {
		return true; // released meanwhile
	}
}

function isProcessAlive(pid: number): boolean {
	if (!Number.isInteger(pid) || pid <= 0) return false;
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

// ---------------------------------------------------------------- processes

interface ProcessOptions {
	cwd?: string;
	env: NodeJS.ProcessEnv;
	timeoutMs: number;
	/** Output is also written here as it arrives, so an interrupted install leaves a useful log. */
	logFd?: number;
}

function runProcess(command: string, args: string[], opts: ProcessOptions): Promise<RunResult> {
	return new Promise((resolve) => {
		// Not detached: a Ctrl-C or a killed jest worker must take npm/n8n down too. On timeout,
		// SIGTERM lets n8n stop its own task runners and npm its scripts; SIGKILL if they hang.
		const child = spawn(command, args, {
			cwd: opts.cwd,
			env: opts.env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		let timedOut = false;
		const logChunk = (chunk: string) => opts.logFd !== undefined && fs.writeSync(opts.logFd, chunk);
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
			stdout += chunk;
			logChunk(chunk);
		});
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
			stderr += chunk;
			logChunk(chunk);
		});
		const timer = setTimeout(() => {
			timedOut = true;
			child.kill('SIGTERM');
			setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
		}, opts.timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			resolve({ code: null, signal: null, stdout, stderr: stderr + String(error), timedOut });
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({ code, signal, stdout, stderr, timedOut });
		});
	});
}

/** process.env without npm_* vars: under `npm run`, they carry the project's .npmrc (ignore-scripts=true) into our installs. */
function npmCleanEnv(): NodeJS.ProcessEnv {
	return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
}

function prependPath(dir: string): string {
	return [dir, process.env.PATH ?? ''].filter(Boolean).join(path.delimiter);
}

// ---------------------------------------------------------------- small helpers

function log(target: RuntimeTarget, message: string): void {
	process.stderr.write(`[n8n-runtime] ${target}: ${message}\n`);
}

/** The last lines of a command's output, indented, for an error message. */
export function tail(text: string, lines = LOG_TAIL_LINES, indent = '  '): string {
	return text
		.trimEnd()
		.split('\n')
		.slice(-lines)
		.map((line) => `${indent}${line}`)
		.join('\n');
}

function formatDuration(ms: number): string {
	const seconds = Math.round(ms / 1000);
	return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

// ---------------------------------------------------------------- CLI

async function main(argv: string[]): Promise<void> {
	const choice = argv[0] ?? 'all';
	if (choice !== 'all' && !isTarget(choice)) {
		throw new Error(`usage: npx tsx scripts/n8n/runtime.ts [v1|v2|all] (got "${choice}")`);
	}
	const targets: RuntimeTarget[] = choice === 'all' ? ['v1', 'v2'] : [choice];
	for (const target of targets) {
		const runtime = await ensureRuntime(target);
		const version = await n8nVersion(runtime);
		console.log(
			`${target}: n8n ${version} (node ${nodeVersionOf(runtime.nodeBin)}: ${runtime.nodeBin}; n8n: ${runtime.n8nBin})`,
		);
	}
}

if (require.main === module) {
	main(process.argv.slice(2)).catch((error: Error) => {
		console.error(error.message);
		process.exit(1);
	});
}
