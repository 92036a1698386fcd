/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
/**
 * Sums a V8 `.cpuprofile` (from `node --cpu-prof`) by function and by file, optionally only
 * within a time window (e.g. one node's run, from n8n's run data), and counts each function's
 * calls into its subtree ("total" time).
 *
 *   npx tsx test/bench/cpuProfile.ts <file.cpuprofile> [fromEpochMs toEpochMs] [--top N] [--match text]
 */
import * as fs from 'node:fs';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}

interface CpuProfile {
	nodes: ProfileNode[];
	startTime: number;
	endTime: number;
	samples: number[];
	timeDeltas: number[];
}

export interface ProfileSummary {
	/** Sampled ms within the window. */
	totalMs: number;
	/** Self time by `function file:line`, ms. */
	selfByFunction: Map<string, number>;
	/** Self time by file (short form), ms. */
	selfByFile: Map<string, number>;
	/** Time with the function anywhere on the stack, ms. */
	totalByFunction: Map<string, number>;
}

/** `…/node_modules/n8n-core/dist/x.js` → `n8n-core/dist/x.js`; our package's files keep `dist/…`. */
function shortFile(url: string): string {
	const clean = url.replace(/^file:\/\//, '');
	const modules = clean.lastIndexOf('node_modules/');
	return modules >= 0 ? clean.slice(modules + 'node_modules/'.length) : clean || '(native)';
}

const label = (node: ProfileNode) =>
	`${node.callFrame.functionName || '(anonymous)'} ${shortFile(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;

/**
 * `window`: [from, to] in ms since the epoch. A profile's clock is not the epoch, so its start is
 * placed at `profileStartEpochMs` (the file's mtime minus its duration, unless given).
 */
export function summarize(
	profile: CpuProfile,
	window?: { from: number; to: number; profileStartEpochMs: number },
): ProfileSummary {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map<number, number>();
	for (const node of profile.nodes)
		for (const child of node.children ?? []) parent.set(child, node.id);
	const selfByFunction = new Map<string, number>();
	const selfByFile = new Map<string, number>();
	const totalByFunction = new Map<string, number>();
	const add = (map: Map<string, number>, key: string, ms: number) =>
		map.set(key, (map.get(key) ?? 0) + ms);
	let at = profile.startTime;
	let totalMs = 0;
	profile.samples.forEach((id, index) => {
		at += profile.timeDeltas[index];
		const ms = (profile.timeDeltas[index + 1] ?? 0) / 1000;
		if (window) {
			const epoch = window.profileStartEpochMs + (at - profile.startTime) / 1000;
			if (epoch < window.from || epoch > window.to) return;
		}
		const node = byId.get(id)!;
		if (node.callFrame.functionName === '(idle)') return;
		totalMs += ms;
		add(selfByFunction, label(node), ms);
		add(selfByFile, shortFile(node.callFrame.url), ms);
		const seen = new Set<string>();
		for (
			let current: number | undefined = id;
			current !== undefined;
			current = parent.get(current)
		) {
			const key = label(byId.get(current)!);
			if (seen.has(key)) continue;
			seen.add(key);
			add(totalByFunction, key, ms);
		}
	});
	return { totalMs, selfByFunction, selfByFile, totalByFunction };
}

export function readProfile(file: string): { profile: CpuProfile; startEpochMs: number } {
	const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
	const durationMs = (profile.endTime - profile.startTime) / 1000;
	return { profile, startEpochMs: fs.statSync(file).mtimeMs - durationMs };
}

export function topLines(map: Map<string, number>, top: number, match?: string): string[] {
	return [...map.entries()]
		.filter(([key]) => !match || key.includes(match))
		.sort((a, b) => b[1] - a[1])
		.slice(0, top)
		.map(([key, ms]) => `${ms.toFixed(1).padStart(9)} ms  ${key}`);
}

if (require.main === module) {
	const args = process.argv.slice(2);
	const option = (name: string) => {
		const index = args.indexOf(name);
		if (index === -1) return undefined;
		const [, value] = args.splice(index, 2);
		return value;
	};
	const top = Number(option('--top') ?? 30);
	const match = option('--match');
	const [file, from, to] = args;
	if (!file) {
		process.stderr.write(
			'usage: cpuProfile.ts <file.cpuprofile> [fromEpochMs toEpochMs] [--top N] [--match text]\n',
		);
		process.exit(2);
	}
	const { profile, startEpochMs } = readProfile(file);
	const summary = summarize(
		profile,
		from && to
			? { from: Number(from), to: Number(to), profileStartEpochMs: startEpochMs }
			: undefined,
	);
	const out = (text: string) => process.stdout.write(`${text}\n`);
	out(`sampled ${summary.totalMs.toFixed(0)} ms (idle excluded)`);
	out('\nself time by file:');
	topLines(summary.selfByFile, top, match).forEach(out);
	out('\nself time by function:');
	topLines(summary.selfByFunction, top, match).forEach(out);
	out('\ntotal time (function on the stack):');
	topLines(summary.totalByFunction, top, match).forEach(out);
}
