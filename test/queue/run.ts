/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals,
   @n8n/community-nodes/require-node-api-error --
   dev tooling, never packed: runs n8n in queue mode and reports on the console. */
/**
 * The package in n8n's queue mode (n8n 2.41.1): PostgreSQL, Redis, one main and two workers.
 *
 *   npm run test:queue            (builds first)
 *   npx tsx test/queue/run.ts [--keep] [--break] [--rounds=N]
 *
 * One stack (stack.ts) serves the scenarios (scenarios.ts) in order; everything is stopped at the
 * end, also after a failed check, on Ctrl-C and when the time budget runs out, and the suite
 * checks that no process and no port is left. --keep keeps the work folder (logs, user folders;
 * kept anyway on failure). --break makes one check fail on purpose, to see the suite fail and
 * clean up. --rounds=N measures scenario A N times (2 workers, then 1; default 1): a longer budget
 * applies (each round adds about a minute).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { finalVerdict, indent } from '../../scripts/n8n/checks';
import {
	formatMs,
	info,
	installSignalHandlers,
	isPortFree,
	isShuttingDown,
	makeTempDir,
	packProject,
	processGroupAlive,
	redact,
	stopAllChildren,
	tail,
} from '../../scripts/n8n/harness';
import { ensureRuntime, type Runtime } from '../../scripts/n8n/runtime';
import { leftoverPostgresDirs, tcpListeners } from '../../scripts/n8n/services';
import { SANDBOX_KEYS } from '../sandbox/seed';
import { QueueRun, type Context } from './context';
import { SCENARIOS } from './scenarios';
import { startStack, WORKER_COUNT, type QueueStack } from './stack';

/** The whole suite, from the runtime check to the last process stopped; plus a minute a round. */
const BUDGET_MS = 8 * 60_000;
const ROUND_MS = 60_000;
const API_KEY = SANDBOX_KEYS.full;

/** Each process group's ports, by the stack's names ("worker1 task broker" → worker1). */
function expectedPorts(stack: QueueStack): Map<string, number[]> {
	const byGroup = new Map<string, number[]>();
	for (const [name, port] of Object.entries(stack.ports)) {
		const group = name.split(' ')[0];
		byGroup.set(group, [...(byGroup.get(group) ?? []), port]);
	}
	return byGroup;
}

async function checkListeners(t: QueueRun, stack: QueueStack): Promise<void> {
	const groups = stack.groups();
	const listeners = tcpListeners();
	const seen = new Map<string, string[]>();
	for (const [name, pgid] of Object.entries(groups)) {
		seen.set(
			name,
			listeners.filter((l) => l.pgid === pgid).map((l) => `${l.address}:${l.port}`),
		);
	}
	info(
		`        listeners: ${[...seen].map(([name, list]) => `${name} ${[...new Set(list)].join(' ')}`).join('; ')}`,
	);
	t.check(
		`stack: ${Object.keys(stack.ports).length} listeners, each on its own port, all on 127.0.0.1, each process on exactly the ports it was given ` +
			`(${Object.keys(stack.unusedPorts).join(', ')}: given, stays closed)`,
		() => {
			const ports = [...Object.values(stack.ports), ...Object.values(stack.unusedPorts)];
			assert.equal(new Set(ports).size, ports.length, JSON.stringify(stack.ports));
			for (const [name, port] of Object.entries(stack.unusedPorts)) {
				const holders = listeners.filter((l) => l.port === port);
				assert.deepEqual(holders, [], `${name} (${port}) should stay closed`);
			}
			for (const [group, expected] of expectedPorts(stack)) {
				const list = [...new Set(seen.get(group) ?? [])];
				assert.deepEqual(
					list.filter((l) => !l.startsWith('127.0.0.1:')),
					[],
					`${group} listens beyond loopback`,
				);
				assert.deepEqual(
					list.map((l) => Number(l.split(':').pop())).sort(),
					[...expected].sort(),
					`${group}'s listeners`,
				);
			}
		},
	);
}

async function main(): Promise<number> {
	const args = process.argv.slice(2);
	const keep = args.includes('--keep');
	const roundsArg = args.find((a) => a.startsWith('--rounds='));
	const rounds = roundsArg ? Number(roundsArg.slice('--rounds='.length)) : 1;
	const unknown = args.filter((a) => !['--keep', '--break', roundsArg].includes(a));
	if (unknown.length > 0 || !Number.isInteger(rounds) || rounds < 1) {
		info(
			`usage: npx tsx test/queue/run.ts [--keep] [--break] [--rounds=N]   (got ${args.join(' ')})`,
		);
		return 2;
	}
	const budgetMs = BUDGET_MS + (rounds - 1) * ROUND_MS;
	const started = Date.now();
	const t = new QueueRun([API_KEY]);
	const work = makeTempDir('leadlex-queue-');
	const cleanUp = () => {
		for (const dir of leftoverPostgresDirs()) fs.rmSync(dir, { recursive: true, force: true });
		if (!keep) fs.rmSync(work, { recursive: true, force: true });
	};
	installSignalHandlers(cleanUp);
	let phase = 'start';
	const watchdog = setTimeout(() => {
		info(
			`\nFAIL  time budget exceeded: the suite ran past ${formatMs(budgetMs)} (during: ${phase}). Stopping everything.`,
		);
		void stopAllChildren().finally(() => {
			cleanUp();
			process.exit(1);
		});
	}, budgetMs);
	watchdog.unref();

	let runtime: Runtime | undefined;
	let stack: QueueStack | undefined;
	const ran: Array<[string, number]> = [];
	try {
		runtime = await t.step('n8n 2.41.1 runtime (cached)', () => ensureRuntime('v2'));
		const packed = await t.step('npm pack', async () => packProject(path.join(work, 'pack')));
		info(`\n=== queue mode: n8n ${runtime.n8nVersion}, ${path.basename(packed.tarball)}`);
		phase = 'starting the stack';
		stack = await startStack(t, runtime, {
			work,
			tarball: packed.tarball,
			apiKey: API_KEY,
			secrets: t.redactions,
		});
		await checkListeners(t, stack);
		const ctx: Context = {
			t,
			stack,
			apiKey: API_KEY,
			deletedStepIds: [],
			rounds,
			breakOnPurpose: args.includes('--break'),
		};
		for (const scenario of SCENARIOS) {
			if (isShuttingDown()) break;
			phase = `scenario ${scenario.id}`;
			info(`\n--- scenario ${scenario.id}: ${scenario.title}`);
			const begun = Date.now();
			try {
				await scenario.run(ctx);
			} catch (error) {
				const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
				await t.checkAsync(`${scenario.id}: ran to the end`, () => {
					throw new Error(
						`${message}\n  main log tail:\n${tail(fs.readFileSync(stack!.main.logFile, 'utf8'))}`,
					);
				});
			}
			ran.push([`scenario ${scenario.id}`, Date.now() - begun]);
		}
	} catch (error) {
		const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
		await t.checkAsync('the queue-mode stack started', () => {
			throw new Error(message);
		});
	} finally {
		phase = 'stopping';
		info('\n--- stopping');
		if (stack) {
			const groups = stack.groups();
			const ports = Object.values(stack.ports);
			await stack.stop(t);
			await t.checkAsync(
				`no process left: ${Object.keys(groups).join(', ')} (with their task runners and PostgreSQL's backends) are gone`,
				() => {
					const alive = Object.entries(groups).filter(([, pid]) => processGroupAlive(pid));
					assert.deepEqual(
						alive.map(([name]) => name),
						[],
					);
				},
			);
			await t.checkAsync('no port left: every port of the stack is free again', async () => {
				const busy: number[] = [];
				for (const port of ports) if (!(await isPortFree(port))) busy.push(port);
				assert.deepEqual(busy, []);
			});
		}
	}
	clearTimeout(watchdog);
	if (isShuttingDown()) {
		// Ctrl-C: the signal handler stops what is left and exits 130; no verdict on a cut-short run.
		info('Interrupted: no verdict.');
		return 130;
	}
	const totalMs = Date.now() - started;
	t.check(
		`time budget: the whole suite took ${formatMs(totalMs)}, within ${formatMs(budgetMs)}`,
		() => assert.ok(totalMs <= budgetMs),
	);

	info('\n================ queue mode summary');
	info(
		`  ${WORKER_COUNT} workers; checks: ${t.checks.filter((c) => c.ok).length}/${t.checks.length} passed`,
	);
	for (const c of t.checks) info(`  ${c.ok ? 'PASS' : 'FAIL'}  ${c.name}`);
	if (t.figures.length) info('  measured:');
	for (const f of t.figures) info(`    ${f}`);
	if (t.observations.length) info('  observed:');
	for (const o of t.observations) info(`    ${o}`);
	info('  timings:');
	for (const [label, ms] of [...t.timings, ...ran])
		info(`    ${formatMs(ms).padStart(7)}  ${label}`);
	const code = finalVerdict(
		[{ target: 'v2', n8nVersion: runtime?.n8nVersion ?? '?', checks: t.checks, totalMs }],
		started,
	);
	if (code !== 0 || keep) info(`kept ${work} (main.log, worker*.log, user folders)`);
	else cleanUp();
	for (const dir of leftoverPostgresDirs()) fs.rmSync(dir, { recursive: true, force: true });
	return code;
}

main().then(
	(code) => process.exit(code),
	(error: Error) => {
		info(`queue mode: ${redact(error.stack ?? error.message, [API_KEY])}`);
		info(indent('(stopping every child process)'));
		void stopAllChildren().finally(() => process.exit(1));
	},
);
