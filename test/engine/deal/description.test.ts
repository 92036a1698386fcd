import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';
import { formOf } from '../forms';
import { loadPackage } from '../harness';

const DEAL_OPERATIONS = [
	'create',
	'createMany',
	'delete',
	'deleteMany',
	'findDuplicates',
	'get',
	'getAll',
	'update',
	'updateMany',
];

/** The Deal resource's entries, each collection with the options of Deal's operations only. */
async function dealProperties(): Promise<INodeProperties[]> {
	const loader = await loadPackage();
	const description = loader.getNode('leadlex').type.description as INodeTypeDescription;
	return formOf(description.properties, 'deal');
}

/** Each Deal operation's form, as the editor shows it. */
async function dealForms(operations = DEAL_OPERATIONS): Promise<INodeProperties[][]> {
	const loader = await loadPackage();
	const description = loader.getNode('leadlex').type.description as INodeTypeDescription;
	return operations.map((operation) => formOf(description.properties, 'deal', operation));
}

describe('the Deal resource as n8n (and an AI agent) sees it', () => {
	test('each operation’s action says what it changes; writes say so in the description', async () => {
		const operation = (await dealProperties()).find((property) => property.name === 'operation');
		const options = operation?.options as INodePropertyOptions[];
		expect(options.map((option) => [option.value, option.action])).toEqual([
			['create', 'Create a deal'],
			['createMany', 'Create many deals'],
			['delete', 'Delete a deal'],
			['deleteMany', 'Delete many deals'],
			['findDuplicates', 'Find duplicate deals (costs 3 to 10 credits, changes nothing)'],
			['get', 'Get a deal'],
			['getAll', 'Get many deals'],
			['update', 'Update a deal'],
			['updateMany', 'Update many deals'],
		]);
		const described = Object.fromEntries(
			options.map((option) => [option.value, option.description ?? '']),
		);
		expect(described.get).toContain('reads only');
		expect(described.getAll).toContain('reads only');
		expect(described.delete).toMatch(/^Permanently delete a deal/);
		expect(described.deleteMany).toMatch(/^Permanently delete deals/);
		expect(described.update).toContain('Tags replace');
		expect(described.updateMany).toContain('Tags replace');
		expect(described.findDuplicates).toContain('changes no record');
		expect(operation?.default).toBe('create');
	});

	test('every field takes expressions and $fromAI (none is noDataExpression but Operation)', async () => {
		const walk = (properties: INodeProperties[]): string[] =>
			properties.flatMap((property) => [
				...(property.noDataExpression && property.name !== 'operation' ? [property.name] : []),
				...walk(
					((property.options ?? []) as INodeProperties[]).filter(
						(option) => 'displayName' in option && 'type' in option,
					),
				),
			]);
		expect(walk(await dealProperties())).toEqual([]);
	});

	test('the Deal picker is declared once, for Get, Update and Delete; From List and By ID', async () => {
		const pickers = (await dealProperties()).filter((property) => property.name === 'dealId');
		expect(pickers).toHaveLength(1);
		expect(pickers[0].displayOptions?.show?.operation).toEqual(['get', 'update', 'delete']);
		expect(
			pickers[0].modes?.map((mode) => [mode.name, mode.typeOptions?.searchListMethod]),
		).toEqual([
			['list', 'searchDeals'],
			['id', undefined],
		]);
	});

	test('Contact in Additional Fields, Update Fields and Filters is the Contact picker', async () => {
		// Find Duplicates' Additional Fields are LeadLex's scope, which names no contact.
		const properties = (
			await dealForms(DEAL_OPERATIONS.filter((op) => op !== 'findDuplicates'))
		).flat();
		for (const name of ['additionalFields', 'updateFields', 'filters']) {
			for (const collection of properties.filter((property) => property.name === name)) {
				const contact = (collection.options as INodeProperties[]).find(
					(option) => option.name === 'contactId',
				);
				expect([name, contact?.type, contact?.modes?.map((mode) => mode.name)]).toEqual([
					name,
					'resourceLocator',
					['list', 'id'],
				]);
				expect(contact?.modes?.[0].typeOptions?.searchListMethod).toBe('searchContacts');
			}
		}
	});

	test('the notices: tags replaced on Update and Update Many, deletes permanent with records kept', async () => {
		const notices = Object.fromEntries(
			(await dealProperties())
				.filter((property) => property.type === 'notice')
				.map((property) => [
					String(property.displayOptions?.show?.operation),
					property.displayName,
				]),
		);
		expect(Object.keys(notices).sort()).toEqual([
			'delete',
			'deleteMany',
			'findDuplicates',
			'update',
			'updateMany',
		]);
		expect(notices.findDuplicates).toContain('costs 3 to 10 credits');
		expect(notices.update).toContain('reads the deal first');
		expect(notices.update).toContain('is lost');
		expect(notices.updateMany).toContain('Tags replace each deal’s tags');
		expect(notices.delete).toContain('activities, tasks and notes stay in LeadLex');
		expect(notices.deleteMany).toContain('activities, tasks and notes stay in LeadLex');
	});

	test('options of every options field are in alphabetical order (n8n’s lint)', async () => {
		const unsorted: string[] = [];
		const walk = (properties: INodeProperties[]) => {
			for (const property of properties) {
				const options = (property.options ?? []) as Array<{ name?: string; displayName?: string }>;
				if (property.type === 'options' && property.name !== 'operation') {
					const names = options.map((option) => String(option.name));
					if (names.join() !== [...names].sort().join()) unsorted.push(property.name);
				}
				// Options: the operation's own, then the shared rate-limit options (as every resource).
				if (property.type === 'collection' && property.name !== 'options') {
					const names = options.map((option) => String(option.displayName));
					if (names.join() !== [...names].sort((a, b) => a.localeCompare(b)).join()) {
						unsorted.push(property.name);
					}
				}
				if (property.type === 'collection') walk(options as INodeProperties[]);
			}
		};
		for (const form of await dealForms()) walk(form);
		expect(unsorted).toEqual([]);
	});
});
