import {
	NodeOperationError,
	type IDataObject,
	type IExecuteSingleFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import {
	LeadlexApiError,
	outcomeSentence,
	withOutcome,
	type RequestSubject,
} from '../../../shared/errors/LeadlexApiError';
import type { FieldChecker } from '../../../shared/values';
import { leadlexOperation, type Send } from '../operation';
import { dealField, dealUpdateFields, dealLabel, optionsField, showFor } from './dealFields';
import { readDealFields } from './dealValues';
import { DEAL_ERRORS, DEAL_UPDATE_ERRORS } from './errors';

const TAGS_MODES = ['replace', 'add', 'remove'];

/** Update Fields, checked: LeadLex's body (nothing set is refused). */
export function readUpdateFields(this: IExecuteSingleFunctions, check: FieldChecker): IDataObject {
	const fields = this.getNodeParameter('updateFields', {}) as IDataObject;
	const body = readDealFields(check, fields, this.getTimezone());
	if (Object.keys(body).length === 0) {
		throw check.fail('Update Fields', 'are empty: add at least one field to change');
	}
	return body;
}

/**
 * The deal's tags as LeadLex has them now (GET /v1/deals/{id}). The read changes nothing: its
 * failure says the deal was not updated.
 */
async function currentTags(
	this: IExecuteSingleFunctions,
	send: Send,
	subject: RequestSubject,
): Promise<string[]> {
	const { change, permission } = subject;
	subject.change = undefined;
	subject.permission = PERMISSIONS.dealsRead;
	const read = await send({
		method: 'GET',
		output: { property: 'data.deal', shape: 'object' },
		// The read names the deal only.
		errors: DEAL_ERRORS,
	}).then(
		(answer) => ({ answer }),
		(error: unknown) => ({ error }),
	);
	subject.change = change;
	subject.permission = permission;
	const unchanged = outcomeSentence(subject, 'unchanged');
	if ('error' in read) {
		const { error } = read;
		if (error instanceof LeadlexApiError || error instanceof NodeOperationError) {
			error.message = withOutcome(
				`${error.message.replace(/\.$/, '')} (while reading the deal's tags)`,
				unchanged,
			);
			throw error;
		}
		throw new NodeOperationError(this.getNode(), String(error), {
			itemIndex: this.getItemIndex(),
		});
	}
	// A deal without tags may come with `tags` null or left out: that is no tags.
	const tags = read.answer.records[0].tags ?? [];
	if (!Array.isArray(tags) || tags.some((tag) => typeof tag !== 'string')) {
		throw new LeadlexApiError(this.getNode(), {
			message: withOutcome(
				"LeadLex's deal has no list of tags (data.deal.tags), so the node could not add to them or remove from them",
				unchanged,
			),
			description:
				'Set Options → Tags Mode to Replace to send the tags as they are, or check the Base URL in the LeadLex credential.',
			outcome: 'unchanged',
			itemIndex: this.getItemIndex(),
		});
	}
	return tags as string[];
}

export const updateOperation = leadlexOperation({
	name: 'Update',
	value: 'update',
	action: 'Update a deal',
	description:
		"Change a deal's fields (stage, status, value, contact, tags …); only the fields set are sent, and Tags replace the deal's tags unless Options → Tags Mode adds or removes them",
	method: 'PATCH',
	path: '/v1/deals/{dealId}',
	permission: PERMISSIONS.dealsWrite,
	change: 'updated',
	label: dealLabel,
	errors: DEAL_UPDATE_ERRORS,
	output: { property: 'data', shape: 'object' },
	async run({ check, subject }, send) {
		const body = readUpdateFields.call(this, check);
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const mode =
			'tagsMode' in options ? check.oneOf('Tags Mode', options.tagsMode, TAGS_MODES) : 'replace';
		if (mode !== 'replace' && Array.isArray(body.tags)) {
			const given = body.tags as string[];
			const current = await currentTags.call(this, send, subject);
			body.tags =
				mode === 'add'
					? [...current, ...given.filter((tag) => !current.includes(tag))]
					: current.filter((tag) => !given.includes(tag));
		}
		return (await send({ body })).records;
	},
});

export const updateDescription: INodeProperties[] = [
	dealField('update', 'The deal to change, by its ID (a UUID)'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showFor('update') },
		options: dealUpdateFields,
	},
	{
		displayName:
			'LeadLex replaces all of a deal’s tags with Tags. To add or remove only the tags given, set Options → Tags Mode: the node then reads the deal first and sends the result, so a change made to the deal’s tags between that read and the update is lost.',
		name: 'tagsNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: showFor('update') },
	},
	optionsField('update', [
		{
			displayName: 'Tags Mode',
			name: 'tagsMode',
			type: 'options',
			options: [
				{
					name: 'Add',
					value: 'add',
					description: 'Read the deal, then send its tags plus the ones given',
				},
				{
					name: 'Remove',
					value: 'remove',
					description: 'Read the deal, then send its tags without the ones given',
				},
				{
					name: 'Replace',
					value: 'replace',
					description: 'Send the tags given: they replace the deal’s tags (LeadLex’s behaviour)',
				},
			],
			default: 'replace',
			description: 'What Update Fields → Tags does to the deal’s tags',
		},
	]),
];
