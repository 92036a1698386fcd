import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import type { FieldChecker } from '../../../shared/values';
import { parentFields, readParent } from '../links';
import { leadlexOperation } from '../operation';
import { TASK_ERRORS } from './errors';
import {
	optionsField,
	showFor,
	TASK_PRIORITIES,
	TASK_STATUSES,
	taskAdditionalFields,
} from './taskFields';

/**
 * Due Date, as LeadLex documents it (ISO 8601 or YYYY-MM-DD): a date alone stays a date; anything
 * else is a date and time, sent with the workflow time zone's offset.
 */
function readDueDate(this: IExecuteSingleFunctions, check: FieldChecker, value: unknown): string {
	const date = typeof value === 'string' ? /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/.exec(value) : null;
	if (date) {
		const [, year, month, day] = date.map(Number);
		const valid =
			month >= 1 && month <= 12 && new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
		if (!valid) {
			throw check.fail('Due Date', `must be a date such as 2026-04-24, but it is "${value}"`);
		}
		return (value as string).trim();
	}
	return check.dateTime('Due Date', value, this.getTimezone());
}

export const createOperation = leadlexOperation({
	name: 'Create',
	value: 'create',
	action: 'Create a task for a contact, deal or event',
	description:
		'Create a task for a contact, deal or event, chosen by ID or by a name LeadLex looks up',
	method: 'POST',
	path: '/v1/tasks',
	permission: PERMISSIONS.activitiesWrite,
	change: 'created',
	label: () => 'a new task',
	errors: TASK_ERRORS,
	output: { property: 'data', shape: 'object', requiredField: { name: 'id', type: 'string' } },
	body(item) {
		const { check } = item;
		const body: IDataObject = {
			title: check.text('Title', this.getNodeParameter('title', '')).trim(),
			...readParent.call(this, item, ['contact', 'deal', 'event'], 'task'),
		};
		const fields = this.getNodeParameter('additionalFields', {}) as IDataObject;
		if ('description' in fields) body.description = check.text('Description', fields.description);
		if ('status' in fields) body.status = check.oneOf('Status', fields.status, TASK_STATUSES);
		if ('priority' in fields) {
			body.priority = check.oneOf('Priority', fields.priority, TASK_PRIORITIES);
		}
		if ('taskType' in fields) body.task_type = check.text('Task Type', fields.taskType).trim();
		if ('dueDate' in fields) body.due_date = readDueDate.call(this, check, fields.dueDate);
		if ('assigneeId' in fields) body.assignee_id = check.id('Assignee ID', fields.assigneeId);
		if ('createdDate' in fields) {
			body.created_date = check.dateTime('Created Date', fields.createdDate, this.getTimezone());
		}
		return body;
	},
	mayHaveChangedHint:
		'running the workflow again may create the task twice: check the tasks in LeadLex first (Contact → Get, Include → Tasks).',
});

export const createDescription: INodeProperties[] = [
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Send the engagement letter',
		description: 'What the task is',
		displayOptions: { show: showFor('create') },
	},
	...parentFields('task', 'create', 'task', ['contact', 'deal', 'event']),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showFor('create') },
		options: taskAdditionalFields,
	},
	optionsField('create'),
];
