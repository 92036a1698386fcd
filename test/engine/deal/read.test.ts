import { runLeadlex, searchList } from '../harness';
import { byId, callSandbox, fromList, sentRequests, useSandbox } from '../fixtures';
import {
	apiPath,
	dealOp,
	HARBOR_DEAL_ID,
	JANE_DEAL_ID,
	JANE_ID,
	NORTHWIND_DEAL_ID,
	SEEDED_DEALS,
	TRUST_DEAL_ID,
} from './fixtures';

const env = useSandbox();

/** Adds `count` deals named `<prefix> <n>` through the sandbox's bulk create (50 per request). */
async function addDeals(count: number, prefix = 'Paged deal') {
	for (let from = 0; from < count; from += 50) {
		const deals = Array.from({ length: Math.min(50, count - from) }, (_, i) => ({
			name: `${prefix} ${from + i + 1}`,
		}));
		await callSandbox(env.sandbox, 'POST', '/v1/deals/bulk', { deals });
	}
	env.sandbox.requests.length = 0;
}

describe('Deal → Get', () => {
	test('Simplify (on by default): at most the ten documented fields', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: dealOp('get', { dealId: fromList(JANE_DEAL_ID) }),
		});
		expect(result.error).toBeUndefined();
		expect(sentRequests(sandbox)).toEqual([['GET', apiPath(sandbox, `/v1/deals/${JANE_DEAL_ID}`)]]);
		expect(result.items).toEqual([
			{
				json: {
					id: JANE_DEAL_ID,
					name: 'Example Estate Plan',
					stage: 'Consultation',
					// LeadLex's Get says open where its other pages say active: shown as sent.
					status: 'open',
					pipeline: 'Estate Planning',
					estimated_value: 4500,
					main_contact_id: JANE_ID,
					priority: 'high',
					next_follow_up_date: '2026-04-24T10:00:00Z',
					updated_date: '2026-04-10T11:00:00Z',
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test('Simplify off: data.deal unchanged', async () => {
		const { sandbox, credentials } = env;
		const expected = (await callSandbox(sandbox, 'GET', `/v1/deals/${NORTHWIND_DEAL_ID}`)).data
			.deal;
		sandbox.requests.length = 0;
		const result = await runLeadlex({
			credentials,
			parameters: dealOp('get', { dealId: byId(NORTHWIND_DEAL_ID), simplify: false }),
		});
		expect(result.items.map((item) => item.json)).toEqual([expected]);
		expect(expected).toMatchObject({ status: 'won', tags: ['m&a', 'corporate'] });
	});

	test('the Deal ID from an input field, one request per item, each paired', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: dealOp('get', { dealId: byId('={{ $json.id }}') }),
			items: [{ id: JANE_DEAL_ID }, { id: TRUST_DEAL_ID }],
		});
		expect(result.items.map((item) => [item.json.id, item.pairedItem])).toEqual([
			[JANE_DEAL_ID, { item: 0 }],
			[TRUST_DEAL_ID, { item: 1 }],
		]);
		expect(sandbox.requests).toHaveLength(2);
	});

	test('an unknown deal (another workspace’s too) is not found, named', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials: { ...credentials, apiKey: sandbox.keys.otherWorkspace },
			parameters: dealOp('get', { dealId: byId(JANE_DEAL_ID) }),
		});
		// The other workspace's key has no deal permission: either answer names what is wrong.
		expect(result.error?.message).toMatch(
			/^(Deal "3f8e1d2c-4b5a-6d7e-8f9a-0b1c2d3e4f5a" was not found in LeadLex \(HTTP 404 not_found\)|The LeadLex API key lacks the deals:read permission)$/,
		);
		const unknown = await runLeadlex({
			credentials,
			parameters: dealOp('get', { dealId: byId('no-such-deal') }),
		});
		expect(unknown.error?.message).toBe(
			'Deal "no-such-deal" was not found in LeadLex (HTTP 404 not_found)',
		);
	});

	test('a Simplify that is not true or false is refused before any request', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: dealOp('get', { dealId: byId(JANE_DEAL_ID), simplify: '={{ "maybe" }}' }),
		});
		expect(result.error?.message).toBe(
			'The Simplify must be true or false, but it is "maybe". Nothing was sent to LeadLex.',
		);
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('Deal → Get Many', () => {
	test('Limit 2: one request of 2, newest first as LeadLex lists them; simplified', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({ credentials, parameters: dealOp('getAll', { limit: 2 }) });
		expect(result.error).toBeUndefined();
		expect(sentRequests(sandbox)).toEqual([
			['GET', `${apiPath(sandbox, '/v1/deals')}?page=1&per_page=2`],
		]);
		expect(result.items.map((item) => item.json.id)).toEqual([TRUST_DEAL_ID, JANE_DEAL_ID]);
		expect(Object.keys(result.items[0].json)).toEqual([
			'id',
			'name',
			'stage',
			'status',
			'pipeline',
			'estimated_value',
			'main_contact_id',
			'priority',
			'next_follow_up_date',
			'updated_date',
		]);
		// The list says active (Get says open).
		expect(result.items[0].json.status).toBe('active');
	});

	test('every filter in LeadLex’s names; the dates with the workflow time zone’s offset; tags comma-separated', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: dealOp('getAll', {
				returnAll: true,
				simplify: false,
				filters: {
					status: 'active',
					pipeline: ' Estate Planning ',
					stage: 'Consultation',
					contactId: byId(JANE_ID),
					ownerUserId: 'user_partner_01',
					tags: 'estate-planning, referral',
					createdAfter: '2026-03-01T00:00:00',
					createdBefore: '2026-03-31T00:00:00Z',
					updatedAfter: '2026-01-01T00:00:00',
				},
			}),
		});
		expect(result.error).toBeUndefined();
		const query = new URL(sandbox.requests[0].rawPath, 'http://x').searchParams;
		expect(Object.fromEntries(query)).toEqual({
			status: 'active',
			pipeline: 'Estate Planning',
			stage: 'Consultation',
			contact_id: JANE_ID,
			owner_user_id: 'user_partner_01',
			tags: 'estate-planning,referral',
			created_after: '2026-03-01T00:00:00-05:00',
			created_before: '2026-03-30T20:00:00-04:00',
			updated_after: '2026-01-01T00:00:00-05:00',
			page: '1',
			per_page: '100',
		});
		expect(result.items.map((item) => item.json.id)).toEqual([JANE_DEAL_ID]);
		// Simplify off: LeadLex's list item unchanged.
		expect(Object.keys(result.items[0].json)).toHaveLength(20);
	});

	test('Return All over pages of 100: every deal once, stopping at meta.total', async () => {
		const { sandbox, credentials } = env;
		await addDeals(230);
		const result = await runLeadlex({
			credentials,
			parameters: dealOp('getAll', { returnAll: true }),
		});
		expect(result.error).toBeUndefined();
		expect(sentRequests(sandbox).map(([, path]) => path.split('?')[1])).toEqual([
			'page=1&per_page=100',
			'page=2&per_page=100',
			'page=3&per_page=100',
		]);
		expect(result.items).toHaveLength(230 + SEEDED_DEALS);
		expect(new Set(result.items.map((item) => item.json.id)).size).toBe(230 + SEEDED_DEALS);
	});

	test('a failed later page says how far it got', async () => {
		const { sandbox, credentials } = env;
		await addDeals(150);
		sandbox.injectFault({ type: 'delay', ms: 0 }, { method: 'GET' });
		sandbox.failNext('GET', '/v1/deals', 503, 'internal_error');
		const result = await runLeadlex({
			credentials,
			parameters: dealOp('getAll', { returnAll: true }),
		});
		expect(result.error?.message).toBe(
			'LeadLex had a server error (HTTP 503) (on page 2, after 100 deals had been read)',
		);
	});

	test.each([
		[
			'a status LeadLex does not take',
			{ status: 'open' },
			'The Status must be one of active, won, lost',
		],
		['a blank pipeline', { pipeline: '' }, 'The Pipeline is empty'],
		['a blank contact', { contactId: byId('') }, 'The Contact ID is empty'],
		['a blank owner', { ownerUserId: ' ' }, 'The Owner User ID is empty'],
		['tags with nothing in them', { tags: ',' }, 'The Tags contain no value'],
		[
			'a date that is not one',
			{ createdBefore: 'soon' },
			'The Created Before must be a date and time such as 2026-04-17T14:30:00, but it is "soon"',
		],
	])('%s: refused before any request', async (_name, filters, message) => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({ credentials, parameters: dealOp('getAll', { filters }) });
		expect(result.error?.message).toContain(message);
		expect(result.error?.message).toContain('Nothing was sent to LeadLex.');
		expect(sandbox.requests).toHaveLength(0);
	});

	test('a Limit below 1 is refused before any request', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({ credentials, parameters: dealOp('getAll', { limit: 0 }) });
		expect(result.error?.message).toBe(
			'The Limit must be a whole number 1 or more, but it is 0. Nothing was sent to LeadLex.',
		);
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('Deal picker (searchDeals)', () => {
	test('entries with status and stage, newest first, one page of 100 per call', async () => {
		const { sandbox, credentials } = env;
		const result = await searchList('searchDeals', { credentials });
		expect(result.results).toEqual([
			{ name: 'Trust Amendment (active, Drafting)', value: TRUST_DEAL_ID },
			{ name: 'Example Estate Plan (active, Consultation)', value: JANE_DEAL_ID },
			{ name: 'Harbor Lease Dispute (active, Discovery)', value: HARBOR_DEAL_ID },
			{ name: 'Northwind Acquisition (won, Closed)', value: NORTHWIND_DEAL_ID },
			{
				name: 'Wrongful Termination Claim (lost, Closed)',
				value: 'dea10000-0000-4000-8000-000000000004',
			},
		]);
		expect(result.paginationToken).toBeUndefined();
		expect(sentRequests(sandbox)).toEqual([
			['GET', `${apiPath(sandbox, '/v1/deals')}?page=1&per_page=100`],
		]);
	});

	test('filtered by name on this side (LeadLex documents no search), page by page', async () => {
		const { sandbox, credentials } = env;
		await addDeals(120, 'Bulk');
		await addDeals(1, 'Estate Litigation');
		// The editor asks for the next page while there is one; deals made in the same second may
		// come in either order, so the calls are followed to the end.
		const results = [];
		let token: string | undefined;
		do {
			const answer = await searchList('searchDeals', {
				credentials,
				filter: results.length ? 'estate' : ' ESTATE ',
				paginationToken: token,
			});
			results.push(...answer.results);
			token = answer.paginationToken;
		} while (token);
		expect(results.map((entry) => entry.name).sort()).toEqual([
			'Estate Litigation 1 (active)',
			'Example Estate Plan (active, Consultation)',
		]);
		expect(results.map((entry) => entry.value)).toContain(JANE_DEAL_ID);
		expect(sandbox.requests.map((request) => request.rawPath.split('?')[1])).toEqual([
			'page=1&per_page=100',
			'page=2&per_page=100',
		]);
	});

	test('a term found only on a later page: one call reads on until a page has a match', async () => {
		const { sandbox, credentials } = env;
		await addDeals(120, 'Bulk');
		const result = await searchList('searchDeals', { credentials, filter: 'harbor' });
		expect(result.results).toEqual([
			{ name: 'Harbor Lease Dispute (active, Discovery)', value: HARBOR_DEAL_ID },
		]);
		expect(result.paginationToken).toBeUndefined();
		expect(sandbox.requests.map((request) => request.rawPath.split('?')[1])).toEqual([
			'page=1&per_page=100',
			'page=2&per_page=100',
		]);
	});

	test('a term found nowhere: at most 5 pages per call, then the next page is offered', async () => {
		const { sandbox, credentials } = env;
		await addDeals(600, 'Bulk');
		const result = await searchList('searchDeals', { credentials, filter: 'no such matter' });
		expect(result.results).toEqual([]);
		expect(result.paginationToken).toBe('6');
		expect(sandbox.requests).toHaveLength(5);
	});

	test('an ID typed in finds that deal', async () => {
		const { credentials } = env;
		const result = await searchList('searchDeals', { credentials, filter: HARBOR_DEAL_ID });
		expect(result.results.map((entry) => entry.value)).toEqual([HARBOR_DEAL_ID]);
	});

	test('a key without deals:read: the permission is named', async () => {
		const { sandbox, credentials } = env;
		await expect(
			searchList('searchDeals', { credentials: { ...credentials, apiKey: sandbox.keys.readOnly } }),
		).rejects.toThrow('The LeadLex API key lacks the deals:read permission');
	});
});
