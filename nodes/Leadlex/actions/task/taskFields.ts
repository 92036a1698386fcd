import type { INodeProperties } from 'n8n-workflow';
import { fieldHelpersFor } from '../../../shared/descriptions';
import { createdDateField } from '../links';

const RESOURCE = 'task';

export const { showFor, optionsField } = fieldHelpersFor(RESOURCE);

/** LeadLex's task statuses and priorities (§9.6); `open` is its default status. */
export const TASK_STATUSES = ['open', 'in_progress', 'completed'];
export const TASK_PRIORITIES = ['low', 'medium', 'high'];

/** Create's Additional Fields, by display name as n8n's lint wants. */
export const taskAdditionalFields: INodeProperties[] = [
	{
		displayName: 'Assignee ID',
		name: 'assigneeId',
		type: 'string',
		default: '',
		description:
			'The ID of the LeadLex user to assign the task to (LeadLex answers with it as assigned_to_user_id)',
	},
	createdDateField('task'),
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description: 'What is to be done',
	},
	{
		displayName: 'Due Date',
		name: 'dueDate',
		type: 'dateTime',
		default: '',
		description: 'When the task is due',
		hint: 'A date and time is sent with the workflow’s time zone offset; a date alone (e.g. 2026-04-24 from an expression) is sent as that date',
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
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: [
			{ name: 'Completed', value: 'completed' },
			{ name: 'In Progress', value: 'in_progress' },
			{ name: 'Open', value: 'open' },
		],
		default: 'open',
		description: 'The task’s status (LeadLex’s default: Open)',
	},
	{
		displayName: 'Task Type',
		name: 'taskType',
		type: 'string',
		default: '',
		placeholder: 'e.g. follow_up',
		description: 'The kind of task, as your LeadLex workspace names it',
	},
];
