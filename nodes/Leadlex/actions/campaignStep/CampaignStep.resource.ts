import type { INodeProperties } from 'n8n-workflow';
import type { LeadlexResource } from '../resource';
import { searchSteps } from './listSearch';
import { campaignLocator, declareOncePerResource, stepLocator } from '../../../shared/descriptions';
import { createDescription, createOperation } from './create.operation';
import { deleteDescription, deleteOperation } from './delete.operation';
import { getAllDescription, getAllOperation } from './getAll.operation';
import { updateDescription, updateOperation } from './update.operation';

const properties: INodeProperties[] = declareOncePerResource(
	[
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: ['campaignStep'] } },
			options: [createOperation, deleteOperation, getAllOperation, updateOperation],
			// Saved Delete workflows omit this default: it must stay `delete`.
			default: 'delete',
		},
		// Delete's fields first: the shipped operation's `options` is the one tools find first by name.
		...deleteDescription,
		...createDescription,
		...getAllDescription,
		...updateDescription,
	],
	[campaignLocator, stepLocator],
);

export const campaignStepResource: LeadlexResource = {
	name: 'Campaign Step',
	value: 'campaignStep',
	properties,
	listSearch: { searchSteps },
};
