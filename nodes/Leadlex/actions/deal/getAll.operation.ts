import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import { leadlexOperation } from '../operation';
import { pagedList } from '../paging';
import {
	contactInCollection,
	optionsField,
	returnAllFields,
	showFor,
	simplifyField,
} from './dealFields';
import { locatorValue } from '../../../shared/itemParameter';
import { DEAL_FIELDS, STATUSES } from './dealValues';
import { DEAL_LIST_ERRORS } from './errors';
import { simplifyDeals } from './get.operation';

export const getAllOperation = leadlexOperation({
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many deals',
	description:
		'List the deals of the workspace, filtered by status, pipeline, stage, contact, owner, tags or dates, one item per deal (reads only)',
	method: 'GET',
	path: '/v1/deals',
	permission: PERMISSIONS.dealsRead,
	label: () => 'the deal list',
	errors: DEAL_LIST_ERRORS,
	output: { property: 'data.deals', shape: 'list' },
	qs({ check }) {
		const filters = this.getNodeParameter('filters', {}) as IDataObject;
		const zone = this.getTimezone();
		const qs: IDataObject = {};
		if ('status' in filters) qs.status = check.oneOf('Status', filters.status, STATUSES);
		if ('pipeline' in filters) qs.pipeline = check.text('Pipeline', filters.pipeline).trim();
		if ('stage' in filters) qs.stage = check.text('Stage', filters.stage).trim();
		if ('contactId' in filters) {
			const contactId = locatorValue(filters.contactId);
			qs.contact_id = check.text(DEAL_FIELDS.contactId.label, contactId).trim();
		}
		if ('ownerUserId' in filters) {
			qs.owner_user_id = check.text('Owner User ID', filters.ownerUserId).trim();
		}
		if ('tags' in filters) qs.tags = check.textList('Tags', filters.tags).join(',');
		if ('createdAfter' in filters) {
			qs.created_after = check.dateTime('Created After', filters.createdAfter, zone);
		}
		if ('createdBefore' in filters) {
			qs.created_before = check.dateTime('Created Before', filters.createdBefore, zone);
		}
		if ('updatedAfter' in filters) {
			qs.updated_after = check.dateTime('Updated After', filters.updatedAfter, zone);
		}
		// Read before any request: Simplify is applied to the answer.
		check.boolean('Simplify', this.getNodeParameter('simplify', true));
		return qs;
	},
	run: pagedList({ idField: 'id', noun: 'deals' }),
	shapeItems: simplifyDeals,
});

export const getAllDescription: INodeProperties[] = [
	...returnAllFields('getAll'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: showFor('getAll') },
		options: [
			{
				...contactInCollection('Only the deals whose main contact is this contact'),
			},
			{
				displayName: 'Created After',
				name: 'createdAfter',
				type: 'dateTime',
				default: '',
				description: 'Only deals created after this time',
			},
			{
				displayName: 'Created Before',
				name: 'createdBefore',
				type: 'dateTime',
				default: '',
				description: 'Only deals created before this time',
			},
			{
				displayName: 'Owner User ID',
				name: 'ownerUserId',
				type: 'string',
				default: '',
				description: 'Only the deals owned by this LeadLex user',
			},
			{
				displayName: 'Pipeline',
				name: 'pipeline',
				type: 'string',
				default: '',
				placeholder: 'e.g. Estate Planning',
				description: 'Only the deals in this pipeline',
			},
			{
				displayName: 'Stage',
				name: 'stage',
				type: 'string',
				default: '',
				placeholder: 'e.g. Consultation',
				description: 'Only the deals at this stage',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Active', value: 'active' },
					{ name: 'Lost', value: 'lost' },
					{ name: 'Won', value: 'won' },
				],
				default: 'active',
				description: 'Only the deals with this status (Get shows an active deal as open)',
			},
			{
				displayName: 'Tags',
				name: 'tags',
				type: 'string',
				default: '',
				placeholder: 'e.g. estate, referral',
				description:
					'Only the deals with these tags: separated by commas, or a list from an expression',
			},
			{
				displayName: 'Updated After',
				name: 'updatedAfter',
				type: 'dateTime',
				default: '',
				description: 'Only deals changed after this time',
			},
		],
	},
	simplifyField('getAll'),
	optionsField('getAll'),
];
