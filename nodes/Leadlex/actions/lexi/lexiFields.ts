import type { INodeProperties } from 'n8n-workflow';
import { campaignLocator, fieldHelpersFor, idLocator } from '../../../shared/descriptions';
import { quoteId } from '../../../shared/errors/LeadlexApiError';
import { listLocator } from '../list/listFields';
import type { Ids } from '../operation';

const RESOURCE = 'lexi';

export const { showFor, optionsField, returnAllFields } = fieldHelpersFor(RESOURCE);

export const lexiTaskLabel = (ids: Ids) => `Lexi task ${quoteId(ids.taskId)}`;

/** The statuses of a Lexi task (§9.7), LeadLex's own values. */
export const TASK_STATUSES = ['pending', 'approved', 'dismissed', 'completed', 'failed'];

/** The Lexi task picker: the workspace's pending tasks (the only ones Approve takes). */
export const lexiTaskLocator: INodeProperties = idLocator({
	displayName: 'Task',
	name: 'taskId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description:
		'The pending Lexi task, by its ID: e.g. the task_id of a Campaign → Start that answered pending_approval',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a pending task...',
			typeOptions: {
				searchListMethod: 'searchLexiTasks',
				searchable: true,
				searchFilterRequired: false,
			},
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. task_3f9c2a1b7d4e6f80',
		},
	],
});

/** The Campaign and List pickers inside Send Message's Additional Fields (read by sendMessage). */
export function pickerInCollection(picker: INodeProperties, description: string): INodeProperties {
	return {
		displayName: picker.displayName,
		name: picker.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description,
		modes: picker.modes,
	};
}

export const contextFields: INodeProperties[] = [
	pickerInCollection(
		campaignLocator,
		'The campaign the message is about, sent as context.campaign_id',
	),
	{
		displayName: 'Conversation ID',
		name: 'conversationId',
		type: 'string',
		default: '',
		placeholder: 'e.g. conv_8b2f0c1d9e3a4b5c',
		description:
			'To continue a conversation: the conversation_id of an earlier Send Message (sent as context.conversation_id). Empty starts a new conversation.',
	},
	pickerInCollection(listLocator, 'The contact list the message is about, sent as context.list_id'),
];
