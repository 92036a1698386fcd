import type { INodeProperties } from 'n8n-workflow';
import type { LeadlexResource } from '../resource';
import { searchDeals } from './listSearch';
import { declareOncePerResource } from '../../../shared/descriptions';
import { dealLocator } from './dealFields';
import { createDescription, createOperation } from './create.operation';
import { createManyDescription, createManyOperation } from './createMany.operation';
import { deleteDescription, deleteOperation } from './delete.operation';
import { deleteManyDescription, deleteManyOperation } from './deleteMany.operation';
import { getDescription, getOperation } from './get.operation';
import { getAllDescription, getAllOperation } from './getAll.operation';
import { updateDescription, updateOperation } from './update.operation';
import { updateManyDescription, updateManyOperation } from './updateMany.operation';
import { findDuplicatesDescription, findDuplicatesOperation } from './findDuplicates.operation';

const properties: INodeProperties[] = declareOncePerResource(
	[
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: ['deal'] } },
			// By display name, as n8n's lint wants.
			options: [
				createOperation,
				createManyOperation,
				deleteOperation,
				deleteManyOperation,
				findDuplicatesOperation,
				getOperation,
				getAllOperation,
				updateOperation,
				updateManyOperation,
			],
			default: 'create',
		},
		...createDescription,
		...getDescription,
		...getAllDescription,
		...updateDescription,
		...deleteDescription,
		...createManyDescription,
		...updateManyDescription,
		...deleteManyDescription,
		...findDuplicatesDescription,
	],
	[dealLocator],
);

export const dealResource: LeadlexResource = {
	name: 'Deal',
	value: 'deal',
	properties,
	listSearch: { searchDeals },
};
