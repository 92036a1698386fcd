import type { INodeParameters } from 'n8n-workflow';
import { byId, fromList } from '../fixtures';
import { contactOp, JANE_ID, Q2_MEMBER } from './fixtures';

/** Every Contact operation with every kind of parameter value its fields allow (layer.test.ts). */
export const contactRunnerCases: Array<[string, INodeParameters]> = [
	['contact create', contactOp('create', { fullName: 'Layer Person', email: 'layer@example.com' })],
	[
		'contact create, every field',
		contactOp('create', {
			fullName: 'Every Field',
			email: 'every@example.com',
			additionalFields: {
				firstName: 'Every',
				lastName: 'Field',
				phone: '+1 555 0100',
				jobTitle: 'Partner',
				company: 'Acme Legal',
				relatedCompanyId: 'co_1',
				linkedinUrl: 'https://www.linkedin.com/in/every',
				priority: 'high',
				tags: 'a, b',
				customFields: { field: [{ name: 'matter', value: 'estate' }] },
				createdDate: '2026-01-02T03:04:05',
			},
			options: { maxRateLimitWait: 30 },
		}),
	],
	[
		'contact upsert, new',
		contactOp('upsert', { email: 'new.person@example.com', fullName: 'New' }),
	],
	[
		'contact upsert, existing',
		contactOp('upsert', { email: 'jane@example.com', additionalFields: { phone: '1' } }),
	],
	['contact get', contactOp('get', { contactId: byId(JANE_ID) })],
	[
		'contact get, raw with includes',
		contactOp('get', {
			contactId: byId(JANE_ID),
			simplify: false,
			options: { include: ['notes', 'tasks', 'deals'] },
		}),
	],
	['contact getAll, Limit', contactOp('getAll', { limit: 5 })],
	[
		'contact getAll, every filter',
		contactOp('getAll', {
			returnAll: true,
			filters: { search: 'ava', listId: 'list_estate_q2', createdAfter: '2020-01-01T00:00:00' },
			sort: '-full_name',
		}),
	],
	[
		'contact getAll, Email',
		contactOp('getAll', { limit: 2, filters: { email: 'JANE@example.com' } }),
	],
	[
		'contact update',
		contactOp('update', {
			contactId: byId(JANE_ID),
			updateFields: { jobTitle: 'CLO', appendNote: 'Promoted' },
		}),
	],
	['contact delete', contactOp('delete', { contactId: byId(JANE_ID) })],
	[
		'contact delete, Ignore Not Found',
		contactOp('delete', { contactId: byId('gone'), options: { ignoreNotFound: true } }),
	],
	[
		'contact createMany',
		contactOp('createMany', { contacts: [{ full_name: 'A' }, { full_name: 'B' }] }),
	],
	[
		'contact deleteMany, Dry Run',
		contactOp('deleteMany', { contactIds: `${JANE_ID}, nope`, options: { dryRun: true } }),
	],
	[
		'contact merge',
		contactOp('merge', { primaryContactId: byId(JANE_ID), duplicateContactIds: Q2_MEMBER }),
	],
	['contact getNotes', contactOp('getNotes', { contactId: byId(JANE_ID), returnAll: true })],
	[
		'contact findDuplicates, every field',
		contactOp('findDuplicates', {
			additionalFields: {
				threshold: 0.9,
				limit: 3,
				listId: fromList('list_big_outreach'),
				createdAfter: '2025-02-18T09:00:00',
			},
		}),
	],
	[
		'contact import, rows',
		contactOp('import', {
			rows: [{ full_name: 'Runner Row', email: 'runner.row@example.com' }],
			additionalFields: { updateExisting: true, tags: 'runner' },
		}),
	],
	[
		'contact export, every filter',
		contactOp('export', {
			limit: 10,
			fields: ['id', 'email'],
			filters: {
				createdAfter: '2019-01-01T00:00:00',
				createdBefore: '2030-01-01T00:00:00',
				listId: 'list_estate_q2',
				tags: 'a, b',
			},
		}),
	],
];
