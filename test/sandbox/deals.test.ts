/**
 * Contract checks for the sandbox's deal routes (docs §9.3, §4-6, §10 and the assumptions in
 * server.ts 23 / README.md "Deal routes"), Idempotency-Key on bulk delete. Plain fetch, no n8n.
 */
import { JANE, startContractSandbox, T0, type ContractSandbox } from './contractClient';
import { defaultSeed, OTHER_WORKSPACE_ID, startSandbox } from './server';

const JANE_DEAL = '3f8e1d2c-4b5a-6d7e-8f9a-0b1c2d3e4f5a';
const HARBOR = 'dea10000-0000-4000-8000-000000000002';
const NORTHWIND = 'dea10000-0000-4000-8000-000000000003';
const WRONGFUL = 'dea10000-0000-4000-8000-000000000004';
const TRUST = 'dea10000-0000-4000-8000-000000000005';
/** Enrolled in cmp_abc123 (seeded): Harbor's contact. */
const CLEO = 'c0de0001-0000-4000-8000-000000000002';
const T0_ISO = '2026-04-20T09:00:00Z';
const LIST_FIELDS = [
	'id',
	'name',
	'stage',
	'status',
	'pipeline',
	'estimated_value',
	'main_contact_id',
	'owner_user_id',
	'priority',
	'matter_type',
	'tags',
	'related_company_id',
	'high_level_description',
	'next_follow_up_date',
	'fee_model',
	'probability',
	'currency',
	'closed_date',
	'created_date',
	'updated_date',
];
/** A test-only key of the second workspace with the deal scopes (added to the seed below). */
const TEST_DEAL_KEYS = { otherWorkspace: 'wbk_test_deals_other_000000000000000001' };
const EXTRA_FIELDS = ['notes', 'relationship_partner_id', 'matter_lead_id', 'team_member_ids'];

describe('LeadLex sandbox: deal routes', () => {
	let t: ContractSandbox;
	const call: ContractSandbox['call'] = async (...args) => await t.call(...args);
	const ids = (items: Array<{ id: string }>) => items.map((item) => item.id);

	beforeAll(async () => {
		t = await startContractSandbox();
	});
	beforeEach(async () => await t.reset());
	afterAll(async () => await t.close());

	async function create(body: Record<string, unknown>): Promise<Record<string, unknown>> {
		const res = await call('POST', '/v1/deals', body);
		expect(res.status).toBe(201);
		return res.json.data;
	}

	describe('list', () => {
		test('newest first, the list page’s twenty fields, status active, paged with meta', async () => {
			const res = await call('GET', '/v1/deals?per_page=2');
			expect(res.status).toBe(200);
			expect(res.json.meta).toEqual({ page: 1, per_page: 2, total: 5 });
			expect(ids(res.json.data.deals)).toEqual([TRUST, JANE_DEAL]);
			expect(Object.keys(res.json.data.deals[1])).toEqual(LIST_FIELDS);
			expect(res.json.data.deals[1]).toMatchObject({
				name: 'Example Estate Plan',
				status: 'active',
				main_contact_id: JANE,
				tags: ['estate-planning', 'referral'],
			});
			const rest = await call('GET', '/v1/deals?per_page=2&page=3');
			expect(ids(rest.json.data.deals)).toEqual([WRONGFUL]);
			expect((await call('GET', '/v1/deals?page=4&per_page=2')).json.data.deals).toEqual([]);
		});

		test.each([
			['status=won', [NORTHWIND]],
			['status=active', [TRUST, JANE_DEAL, HARBOR]],
			['pipeline=estate%20planning', [TRUST, JANE_DEAL]],
			['stage=closed', [NORTHWIND, WRONGFUL]],
			[`contact_id=${JANE}`, [TRUST, JANE_DEAL]],
			['owner_user_id=user_partner_01', [JANE_DEAL, NORTHWIND]],
			['tags=estate-planning', [TRUST, JANE_DEAL]],
			['tags=estate-planning,referral', [JANE_DEAL]],
			['tags=estate-planning,%20litigation', []],
			['created_after=2026-03-16T10:30:00Z', [TRUST]],
			['created_before=2026-02-02T09:00:00Z', [NORTHWIND, WRONGFUL]],
			['updated_after=2026-03-31T17:00:00Z', [TRUST, JANE_DEAL]],
			['created_after=2026-03-16T06:30:00-04:00&status=active', [TRUST]],
			['search=northwind', [TRUST, JANE_DEAL, HARBOR, NORTHWIND, WRONGFUL]],
		])('?%s', async (query, expected) => {
			const res = await call('GET', `/v1/deals?${query}`);
			expect(res.status).toBe(200);
			expect(ids(res.json.data.deals)).toEqual(expected);
			expect(res.json.meta.total).toBe(expected.length);
		});

		test.each([
			['status=open', 'status'],
			['created_after=yesterday', 'created_after'],
			['created_before=', 'created_before'],
			['updated_after=soon', 'updated_after'],
			['per_page=101', 'per_page'],
		])('?%s → 400 validation_error naming %s', async (query, field) => {
			const res = await call('GET', `/v1/deals?${query}`);
			expect([res.status, res.json.error.code]).toEqual([400, 'validation_error']);
			expect(Object.keys(res.json.error.details.fields)).toEqual([field]);
		});
	});

	describe('get', () => {
		test('data.deal: the list fields and the create-only ones; active shown as open (§10)', async () => {
			const res = await call('GET', `/v1/deals/${JANE_DEAL}`);
			expect(res.status).toBe(200);
			expect(Object.keys(res.json.data)).toEqual(['deal']);
			expect(Object.keys(res.json.data.deal)).toEqual([...LIST_FIELDS, ...EXTRA_FIELDS]);
			expect(res.json.data.deal).toMatchObject({
				id: JANE_DEAL,
				status: 'open',
				team_member_ids: ['user_associate_02', 'user_paralegal_03'],
			});
			const won = await call('GET', `/v1/deals/${NORTHWIND}`);
			expect(won.json.data.deal.status).toBe('won');
		});

		test('an unknown deal → 404 not_found', async () => {
			const res = await call('GET', '/v1/deals/nope');
			expect([res.status, res.json.error.code]).toEqual([404, 'not_found']);
		});
	});

	describe('create', () => {
		test('201; the deal object in data with the response names; status active by default; deal.created', async () => {
			const data = await create({
				name: 'New Matter',
				contact_id: JANE,
				owner_id: 'user_1',
				deal_type: 'litigation',
				related_company_id: 'co_1',
				description: 'A dispute',
				follow_up_date: '2026-05-01T09:00:00-04:00',
				estimated_value: 99.5,
				probability: 10,
				currency: 'USD',
				tags: ['a'],
				team_member_ids: ['u1'],
				notes: 'n',
			});
			expect(Object.keys(data)).toEqual([...LIST_FIELDS, ...EXTRA_FIELDS]);
			expect(data).toMatchObject({
				name: 'New Matter',
				status: 'active',
				main_contact_id: JANE,
				owner_user_id: 'user_1',
				matter_type: 'litigation',
				related_company_id: 'co_1',
				high_level_description: 'A dispute',
				next_follow_up_date: '2026-05-01T09:00:00-04:00',
				closed_date: null,
				created_date: T0_ISO,
				updated_date: T0_ISO,
				notes: 'n',
				team_member_ids: ['u1'],
			});
			expect(t.events()).toEqual([{ event: 'deal.created', data: { deal: data } }]);
			const listed = await call('GET', '/v1/deals?per_page=1');
			expect(listed.json.data.deals[0].id).toBe(data.id);
		});

		test('the response names are accepted as aliases; a won deal is closed now', async () => {
			const data = await create({
				name: 'Aliased',
				main_contact_id: CLEO,
				owner_user_id: 'user_2',
				matter_type: 'm&a',
				company_id: 'co_2',
				status: 'won',
			});
			expect(data).toMatchObject({
				main_contact_id: CLEO,
				owner_user_id: 'user_2',
				matter_type: 'm&a',
				related_company_id: 'co_2',
				status: 'won',
				closed_date: T0_ISO,
			});
			// The same value under both names is one value.
			await create({ name: 'Both', contact_id: CLEO, main_contact_id: CLEO });
		});

		test.each<[string, Record<string, unknown>, Record<string, string>]>([
			['no name', { stage: 'x' }, { name: 'Required' }],
			['a blank name', { name: '  ' }, { name: 'Required' }],
			['an unknown field', { name: 'A', id: 'x' }, { id: 'Unknown field' }],
			[
				'a field and its alias with different values',
				{ name: 'A', contact_id: JANE, main_contact_id: CLEO },
				{ main_contact_id: 'Conflicts with contact_id' },
			],
			[
				'a contact of no one',
				{ name: 'A', contact_id: 'ghost' },
				{ contact_id: 'Not a contact of this workspace' },
			],
			[
				'bad values',
				{
					name: 'A',
					status: 'open',
					priority: 'asap',
					fee_model: 'barter',
					probability: 101,
					estimated_value: -1,
					currency: 'usd',
					follow_up_date: 'soon',
					tags: 'a',
					team_member_ids: [''],
					stage: 3,
				},
				{
					status: 'Must be one of active, won, lost',
					priority: 'Must be one of low, medium, high, urgent',
					fee_model: 'Must be one of hourly, fixed, contingency, retainer',
					probability: 'Must be an integer between 0 and 100',
					estimated_value: 'Must be a number >= 0',
					currency: 'Must be a three-letter ISO 4217 code, e.g. USD',
					follow_up_date: 'Must be an ISO 8601 date or date-time',
					tags: 'Must be an array of strings',
					team_member_ids: 'Must be an array of IDs',
					stage: 'Must be a string',
				},
			],
		])('refuses %s with 400 validation_error naming the fields', async (_name, body, fields) => {
			const res = await call('POST', '/v1/deals', body);
			expect([res.status, res.json.error.code]).toEqual([400, 'validation_error']);
			expect(res.json.error.details.fields).toEqual(fields);
			expect(t.events()).toEqual([]);
		});
	});

	describe('update', () => {
		test('only the fields given change; tags replace; closed when won, reopened when active; deal.updated', async () => {
			t.setNow(T0 + 3_600_000);
			const res = await call('PATCH', `/v1/deals/${JANE_DEAL}`, {
				tags: ['vip'],
				status: 'won',
				owner_user_id: 'user_9',
			});
			expect(res.status).toBe(200);
			expect(res.json.data).toMatchObject({
				id: JANE_DEAL,
				name: 'Example Estate Plan',
				tags: ['vip'],
				status: 'won',
				owner_user_id: 'user_9',
				closed_date: '2026-04-20T10:00:00Z',
				updated_date: '2026-04-20T10:00:00Z',
			});
			const reopened = await call('PATCH', `/v1/deals/${JANE_DEAL}`, { status: 'active' });
			expect(reopened.json.data).toMatchObject({ status: 'active', closed_date: null });
			expect(t.events().map((e) => e.event)).toEqual(['deal.updated', 'deal.updated']);
			expect(t.events()[1].data).toEqual({ deal: reopened.json.data });
		});

		test('an unknown deal → 404 not_found, before the body is checked', async () => {
			const res = await call('PATCH', '/v1/deals/nope', { status: 'open' });
			expect([res.status, res.json.error.code]).toEqual([404, 'not_found']);
		});

		test.each<[string, Record<string, unknown>]>([
			['an empty body', {}],
			['a blank name', { name: ' ' }],
			['a bad status', { status: 'open' }],
			['an unknown field', { closed_date: 'x' }],
		])('refuses %s with 400 validation_error', async (_name, body) => {
			const res = await call('PATCH', `/v1/deals/${JANE_DEAL}`, body);
			expect([res.status, res.json.error.code]).toEqual([400, 'validation_error']);
		});
	});

	describe('delete', () => {
		test('{deleted, id}; gone afterwards; deal.deleted; again → 404 deal_not_found', async () => {
			const res = await call('DELETE', `/v1/deals/${HARBOR}`);
			expect([res.status, res.json]).toEqual([200, { data: { deleted: true, id: HARBOR } }]);
			expect(t.events()).toEqual([{ event: 'deal.deleted', data: { deal: { id: HARBOR } } }]);
			const again = await call('DELETE', `/v1/deals/${HARBOR}`);
			expect([again.status, again.json.error.code]).toEqual([404, 'deal_not_found']);
			expect((await call('GET', `/v1/deals/${HARBOR}`)).status).toBe(404);
		});
	});

	describe('bulk create', () => {
		test('201; data is an array of the created deals; deal.bulk_created', async () => {
			const res = await call('POST', '/v1/deals/bulk', {
				deals: [{ name: 'One' }, { name: 'Two', main_contact_id: JANE }],
			});
			expect(res.status).toBe(201);
			expect(Array.isArray(res.json.data)).toBe(true);
			expect(res.json.data.map((d: { name: string }) => d.name)).toEqual(['One', 'Two']);
			expect(res.json.data[1].main_contact_id).toBe(JANE);
			expect(t.events()).toEqual([
				{ event: 'deal.bulk_created', data: { deals: res.json.data, count: 2 } },
			]);
		});

		test.each<[string, unknown, Record<string, string>]>([
			['no deals', undefined, { deals: 'Required' }],
			['an empty list', [], { deals: 'Must contain 1 to 50 deals (got 0)' }],
			[
				'51 deals',
				Array.from({ length: 51 }, (_, i) => ({ name: `D${i}` })),
				{ deals: 'Must contain 1 to 50 deals (got 51)' },
			],
			[
				'items without a name or with bad values',
				[{ name: 'A' }, { stage: 'x' }, 3, { name: 'B', probability: -1 }],
				{
					'deals[1].name': 'Required',
					'deals[2]': 'Must be an object',
					'deals[3].probability': 'Must be an integer between 0 and 100',
				},
			],
		])('refuses %s; all or nothing', async (_name, deals, fields) => {
			const res = await call('POST', '/v1/deals/bulk', { deals });
			expect([res.status, res.json.error.code]).toEqual([400, 'validation_error']);
			expect(res.json.error.details.fields).toEqual(fields);
			expect((await call('GET', '/v1/deals')).json.meta.total).toBe(5);
		});
	});

	describe('bulk update', () => {
		test('{updated}: unknown IDs skipped, a repeat counted once; tags replace; deal.bulk_updated', async () => {
			const res = await call('PATCH', '/v1/deals/bulk', {
				deal_ids: [JANE_DEAL, TRUST, TRUST, 'ghost'],
				updates: { stage: 'Review', tags: ['q2'] },
			});
			expect([res.status, res.json]).toEqual([200, { data: { updated: 2 } }]);
			const jane = await call('GET', `/v1/deals/${JANE_DEAL}`);
			expect(jane.json.data.deal).toMatchObject({ stage: 'Review', tags: ['q2'] });
			expect(t.events().map((e) => [e.event, e.data.count])).toEqual([['deal.bulk_updated', 2]]);
			const none = await call('PATCH', '/v1/deals/bulk', {
				deal_ids: ['ghost'],
				updates: { stage: 'x' },
			});
			expect(none.json.data).toEqual({ updated: 0 });
			expect(t.events()).toHaveLength(1);
		});

		test.each<[string, Record<string, unknown>, Record<string, string>]>([
			[
				'101 IDs',
				{ deal_ids: Array.from({ length: 101 }, (_, i) => `d${i}`), updates: { stage: 'x' } },
				{ deal_ids: 'At most 100 IDs (got 101)' },
			],
			['no updates', { deal_ids: [JANE_DEAL] }, { updates: 'Required' }],
			['empty updates', { deal_ids: [JANE_DEAL], updates: {} }, { updates: 'Must not be empty' }],
			[
				'a bad update',
				{ deal_ids: [JANE_DEAL], updates: { priority: 'asap' } },
				{ 'updates.priority': 'Must be one of low, medium, high, urgent' },
			],
			[
				'another top-level field',
				{ deal_ids: [JANE_DEAL], updates: { stage: 'x' }, dry_run: true },
				{ dry_run: 'Unknown field' },
			],
		])('refuses %s with 400 validation_error', async (_name, body, fields) => {
			const res = await call('PATCH', '/v1/deals/bulk', body);
			expect([res.status, res.json.error.code]).toEqual([400, 'validation_error']);
			expect(res.json.error.details.fields).toEqual(fields);
		});
	});

	describe('bulk delete', () => {
		test('counts deleted and not found (a repeat once); dry_run deletes nothing; deal.deleted per deal', async () => {
			const dry = await call('POST', '/v1/deals/bulk-delete', {
				deal_ids: [JANE_DEAL, 'ghost'],
				dry_run: true,
			});
			expect(dry.json.data).toEqual({
				deleted_count: 1,
				not_found_count: 1,
				errors: [],
				dry_run: true,
			});
			expect(t.events()).toEqual([]);
			const res = await call('POST', '/v1/deals/bulk-delete', {
				deal_ids: [JANE_DEAL, TRUST, TRUST, 'ghost'],
			});
			expect(res.json.data).toEqual({
				deleted_count: 2,
				not_found_count: 1,
				errors: [],
				dry_run: false,
			});
			expect(t.events().map((e) => e.data.deal.id)).toEqual([JANE_DEAL, TRUST]);
			expect((await call('GET', '/v1/deals')).json.meta.total).toBe(3);
		});

		test('more than 500 IDs, or a dry_run that is not a boolean → 400', async () => {
			const res = await call('POST', '/v1/deals/bulk-delete', {
				deal_ids: Array.from({ length: 501 }, (_, i) => `d${i}`),
				dry_run: 'yes',
			});
			expect(res.json.error.details.fields).toEqual({
				deal_ids: 'At most 500 IDs (got 501)',
				dry_run: 'Must be a boolean',
			});
		});

		test('Idempotency-Key: a repeat gets the kept answer and deletes nothing more', async () => {
			const headers = { 'Idempotency-Key': 'deal-key-1' };
			const body = { deal_ids: [JANE_DEAL, 'ghost'] };
			const first = await call('POST', '/v1/deals/bulk-delete', body, undefined, headers);
			const again = await call('POST', '/v1/deals/bulk-delete', body, undefined, headers);
			expect(again.json).toEqual(first.json);
			expect(first.json.data.deleted_count).toBe(1);
			expect(t.events()).toHaveLength(1);
			const fresh = await call('POST', '/v1/deals/bulk-delete', body, undefined, {
				'Idempotency-Key': 'deal-key-2',
			});
			expect(fresh.json.data).toMatchObject({ deleted_count: 0, not_found_count: 2 });
		});
	});

	describe('permissions', () => {
		test('reads need deals:read, every other route deals:write; the coarse read/write cover them', async () => {
			const routes: Array<[string, string, string, unknown?]> = [
				['GET', '/v1/deals', 'deals:read'],
				['GET', `/v1/deals/${JANE_DEAL}`, 'deals:read'],
				['POST', '/v1/deals', 'deals:write', { name: 'A' }],
				['PATCH', `/v1/deals/${JANE_DEAL}`, 'deals:write', { stage: 'x' }],
				['DELETE', `/v1/deals/${JANE_DEAL}`, 'deals:write'],
				['POST', '/v1/deals/bulk', 'deals:write', { deals: [{ name: 'A' }] }],
				['PATCH', '/v1/deals/bulk', 'deals:write', { deal_ids: [TRUST], updates: { stage: 'x' } }],
				['POST', '/v1/deals/bulk-delete', 'deals:write', { deal_ids: [TRUST] }],
			];
			for (const [method, path, scope, body] of routes) {
				const res = await call(method, path, body, t.sb.keys.readOnly);
				expect([method, path, res.status, res.json.error.message]).toEqual([
					method,
					path,
					403,
					`This API key is missing the ${scope} permission`,
				]);
			}
			for (const [method, path, , body] of routes) {
				const res = await call(method, path, body, t.sb.keys.coarseReadWrite);
				expect([method, path, res.status < 300]).toEqual([method, path, true]);
			}
		});
	});
});

test('deals are per workspace: another workspace’s deal is 404, its list is its own', async () => {
	const seed = defaultSeed();
	const key = TEST_DEAL_KEYS.otherWorkspace;
	seed.apiKeys.push({
		value: key,
		name: key,
		workspaceId: OTHER_WORKSPACE_ID,
		permissions: ['deals:read', 'deals:write'],
		expiresAt: null,
	});
	const sb = await startSandbox({ seed, perWindowLimit: 0, dailyLimit: 0 });
	try {
		const get = async (path: string) => {
			const res = await fetch(`${sb.url}${path}`, { headers: { Authorization: `Bearer ${key}` } });
			// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON of any shape
			return { status: res.status, json: (await res.json()) as any };
		};
		expect((await get(`/v1/deals/${JANE_DEAL}`)).status).toBe(404);
		const list = await get('/v1/deals');
		expect(list.json.data.deals.map((d: { name: string }) => d.name)).toEqual([
			'Brennan Injury Claim',
		]);
	} finally {
		await sb.close();
	}
});
