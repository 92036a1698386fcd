import type { INodeProperties } from 'n8n-workflow';
import { idLocator, showFor as sharedShowFor, fieldHelpersFor } from '../../../shared/descriptions';
import { quoteId } from '../../../shared/errors/LeadlexApiError';
import type { Ids } from '../operation';

const RESOURCE = 'contact';

export const { showFor, optionsField, returnAllFields, simplifyField } = fieldHelpersFor(RESOURCE);

export const contactLabel = (ids: Ids) => `contact ${quoteId(ids.contactId)}`;

/** The contact picker: searched by name or email (LeadLex's `search`), by ID. */
export const contactLocator: INodeProperties = idLocator({
	displayName: 'Contact',
	name: 'contactId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The LeadLex contact, by its ID (a UUID)',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Type part of a name or email...',
			typeOptions: {
				searchListMethod: 'searchContacts',
				searchable: true,
				searchFilterRequired: false,
			},
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 123e4567-e89b-12d3-a456-426614174000',
		},
	],
});

/** Merge's primary contact: the same picker under its own name. */
export const primaryContactLocator: INodeProperties = idLocator({
	...contactLocator,
	displayName: 'Primary Contact',
	name: 'primaryContactId',
	description: 'The contact that stays: it keeps its ID and receives the duplicates’ records',
});

/** The contact picker, for one operation (of any resource). */
export function contactField(
	resource: string,
	operation: string,
	description: string,
): INodeProperties {
	return {
		...contactLocator,
		description,
		displayOptions: { show: sharedShowFor(resource, operation) },
	};
}

/**
 * The fields of POST /v1/contacts beyond name and email, by display name as n8n's lint wants.
 * Create and Create or Update show them as Additional Fields.
 */
export const contactCreateFields: INodeProperties[] = [
	{
		displayName: 'Company',
		name: 'company',
		type: 'string',
		default: '',
		placeholder: 'e.g. Acme Legal LLP',
		description: 'The company the contact works for, as text',
	},
	{
		displayName: 'Created Date',
		name: 'createdDate',
		type: 'dateTime',
		default: '',
		description:
			'When the contact was first known, e.g. when importing older records (default: now)',
	},
	{
		displayName: 'Custom Fields',
		name: 'customFields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Custom Field',
		default: {},
		description:
			'Custom field values by name. For an object of names and values from an expression, use Custom Fields (JSON).',
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. matter_type',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'e.g. Estate planning',
					},
				],
			},
		],
	},
	{
		displayName: 'Custom Fields (JSON)',
		name: 'customFieldsJson',
		type: 'json',
		default: '{}',
		description:
			'Custom field values as one object of names and values, e.g. from an expression; on a name set in both, this one wins',
	},
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		default: '',
	},
	{
		displayName: 'Job Title',
		name: 'jobTitle',
		type: 'string',
		default: '',
		placeholder: 'e.g. General Counsel',
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		default: '',
	},
	{
		displayName: 'LinkedIn URL',
		name: 'linkedinUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://www.linkedin.com/in/jane-example',
	},
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		default: '',
		placeholder: 'e.g. +1 555 0100',
	},
	{
		displayName: 'Priority',
		name: 'priority',
		type: 'options',
		options: [
			{ name: 'High', value: 'high' },
			{ name: 'Low', value: 'low' },
			{ name: 'Medium', value: 'medium' },
		],
		default: 'medium',
	},
	{
		displayName: 'Related Company ID',
		name: 'relatedCompanyId',
		type: 'string',
		default: '',
		description: 'The ID of a LeadLex company record to link the contact to',
	},
	{
		displayName: 'Tags',
		name: 'tags',
		type: 'string',
		default: '',
		placeholder: 'e.g. estate, referral',
		description: 'Tags separated by commas, or a list of tags from an expression',
	},
];

/** n8n's Simplify: at most ten fields of a contact. */
export const SIMPLE_CONTACT_FIELDS = [
	'id',
	'full_name',
	'email',
	'phone',
	'job_title',
	'company',
	'priority',
	'tags',
	'created_date',
	'updated_date',
];
