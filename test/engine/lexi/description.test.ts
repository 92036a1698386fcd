import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';
import { formOf } from '../forms';
import { loadPackage } from '../harness';

/** The Lexi AI resource's entries, each collection with the options of Lexi's operations only. */
async function lexiProperties(): Promise<INodeProperties[]> {
	const loader = await loadPackage();
	const description = loader.getNode('leadlex').type.description as INodeTypeDescription;
	return formOf(description.properties, 'lexi');
}

/** One operation's form, as the editor shows it. */
const shownFor = (properties: INodeProperties[], operation: string) =>
	formOf(properties, 'lexi', operation);

describe('the Lexi AI resource as n8n (and an AI agent) sees it', () => {
	test('three operations, no Dismiss (LeadLex documents no path); Send Message by default', async () => {
		const operation = (await lexiProperties()).find((property) => property.name === 'operation');
		const options = operation?.options as INodePropertyOptions[];
		expect(options.map((option) => [option.value, option.name])).toEqual([
			['approveTask', 'Approve Task'],
			['getTasks', 'Get Tasks'],
			['sendMessage', 'Send Message'],
		]);
		expect(operation?.default).toBe('sendMessage');
		expect(options.map((option) => option.routing?.request)).toEqual([
			{ method: 'POST', url: '/v1/lexi/tasks/{taskId}/approve' },
			{ method: 'GET', url: '/v1/lexi/tasks' },
			{ method: 'POST', url: '/v1/lexi/chat' },
		]);
	});

	test('each action (the AI tool’s description) says what it changes', async () => {
		const operation = (await lexiProperties()).find((property) => property.name === 'operation');
		const actions = Object.fromEntries(
			(operation?.options as INodePropertyOptions[]).map((option) => [option.value, option.action]),
		);
		expect(actions).toEqual({
			approveTask:
				'Approve a pending Lexi task, which starts what it describes (a campaign_start task launches the campaign and its emails go out)',
			getTasks: 'Get Lexi tasks by status (reads only)',
			sendMessage:
				'Send a message to Lexi, LeadLex’s AI assistant; Lexi may queue a task that needs approval, and the message changes nothing by itself',
		});
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
		expect(walk(await lexiProperties())).toEqual([]);
	});

	test('the fields of each operation, in order, and the notices', async () => {
		const properties = await lexiProperties();
		const names = (operation: string) =>
			shownFor(properties, operation)
				.map((property) => property.name)
				.filter((name) => name !== 'operation');
		expect(names('sendMessage')).toEqual([
			'message',
			'sendMessageNotice',
			'additionalFields',
			'options',
		]);
		expect(names('getTasks')).toEqual(['returnAll', 'limit', 'filters', 'options']);
		expect(names('approveTask')).toEqual(['taskId', 'approveTaskNotice', 'options']);
		const notice = (name: string) => properties.find((property) => property.name === name);
		expect(notice('approveTaskNotice')?.displayName).toContain(
			'for a campaign_start task the campaign goes live and its emails go out',
		);
		expect(notice('sendMessageNotice')?.displayName).toContain(
			'changes nothing until it is approved',
		);
		const additional = shownFor(properties, 'sendMessage').find(
			(property) => property.name === 'additionalFields',
		);
		expect(
			(additional?.options as INodeProperties[]).map((option) => [option.name, option.type]),
		).toEqual([
			['campaignId', 'resourceLocator'],
			['conversationId', 'string'],
			['listId', 'resourceLocator'],
		]);
		const filters = shownFor(properties, 'getTasks').find(
			(property) => property.name === 'filters',
		);
		const status = (filters?.options as INodeProperties[])[0];
		expect([status.name, status.default]).toEqual(['status', 'pending']);
		expect((status.options as INodePropertyOptions[]).map((option) => option.value)).toEqual([
			'approved',
			'completed',
			'dismissed',
			'failed',
			'pending',
		]);
	});

	test('the Task picker: From List (pending tasks) and By ID', async () => {
		const picker = (await lexiProperties()).find((property) => property.name === 'taskId');
		expect([picker?.type, picker?.required]).toEqual(['resourceLocator', true]);
		expect(picker?.modes?.map((mode) => [mode.name, mode.typeOptions?.searchListMethod])).toEqual([
			['list', 'searchLexiTasks'],
			['id', undefined],
		]);
	});
});
