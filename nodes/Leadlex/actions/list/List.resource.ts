import type { INodeProperties } from 'n8n-workflow';
import { declareOncePerResource } from '../../../shared/descriptions';
import { contactLocator } from '../contact/contactFields';
import { addContactsDescription, addContactsOperation } from './addContacts.operation';
import { createDescription, createOperation } from './create.operation';
import { deleteDescription, deleteOperation } from './delete.operation';
import { getAllDescription, getAllOperation } from './getAll.operation';
import { listLocator } from './listFields';
import { removeContactDescription, removeContactOperation } from './removeContact.operation';

export const listDescription: INodeProperties[] = declareOncePerResource(
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
