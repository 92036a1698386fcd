import type { INodeProperties } from 'n8n-workflow';
import type { LeadlexResource } from '../resource';
import { createDescription, createOperation } from './create.operation';

/** Tasks (§9.6): LeadLex documents only their create (open tasks: Contact → Get, Include). */
const properties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['task'] } },
		options: [createOperation],
		default: 'create',
	},
	...createDescription,
];

export const taskResource: LeadlexResource = {
	name: 'Task',
	value: 'task',
	properties,
};
