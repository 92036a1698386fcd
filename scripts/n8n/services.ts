/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals,
   @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/require-node-api-error --
   dev tooling, never packed: throwaway PostgreSQL and Redis servers for n8n's queue mode. */
/**
 * PostgreSQL and Redis as child processes of the suite (never the system services), each on a
 * free loopback port, in its own process group registered with the harness, so a signal or a
 * failed check stops them with everything else.
 *
 * PostgreSQL refuses to run as root: as root, its cluster lives in a temp folder owned by the
 * `postgres` user and every PostgreSQL program runs as that user.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { freePort, info, makeTempDir, poll, spawnGroup, stopGroup, tail } from './harness';
import type { Runtime } from './runtime';

// ---------------------------------------------------------------- PostgreSQL

export interface Postgres {
	port: number;
	database: string;
	user: string;
	password: string;
	/** The cluster's folder (data, socket, log): removed by stop(). */
	dir: string;
	child: ChildProcess;
	/** What n8n needs to use this database (DB_TYPE=postgresdb, DB_POSTGRESDB_*). */
	n8nEnv: Record<string, string>;
	/** Runs SQL as the superuser over the cluster's Unix socket; returns psql's unaligned output. */
	psql(sql: string, database?: string): string;
	/** `pg_dump` of n8n's database (schema and data, plain SQL). */
	dump(): string;
	stop(): Promise<void>;
}

/** Cluster folders not removed yet (a signal can end the suite before stop() runs). */
const postgresDirs = new Set<string>();

export function leftoverPostgresDirs(): string[] {
	return [...postgresDirs];
}

/** The newest /usr/lib/postgresql/<version>/bin (Debian's layout), or `pg_config --bindir`. */
function postgresBinDir(): string {
	const root = '/usr/lib/postgresql';
	const versions = fs.existsSync(root)
		? fs
				.readdirSync(root)
				.filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (versions.length > 0) return path.join(root, versions[0], 'bin');
	const config = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
	const dir = config.status === 0 ? config.stdout.trim() : '';
	if (dir && fs.existsSync(path.join(dir, 'initdb'))) return dir;
	throw new Error(
		"PostgreSQL's server programs (initdb, postgres, pg_dump) are missing: install Debian's `postgresql` (apt-get install postgresql).",
	);
}

/** Whom PostgreSQL runs as: the `postgres` user when we are root, else ourselves. */
function postgresIdentity(): { uid?: number; gid?: number } {
	if (process.getuid?.() !== 0) return {};
	const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
	const uid = id('-u');
	const gid = id('-g');
	if (uid.status !== 0 || gid.status !== 0) {
		throw new Error(
			"PostgreSQL refuses to run as root, and there is no `postgres` user to run it as (it comes with Debian's `postgresql` package).",
		);
	}
	return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

export async function startPostgres(
	opts: { database?: string; user?: string; password?: string; timeoutMs?: number } = {},
): Promise<Postgres> {
	const bin = postgresBinDir();
	const who = postgresIdentity();
	const dir = makeTempDir('leadlex-pg-');
	postgresDirs.add(dir);
	if (who.uid !== undefined) fs.chownSync(dir, who.uid, who.gid!);
	const data = path.join(dir, 'data');
	// psql and pg_dump read nothing from root's home; HOME must be somewhere the user can read.
	const env = { ...process.env, HOME: dir, LC_ALL: 'C.UTF-8' };
	const run = (program: string, args: string[], input?: string) => {
		const result = spawnSync(path.join(bin, program), args, {
			cwd: dir,
			env,
			uid: who.uid,
			gid: who.gid,
			input,
			encoding: 'utf8',
			maxBuffer: 1024 * 1024 * 1024,
			timeout: 120_000,
		});
		if (result.status !== 0) {
			throw new Error(
				`${program} ${args.join(' ')} failed (${result.error?.message ?? `exit code ${result.status}`}):\n` +
					tail(`${result.stdout ?? ''}\n${result.stderr ?? ''}`),
			);
		}
		return result.stdout;
	};
	run('initdb', [
		'-D',
		data,
		'-U',
		'postgres',
		'-E',
		'UTF8',
		'--locale=C.UTF-8',
		'--auth-local=trust',
		'--auth-host=scram-sha-256',
	]);
	const port = await freePort();
	const logFile = path.join(dir, 'postgres.log');
	const log = fs.openSync(logFile, 'w');
	if (who.uid !== undefined) fs.fchownSync(log, who.uid, who.gid!);
	const child = spawnGroup(
		path.join(bin, 'postgres'),
		[
			'-D',
			data,
			'-p',
			String(port),
			'-k',
			dir,
			'-c',
			'listen_addresses=127.0.0.1',
			// A throwaway cluster: no durability needed, and far less disk work on a busy machine.
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
		],
		// SIGINT is a fast shutdown; SIGTERM would wait for every client to disconnect.
		{ cwd: dir, env, uid: who.uid, gid: who.gid, stopSignal: 'SIGINT' },
	);
	child.stdout?.on('data', (chunk: Buffer) => fs.writeSync(log, chunk));
	child.stderr?.on('data', (chunk: Buffer) => fs.writeSync(log, chunk));
	child.on('close', () => fs.closeSync(log));
	const socketArgs = ['-h', dir, '-p', String(port), '-U', 'postgres'];
	const psql = (sql: string, database = 'postgres') =>
		run(
			'psql',
			[...socketArgs, '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', database],
			sql,
		);
	const stop = async () => {
		await stopGroup(child, 15_000);
		fs.rmSync(dir, { recursive: true, force: true });
		postgresDirs.delete(dir);
	};
	try {
		await poll(
			'PostgreSQL accepts connections',
			async () => {
				if (child.exitCode !== null) throw new Error(`postgres exited (${child.exitCode})`);
				return spawnSync(path.join(bin, 'pg_isready'), ['-q', ...socketArgs], { env }).status === 0
					? true
					: undefined;
			},
			opts.timeoutMs ?? 30_000,
		);
		const database = opts.database ?? 'n8n';
		const user = opts.user ?? 'n8n';
		const password = opts.password ?? 'leadlex-queue-db-password';
		psql(
			`CREATE ROLE "${user}" LOGIN PASSWORD '${password}';\nCREATE DATABASE "${database}" OWNER "${user}";\n`,
		);
		return {
			port,
			database,
			user,
			password,
			dir,
			child,
			n8nEnv: {
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: '127.0.0.1',
				DB_POSTGRESDB_PORT: String(port),
				DB_POSTGRESDB_DATABASE: database,
				DB_POSTGRESDB_USER: user,
				DB_POSTGRESDB_PASSWORD: password,
			},
			psql,
			dump: () => run('pg_dump', [...socketArgs, '--no-owner', database]),
			stop,
		};
	} catch (error) {
		const text = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
		await stop();
		throw new Error(`${(error as Error).message}\n  postgres log:\n${tail(text)}`);
	}
}

// ---------------------------------------------------------------- Redis

/**
 * The path of `redis-server`. When it is missing: as root, installs Debian's `redis-server` with
 * apt-get (as .ci/run does for chromium); otherwise throws one line saying what to install.
 */
export function ensureRedisServer(): string {
	const find = () => spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
	let found = find();
	if (found.status !== 0 && process.getuid?.() === 0) {
		info("        redis-server is missing: installing Debian's redis-server (apt-get)");
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		for (const args of [
			['update', '-qq'],
			['install', '-y', '-qq', 'redis-server'],
		]) {
			const result = spawnSync('apt-get', args, { env, encoding: 'utf8', timeout: 600_000 });
			if (result.status !== 0) {
				throw new Error(
					`apt-get ${args.join(' ')} failed:\n${tail(`${result.stdout}\n${result.stderr}`)}`,
				);
			}
		}
		found = find();
	}
	if (found.status !== 0) {
		throw new Error(
			"redis-server is missing: install Debian's redis-server (apt-get install redis-server) and run again.",
		);
	}
	return found.stdout.trim();
}

export interface Redis {
	port: number;
	child: ChildProcess;
	stop(): Promise<void>;
}

/** `redis-server` on a free loopback port, nothing saved to disk; resolves once it answers PING. */
export async function startRedis(
	runtime: Runtime,
	opts: { dir: string; timeoutMs?: number },
): Promise<Redis> {
	const server = ensureRedisServer();
	const port = await freePort();
	const child = spawnGroup(
		server,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			opts.dir,
		],
		{ cwd: opts.dir },
	);
	let output = '';
	child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
	child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
	const stop = () => stopGroup(child, 5_000);
	try {
		await poll(
			'redis-server answers PING',
			async () => {
				if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode})`);
				return (await redisPing(runtime, port)) ? true : undefined;
			},
			opts.timeoutMs ?? 15_000,
		);
	} catch (error) {
		await stop();
		throw new Error(`${(error as Error).message}\n  redis-server output:\n${tail(output)}`);
	}
	return { port, child, stop };
}

// ---------------------------------------------------------------- looking into Redis

/** The parts of ioredis used here (n8n's own copy, from its install). */
interface IoRedisClient {
	ping(): Promise<string>;
	scan(cursor: string, ...args: Array<string | number>): Promise<[string, string[]]>;
	type(key: string): Promise<string>;
	getBuffer(key: string): Promise<Buffer | null>;
	hgetallBuffer(key: string): Promise<Record<string, Buffer>>;
	lrangeBuffer(key: string, start: number, stop: number): Promise<Buffer[]>;
	smembersBuffer(key: string): Promise<Buffer[]>;
	zrangeBuffer(
		key: string,
		start: number,
		stop: number,
		withScores: 'WITHSCORES',
	): Promise<Buffer[]>;
	xrangeBuffer(key: string, start: string, end: string): Promise<Array<[Buffer, Buffer[]]>>;
	monitor(): Promise<IoRedisMonitor>;
	on(event: 'error', listener: (error: Error) => void): void;
	quit(): Promise<unknown>;
	disconnect(): void;
}

interface IoRedisMonitor {
	on(event: 'monitor', listener: (time: string, args: string[]) => void): void;
	on(event: 'error', listener: (error: Error) => void): void;
	disconnect(): void;
}

type IoRedisConstructor = new (options: Record<string, unknown>) => IoRedisClient;

function ioredis(runtime: Runtime): IoRedisConstructor {
	const fromN8n = createRequire(
		path.join(runtime.installDir, 'node_modules', 'n8n', 'package.json'),
	);
	return fromN8n('ioredis') as IoRedisConstructor;
}

function connect(runtime: Runtime, port: number): IoRedisClient {
	const IoRedis = ioredis(runtime);
	const client = new IoRedis({
		host: '127.0.0.1',
		port,
		maxRetriesPerRequest: 1,
		// Once Redis is stopped, no reconnecting (and no "Unhandled error event" on the console).
		retryStrategy: () => null,
	});
	client.on('error', () => undefined);
	return client;
}

async function redisPing(runtime: Runtime, port: number): Promise<boolean> {
	const client = connect(runtime, port);
	try {
		return (await client.ping()) === 'PONG';
	} catch {
		return false;
	} finally {
		client.disconnect();
	}
}

export interface RedisEntry {
	key: string;
	type: string;
	/** Every value (and field, member, score, stream entry) of the key, as UTF-8 text. */
	text: string;
}

/** Every key (SCAN over the whole keyspace) with every value of every type, as text. */
export async function redisSnapshot(runtime: Runtime, port: number): Promise<RedisEntry[]> {
	const client = connect(runtime, port);
	const entries: RedisEntry[] = [];
	const utf8 = (values: Buffer[]) => values.map((b) => b.toString('utf8')).join('\n');
	try {
		let cursor = '0';
		const keys = new Set<string>();
		do {
			const [next, batch] = await client.scan(cursor, 'COUNT', 1000);
			for (const key of batch) keys.add(key);
			cursor = next;
		} while (cursor !== '0');
		for (const key of keys) {
			const type = await client.type(key);
			let text: string;
			switch (type) {
				case 'string':
					text = (await client.getBuffer(key))?.toString('utf8') ?? '';
					break;
				case 'hash':
					text = Object.entries(await client.hgetallBuffer(key))
						.map(([field, value]) => `${field}=${value.toString('utf8')}`)
						.join('\n');
					break;
				case 'list':
					text = utf8(await client.lrangeBuffer(key, 0, -1));
					break;
				case 'set':
					text = utf8(await client.smembersBuffer(key));
					break;
				case 'zset':
					text = utf8(await client.zrangeBuffer(key, 0, -1, 'WITHSCORES'));
					break;
				case 'stream':
					text = (await client.xrangeBuffer(key, '-', '+'))
						.map(([id, fields]) => `${id.toString('utf8')} ${utf8(fields)}`)
						.join('\n');
					break;
				case 'none':
					continue; // expired or deleted between SCAN and TYPE
				default:
					throw new Error(`Redis key ${key} has type ${type}, which this dump cannot read`);
			}
			entries.push({ key, type, text });
		}
		return entries;
	} finally {
		await client.quit().catch(() => client.disconnect());
	}
}

export interface RedisMonitor {
	/** How many commands Redis ran since the monitor started. */
	count(): number;
	/** The commands (name and arguments) in which `needle` occurs. */
	containing(needle: string): string[];
	/** Every command seen so far, one per line. */
	text(): string;
	stop(): void;
}

/**
 * Redis's MONITOR: every command any client sends from now on (job data, Lua script arguments,
 * PUBLISH payloads between n8n's main and workers), kept in memory to search afterwards.
 */
export async function startRedisMonitor(runtime: Runtime, port: number): Promise<RedisMonitor> {
	const client = connect(runtime, port);
	const monitor = await client.monitor();
	monitor.on('error', () => undefined);
	const commands: string[] = [];
	monitor.on('monitor', (_time, args) => commands.push(args.join(' ')));
	return {
		count: () => commands.length,
		containing: (needle) => commands.filter((c) => c.includes(needle)),
		text: () => commands.join('\n'),
		stop: () => {
			monitor.disconnect();
			client.disconnect();
		},
	};
}

// ---------------------------------------------------------------- listening sockets

export interface TcpListener {
	/** As `ss` prints it: 127.0.0.1, [::1], 0.0.0.0, *, ... */
	address: string;
	port: number;
	pid: number;
	/** The process group of `pid`. */
	pgid: number;
}

function processGroupOf(pid: number): number | undefined {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		// pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses.
		return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
	} catch {
		return undefined;
	}
}

/** Every listening TCP socket on this machine with its owning processes (`ss -ltnpH`). */
export function tcpListeners(): TcpListener[] {
	const result = spawnSync('ss', ['-ltnpH'], { encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`ss -ltnpH failed: ${result.stderr}`);
	const listeners: TcpListener[] = [];
	for (const line of result.stdout.split('\n')) {
		const columns = line.trim().split(/\s+/);
		if (columns.length < 5) continue;
		const local = columns[3];
		const colon = local.lastIndexOf(':');
		const address = local.slice(0, colon);
		const port = Number(local.slice(colon + 1));
		for (const match of line.matchAll(/pid=(\d+)/g)) {
			const pid = Number(match[1]);
			const pgid = processGroupOf(pid);
			if (pgid !== undefined) listeners.push({ address, port, pid, pgid });
		}
	}
	return listeners;
}
