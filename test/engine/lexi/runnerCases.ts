import type { INodeParameters } from 'n8n-workflow';
import { byId, fromList } from '../fixtures';
import { lexiOp, PROSPECTS_TASK } from './fixtures';

/** Every Lexi operation with every kind of parameter value its fields allow (layer.test.ts). */
export const lexiRunnerCases: Array<[string, INodeParameters]> = [
	['lexi sendMessage', lexiOp('sendMessage', { message: 'How are my campaigns doing?' })],
	[
		'lexi sendMessage, every context field',
		lexiOp('sendMessage', {
			message: 'Start it',
			additionalFields: {
				campaignId: fromList('cmp_paused01'),
				listId: byId('list_estate_q2'),
			},
			options: { maxRateLimitWait: 30 },
		}),
	],
	['lexi getTasks, Limit', lexiOp('getTasks', { limit: 1 })],
	[
		'lexi getTasks, Status, Return All',
		lexiOp('getTasks', { returnAll: true, filters: { status: 'completed' } }),
	],
	['lexi approveTask', lexiOp('approveTask', { taskId: byId(PROSPECTS_TASK) })],
	[
		'lexi approveTask, Ignore If Not Pending',
		lexiOp('approveTask', {
			taskId: fromList('task_seed_done'),
			options: { ignoreNotPending: true, retryOnRateLimit: true },
		}),
	],
];
