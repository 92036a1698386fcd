/* eslint-disable @n8n/community-nodes/no-restricted-globals -- the test waits for the queued import's job */
/**
 * Contract checks for the sandbox's import and export routes (docs §9.1, §9.4, §3, §6, §7 and the
 * assumptions in README.md "Import and export routes"). Plain fetch.
 */
import { parseCsv } from './csv';
import { JANE, startContractSandbox, T0, TEST_KEYS, type ContractSandbox } from './contractClient';
import { defaultSeed, startSandbox } from './server';

const HOUR = 3_600_000;
const DEFAULT_COLUMNS =
	'id,full_name,email,phone,job_title,company_name,linkedin_url,tags,created_at';

describe('LeadLex sandbox: imports and the contact export', () => {
	let t: ContractSandbox;
	const call: ContractSandbox['call'] = async (...args) => await t.call(...args);
	const byEmail = (email: string) => t.sb.contacts().filter((c) => c.email === email);

	/** GET /v1/contacts/export as text. */
	async function exportCsv(query = '', key = t.sb.keys.full) {
		const res = await fetch(`${t.sb.url}/v1/contacts/export${query}`, {
			headers: { Authorization: `Bearer ${key}`, Accept: 'text/csv' },
		});
		return { status: res.status, headers: res.headers, text: await res.text() };
	}

	beforeAll(async () => {
		t = await startContractSandbox();
	});
	beforeEach(async () => await t.reset());
	afterAll(async () => await t.close());

	describe('POST /v1/import/contacts', () => {
		test('rows: up to 500 imported at once, 200 with the counts and a job_id; tags added to each; no event', async () => {
			const before = t.sb.contacts().length;
			const res = await call('POST', '/v1/import/contacts', {
				rows: [
					{ full_name: 'Row One', email: 'row.one@example.com', priority: 'high' },
					{ first_name: 'Row', last_name: 'Two', tags: ['vip'] },
				],
				tags: ['import-test'],
			});
			expect(res.status).toBe(200);
			expect(res.json.data).toEqual({
				job_id: expect.stringMatching(/^imp_[0-9a-f]{16}$/),
				status: 'completed',
				created_count: 2,
				updated_count: 0,
				skipped_count: 0,
				errors: [],
			});
			expect(t.sb.contacts()).toHaveLength(before + 2);
			const [one] = byEmail('row.one@example.com');
			expect([one.full_name, one.priority, one.tags]).toEqual(['Row One', 'high', ['import-test']]);
			const two = t.sb.contacts().find((c) => c.full_name === 'Row Two');
			expect(two?.tags).toEqual(['vip', 'import-test']);
			await t.sb.deliveriesSettled();
			expect(t.events().map((e) => e.event)).toEqual([]);
		});

		test('csv: header names LeadLex fields or is mapped; quoted values, CRLF, a byte-order mark; a tags column', async () => {
			const csv =
				'\uFEFFName,E-mail,phone,Tags\r\n' +
				'"Doe, Jane",jane.doe@example.com,+44 20 7946 0958,"a;b"\r\n' +
				'"Quote ""Q"" Person",q@example.com,,\r\n';
			const res = await call('POST', '/v1/import/contacts', {
				csv,
				mapping: { Name: 'full_name', 'E-mail': 'email' },
			});
			expect(res.status).toBe(200);
			expect(res.json.data.created_count).toBe(2);
			const [jane] = byEmail('jane.doe@example.com');
			expect([jane.full_name, jane.phone, jane.tags]).toEqual([
				'Jane Doe',
				'+44 20 7946 0958',
				['a', 'b'],
			]);
			expect(byEmail('q@example.com')[0].full_name).toBe('Quote "Q" Person');
		});

		test('has_header false: columns are numbered from 1 and need a mapping', async () => {
			const without = await call('POST', '/v1/import/contacts', {
				csv: 'A Person,a@example.com\n',
				has_header: false,
			});
			expect(without.status).toBe(400);
			expect(without.json.error.details.fields.mapping).toContain('Required without a header row');
			const res = await call('POST', '/v1/import/contacts', {
				csv: 'A Person,a@example.com\nB Person,b@example.com\n',
				has_header: false,
				mapping: { '1': 'full_name', '2': 'email' },
			});
			expect(res.json.data.created_count).toBe(2);
			expect(byEmail('b@example.com')[0].full_name).toBe('B Person');
		});

		test('update_existing: off, a row matching an email or phone is skipped; on, it updates that contact', async () => {
			const rows = [
				{ full_name: 'Jane Renamed', email: 'JANE@example.com', job_title: 'CLO' },
				{ full_name: 'New Person', email: 'new.person@example.com' },
			];
			const off = await call('POST', '/v1/import/contacts', { rows });
			expect(off.json.data).toMatchObject({ created_count: 1, updated_count: 0, skipped_count: 1 });
			expect(t.sb.contacts().find((c) => c.id === JANE)?.full_name).toBe('Jane Example');
			const on = await call('POST', '/v1/import/contacts', {
				rows: [...rows, { phone: '+1 (555) 01-02', full_name: 'By Phone' }],
				update_existing: true,
				tags: ['refreshed'],
			});
			// Jane by email, the new person (created by the first import) too, a seeded contact by phone.
			expect(on.json.data).toMatchObject({ created_count: 0, updated_count: 3, skipped_count: 0 });
			const jane = t.sb.contacts().find((c) => c.id === JANE)!;
			expect([jane.full_name, jane.job_title, jane.tags]).toEqual([
				'Jane Renamed',
				'CLO',
				['estate-planning', 'refreshed'],
			]);
			expect(byEmail('new.person@example.com')).toHaveLength(1);
			const byPhone = t.sb.contacts().filter((c) => c.full_name === 'By Phone');
			expect(byPhone.map((c) => [c.phone, c.created_date < '2026'])).toEqual([
				['+1 (555) 01-02', true],
			]);
		});

		test('a row that cannot be a contact is skipped with an entry in errors; the others are imported', async () => {
			const res = await call('POST', '/v1/import/contacts', {
				rows: [{ phone: '1' }, { full_name: 'Good' }, { email: 'no-at-sign' }],
			});
			expect(res.json.data).toMatchObject({ created_count: 1, skipped_count: 2 });
			expect(res.json.data.errors).toEqual([
				{ row: 1, code: 'validation_error', message: 'A contact needs a name or an email address' },
				{ row: 3, code: 'validation_error', message: 'email: Must be an email address' },
			]);
		});

		test.each([
			['rows and csv', { rows: [{ full_name: 'A' }], csv: 'full_name\nA\n' }, ['rows', 'csv']],
			['neither', { tags: ['x'] }, ['rows', 'csv']],
			['an unknown body field', { rows: [{ full_name: 'A' }], dry_run: true }, ['dry_run']],
			['an unknown row field', { rows: [{ full_name: 'A', nick: 'a' }] }, ['rows[0].nick']],
			['an empty rows list', { rows: [] }, ['rows']],
			['a mapping to no field', { csv: 'a\n1\n', mapping: { a: 'nickname' } }, ['mapping']],
			['a mapped column the CSV lacks', { csv: 'a\n1\n', mapping: { b: 'email' } }, ['mapping.b']],
			['a CSV without data rows', { csv: 'full_name,email\n' }, ['csv']],
		])(
			'400 validation_error for %s, naming the fields; nothing imported',
			async (_name, body, fields) => {
				const before = t.sb.contacts().length;
				const res = await call('POST', '/v1/import/contacts', body);
				expect(res.status).toBe(400);
				expect(res.json.error.code).toBe('validation_error');
				expect(Object.keys(res.json.error.details.fields)).toEqual(fields);
				expect(t.sb.contacts()).toHaveLength(before);
			},
		);

		test('more than 500 rows: 202 queued with a job_id; imported a moment later, then import.completed', async () => {
			const rows = Array.from({ length: 501 }, (_, i) => ({
				full_name: `Queued ${i + 1}`,
				email: `queued.${i + 1}@example.com`,
			}));
			const before = t.sb.contacts().length;
			const res = await call('POST', '/v1/import/contacts', { rows: [...rows, { phone: '1' }] });
			expect(res.status).toBe(202);
			expect(res.json.data).toEqual({
				job_id: expect.stringMatching(/^imp_/),
				status: 'queued',
				created_count: 0,
				updated_count: 0,
				skipped_count: 0,
				errors: [],
			});
			expect(t.sb.contacts()).toHaveLength(before);
			for (let i = 0; i < 50 && t.events().length === 0; i++) {
				await new Promise((resolve) => setTimeout(resolve, 100));
				await t.sb.deliveriesSettled();
			}
			expect(t.sb.contacts()).toHaveLength(before + 501);
			expect(t.events()).toEqual([
				{
					event: 'import.completed',
					data: {
						job_id: res.json.data.job_id,
						entity_type: 'contacts',
						status: 'completed',
						created_count: 501,
						updated_count: 0,
						skipped_count: 1,
						errors: [
							{
								row: 502,
								code: 'validation_error',
								message: 'A contact needs a name or an email address',
							},
						],
					},
				},
			]);
		});

		test('Idempotency-Key: a repeat gets the first answer (job_id included) and imports nothing', async () => {
			const body = { rows: [{ full_name: 'Once', email: 'once@example.com' }] };
			const headers = { 'Idempotency-Key': 'import-key-1' };
			const first = await call('POST', '/v1/import/contacts', body, undefined, headers);
			const again = await call('POST', '/v1/import/contacts', body, undefined, headers);
			expect(again).toEqual(first);
			expect(byEmail('once@example.com')).toHaveLength(1);
		});

		test('needs contacts:write (403 otherwise)', async () => {
			const res = await call(
				'POST',
				'/v1/import/contacts',
				{ rows: [{ full_name: 'A' }] },
				TEST_KEYS.contactsRead,
			);
			expect(res.status).toBe(403);
			expect(res.json.error.code).toBe('insufficient_permissions');
		});
	});

	describe('POST /v1/import/companies', () => {
		test('rows and csv; a company needs a name; update_existing matches on the domain', async () => {
			const before = t.sb.crm().companies.length;
			const res = await call('POST', '/v1/import/companies', {
				rows: [
					{ name: 'Globex Corporation', domain: 'globex.com', industry: 'Manufacturing' },
					{ domain: 'nameless.com' },
					{ name: 'Acme Again', domain: 'www.AcmeLegal.com' },
				],
				tags: ['imported'],
			});
			expect(res.status).toBe(200);
			expect(res.json.data).toMatchObject({ created_count: 1, updated_count: 0, skipped_count: 2 });
			expect(res.json.data.errors).toEqual([
				{ row: 2, code: 'validation_error', message: 'A company needs a name' },
			]);
			const globex = t.sb.crm().companies.find((c) => c.domain === 'globex.com');
			expect([globex?.name, globex?.industry, globex?.tags]).toEqual([
				'Globex Corporation',
				'Manufacturing',
				['imported'],
			]);
			const csv = await call('POST', '/v1/import/companies', {
				csv: 'name,domain,city\nAcme Legal Partners,acmelegal.com,Cambridge\n',
				update_existing: true,
			});
			expect(csv.json.data).toMatchObject({ created_count: 0, updated_count: 1 });
			const acme = t.sb.crm().companies.find((c) => c.domain === 'acmelegal.com');
			expect([acme?.name, acme?.city]).toEqual(['Acme Legal Partners', 'Cambridge']);
			expect(t.sb.crm().companies).toHaveLength(before + 1);
		});

		test('needs companies:write (the coarse write grants it)', async () => {
			const denied = await call(
				'POST',
				'/v1/import/companies',
				{ rows: [{ name: 'A' }] },
				TEST_KEYS.contactsWrite,
			);
			expect(denied.status).toBe(403);
			const coarse = await call(
				'POST',
				'/v1/import/companies',
				{ rows: [{ name: 'Coarse Co' }] },
				TEST_KEYS.otherCoarse,
			);
			expect(coarse.status).toBe(200);
		});
	});

	describe('GET /v1/contacts/export', () => {
		test('CSV with the default columns, oldest first, as contacts-export.csv', async () => {
			const res = await exportCsv();
			expect(res.status).toBe(200);
			expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
			expect(res.headers.get('content-disposition')).toBe(
				'attachment; filename="contacts-export.csv"',
			);
			const records = parseCsv(res.text);
			expect(records[0].join(',')).toBe(DEFAULT_COLUMNS);
			expect(records).toHaveLength(1 + t.sb.contacts().length);
			expect(records[1]).toEqual([
				JANE,
				'Jane Example',
				'jane@example.com',
				expect.any(String),
				expect.any(String),
				expect.any(String),
				'',
				'estate-planning',
				'2020-01-01T05:01:00Z',
			]);
		});

		test('limit, fields, created_after/created_before, list_id and every repeated tag filter the rows', async () => {
			const limited = parseCsv((await exportCsv('?limit=3&fields=email,full_name')).text);
			expect(limited).toEqual([
				['email', 'full_name'],
				['jane@example.com', 'Jane Example'],
				expect.any(Array),
				expect.any(Array),
			]);
			const list = parseCsv((await exportCsv('?list_id=list-uuid-here&fields=id')).text);
			expect(
				list
					.slice(1)
					.map(([id]) => id)
					.sort(),
			).toEqual([...t.sb.lists().find((l) => l.id === 'list-uuid-here')!.contact_ids].sort());
			await call('POST', '/v1/import/contacts', {
				rows: [
					{ full_name: 'Both Tags', tags: ['x', 'y'] },
					{ full_name: 'One Tag', tags: ['x'] },
				],
			});
			const tagged = parseCsv((await exportCsv('?tag=x&tag=y&fields=full_name')).text);
			expect(tagged).toEqual([['full_name'], ['Both Tags']]);
			const window = parseCsv(
				(
					await exportCsv(
						'?created_after=2026-04-20T08:00:00Z&created_before=2026-04-20T10:00:00Z&fields=full_name',
					)
				).text,
			);
			expect(window.slice(1).flat().sort()).toEqual(['Both Tags', 'One Tag']);
		});

		test.each([
			['limit=0', 'limit'],
			['limit=50001', 'limit'],
			['limit=abc', 'limit'],
			['fields=email,nickname', 'fields'],
			['created_after=yesterday', 'created_after'],
		])('400 validation_error for %s', async (query, field) => {
			const res = await exportCsv(`?${query}`);
			expect(res.status).toBe(400);
			const json = JSON.parse(res.text);
			expect(json.error.code).toBe('validation_error');
			expect(Object.keys(json.error.details.fields)).toEqual([field]);
		});

		test('10 exports per hour per workspace: the 11th is 429 rate_limited until the next hour (Retry-After to it)', async () => {
			t.setNow(T0 + 20 * 60_000);
			for (let i = 0; i < 10; i++) expect((await exportCsv('?limit=1')).status).toBe(200);
			const refused = await exportCsv('?limit=1');
			expect(refused.status).toBe(429);
			expect(JSON.parse(refused.text).error.code).toBe('rate_limited');
			expect(refused.headers.get('retry-after')).toBe(String(40 * 60));
			t.setNow(T0 + HOUR);
			expect((await exportCsv('?limit=1')).status).toBe(200);
		});

		test('needs read:contacts, the export page’s scope (contacts:read alone is 403; the coarse read grants it)', async () => {
			expect((await exportCsv('', TEST_KEYS.contactsRead)).status).toBe(403);
			expect((await exportCsv('', TEST_KEYS.otherCoarse)).status).toBe(200);
		});
	});

	test('a seed can make up contacts (the benchmark’s 50,000): all exported in one file', async () => {
		const seed = defaultSeed();
		seed.workspaces[0].generatedContacts = 50_000;
		const sb = await startSandbox({ seed, dailyLimit: 0, perWindowLimit: 0 });
		try {
			const res = await fetch(`${sb.url}/v1/contacts/export`, {
				headers: { Authorization: `Bearer ${sb.keys.full}` },
			});
			const text = await res.text();
			const lines = text.split('\r\n').filter(Boolean);
			expect(lines).toHaveLength(1 + 50_000);
			expect(sb.contacts()).toHaveLength(1112 + 50_000);
		} finally {
			await sb.close();
		}
	});
});
