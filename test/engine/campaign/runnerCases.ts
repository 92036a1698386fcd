import type { INodeParameters } from 'n8n-workflow';
import { CAMPAIGN, campaignOp } from '../fixtures';

/** Every Campaign operation with every kind of parameter value its fields allow (layer.test.ts). */
export const campaignRunnerCases: Array<[string, INodeParameters]> = [
	['campaign get', campaignOp('get', {}, CAMPAIGN)],
	['campaign get, options set', campaignOp('get', { options: { maxRateLimitWait: 30 } }, CAMPAIGN)],
	['campaign getAll, Limit', campaignOp('getAll', { limit: 5 })],
	['campaign getAll, Return All', campaignOp('getAll', { returnAll: true })],
	['campaign getAll, Search', campaignOp('getAll', { limit: 3, filters: { search: 'estate' } })],
	[
		'campaign create',
		campaignOp('create', {
			name: 'Layer',
			listId: 'list_estate_q2',
			template: 'Hi {{name}}',
			options: { retryOnRateLimit: true },
		}),
	],
	[
		'campaign update, every field',
		campaignOp(
			'update',
			{
				updateFields: {
					name: 'N',
					description: 'D',
					dailySendLimit: 10,
					delayBetweenEmails: 60,
					sendingTimezone: 'Europe/London',
					sendOnWeekends: true,
					trackOpens: true,
					trackClicks: false,
					showUnsubscribe: true,
				},
			},
			CAMPAIGN,
		),
	],
	['campaign delete', campaignOp('delete', {}, 'cmp_draft01')],
	[
		'campaign delete, Ignore Not Found',
		campaignOp('delete', { options: { ignoreNotFound: true, maxRateLimitWait: 30 } }, 'cmp_nope'),
	],
	['campaign pause', campaignOp('pause', {}, CAMPAIGN)],
	[
		'campaign pause, Ignore If Not Active',
		campaignOp('pause', { options: { ignoreNotActive: true } }, 'cmp_draft01'),
	],
	['campaign start', campaignOp('start', {}, 'cmp_paused01')],
	['campaign getStats', campaignOp('getStats', {}, CAMPAIGN)],
	['campaign getEvents, Limit', campaignOp('getEvents', { limit: 5 }, CAMPAIGN)],
	[
		'campaign getEvents, every filter',
		campaignOp(
			'getEvents',
			{
				returnAll: true,
				filters: {
					type: 'opened',
					contactId: '123e4567-e89b-12d3-a456-426614174000',
					fromDate: '2026-01-01T00:00:00',
					toDate: '2026-12-31T23:59:59',
				},
			},
			CAMPAIGN,
		),
	],
	['campaign getContacts, Limit', campaignOp('getContacts', { limit: 5 }, CAMPAIGN)],
	[
		'campaign getContacts, Status, Return All',
		campaignOp('getContacts', { returnAll: true, filters: { status: 'active' } }, 'cmp_paused01'),
	],
	['campaign addContacts', campaignOp('addContacts', { contactIds: 'l-1,l-2' }, CAMPAIGN)],
	[
		'campaign addContacts, Source',
		campaignOp(
			'addContacts',
			{ contactIds: 'l-3', additionalFields: { source: 'import:csv' } },
			CAMPAIGN,
		),
	],
];
