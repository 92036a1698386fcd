import type { INodeParameters } from 'n8n-workflow';
import { runLeadlex } from '../harness';
import {
	CAMPAIGN,
	callSandbox,
	campaignOp,
	campaignPath,
	sentRequests,
	useSandbox,
} from '../fixtures';

const env = useSandbox();

/** The query strings the sandbox received, in order. */
const queries = () => env.sandbox.requests.map((request) => request.rawPath.split('?')[1] ?? '');

/** A canned 200 page of `key` records, with or without `meta`. */
function page(key: string, records: object[], meta?: object) {
	return {
		type: 'response' as const,
		status: 200,
		body: JSON.stringify({ data: { [key]: records }, ...(meta ? { meta } : {}) }),
		contentType: 'application/json',
	};
}
const campaigns = (from: number, to: number) =>
	Array.from({ length: to - from + 1 }, (_, i) => ({
		id: `cmp_x${from + i}`,
		name: `X ${from + i}`,
	}));

describe('Campaign → Get Many', () => {
	test('Limit 50 (the default): one request with per_page=50, one item per campaign as LeadLex sent it', async () => {
		const { sandbox, credentials } = env;
		const expected = (await callSandbox(sandbox, 'GET', '/v1/campaigns?per_page=50')).data
			.campaigns;
		sandbox.requests.length = 0;
		const result = await runLeadlex({ credentials, parameters: campaignOp('getAll') });
		expect(sentRequests(sandbox)).toEqual([['GET', `${campaignPath(sandbox)}?page=1&per_page=50`]]);
		expect(result.items.map((item) => item.json)).toEqual(expected);
		expect(result.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(
			true,
		);
	});

	test.each([
		[30, ['page=1&per_page=30'], 30],
		[150, ['page=1&per_page=100', 'page=2&per_page=100'], 150],
		[250, ['page=1&per_page=100', 'page=2&per_page=100', 'page=3&per_page=100'], 240],
	])('Limit %d asks only for what it needs', async (limit, expectedQueries, count) => {
		const { credentials } = env;
		const result = await runLeadlex({ credentials, parameters: campaignOp('getAll', { limit }) });
		expect(queries()).toEqual(expectedQueries);
		expect(result.items).toHaveLength(count);
	});

	test('Return All: pages of 100 until meta.total (3 requests for 240 campaigns), no repeats', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: campaignOp('getAll', { returnAll: true, limit: 5 }),
		});
		expect(queries()).toEqual([
			'page=1&per_page=100',
			'page=2&per_page=100',
			'page=3&per_page=100',
		]);
		const ids = result.items.map((item) => item.json.id);
		expect(ids).toHaveLength(240);
		expect(new Set(ids).size).toBe(240);
		expect(new Set(ids)).toEqual(new Set(sandbox.campaigns().map((c) => c.id)));
	});

	test('without meta: stops on a short page; campaigns repeated across pages are dropped', async () => {
		const { sandbox, credentials } = env;
		sandbox.injectFault(page('campaigns', campaigns(1, 100)));
		sandbox.injectFault(page('campaigns', campaigns(96, 195))); // a new campaign pushed 5 back
		sandbox.injectFault(page('campaigns', campaigns(196, 205)));
		const result = await runLeadlex({
			credentials,
			parameters: campaignOp('getAll', { returnAll: true }),
		});
		expect(queries()).toHaveLength(3);
		expect(result.items.map((item) => item.json.id)).toEqual(campaigns(1, 205).map((c) => c.id));
	});

	test('without meta: an empty page ends the list', async () => {
		const { sandbox, credentials } = env;
		sandbox.injectFault(page('campaigns', campaigns(1, 100)));
		sandbox.injectFault(page('campaigns', []));
		const result = await runLeadlex({
			credentials,
			parameters: campaignOp('getAll', { returnAll: true }),
		});
		expect(queries()).toHaveLength(2);
		expect(result.items).toHaveLength(100);
	});

	test('LeadLex ignoring page: stops after 1,000 pages with a clear error', async () => {
		const { sandbox, credentials } = env;
		sandbox.injectFault(page('campaigns', campaigns(1, 100)), undefined, Infinity);
		const result = await runLeadlex({
			credentials,
			parameters: campaignOp('getAll', { returnAll: true }),
		});
		expect(result.error?.message).toBe(
			'LeadLex kept sending pages of campaigns: the node stopped after 1000 pages (100 read)',
		);
		expect(sandbox.requests).toHaveLength(1000);
	}, 60_000);

	test.each([['full'], ['docs-only']] as const)(
		'Search (profile %s): sent to LeadLex and applied to the names here; paging until Limit matches',
		async (profile) => {
			const { sandbox, credentials } = env;
			sandbox.setOptions({ profile });
			const result = await runLeadlex({
				credentials,
				parameters: campaignOp('getAll', { limit: 40, filters: { search: ' Estate ' } }),
			});
			const names = result.items.map((item) => String(item.json.name));
			expect(names).toHaveLength(40);
			expect(names.every((name) => name.toLowerCase().includes('estate'))).toBe(true);
			expect(queries()[0]).toBe('search=estate&page=1&per_page=100');
			// docs-only ignores `search`: 40 matches take more than one page of 100.
			expect(queries().length > 1).toBe(profile === 'docs-only');
		},
	);

	test('a page that fails fails the item, saying how many campaigns had been read', async () => {
		const { sandbox, credentials } = env;
		sandbox.injectFault({ type: 'delay', ms: 0 }, { pathIncludes: 'page=1&' });
		sandbox.injectFault({ type: 'response', status: 503, body: '' }, { pathIncludes: 'page=2&' });
		const result = await runLeadlex({
			credentials,
			parameters: campaignOp('getAll', { returnAll: true }),
		});
		expect(result.error?.message).toBe(
			'LeadLex had a server error (HTTP 503) (on page 2, after 100 campaigns had been read)',
		);
		expect(result.everything).not.toContain(sandbox.keys.full);
	});

	test.each([
		[
			'403 names campaigns:read',
			{ apiKey: 'writeOnly' },
			'The LeadLex API key lacks the campaigns:read permission',
		],
		['401 invalid_key', { apiKey: 'expired' }, 'LeadLex rejected the API key'],
	])('%s', async (_name, { apiKey }, message) => {
		const { sandbox, credentials } = env;
		const key = sandbox.keys[apiKey as keyof typeof sandbox.keys];
		const result = await runLeadlex({
			credentials: { ...credentials, apiKey: key },
			parameters: campaignOp('getAll'),
		});
		expect(result.error?.message).toBe(message);
		expect(result.everything).not.toContain(key);
	});
});

describe('Campaign → Get Events', () => {
	const events = (extra: INodeParameters = {}, campaignId = CAMPAIGN) =>
		campaignOp('getEvents', extra, campaignId);

	test('Return All over 3 pages: every event once, newest first, as LeadLex sent them', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({ credentials, parameters: events({ returnAll: true }) });
		expect(sentRequests(sandbox)).toEqual(
			[1, 2, 3].map((n) => [
				'GET',
				`${campaignPath(sandbox, CAMPAIGN, '/events')}?page=${n}&per_page=100`,
			]),
		);
		expect(result.items).toHaveLength(260);
		expect(result.items[0].json).toEqual({
			id: 'evt_a1b2c3d4',
			type: 'opened',
			contact_id: '123e4567-e89b-12d3-a456-426614174000',
			email: 'jane@example.com',
			step_id: 'step_1',
			timestamp: '2026-04-17T14:23:05Z',
			metadata: { user_agent: 'Mozilla/5.0', ip_country: 'DE' },
		});
		const times = result.items.map((item) => Date.parse(String(item.json.timestamp)));
		expect([...times].sort((a, b) => b - a)).toEqual(times);
	});

	test('Limit 20: one request with per_page=20', async () => {
		const { credentials } = env;
		const result = await runLeadlex({ credentials, parameters: events({ limit: 20 }) });
		expect(queries()).toEqual(['page=1&per_page=20']);
		expect(result.items).toHaveLength(20);
	});

	test("filters: type, contact and dates (ISO 8601 with the workflow time zone's offset)", async () => {
		const { credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: events({
				returnAll: true,
				filters: {
					type: 'opened',
					contactId: ' 123e4567-e89b-12d3-a456-426614174000 ',
					fromDate: '2026-04-01T00:00:00',
					toDate: '2026-04-17T16:00:00.000Z',
				},
			}),
		});
		expect(queries()).toEqual([
			'type=opened&contact_id=123e4567-e89b-12d3-a456-426614174000' +
				'&from_date=2026-04-01T00%3A00%3A00-04%3A00&to_date=2026-04-17T12%3A00%3A00-04%3A00&page=1&per_page=100',
		]);
		expect(result.items.length).toBeGreaterThan(0);
		expect(
			result.items.every(
				(item) =>
					item.json.type === 'opened' &&
					item.json.contact_id === '123e4567-e89b-12d3-a456-426614174000',
			),
		).toBe(true);
	});

	test('a new event arriving while paging pushes one onto the next page: it is output once', async () => {
		const { sandbox, credentials } = env;
		const event = (n: number) => ({
			id: `evt_${n}`,
			type: 'sent',
			timestamp: '2026-04-17T00:00:00Z',
		});
		const first = Array.from({ length: 100 }, (_, i) => event(300 - i));
		const second = Array.from({ length: 100 }, (_, i) => event(201 - i)); // evt_201 again
		sandbox.injectFault(page('events', first, { page: 1, per_page: 100, total: 210 }));
		sandbox.injectFault(page('events', second, { page: 2, per_page: 100, total: 211 }));
		sandbox.injectFault(
			page('events', [event(101), event(100)], { page: 3, per_page: 100, total: 211 }),
		);
		const result = await runLeadlex({ credentials, parameters: events({ returnAll: true }) });
		const ids = result.items.map((item) => item.json.id);
		expect(queries()).toHaveLength(3);
		expect(ids).toHaveLength(201);
		expect(new Set(ids).size).toBe(201);
	});

	const refused: Array<[string, INodeParameters, string]> = [
		[
			'an unknown type from an expression',
			{ filters: { type: '={{ "viewed" }}' } },
			'The Type must be one of sent, delivered, opened, clicked, replied, bounced, unsubscribed, complained, but it is "viewed". Nothing was sent to LeadLex.',
		],
		[
			'a From Date that is not a date',
			{ filters: { fromDate: '={{ "yesterday" }}' } },
			'The From Date must be a date and time such as 2026-04-17T14:30:00, but it is "yesterday". Nothing was sent to LeadLex.',
		],
		[
			'a To Date of February 30',
			{ filters: { toDate: '2026-02-30T10:00:00' } },
			'The To Date must be a date and time such as 2026-04-17T14:30:00, but it is "2026-02-30T10:00:00". Nothing was sent to LeadLex.',
		],
	];
	test.each(refused)('%s fails before any request', async (_name, extra, message) => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({ credentials, parameters: events(extra) });
		expect(result.error?.message).toBe(message);
		expect(sandbox.requests).toHaveLength(0);
	});

	test.each([
		['404 campaign_not_found', 'cmp_nope', 'Campaign "cmp_nope" was not found in LeadLex'],
		[
			'403 names campaigns:read',
			CAMPAIGN,
			'The LeadLex API key lacks the campaigns:read permission',
		],
	])('%s', async (name, campaignId, message) => {
		const { sandbox, credentials } = env;
		const apiKey = name.startsWith('403') ? sandbox.keys.writeOnly : sandbox.keys.full;
		const result = await runLeadlex({
			credentials: { ...credentials, apiKey },
			parameters: events({}, campaignId),
		});
		expect(result.error?.message).toBe(message);
		expect(result.everything).not.toContain(apiKey);
	});
});

describe('Campaign → Get Contacts', () => {
	const contacts = (extra: INodeParameters = {}, campaignId = CAMPAIGN) =>
		campaignOp('getContacts', extra, campaignId);

	test('Return All over 3 pages: every enrollment once, as LeadLex sent them', async () => {
		const { sandbox, credentials } = env;
		const expected = [
			...(
				await callSandbox(sandbox, 'GET', `/v1/campaigns/${CAMPAIGN}/contacts?per_page=100&page=1`)
			).data.contacts,
			...(
				await callSandbox(sandbox, 'GET', `/v1/campaigns/${CAMPAIGN}/contacts?per_page=100&page=2`)
			).data.contacts,
			...(
				await callSandbox(sandbox, 'GET', `/v1/campaigns/${CAMPAIGN}/contacts?per_page=100&page=3`)
			).data.contacts,
		];
		sandbox.requests.length = 0;
		const result = await runLeadlex({ credentials, parameters: contacts({ returnAll: true }) });
		expect(sentRequests(sandbox)).toEqual(
			[1, 2, 3].map((n) => [
				'GET',
				`${campaignPath(sandbox, CAMPAIGN, '/contacts')}?page=${n}&per_page=100`,
			]),
		);
		expect(result.items.map((item) => item.json)).toEqual(expected);
		expect(expected).toHaveLength(250);
		expect(expected[0]).toEqual({
			contact_id: expect.any(String),
			full_name: expect.any(String),
			email: expect.any(String),
			status: expect.any(String),
			current_step: expect.any(Number),
			added_at: expect.any(String),
			last_sent_at: expect.anything(),
			source: 'list:seed',
		});
	});

	test('Status filter and Limit 10: one request', async () => {
		const { credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: contacts({ limit: 10, filters: { status: 'replied' } }),
		});
		expect(queries()).toEqual(['status=replied&page=1&per_page=10']);
		expect(result.items).toHaveLength(10);
		expect(result.items.every((item) => item.json.status === 'replied')).toBe(true);
	});

	test('an enrollment repeated on the next page is output once (by contact_id)', async () => {
		const { sandbox, credentials } = env;
		const row = (n: number) => ({ contact_id: `c_${n}`, status: 'active' });
		sandbox.injectFault(
			page(
				'contacts',
				Array.from({ length: 100 }, (_, i) => row(i)),
			),
		);
		sandbox.injectFault(page('contacts', [row(99), row(100)]));
		const result = await runLeadlex({ credentials, parameters: contacts({ returnAll: true }) });
		expect(result.items.map((item) => item.json.contact_id)).toEqual(
			Array.from({ length: 101 }, (_, i) => `c_${i}`),
		);
	});

	test('an unknown status from an expression fails before any request', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: contacts({ filters: { status: '={{ "done" }}' } }),
		});
		expect(result.error?.message).toBe(
			'The Status must be one of pending, active, paused, completed, bounced, unsubscribed, replied, but it is "done". Nothing was sent to LeadLex.',
		);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('a draft without contacts gives no items and no error', async () => {
		const { credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: contacts({ returnAll: true }, 'cmp_draft01'),
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([]);
	});
});
