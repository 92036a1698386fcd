/**
 * Contract checks for the sandbox's contact routes (docs §9.1, §4-6 and the assumptions in
 * README.md "Contact routes"), Idempotency-Key and the lostAnswer fault. Plain fetch, no n8n.
 */
import { JANE, startContractSandbox, T0, TEST_KEYS, type ContractSandbox } from './contractClient';

/** Enrolled in cmp_abc123 (seeded), in no list. */
const CLEO = 'c0de0001-0000-4000-8000-000000000002';
/** The first member of `list-uuid-here`, enrolled nowhere. */
const LIST_MEMBER = 'c0de9001-0000-4000-8000-000000000001';
const SEEDED_CONTACTS = 1112;
const T0_ISO = '2026-04-20T09:00:00Z';
const HOUR = 3_600_000;

describe('LeadLex sandbox: contact routes', () => {
	let t: ContractSandbox;
	const call: ContractSandbox['call'] = async (...args) => await t.call(...args);
	const ids = (items: Array<{ id: string }>) => items.map((item) => item.id);

	beforeAll(async () => {
		t = await startContractSandbox();
	});
	beforeEach(async () => await t.reset());
	afterAll(async () => await t.close());

	async function create(body: Record<string, unknown>): Promise<string> {
		const res = await call('POST', '/v1/contacts', body);
		expect(res.status).toBe(201);
		return res.json.data.id as string;
	}

	async function campaignContact(campaignId: string, contactId: string) {
		const all = [];
		for (let page = 1; page <= 3; page++) {
			const res = await call(
				'GET',
				`/v1/campaigns/${campaignId}/contacts?per_page=100&page=${page}`,
			);
			all.push(...res.json.data.contacts);
		}
		return all.filter((c: { contact_id: string }) => c.contact_id === contactId);
	}

	describe('list', () => {
		test('oldest first in the list view, paged with meta', async () => {
			const res = await call('GET', '/v1/contacts?per_page=2');
			expect(res.status).toBe(200);
			expect(res.json.meta).toEqual({ page: 1, per_page: 2, total: SEEDED_CONTACTS });
			expect(res.json.data.contacts[0]).toEqual({
				id: JANE,
				full_name: 'Jane Example',
				email: 'jane@example.com',
				phone: '+1 555 0101',
				job_title: 'Managing Partner',
				company_name: 'Cedar Ridge Dental',
				linkedin_url: null,
				created_at: '2020-01-01T05:01:00Z',
				updated_date: '2020-01-01T05:01:00Z',
			});
			expect(res.json.data.contacts[1].id).toBe(CLEO);
			const last = await call('GET', '/v1/contacts?per_page=100&page=12');
			expect(last.json.data.contacts).toHaveLength(12);
			expect((await call('GET', '/v1/contacts?page=13&per_page=100')).json.data.contacts).toEqual(
				[],
			);
		});

		test('search: case-insensitive part of the name or the email', async () => {
			const byEmail = await call('GET', '/v1/contacts?search=JANE%40EXAMPLE');
			expect(ids(byEmail.json.data.contacts)).toEqual([JANE]);
			const byName = await call('GET', '/v1/contacts?search=ne%20exam');
			expect(ids(byName.json.data.contacts)).toEqual([JANE]);
			const none = await call('GET', '/v1/contacts?search=nobody-here');
			expect(none.json.meta.total).toBe(0);
		});

		test('list_id: members only; an unknown list gives an empty result', async () => {
			const res = await call('GET', '/v1/contacts?list_id=list-uuid-here');
			expect(ids(res.json.data.contacts)).toEqual(t.sb.lists()[0].contact_ids);
			expect(res.json.meta.total).toBe(3);
			const unknown = await call('GET', '/v1/contacts?list_id=list_nope');
			expect([unknown.status, unknown.json.meta.total]).toEqual([200, 0]);
		});

		test('created_after: strictly after the instant, any offset', async () => {
			const fresh = await create({ full_name: 'New Person' });
			const res = await call('GET', '/v1/contacts?created_after=2026-04-20T10:59:59%2B02:00');
			expect(ids(res.json.data.contacts)).toEqual([fresh]);
			const atT0 = await call('GET', `/v1/contacts?created_after=${T0_ISO}`);
			expect(atT0.json.meta.total).toBe(0);
		});

		test('sort: created_at (default), updated_date, full_name; "-" descending', async () => {
			const fresh = await create({ full_name: 'Aaron Aardvark' });
			const newest = await call('GET', '/v1/contacts?sort=-created_at&per_page=1');
			expect(ids(newest.json.data.contacts)).toEqual([fresh]);
			const updated = await call('GET', '/v1/contacts?sort=-updated_date&per_page=1');
			expect(ids(updated.json.data.contacts)).toEqual([fresh]);
			const byName = await call('GET', '/v1/contacts?sort=full_name&per_page=100');
			const names: string[] = byName.json.data.contacts.map((c: { full_name: string }) =>
				c.full_name.toLowerCase(),
			);
			expect(names[0]).toBe('aaron aardvark');
			expect(names).toEqual([...names].sort());
			const desc = await call('GET', '/v1/contacts?sort=-full_name&per_page=1');
			const last = (desc.json.data.contacts[0].full_name as string).toLowerCase();
			expect(names.every((name) => name <= last)).toBe(true);
		});

		test.each([
			['created_after=yesterday', 'created_after'],
			['sort=email', 'sort'],
			['sort=--created_at', 'sort'],
			['per_page=101', 'per_page'],
			['page=0', 'page'],
		])('?%s → 400 validation_error naming %s', async (query, field) => {
			const res = await call('GET', `/v1/contacts?${query}`);
			expect([res.status, res.json.error.code]).toEqual([400, 'validation_error']);
			expect(Object.keys(res.json.error.details.fields)).toEqual([field]);
		});
	});

	describe('get and notes', () => {
		test('data is the contact itself (GET view)', async () => {
			const res = await call('GET', `/v1/contacts/${JANE}`);
			expect(res.json).toEqual({
				data: {
					id: JANE,
					first_name: 'Jane',
					last_name: 'Example',
					full_name: 'Jane Example',
					email: 'jane@example.com',
					phone: '+1 555 0101',
					job_title: 'Managing Partner',
					company: 'Cedar Ridge Dental',
					related_company_id: null,
					linkedin_url: null,
					priority: 'high',
					tags: ['estate-planning'],
					custom_fields: {},
					created_date: '2020-01-01T05:01:00Z',
					updated_date: '2020-01-01T05:01:00Z',
				},
			});
		});

		test('include: notes → the 3 newest notes; tasks, deals → []; * → all three', async () => {
			const notes = await call('GET', `/v1/contacts/${JANE}?include=notes`);
			expect(ids(notes.json.data.recent_notes)).toEqual([
				'note_jane_4',
				'note_jane_3',
				'note_jane_2',
			]);
			expect(notes.json.data).not.toHaveProperty('open_tasks');
			const some = await call('GET', `/v1/contacts/${JANE}?include=tasks,%20deals`);
			expect(some.json.data).toMatchObject({ open_tasks: [], open_deals: [] });
			expect(some.json.data).not.toHaveProperty('recent_notes');
			const all = await call('GET', `/v1/contacts/${JANE}?include=*`);
			expect(Object.keys(all.json.data).slice(-3)).toEqual([
				'recent_notes',
				'open_tasks',
				'open_deals',
			]);
			const bad = await call('GET', `/v1/contacts/${JANE}?include=notes,emails`);
			expect([bad.status, bad.json.error.code]).toEqual([400, 'validation_error']);
			expect(bad.json.error.details.fields).toHaveProperty('include');
		});

		test('notes: newest first, paged, the documented fields', async () => {
			const res = await call('GET', `/v1/contacts/${JANE}/notes?per_page=3`);
			expect(res.json.meta).toEqual({ page: 1, per_page: 3, total: 4 });
			expect(res.json.data.notes[0]).toEqual({
				id: 'note_jane_4',
				title: 'Follow-up booked',
				content: 'Meeting on 2026-04-24.',
				note_type: 'general',
				tags: [],
				is_pinned: false,
				created_date: '2026-04-10T11:00:00Z',
				updated_date: '2026-04-10T11:00:00Z',
			});
			const page2 = await call('GET', `/v1/contacts/${JANE}/notes?per_page=3&page=2`);
			expect(ids(page2.json.data.notes)).toEqual(['note_jane_1']);
			const none = await call('GET', `/v1/contacts/${CLEO}/notes`);
			expect(none.json).toEqual({ data: { notes: [] }, meta: { page: 1, per_page: 50, total: 0 } });
		});

		test("unknown ID or another workspace's contact → 404 not_found", async () => {
			for (const [path, key] of [
				['/v1/contacts/nope', undefined],
				[`/v1/contacts/nope/notes`, undefined],
				[`/v1/contacts/${JANE}`, TEST_KEYS.otherContacts],
				[`/v1/contacts/${JANE}/notes`, TEST_KEYS.otherContacts],
			]) {
				const res = await call('GET', path as string, undefined, key);
				expect([res.status, res.json.error.code]).toEqual([404, 'not_found']);
			}
			const other = await call('GET', '/v1/contacts', undefined, TEST_KEYS.otherContacts);
			expect(other.json.meta.total).toBe(8);
		});
	});

	describe('create', () => {
		test('201 with the create view; aliases, priority numbers, "Last, First"; contact.created', async () => {
			const res = await call('POST', '/v1/contacts', {
				full_name: 'Doe, Jane',
				email: 'jd@example.org',
				priority: 1,
				company_name: 'Acme LLP',
				company_id: 'co-1',
				tags: ['vip'],
				custom_fields: { matter: 'probate' },
			});
			expect(res.status).toBe(201);
			const data = {
				id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
				first_name: 'Jane',
				last_name: 'Doe',
				full_name: 'Jane Doe',
				email: 'jd@example.org',
				priority: 'high',
				created_date: T0_ISO,
			};
			expect(res.json).toEqual({ data });
			const got = await call('GET', `/v1/contacts/${res.json.data.id}`);
			expect(got.json.data).toMatchObject({
				company: 'Acme LLP',
				related_company_id: 'co-1',
				tags: ['vip'],
				custom_fields: { matter: 'probate' },
				updated_date: T0_ISO,
			});
			expect(t.events()).toEqual([{ event: 'contact.created', data: { contact: res.json.data } }]);
			expect(t.sb.contacts()).toHaveLength(SEEDED_CONTACTS + 1);
		});

		test('names: split on the last space, from first/last, or from the email', async () => {
			const cases: Array<[Record<string, unknown>, [string, string, string]]> = [
				[{ full_name: 'Mary Ann Smith' }, ['Mary Ann', 'Smith', 'Mary Ann Smith']],
				[{ first_name: 'Ann' }, ['Ann', '', 'Ann']],
				[{ first_name: 'Ann', last_name: 'Lee' }, ['Ann', 'Lee', 'Ann Lee']],
				[{ full_name: 'Ann Lee', last_name: 'Li' }, ['Ann', 'Li', 'Ann Lee']],
				[{ email: 'mary.ann-smith@x.org' }, ['Mary Ann', 'Smith', 'Mary Ann Smith']],
			];
			for (const [body, [first, last, full]] of cases) {
				const res = await call('POST', '/v1/contacts', body);
				expect(res.json.data).toMatchObject({
					first_name: first,
					last_name: last,
					full_name: full,
				});
			}
		});

		test('created_date: kept when ISO 8601, ≤ 24 h ahead and ≤ 5 years back; else the server time', async () => {
			const cases: Array<[string, string]> = [
				['2026-04-01T12:00:00Z', '2026-04-01T12:00:00Z'],
				['2026-04-21T08:00:00+00:00', '2026-04-21T08:00:00+00:00'],
				['2026-04-21T10:00:00Z', T0_ISO],
				['2021-04-21T00:00:00Z', '2021-04-21T00:00:00Z'],
				['2021-04-19T00:00:00Z', T0_ISO],
				['last tuesday', T0_ISO],
			];
			for (const [sent, kept] of cases) {
				const res = await call('POST', '/v1/contacts', { full_name: 'X Y', created_date: sent });
				expect([sent, res.json.data.created_date]).toEqual([sent, kept]);
			}
		});

		test('priority: high/medium/low or the numbers 1/2/3', async () => {
			for (const [sent, kept] of [
				['low', 'low'],
				[2, 'medium'],
				[3, 'low'],
				[null, null],
			]) {
				const res = await call('POST', '/v1/contacts', { full_name: 'X Y', priority: sent });
				expect([sent, res.json.data.priority]).toEqual([sent, kept]);
			}
			for (const sent of ['2', 0, 'toString', 'HIGH']) {
				const res = await call('POST', '/v1/contacts', { full_name: 'X Y', priority: sent });
				expect([sent, res.status]).toEqual([sent, 400]);
			}
		});

		test('a duplicate email is created anyway', async () => {
			expect((await call('POST', '/v1/contacts', { email: 'jane@example.com' })).status).toBe(201);
		});

		test.each<[string, unknown, Record<string, string>]>([
			[
				'no name and no email',
				{},
				{ full_name: 'Name or email required', email: 'Name or email required' },
			],
			[
				'blank name and email',
				{ full_name: ' ', email: '' },
				{ full_name: 'Name or email required', email: 'Name or email required' },
			],
			['an unknown field', { full_name: 'A B', nickname: 'AB' }, { nickname: 'Unknown field' }],
			[
				'bad values',
				{
					full_name: 3,
					email: 'not-an-email',
					priority: 'urgent',
					tags: 'a',
					custom_fields: [],
					created_date: 5,
				},
				{
					full_name: 'Must be a string',
					email: 'Must be an email address',
					created_date: 'Must be a string',
					priority: 'Must be high, medium, low, 1, 2 or 3',
					tags: 'Must be an array of strings',
					custom_fields: 'Must be an object',
				},
			],
		])('refuses %s with 400 validation_error', async (_name, body, fields) => {
			const res = await call('POST', '/v1/contacts', body);
			expect([res.status, res.json.error.code]).toEqual([400, 'validation_error']);
			expect(res.json.error.details.fields).toEqual(fields);
			expect(t.sb.contacts()).toHaveLength(SEEDED_CONTACTS);
			expect(t.events()).toEqual([]);
		});
	});

	describe('update', () => {
		test('only the given fields; notes appended; 200 update view; contact.updated', async () => {
			const res = await call('PATCH', `/v1/contacts/${JANE}`, {
				job_title: 'Chief Legal Officer',
				company_name: 'Acme LLP',
				notes: 'Promoted to CLO in Q1 2026',
			});
			const data = {
				id: JANE,
				full_name: 'Jane Example',
				email: 'jane@example.com',
				phone: '+1 555 0101',
				job_title: 'Chief Legal Officer',
				company_name: 'Acme LLP',
				linkedin_url: null,
				updated_date: T0_ISO,
			};
			expect([res.status, res.json]).toEqual([200, { data }]);
			await call('PATCH', `/v1/contacts/${JANE}`, {
				notes: 'Prefers email',
				full_name: 'Smith, Jane',
			});
			const jane = t.sb.contacts().find((c) => c.id === JANE);
			expect(jane).toMatchObject({
				notes: 'Promoted to CLO in Q1 2026\nPrefers email',
				first_name: 'Jane',
				last_name: 'Smith',
				full_name: 'Jane Smith',
				company: 'Acme LLP',
			});
			expect(t.events().map((e) => e.event)).toEqual(['contact.updated', 'contact.updated']);
			expect(t.events()[0].data).toEqual({ contact: data });
		});

		test.each<[string, unknown, Record<string, string> | undefined]>([
			['an empty object', {}, undefined],
			[
				'a field PATCH does not take',
				{ priority: 'high', company: 'X' },
				{ priority: 'Unknown field', company: 'Unknown field' },
			],
			[
				'a non-string value',
				{ phone: 5, notes: null },
				{ phone: 'Must be a string', notes: 'Must be a string' },
			],
			[
				'a bad email or blank name',
				{ email: 'x', full_name: ' ' },
				{ email: 'Must be an email address', full_name: 'Must be a non-empty string' },
			],
		])('refuses %s with 400 validation_error', async (_name, body, fields) => {
			const res = await call('PATCH', `/v1/contacts/${JANE}`, body);
			expect([res.status, res.json.error.code]).toEqual([400, 'validation_error']);
			expect(res.json.error.details?.fields).toEqual(fields);
			expect(t.events()).toEqual([]);
		});

		test('an unknown contact is 404 not_found, before the body is checked', async () => {
			const res = await call('PATCH', '/v1/contacts/nope', {});
			expect([res.status, res.json.error.code]).toEqual([404, 'not_found']);
		});
	});

	describe('bulk create', () => {
		test('201 {created, contacts} in input order; contact.bulk_created with count', async () => {
			const res = await call('POST', '/v1/contacts/bulk', {
				contacts: [
					{ full_name: 'Ann Lee', email: 'ann@example.org', tags: ['a'] },
					{ full_name: 'Bo Chu', company: 'Chu & Co' },
				],
			});
			expect(res.status).toBe(201);
			expect(res.json.data).toEqual({
				created: 2,
				contacts: [
					{ id: expect.any(String), full_name: 'Ann Lee', email: 'ann@example.org' },
					{ id: expect.any(String), full_name: 'Bo Chu', email: null },
				],
			});
			expect(t.events()).toEqual([
				{ event: 'contact.bulk_created', data: { contacts: res.json.data.contacts, count: 2 } },
			]);
			const bo = await call('GET', `/v1/contacts/${res.json.data.contacts[1].id}`);
			expect(bo.json.data).toMatchObject({
				first_name: 'Bo',
				last_name: 'Chu',
				company: 'Chu & Co',
			});
		});

		test('500 contacts are taken; 501, none, or no array → 400 validation_error', async () => {
			const many = (n: number) => Array.from({ length: n }, (_, i) => ({ full_name: `P ${i}` }));
			const ok = await call('POST', '/v1/contacts/bulk', { contacts: many(500) });
			expect([ok.status, ok.json.data.created]).toEqual([201, 500]);
			for (const body of [{ contacts: many(501) }, { contacts: [] }, {}, { contacts: { a: 1 } }]) {
				const res = await call('POST', '/v1/contacts/bulk', body);
				expect([res.status, res.json.error.code]).toEqual([400, 'validation_error']);
				expect(Object.keys(res.json.error.details.fields)).toEqual(['contacts']);
			}
			expect(t.sb.contacts()).toHaveLength(SEEDED_CONTACTS + 500);
		});

		test('every bad item is named (contacts[i].field); nothing is created', async () => {
			const res = await call('POST', '/v1/contacts/bulk', {
				contacts: [
					{ full_name: 'Fine' },
					{ email: 'x@y.org' },
					'Just a name',
					{ full_name: 'B C', first_name: 'B', tags: [1] },
				],
			});
			expect(res.json.error.details.fields).toEqual({
				'contacts[1].full_name': 'Required',
				'contacts[2]': 'Must be an object',
				'contacts[3].first_name': 'Unknown field',
				'contacts[3].tags': 'Must be an array of strings',
			});
			expect(t.sb.contacts()).toHaveLength(SEEDED_CONTACTS);
		});
	});

	describe('bulk delete', () => {
		test('dry run counts and changes nothing; then deletes, one contact.deleted each', async () => {
			const body = { contact_ids: [CLEO, 'nope', CLEO, LIST_MEMBER], dry_run: true };
			const dry = await call('POST', '/v1/contacts/bulk-delete', body);
			expect(dry.json).toEqual({
				data: { deleted_count: 2, not_found_count: 1, errors: [], dry_run: true },
			});
			expect(t.sb.contacts()).toHaveLength(SEEDED_CONTACTS);
			expect(t.events()).toEqual([]);

			const res = await call('POST', '/v1/contacts/bulk-delete', { ...body, dry_run: undefined });
			expect(res.json.data).toEqual({
				deleted_count: 2,
				not_found_count: 1,
				errors: [],
				dry_run: false,
			});
			expect(t.sb.contacts()).toHaveLength(SEEDED_CONTACTS - 2);
			expect(t.events()).toEqual([
				{ event: 'contact.deleted', data: { contact: { id: CLEO } } },
				{ event: 'contact.deleted', data: { contact: { id: LIST_MEMBER } } },
			]);
		});

		test('list memberships go with the contact; campaign enrollments stay, name and email null', async () => {
			await call('POST', '/v1/contacts/bulk-delete', { contact_ids: [JANE, LIST_MEMBER] });
			const list = t.sb.lists().find((l) => l.id === 'list-uuid-here');
			expect(list?.contact_ids).not.toContain(LIST_MEMBER);
			expect(list?.contact_ids).toHaveLength(2);
			expect(await campaignContact('cmp_abc123', JANE)).toEqual([
				expect.objectContaining({
					contact_id: JANE,
					full_name: null,
					email: null,
					status: 'active',
				}),
			]);
			const listed = await call('GET', '/v1/campaigns/cmp_abc123/contacts');
			expect(listed.json.meta.total).toBe(250);
		});

		test('500 IDs are taken; 501, none, non-strings or a non-boolean dry_run → 400', async () => {
			const idsOf = (n: number) => Array.from({ length: n }, (_, i) => `ghost-${i}`);
			const ok = await call('POST', '/v1/contacts/bulk-delete', { contact_ids: idsOf(500) });
			expect(ok.json.data).toMatchObject({ deleted_count: 0, not_found_count: 500 });
			const cases: Array<[unknown, string]> = [
				[{ contact_ids: idsOf(501) }, 'contact_ids'],
				[{ contact_ids: [] }, 'contact_ids'],
				[{}, 'contact_ids'],
				[{ contact_ids: [CLEO, 7] }, 'contact_ids'],
				[{ contact_ids: [CLEO], dry_run: 'yes' }, 'dry_run'],
			];
			for (const [body, field] of cases) {
				const res = await call('POST', '/v1/contacts/bulk-delete', body);
				expect([res.status, res.json.error.code]).toEqual([400, 'validation_error']);
				expect(Object.keys(res.json.error.details.fields)).toEqual([field]);
			}
			expect(t.sb.contacts()).toHaveLength(SEEDED_CONTACTS);
		});
	});

	describe('merge', () => {
		test('fills empty fields, unions tags, moves notes, memberships and enrollments, deletes the duplicates', async () => {
			const primary = await create({ full_name: 'Jane E.', tags: ['vip'] });
			const res = await call('POST', '/v1/contacts/merge', {
				primary_id: primary,
				duplicate_ids: [JANE, LIST_MEMBER],
			});
			expect(res.status).toBe(200);
			expect(res.json.data).toEqual({
				primary: {
					id: primary,
					first_name: 'Jane',
					last_name: 'E.',
					full_name: 'Jane E.',
					email: 'jane@example.com',
					phone: '+1 555 0101',
					job_title: 'Managing Partner',
					company: 'Cedar Ridge Dental',
					related_company_id: null,
					linkedin_url: null,
					priority: null,
					tags: ['vip', 'estate-planning'],
					custom_fields: {},
					created_date: T0_ISO,
					updated_date: T0_ISO,
				},
				merged_ids: [JANE, LIST_MEMBER],
				fields_populated: ['email', 'phone', 'job_title', 'company'],
				counts: { notes: 4, activities: 0, tasks: 0, emails: 0, documents: 0, list_memberships: 1 },
			});
			for (const gone of [JANE, LIST_MEMBER]) {
				expect((await call('GET', `/v1/contacts/${gone}`)).status).toBe(404);
			}
			expect((await call('GET', `/v1/contacts/${primary}/notes`)).json.meta.total).toBe(4);
			expect(t.sb.lists()[0].contact_ids[0]).toBe(primary);
			expect(await campaignContact('cmp_abc123', primary)).toEqual([
				expect.objectContaining({ full_name: 'Jane E.', email: 'jane@example.com' }),
			]);
			expect(await campaignContact('cmp_abc123', JANE)).toEqual([]);
			expect(t.events().slice(1)).toEqual([
				{ event: 'contact.merged', data: { primary_id: primary, merged_id: JANE } },
				{ event: 'contact.merged', data: { primary_id: primary, merged_id: LIST_MEMBER } },
			]);
		});

		test('no doubles: a list or campaign that had both keeps the primary once', async () => {
			await call('POST', '/v1/lists/list_empty/contacts', { contact_ids: [JANE, LIST_MEMBER] });
			const res = await call('POST', '/v1/contacts/merge', {
				primary_id: JANE,
				duplicate_ids: [LIST_MEMBER, CLEO],
			});
			expect(res.json.data.counts.list_memberships).toBe(1);
			const lists = t.sb.lists();
			expect(lists.find((l) => l.id === 'list_empty')?.contact_ids).toEqual([JANE]);
			expect(lists.find((l) => l.id === 'list-uuid-here')?.contact_ids[0]).toBe(JANE);
			const enrolled = await call('GET', '/v1/campaigns/cmp_abc123/contacts');
			expect(enrolled.json.meta.total).toBe(249);
			expect(await campaignContact('cmp_abc123', JANE)).toHaveLength(1);
		});

		test.each<[string, Record<string, unknown>, Record<string, string>]>([
			[
				'21 duplicates',
				{ duplicate_ids: Array.from({ length: 21 }, (_, i) => `d${i}`) },
				{ duplicate_ids: 'At most 20 IDs (got 21)' },
			],
			['no duplicates', { duplicate_ids: [] }, { duplicate_ids: 'Must contain 1 to 20 IDs' }],
			[
				'the primary among them',
				{ duplicate_ids: [CLEO, JANE] },
				{ duplicate_ids: 'Must not contain primary_id' },
			],
			[
				'a repeated duplicate',
				{ duplicate_ids: [CLEO, CLEO] },
				{ duplicate_ids: 'Must not repeat an ID' },
			],
			[
				'a flag the sandbox does not know',
				{ duplicate_ids: [CLEO], overwrite: true },
				{ overwrite: 'Unknown field' },
			],
			['no primary', { primary_id: undefined, duplicate_ids: [CLEO] }, { primary_id: 'Required' }],
		])('refuses %s with 400 validation_error', async (_name, body, fields) => {
			const res = await call('POST', '/v1/contacts/merge', { primary_id: JANE, ...body });
			expect([res.status, res.json.error.code]).toEqual([400, 'validation_error']);
			expect(res.json.error.details.fields).toEqual(fields);
		});

		test('an unknown primary or duplicate → 404 not_found naming it; nothing changes', async () => {
			const primary = await call('POST', '/v1/contacts/merge', {
				primary_id: 'ghost-1',
				duplicate_ids: [CLEO],
			});
			expect([primary.status, primary.json.error.code]).toEqual([404, 'not_found']);
			expect(primary.json.error.message).toContain('ghost-1');
			const duplicate = await call('POST', '/v1/contacts/merge', {
				primary_id: CLEO,
				duplicate_ids: [JANE, 'ghost-2'],
			});
			expect([duplicate.status, duplicate.json.error.message]).toEqual([
				404,
				'No contact with ID ghost-2',
			]);
			expect(t.sb.contacts()).toHaveLength(SEEDED_CONTACTS);
			expect(t.events()).toEqual([]);
		});
	});

	describe('permissions', () => {
		test('reads need contacts:read; writes contacts:write; bulk delete write:contacts', async () => {
			const refusals: Array<[string, string, string, unknown?]> = [
				['GET', '/v1/contacts', 'contacts:read'],
				['GET', `/v1/contacts/${JANE}`, 'contacts:read'],
				['GET', `/v1/contacts/${JANE}/notes`, 'contacts:read'],
				['POST', '/v1/contacts', 'contacts:write', { full_name: 'A B' }],
				['PATCH', `/v1/contacts/${JANE}`, 'contacts:write', { phone: '1' }],
				['POST', '/v1/contacts/bulk', 'contacts:write', { contacts: [{ full_name: 'A' }] }],
				[
					'POST',
					'/v1/contacts/merge',
					'contacts:write',
					{ primary_id: JANE, duplicate_ids: [CLEO] },
				],
				['POST', '/v1/contacts/bulk-delete', 'write:contacts', { contact_ids: [CLEO] }],
			];
			for (const [method, path, scope, body] of refusals) {
				const key = scope === 'contacts:read' ? t.sb.keys.readOnly : TEST_KEYS.contactsRead;
				const res = await call(method, path, body, key);
				expect([method, path, res.status, res.json.error.code]).toEqual([
					method,
					path,
					403,
					'insufficient_permissions',
				]);
				expect(res.json.error.message).toBe(`This API key is missing the ${scope} permission`);
			}
			const bulkDelete = await call(
				'POST',
				'/v1/contacts/bulk-delete',
				{ contact_ids: [CLEO] },
				TEST_KEYS.contactsWrite,
			);
			expect([bulkDelete.status, bulkDelete.json.error.message]).toEqual([
				403,
				'This API key is missing the write:contacts permission',
			]);
			expect(t.sb.contacts()).toHaveLength(SEEDED_CONTACTS);
		});

		test('the coarse read/write key may do everything', async () => {
			const key = t.sb.keys.coarseReadWrite;
			expect((await call('GET', '/v1/contacts', undefined, key)).status).toBe(200);
			const res = await call('POST', '/v1/contacts/bulk-delete', { contact_ids: [CLEO] }, key);
			expect(res.json.data.deleted_count).toBe(1);
		});
	});

	describe('Idempotency-Key', () => {
		const bulkDelete = (key?: string, ids = [CLEO, 'ghost'], apiKey?: string) =>
			call(
				'POST',
				'/v1/contacts/bulk-delete',
				{ contact_ids: ids },
				apiKey,
				key === undefined ? {} : { 'Idempotency-Key': key },
			);

		test('bulk delete: the same key gets the first answer again; applied and fired once', async () => {
			const first = await bulkDelete('key-1');
			expect(first.json.data).toMatchObject({ deleted_count: 1, not_found_count: 1 });
			const again = await bulkDelete('key-1');
			expect(again).toEqual(first);
			const otherBody = await bulkDelete('key-1', [LIST_MEMBER]);
			expect(otherBody).toEqual(first);
			expect(t.sb.contacts()).toHaveLength(SEEDED_CONTACTS - 1);
			expect(t.events()).toHaveLength(1);
			expect(t.sb.requests.map((r) => r.headers['idempotency-key'])).toEqual([
				'key-1',
				'key-1',
				'key-1',
			]);
		});

		test('a different key, or none, is applied again', async () => {
			await bulkDelete('key-1');
			const second = await bulkDelete('key-2');
			expect(second.json.data).toMatchObject({ deleted_count: 0, not_found_count: 2 });
			await bulkDelete(undefined, [LIST_MEMBER]);
			const without = await bulkDelete(undefined, [LIST_MEMBER]);
			expect(without.json.data).toMatchObject({ deleted_count: 0, not_found_count: 1 });
			expect(t.events()).toHaveLength(2);
		});

		test('kept for 24 h on the sandbox clock; then the key applies again', async () => {
			const first = await bulkDelete('key-1');
			t.setNow(T0 + 24 * HOUR - 1);
			expect(await bulkDelete('key-1')).toEqual(first);
			t.setNow(T0 + 24 * HOUR);
			const later = await bulkDelete('key-1');
			expect(later.json.data).toMatchObject({ deleted_count: 0, not_found_count: 2 });
			t.setNow(T0 + 30 * HOUR);
			expect(await bulkDelete('key-1')).toEqual(later);
		});

		test('errors are not kept; a refused key (403) gets no kept answer; per workspace', async () => {
			const refused = await call(
				'POST',
				'/v1/contacts/bulk-delete',
				{ contact_ids: [] },
				undefined,
				{ 'Idempotency-Key': 'key-1' },
			);
			expect(refused.status).toBe(400);
			const applied = await bulkDelete('key-1');
			expect(applied.json.data.deleted_count).toBe(1);
			const denied = await bulkDelete('key-1', undefined, TEST_KEYS.contactsWrite);
			expect(denied.status).toBe(403);
			const other = await bulkDelete(
				'key-1',
				['c0de1001-0000-4000-8000-000000000001'],
				TEST_KEYS.otherContacts,
			);
			expect(other.json.data).toMatchObject({ deleted_count: 1, not_found_count: 0 });
			expect(t.sb.contacts(TEST_KEYS.otherContacts)).toHaveLength(7);
		});

		test('merge: the same key gets the first answer again; no second contact.merged', async () => {
			const headers = { 'Idempotency-Key': '6f1c2d0e-merge' };
			const body = { primary_id: JANE, duplicate_ids: [CLEO] };
			const first = await call('POST', '/v1/contacts/merge', body, undefined, headers);
			expect(first.status).toBe(200);
			t.setNow(T0 + HOUR);
			expect(await call('POST', '/v1/contacts/merge', body, undefined, headers)).toEqual(first);
			const fresh = await call('POST', '/v1/contacts/merge', body);
			expect([fresh.status, fresh.json.error.code]).toEqual([404, 'not_found']);
			expect(t.events().map((e) => e.event)).toEqual(['contact.merged']);
		});

		test('routes without the flag ignore the header', async () => {
			const headers = { 'Idempotency-Key': 'key-1' };
			await call('POST', '/v1/contacts', { full_name: 'A B' }, undefined, headers);
			await call('POST', '/v1/contacts', { full_name: 'A B' }, undefined, headers);
			expect(t.sb.contacts()).toHaveLength(SEEDED_CONTACTS + 2);
		});

		test('reset() forgets the kept answers', async () => {
			await bulkDelete('key-1');
			await t.reset();
			expect((await bulkDelete('key-1')).json.data.deleted_count).toBe(1);
		});
	});

	describe('lostAnswer fault', () => {
		test('the merge is applied, the answer lost (status 0); the same key then gets the answer', async () => {
			t.sb.injectFault({ type: 'lostAnswer' }, { method: 'POST', pathIncludes: '/contacts/merge' });
			const headers = { 'Idempotency-Key': 'lost-1' };
			const body = { primary_id: JANE, duplicate_ids: [CLEO] };
			await expect(call('POST', '/v1/contacts/merge', body, undefined, headers)).rejects.toThrow();
			expect(t.sb.requests.map((r) => r.status)).toEqual([0]);
			expect(t.sb.contacts()).toHaveLength(SEEDED_CONTACTS - 1);
			expect(t.events().map((e) => e.event)).toEqual(['contact.merged']);

			const retry = await call('POST', '/v1/contacts/merge', body, undefined, headers);
			expect(retry.status).toBe(200);
			expect(retry.json.data).toMatchObject({
				merged_ids: [CLEO],
				counts: { list_memberships: 0 },
			});
			expect(t.sb.contacts()).toHaveLength(SEEDED_CONTACTS - 1);
			expect(t.events()).toHaveLength(1);
		});

		test('without a key, the repeat is applied again and fails: the first merge already happened', async () => {
			t.sb.injectFault({ type: 'lostAnswer' });
			const body = { primary_id: JANE, duplicate_ids: [CLEO] };
			await expect(call('POST', '/v1/contacts/merge', body)).rejects.toThrow();
			const retry = await call('POST', '/v1/contacts/merge', body);
			expect([retry.status, retry.json.error.code]).toEqual([404, 'not_found']);
		});

		test('through the admin route too', async () => {
			const res = await fetch(`${t.sb.origin}/__sandbox/faults`, {
				method: 'POST',
				body: JSON.stringify({ fault: { type: 'lostAnswer' }, match: { method: 'GET' } }),
			});
			expect(res.status).toBe(200);
			await expect(call('GET', '/v1/contacts')).rejects.toThrow();
			expect((await call('GET', '/v1/contacts')).status).toBe(200);
		});
	});
});
