/**
 * Contract checks for the sandbox's company, note, task and activity routes (docs §9.4, §9.6,
 * §4-7 and the assumptions in README.md "Company, note, task and activity routes"). Plain fetch.
 */
import { JANE, startContractSandbox, T0, TEST_KEYS, type ContractSandbox } from './contractClient';

/** A seeded deal (Harbor Lease Dispute): notes, tasks and activities link only to known deals. */
const HARBOR_DEAL = 'dea10000-0000-4000-8000-000000000002';

const company = (n: number) => `c0c00000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const ACME_LEGAL = company(1);
const ACME_LOGISTICS = company(2);
const NORTHWIND = company(3);
const CEDAR = company(4);
const HARBOR = company(5);
const SUMMIT = company(6);
const T0_ISO = '2026-04-20T09:00:00Z';
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

describe('LeadLex sandbox: companies, notes, tasks, activities', () => {
	let t: ContractSandbox;
	const call: ContractSandbox['call'] = async (...args) => await t.call(...args);
	const ids = (items: Array<{ id: string }>) => items.map((item) => item.id);
	const cleoGarcias = () =>
		t.sb
			.contacts()
			.filter((contact) => contact.full_name === 'Cleo Garcia')
			.map((contact) => contact.id);

	beforeAll(async () => {
		t = await startContractSandbox();
	});
	beforeEach(async () => await t.reset());
	afterAll(async () => await t.close());

	describe('GET /v1/companies', () => {
		test('name A-Z, paged with meta, every documented field', async () => {
			const res = await call('GET', '/v1/companies?per_page=2');
			expect(res.status).toBe(200);
			expect(res.json.meta).toEqual({ page: 1, per_page: 2, total: 6 });
			expect(res.json.data.companies[0]).toEqual({
				id: ACME_LEGAL,
				name: 'Acme Legal LLP',
				industry: 'Legal Services',
				website: 'https://acmelegal.com',
				linkedin_url: null,
				size: '11-50',
				domain: 'acmelegal.com',
				city: 'Boston',
				country: 'US',
				tags: ['referral-partner'],
				created_date: '2024-01-01T09:00:00Z',
				updated_date: '2024-01-01T09:00:00Z',
			});
			const all = await call('GET', '/v1/companies');
			expect(ids(all.json.data.companies)).toEqual([
				ACME_LEGAL,
				ACME_LOGISTICS,
				CEDAR,
				HARBOR,
				NORTHWIND,
				SUMMIT,
			]);
		});

		test('search: part of the name or domain; industry: equal, not case-sensitive', async () => {
			const acme = await call('GET', '/v1/companies?search=ACME');
			expect(ids(acme.json.data.companies)).toEqual([ACME_LEGAL, ACME_LOGISTICS]);
			const byDomain = await call('GET', '/v1/companies?search=northwind.com');
			expect(ids(byDomain.json.data.companies)).toEqual([NORTHWIND]);
			const industry = await call('GET', '/v1/companies?industry=logistics');
			expect(ids(industry.json.data.companies)).toEqual([ACME_LOGISTICS]);
			const part = await call('GET', '/v1/companies?industry=logist');
			expect(part.json.meta.total).toBe(0);
		});

		test('companies:read (or the coarse read); workspaces apart; paging checked', async () => {
			const refused = await call('GET', '/v1/companies', undefined, TEST_KEYS.contactsWrite);
			expect([refused.status, refused.json.error.code]).toEqual([403, 'insufficient_permissions']);
			expect(refused.json.error.message).toContain('companies:read');
			const coarse = await call('GET', '/v1/companies', undefined, t.sb.keys.coarseReadWrite);
			expect(coarse.json.meta.total).toBe(6);
			const other = await call('GET', '/v1/companies', undefined, TEST_KEYS.otherCoarse);
			expect(other.json.data.companies.map((c: { name: string }) => c.name)).toEqual([
				'Brennan Holdings',
			]);
			const bad = await call('GET', '/v1/companies?per_page=101');
			expect([bad.status, bad.json.error.code]).toEqual([400, 'validation_error']);
		});
	});

	describe('POST /v1/enrich/company', () => {
		test('by ID: empty fields filled, one credit taken, the answer as documented', async () => {
			const res = await call('POST', '/v1/enrich/company', { company_id: CEDAR });
			expect(res.status).toBe(200);
			expect(res.json.data).toEqual({
				company: expect.objectContaining({
					id: CEDAR,
					name: 'Cedar Ridge Dental',
					industry: 'Healthcare',
					city: 'Denver',
					updated_date: T0_ISO,
				}),
				fields_updated: ['industry', 'website', 'linkedin_url', 'size', 'city', 'country'],
				source: 'sandbox_provider',
				confidence: 0.92,
				credits_remaining: 24,
			});
			expect(t.sb.crm().enrichCredits).toBe(24);
			expect(t.sb.crm().companies.find((c) => c.id === CEDAR)?.website).toBe(
				'https://cedarridgedental.com',
			);
			expect(t.events()).toEqual([]);
		});

		test('only empty fields unless overwrite; fields[] is a whitelist', async () => {
			const kept = await call('POST', '/v1/enrich/company', { company_id: ACME_LOGISTICS });
			expect(kept.json.data.fields_updated).toEqual(['website', 'size', 'city', 'country']);
			expect(kept.json.data.company.industry).toBe('Logistics');
			const only = await call('POST', '/v1/enrich/company', {
				company_id: ACME_LOGISTICS,
				fields: ['industry'],
				overwrite: true,
			});
			expect(only.json.data.fields_updated).toEqual(['industry']);
			expect(only.json.data.company.industry).toBe('Transportation & Logistics');
			// Nothing left to fill is still a match: a credit each time.
			const again = await call('POST', '/v1/enrich/company', { company_id: ACME_LOGISTICS });
			expect([again.json.data.fields_updated, again.json.data.credits_remaining]).toEqual([[], 22]);
		});

		test('by domain (any case, www. ignored); company_id wins over domain', async () => {
			const res = await call('POST', '/v1/enrich/company', { domain: ' WWW.AcmeLegal.com ' });
			expect(res.json.data.company.id).toBe(ACME_LEGAL);
			expect(res.json.data.fields_updated).toEqual(['linkedin_url']);
			const both = await call('POST', '/v1/enrich/company', {
				company_id: CEDAR,
				domain: 'acmelegal.com',
			});
			expect(both.json.data.company.id).toBe(CEDAR);
		});

		test.each([
			['an unknown domain', { domain: 'unknown-firm.example' }],
			['a company whose domain the provider does not know', { company_id: HARBOR }],
			['a company without a domain', { company_id: SUMMIT }],
		])('%s: 409 no_match, no credit charged', async (_name, body) => {
			const res = await call('POST', '/v1/enrich/company', body);
			expect([res.status, res.json.error.code]).toEqual([409, 'no_match']);
			expect(res.json.error.message).toContain('no credit was charged');
			expect(t.sb.crm().enrichCredits).toBe(25);
		});

		test('404 not_found: an unknown company, or a domain no company of the workspace has', async () => {
			const unknown = await call('POST', '/v1/enrich/company', { company_id: 'co_nope' });
			expect([unknown.status, unknown.json.error.code]).toEqual([404, 'not_found']);
			const elsewhere = await call('POST', '/v1/enrich/company', { domain: 'globex.com' });
			expect([elsewhere.status, elsewhere.json.error.code]).toEqual([404, 'not_found']);
			const otherWs = await call(
				'POST',
				'/v1/enrich/company',
				{ company_id: CEDAR },
				TEST_KEYS.otherCoarse,
			);
			expect(otherWs.status).toBe(404);
			expect(t.sb.crm().enrichCredits).toBe(25);
		});

		test('no credits left: 402 insufficient_credits, nothing changed', async () => {
			t.sb.setEnrichCredits(t.sb.keys.full, 0);
			const res = await call('POST', '/v1/enrich/company', { company_id: CEDAR });
			expect([res.status, res.json.error.code]).toEqual([402, 'insufficient_credits']);
			expect(t.sb.crm().companies.find((c) => c.id === CEDAR)?.industry).toBeNull();
			// The second workspace starts without credits.
			const other = await call(
				'POST',
				'/v1/enrich/company',
				{ domain: 'brennanholdings.com' },
				TEST_KEYS.otherCoarse,
			);
			expect(other.status).toBe(402);
		});

		test.each([
			['neither company_id nor domain', {}, ['company_id', 'domain']],
			['a blank domain', { domain: ' ' }, ['domain']],
			['a field enrichment does not fill', { company_id: CEDAR, fields: ['revenue'] }, ['fields']],
			['an empty whitelist', { company_id: CEDAR, fields: [] }, ['fields']],
			['overwrite not a boolean', { company_id: CEDAR, overwrite: 'yes' }, ['overwrite']],
			['an unknown field', { company_id: CEDAR, company_name: 'x' }, ['company_name']],
		])('%s → 400 validation_error', async (_name, body, fields) => {
			const res = await call('POST', '/v1/enrich/company', body);
			expect([res.status, res.json.error.code]).toEqual([400, 'validation_error']);
			expect(Object.keys(res.json.error.details.fields)).toEqual(fields);
		});

		test('Idempotency-Key: a repeat gets the first answer; one enrichment, one credit', async () => {
			const headers = { 'Idempotency-Key': 'enrich-key-1' };
			const first = await call(
				'POST',
				'/v1/enrich/company',
				{ company_id: CEDAR },
				undefined,
				headers,
			);
			const again = await call(
				'POST',
				'/v1/enrich/company',
				{ company_id: CEDAR },
				undefined,
				headers,
			);
			expect(again).toEqual(first);
			expect(t.sb.crm().enrichCredits).toBe(24);
			t.sb.injectFault({ type: 'lostAnswer' }, { pathIncludes: '/enrich/company' });
			const lost = { 'Idempotency-Key': 'enrich-key-2' };
			await expect(
				call('POST', '/v1/enrich/company', { company_id: ACME_LOGISTICS }, undefined, lost),
			).rejects.toThrow();
			const repeat = await call(
				'POST',
				'/v1/enrich/company',
				{ company_id: ACME_LOGISTICS },
				undefined,
				lost,
			);
			expect(repeat.json.data.credits_remaining).toBe(23);
			expect(t.sb.crm().enrichCredits).toBe(23);
		});

		test('write:enrich (or the coarse write)', async () => {
			const refused = await call(
				'POST',
				'/v1/enrich/company',
				{ company_id: CEDAR },
				TEST_KEYS.contactsWrite,
			);
			expect([refused.status, refused.json.error.message]).toEqual([
				403,
				'This API key is missing the write:enrich permission',
			]);
			const coarse = await call(
				'POST',
				'/v1/enrich/company',
				{ company_id: CEDAR },
				t.sb.keys.coarseReadWrite,
			);
			expect(coarse.status).toBe(200);
		});
	});

	describe('POST /v1/notes', () => {
		test('for a contact: 201 with the note; in the contact’s notes and include=notes', async () => {
			const res = await call('POST', '/v1/notes', {
				title: 'Call recap',
				content: 'Discussed the trust.',
				contact_id: JANE,
				note_type: 'call',
				tags: ['estate', 'estate', 'trust'],
				is_pinned: true,
			});
			expect(res.status).toBe(201);
			expect(res.json.data).toEqual({
				id: expect.stringMatching(/^[0-9a-f-]{36}$/),
				title: 'Call recap',
				content: 'Discussed the trust.',
				note_type: 'call',
				tags: ['estate', 'trust'],
				is_pinned: true,
				contact_id: JANE,
				related_company_id: null,
				deal_id: null,
				created_date: T0_ISO,
				updated_date: T0_ISO,
			});
			const id = res.json.data.id as string;
			const notes = await call('GET', `/v1/contacts/${JANE}/notes`);
			expect(notes.json.data.notes[0]).toEqual({
				id,
				title: 'Call recap',
				content: 'Discussed the trust.',
				note_type: 'call',
				tags: ['estate', 'trust'],
				is_pinned: true,
				created_date: T0_ISO,
				updated_date: T0_ISO,
			});
			expect(notes.json.meta.total).toBe(5);
			const jane = await call('GET', `/v1/contacts/${JANE}?include=notes`);
			expect(jane.json.data.recent_notes[0].id).toBe(id);
			expect(t.sb.crm().notes.map((note) => note.contact_id)).toEqual([JANE]);
			expect(t.events()).toEqual([]);
		});

		test('defaults: general, no tags, not pinned, empty content', async () => {
			const res = await call('POST', '/v1/notes', { title: 'T', deal_id: HARBOR_DEAL });
			expect(res.json.data).toMatchObject({
				content: '',
				note_type: 'general',
				tags: [],
				is_pinned: false,
				deal_id: HARBOR_DEAL,
				contact_id: null,
			});
		});

		test('related_company_id, or the alias company_id; the documented name wins', async () => {
			const alias = await call('POST', '/v1/notes', { title: 'T', company_id: NORTHWIND });
			expect(alias.json.data.related_company_id).toBe(NORTHWIND);
			const both = await call('POST', '/v1/notes', {
				title: 'T',
				related_company_id: CEDAR,
				company_id: NORTHWIND,
			});
			expect(both.json.data.related_company_id).toBe(CEDAR);
		});

		test('contact_name and company_name are fuzzy-matched; an exact name wins', async () => {
			const byName = await call('POST', '/v1/notes', {
				title: 'T',
				contact_name: ' jane  EXAMPLE ',
				company_name: 'acme legal',
			});
			expect(byName.json.data).toMatchObject({ contact_id: JANE, related_company_id: ACME_LEGAL });
			const part = await call('POST', '/v1/notes', { title: 'T', contact_name: 'Jane' });
			expect(part.json.data.contact_id).toBe(JANE);
		});

		test('a name matching several records: 400 ambiguous_reference with the candidates; nothing stored', async () => {
			const companies = await call('POST', '/v1/notes', { title: 'T', company_name: 'Acme' });
			expect(companies.status).toBe(400);
			expect(companies.json.error).toEqual({
				code: 'ambiguous_reference',
				message: 'company_name "Acme" matches 2 companies: send related_company_id instead',
				details: { field: 'company_name', candidates: [ACME_LEGAL, ACME_LOGISTICS] },
			});
			const people = await call('POST', '/v1/notes', { title: 'T', contact_name: 'cleo garcia' });
			expect(people.json.error.code).toBe('ambiguous_reference');
			expect(cleoGarcias().length).toBeGreaterThan(2);
			expect(people.json.error.details.candidates).toEqual(cleoGarcias().slice(0, 50));
			expect(t.sb.crm().notes).toEqual([]);
		});

		test('the ID wins over the name of its kind', async () => {
			const res = await call('POST', '/v1/notes', {
				title: 'T',
				contact_id: JANE,
				contact_name: 'Cleo Garcia',
				related_company_id: CEDAR,
				company_name: 'Acme',
			});
			expect(res.json.data).toMatchObject({ contact_id: JANE, related_company_id: CEDAR });
		});

		test('no parent link: the documented 400; an unmatched name: 400 naming it', async () => {
			const none = await call('POST', '/v1/notes', { title: 'T', content: 'x' });
			expect(none.json).toEqual({
				error: {
					code: 'validation_error',
					message:
						'At least one parent link (contact_id, company_id, deal_id, or event_id) is required',
				},
			});
			const unmatched = await call('POST', '/v1/notes', {
				title: 'T',
				contact_name: 'Nobody Here',
			});
			expect(unmatched.json.error.details.fields).toEqual({
				contact_name: 'No contact matches this name',
			});
		});

		test('an unknown contact, company or deal: 404 not_found (after the body checks)', async () => {
			const contact = await call('POST', '/v1/notes', { title: 'T', contact_id: 'nope' });
			expect([contact.status, contact.json.error.code]).toEqual([404, 'not_found']);
			const other = await call('POST', '/v1/notes', { title: 'T', related_company_id: 'co_x' });
			expect(other.status).toBe(404);
			for (const path of ['/v1/notes', '/v1/tasks', '/v1/activities']) {
				const type = path === '/v1/activities' ? { type: 'call' } : {};
				const deal = await call('POST', path, { title: 'T', ...type, deal_id: 'deal_gone' });
				expect([path, deal.status, deal.json.error.code]).toEqual([path, 404, 'not_found']);
			}
			expect(t.sb.crm().notes).toEqual([]);
			const both = await call('POST', '/v1/notes', { contact_id: 'nope' });
			expect(both.status).toBe(400);
		});

		test('content: at most 50,000 characters (code points)', async () => {
			const long = await call('POST', '/v1/notes', {
				title: 'T',
				deal_id: HARBOR_DEAL,
				content: 'x'.repeat(50_001),
			});
			expect(long.json.error.details.fields).toEqual({ content: 'At most 50000 characters' });
			const emoji = await call('POST', '/v1/notes', {
				title: 'T',
				deal_id: HARBOR_DEAL,
				content: '😀'.repeat(50_000),
			});
			expect(emoji.status).toBe(201);
		});

		test.each([
			['no title', { deal_id: HARBOR_DEAL }, { title: 'Required' }],
			[
				'a note type LeadLex does not know',
				{ title: 'T', deal_id: HARBOR_DEAL, note_type: 'memo' },
				{ note_type: 'Must be one of general, meeting, call, email, other' },
			],
			[
				'tags not a list',
				{ title: 'T', deal_id: HARBOR_DEAL, tags: 'a' },
				{ tags: 'Must be an array of strings' },
			],
			[
				'is_pinned not a boolean',
				{ title: 'T', deal_id: HARBOR_DEAL, is_pinned: 'true' },
				{ is_pinned: 'Must be a boolean' },
			],
			[
				'an unknown field',
				{ title: 'T', deal_id: HARBOR_DEAL, event_id: 'e' },
				{ event_id: 'Unknown field' },
			],
		])('%s → 400 validation_error', async (_name, body, fields) => {
			const res = await call('POST', '/v1/notes', body);
			expect([res.status, res.json.error.code]).toEqual([400, 'validation_error']);
			expect(res.json.error.details.fields).toEqual(fields);
		});

		test.each([
			['a day back: kept', iso(T0 - 24 * HOUR), iso(T0 - 24 * HOUR)],
			['23 h ahead: kept', iso(T0 + 23 * HOUR), iso(T0 + 23 * HOUR)],
			['with an offset: kept as sent', '2026-04-19T11:00:00+02:00', '2026-04-19T11:00:00+02:00'],
			['25 h ahead: replaced', iso(T0 + 25 * HOUR), T0_ISO],
			['more than 5 years back: replaced', '2021-04-19T09:00:00Z', T0_ISO],
			['not a date: replaced', 'yesterday', T0_ISO],
		])('created_date %s', async (_name, sent, kept) => {
			const res = await call('POST', '/v1/notes', {
				title: 'T',
				deal_id: HARBOR_DEAL,
				created_date: sent,
			});
			expect(res.json.data.created_date).toBe(kept);
		});

		test('contacts:write (or the coarse write)', async () => {
			const refused = await call(
				'POST',
				'/v1/notes',
				{ title: 'T', contact_id: JANE },
				TEST_KEYS.contactsRead,
			);
			expect(refused.json.error.message).toBe(
				'This API key is missing the contacts:write permission',
			);
			const coarse = await call(
				'POST',
				'/v1/notes',
				{ title: 'T', contact_id: JANE },
				t.sb.keys.coarseReadWrite,
			);
			expect(coarse.status).toBe(201);
		});
	});

	describe('POST /v1/tasks', () => {
		test('for a contact: 201, assignee_id answered as assigned_to_user_id, task.created fired', async () => {
			const res = await call('POST', '/v1/tasks', {
				title: 'Send the engagement letter',
				description: 'Use the estate template',
				contact_id: JANE,
				status: 'in_progress',
				priority: 'high',
				task_type: 'follow_up',
				due_date: '2026-04-24',
				assignee_id: 'user_7',
			});
			expect(res.status).toBe(201);
			const task = {
				id: expect.stringMatching(/^[0-9a-f-]{36}$/),
				title: 'Send the engagement letter',
				description: 'Use the estate template',
				status: 'in_progress',
				priority: 'high',
				task_type: 'follow_up',
				due_date: '2026-04-24',
				assigned_to_user_id: 'user_7',
				contact_id: JANE,
				deal_id: null,
				event_id: null,
				related_company_id: null,
				created_date: T0_ISO,
			};
			expect(res.json.data).toEqual(task);
			await t.sb.deliveriesSettled();
			expect(t.events()).toEqual([{ event: 'task.created', data: { task: res.json.data } }]);
		});

		test('include=tasks: up to 3 open tasks, soonest due first; completed ones left out', async () => {
			const make = async (title: string, extra: Record<string, unknown>) =>
				(await call('POST', '/v1/tasks', { title, contact_id: JANE, ...extra })).json.data.id;
			const late = await make('late', { due_date: '2026-05-30' });
			await make('done', { status: 'completed', due_date: '2026-04-21' });
			const soon = await make('soon', { due_date: '2026-04-22T10:00:00Z' });
			await make('undated', {});
			const middle = await make('middle', { due_date: '2026-05-01' });
			const jane = await call('GET', `/v1/contacts/${JANE}?include=tasks`);
			expect(ids(jane.json.data.open_tasks)).toEqual([soon, middle, late]);
		});

		test('a deal, an event, or a company by name: accepted as parents', async () => {
			const deal = await call('POST', '/v1/tasks', { title: 'T', deal_id: HARBOR_DEAL });
			const event = await call('POST', '/v1/tasks', { title: 'T', event_id: 'evt-9' });
			const byCompany = await call('POST', '/v1/tasks', {
				title: 'T',
				company_name: 'Acme Logistics',
			});
			expect([deal.status, event.status, byCompany.status]).toEqual([201, 201, 201]);
			expect(byCompany.json.data.related_company_id).toBe(ACME_LOGISTICS);
			const ambiguous = await call('POST', '/v1/tasks', { title: 'T', company_name: 'acme' });
			expect(ambiguous.json.error.code).toBe('ambiguous_reference');
			expect(t.sb.crm().tasks).toHaveLength(3);
		});

		test.each([
			[
				'no parent',
				{ title: 'T' },
				'At least one parent link (contact_id, deal_id, or event_id) is required',
			],
			[
				'a company ID (tasks take none)',
				{ title: 'T', related_company_id: CEDAR },
				'Invalid or unknown fields: related_company_id',
			],
			[
				'a status LeadLex does not know',
				{ title: 'T', deal_id: HARBOR_DEAL, status: 'done' },
				'Invalid or unknown fields: status',
			],
			[
				'a priority LeadLex does not know',
				{ title: 'T', deal_id: HARBOR_DEAL, priority: 'urgent' },
				'Invalid or unknown fields: priority',
			],
			[
				'a due date that is not one',
				{ title: 'T', deal_id: HARBOR_DEAL, due_date: 'tomorrow' },
				'Invalid or unknown fields: due_date',
			],
		])('%s → 400 validation_error', async (_name, body, message) => {
			const res = await call('POST', '/v1/tasks', body);
			expect([res.status, res.json.error.code, res.json.error.message]).toEqual([
				400,
				'validation_error',
				message,
			]);
		});

		test('activities:write (or the coarse write); an unknown contact is 404', async () => {
			const refused = await call(
				'POST',
				'/v1/tasks',
				{ title: 'T', contact_id: JANE },
				TEST_KEYS.contactsWrite,
			);
			expect(refused.json.error.message).toBe(
				'This API key is missing the activities:write permission',
			);
			const unknown = await call('POST', '/v1/tasks', { title: 'T', contact_id: 'nope' });
			expect([unknown.status, unknown.json.error.code]).toEqual([404, 'not_found']);
		});
	});

	describe('POST /v1/activities', () => {
		test('every field: 201 data.activity, activity.created fired', async () => {
			const res = await call('POST', '/v1/activities', {
				type: 'meeting',
				title: 'Discovery call with Jane',
				description: '**Agenda:** the trust',
				contact_id: JANE,
				deal_id: HARBOR_DEAL,
				entity_type: 'campaign',
				entity_id: 'cmp_abc123',
				entity_name: 'Estate Planning Follow-up',
				metadata: { duration_minutes: 30, source: 'n8n' },
			});
			expect(res.status).toBe(201);
			expect(res.json.data.activity).toEqual({
				id: expect.stringMatching(/^act_[0-9a-f-]{36}$/),
				type: 'meeting',
				title: 'Discovery call with Jane',
				description: '**Agenda:** the trust',
				contact_id: JANE,
				deal_id: HARBOR_DEAL,
				entity_type: 'campaign',
				entity_id: 'cmp_abc123',
				entity_name: 'Estate Planning Follow-up',
				metadata: { duration_minutes: 30, source: 'n8n' },
				created_date: T0_ISO,
			});
			await t.sb.deliveriesSettled();
			expect(t.events()).toEqual([
				{ event: 'activity.created', data: { activity: res.json.data.activity } },
			]);
		});

		test('a custom type; no parent needed; title up to 500 characters; metadata up to 8 KB', async () => {
			const metadata = { blob: 'x'.repeat(8192 - '{"blob":""}'.length) };
			const res = await call('POST', '/v1/activities', {
				type: 'court_filing',
				title: 'é'.repeat(500),
				metadata,
			});
			expect(res.status).toBe(201);
			expect(res.json.data.activity).toMatchObject({ type: 'court_filing', contact_id: null });
		});

		test.each([
			['no type', { title: 'T' }, ['type']],
			['a title of 501 characters', { type: 'call', title: 'x'.repeat(501) }, ['title']],
			[
				'metadata over 8 KB',
				{ type: 'call', title: 'T', metadata: { blob: 'é'.repeat(4092) } },
				['metadata'],
			],
			['metadata not an object', { type: 'call', title: 'T', metadata: [1] }, ['metadata']],
			[
				'an entity ID without its type',
				{ type: 'call', title: 'T', entity_id: 'cmp_1' },
				['entity_type'],
			],
			[
				'contact_name (not an activity field)',
				{ type: 'call', title: 'T', contact_name: 'Jane' },
				['contact_name'],
			],
		])('%s → 400 validation_error', async (_name, body, fields) => {
			const res = await call('POST', '/v1/activities', body);
			expect([res.status, res.json.error.code]).toEqual([400, 'validation_error']);
			expect(Object.keys(res.json.error.details.fields)).toEqual(fields);
		});

		test('an unknown contact is 404; activities:write', async () => {
			const unknown = await call('POST', '/v1/activities', {
				type: 'call',
				title: 'T',
				contact_id: 'nope',
			});
			expect([unknown.status, unknown.json.error.code]).toEqual([404, 'not_found']);
			const refused = await call(
				'POST',
				'/v1/activities',
				{ type: 'call', title: 'T' },
				TEST_KEYS.contactsWrite,
			);
			expect(refused.status).toBe(403);
		});
	});

	describe('with the contacts', () => {
		test('merge moves the duplicate’s notes, tasks and activities to the primary and counts them', async () => {
			const [duplicate] = cleoGarcias();
			await call('POST', '/v1/notes', { title: 'N', contact_id: duplicate });
			await call('POST', '/v1/tasks', { title: 'T', contact_id: duplicate });
			await call('POST', '/v1/activities', { type: 'call', title: 'A', contact_id: duplicate });
			const merged = await call('POST', '/v1/contacts/merge', {
				primary_id: JANE,
				duplicate_ids: [duplicate],
			});
			expect(merged.json.data.counts).toMatchObject({ notes: 1, tasks: 1, activities: 1 });
			const crm = t.sb.crm();
			expect([
				crm.notes[0].contact_id,
				crm.tasks[0].contact_id,
				crm.activities[0].contact_id,
			]).toEqual([JANE, JANE, JANE]);
			const jane = await call('GET', `/v1/contacts/${JANE}?include=notes,tasks`);
			expect(jane.json.data.open_tasks).toHaveLength(1);
		});

		test('a deleted contact’s notes, tasks and activities stay, unlinked', async () => {
			await call('POST', '/v1/notes', { title: 'N', contact_id: JANE });
			await call('POST', '/v1/tasks', { title: 'T', contact_id: JANE });
			await call('POST', '/v1/activities', { type: 'call', title: 'A', contact_id: JANE });
			await call('POST', '/v1/contacts/bulk-delete', { contact_ids: [JANE] });
			const crm = t.sb.crm();
			expect([
				crm.notes[0].contact_id,
				crm.tasks[0].contact_id,
				crm.activities[0].contact_id,
			]).toEqual([null, null, null]);
		});
	});

	test('GET /__sandbox/crm: the notes, tasks and activities made, in creation order, unrecorded', async () => {
		const deal = '3f8e1d2c-4b5a-6d7e-8f9a-0b1c2d3e4f5a';
		await call('POST', '/v1/activities', { type: 'call', title: 'A', contact_id: JANE });
		await call('POST', '/v1/notes', { title: 'N1', contact_id: JANE, deal_id: deal });
		await call('POST', '/v1/notes', { title: 'N2', deal_id: deal });
		await call('POST', '/v1/tasks', { title: 'T', deal_id: deal, due_date: '2026-04-24' });
		const recorded = t.sb.requests.length;
		const answer = await fetch(`${t.sb.origin}/__sandbox/crm`);
		expect(answer.status).toBe(200);
		const body = (await answer.json()) as Record<string, Array<Record<string, unknown>>>;
		expect(Object.keys(body).sort()).toEqual(['activities', 'notes', 'tasks']);
		expect(body.activities.map((a) => [a.type, a.contact_id, a.deal_id])).toEqual([
			['call', JANE, null],
		]);
		expect(body.notes.map((n) => [n.title, n.contact_id, n.deal_id])).toEqual([
			['N1', JANE, deal],
			['N2', null, deal],
		]);
		expect(body.tasks.map((task) => [task.contact_id, task.deal_id, task.due_date])).toEqual([
			[null, deal, '2026-04-24'],
		]);
		expect(t.sb.requests).toHaveLength(recorded);
		await t.reset();
		const empty = await (await fetch(`${t.sb.origin}/__sandbox/crm`)).json();
		expect(empty).toEqual({ notes: [], tasks: [], activities: [] });
	});
});
