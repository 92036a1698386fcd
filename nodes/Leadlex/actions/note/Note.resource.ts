import type { INodeProperties } from 'n8n-workflow';
import type { LeadlexResource } from '../resource';
import { createDescription, createOperation } from './create.operation';

/** Notes (§9.6): LeadLex documents only their create (a contact's notes: Contact → Get Notes). */
const properties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['note'] } },
		options: [createOperation],
		default: 'create',
	},
	...createDescription,
];

export const noteResource: LeadlexResource = {
	name: 'Note',
	value: 'note',
	properties,
};
