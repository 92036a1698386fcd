/**
 * What one item costs before its request can leave, as the node gains operations: n8n's
 * declarative engine resolves every property entry's value for every item (twice in n8n-core
 * 2.40+: once for the request, once to find the Base URL), so the node's description is part of
 * the per-item cost. The same Delete runs through three node types: the shipped node, a copy with
 * only the Campaign Step resource, and a copy with only Campaign Step → Delete. For each: the
 * property entries, the expressions n8n resolves per item (counted at n8n-workflow's Expression),
 * and the time from the node's start to its first request, per item.
 */
import type { IDataObject, INodeProperties, INodeType } from 'n8n-workflow';
import { countExpressions } from '../engine/expressionCount';
import type { Sandbox } from '../sandbox/server';
import { targets } from './seed';
import { median } from './stats';

type RunLeadlex = typeof import('../engine/harness').runLeadlex;
type LoadPackage = typeof import('../engine/harness').loadPackage;

export interface PerItemRow {
	label: string;
	operations: number;
	entries: number;
	/** Expressions resolved per item, by where n8n resolved them. */
	expressions: number;
	expressionsBySite: Record<string, number>;
	/** Node start to first request, per item (µs), each run. */
	prepareMicros: number[];
}

const isShownFor = (property: INodeProperties, key: string, value: string) => {
	const shown = property.displayOptions?.show?.[key];
	return !shown || (shown as unknown[]).includes(value);
};

/** A copy of the node type with only the properties (and operations) `keep` allows. */
function trimmed(type: INodeType, resource: string, operation?: string): INodeType {
	const properties = type.description.properties
		.filter((p) => isShownFor(p, 'resource', resource))
		.filter((p) => !operation || p.name === 'operation' || isShownFor(p, 'operation', operation))
		.map((p) =>
			p.name === 'operation' && operation
				? { ...p, options: p.options?.filter((o) => 'value' in o && o.value === operation) }
				: p,
		);
	// Description and methods only: an `execute` the harness gave the loaded type would run it.
	return { description: { ...type.description, properties }, methods: type.methods };
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
): Promise<PerItemRow[]> {
	const loader = await loadPackage();
	const full = loader.nodeTypes.leadlex.type as INodeType;
	const variants: Array<{ label: string; type: INodeType }> = [
		{ label: 'Campaign Step → Delete only', type: trimmed(full, 'campaignStep', 'delete') },
		{ label: 'Campaign Step resource only', type: trimmed(full, 'campaignStep') },
		{ label: 'the shipped node (both resources)', type: full },
	];
	const list = targets(n);
	const parameters = {
		resource: 'campaignStep',
		operation: 'delete',
		campaignId: { __rl: true, mode: 'id', value: '={{ $json.campaign }}' },
		stepId: { __rl: true, mode: 'id', value: '={{ $json.step }}' },
		options: {},
	};
	const runOnce = async (type: INodeType) => {
		sandbox.reset();
		const started = Date.now();
		const result = await runLeadlex({
			parameters,
			items: list.map((target) => ({ ...target }) as IDataObject),
			credentials: { apiKey: sandbox.keys.full, baseUrl: sandbox.url },
			nodeType: type,
		});
		const deleted = result.items.filter((item) => item.json.deleted === true).length;
		if (deleted !== n) throw new Error(`per-item run deleted ${deleted} of ${n}`);
		return (Math.min(...sandbox.requests.map((r) => r.at)) - started) * 1000;
	};
	const rows: PerItemRow[] = variants.map(({ label, type }) => ({
		label,
		operations: operationCount(type),
		entries: type.description.properties.length,
		expressions: 0,
		expressionsBySite: {},
		prepareMicros: [],
	}));
	// Warm-up, then the variants take turns.
	for (const { type } of variants) await runOnce(type);
	for (let round = 0; round < repeats; round++) {
		for (const [index, { type }] of variants.entries()) {
			rows[index].prepareMicros.push((await runOnce(type)) / n);
		}
	}
	for (const [index, { type }] of variants.entries()) {
		const sites = await countExpressions(async () => void (await runOnce(type)));
		rows[index].expressionsBySite = Object.fromEntries(
			[...sites].map(([site, count]) => [site, count / n]),
		);
		rows[index].expressions = [...sites.values()].reduce((a, b) => a + b, 0) / n;
	}
	return rows;
}

export function perItemLines(rows: PerItemRow[]): string[] {
	const sites = [...new Set(rows.flatMap((row) => Object.keys(row.expressionsBySite)))].sort();
	return [
		`| node type | operations | property entries | expressions per item | ${sites.join(' | ')} | node start to first request, per item (µs, median) | runs (µs) |`,
		`|---|---:|---:|---:|${sites.map(() => '---:|').join('')}---:|---|`,
		...rows.map(
			(row) =>
				`| ${row.label} | ${row.operations} | ${row.entries} | ${row.expressions} | ` +
				`${sites.map((site) => row.expressionsBySite[site] ?? 0).join(' | ')} | ` +
				`${Math.round(median(row.prepareMicros))} | ${row.prepareMicros.map((us) => Math.round(us)).join(' / ')} |`,
		),
	];
}

export function perItemInterpretation(rows: PerItemRow[]): string[] {
	const [only, resource, shipped] = rows;
	if (!only || !resource || !shipped) return [];
	const at = (row: PerItemRow) => median(row.prepareMicros);
	const perEntry = (at(resource) - at(only)) / (resource.entries - only.entries);
	const entriesPerOperation =
		(shipped.entries - only.entries) / (shipped.operations - only.operations);
	const spread = Math.max(
		...rows.map((row) => Math.max(...row.prepareMicros) / Math.min(...row.prepareMicros)),
	);
	return [
		`* **Per-item cost and operations.** The Delete resolves ${only.expressions} expressions per item with its own`,
		`  operation alone, ${resource.expressions} with the whole Campaign Step resource (${resource.operations} operations, ${resource.entries} property entries) and`,
		`  ${shipped.expressions} in the shipped node (${shipped.operations} operations, ${shipped.entries} entries). n8n resolves the value of every entry named like`,
		'  a parameter that holds an expression: the Campaign and Step pickers are declared once per resource, so the',
		"  count does not grow with operations; the shipped node's extra ones are the Campaign resource's own Campaign",
		"  picker (one entry per resource, resolved in both of the engine's walks). The other entries hold no expression",
		`  but are walked too: ${rows.map((row) => `${Math.round(at(row))} µs`).join(', ')} per item (runs differ by up to ${spread.toFixed(1)}×), ` +
			(perEntry >= 1
				? `about ${Math.round(perEntry)} µs per entry between the first two. An operation brings about ${entriesPerOperation.toFixed(0)} entries, so about ${Math.round(perEntry * entriesPerOperation)} µs per item here,`
				: `no measurable cost per entry between the first two (${Math.round(perEntry)} µs, within that spread),`),
		"  next to about half a millisecond to a millisecond per expression with n8n 2.x's isolated engine (section 5).",
	];
}
