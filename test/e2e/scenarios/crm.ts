/* eslint-disable @n8n/community-nodes/no-restricted-imports --
   dev tooling, never packed: Deal, Company and Lexi scenarios of the e2e suite. */
/**
 * test/e2e/workflows/crm-roundtrip.json, each node run once: Deal → Create, Get, Create Many (3),
 * Update Many, Delete Many, Delete; Company → Get Many, Enrich (by domain), Import (rows); Lexi →
 * Send Message, Get Tasks. The operations the examples do not run (client call: Deal → Update;
 * approval: Lexi → Approve Task; spreadsheet: Contact → Import, Export).
 */
import * as assert from 'node:assert/strict';
import { outputItems } from '../../../scripts/n8n/harness';
import type { Scenario } from './scenario';
import { expectStatus, jsonOf, requestLines, sentBodies, show } from './support';

const ROUNDTRIP = 'LeadlexE2eCrm1';

export const CRM_SCENARIOS: Scenario[] = [
	{
		name: 'deal, company and lexi round trip',
		async run({ t, sandbox, execute }) {
			await sandbox.admin.reset();
			const execution = await execute(ROUNDTRIP, 'Deal, Company, Lexi: every operation once');
			const requests = await sandbox.admin.requests();
			const all = (node: string) =>
				jsonOf(outputItems(execution, node)) as Array<Record<string, unknown>>;
			const one = (node: string) => all(node)[0];
			t.check('deal/company/lexi round trip: execution succeeds', () =>
				expectStatus(execution, 'success'),
			);
			t.check(
				'deal: Create, Get (Simplify), Delete: the same deal, then {deleted: true, id}',
				() => {
					const created = one('Create deal');
					assert.equal(created?.name, 'E2E Matter', show(created));
					const got = one('Get deal');
					assert.deepEqual([got.id, got.name, got.stage], [created.id, 'E2E Matter', 'Intake']);
					assert.ok(Object.keys(got).length <= 10, show(got));
					assert.deepEqual(one('Delete deal'), { deleted: true, id: created.id });
				},
			);
			t.check('deal: Create Many (3 items), Update Many and Delete Many of the same three', () => {
				const ids = all('Create deals').map((deal) => deal.id);
				assert.equal(ids.length, 3, show(all('Create deals')));
				assert.deepEqual(one('Update deals'), { updated: 3 });
				assert.deepEqual(one('Delete deals'), {
					deleted_count: 3,
					not_found_count: 0,
					errors: [],
					dry_run: false,
				});
				const bodies = sentBodies(requests, 'PATCH') as Array<{ deal_ids?: unknown }>;
				assert.deepEqual(
					bodies.map((body) => body.deal_ids),
					[ids],
				);
			});
			t.check('company: Get Many by search, Enrich by domain, Import of one row', () => {
				const names = all('Find companies').map((company) => String(company.name));
				assert.ok(names.length > 0 && names.every((name) => /acme/i.test(name)), show(names));
				const enriched = one('Enrich company');
				assert.equal(
					(enriched.company as { domain?: string } | undefined)?.domain,
					'acmelegal.com',
					show(enriched),
				);
				const imported = one('Import companies');
				assert.equal(imported.status, 'completed', show(imported));
			});
			t.check(
				'lexi: Send Message answers with a conversation; Get Tasks lists the pending ones',
				() => {
					const chat = one('Ask Lexi');
					assert.equal(typeof chat.response, 'string', show(chat));
					assert.match(String(chat.conversation_id), /^conv_/);
					const tasks = all('Pending tasks');
					assert.ok(tasks.length > 0, show(tasks));
					assert.ok(
						tasks.every((task) => task.status === 'pending'),
						show(tasks),
					);
				},
			);
			t.check('deal/company/lexi: every request answered 2xx, each node once', () => {
				const lines = requestLines(requests);
				assert.ok(lines.length >= 11 && lines.every((line) => / 2\d\d$/.test(line)), show(lines));
				assert.equal(lines.filter((line) => /^POST \S*\/v1\/deals 201$/.test(line)).length, 1);
			});
		},
	},
];
