/* eslint-disable @n8n/community-nodes/no-restricted-imports --
   dev tooling, never packed: Contact scenarios of the e2e suite. */
/**
 * Contact: test/e2e/workflows/contact-roundtrip.json (Create → Get → Update → Delete → Delete
 * again with Ignore Not Found → Create Many of 600 → Delete Many of them). The intake example
 * (Create or Update, List and Campaign → Add Contacts) needs a running n8n: scenarios/intake.ts.
 */
import * as assert from 'node:assert/strict';
import { outputItems } from '../../../scripts/n8n/harness';
import type { Scenario } from './scenario';
import { expectStatus, jsonOf, requestLines, sentBodies, show } from './support';

const ROUNDTRIP = 'LeadlexE2eContact1';

export const CONTACT_SCENARIOS: Scenario[] = [
	{
		name: 'contact round trip',
		async run({ t, sandbox, execute }) {
			await sandbox.admin.reset();
			const execution = await execute(ROUNDTRIP, 'Contact: create … delete, 600 in bulk');
			const requests = await sandbox.admin.requests();
			const one = (node: string) =>
				jsonOf(outputItems(execution, node))[0] as Record<string, unknown>;
			t.check('contact round trip: execution succeeds', () => expectStatus(execution, 'success'));
			t.check('contact: Create gives LeadLex’s new contact; Get (Simplify) its ten fields', () => {
				const created = one('Create contact');
				assert.match(String(created?.id), /^[0-9a-f-]{36}$/, show(created));
				const got = one('Get contact');
				assert.deepEqual(Object.keys(got).sort(), [
					'company',
					'created_date',
					'email',
					'full_name',
					'id',
					'job_title',
					'phone',
					'priority',
					'tags',
					'updated_date',
				]);
				assert.deepEqual(
					[got.id, got.email, got.priority, got.tags],
					[created.id, 'e2e.contact@example.com', 'high', ['e2e', 'intake']],
				);
			});
			t.check(
				'contact: Update PATCHes job_title and notes; Delete, then Delete again (Ignore Not Found)',
				() => {
					const id = String(one('Create contact').id);
					assert.equal(one('Update contact').job_title, 'Partner');
					assert.deepEqual(sentBodies(requests, 'PATCH'), [
						{ job_title: 'Partner', notes: 'Met at the e2e run' },
					]);
					assert.deepEqual(one('Delete contact'), { deleted: true, id });
					assert.deepEqual(one('Delete it again'), { deleted: false, id });
				},
			);
			t.check(
				'contact: Create Many of 600 in requests of 500 and 100; Delete Many deletes them all',
				() => {
					assert.equal(outputItems(execution, 'Create many').length, 600);
					const lines = requestLines(requests);
					assert.equal(
						lines.filter((l) => l.startsWith('POST /v1/contacts/bulk 201')).length,
						2,
						show(lines),
					);
					const deletes = sentBodies(requests, 'POST').filter((body) =>
						Array.isArray((body as { contact_ids?: unknown }).contact_ids),
					) as Array<{ contact_ids: string[] }>;
					assert.deepEqual(
						deletes.map((body) => body.contact_ids.length),
						[1, 1, 500, 100],
					);
					assert.deepEqual(jsonOf(outputItems(execution, 'Delete many')), [
						{ deleted_count: 600, not_found_count: 0, errors: [], dry_run: false },
					]);
				},
			);
		},
	},
];
