import type { INodeProperties } from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import { quoteId } from '../../../shared/errors/LeadlexApiError';
import { leadlexOperation } from '../operation';
import { optionsField, primaryContactLocator, showFor } from './contactFields';
import { CONTACT_MERGE_ERRORS } from './errors';

/** The most duplicates LeadLex merges into a contact in one request (§9.1). */
export const MAX_DUPLICATES_PER_MERGE = 20;

export const mergeOperation = leadlexOperation({
	name: 'Merge',
	value: 'merge',
	action: 'Merge contacts',
	description:
		'Merge duplicate contacts into a primary contact: their notes, tasks, activities and list memberships move to it and the duplicates are deleted',
	method: 'POST',
	path: '/v1/contacts/merge',
	permission: PERMISSIONS.contactsWrite,
	change: 'merged',
	label: (ids) => `the duplicates of contact ${quoteId(ids.primaryContactId)}`,
	plural: true,
	errors: CONTACT_MERGE_ERRORS,
	idempotent: true,
	bodyIds: ['primaryContactId'],
	output: { property: 'data', shape: 'object' },
	body({ check, ids }) {
		const duplicates = check.idList(
			'Duplicate Contact IDs',
			this.getNodeParameter('duplicateContactIds', ''),
		);
		if (duplicates.includes(ids.primaryContactId)) {
			throw check.fail(
				'Duplicate Contact IDs',
				`contain the primary contact ${quoteId(ids.primaryContactId)}`,
			);
		}
		if (duplicates.length > MAX_DUPLICATES_PER_MERGE) {
			throw check.fail(
				'Duplicate Contact IDs',
				`contain ${duplicates.length} IDs, but LeadLex merges at most ${MAX_DUPLICATES_PER_MERGE} at once`,
			);
		}
		return { primary_id: ids.primaryContactId, duplicate_ids: duplicates };
	},
});

export const mergeDescription: INodeProperties[] = [
	{
		...primaryContactLocator,
		displayOptions: { show: showFor('merge') },
	},
	{
		displayName: 'Duplicate Contact IDs',
		name: 'duplicateContactIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 223e4567-e89b-12d3-a456-426614174001',
		description: `The contacts to merge into the primary (1 to ${MAX_DUPLICATES_PER_MERGE}): IDs separated by commas, or a list of IDs from an expression`,
		displayOptions: { show: showFor('merge') },
	},
	{
		displayName:
			'The primary keeps its ID and gets the fields it lacks from the duplicates; their notes, activities, tasks, emails, documents and list memberships move to it. The duplicates are deleted: this cannot be undone.',
		name: 'mergeNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: showFor('merge') },
	},
	optionsField('merge'),
];
