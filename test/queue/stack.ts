/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-hardcoded-secrets,
   @n8n/community-nodes/require-node-api-error --
   dev tooling, never packed: starts n8n in queue mode; the password is a throwaway owner's. */
/**
 * One n8n queue-mode stack for every scenario: PostgreSQL, Redis, the LeadLex sandbox, one
 * `n8n start` (main) and two `n8n worker`s, each n8n process with its own user folder into which
 * the packed tarball is installed by hand (`npm install <tarball>` in `.n8n/nodes`), all sharing one
 * encryption key, every listener on its own loopback port. Stopped in order: workers, main,
 * sandbox, Redis, PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CheckRunner } from '../../scripts/n8n/checks';
import {
	CREDENTIAL_ID,
	CREDENTIAL_NAME,
	freePort,
	importCredentials,
	importWorkflows,
	info,
	installPackage,
	setupOwnerAndLogIn,
	startN8nServer,
	startN8nWorker,
	startSandboxProcess,
	writeCredentialsFile,
	type N8nRest,
	type N8nServer,
	type N8nWorker,
	type SandboxProcess,
} from '../../scripts/n8n/harness';
import type { Runtime } from '../../scripts/n8n/runtime';
import {
	startPostgres,
	startRedis,
	startRedisMonitor,
	type Postgres,
	type Redis,
	type RedisMonitor,
} from '../../scripts/n8n/services';
import { writeWorkflows } from './workflows';

export const WORKER_COUNT = 2;
/** Jobs one worker runs at once: low, so simultaneous calls need both workers. */
export const WORKER_CONCURRENCY = 1;
/** The sandbox's per-window limit for the whole suite (LeadLex Pro's 50, per second, not per minute). */
export const LIMIT = { perWindowLimit: 50, windowMs: 1000, dailyLimit: 100_000 };

const OWNER = {
	email: 'owner@leadlex.example',
	firstName: 'Queue',
	lastName: 'Check',
	password: 'LeadLex-queue-check-1',
};

export interface QueueStack {
	runtime: Runtime;
	work: string;
	encryptionKey: string;
	pg: Postgres;
	redis: Redis;
	monitor: RedisMonitor;
	sandbox: SandboxProcess;
	main: N8nServer;
	/** http://127.0.0.1:PORT: where WEBHOOK_URL points. */
	origin: string;
	rest: N8nRest;
	/** undefined while stopped. */
	workers: Array<N8nWorker | undefined>;
	workerLogFiles: string[];
	/** Every port the stack listens on, by listener. */
	ports: Record<string, number>;
	/** Ports assigned but expected to stay closed (main's task broker). */
	unusedPorts: Record<string, number>;
	/** The process group of each part that is or was running, by name. */
	groups(): Record<string, number | undefined>;
	startWorker(index: number): Promise<void>;
	stopWorker(index: number): Promise<void>;
	stop(t: CheckRunner): Promise<void>;
}

async function distinctFreePorts(count: number, taken: number[]): Promise<number[]> {
	const ports: number[] = [];
	while (ports.length < count) {
		const port = await freePort();
		if (!taken.includes(port) && !ports.includes(port)) ports.push(port);
	}
	return ports;
}

/** What was started so far: stopStarted() stops it in order (also when starting failed). */
interface Started {
	pg?: Postgres;
	redis?: Redis;
	monitor?: RedisMonitor;
	sandbox?: SandboxProcess;
	main?: N8nServer;
	workers: Array<N8nWorker | undefined>;
	pids: Record<string, number | undefined>;
}

async function stopStarted(s: Started): Promise<void> {
	await Promise.all(s.workers.map((w) => w?.stop()));
	s.workers.fill(undefined);
	await s.main?.stop();
	await s.sandbox?.stop();
	s.monitor?.stop();
	await s.redis?.stop();
	await s.pg?.stop();
}

export async function startStack(
	t: CheckRunner,
	runtime: Runtime,
	opts: { work: string; tarball: string; apiKey: string; secrets: string[] },
): Promise<QueueStack> {
	const { work } = opts;
	const started: Started = { workers: new Array(WORKER_COUNT).fill(undefined), pids: {} };
	try {
		return await start(t, runtime, opts, started);
	} catch (error) {
		await stopStarted(started);
		throw error;
	} finally {
		fs.rmSync(path.join(work, 'credentials.json'), { force: true });
	}
}

async function start(
	t: CheckRunner,
	runtime: Runtime,
	opts: { work: string; tarball: string; apiKey: string; secrets: string[] },
	s: Started,
): Promise<QueueStack> {
	const { work } = opts;
	const folders = {
		main: path.join(work, 'main'),
		workers: Array.from({ length: WORKER_COUNT }, (_, i) => path.join(work, `worker${i + 1}`)),
	};
	await t.step(
		`npm install <tarball> in the user folders of main and ${WORKER_COUNT} workers`,
		async () => {
			for (const folder of [folders.main, ...folders.workers]) installPackage(folder, opts.tarball);
		},
	);
	const pg = await t.step('start PostgreSQL (initdb, throwaway cluster)', () => startPostgres());
	s.pg = pg;
	s.pids.postgres = pg.child.pid;
	opts.secrets.push(pg.password);
	const redisDir = path.join(work, 'redis');
	fs.mkdirSync(redisDir);
	const redis = await t.step('start Redis', () => startRedis(runtime, { dir: redisDir }));
	s.redis = redis;
	s.pids.redis = redis.child.pid;
	// From here on every command any client sends to Redis is kept, to search for secrets.
	s.monitor = await startRedisMonitor(runtime, redis.port);
	const sandbox = await t.step('start the sandbox (50 per 1 s window, loopback webhooks)', () =>
		startSandboxProcess({
			args: [
				'--per-window',
				String(LIMIT.perWindowLimit),
				'--window-ms',
				String(LIMIT.windowMs),
				'--daily',
				String(LIMIT.dailyLimit),
				'--allow-loopback-webhooks',
				'--webhook-retries',
				'',
			],
		}),
	);
	s.sandbox = sandbox;
	s.pids.sandbox = sandbox.child.pid;

	const taken = [pg.port, redis.port, Number(new URL(sandbox.origin).port)];
	const [mainPort, mainBroker, ...rest] = await distinctFreePorts(2 + 2 * WORKER_COUNT, taken);
	const workerBrokers = rest.slice(0, WORKER_COUNT);
	const workerHealth = rest.slice(WORKER_COUNT);
	const ports: Record<string, number> = {
		postgres: pg.port,
		redis: redis.port,
		sandbox: taken[2],
		'main http': mainPort,
	};
	// Given, but not listened on: with manual executions offloaded to the workers, main starts no
	// task runner (n8n's start command sets needsTaskRunner = false), so its broker stays closed.
	const unusedPorts = { 'main task broker': mainBroker };
	workerBrokers.forEach((p, i) => (ports[`worker${i + 1} task broker`] = p));
	workerHealth.forEach((p, i) => (ports[`worker${i + 1} health check`] = p));

	const encryptionKey = randomBytes(24).toString('hex');
	opts.secrets.push(encryptionKey);
	const origin = `http://127.0.0.1:${mainPort}`;
	const shared: Record<string, string> = {
		EXECUTIONS_MODE: 'queue',
		N8N_ENCRYPTION_KEY: encryptionKey,
		...pg.n8nEnv,
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
	};
	const mainEnv = {
		...shared,
		N8N_RUNNERS_BROKER_PORT: String(mainBroker),
		WEBHOOK_URL: `${origin}/`,
		// The LeadLex Trigger logs why it refused a delivery at debug level.
		N8N_LOG_LEVEL: 'debug',
	};

	const credentialsFile = path.join(work, 'credentials.json');
	writeCredentialsFile(credentialsFile, [
		{ id: CREDENTIAL_ID, name: CREDENTIAL_NAME, apiKey: opts.apiKey, baseUrl: sandbox.url },
	]);
	await t.step('n8n import:credentials (main; runs the PostgreSQL migrations)', () =>
		importCredentials(runtime, folders.main, credentialsFile, mainEnv),
	);
	fs.rmSync(credentialsFile);
	const workflowsDir = path.join(work, 'workflows');
	writeWorkflows(workflowsDir);
	await t.step('n8n import:workflow (main)', () =>
		importWorkflows(runtime, folders.main, workflowsDir, mainEnv),
	);

	const workerLogFiles = folders.workers.map((_, i) => path.join(work, `worker${i + 1}.log`));
	const startWorker = async (i: number) => {
		const worker = await startN8nWorker(runtime, folders.workers[i], {
			concurrency: WORKER_CONCURRENCY,
			healthPort: workerHealth[i],
			logFile: workerLogFiles[i],
			env: { ...shared, N8N_RUNNERS_BROKER_PORT: String(workerBrokers[i]) },
		});
		s.workers[i] = worker;
		s.pids[`worker${i + 1}`] = worker.child.pid;
	};
	const logFile = path.join(work, 'main.log');
	await t.step(
		`start main (port ${mainPort}) and ${WORKER_COUNT} workers (concurrency ${WORKER_CONCURRENCY})`,
		() =>
			Promise.all([
				startN8nServer(runtime, folders.main, { port: mainPort, logFile, env: mainEnv }).then(
					(main) => {
						s.main = main;
						s.pids.main = main.child.pid;
					},
				),
				...folders.workers.map((_, i) => startWorker(i)),
			]),
	);
	const main = s.main!;
	const restApi = await t.step('owner setup + login (REST)', () =>
		setupOwnerAndLogIn(origin, OWNER),
	);
	info(`        main ${origin}, sandbox ${sandbox.url}, work folder ${work}`);

	return {
		runtime,
		work,
		encryptionKey,
		pg,
		redis,
		monitor: s.monitor,
		sandbox,
		main,
		origin,
		rest: restApi,
		workers: s.workers,
		workerLogFiles,
		ports,
		unusedPorts,
		groups: () => ({ ...s.pids }),
		startWorker,
		stopWorker: async (i) => {
			await s.workers[i]?.stop();
			s.workers[i] = undefined;
		},
		stop: (runner) =>
			runner.step('stop workers, main, sandbox, Redis, PostgreSQL', () => stopStarted(s)),
	};
}

/** Execution IDs a worker's log says it started ("Worker started execution N (job J)"), in order. */
export function workerStarted(logFile: string): string[] {
	if (!fs.existsSync(logFile)) return [];
	const log = fs.readFileSync(logFile, 'utf8');
	return [...log.matchAll(/Worker started execution (\d+) \(job \d+\)/g)].map((m) => m[1]);
}

/** Execution IDs a worker's log says it finished ("Worker finished execution N"). */
export function workerFinished(logFile: string): string[] {
	if (!fs.existsSync(logFile)) return [];
	const log = fs.readFileSync(logFile, 'utf8');
	return [...log.matchAll(/Worker finished execution (\d+)/g)].map((m) => m[1]);
}
