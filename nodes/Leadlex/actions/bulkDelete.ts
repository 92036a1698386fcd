import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import type { Permission } from '../../shared/constants';
import { idListField, showFor, optionsField, type IdListSubject } from '../../shared/descriptions';
import type { ErrorTable } from '../../shared/errors/codes';
import { capitalize } from '../../shared/text';
import { chunkedRequests, sumOf } from './chunks';
import { leadlexOperation } from './operation';

/** The most IDs LeadLex's bulk deletes take (§9.1 contacts, §9.3 deals). */
export const MAX_IDS_PER_BULK_DELETE = 500;

export interface BulkDeleteSpec {
	resource: string;
	ids: IdListSubject;
	/** E.g. `/v1/contacts/bulk-delete`; the body is `{<record>_ids, dry_run?}`. */
	path: string;
	permission: Permission;
	errors: ErrorTable;
	/** What stays in LeadLex, unlinked, e.g. `notes, activities and tasks`. */
	leftBehind: string;
}

/**
 * Delete Many of a resource whose bulk delete takes `{<record>_ids, dry_run}` and answers counts
 * (contacts, deals): chunks of 500 with an Idempotency-Key each, one summed item.
 */
export function bulkDelete(spec: BulkDeleteSpec): {
	operation: INodePropertyOptions;
	description: INodeProperties[];
} {
	const plural = `${spec.ids.record}s`;
	const label = `${capitalize(spec.ids.record)} IDs`;
	const readDryRun = (options: IDataObject) => options.dryRun === true || options.dryRun === 'true';
	const operation = leadlexOperation({
		name: 'Delete Many',
		value: 'deleteMany',
		action: `Delete many ${plural}`,
		description: `Permanently delete ${plural} by their IDs, or count what would be deleted (Dry Run); one summed item`,
		method: 'POST',
		path: spec.path,
		permission: spec.permission,
		change: 'deleted',
		label: () => `the ${plural}`,
		plural: true,
		errors: spec.errors,
		idempotent: true,
		output: { property: 'data', shape: 'object' },
		run: chunkedRequests({
			size: MAX_IDS_PER_BULK_DELETE,
			noun: plural,
			verb: 'deleted',
			rerun: `Running the item again is safe: ${plural} already deleted count as not found.`,
			prepare({ check }) {
				const ids = check.idList(label, this.getNodeParameter(`${spec.ids.record}Ids`, ''));
				const options = this.getNodeParameter('options', {}) as IDataObject;
				const dryRun = 'dryRun' in options ? check.boolean('Dry Run', options.dryRun) : false;
				const key = `${spec.ids.record}_ids`;
				return {
					ids,
					body: (chunk) => (dryRun ? { [key]: chunk, dry_run: true } : { [key]: chunk }),
					changesNothing: dryRun
						? `Nothing was deleted: with Dry Run on, LeadLex only counts the ${plural} it would delete.`
						: undefined,
				};
			},
			combine(answers) {
				const options = this.getNodeParameter('options', {}) as IDataObject;
				return [
					{
						deleted_count: sumOf(answers, 'deleted_count'),
						not_found_count: sumOf(answers, 'not_found_count'),
						errors: answers.flatMap((answer) =>
							Array.isArray(answer.errors) ? answer.errors : [],
						),
						dry_run: readDryRun(options),
					},
				];
			},
			// A Dry Run's failure says only that nothing was deleted (`changesNothing`).
			done: ([combined]) => `${String(combined.deleted_count)} ${plural} had already been deleted`,
		}),
	});
	const description: INodeProperties[] = [
		idListField(spec.ids, spec.resource, 'deleteMany', 'delete', MAX_IDS_PER_BULK_DELETE),
		{
			displayName: `Deleting ${plural} is permanent. Their ${spec.leftBehind} stay in LeadLex, no longer linked to them. Turn on Options → Dry Run to count first.`,
			name: 'deleteManyNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: showFor(spec.resource, 'deleteMany') },
		},
		optionsField(spec.resource, 'deleteMany', [
			{
				displayName: 'Dry Run',
				name: 'dryRun',
				type: 'boolean',
				default: false,
				description: 'Whether LeadLex only counts what it would delete, and deletes nothing',
			},
		]),
	];
	return { operation, description };
}
