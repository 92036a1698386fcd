import type { INodeParameters } from 'n8n-workflow';
import { byId } from '../fixtures';
import { dealOp, HARBOR_DEAL_ID, JANE_DEAL_ID, JANE_ID, TRUST_DEAL_ID } from './fixtures';

/** Every Deal operation with every kind of parameter value its fields allow (layer.test.ts). */
export const dealRunnerCases: Array<[string, INodeParameters]> = [
	['deal create', dealOp('create', { name: 'Layer Deal' })],
	[
		'deal create, every field',
		dealOp('create', {
			name: 'Every Field Deal',
			additionalFields: {
				stage: 'Consultation',
				status: 'won',
				pipeline: 'Estate Planning',
				estimatedValue: 1500.5,
				contactId: byId(JANE_ID),
				ownerId: 'user_1',
				priority: 'urgent',
				dealType: 'litigation',
				notes: 'Notes',
				tags: 'a, b',
				description: 'Description',
				followUpDate: '2026-05-01T09:00:00',
				probability: 75,
				currency: 'usd',
				relatedCompanyId: 'co_1',
				relationshipPartnerId: 'user_2',
				matterLeadId: 'user_3',
				teamMemberIds: 'user_4, user_5',
				feeModel: 'retainer',
			},
			options: { maxRateLimitWait: 30 },
		}),
	],
	['deal get', dealOp('get', { dealId: byId(JANE_DEAL_ID) })],
	['deal get, raw', dealOp('get', { dealId: byId(JANE_DEAL_ID), simplify: false })],
	['deal getAll, Limit', dealOp('getAll', { limit: 2 })],
	[
		'deal getAll, every filter',
		dealOp('getAll', {
			returnAll: true,
			simplify: false,
			filters: {
				status: 'active',
				pipeline: 'Estate Planning',
				stage: 'Consultation',
				contactId: byId(JANE_ID),
				ownerUserId: 'user_partner_01',
				tags: 'estate-planning',
				createdAfter: '2026-01-01T00:00:00',
				createdBefore: '2026-12-31T00:00:00',
				updatedAfter: '2026-01-01T00:00:00',
			},
		}),
	],
	[
		'deal update',
		dealOp('update', { dealId: byId(JANE_DEAL_ID), updateFields: { stage: 'Engaged' } }),
	],
	[
		'deal update, tags added',
		dealOp('update', {
			dealId: byId(JANE_DEAL_ID),
			updateFields: { tags: 'vip' },
			options: { tagsMode: 'add' },
		}),
	],
	['deal delete', dealOp('delete', { dealId: byId(JANE_DEAL_ID) })],
	[
		'deal delete, Ignore Not Found',
		dealOp('delete', { dealId: byId('gone'), options: { ignoreNotFound: true } }),
	],
	['deal createMany', dealOp('createMany', { deals: [{ name: 'A' }, { name: 'B' }] })],
	[
		'deal updateMany',
		dealOp('updateMany', {
			dealIds: `${JANE_DEAL_ID}, ${TRUST_DEAL_ID}`,
			updateFields: { priority: 'high' },
		}),
	],
	[
		'deal deleteMany, Dry Run',
		dealOp('deleteMany', { dealIds: `${HARBOR_DEAL_ID}, nope`, options: { dryRun: true } }),
	],
	[
		'deal findDuplicates, every field',
		dealOp('findDuplicates', {
			additionalFields: { threshold: 0.85, limit: 5, tag: 'estate-planning' },
		}),
	],
];
