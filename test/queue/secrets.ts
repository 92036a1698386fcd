/* eslint-disable @n8n/community-nodes/no-restricted-imports --
   dev tooling, never packed: scenario C of the queue-mode suite. */
/**
 * Scenario C: where the API key and the webhook secret are, after scenarios A and B: in no
 * execution (REST), nowhere in Redis (every key and value, mid-run and at the end, and every
 * command Redis ran, seen through MONITOR), not in a full pg_dump except encrypted, in no log.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
	flattedParser,
	listExecutions,
	readExecution,
	type StoredExecution,
} from '../../scripts/n8n/harness';
import { redisSnapshot, type RedisEntry } from '../../scripts/n8n/services';
import { show, type Context, type Scenario } from './context';
import { DELETE_WORKFLOW, TRIGGER_WORKFLOW } from './workflows';

/** Table name → its rows, from the COPY blocks of a plain pg_dump. */
function dumpTables(dump: string): Map<string, string> {
	const tables = new Map<string, string>();
	for (const m of dump.matchAll(
		/^COPY public\.("?[\w]+"?) \([^)]*\) FROM stdin;\n([\s\S]*?)^\\\.$/gm,
	)) {
		tables.set(m[1].replace(/"/g, ''), m[2]);
	}
	return tables;
}

function rows(text: string): number {
	return text === '' ? 0 : text.split('\n').filter(Boolean).length;
}

/** The forms a secret could take in a dump: as text, and as bytea hex. */
function forms(secret: string): string[] {
	return [secret, Buffer.from(secret, 'utf8').toString('hex')];
}

function redisSummary(entries: RedisEntry[]): string {
	const byType = new Map<string, number>();
	for (const e of entries) byType.set(e.type, (byType.get(e.type) ?? 0) + 1);
	const kinds = [...new Set(entries.map((e) => e.key.replace(/:\d+(?=:|$)/g, ':<n>')))].sort();
	return `${entries.length} keys (${[...byType].map(([k, v]) => `${v} ${k}`).join(', ') || 'none'}): ${kinds.join(', ')}`;
}

async function run(ctx: Context): Promise<void> {
	const { t, stack } = ctx;
	const secret = ctx.webhookSecret;
	const needles: Array<[string, string]> = [['the API key', ctx.apiKey]];
	if (secret) needles.push(['the webhook secret', secret]);
	else
		t.observe(
			'no webhook secret known (scenario B registered no webhook): checking the API key only',
		);
	const names = needles.map(([n]) => n).join(' and ');

	// Executions, read back over REST.
	const parse = flattedParser(stack.runtime);
	const stored: StoredExecution[] = [];
	for (const workflowId of [DELETE_WORKFLOW.id, TRIGGER_WORKFLOW.id]) {
		for (const summary of await listExecutions(stack.rest, workflowId)) {
			stored.push(await readExecution(stack.rest, summary, parse));
		}
	}
	await t.checkAsync(
		`C: ${names} in none of the ${stored.length} executions (REST: run data, workflow snapshot)`,
		() => {
			assert.ok(stored.length > 0, 'no executions to read');
			for (const [name, value] of needles) {
				const hits = stored.filter((e) => e.text.includes(value)).map((e) => e.summary.id);
				assert.deepEqual(hits, [], `${name} in executions ${show(ctx, hits)}`);
			}
		},
	);
	const withStatic = stored.filter(
		(e) => e.workflowData?.staticData !== undefined && e.workflowData.staticData !== null,
	);
	t.observe(
		`executions: ${stored.length} stored; ${withStatic.length} carry the workflow's static data in their workflow snapshot`,
	);

	// Redis: every key and value (mid-run of A, while the trigger was active, now), every command.
	const now = await redisSnapshot(stack.runtime, stack.redis.port);
	const snapshots: Array<[string, RedisEntry[] | undefined]> = [
		["during A's executions", ctx.redisDuringRun],
		['while the trigger was active', ctx.whileActive?.redis],
		['at the end', now],
	];
	// Positive controls: what must be found where it passes, so that "not found" means something.
	const control = ctx.deletedStepIds[0];
	const jobControl = DELETE_WORKFLOW.id; // in every job's data
	await t.checkAsync(
		`C: Redis: ${names} in no key or value (SCAN of every key, every type: ${snapshots.map(([when]) => when).join(', ')})`,
		() => {
			for (const [when, entries] of snapshots) {
				assert.ok(entries, `no snapshot ${when}`);
				const all: RedisEntry[] = entries;
				for (const [name, value] of needles) {
					const hits = all.filter((e) => e.key.includes(value) || e.text.includes(value));
					assert.deepEqual(
						hits.map((e) => e.key),
						[],
						`${name} in Redis ${when}`,
					);
				}
			}
		},
	);
	await t.checkAsync(
		`C: Redis MONITOR: ${names} in none of the ${stack.monitor.count()} commands sent to Redis since it started ` +
			'(the workflow ID in the job data is: the monitor sees the data that passes)',
		() => {
			assert.ok(stack.monitor.containing(jobControl).length > 0, `${jobControl} in no command`);
			for (const [name, value] of needles) {
				const hits = stack.monitor.containing(value);
				if (hits.length > 0) {
					assert.fail(
						`${name} in ${hits.length} commands, e.g. ${show(ctx, hits[0].slice(0, 120))}`,
					);
				}
			}
		},
	);
	fs.writeFileSync(path.join(stack.work, 'redis-monitor.txt'), stack.monitor.text());
	for (const [when, entries] of snapshots)
		t.observe(`Redis ${when}: ${redisSummary(entries ?? [])}`);
	// n8n 2.x caches each published workflow in Redis, its staticData column included.
	const cacheKey = `n8n:cache:workflow-published-data:${TRIGGER_WORKFLOW.id}`;
	const cached = ctx.whileActive?.redis.find((e) => e.key === cacheKey);
	const cachedStatic = cached ? /"staticData":(null|\{[^}]*\}?)/.exec(cached.text)?.[1] : undefined;
	t.observe(
		`Redis ${cacheKey} while the trigger was active: ${cached ? `staticData ${cachedStatic === 'null' ? 'null' : 'present (contents not printed)'}` : 'absent'}`,
	);
	const carriers = (needle: string) =>
		[...new Set(stack.monitor.containing(needle).map((c) => c.split(' ')[0]))].join(', ') || 'none';
	t.observe(
		`Redis commands (MONITOR, ${stack.monitor.count()}, kept in redis-monitor.txt when the work folder is kept): ` +
			`with the workflow ID: ${carriers(jobControl)}; with a step ID of A: ${carriers(control ?? '?')} ` +
			"(so the webhook's answer, which lists them, did not travel through Redis)",
	);

	// PostgreSQL: full dumps of n8n's database, while the trigger was active and now.
	const dump = stack.pg.dump();
	const tables = dumpTables(dump);
	const where = (value: string, inTables = tables) =>
		[...inTables]
			.filter(([, text]) => forms(value).some((f) => text.includes(f)))
			.map(([name]) => name);
	const activeDump = ctx.whileActive?.pgDump ?? '';
	const activeTables = dumpTables(activeDump);
	await t.checkAsync(
		`C: pg_dump (${Math.round(dump.length / 1024)} KB; and one while the trigger was active): the API key appears nowhere, as text or hex; the one credential row is encrypted`,
		() => {
			assert.ok(activeDump, 'no dump was taken while the trigger was active');
			assert.ok(
				where(control ?? '?').length > 0,
				`step ID ${control} in no table (the dump search sees nothing)`,
			);
			for (const text of [dump, activeDump]) {
				assert.equal(
					forms(ctx.apiKey).filter((f) => text.includes(f)).length,
					0,
					`in ${where(ctx.apiKey).join(', ')}`,
				);
			}
			const credentials = tables.get('credentials_entity') ?? '';
			assert.equal(
				rows(credentials),
				1,
				'credentials_entity should hold the one LeadLex credential',
			);
			assert.ok(
				!credentials.includes('apiKey'),
				'the credential row holds the field name in plain text',
			);
		},
	);
	if (secret) {
		await t.checkAsync(
			'C: pg_dump: the webhook secret is in the workflow row (static data) while the trigger is active, in no execution table, and gone after deactivation',
			() => {
				assert.deepEqual(where(secret, activeTables), ['workflow_entity']);
				assert.deepEqual(where(secret), []);
			},
		);
	}
	const counted = [
		'execution_entity',
		'execution_data',
		'workflow_entity',
		'webhook_entity',
		'credentials_entity',
	];
	t.observe(
		`pg_dump: ${tables.size} tables; rows: ${counted.map((n) => `${n} ${rows(tables.get(n) ?? '')}`).join(', ')}; ` +
			`a step ID of A in: ${where(control ?? '?').join(', ')}; webhook secret while active in: ` +
			`${secret ? where(secret, activeTables).join(', ') || 'nowhere' : '?'}, after deactivation in: ${secret ? where(secret).join(', ') || 'nowhere' : '?'}; ` +
			`encryption key in: ${where(stack.encryptionKey).join(', ') || 'nowhere'}`,
	);

	// Logs of main and every worker.
	const logs = [stack.main.logFile, ...stack.workerLogFiles].filter((f) => fs.existsSync(f));
	await t.checkAsync(`C: ${names} in none of the ${logs.length} n8n logs`, () => {
		for (const file of logs) {
			const text = fs.readFileSync(file, 'utf8');
			for (const [name, value] of needles) assert.ok(!text.includes(value), `${name} in ${file}`);
		}
	});
}

export const scenarioC: Scenario = {
	id: 'C',
	title: 'secrets: executions, Redis (keys, values, MONITOR), pg_dump, logs',
	run,
};
