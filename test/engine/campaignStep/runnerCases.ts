import type { INodeParameters } from 'n8n-workflow';
import { CAMPAIGN, createStep, deleteStep, getSteps, updateStep } from '../fixtures';

/** Every Campaign Step operation with every kind of parameter value its fields allow (layer.test.ts). */
export const stepRunnerCases: Array<[string, INodeParameters]> = [
	['create, required fields only', createStep(CAMPAIGN)],
	[
		'create, every additional field',
		createStep(CAMPAIGN, undefined, {
			additionalFields: { delayDays: 1, delayHours: 2, sendCondition: 'if_opened' },
		}),
	],
	[
		'create, rate-limit options set',
		createStep(CAMPAIGN, undefined, { options: { retryOnRateLimit: true, maxRateLimitWait: 30 } }),
	],
	['getAll, Limit', getSteps(CAMPAIGN, { limit: 1 })],
	['getAll, Return All', getSteps(CAMPAIGN, { returnAll: true })],
	[
		'getAll, options set',
		getSteps(CAMPAIGN, { returnAll: false, limit: 3, options: { maxRateLimitWait: 30 } }),
	],
	['update, subject', updateStep(CAMPAIGN, 'step_2', { subject: 'New' })],
	['update, body', updateStep(CAMPAIGN, 'step_2', { body: 'New body' })],
	['update, delays', updateStep(CAMPAIGN, 'step_2', { delayDays: 2, delayHours: 3 })],
	[
		'update, send condition and options',
		updateStep(
			CAMPAIGN,
			'step_2',
			{ sendCondition: 'always' },
			{ options: { maxRateLimitWait: 30 } },
		),
	],
	['delete', deleteStep(CAMPAIGN, 'step_2')],
	[
		'delete, Ignore Not Found',
		deleteStep(CAMPAIGN, 'step_2', { options: { ignoreNotFound: true } }),
	],
	[
		'delete, every option',
		deleteStep(CAMPAIGN, 'step_2', {
			options: { ignoreNotFound: false, retryOnRateLimit: true, maxRateLimitWait: 30 },
		}),
	],
];
