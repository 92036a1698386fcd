import type { INodeProperties } from 'n8n-workflow';
import {
	idListField,
	idLocator,
	fieldHelpersFor,
	type IdListSubject,
} from '../../../shared/descriptions';
import { quoteId } from '../../../shared/errors/LeadlexApiError';
import { contactLocator } from '../contact/contactFields';
import type { Ids } from '../operation';

const RESOURCE = 'deal';

export const { showFor, optionsField, returnAllFields, simplifyField } = fieldHelpersFor(RESOURCE);

export const dealLabel = (ids: Ids) => `deal ${quoteId(ids.dealId)}`;

/** The deal picker: LeadLex's deals, filtered by name here (GET /v1/deals documents no search). */
export const dealLocator: INodeProperties = idLocator({
	displayName: 'Deal',
	name: 'dealId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The LeadLex deal, by its ID (a UUID)',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Type part of a deal name...',
			typeOptions: {
				searchListMethod: 'searchDeals',
				searchable: true,
				searchFilterRequired: false,
			},
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 3f8e1d2c-4b5a-6d7e-8f9a-0b1c2d3e4f5a',
		},
	],
});

/** The deal picker, for one operation. */
export function dealField(operation: string, description: string): INodeProperties {
	return { ...dealLocator, description, displayOptions: { show: showFor(operation) } };
}

/**
 * The Contact picker inside a collection (Additional Fields, Update Fields, Filters): the Contact
 * resource's modes, not required. Its value is read from the collection (dealValues.ts), never by
 * the runner, which reads only top-level IDs.
 */
export function contactInCollection(description: string): INodeProperties {
	return {
		displayName: 'Contact',
		name: 'contactId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description,
		modes: contactLocator.modes,
	};
}

/** The Deal picker inside a collection (Activity → Create's Additional Fields), not required. */
export function dealInCollection(description: string): INodeProperties {
	return {
		displayName: 'Deal',
		name: 'dealId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description,
		modes: dealLocator.modes,
	};
}

/** Deal IDs for a bulk request: comma-separated or a list from an expression (`check.idList`). */
export const DEAL_IDS: IdListSubject = {
	record: 'deal',
	placeholder: 'e.g. 3f8e1d2c-4b5a-6d7e-8f9a-0b1c2d3e4f5a, 4a9f2e3d-5c6b-7e8f-9a0b-1c2d3e4f5a6b',
};

export const dealIdsField = (operation: string, purpose: string, perRequest: number) =>
	idListField(DEAL_IDS, RESOURCE, operation, purpose, perRequest);

/**
 * The fields of POST /v1/deals beyond the name, by display name as n8n's lint wants. Create shows
 * them as Additional Fields; Update and Update Many as Update Fields.
 */
export const dealFormFields: INodeProperties[] = [
	{
		...contactInCollection(
			'The deal’s main contact (LeadLex shows it as main_contact_id), from the list or by its ID',
		),
	},
	{
		displayName: 'Currency',
		name: 'currency',
		type: 'string',
		default: '',
		placeholder: 'e.g. USD',
		description: 'The currency of the estimated value, as a three-letter code (ISO 4217)',
	},
	{
		displayName: 'Deal Type',
		name: 'dealType',
		type: 'string',
		default: '',
		placeholder: 'e.g. litigation',
		description:
			'The matter type, e.g. litigation, m&a or employment (LeadLex shows it as matter_type)',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description: 'A short description of the matter',
	},
	{
		displayName: 'Estimated Value',
		name: 'estimatedValue',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'What the deal is expected to be worth, in its currency (0 or more)',
	},
	{
		displayName: 'Fee Model',
		name: 'feeModel',
		type: 'options',
		options: [
			{ name: 'Contingency', value: 'contingency' },
			{ name: 'Fixed', value: 'fixed' },
			{ name: 'Hourly', value: 'hourly' },
			{ name: 'Retainer', value: 'retainer' },
		],
		default: 'hourly',
	},
	{
		displayName: 'Follow-Up Date',
		name: 'followUpDate',
		type: 'dateTime',
		default: '',
		description: 'When to follow up next (LeadLex shows it as next_follow_up_date)',
	},
	{
		displayName: 'Matter Lead ID',
		name: 'matterLeadId',
		type: 'string',
		default: '',
		description: 'The ID of the LeadLex user who leads the matter',
	},
	{
		displayName: 'Notes',
		name: 'notes',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
	},
	{
		displayName: 'Owner ID',
		name: 'ownerId',
		type: 'string',
		default: '',
		description: 'The ID of the LeadLex user who owns the deal (LeadLex shows it as owner_user_id)',
	},
	{
		displayName: 'Pipeline',
		name: 'pipeline',
		type: 'string',
		default: '',
		placeholder: 'e.g. Estate Planning',
	},
	{
		displayName: 'Priority',
		name: 'priority',
		type: 'options',
		options: [
			{ name: 'High', value: 'high' },
			{ name: 'Low', value: 'low' },
			{ name: 'Medium', value: 'medium' },
			{ name: 'Urgent', value: 'urgent' },
		],
		default: 'medium',
	},
	{
		displayName: 'Probability',
		name: 'probability',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 0 },
		default: 50,
		description: 'The chance of winning the deal, in percent (a whole number from 0 to 100)',
	},
	{
		displayName: 'Related Company ID',
		name: 'relatedCompanyId',
		type: 'string',
		default: '',
		description: 'The ID of the LeadLex company the deal is for',
	},
	{
		displayName: 'Relationship Partner ID',
		name: 'relationshipPartnerId',
		type: 'string',
		default: '',
		description: 'The ID of the LeadLex user who is the relationship partner',
	},
	{
		displayName: 'Stage',
		name: 'stage',
		type: 'string',
		default: '',
		placeholder: 'e.g. Consultation',
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
		description: 'LeadLex’s Get shows an active deal as open',
	},
	{
		displayName: 'Tags',
		name: 'tags',
		type: 'string',
		default: '',
		placeholder: 'e.g. estate, referral',
		description: 'Tags separated by commas, or a list of tags from an expression',
	},
	{
		displayName: 'Team Member IDs',
		name: 'teamMemberIds',
		type: 'string',
		default: '',
		description:
			'The IDs of the LeadLex users on the matter team: separated by commas, or a list from an expression',
	},
];

/** Update's and Update Many's Update Fields: Create's fields, the name among them. */
export const dealUpdateFields: INodeProperties[] = [
	...dealFormFields,
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'e.g. Example Estate Plan',
	} as INodeProperties,
].sort((a, b) => a.displayName.localeCompare(b.displayName));

/** n8n's Simplify: at most ten fields of a deal. */
export const SIMPLE_DEAL_FIELDS = [
	'id',
	'name',
	'stage',
	'status',
	'pipeline',
	'estimated_value',
	'main_contact_id',
	'priority',
	'next_follow_up_date',
	'updated_date',
];
