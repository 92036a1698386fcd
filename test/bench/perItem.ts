/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev tooling, never packed */
/**
 * What one item costs before its request can leave, as the node gains operations and resources:
 * n8n's declarative engine resolves every property entry's value for every item (twice in n8n-core
 * 2.40+: once for the request, once to find the Base URL), so the node's description is part of
 * the per-item cost. The same Campaign Step → Delete runs through four node types: a copy with
 * only that operation, a copy with only the Campaign Step resource, a copy with the two resources
 * the node had before Contact and List (Campaign Step and Campaign), and the shipped node. For
 * each: the property entries, the expressions n8n resolves per item (counted at n8n-workflow's
 * Expression), and the time from the node's start to its first request, per item.
 *
 *   npm run build && npx tsx test/bench/perItem.ts [N] [repeats]   # this section alone (printed)
 */
import { performance, PerformanceObserver } from 'node:perf_hooks';
import type { IDataObject, INodeProperties, INodeType } from 'n8n-workflow';
import { countExpressions } from '../engine/expressionCount';
import type { Sandbox } from '../sandbox/server';
import { contactTargets, targets } from './seed';
import { median } from './stats';

type RunLeadlex = typeof import('../engine/harness').runLeadlex;
type LoadPackage = typeof import('../engine/harness').loadPackage;

export interface PerItemRow {
	/** Which node type: one operation, one resource, the resources before Contact and List, all. */
	key: 'operation' | 'resource' | 'before' | 'shipped';
	label: string;
	operations: number;
	entries: number;
	/** Expressions resolved per item, by where n8n resolved them. */
	expressions: number;
	expressionsBySite: Record<string, number>;
	/** Node start to first request, per item (µs), each run. */
	prepareMicros: number[];
	/**
	 * The process's CPU time (user + system, all threads) over the same span, per item (µs), each
	 * run: the sandbox, the engine and the node share the process, and unlike the wall time it
	 * does not count the time other processes on the machine take the cores.
	 */
	cpuMicros: number[];
	/** The main thread's garbage-collection pauses over the same span, per item (µs), each run. */
	gcMicros: number[];
}

/** One property entry of the shipped node, and what the engine's two walks spend on it per item. */
export interface EntryCost {
	index: number;
	name: string;
	/** The resource(s) whose operations show the entry ('' for the Resource entry itself). */
	resource: string;
	/** In the node before Contact and List (Campaign Step and Campaign) too. */
	before: boolean;
	/** The engine's work for this entry in both walks, replayed for one Delete item (µs, median). */
	micros: number;
	/** Expressions resolved for this entry in both walks. */
	expressions: number;
}

export interface PerItemResult {
	rows: PerItemRow[];
	/** The shipped node's entries, each replayed on its own. */
	entries: EntryCost[];
	/**
	 * The engine's two walks over every entry, replayed for one Delete item as the engine makes
	 * them: CPU time per item (µs, median of the passes) of the shipped node and of the node before
	 * Contact and List.
	 */
	walkCpu: { shipped: number; before: number };
	/** Each round's shipped / before CPU time (the two ran back to back). */
	pairedRatios: number[];
	/** Existing operations' parameters whose names Contact and List also declare. */
	shared: SharedGroup[];
	/**
	 * Campaign Step → Update with Campaign, Step and Update Fields → Subject by expression, counted
	 * in a run of each: what the shared `updateFields` name costs an existing operation.
	 */
	updateExpressions: { before: number; shipped: number };
	/**
	 * Contact → Update (section 5's row: Contact and Job Title by expression) in the shipped node:
	 * expressions per item, counted in a run of 10 items, and the entries named like its parameters.
	 */
	contactUpdate: {
		expressions: number;
		bySite: Record<string, number>;
		entries: Record<string, number>;
	};
}

const isShownFor = (property: INodeProperties, key: string, value: string) => {
	const shown = property.displayOptions?.show?.[key];
	return !shown || (shown as unknown[]).includes(value);
};

/**
 * A copy of the node type with only the properties of the given resources (and, with `operation`,
 * of that one operation): the Resource entry itself is kept as it is.
 */
function trimmed(type: INodeType, resources: string[], operation?: string): INodeType {
	const properties = type.description.properties
		.filter((p) => resources.some((resource) => isShownFor(p, 'resource', resource)))
		.filter((p) => !operation || p.name === 'operation' || isShownFor(p, 'operation', operation))
		.map((p) =>
			p.name === 'operation' && operation
				? { ...p, options: p.options?.filter((o) => 'value' in o && o.value === operation) }
				: p,
		);
	// Description and methods only: an `execute` the harness gave the loaded type would run it.
	return { description: { ...type.description, properties }, methods: type.methods };
}

/** The Resource entry's option names, as the editor shows them. */
function resourceNames(type: INodeType): string[] {
	const resource = type.description.properties.find((p) => p.name === 'resource');
	return (resource?.options ?? []).map((option) => option.name);
}

function operationCount(type: INodeType): number {
	return type.description.properties
		.filter((p) => p.name === 'operation')
		.reduce((count, p) => count + (p.options?.length ?? 0), 0);
}

export async function perItemCost(
	runLeadlex: RunLeadlex,
	loadPackage: LoadPackage,
	sandbox: Sandbox,
	{ n, repeats }: { n: number; repeats: number },
): Promise<PerItemResult> {
	const loader = await loadPackage();
	const full = loader.nodeTypes.leadlex.type as INodeType;
	const resources = resourceNames(full);
	const variants: Array<{ key: PerItemRow['key']; label: string; type: INodeType }> = [
		{
			key: 'operation',
			label: 'Campaign Step → Delete only',
			type: trimmed(full, ['campaignStep'], 'delete'),
		},
		{
			key: 'resource',
			label: 'Campaign Step resource only',
			type: trimmed(full, ['campaignStep']),
		},
		{
			key: 'before',
			label: 'Campaign Step and Campaign only (the node before Contact and List)',
			type: trimmed(full, ['campaignStep', 'campaign']),
		},
		{
			key: 'shipped',
			label: `the shipped node (${resources.length} resources: ${resources.join(', ')})`,
			type: full,
		},
	];
	const list = targets(n);
	const parameters = {
		resource: 'campaignStep',
		operation: 'delete',
		campaignId: { __rl: true, mode: 'id', value: '={{ $json.campaign }}' },
		stepId: { __rl: true, mode: 'id', value: '={{ $json.step }}' },
		options: {},
	};
	// The process's CPU time when the first request of a run reaches the sandbox (same process),
	// and the main thread's garbage-collection pauses until then.
	const requests = sandbox.requests;
	const push = requests.push;
	let cpuAtFirstRequest: NodeJS.CpuUsage | undefined;
	let cpuAtStart: NodeJS.CpuUsage | undefined;
	let firstRequestAt = Infinity;
	requests.push = function (this: typeof requests, ...records) {
		if (cpuAtStart && !cpuAtFirstRequest) {
			cpuAtFirstRequest = process.cpuUsage(cpuAtStart);
			firstRequestAt = performance.now();
		}
		return push.apply(this, records);
	};
	const gcPauses: Array<{ start: number; duration: number }> = [];
	const gcObserver = new PerformanceObserver((entries) => {
		for (const entry of entries.getEntries()) {
			gcPauses.push({ start: entry.startTime, duration: entry.duration });
		}
	});
	gcObserver.observe({ entryTypes: ['gc'] });
	const runOnce = async (type: INodeType, items = list) => {
		sandbox.reset();
		gcPauses.length = 0;
		cpuAtFirstRequest = undefined;
		firstRequestAt = Infinity;
		const startedAt = performance.now();
		cpuAtStart = process.cpuUsage();
		const started = Date.now();
		const result = await runLeadlex({
			parameters,
			items: items.map((target) => ({ ...target }) as IDataObject),
			credentials: { apiKey: sandbox.keys.full, baseUrl: sandbox.url },
			nodeType: type,
		});
		cpuAtStart = undefined;
		const deleted = result.items.filter((item) => item.json.deleted === true).length;
		if (deleted !== items.length) {
			throw new Error(`per-item run deleted ${deleted} of ${items.length}`);
		}
		// The observer is told of pauses in a later task.
		await new Promise((resolve) => setTimeout(resolve, 10));
		const cpu = cpuAtFirstRequest ?? { user: NaN, system: NaN };
		return {
			wallMicros: (Math.min(...sandbox.requests.map((r) => r.at)) - started) * 1000,
			cpuMicros: cpu.user + cpu.system,
			gcMicros:
				gcPauses
					.filter((pause) => pause.start >= startedAt && pause.start < firstRequestAt)
					.reduce((total, pause) => total + pause.duration, 0) * 1000,
		};
	};
	const rows: PerItemRow[] = variants.map(({ key, label, type }) => ({
		key,
		label,
		operations: operationCount(type),
		entries: type.description.properties.length,
		expressions: 0,
		expressionsBySite: {},
		prepareMicros: [],
		cpuMicros: [],
		gcMicros: [],
	}));
	let entries: EntryCost[];
	let walkCpu: PerItemResult['walkCpu'];
	let updateExpressions: PerItemResult['updateExpressions'];
	let contactUpdate: PerItemResult['contactUpdate'];
	try {
		// Warm-up, then the variants take turns.
		for (const { type } of variants) await runOnce(type);
		for (let round = 0; round < repeats; round++) {
			for (const [index, { type }] of variants.entries()) {
				const { wallMicros, cpuMicros, gcMicros } = await runOnce(type);
				rows[index].prepareMicros.push(wallMicros / n);
				rows[index].cpuMicros.push(cpuMicros / n);
				rows[index].gcMicros.push(gcMicros / n);
			}
		}
		for (const [index, { type }] of variants.entries()) {
			const sites = await countExpressions(async () => void (await runOnce(type)));
			rows[index].expressionsBySite = Object.fromEntries(
				[...sites].map(([site, count]) => [site, count / n]),
			);
			rows[index].expressions = [...sites.values()].reduce((a, b) => a + b, 0) / n;
		}
		const beforeType = variants.find((variant) => variant.key === 'before')!.type;
		({ costs: entries, walkCpu } = await entryCosts(full, beforeType, async () => {
			await runOnce(full, list.slice(0, 1));
		}));
		const updateOnce = async (type: INodeType) => {
			const items = list.slice(0, 10);
			sandbox.reset();
			let failed = 0;
			const sites = await countExpressions(async () => {
				const result = await runLeadlex({
					parameters: {
						resource: 'campaignStep',
						operation: 'update',
						campaignId: { __rl: true, mode: 'id', value: '={{ $json.campaign }}' },
						stepId: { __rl: true, mode: 'id', value: '={{ $json.step }}' },
						updateFields: { subject: '={{ $json.subject }}' },
						options: {},
					},
					items: items.map((target, i) => ({ ...target, subject: `Subject ${i}` }) as IDataObject),
					credentials: { apiKey: sandbox.keys.full, baseUrl: sandbox.url },
					nodeType: type,
					onError: 'continueRegularOutput',
				});
				failed = result.items.filter((item) => item.json.error !== undefined).length;
			});
			if (failed) throw new Error(`per-item Campaign Step → Update: ${failed} failed items`);
			return [...sites.values()].reduce((a, b) => a + b, 0) / items.length;
		};
		updateExpressions = { before: await updateOnce(beforeType), shipped: await updateOnce(full) };
		contactUpdate = await contactUpdateCount(runLeadlex, sandbox, full);
	} finally {
		requests.push = push;
		gcObserver.disconnect();
	}
	const cpuOf = (key: PerItemRow['key']) => rows.find((row) => row.key === key)!.cpuMicros;
	const pairedRatios = cpuOf('shipped').map((micros, round) => micros / cpuOf('before')[round]);
	return {
		rows,
		entries,
		walkCpu,
		pairedRatios,
		shared: sharedGroups(full),
		updateExpressions,
		contactUpdate,
	};
}

/** Contact → Update of 10 contacts (found through the API), counted; checks each was updated. */
async function contactUpdateCount(
	runLeadlex: RunLeadlex,
	sandbox: Sandbox,
	full: INodeType,
): Promise<PerItemResult['contactUpdate']> {
	sandbox.reset();
	const contacts = await contactTargets(sandbox.url, sandbox.keys.full, 10);
	const parameters = {
		resource: 'contact',
		operation: 'update',
		contactId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
		updateFields: { jobTitle: '={{ $json.title }}' },
		options: {},
	};
	let updated = 0;
	const sites = await countExpressions(async () => {
		const result = await runLeadlex({
			parameters,
			items: contacts.map((contact) => ({ ...contact }) as IDataObject),
			credentials: { apiKey: sandbox.keys.full, baseUrl: sandbox.url },
			nodeType: full,
			onError: 'continueRegularOutput',
		});
		updated = result.items.filter(
			(item, i) => item.json.job_title === contacts[i]?.title && item.json.error === undefined,
		).length;
	});
	if (updated !== contacts.length) {
		throw new Error(`per-item Contact → Update updated ${updated} of ${contacts.length}`);
	}
	const names = Object.keys(parameters).filter((name) => name !== 'resource');
	return {
		expressions: [...sites.values()].reduce((a, b) => a + b, 0) / contacts.length,
		bySite: Object.fromEntries([...sites].map(([site, count]) => [site, count / contacts.length])),
		entries: Object.fromEntries(
			names.map((name) => [
				name,
				full.description.properties.filter((p) => p.name === name).length,
			]),
		),
	};
}

/** The replay of the walks: repeats per pass, and passes (the median is kept). */
export const ENTRY_REPEATS = 200;
export const ENTRY_PASSES = 7;

/** What RoutingNode's per-entry work needs, taken from a real run's first item. */
interface CapturedItem {
	routing: {
		context: { node: { parameters: IDataObject } };
		getParameterValue(value: unknown, ...rest: unknown[]): unknown;
		getRequestOptionsFromParameters(...args: unknown[]): unknown;
	};
	thisArgs: { getExecuteData(): unknown };
	itemIndex: number;
	runIndex: number;
	keys: IDataObject;
}

/**
 * Which entries the time goes to: one Delete item's context is taken from a real run of the
 * shipped node, then what n8n-core's RoutingNode does with each property entry in its two walks
 * (the item's request, then the Base URL check: the entry's value from the node's parameters or
 * `[]`, resolved, then `getRequestOptionsFromParameters`, display check first) is replayed over
 * all entries in the node's order, each entry timed; median of the passes. Each pass also takes
 * the CPU time of the same walks untimed, over the shipped node's entries and over those of the
 * node before Contact and List.
 */
async function entryCosts(
	full: INodeType,
	before: INodeType,
	runOne: () => Promise<void>,
): Promise<{ costs: EntryCost[]; walkCpu: PerItemResult['walkCpu'] }> {
	const { RoutingNode } = await import('n8n-core');
	const prototype = RoutingNode.prototype as unknown as {
		getRequestOptionsFromParameters: (...args: unknown[]) => unknown;
	};
	const original = prototype.getRequestOptionsFromParameters;
	let captured: CapturedItem | undefined;
	prototype.getRequestOptionsFromParameters = function (this: unknown, ...args: unknown[]) {
		// (thisArgs, property, itemIndex, runIndex, path, additionalKeys, baseUrlOnly)
		if (!captured && args[4] === '' && args[6] !== true) {
			const keys = { ...(args[5] as IDataObject) };
			delete keys.$value;
			captured = {
				routing: this as CapturedItem['routing'],
				thisArgs: args[0] as CapturedItem['thisArgs'],
				itemIndex: args[2] as number,
				runIndex: args[3] as number,
				keys,
			};
		}
		return original.apply(this, args);
	};
	try {
		await runOne();
	} finally {
		prototype.getRequestOptionsFromParameters = original;
	}
	if (!captured) throw new Error('no RoutingNode walk seen in the per-item run');
	const { routing, thisArgs, itemIndex, runIndex, keys } = captured;
	const nodeParameters = routing.context.node.parameters;
	const executeData = thisArgs.getExecuteData();
	/** What the engine does with one entry in one walk (the item's request, or the Base URL check). */
	const walkEntry = (property: INodeProperties, baseUrlOnly: boolean) => {
		let value: unknown = nodeParameters[property.name] ?? [];
		value = routing.getParameterValue(value, itemIndex, runIndex, executeData, keys, false);
		routing.getRequestOptionsFromParameters(
			thisArgs,
			property,
			itemIndex,
			runIndex,
			'',
			{ ...keys, $value: value },
			baseUrlOnly,
		);
	};
	/** Both walks over `list` in its order, as the engine makes them; `spent[i]` gets entry i's ms. */
	const walk = (list: INodeProperties[], spent?: number[]) => {
		for (const baseUrlOnly of [false, true]) {
			for (const [index, property] of list.entries()) {
				if (!spent) {
					walkEntry(property, baseUrlOnly);
					continue;
				}
				const start = performance.now();
				walkEntry(property, baseUrlOnly);
				spent[index] += performance.now() - start;
			}
		}
	};
	const properties = full.description.properties;
	const beforeProperties = before.description.properties;
	const expressions: number[] = [];
	for (const property of properties) {
		const sites = await countExpressions(async () => {
			walkEntry(property, false);
			walkEntry(property, true);
		});
		expressions.push([...sites.values()].reduce((a, b) => a + b, 0));
	}
	const samples = properties.map(() => [] as number[]);
	const cpu = { shipped: [] as number[], before: [] as number[] };
	const cpuOfWalks = (list: INodeProperties[]) => {
		const start = process.cpuUsage();
		for (let r = 0; r < ENTRY_REPEATS; r++) walk(list);
		const used = process.cpuUsage(start);
		return (used.user + used.system) / ENTRY_REPEATS;
	};
	for (let r = 0; r < ENTRY_REPEATS; r++) walk(properties);
	for (let pass = 0; pass < ENTRY_PASSES; pass++) {
		const spent = properties.map(() => 0);
		for (let r = 0; r < ENTRY_REPEATS; r++) walk(properties, spent);
		spent.forEach((ms, index) => samples[index].push((ms * 1000) / ENTRY_REPEATS));
		cpu.before.push(cpuOfWalks(beforeProperties));
		cpu.shipped.push(cpuOfWalks(properties));
	}
	const inBefore = new Set(beforeProperties);
	const costs = properties.map((property, index) => ({
		index,
		name: property.name,
		resource: ((property.displayOptions?.show?.resource as string[] | undefined) ?? []).join(', '),
		before: inBefore.has(property),
		micros: median(samples[index]),
		expressions: expressions[index],
	}));
	return { costs, walkCpu: { shipped: median(cpu.shipped), before: median(cpu.before) } };
}

export function perItemLines({ rows }: PerItemResult): string[] {
	const sites = [...new Set(rows.flatMap((row) => Object.keys(row.expressionsBySite)))].sort();
	const runs = (values: number[]) => values.map((us) => Math.round(us)).join(' / ');
	return [
		`| node type | operations | property entries | expressions per item | ${sites.join(' | ')} | node start to first request, per item: wall (µs, median) | process CPU (µs, median) | of it GC pauses (µs, median) | runs, wall (µs) | runs, CPU (µs) |`,
		`|---|---:|---:|---:|${sites.map(() => '---:|').join('')}---:|---:|---:|---|---|`,
		...rows.map(
			(row) =>
				`| ${row.label} | ${row.operations} | ${row.entries} | ${row.expressions} | ` +
				`${sites.map((site) => row.expressionsBySite[site] ?? 0).join(' | ')} | ` +
				`${Math.round(median(row.prepareMicros))} | ${Math.round(median(row.cpuMicros))} | ${Math.round(median(row.gcMicros))} | ` +
				`${runs(row.prepareMicros)} | ${runs(row.cpuMicros)} |`,
		),
	];
}

const sumOf = (entries: EntryCost[], pick: (entry: EntryCost) => number) =>
	entries.reduce((total, entry) => total + pick(entry), 0);
const micros = (value: number) => (value >= 10 ? value.toFixed(0) : value.toFixed(1));

/** The entries Contact and List add, by name (most expensive first). */
function addedByName(entries: EntryCost[]) {
	const groups = new Map<string, EntryCost[]>();
	for (const entry of entries.filter((e) => !e.before)) {
		groups.set(entry.name, [...(groups.get(entry.name) ?? []), entry]);
	}
	return [...groups.entries()]
		.map(([name, group]) => ({
			name,
			group,
			micros: sumOf(group, (e) => e.micros),
			expressions: sumOf(group, (e) => e.expressions),
		}))
		.sort((a, b) => b.micros - a.micros);
}

/** Where the shipped node's time goes, entry by entry: the table under the per-item table. */
export function perItemEntryLines({ entries, walkCpu }: PerItemResult): string[] {
	if (!entries.length) return [];
	const before = entries.filter((e) => e.before);
	const added = entries.filter((e) => !e.before);
	const plain = before.filter((e) => e.expressions === 0);
	const groups = addedByName(entries);
	const several = groups.filter((g) => g.group.length > 1);
	const single = groups.filter((g) => g.group.length === 1).flatMap((g) => g.group);
	const positions = (group: EntryCost[]) =>
		group.length > 6
			? `${group.length} entries, #${group[0].index} to #${group[group.length - 1].index}`
			: group.map((e) => `#${e.index}`).join(', ');
	const resources = (group: EntryCost[]) =>
		[...new Set(group.map((e) => e.resource))].sort().join(' and ');
	const perEntry = (group: EntryCost[]) => {
		const values = group.map((e) => e.micros);
		const low = micros(Math.min(...values));
		const high = micros(Math.max(...values));
		return low === high ? low : `${low}–${high}`;
	};
	return [
		'| entries of the shipped node | entries | expressions per item | both walks, per item (µs, replayed) | per entry (µs) | which (# = position in the properties) |',
		'|---|---:|---:|---:|---:|---|',
		`| the node before Contact and List: entries holding an expression | ${before.length - plain.length} | ` +
			`${sumOf(before, (e) => e.expressions)} | ${micros(sumOf(before, (e) => e.micros) - sumOf(plain, (e) => e.micros))} | ` +
			`${perEntry(before.filter((e) => e.expressions > 0))} | ${before
				.filter((e) => e.expressions > 0)
				.map((e) => `\`${e.name}\` #${e.index} (${e.resource})`)
				.join(', ')} |`,
		`| the node before Contact and List: the other entries | ${plain.length} | 0 | ` +
			`${micros(sumOf(plain, (e) => e.micros))} | ${perEntry(plain)} | |`,
		...several.map(
			({ name, group, micros: total, expressions }) =>
				`| added with Contact and List: \`${name}\` | ${group.length} | ${expressions} | ${micros(total)} | ` +
				`${perEntry(group)} | ${positions(group)} (${resources(group)}) |`,
		),
		...(single.length
			? [
					`| added with Contact and List: one entry each | ${single.length} | ${sumOf(single, (e) => e.expressions)} | ` +
						`${micros(sumOf(single, (e) => e.micros))} | ${perEntry(single)} | ${single
							.sort((a, b) => a.index - b.index)
							.map((e) => `\`${e.name}\` #${e.index}`)
							.join(', ')} |`,
				]
			: []),
		`| **every entry added with Contact and List** | ${added.length} | ${sumOf(added, (e) => e.expressions)} | ` +
			`${micros(sumOf(added, (e) => e.micros))} | ${added.length ? perEntry(added) : '–'} | |`,
		'',
		`The same two walks untimed took ${micros(walkCpu.shipped)} µs of CPU per item over the shipped node's ${entries.length} entries and`,
		`${micros(walkCpu.before)} µs over the ${before.length} of the node before Contact and List: ${micros(walkCpu.shipped - walkCpu.before)} µs more (medians of the passes).`,
	];
}

export function perItemInterpretation({
	rows,
	entries,
	walkCpu,
	pairedRatios,
	shared,
	updateExpressions,
	contactUpdate,
}: PerItemResult): string[] {
	const row = (key: PerItemRow['key']) => rows.find((r) => r.key === key);
	const only = row('operation');
	const resource = row('resource');
	const before = row('before');
	const shipped = row('shipped');
	if (!only || !resource || !before || !shipped) return [];
	const cpu = (r: PerItemRow) => median(r.cpuMicros);
	const wall = (r: PerItemRow) => median(r.prepareMicros);
	const spreadOf = (values: (r: PerItemRow) => number[]) =>
		Math.max(...rows.map((r) => Math.max(...values(r)) / Math.min(...values(r))));
	const cpuSpread = spreadOf((r) => r.cpuMicros);
	const wallSpread = spreadOf((r) => r.prepareMicros);
	const perEntry = (cpu(resource) - cpu(only)) / (resource.entries - only.entries);
	const entriesPerOperation =
		(shipped.entries - only.entries) / (shipped.operations - only.operations);
	const lines = [
		`* **Per-item cost and operations.** The Delete resolves ${only.expressions} expressions per item with its own`,
		`  operation alone, ${resource.expressions} with the whole Campaign Step resource (${resource.operations} operations, ${resource.entries} property entries),`,
		`  ${before.expressions} with Campaign Step and Campaign (${before.operations} operations, ${before.entries} entries) and ${shipped.expressions} in the shipped node (${shipped.operations} operations,`,
		`  ${shipped.entries} entries). n8n resolves the value of every entry named like a parameter that holds an expression: the`,
		'  Campaign and Step pickers are declared once per resource, so the count does not grow with operations; the extra',
		"  ones with Campaign are that resource's own Campaign picker (one entry per resource, resolved in both of the",
		"  engine's walks). The other entries hold no expression but are walked too: " +
			`${rows.map((r) => `${Math.round(cpu(r))} µs`).join(', ')} of CPU per item (runs differ by up to ${cpuSpread.toFixed(1)}×; wall time ` +
			`${rows.map((r) => `${Math.round(wall(r))}`).join(', ')} µs, runs differ by up to ${wallSpread.toFixed(1)}×), ` +
			(perEntry >= 1
				? `about ${Math.round(perEntry)} µs per entry between the first two. An operation brings about ${entriesPerOperation.toFixed(0)} entries, so about ${Math.round(perEntry * entriesPerOperation)} µs per item here,`
				: `no measurable cost per entry between the first two (${Math.round(perEntry)} µs, within that spread),`),
		"  next to about half a millisecond to a millisecond per expression with n8n 2.x's isolated engine (section 5).",
	];
	const added = entries.filter((e) => !e.before);
	const beforeEntries = entries.filter((e) => e.before);
	const addedMicros = sumOf(added, (e) => e.micros);
	const beforeMicros = sumOf(beforeEntries, (e) => e.micros);
	const expressionMicros = sumOf(
		beforeEntries.filter((e) => e.expressions > 0),
		(e) => e.micros,
	);
	const top = addedByName(entries).slice(0, 3);
	const sameExpressions = shipped.expressions === before.expressions;
	lines.push(
		`* **Delete Step with Contact and List present.** Expressions per item: ${shipped.expressions} in the shipped node, ${before.expressions} in the copy`,
		`  without Contact and List (${
			sameExpressions
				? 'equal: no entry of Contact or List is named like a parameter of the Delete'
				: `**${shipped.expressions - before.expressions} more** in the shipped node`
		}). Node start to first request:`,
		`  ${Math.round(cpu(shipped))} µs of CPU per item against ${Math.round(cpu(before))} µs, ${(cpu(shipped) / cpu(before)).toFixed(2)}× (the median of the per-round ratios, each pair run`,
		`  back to back: ${median(pairedRatios).toFixed(2)}×), ${Math.round(cpu(shipped) - cpu(before))} µs more per item for ${shipped.entries - before.entries} more entries, of which garbage-collection`,
		`  pauses ${Math.round(median(shipped.gcMicros))} µs against ${Math.round(median(before.gcMicros))} µs; wall time ${Math.round(wall(shipped))} µs against`,
		`  ${Math.round(wall(before))} µs, ${(wall(shipped) / wall(before)).toFixed(2)}× (runs differ by up to ${wallSpread.toFixed(1)}×: other work on the machine shows in the wall time, far less in the CPU time).`,
		(() => {
			const more = pairedRatios.filter((r) => r > 1).length;
			const rounds = `${more} of ${pairedRatios.length} rounds`;
			if (more >= 0.75 * pairedRatios.length && median(pairedRatios) > 1.05) {
				return `  So the per-item cost of this existing operation **does grow with Contact and List**: the shipped node took more CPU per item than the copy without them in ${rounds}, while the expressions per item stayed ${shipped.expressions}.`;
			}
			if (more <= 0.25 * pairedRatios.length && median(pairedRatios) < 0.95) {
				return `  The shipped node took more CPU per item than the copy without Contact and List in only ${rounds}: no growth measured.`;
			}
			return `  The shipped node took more CPU per item than the copy without Contact and List in ${rounds}: no clear growth beyond the spread of the runs.`;
		})(),
	);
	if (entries.length) {
		lines.push(
			`  Replayed for one item (the second table), the engine's two walks took ${micros(walkCpu.shipped)} µs of CPU over the shipped node's`,
			`  entries against ${micros(walkCpu.before)} µs over those of the node before Contact and List, ${micros(walkCpu.shipped - walkCpu.before)} µs more; timed entry by entry, the`,
			`  ${added.length} added entries took ${micros(addedMicros)} µs (${micros(addedMicros / Math.max(1, added.length))} µs each on average, ${sumOf(added, (e) => e.expressions)} expressions), the ${beforeEntries.length} older ones ${micros(beforeMicros)} µs,`,
			`  ${micros(expressionMicros)} µs of it the ${beforeEntries.filter((e) => e.expressions > 0).length} entries holding the Delete's expressions. By name, the largest shares of the added`,
			`  ones: ${top.map((g) => `\`${g.name}\` ×${g.group.length} ${micros(g.micros)} µs`).join(', ')}. None of them is shown for the Delete, so each costs the`,
			"  engine the lookup of its value in the node's parameters (`[]` when the Delete sets no parameter of that name),",
			"  a pass of that value through n8n-workflow's `Expression.getParameterValue`, and the display check that rejects",
			'  it. What the replay leaves out (the item contexts held for all N items, garbage collection over them) is in the',
			'  timed runs only.',
		);
	}
	if (shared.length) {
		const { before: updateBefore, shipped: updateShipped } = updateExpressions;
		lines.push(
			'* **Existing operations that share a parameter name with Contact or List** (the third table). The Delete shares',
			'  none, but the engine resolves a parameter once per entry of its name in each walk, whichever resource shows',
			`  the entry: Campaign Step → Update with Campaign, Step and Update Fields → Subject by expression resolved`,
			`  ${updateShipped} expressions per item in the shipped node against ${updateBefore} in the copy without Contact and List (counted in one run of`,
			`  10 items each; Contact → Update's own \`updateFields\` entry). Set by expression, ${shared
				.filter((g) => g.name !== 'options')
				.map(
					(g) =>
						`\`${g.name}\` (${g.operations.join(', ')}) is resolved ${g.now} times per walk instead of ${g.before}`,
				)
				.join('; ')}.`,
			...(shared.some((g) => g.name === 'options')
				? [
						`  An option set by expression (e.g. Max Rate Limit Wait) is resolved ${shared.find((g) => g.name === 'options')!.now} times per walk instead of ${shared.find((g) => g.name === 'options')!.before}, in every operation.`,
					]
				: []),
		);
	}
	lines.push(
		`* **Contact → Update** (section 5's Contact row: Contact and Job Title by expression) resolves ${contactUpdate.expressions} expressions per`,
		`  item in the shipped node (counted in a run of 10 contacts): the engine resolves the value of each of the ${contactUpdate.entries.contactId} entries`,
		`  named \`contactId\` and the ${contactUpdate.entries.updateFields} named \`updateFields\` (each value holds one expression) in both of its walks, ` +
			`${2 * (contactUpdate.entries.contactId + contactUpdate.entries.updateFields)} in all (by site: ${Object.entries(
				contactUpdate.bySite,
			)
				.map(([site, count]) => `${site} ${count}`)
				.join(', ')}).`,
	);
	return lines;
}

/** An existing operation's parameter whose name Contact or List also declare. */
export interface SharedName {
	resource: string;
	operation: string;
	name: string;
	/** Entries of that name in the node before Contact and List, and in the shipped node. */
	before: number;
	now: number;
}

/**
 * For every operation of the resources the node had before Contact and List: the parameters it
 * shows whose name has more entries in the shipped node. The engine resolves a parameter's value
 * once per entry of its name in each of its two walks, so such a parameter set by expression is
 * resolved `now` instead of `before` times per walk (static, from the descriptions).
 */
export function sharedNames(
	full: INodeType,
	resources = ['campaignStep', 'campaign'],
): SharedName[] {
	const properties = full.description.properties;
	const before = properties.filter((p) => resources.some((r) => isShownFor(p, 'resource', r)));
	const count = (list: INodeProperties[], name: string) =>
		list.filter((p) => p.name === name).length;
	const result: SharedName[] = [];
	for (const resource of resources) {
		const operations = properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource),
		);
		for (const option of operations?.options ?? []) {
			if (!('value' in option)) continue;
			const operation = String(option.value);
			const shown = properties.filter(
				(p) =>
					p.name !== 'operation' &&
					p.displayOptions?.show?.resource?.includes(resource) &&
					isShownFor(p, 'operation', operation),
			);
			for (const name of new Set(shown.map((p) => p.name))) {
				const now = count(properties, name);
				if (now !== count(before, name)) {
					result.push({ resource, operation, name, before: count(before, name), now });
				}
			}
		}
	}
	return result;
}

/** A parameter name Contact or List share with existing operations, and those operations. */
export interface SharedGroup {
	name: string;
	before: number;
	now: number;
	operations: string[];
}

/** The shared names by parameter, each with the existing operations (as the editor names them). */
export function sharedGroups(full: INodeType): SharedGroup[] {
	const properties = full.description.properties;
	const label = (resource: string, operation: string) => {
		const resourceName =
			properties
				.find((p) => p.name === 'resource')
				?.options?.find((o) => 'value' in o && o.value === resource)?.name ?? resource;
		const operationName =
			properties
				.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource))
				?.options?.find((o) => 'value' in o && o.value === operation)?.name ?? operation;
		return `${resourceName} → ${operationName}`;
	};
	const groups = new Map<string, SharedGroup>();
	for (const entry of sharedNames(full)) {
		const group = groups.get(entry.name) ?? { ...entry, operations: [] };
		group.operations.push(label(entry.resource, entry.operation));
		groups.set(entry.name, group);
	}
	return [...groups.values()];
}

/** The shared names as a table: one row per parameter name, the operations that show it. */
export function sharedNameLines({ shared }: PerItemResult): string[] {
	if (!shared.length) return [];
	return [
		'| parameter | entries of that name: before Contact and List → now | existing operations that show it |',
		'|---|---:|---|',
		...shared.map(
			({ name, before, now, operations }) =>
				`| \`${name}\` | ${before} → ${now} | ${
					operations.length > 6 ? `all ${operations.length} of them` : operations.join(', ')
				} |`,
		),
	];
}

if (require.main === module) {
	// n8n logs every item error otherwise; set before n8n-core loads.
	process.env.N8N_LOG_LEVEL = 'silent';
	const [n = 1000, repeats = 5] = process.argv.slice(2).map(Number);
	void (async () => {
		const { runLeadlex, loadPackage } = await import('../engine/harness');
		const { startSandbox } = await import('../sandbox/server');
		const { benchSeed } = await import('./seed');
		const sandbox = await startSandbox({
			seed: benchSeed(),
			perWindowLimit: 0,
			dailyLimit: 1_000_000_000,
			latencyMs: 0,
			profile: 'full',
		});
		try {
			const result = await perItemCost(runLeadlex, loadPackage, sandbox, { n, repeats });
			process.stdout.write(
				`${[
					...perItemLines(result),
					'',
					...perItemEntryLines(result),
					'',
					...sharedNameLines(result),
					'',
					...perItemInterpretation(result),
				].join('\n')}\n`,
			);
		} finally {
			await sandbox.close();
		}
	})().catch((error: unknown) => {
		process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
		process.exitCode = 1;
	});
}
