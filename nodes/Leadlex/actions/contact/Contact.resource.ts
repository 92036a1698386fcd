import type { INodeProperties } from 'n8n-workflow';
import type { LeadlexResource } from '../resource';
import { searchContacts } from './listSearch';
import { declareOncePerResource } from '../../../shared/descriptions';
import { contactLocator } from './contactFields';
import { createDescription, createOperation } from './create.operation';
import { createManyDescription, createManyOperation } from './createMany.operation';
import { deleteDescription, deleteOperation } from './delete.operation';
import { deleteManyDescription, deleteManyOperation } from './deleteMany.operation';
import { exportDescription, exportOperation } from './export.operation';
import { getDescription, getOperation } from './get.operation';
import { getAllDescription, getAllOperation } from './getAll.operation';
import { getNotesDescription, getNotesOperation } from './getNotes.operation';
import { importDescription, importOperation } from './import.operation';
import { mergeDescription, mergeOperation } from './merge.operation';
import { updateDescription, updateOperation } from './update.operation';
import { upsertDescription, upsertOperation } from './upsert.operation';
import { findDuplicatesDescription, findDuplicatesOperation } from './findDuplicates.operation';

const properties: INodeProperties[] = declareOncePerResource(
	[
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: ['contact'] } },
			// By display name, as n8n's lint wants.
			options: [
				createOperation,
				createManyOperation,
				upsertOperation,
				deleteOperation,
				deleteManyOperation,
				findDuplicatesOperation,
				exportOperation,
				getOperation,
				getAllOperation,
				getNotesOperation,
				importOperation,
				mergeOperation,
				updateOperation,
			],
			default: 'upsert',
		},
		...createDescription,
		...upsertDescription,
		...getDescription,
		...getAllDescription,
		...updateDescription,
		...deleteDescription,
		...createManyDescription,
		...deleteManyDescription,
		...findDuplicatesDescription,
		...mergeDescription,
		...getNotesDescription,
		...importDescription,
		...exportDescription,
	],
	[contactLocator],
);

export const contactResource: LeadlexResource = {
	name: 'Contact',
	value: 'contact',
	properties,
	listSearch: { searchContacts },
};
