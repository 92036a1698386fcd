import type { INodeProperties } from 'n8n-workflow';
import type { LeadlexResource } from '../resource';
import { searchCampaigns } from './listSearch';
import { campaignLocator, declareOncePerResource } from '../../../shared/descriptions';
import { addContactsDescription, addContactsOperation } from './addContacts.operation';
import { createDescription, createOperation } from './create.operation';
import { deleteDescription, deleteOperation } from './delete.operation';
import { getDescription, getOperation } from './get.operation';
import { getAllDescription, getAllOperation } from './getAll.operation';
import { getContactsDescription, getContactsOperation } from './getContacts.operation';
import { getEventsDescription, getEventsOperation } from './getEvents.operation';
import { getStatsDescription, getStatsOperation } from './getStats.operation';
import { pauseDescription, pauseOperation } from './pause.operation';
import { startDescription, startOperation } from './start.operation';
import { updateDescription, updateOperation } from './update.operation';

const properties: INodeProperties[] = declareOncePerResource(
	[
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: ['campaign'] } },
			// By display name, as n8n's lint wants.
			options: [
				addContactsOperation,
				createOperation,
				deleteOperation,
				getOperation,
				getContactsOperation,
				getEventsOperation,
				getAllOperation,
				getStatsOperation,
				pauseOperation,
				startOperation,
				updateOperation,
			],
			default: 'get',
		},
		...getDescription,
		...getAllDescription,
		...createDescription,
		...updateDescription,
		...deleteDescription,
		...pauseDescription,
		...startDescription,
		...getStatsDescription,
		...getEventsDescription,
		...getContactsDescription,
		...addContactsDescription,
	],
	[campaignLocator],
);

export const campaignResource: LeadlexResource = {
	name: 'Campaign',
	value: 'campaign',
	properties,
	listSearch: { searchCampaigns },
};
