import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import { leadlexOperation } from '../operation';
import { LEXI_APPROVE_ERRORS } from './errors';
import { lexiTaskLabel, lexiTaskLocator, optionsField, showFor } from './lexiFields';

export const approveTaskOperation = leadlexOperation({
	name: 'Approve Task',
	value: 'approveTask',
	action:
		'Approve a pending Lexi task, which starts what it describes (a campaign_start task launches the campaign and its emails go out)',
	description:
		'Approve a pending Lexi task: LeadLex then carries it out (a campaign_start task makes the campaign live and its emails go out)',
	method: 'POST',
	path: '/v1/lexi/tasks/{taskId}/approve',
	permission: PERMISSIONS.lexi,
	change: 'approved',
	label: lexiTaskLabel,
	errors: LEXI_APPROVE_ERRORS,
	output: { property: 'data', shape: 'object', requiredField: { name: 'status', type: 'string' } },
	qs({ check }) {
		const options = this.getNodeParameter('options', {}) as IDataObject;
		if ('ignoreNotPending' in options)
			check.boolean('Ignore If Not Pending', options.ignoreNotPending);
		return {};
	},
	recover(error, ids) {
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const ignore = options.ignoreNotPending === true || options.ignoreNotPending === 'true';
		const notPending = error.httpStatus === 400 && error.leadlexCode === 'validation_error';
		return ignore && notPending
			? { task_id: ids.taskId, approved: false, reason: 'not_pending' }
			: undefined;
	},
	codeHints: {
		validation_error: 'To treat that as a result, turn on Options → Ignore If Not Pending.',
	},
});

export const approveTaskDescription: INodeProperties[] = [
	{ ...lexiTaskLocator, displayOptions: { show: showFor('approveTask') } },
	{
		displayName:
			'Approving starts what the task describes: for a campaign_start task the campaign goes live and its emails go out. Only a pending task can be approved.',
		name: 'approveTaskNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: showFor('approveTask') },
	},
	optionsField('approveTask', [
		{
			displayName: 'Ignore If Not Pending',
			name: 'ignoreNotPending',
			type: 'boolean',
			default: false,
			description:
				'Whether a task that is no longer pending (already approved, dismissed, completed or failed) gives {"task_id", "approved": false, "reason": "not_pending"} instead of an error. Nothing is approved either way.',
		},
	]),
];
