import type { INodeProperties } from 'n8n-workflow';

/**
 * n8n's declarative engine works through every property entry for every item (twice on 2.x),
 * whichever resource the node is set to, and it resolves the item's value of an entry's name for
 * every entry of that name: each entry costs every operation time, and an expression in Options
 * or Additional Fields is resolved once per entry called `options` or `additionalFields`. So the
 * node's entries are merged:
 * - entries that are the same but for the operations they are shown for (Return All, Limit, ...)
 *   become one entry shown for all of them;
 * - collections of the same name (Options, Additional Fields, Filters, Update Fields) become one
 *   collection whose options are each shown, by `/resource` and `/operation`, only for the
 *   operations that declared them.
 * A merged entry is shown for exactly the operations its entries were shown for (its resources ×
 * operations add no other operation of the node). The merged entries are then ordered so that
 * every operation's form keeps its order; when no such order exists, nothing is merged.
 * `operations` lists the node's operations as `resource operation` pairs.
 */
export function mergeRepeatedEntries(
	properties: INodeProperties[],
	operations: ReadonlySet<string>,
): INodeProperties[] {
	const entries = properties.map((property, index) => ({
		property,
		index,
		pairs: pairsOf(property, operations),
	}));
	const groups = new Map<string, Entry[]>();
	const nodes: Node[] = [];
	for (const entry of entries) {
		const key = entry.pairs && keyOf(entry.property);
		if (!key) {
			nodes.push(alone(entry));
			continue;
		}
		const group = groups.get(key) ?? [];
		if (!groups.has(key)) groups.set(key, group);
		group.push(entry);
	}
	for (const group of groups.values()) {
		for (const node of clusters(group, operations)) {
			// Collections whose options no one order keeps stay apart.
			const apart = node.members.length > 1 && !mergedProperty(node);
			nodes.push(...(apart ? node.members.map(alone) : [node]));
		}
	}
	const ordered = formOrder(nodes, operations);
	if (!ordered) return properties;
	return ordered.map((node) => mergedProperty(node)!);
}

interface Entry {
	property: INodeProperties;
	index: number;
	/** Where it shows, as `resource operation` pairs; undefined for the node's own entries. */
	pairs: string[] | undefined;
}

/** One entry of the merged description: the entries it stands for, and where it shows. */
interface Node {
	members: Entry[];
	pairs: Set<string>;
}

/**
 * Where a property shows, as `resource operation` pairs. An Operation entry shows for every
 * operation of its resources; an entry with other conditions (or a `hide`) is not merged.
 */
function pairsOf(property: INodeProperties, operations: ReadonlySet<string>): string[] | undefined {
	const show = property.displayOptions?.show;
	const resources = show?.resource as string[] | undefined;
	if (!resources || property.displayOptions?.hide) return undefined;
	const shownFor = show?.operation as string[] | undefined;
	if (!shownFor) {
		return [...operations].filter((pair) => resources.includes(pair.split(' ')[0]));
	}
	return resources.flatMap((resource) => shownFor.map((operation) => `${resource} ${operation}`));
}

/** What may be merged: the entry apart from where it shows (and, for a collection, its options). */
function keyOf(property: INodeProperties): string | undefined {
	const show = { ...property.displayOptions!.show };
	if (!show.operation) return undefined;
	delete show.resource;
	delete show.operation;
	const rest: Partial<INodeProperties> = { ...property, displayOptions: { show } };
	if (property.type === 'collection') delete rest.options;
	return JSON.stringify(rest);
}

/** Entries of one kind, merged while the merged one shows for no other operation of the node. */
function clusters(group: Entry[], operations: ReadonlySet<string>): Node[] {
	const result: Node[] = group.map(alone);
	for (let merged = true; merged; ) {
		merged = false;
		for (let i = 0; i < result.length && !merged; i++) {
			for (let j = i + 1; j < result.length && !merged; j++) {
				const pairs = new Set([...result[i].pairs, ...result[j].pairs]);
				if (!exact(pairs, operations)) continue;
				result[i] = { members: [...result[i].members, ...result[j].members], pairs };
				result.splice(j, 1);
				merged = true;
			}
		}
	}
	return result;
}

/** Whether showing for these resources × operations shows for exactly these pairs. */
function exact(pairs: ReadonlySet<string>, operations: ReadonlySet<string>): boolean {
	const { resources, shownFor } = split(pairs);
	return resources.every((resource) =>
		shownFor.every((operation) => {
			const pair = `${resource} ${operation}`;
			return !operations.has(pair) || pairs.has(pair);
		}),
	);
}

function split(pairs: Iterable<string>): { resources: string[]; shownFor: string[] } {
	const list = [...pairs].map((pair) => pair.split(' '));
	return {
		resources: [...new Set(list.map(([resource]) => resource))],
		shownFor: [...new Set(list.map(([, operation]) => operation))],
	};
}

/**
 * The merged entries in an order that keeps every operation's form (each form's entries as
 * declared, one after another), the declared order where there is a choice; undefined when the
 * forms order the entries in contradicting ways.
 */
function formOrder(nodes: Node[], operations: ReadonlySet<string>): Node[] | undefined {
	const nodeOf = new Map<Entry, Node>();
	nodes.forEach((node) => node.members.forEach((member) => nodeOf.set(member, node)));
	const entries = [...nodeOf.keys()].sort((a, b) => a.index - b.index);
	const forms = [...operations].map((pair) =>
		entries.filter((entry) => entry.pairs?.includes(pair)).map((entry) => nodeOf.get(entry)!),
	);
	const declared = (node: Node) => Math.min(...node.members.map((member) => member.index));
	return mergeSequences([...forms, ...nodes.map((node) => [node])], declared);
}

function alone(entry: Entry): Node {
	return { members: [entry], pairs: new Set(entry.pairs) };
}

/**
 * One entry for a node: the entry itself, or the merged entry shown for all its members;
 * undefined for collections whose options cannot be merged in order.
 */
function mergedProperty(node: Node): INodeProperties | undefined {
	const [head] = node.members;
	if (node.members.length === 1) return head.property;
	const { resources, shownFor } = split(node.pairs);
	const property: INodeProperties = {
		...head.property,
		displayOptions: {
			show: { ...head.property.displayOptions!.show, resource: resources, operation: shownFor },
		},
	};
	if (head.property.type !== 'collection') return property;
	const options = mergedOptions(node);
	return options && { ...property, options };
}

/**
 * The options of collections merged into one, in an order that keeps each collection's own: each
 * option once per definition, shown by `/resource` and `/operation` only for the operations whose
 * collection had it (per resource where one condition cannot say it exactly). Undefined when the
 * collections order their options in contradicting ways.
 */
function mergedOptions(node: Node): INodeProperties[] | undefined {
	const byDefinition = new Map<string, { option: INodeProperties; pairs: Set<string> }>();
	const sequences = node.members.map((member) =>
		((member.property.options ?? []) as INodeProperties[]).map((option) => {
			const key = JSON.stringify(option);
			const seen = byDefinition.get(key) ?? { option, pairs: new Set<string>() };
			byDefinition.set(key, seen);
			member.pairs!.forEach((pair) => seen.pairs.add(pair));
			return key;
		}),
	);
	const order = mergeSequences(sequences);
	if (!order) return undefined;
	return order.flatMap((key) => {
		const { option, pairs } = byDefinition.get(key)!;
		if (pairs.size === node.pairs.size) return [option];
		if (exact(pairs, node.pairs)) return [shownOnlyFor(option, pairs)];
		return split(pairs).resources.map((resource) =>
			shownOnlyFor(option, new Set([...pairs].filter((pair) => pair.startsWith(`${resource} `)))),
		);
	});
}

/**
 * One sequence holding every given sequence's elements in that sequence's order (by `rank`, else
 * the first seen first, where there is a choice); undefined when sequences order elements in
 * contradicting ways.
 */
export function mergeSequences<T>(
	sequences: T[][],
	rank?: (element: T) => number,
): T[] | undefined {
	const firstSeen = new Map<T, number>();
	const after = new Map<T, Set<T>>();
	const waitingFor = new Map<T, number>();
	for (const sequence of sequences) {
		sequence.forEach((element, position) => {
			if (!firstSeen.has(element)) {
				firstSeen.set(element, firstSeen.size);
				after.set(element, new Set());
				waitingFor.set(element, 0);
			}
			const before = sequence[position - 1];
			if (position === 0 || before === element || after.get(before)!.has(element)) return;
			after.get(before)!.add(element);
			waitingFor.set(element, waitingFor.get(element)! + 1);
		});
	}
	const ready = [...firstSeen.keys()].filter((element) => waitingFor.get(element) === 0);
	const ordered: T[] = [];
	while (ready.length) {
		const order = rank ?? ((element: T) => firstSeen.get(element)!);
		ready.sort((a, b) => order(a) - order(b));
		const next = ready.shift()!;
		ordered.push(next);
		for (const later of after.get(next)!) {
			const count = waitingFor.get(later)! - 1;
			waitingFor.set(later, count);
			if (count === 0) ready.push(later);
		}
	}
	return ordered.length === firstSeen.size ? ordered : undefined;
}

function shownOnlyFor(option: INodeProperties, pairs: Set<string>): INodeProperties {
	const { resources, shownFor } = split(pairs);
	return {
		...option,
		displayOptions: {
			...option.displayOptions,
			show: { ...option.displayOptions?.show, '/resource': resources, '/operation': shownFor },
		},
	};
}
