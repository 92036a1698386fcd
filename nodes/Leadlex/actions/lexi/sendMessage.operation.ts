import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import { locatorValue } from '../../../shared/itemParameter';
import { leadlexOperation } from '../operation';
import { LEXI_CHAT_ERRORS } from './errors';
import { contextFields, optionsField, showFor } from './lexiFields';

/** Additional Fields → LeadLex's `context` keys. */
const CONTEXT_KEYS = [
	['campaignId', 'Campaign ID', 'campaign_id'],
	['conversationId', 'Conversation ID', 'conversation_id'],
	['listId', 'List ID', 'list_id'],
] as const;

export const sendMessageOperation = leadlexOperation({
	name: 'Send Message',
	value: 'sendMessage',
	action:
		'Send a message to Lexi, LeadLex’s AI assistant; Lexi may queue a task that needs approval, and the message changes nothing by itself',
	description:
		'Ask Lexi, LeadLex’s AI assistant, in plain words. Lexi answers, and may queue a task (task_id, requires_approval) that changes nothing until it is approved.',
	method: 'POST',
	path: '/v1/lexi/chat',
	permission: PERMISSIONS.lexi,
	change: 'sent',
	label: () => 'the message to Lexi',
	errors: LEXI_CHAT_ERRORS,
	output: {
		property: 'data',
		shape: 'object',
		requiredField: { name: 'response', type: 'string' },
	},
	body({ check }) {
		const body: IDataObject = {
			message: check.text('Message', this.getNodeParameter('message', '')),
		};
		const fields = this.getNodeParameter('additionalFields', {}) as IDataObject;
		const context: IDataObject = {};
		for (const [name, label, key] of CONTEXT_KEYS) {
			const value = locatorValue(fields[name]);
			if (value === undefined || value === null || (typeof value === 'string' && !value.trim()))
				continue;
			context[key] = check.id(label, value);
		}
		if (Object.keys(context).length) body.context = context;
		return body;
	},
	mayHaveChangedHint:
		'Lexi may have queued a task: check Lexi → Get Tasks before sending the message again.',
});

export const sendMessageDescription: INodeProperties[] = [
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		placeholder: 'e.g. Start the campaign Q3 Litigation Outreach',
		description: 'What to ask Lexi, in plain words',
		displayOptions: { show: showFor('sendMessage') },
	},
	{
		displayName:
			'Lexi may answer by queuing a task (the output has task_id and requires_approval: true). The task changes nothing until it is approved: use Lexi → Approve Task with that task_id.',
		name: 'sendMessageNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: showFor('sendMessage') },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showFor('sendMessage') },
		options: contextFields,
	},
	optionsField('sendMessage'),
];
