import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import { chunkedRequests, sumOf } from '../chunks';
import { leadlexOperation } from '../operation';
import { dealIdsField, optionsField, showFor } from './dealFields';
import { DEAL_LIST_ERRORS } from './errors';

/** The most deal IDs LeadLex's bulk delete takes (§9.3). */
export const MAX_DEALS_PER_BULK_DELETE = 500;

export const deleteManyOperation = leadlexOperation({
	name: 'Delete Many',
	value: 'deleteMany',
	action: 'Delete many deals',
	description:
		'Permanently delete deals by their IDs, or count what would be deleted (Dry Run); one summed item',
	method: 'POST',
	path: '/v1/deals/bulk-delete',
	permission: PERMISSIONS.dealsWrite,
	change: 'deleted',
	label: () => 'the deals',
	plural: true,
	errors: DEAL_LIST_ERRORS,
	idempotent: true,
	output: { property: 'data', shape: 'object' },
	run: chunkedRequests({
		size: MAX_DEALS_PER_BULK_DELETE,
		noun: 'deals',
		verb: 'deleted',
		rerun: 'Running the item again is safe: deals already deleted count as not found.',
		prepare({ check }) {
			const ids = check.idList('Deal IDs', this.getNodeParameter('dealIds', ''));
			const options = this.getNodeParameter('options', {}) as IDataObject;
			const dryRun = 'dryRun' in options ? check.boolean('Dry Run', options.dryRun) : false;
			return {
				ids,
				body: (chunk) => (dryRun ? { deal_ids: chunk, dry_run: true } : { deal_ids: chunk }),
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
			`${String(combined.deleted_count)} deals had already been ${combined.dry_run ? 'counted (dry run)' : 'deleted'}`,
	}),
});

export const deleteManyDescription: INodeProperties[] = [
	dealIdsField('deleteMany', 'delete', MAX_DEALS_PER_BULK_DELETE),
	{
		displayName:
			'Deleting deals is permanent. Their activities, tasks and notes stay in LeadLex, no longer linked to them. Turn on Options → Dry Run to count first.',
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
