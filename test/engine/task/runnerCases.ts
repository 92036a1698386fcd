import type { INodeParameters } from 'n8n-workflow';
import { byId } from '../fixtures';
import { JANE_ID } from '../contact/fixtures';
import { op } from '../company/fixtures';
import { HARBOR_DEAL_ID } from '../deal/fixtures';

/** Task → Create with every kind of parameter value its fields allow (layer.test.ts). */
export const taskRunnerCases: Array<[string, INodeParameters]> = [
	[
		'task create, for a contact, every field',
		op('task', 'create', {
			title: 'Layer task',
			contactId: byId(JANE_ID),
			additionalFields: {
				description: 'D',
				status: 'in_progress',
				priority: 'high',
				taskType: 'follow_up',
				dueDate: '2026-04-24T15:00:00',
				assigneeId: 'user_7',
				createdDate: '2026-01-02T03:04:05',
			},
		}),
	],
	[
		'task create, for a deal and an event, a date alone',
		op('task', 'create', {
			title: 'T',
			dealId: byId(HARBOR_DEAL_ID),
			eventId: 'evt-1',
			additionalFields: { dueDate: '2026-04-24' },
		}),
	],
	[
		'task create, by names',
		op('task', 'create', { title: 'T', contactName: 'Jane', companyName: 'Northwind' }),
	],
];
