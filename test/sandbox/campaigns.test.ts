/**
 * Contract checks for the sandbox's campaign routes (docs §8.8-8.18 and the assumptions in
 * README.md "Campaign routes"). Plain fetch, no n8n involved.
 */
import { startSandbox, type Sandbox } from './server';

const T0 = Date.UTC(2026, 3, 20, 9, 0, 0, 0); // 2026-04-20T09:00:00Z
const JANE = '123e4567-e89b-12d3-a456-426614174000';

describe('LeadLex sandbox: campaign routes', () => {
	let sb: Sandbox;

	async function call(method: string, path: string, body?: unknown, key = sb.keys.full) {
		const res = await fetch(`${sb.url}${path}`, {
			method,
			headers: {
				Authorization: `Bearer ${key}`,
				...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON of any shape
		return { status: res.status, json: (await res.json()) as any };
	}

	beforeAll(async () => {
		sb = await startSandbox({ now: () => T0 });
	});
	beforeEach(() => sb.reset());
	afterAll(() => sb.close());

	test('create: 201 {id, name, status: draft, list_id, created_at}; the list is enrolled', async () => {
		const res = await call('POST', '/v1/campaigns', {
			name: 'Q2 Outreach',
			list_id: 'list-uuid-here',
			template: 'Hi {{name}}',
		});
		expect(res.status).toBe(201);
		expect(res.json.data).toEqual({
			id: expect.stringMatching(/^cmp_[0-9a-f]{16}$/),
			name: 'Q2 Outreach',
			status: 'draft',
			list_id: 'list-uuid-here',
			created_at: '2026-04-20T09:00:00Z',
		});
		const contacts = await call('GET', `/v1/campaigns/${res.json.data.id}/contacts`);
		expect(contacts.json.meta).toEqual({ page: 1, per_page: 50, total: 3 });
		expect(sb.campaigns()).toHaveLength(241);
	});

	test.each([
		[{ name: 'X', template: 'T' }, { list_id: 'Required' }],
		[
			{ name: ' ', list_id: 'list_empty', template: 7 },
			{ name: 'Required', template: 'Must be a string' },
		],
		[
			{ name: 'X', list_id: 'list_nope', template: 'T' },
			{ list_id: 'No list with this ID in the workspace' },
		],
	])('create refuses %j with 400 validation_error', async (body, fields) => {
		const res = await call('POST', '/v1/campaigns', body);
		expect(res.status).toBe(400);
		expect(res.json.error).toMatchObject({ code: 'validation_error', details: { fields } });
	});

	test('update: partial, checked, answers data.campaign like GET', async () => {
		const res = await call('PATCH', '/v1/campaigns/cmp_abc123', {
			daily_send_limit: 500,
			send_on_weekends: true,
		});
		expect(res.status).toBe(200);
		const get = await call('GET', '/v1/campaigns/cmp_abc123');
		expect(res.json.data.campaign).toEqual(get.json.data.campaign);
		expect(get.json.data.campaign).toMatchObject({ daily_send_limit: 500, send_on_weekends: true });
		const bad = await call('PATCH', '/v1/campaigns/cmp_abc123', {
			daily_send_limit: 501,
			delay_between_emails: 29,
			sending_timezone: 'Mars/Base',
			track_opens: 'yes',
		});
		expect(bad.json.error.details.fields).toEqual({
			daily_send_limit: 'Must be an integer between 1 and 500',
			delay_between_emails: 'Must be an integer >= 30',
			sending_timezone: 'Must be an IANA time zone, e.g. Europe/Berlin',
			track_opens: 'Must be a boolean',
		});
		expect((await call('PATCH', '/v1/campaigns/cmp_abc123', {})).json.error.code).toBe(
			'validation_error',
		);
		expect((await call('PATCH', '/v1/campaigns/cmp_nope', { name: 'x' })).status).toBe(404);
	});

	test('pause: active only; {id, status: paused, paused_at}; otherwise 409 campaign_not_active', async () => {
		const res = await call('POST', '/v1/campaigns/cmp_abc123/pause');
		expect(res.json).toEqual({
			data: { campaign: { id: 'cmp_abc123', status: 'paused', paused_at: '2026-04-20T09:00:00Z' } },
		});
		const again = await call('POST', '/v1/campaigns/cmp_abc123/pause');
		expect(again.status).toBe(409);
		expect(again.json.error.code).toBe('campaign_not_active');
		expect(
			(await call('POST', '/v1/campaigns/cmp_abc123/pause', undefined, sb.keys.readOnly)).status,
		).toBe(403);
	});

	test('start: paused → active; draft without contacts, active, completed → 400 validation_error', async () => {
		expect((await call('POST', '/v1/campaigns/cmp_paused01/start')).json).toEqual({
			data: { campaign_id: 'cmp_paused01', status: 'active', task_id: null },
		});
		for (const [id, message] of [
			['cmp_abc123', 'Campaign is already running'],
			['cmp_draft01', 'Campaign is empty: it has no contacts'],
			['cmp_gen004', 'Campaign is completed and cannot be started'],
		]) {
			const res = await call('POST', `/v1/campaigns/${id}/start`);
			expect([res.status, res.json.error]).toEqual([400, { code: 'validation_error', message }]);
		}
	});

	test('start: more than 100 contacts → pending_approval with a task_id; then "already running"', async () => {
		const ids = Array.from({ length: 101 }, (_, i) => `c-${i}`);
		await call('POST', '/v1/campaigns/cmp_draft01/contacts', { contact_ids: ids });
		const res = await call('POST', '/v1/campaigns/cmp_draft01/start');
		expect(res.json.data).toEqual({
			campaign_id: 'cmp_draft01',
			status: 'pending_approval',
			task_id: expect.stringMatching(/^task_[0-9a-f]{16}$/),
		});
		expect(sb.campaigns().find((c) => c.id === 'cmp_draft01')?.status).toBe('pending_approval');
		expect((await call('POST', '/v1/campaigns/cmp_draft01/start')).json.error.message).toBe(
			'Campaign is already running (waiting for approval)',
		);
	});

	test('stats: data.stats with the documented counts and rates', async () => {
		const res = await call('GET', '/v1/campaigns/cmp_abc123/stats');
		const stats = res.json.data.stats;
		expect(Object.keys(stats)).toEqual([
			'sent_count',
			'opened_count',
			'clicked_count',
			'replied_count',
			'bounced_count',
			'unsubscribed_count',
			'open_rate',
			'click_rate',
			'reply_rate',
		]);
		expect(stats.open_rate).toBeGreaterThan(0);
		expect(stats.open_rate).toBeLessThanOrEqual(1);
		expect((await call('GET', '/v1/campaigns/cmp_draft01/stats')).json.data.stats.open_rate).toBe(
			0,
		);
	});

	test('events: newest first, documented examples on top, paged with meta, filters', async () => {
		const res = await call('GET', '/v1/campaigns/cmp_abc123/events?per_page=2');
		expect(res.json.meta).toEqual({ page: 1, per_page: 2, total: 260 });
		expect(res.json.data.events.map((e: { id: string }) => e.id)).toEqual([
			'evt_a1b2c3d4',
			'evt_b2c3d4e5',
		]);
		expect(res.json.data.events[0]).toEqual({
			id: 'evt_a1b2c3d4',
			type: 'opened',
			contact_id: JANE,
			email: 'jane@example.com',
			step_id: 'step_1',
			timestamp: '2026-04-17T14:23:05Z',
			metadata: { user_agent: 'Mozilla/5.0', ip_country: 'DE' },
		});
		const filtered = await call(
			'GET',
			`/v1/campaigns/cmp_abc123/events?type=opened&contact_id=${JANE}&from_date=2026-04-17T16:23:05%2B02:00&to_date=2026-04-17T14:23:05Z`,
		);
		expect(filtered.json.data.events.map((e: { id: string }) => e.id)).toEqual(['evt_a1b2c3d4']);
		for (const query of ['type=viewed', 'from_date=yesterday', 'per_page=101']) {
			const bad = await call('GET', `/v1/campaigns/cmp_abc123/events?${query}`);
			expect([bad.status, bad.json.error.code]).toEqual([400, 'validation_error']);
		}
	});

	test('contacts: enrollments newest first with meta; status filter', async () => {
		const res = await call('GET', '/v1/campaigns/cmp_abc123/contacts?page=3&per_page=100');
		expect(res.json.meta).toEqual({ page: 3, per_page: 100, total: 250 });
		expect(res.json.data.contacts).toHaveLength(50);
		expect(res.json.data.contacts.at(-1)).toMatchObject({
			contact_id: JANE,
			email: 'jane@example.com',
		});
		const replied = await call(
			'GET',
			'/v1/campaigns/cmp_abc123/contacts?status=replied&per_page=100',
		);
		expect(
			replied.json.data.contacts.every((c: { status: string }) => c.status === 'replied'),
		).toBe(true);
		expect((await call('GET', '/v1/campaigns/cmp_abc123/contacts?status=done')).status).toBe(400);
	});

	test('add contacts: {added, skipped, contact_ids}; enrolled ones skipped; at most 500', async () => {
		const res = await call('POST', '/v1/campaigns/cmp_abc123/contacts', {
			contact_ids: [JANE, 'n-1', 'n-2', 'n-1'],
			source: 'list:cold-outreach-q2',
		});
		expect(res.json).toEqual({ data: { added: 2, skipped: 2, contact_ids: ['n-1', 'n-2'] } });
		const first = await call('GET', '/v1/campaigns/cmp_abc123/contacts?per_page=1');
		expect(first.json.data.contacts[0]).toEqual({
			contact_id: 'n-2',
			full_name: null,
			email: null,
			status: 'pending',
			current_step: 0,
			added_at: '2026-04-20T09:00:00Z',
			last_sent_at: null,
			source: 'list:cold-outreach-q2',
		});
		const cases: Array<[unknown, number, string]> = [
			[{}, 400, 'missing_required_field'],
			[{ contact_ids: [] }, 400, 'missing_required_field'],
			[{ contact_ids: Array.from({ length: 501 }, (_, i) => `x${i}`) }, 400, 'too_many_contacts'],
			[{ contact_ids: ['a', 3] }, 400, 'validation_error'],
			[{ contact_ids: 'a' }, 400, 'validation_error'],
		];
		for (const [body, status, code] of cases) {
			const bad = await call('POST', '/v1/campaigns/cmp_abc123/contacts', body);
			expect([bad.status, bad.json.error.code]).toEqual([status, code]);
		}
		expect(
			(await call('POST', '/v1/campaigns/cmp_nope/contacts', { contact_ids: ['a'] })).status,
		).toBe(404);
	});

	test('the other workspace sees none of these campaigns', async () => {
		for (const [method, path] of [
			['GET', '/v1/campaigns/cmp_abc123/stats'],
			['GET', '/v1/campaigns/cmp_abc123/events'],
			['POST', '/v1/campaigns/cmp_abc123/pause'],
		]) {
			const res = await call(method, path, undefined, sb.keys.otherWorkspace);
			expect([res.status, res.json.error.code]).toEqual([404, 'campaign_not_found']);
		}
	});
});
