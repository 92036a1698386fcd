import type { INodeProperties } from 'n8n-workflow';
import type { LeadlexResource } from '../resource';
import { approveTaskDescription, approveTaskOperation } from './approveTask.operation';
import { getTasksDescription, getTasksOperation } from './getTasks.operation';
import { searchLexiTasks } from './listSearch';
import { sendMessageDescription, sendMessageOperation } from './sendMessage.operation';

/**
 * Lexi, LeadLex's AI assistant (§9.7): chat, its tasks, approving one. LeadLex documents no path
 * for dismissing a task, so the node offers none (docs/lexi.md).
 */
const properties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['lexi'] } },
		// By display name, as n8n's lint wants.
		options: [approveTaskOperation, getTasksOperation, sendMessageOperation],
		default: 'sendMessage',
	},
	...sendMessageDescription,
	...getTasksDescription,
	...approveTaskDescription,
];

export const lexiResource: LeadlexResource = {
	name: 'Lexi AI',
	value: 'lexi',
	properties,
	listSearch: { searchLexiTasks },
};
