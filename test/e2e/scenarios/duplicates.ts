/* eslint-disable @n8n/community-nodes/no-restricted-imports --
   dev tooling, never packed: Find Duplicates scenarios of the e2e suite. */
/**
 * Find Duplicates: test/e2e/workflows/find-duplicates.json runs Contact, Company and Deal → Find
 * Duplicates side by side from one trigger (a List picker, a Threshold, a Tag from an expression),
 * and a contact run that finds no pair. Each run costs 3 of the sandbox's 25 credits.
 */
import * as assert from 'node:assert/strict';
import { outputItems } from '../../../scripts/n8n/harness';
import type { Scenario } from './scenario';
import { expectStatus, jsonOf, sentBodies, show } from './support';

const WORKFLOW = 'LeadlexE2eDups01';

export const DUPLICATES_SCENARIOS: Scenario[] = [
	{
		name: 'find duplicates',
		async run({ t, sandbox, execute }) {
			await sandbox.admin.reset();
			const execution = await execute(WORKFLOW, 'Find Duplicates: contacts, companies, deals');
			const requests = await sandbox.admin.requests();
			const items = (node: string) =>
				jsonOf(outputItems(execution, node)) as Array<Record<string, unknown>>;
			t.check('find duplicates: execution succeeds', () => expectStatus(execution, 'success'));
			t.check('find duplicates: one POST per node, entity_type and scope as set', () => {
				const bodies = sentBodies(requests, 'POST');
				for (const body of [
					{
						entity_type: 'contact',
						threshold: 0.9,
						limit: 3,
						scope: { list_id: 'list_big_outreach' },
					},
					{ entity_type: 'company', threshold: 0.5 },
					{ entity_type: 'deal', scope: { tag: 'estate-planning' } },
					{ entity_type: 'contact', scope: { tag: 'estate-planning' } },
				]) {
					assert.ok(
						bodies.some((sent) => JSON.stringify(sent) === JSON.stringify(body)),
						show(bodies),
					);
				}
				assert.equal(bodies.length, 4, show(bodies));
				assert.ok(
					requests.every((r) => r.path.endsWith('/v1/ai/detect-duplicates') && r.status === 200),
				);
			});
			t.check(
				'find duplicates: one item per pair, with total_candidates and credits_remaining',
				() => {
					const contacts = items('Contact duplicates');
					assert.equal(contacts.length, 3, show(contacts));
					assert.deepEqual(contacts[0], {
						primary_id: 'c0de9003-0000-4000-8000-000000000001',
						duplicate_id: 'c0de9003-0000-4000-8000-000000000041',
						similarity: 0.9,
						matched_fields: ['full_name', 'company'],
						reason: 'Same name',
						total_candidates: 150,
						credits_remaining: contacts[0].credits_remaining,
					});
					const [company] = items('Company duplicates');
					assert.deepEqual(
						[
							company.primary_id,
							company.duplicate_id,
							company.similarity,
							company.total_candidates,
						],
						[
							'c0c00000-0000-4000-8000-000000000001',
							'c0c00000-0000-4000-8000-000000000002',
							0.6,
							6,
						],
					);
					const deals = items('Deal duplicates');
					assert.deepEqual(
						deals.map((deal) => [deal.primary_id, deal.duplicate_id, deal.reason]),
						[
							[
								'3f8e1d2c-4b5a-6d7e-8f9a-0b1c2d3e4f5a',
								'dea10000-0000-4000-8000-000000000005',
								'Same contact and matter type',
							],
						],
					);
					// Four runs of 3 credits each from the seed's 25, in whatever order n8n ran them.
					const credits = [contacts[0], company, deals[0]].map((item) => item.credits_remaining);
					assert.ok(
						credits.every((left) => [22, 19, 16, 13].includes(left as number)),
						show(credits),
					);
					assert.equal(new Set(credits).size, 3, show(credits));
				},
			);
			t.check('find duplicates: no pair gives no item, and the run still succeeds', () => {
				assert.deepEqual(items('No duplicates'), []);
			});
		},
	},
];
