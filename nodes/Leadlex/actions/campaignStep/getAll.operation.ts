import type { INodeProperties } from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import { campaignLocator } from '../../../shared/descriptions';
import { STEP_ERRORS } from './errors';
import { leadlexOperation } from '../operation';
import { readLimit } from '../paging';
import { optionsField, returnAllFields, showFor, stepsLabel } from './stepFields';

const showOnlyForGetAll = showFor('getAll');

export const getAllOperation = leadlexOperation({
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many campaign steps',
	description: "List a campaign's steps in send order, one item per step (the first step first)",
	method: 'GET',
	path: '/v1/campaigns/{campaignId}/steps',
	permission: PERMISSIONS.campaignsRead,
	label: stepsLabel,
	errors: STEP_ERRORS,
	output: { property: 'data.steps', shape: 'list' },
	// LeadLex returns every step in one answer (no paging documented): Limit applies here.
	async run(item, send) {
		const limit = readLimit.call(this, item.check);
		const { records: steps } = await send();
		return steps
			.map((step, position) => ({
				step,
				order: typeof step.index === 'number' ? step.index : position,
			}))
			.sort((a, b) => a.order - b.order)
			.map(({ step }) => step)
			.slice(0, limit);
	},
});

export const getAllDescription: INodeProperties[] = [
	{
		...campaignLocator,
		description: 'The campaign whose steps to list, by its ID (e.g. cmp_abc123)',
		displayOptions: { show: showOnlyForGetAll },
	},
	...returnAllFields('getAll'),
	optionsField('getAll'),
];
