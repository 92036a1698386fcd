import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import { CAMPAIGN_RESOURCE_ERRORS } from './errors';
import { quoteId } from '../../../shared/errors/LeadlexApiError';
import { leadlexOperation } from '../operation';
import { pagedList } from '../paging';
import {
	campaignField,
	EVENT_TYPES,
	optionsField,
	returnAllFields,
	showFor,
	valueOptions,
} from './campaignFields';

export const getEventsOperation = leadlexOperation({
	name: 'Get Events',
	value: 'getEvents',
	action: 'Get the events of a campaign',
	description:
		'List the sent, opened, clicked, replied, bounced ... events of a campaign, newest first (kept for 180 days; reads only).',
	method: 'GET',
	path: '/v1/campaigns/{campaignId}/events',
	permission: PERMISSIONS.campaignsRead,
	label: (ids) => `the events of campaign ${quoteId(ids.campaignId)}`,
	errors: CAMPAIGN_RESOURCE_ERRORS,
	output: { property: 'data.events', shape: 'list' },
	qs({ check }) {
		const filters = this.getNodeParameter('filters', {}) as IDataObject;
		const zone = this.getTimezone();
		const qs: IDataObject = {};
		if ('type' in filters) qs.type = check.oneOf('Type', filters.type, EVENT_TYPES);
		if ('contactId' in filters) qs.contact_id = check.text('Contact ID', filters.contactId).trim();
		if ('fromDate' in filters) qs.from_date = check.dateTime('From Date', filters.fromDate, zone);
		if ('toDate' in filters) qs.to_date = check.dateTime('To Date', filters.toDate, zone);
		return qs;
	},
	// New events arrive at the top while paging, pushing seen ones onto the next page: dropped by id.
	run: pagedList({ idField: 'id', noun: 'events' }),
});

export const getEventsDescription: INodeProperties[] = [
	campaignField('getEvents', 'The campaign whose events to list, by its ID (e.g. cmp_abc123)'),
	...returnAllFields('getEvents'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: showFor('getEvents') },
		options: [
			{
				displayName: 'Contact ID',
				name: 'contactId',
				type: 'string',
				default: '',
				description: 'Only the events of this contact',
			},
			{
				displayName: 'From Date',
				name: 'fromDate',
				type: 'dateTime',
				default: '',
				description:
					"Only events at or after this time (in the workflow's time zone unless it has an offset)",
			},
			{
				displayName: 'To Date',
				name: 'toDate',
				type: 'dateTime',
				default: '',
				description:
					"Only events at or before this time (in the workflow's time zone unless it has an offset)",
			},
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				default: 'opened',
				description: 'Only events of this type',
				options: valueOptions(EVENT_TYPES),
			},
		],
	},
	optionsField('getEvents'),
];
