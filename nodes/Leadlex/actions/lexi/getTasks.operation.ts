import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { MAX_PAGE_SIZE, PERMISSIONS } from '../../../shared/constants';
import { valueOptions } from '../campaign/campaignFields';
import { leadlexOperation, type Send } from '../operation';
import { readLimit, readPages } from '../paging';
import { LEXI_TASKS_ERRORS } from './errors';
import { optionsField, returnAllFields, showFor, TASK_STATUSES } from './lexiFields';

export const getTasksOperation = leadlexOperation({
	name: 'Get Tasks',
	value: 'getTasks',
	action: 'Get Lexi tasks by status (reads only)',
	description:
		'List the tasks Lexi queued, pending ones by default, one item per task (reads only; approving is Approve Task)',
	method: 'GET',
	path: '/v1/lexi/tasks',
	permission: PERMISSIONS.lexi,
	label: () => 'the Lexi tasks',
	errors: LEXI_TASKS_ERRORS,
	output: { property: 'data.tasks', shape: 'list' },
	qs({ check }) {
		const filters = this.getNodeParameter('filters', {}) as IDataObject;
		const status =
			'status' in filters ? check.oneOf('Status', filters.status, TASK_STATUSES) : 'pending';
		return { status };
	},
	async run({ check }, send) {
		const limit = readLimit.call(this, check);
		// The tasks page documents no paging: a page that brings no task not seen before (LeadLex
		// ignoring `page`) ends the list, as a short or empty page does.
		const seen = new Set<string>();
		const once: Send = async (overrides) => {
			const answer = await send(overrides);
			const ids = answer.records.map((task) => String(task.id ?? ''));
			if (ids.length && ids.every((id) => id && seen.has(id))) return { ...answer, records: [] };
			ids.forEach((id) => seen.add(id));
			return answer;
		};
		return await readPages.call(this, once, {
			idField: 'id',
			noun: 'Lexi tasks',
			limit,
			perPage: limit === Infinity ? MAX_PAGE_SIZE : Math.min(MAX_PAGE_SIZE, limit),
		});
	},
});

export const getTasksDescription: INodeProperties[] = [
	...returnAllFields('getTasks'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: showFor('getTasks') },
		options: [
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'pending',
				description: 'Only tasks with this status (without this filter: the pending ones)',
				options: valueOptions(TASK_STATUSES),
			},
		],
	},
	optionsField('getTasks'),
];
