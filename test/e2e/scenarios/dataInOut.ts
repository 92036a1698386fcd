/* eslint-disable @n8n/community-nodes/no-restricted-imports --
   dev tooling, never packed: Contact → Import and Export scenarios of the e2e suite. */
/**
 * examples/contacts-from-spreadsheet.json: rows → n8n's Convert to File (CSV) → Contact → Import
 * (CSV File, a Mapping, Update Existing, a tag) → Contact → Export (the tag as filter) → n8n's
 * Extract From File. Run twice: the second run updates the same three contacts (no duplicates).
 */
import * as assert from 'node:assert/strict';
import { outputItems, type SandboxRequest } from '../../../scripts/n8n/harness';
import { parseCsv } from '../../sandbox/csv';
import type { Scenario } from './scenario';
import { expectStatus, jsonOf, show } from './support';

const EXAMPLE = 'LeadlexExample08';
const TAG = 'spreadsheet-import';
const PEOPLE = [
	{
		full_name: 'Maya Lindqvist',
		email: 'maya.lindqvist@example.com',
		phone: '+46 8 123 456 70',
		company_name: 'Lindqvist & Partners',
	},
	{
		full_name: 'Omar Haddad',
		email: 'omar.haddad@example.com',
		phone: '+1 617 555 0142',
		company_name: 'Haddad Logistics, Inc.',
	},
	{
		full_name: 'Priya Raman',
		email: 'priya.raman@example.com',
		phone: '+44 20 7946 0321',
		company_name: 'Raman Family Office',
	},
];

const importsOf = (requests: SandboxRequest[]) =>
	requests.filter((r) => r.method === 'POST' && r.path === '/v1/import/contacts');
const exportsOf = (requests: SandboxRequest[]) =>
	requests.filter((r) => r.method === 'GET' && r.path === '/v1/contacts/export');

export const DATA_IN_OUT_SCENARIOS: Scenario[] = [
	{
		name: 'contacts from a spreadsheet',
		async run({ t, sandbox, execute }) {
			await sandbox.admin.reset();
			const first = await execute(EXAMPLE, 'Contacts from a spreadsheet: import, export');
			const requests = await sandbox.admin.requests();
			t.check('spreadsheet: execution succeeds', () => expectStatus(first, 'success'));
			t.check(
				"spreadsheet: n8n's Convert to File makes the CSV; Import sends its text with the Mapping, Update Existing and the tag",
				() => {
					const sent = importsOf(requests);
					assert.equal(sent.length, 1, show(requests));
					const body = JSON.parse(sent[0].body ?? '{}') as Record<string, unknown>;
					assert.deepEqual(
						{ ...body, csv: undefined },
						{
							csv: undefined,
							mapping: { Name: 'full_name', Email: 'email', Company: 'company', Phone: 'phone' },
							update_existing: true,
							tags: [TAG],
						},
					);
					const records = parseCsv(String(body.csv));
					assert.deepEqual(records, [
						['Name', 'Email', 'Company', 'Phone'],
						...PEOPLE.map((p) => [p.full_name, p.email, p.company_name, p.phone]),
					]);
				},
			);
			t.check('spreadsheet: Import outputs LeadLex’s counts, three created', () => {
				assert.deepEqual(jsonOf(outputItems(first, 'Import contacts')), [
					{
						job_id: (jsonOf(outputItems(first, 'Import contacts'))[0] as { job_id: string }).job_id,
						status: 'completed',
						created_count: 3,
						updated_count: 0,
						skipped_count: 0,
						errors: [],
					},
				]);
			});
			t.check(
				'spreadsheet: Export sends the tag and the fields; one item, its file in binary "data" (contacts-export.csv, text/csv)',
				() => {
					const [sent] = exportsOf(requests);
					assert.equal(
						sent?.query,
						`limit=50000&tag=${TAG}&fields=full_name%2Cemail%2Cphone%2Ccompany_name%2Ctags`,
						show(requests),
					);
					const items = outputItems(first, 'Export imported contacts') as Array<{
						json: Record<string, unknown>;
						binary?: Record<string, { fileName?: string; mimeType?: string }>;
					}>;
					assert.equal(items.length, 1);
					assert.deepEqual(items[0].json, {
						fileName: 'contacts-export.csv',
						rows: 3,
						bytes: items[0].json.bytes,
					});
					assert.ok(Number(items[0].json.bytes) > 100, show(items[0].json));
					assert.equal(items[0].binary?.data?.fileName, 'contacts-export.csv');
					assert.equal(items[0].binary?.data?.mimeType, 'text/csv');
				},
			);
			t.check(
				"spreadsheet: n8n's Extract From File reads the export back: the three imported contacts",
				() => {
					// Created in the same second: LeadLex's order among them is its own.
					const byEmail = (a: unknown, b: unknown) =>
						String((a as { email: string }).email).localeCompare((b as { email: string }).email);
					assert.deepEqual(
						jsonOf(outputItems(first, 'Read the export')).sort(byEmail),
						PEOPLE.map((person) => ({ ...person, tags: TAG })).sort(byEmail),
					);
				},
			);

			await sandbox.admin.reset();
			await execute(EXAMPLE, 'Contacts from a spreadsheet: once');
			const second = await execute(EXAMPLE, 'Contacts from a spreadsheet: again');
			const { contacts } = await sandbox.admin.contacts();
			t.check(
				'spreadsheet: run again, Update Existing updates the same three contacts; LeadLex has each once',
				() => {
					expectStatus(second, 'success');
					assert.deepEqual(jsonOf(outputItems(second, 'Import contacts'))[0], {
						...(jsonOf(outputItems(second, 'Import contacts'))[0] as object),
						created_count: 0,
						updated_count: 3,
					});
					for (const person of PEOPLE) {
						assert.equal(
							contacts.filter((contact) => contact.email === person.email).length,
							1,
							person.email,
						);
					}
					assert.equal(outputItems(second, 'Read the export').length, 3);
				},
			);
		},
	},
];
