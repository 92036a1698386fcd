import type { INodeProperties } from 'n8n-workflow';
import type { LeadlexResource } from '../resource';
import { createDescription, createOperation } from './create.operation';

/** Activities (§9.6): LeadLex documents only their create, which fires activity.created. */
const properties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['activity'] } },
		options: [createOperation],
		default: 'create',
	},
	...createDescription,
];

export const activityResource: LeadlexResource = {
	name: 'Activity',
	value: 'activity',
	properties,
};
