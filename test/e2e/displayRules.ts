/* eslint-disable @n8n/community-nodes/no-restricted-imports --
   dev tooling, never packed: loads this n8n version's n8n-workflow and the built node. */
/**
 * The node merges same-named collections (Options, Additional Fields, ...) into one entry whose
 * options show by `/resource` and `/operation` (nodes/shared/descriptions/merge.ts). The editor
 * decides which options a collection offers with n8n-workflow's `NodeHelpers.displayParameterPath`,
 * and n8n keeps a saved option only where it shows (`getNodeParameters`). This check runs both
 * with the n8n-workflow of the version under test, as the editor and the backend call them, and
 * compares each operation's offered options with what its resource declared.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';
import type { CheckRunner } from '../../scripts/n8n/checks';
import { PROJECT_ROOT } from '../../scripts/n8n/harness';
import type { Runtime } from '../../scripts/n8n/runtime';

type WorkflowLib = typeof import('n8n-workflow');

/** Each operation's collections as its resource declared them: `resource operation name` → options. */
function declaredCollections(resources: string[]): Map<string, INodeProperties[]> {
	const actions = path.join(PROJECT_ROOT, 'dist', 'nodes', 'Leadlex', 'actions');
	const declared = new Map<string, INodeProperties[]>();
	for (const resource of resources) {
		const file = fs
			.readdirSync(path.join(actions, resource))
			.find((f) => f.endsWith('.resource.js'));
		// eslint-disable-next-line @typescript-eslint/no-require-imports -- the built resource module
		const module = require(path.join(actions, resource, file!)) as Record<
			string,
			{ properties?: INodeProperties[] }
		>;
		const properties = Object.values(module).find((value) => value?.properties)!.properties!;
		for (const property of properties) {
			if (property.type !== 'collection') continue;
			for (const operation of (property.displayOptions?.show?.operation as string[]) ?? []) {
				declared.set(
					`${resource} ${operation} ${property.name}`,
					property.options as INodeProperties[],
				);
			}
		}
	}
	return declared;
}

export function checkCollectionDisplay(t: CheckRunner, runtime: Runtime): void {
	t.check(
		"each operation's merged collections offer exactly its own options (this n8n's display rules)",
		() => {
			// eslint-disable-next-line @typescript-eslint/no-require-imports -- this version's library
			const { NodeHelpers } = require(
				path.join(runtime.installDir, 'node_modules', 'n8n-workflow'),
			) as WorkflowLib;
			// eslint-disable-next-line @typescript-eslint/no-require-imports -- the built node
			const { Leadlex } = require(
				path.join(PROJECT_ROOT, 'dist', 'nodes', 'Leadlex', 'Leadlex.node.js'),
			) as { Leadlex: new () => { description: INodeTypeDescription } };
			const description = new Leadlex().description;
			const operations = description.properties
				.filter((property) => property.name === 'operation')
				.flatMap((property) =>
					(property.options as INodePropertyOptions[]).map((option) => [
						String(property.displayOptions?.show?.resource),
						String(option.value),
					]),
				);
			const declared = declaredCollections([...new Set(operations.map(([resource]) => resource))]);
			const node = {
				id: 'n',
				name: 'LeadLex',
				type: 'n8n-nodes-leadlex.leadlex',
				typeVersion: 1.1,
				position: [0, 0] as [number, number],
				parameters: {},
			};
			const offered = new Map<string, string[]>();
			const expected = new Map<string, string[]>();
			const kept = new Map<string, string[]>();
			const keptDeclared = new Map<string, string[]>();
			for (const [resource, operation] of operations) {
				// The operation's parameters as the editor holds them: every default filled in.
				const parameters = NodeHelpers.getNodeParameters(
					description.properties,
					{ resource, operation },
					true,
					false,
					node,
					description,
				)!;
				for (const property of description.properties) {
					if (property.type !== 'collection') continue;
					const values = { parameters: { ...parameters, [property.name]: {} } };
					if (!NodeHelpers.displayParameter(values.parameters, property, node, description)) {
						continue;
					}
					const key = `${resource} ${operation} ${property.name}`;
					const shown = (options: INodeProperties[]) =>
						options
							.filter((option) =>
								NodeHelpers.displayParameterPath(
									values,
									option,
									`parameters.${property.name}`,
									node,
									description,
								),
							)
							.map((option) => option.name);
					offered.set(key, shown(property.options as INodeProperties[]));
					expected.set(key, shown(declared.get(key) ?? []));
					// Every option of the node's collection saved (each at its default): what n8n keeps,
					// against what it keeps of the same saved value with the resource's own collection.
					const saved = Object.fromEntries(
						(property.options as INodeProperties[]).map((option) => [option.name, option.default]),
					);
					const keptWith = (properties: INodeProperties[]) =>
						Object.keys(
							(NodeHelpers.getNodeParameters(
								properties,
								{ ...parameters, [property.name]: saved },
								false,
								false,
								node,
								description,
							)?.[property.name] as object) ?? {},
						).sort();
					kept.set(key, keptWith(description.properties));
					keptDeclared.set(
						key,
						keptWith(
							description.properties.map((entry) =>
								entry === property ? { ...property, options: declared.get(key) ?? [] } : entry,
							),
						),
					);
				}
			}
			const sorted = (map: Map<string, string[]>) => [...map.entries()].sort();
			assert.ok(expected.size >= 60, `only ${expected.size} collections shown`);
			assert.deepEqual(
				[...offered.keys()].sort(),
				[...declared.keys()].sort(),
				'the collections shown are not those declared',
			);
			assert.deepEqual(sorted(offered), sorted(expected));
			// A saved option is kept exactly where the resource's own collection keeps it.
			assert.deepEqual(sorted(kept), sorted(keptDeclared));
		},
	);
}
