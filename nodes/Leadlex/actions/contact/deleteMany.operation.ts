import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import { contactIdsField } from '../../../shared/descriptions';
import { chunkedRequests, sumOf } from '../chunks';
import { leadlexOperation } from '../operation';
import { optionsField, showFor } from './contactFields';
import { CONTACT_ERRORS } from './errors';

/** The most contact IDs LeadLex's bulk delete takes (§9.1). */
export const MAX_CONTACTS_PER_BULK_DELETE = 500;

export const deleteManyOperation = leadlexOperation({
	name: 'Delete Many',
	value: 'deleteMany',
	action: 'Delete many contacts',
	description:
		'Permanently delete contacts by their IDs, or count what would be deleted (Dry Run); one summed item',
	method: 'POST',
	path: '/v1/contacts/bulk-delete',
	permission: PERMISSIONS.writeContacts,
	change: 'deleted',
	label: () => 'the contacts',
	plural: true,
	errors: CONTACT_ERRORS,
	idempotent: true,
	output: { property: 'data', shape: 'object' },
	run: chunkedRequests({
		size: MAX_CONTACTS_PER_BULK_DELETE,
		noun: 'contacts',
		verb: 'deleted',
		rerun: 'Running the item again is safe: contacts already deleted count as not found.',
		prepare({ check }) {
			const ids = check.idList('Contact IDs', this.getNodeParameter('contactIds', ''));
			const options = this.getNodeParameter('options', {}) as IDataObject;
			const dryRun = 'dryRun' in options ? check.boolean('Dry Run', options.dryRun) : false;
			return {
				ids,
				body: (chunk) => (dryRun ? { contact_ids: chunk, dry_run: true } : { contact_ids: chunk }),
			};
		},
		combine(answers) {
			const options = this.getNodeParameter('options', {}) as IDataObject;
			return [
				{
					deleted_count: sumOf(answers, 'deleted_count'),
					not_found_count: sumOf(answers, 'not_found_count'),
					errors: answers.flatMap((answer) => (Array.isArray(answer.errors) ? answer.errors : [])),
					dry_run: options.dryRun === true || options.dryRun === 'true',
				},
			];
		},
		done: ([combined]) =>
			`${String(combined.deleted_count)} contacts had already been ${combined.dry_run ? 'counted (dry run)' : 'deleted'}`,
	}),
});

export const deleteManyDescription: INodeProperties[] = [
	contactIdsField('contact', 'deleteMany', 'delete', MAX_CONTACTS_PER_BULK_DELETE),

	{
		displayName:
			'Deleting contacts is permanent. Their notes, activities and tasks stay in LeadLex, no longer linked to them. Turn on Options → Dry Run to count first.',
		name: 'deleteManyNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: showFor('deleteMany') },
	},
	optionsField('deleteMany', [
		{
			displayName: 'Dry Run',
			name: 'dryRun',
			type: 'boolean',
			default: false,
			description: 'Whether LeadLex only counts what it would delete, and deletes nothing',
		},
	]),
];
