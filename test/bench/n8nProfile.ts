/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
/**
 * CPU profile of the node under test inside real n8n: one `n8n execute` per side with
 * `node --cpu-prof`, summed by function and file over the node's run (from n8n's run data).
 *
 *   npm run build && npx tsx test/bench/n8nProfile.ts [N] [leadlex|http ...] [--top N] [--keep DIR]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { installSignalHandlers, makeTempDir, stopAllChildren } from '../../scripts/n8n/harness';
import { readProfile, summarize, topLines } from './cpuProfile';
import { targets } from './seed';
import { execute, importBenchWorkflows, startN8nStack } from './n8nStack';
import { benchWorkflow, type Variant } from './n8nWorkflows';

async function main(argv: string[]): Promise<void> {
	const option = (name: string) => {
		const index = argv.indexOf(name);
		return index === -1 ? undefined : argv.splice(index, 2)[1];
	};
	const top = Number(option('--top') ?? 25);
	const keep = option('--keep');
	const n = Number(argv.find((arg) => /^\d+$/.test(arg)) ?? 200);
	const variants = argv.filter((arg) => !/^\d+$/.test(arg)) as Variant[];
	const log = (text: string) => process.stderr.write(`[profile] ${text}\n`);
	const stack = await startN8nStack(log);
	try {
		const workflows = (variants.length ? variants : (['leadlex', 'http'] as Variant[])).map(
			(variant) => benchWorkflow(variant, targets(n), stack.sandbox.url),
		);
		await importBenchWorkflows(stack, workflows);
		for (const workflow of workflows) {
			const dir = keep ? path.resolve(keep, workflow.variant) : makeTempDir('leadlex-cpuprof-');
			fs.mkdirSync(dir, { recursive: true });
			const run = await execute(stack, workflow, {
				env: { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir}` },
			});
			// The largest profile is n8n's main process (the task runner writes a small one).
			const files = fs
				.readdirSync(dir)
				.filter((file) => file.endsWith('.cpuprofile'))
				.map((file) => path.join(dir, file))
				.sort((a, b) => fs.statSync(b).size - fs.statSync(a).size);
			const out = (text: string) => process.stdout.write(`${text}\n`);
			out(
				`\n=== ${workflow.variant} N=${n}: node ${run.nodeMs} ms, first request after ${run.firstRequestMs} ms, ` +
					`span ${run.requestSpanMs} ms (${files[0] ?? 'no profile written'})`,
			);
			if (!files[0]) continue;
			const { profile, startEpochMs } = readProfile(files[0]);
			const whole = summarize(profile, {
				from: run.nodeStart,
				to: run.nodeStart + run.nodeMs,
				profileStartEpochMs: startEpochMs,
			});
			out(`sampled during the node's run: ${whole.totalMs.toFixed(0)} ms`);
			out('-- self time by file');
			topLines(whole.selfByFile, top).forEach(out);
			out('-- self time by function');
			topLines(whole.selfByFunction, top).forEach(out);
			out('-- total time (on the stack)');
			topLines(whole.totalByFunction, top * 2).forEach(out);
			if (!keep) fs.rmSync(dir, { recursive: true, force: true });
		}
	} finally {
		await stack.close();
		await stopAllChildren();
	}
}

installSignalHandlers();
main(process.argv.slice(2)).catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
	process.exitCode = 1;
});
