import type { INodeProperties } from 'n8n-workflow';
import type { LeadlexResource } from '../resource';
import { searchLists } from './listSearch';
import { declareOncePerResource } from '../../../shared/descriptions';
import { contactLocator } from '../contact/contactFields';
import { addContactsDescription, addContactsOperation } from './addContacts.operation';
import { createDescription, createOperation } from './create.operation';
import { deleteDescription, deleteOperation } from './delete.operation';
import { getAllDescription, getAllOperation } from './getAll.operation';
import { listLocator } from './listFields';
import { removeContactDescription, removeContactOperation } from './removeContact.operation';

const properties: INodeProperties[] = declareOncePerResource(
	[
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: ['list'] } },
			// By display name, as n8n's lint wants.
			options: [
				addContactsOperation,
				createOperation,
				deleteOperation,
				getAllOperation,
				removeContactOperation,
			],
			default: 'addContacts',
		},
		...addContactsDescription,
		...createDescription,
		...getAllDescription,
		...removeContactDescription,
		...deleteDescription,
	],
	[listLocator, contactLocator],
);

export const listResource: LeadlexResource = {
	name: 'List',
	value: 'list',
	properties,
	listSearch: { searchLists },
};
