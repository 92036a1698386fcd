import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import { CAMPAIGN_RESOURCE_ERRORS } from './errors';
import { quoteId } from '../../../shared/errors/LeadlexApiError';
import { leadlexOperation } from '../operation';
import { pagedList } from '../paging';
import {
	campaignField,
	CONTACT_STATUSES,
	optionsField,
	returnAllFields,
	showFor,
	valueOptions,
} from './campaignFields';

export const getContactsOperation = leadlexOperation({
	name: 'Get Contacts',
	value: 'getContacts',
	action: 'Get the contacts of a campaign',
	description:
		"List a campaign's enrolled contacts with their status and next step, newest first (reads only)",
	method: 'GET',
	path: '/v1/campaigns/{campaignId}/contacts',
	permission: PERMISSIONS.campaignsRead,
	label: (ids) => `the contacts of campaign ${quoteId(ids.campaignId)}`,
	errors: CAMPAIGN_RESOURCE_ERRORS,
	output: { property: 'data.contacts', shape: 'list' },
	qs({ check }) {
		const filters = this.getNodeParameter('filters', {}) as IDataObject;
		return 'status' in filters
			? { status: check.oneOf('Status', filters.status, CONTACT_STATUSES) }
			: {};
	},
	run: pagedList({ idField: 'contact_id', noun: 'contacts' }),
});

export const getContactsDescription: INodeProperties[] = [
	campaignField('getContacts', 'The campaign whose contacts to list, by its ID (e.g. cmp_abc123)'),
	...returnAllFields('getContacts'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: showFor('getContacts') },
		options: [
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'active',
				description: 'Only contacts whose enrollment has this status',
				options: valueOptions(CONTACT_STATUSES),
			},
		],
	},
	optionsField('getContacts'),
];
