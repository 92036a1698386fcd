import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import { leadlexOperation } from '../operation';
import { pagedList } from '../paging';
import { optionsField, returnAllFields, showFor } from './contactFields';
import { CONTACT_ERRORS } from './errors';

const SORTS = [
	'created_at',
	'-created_at',
	'updated_date',
	'-updated_date',
	'full_name',
	'-full_name',
];

/** The Email filter, lower-cased; empty when not set. */
function emailFilter(this: { getNodeParameter(name: string, fallback: unknown): unknown }): string {
	const filters = this.getNodeParameter('filters', {}) as IDataObject;
	return typeof filters.email === 'string' ? filters.email.trim().toLowerCase() : '';
}

export const getAllOperation = leadlexOperation({
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many contacts',
	description: 'List or search the contacts of the workspace, one item per contact (reads only)',
	method: 'GET',
	path: '/v1/contacts',
	permission: PERMISSIONS.contactsRead,
	label: () => 'the contact list',
	errors: CONTACT_ERRORS,
	output: { property: 'data.contacts', shape: 'list' },
	qs({ check }) {
		const filters = this.getNodeParameter('filters', {}) as IDataObject;
		const qs: IDataObject = {};
		if ('search' in filters) qs.search = check.text('Search', filters.search).trim();
		if ('email' in filters) qs.search = check.email('Email', filters.email);
		if ('listId' in filters) qs.list_id = check.text('List ID', filters.listId).trim();
		if ('createdAfter' in filters) {
			qs.created_after = check.dateTime('Created After', filters.createdAfter, this.getTimezone());
		}
		const sort = this.getNodeParameter('sort', 'created_at');
		if (sort !== 'created_at') qs.sort = check.oneOf('Sort', sort, SORTS);
		return qs;
	},
	run: pagedList({
		idField: 'id',
		noun: 'contacts',
		// LeadLex's search is partial, over names and emails: the Email filter keeps equal emails only.
		filtering() {
			return emailFilter.call(this) !== '';
		},
		matches(contact) {
			const email = emailFilter.call(this);
			return (
				!email ||
				(typeof contact.email === 'string' && contact.email.trim().toLowerCase() === email)
			);
		},
	}),
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
				displayName: 'Created After',
				name: 'createdAfter',
				type: 'dateTime',
				default: '',
				description: 'Only contacts created after this time',
			},
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description:
					'Only the contacts whose email is exactly this (not case-sensitive). Replaces Search.',
			},
			{
				displayName: 'List ID',
				name: 'listId',
				type: 'string',
				default: '',
				description: 'Only the contacts in this list',
			},
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				placeholder: 'e.g. jane',
				description: 'Only contacts whose name or email contains this text',
			},
		],
	},
	{
		displayName: 'Sort',
		name: 'sort',
		type: 'options',
		options: [
			{ name: 'Created (Newest First)', value: '-created_at' },
			{ name: 'Created (Newest Last)', value: 'created_at' },
			{ name: 'Name (A-Z)', value: 'full_name' },
			{ name: 'Name (Z-A)', value: '-full_name' },
			{ name: 'Updated (Newest First)', value: '-updated_date' },
			{ name: 'Updated (Newest Last)', value: 'updated_date' },
		],
		default: 'created_at',
		description: 'The order LeadLex lists the contacts in',
		displayOptions: { show: showFor('getAll') },
	},
	optionsField('getAll'),
];
