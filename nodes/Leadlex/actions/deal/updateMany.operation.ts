import type { INodeProperties } from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import { chunkedRequests, sumOf } from '../chunks';
import { leadlexOperation } from '../operation';
import { dealUpdateFields, dealIdsField, optionsField, showFor } from './dealFields';
import { DEAL_LIST_ERRORS } from './errors';
import { readUpdateFields } from './update.operation';

/** The most deal IDs LeadLex updates in one request (§9.3). */
export const MAX_DEALS_PER_BULK_UPDATE = 100;

export const updateManyOperation = leadlexOperation({
	name: 'Update Many',
	value: 'updateMany',
	action: 'Update many deals',
	description:
		'Set the same fields on many deals by their IDs (Tags replace each deal’s tags); one item with the number updated',
	method: 'PATCH',
	path: '/v1/deals/bulk',
	permission: PERMISSIONS.dealsWrite,
	change: 'updated',
	label: () => 'the deals',
	plural: true,
	errors: DEAL_LIST_ERRORS,
	output: { property: 'data', shape: 'object', requiredField: { name: 'updated', type: 'number' } },
	run: chunkedRequests({
		size: MAX_DEALS_PER_BULK_UPDATE,
		noun: 'deals',
		verb: 'updated',
		rerun: 'Running the item again is safe: it sets the same values again.',
		prepare({ check }) {
			const ids = check.idList('Deal IDs', this.getNodeParameter('dealIds', ''));
			const updates = readUpdateFields.call(this, check);
			return { ids, body: (chunk) => ({ deal_ids: chunk, updates }) };
		},
		combine: (answers) => [{ updated: sumOf(answers, 'updated') }],
		done: ([combined]) => `${String(combined.updated)} deals had already been updated`,
	}),
});

export const updateManyDescription: INodeProperties[] = [
	dealIdsField('updateMany', 'change', MAX_DEALS_PER_BULK_UPDATE),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showFor('updateMany') },
		options: dealUpdateFields,
	},
	{
		displayName:
			'Every deal gets the same values. Tags replace each deal’s tags: to add or remove tags of one deal, use Update with Options → Tags Mode.',
		name: 'updateManyNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: showFor('updateMany') },
	},
	optionsField('updateMany'),
];
