import { runLeadlex } from '../harness';
import { callSandbox, sentBodies, sentRequests, useSandbox } from '../fixtures';
import {
	apiPath,
	dealCount,
	dealOp,
	HARBOR_DEAL_ID,
	JANE_DEAL_ID,
	JANE_ID,
	readDeal,
	SEEDED_DEALS,
	TRUST_DEAL_ID,
} from './fixtures';

const env = useSandbox();
const named = (count: number, from = 1) =>
	Array.from({ length: count }, (_, i) => ({ name: `Bulk Deal ${from + i}` }));

/** The IDs of `count` new deals (created through the sandbox), its requests forgotten. */
async function newDealIds(count: number): Promise<string[]> {
	const ids: string[] = [];
	for (let from = 0; from < count; from += 50) {
		const answer = await callSandbox(env.sandbox, 'POST', '/v1/deals/bulk', {
			deals: named(Math.min(50, count - from), from + 1),
		});
		ids.push(...(answer.data as Array<{ id: string }>).map((deal) => deal.id));
	}
	env.sandbox.requests.length = 0;
	return ids;
}

describe('Deal → Create Many', () => {
	test('120 deals: requests of 50, 50 and 20; one item per created deal (LeadLex answers with an array), paired', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: dealOp('createMany', { deals: '={{ $json.deals }}' }),
			items: [{ deals: named(120) }],
		});
		expect(result.error).toBeUndefined();
		expect(sentRequests(sandbox)).toEqual(
			Array(3).fill(['POST', apiPath(sandbox, '/v1/deals/bulk')]),
		);
		expect((sentBodies(sandbox) as Array<{ deals: unknown[] }>).map((b) => b.deals.length)).toEqual(
			[50, 50, 20],
		);
		expect(result.items).toHaveLength(120);
		expect(result.items[119]).toEqual({
			json: expect.objectContaining({ id: expect.any(String), name: 'Bulk Deal 120' }),
			pairedItem: { item: 0 },
		});
		expect(await dealCount(sandbox)).toBe(SEEDED_DEALS + 120);
	});

	test('the deal object’s names for the aliased fields are sent in the create page’s names; values checked and shaped as the form’s', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: dealOp('createMany', {
				deals: JSON.stringify([
					{
						name: ' From Get ',
						main_contact_id: JANE_ID,
						owner_user_id: 'user_1',
						matter_type: 'litigation',
						company_id: 'co_1',
						tags: 'a, b',
						currency: 'eur',
						probability: '40',
					},
					{ name: 'Plain', contact_id: JANE_ID, status: 'won', follow_up_date: '2026-06-01' },
				]),
			}),
		});
		expect(result.error).toBeUndefined();
		expect(sentBodies(sandbox)).toEqual([
			{
				deals: [
					{
						name: 'From Get',
						contact_id: JANE_ID,
						owner_id: 'user_1',
						deal_type: 'litigation',
						related_company_id: 'co_1',
						tags: ['a', 'b'],
						currency: 'EUR',
						probability: 40,
					},
					{
						name: 'Plain',
						contact_id: JANE_ID,
						status: 'won',
						follow_up_date: '2026-06-01T00:00:00-04:00',
					},
				],
			},
		]);
		expect(result.items.map((item) => item.json.main_contact_id)).toEqual([JANE_ID, JANE_ID]);
	});

	test.each([
		[
			'text that is not JSON',
			'[{name:',
			'The Deals must be a list of deals (JSON), but it is text that is not JSON',
		],
		['not a list', '{"name": "A"}', 'The Deals must be a list of deals'],
		['an empty list', '[]', 'The Deals contain no deal'],
		[
			'an entry that is not an object',
			'[{"name": "A"}, 3]',
			'The Deals must contain only deals, but entry 2 is not an object',
		],
		[
			'entries without a name',
			JSON.stringify([{ name: 'A' }, { stage: 'x' }, { name: ' ' }]),
			'The Deals need a name each, but entries 2, 3 have none',
		],
		[
			'a field LeadLex’s create does not take',
			JSON.stringify([{ name: 'A', id: 'x', created_date: 'y' }]),
			"The Deals entry 1 has fields LeadLex's deal create does not take (id, created_date)",
		],
		[
			'a field and its alias',
			JSON.stringify([{ name: 'A', contact_id: 'c1', main_contact_id: 'c2' }]),
			'The Deals entry 1 sets both contact_id and main_contact_id, which LeadLex reads as the same field (contact_id): keep one',
		],
		[
			'a value the form would refuse',
			JSON.stringify([{ name: 'A' }, { name: 'B', probability: 101 }]),
			'The Deals entry 2 probability must be a whole number from 0 to 100, but it is 101',
		],
	])('%s: refused before any request', async (_name, deals, message) => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({ credentials, parameters: dealOp('createMany', { deals }) });
		expect(result.error?.message).toContain(message);
		expect(result.error?.message).toContain('Nothing was sent to LeadLex.');
		expect(sandbox.requests).toHaveLength(0);
	});

	test('a later request that fails says how many were created and that a re-run would create them twice', async () => {
		const { sandbox, credentials } = env;
		sandbox.injectFault({ type: 'delay', ms: 0 }, { method: 'POST', pathIncludes: '/bulk' });
		sandbox.failNext('POST', '/bulk', 400, 'validation_error', 'Invalid deals');
		const result = await runLeadlex({
			credentials,
			parameters: dealOp('createMany', { deals: named(110) }),
		});
		expect(sandbox.requests).toHaveLength(2);
		expect(result.error?.message).toBe(
			'LeadLex refused the request for the new deals (HTTP 400 validation_error): LeadLex said "Invalid deals". 50 deals had already been created by the first 1 of 3 requests; the other 60 deals were not created. Running the item again would create those deals twice: leave the ones already created out of Deals first.',
		);
	});

	test('a lost answer of a later request: that chunk may or may not have been created, the rest not sent', async () => {
		const { sandbox, credentials } = env;
		sandbox.injectFault({ type: 'delay', ms: 0 }, { method: 'POST', pathIncludes: '/bulk' });
		sandbox.injectFault({ type: 'reset' }, { method: 'POST', pathIncludes: '/bulk' });
		const result = await runLeadlex({
			credentials,
			parameters: dealOp('createMany', { deals: named(110) }),
		});
		expect(sandbox.requests).toHaveLength(2);
		expect(result.error?.message).toContain(
			'50 deals had already been created by the first 1 of 3 requests; the 50 deals of request 2 of 3 may or may not have been created, and the last 10 deals were not sent.',
		);
	});

	test('an answer whose data is not a list is an error: the deals were probably created', async () => {
		const { sandbox, credentials } = env;
		sandbox.injectFault({
			type: 'response',
			status: 201,
			body: '{"data":{"created":1}}',
			contentType: 'application/json',
		});
		const result = await runLeadlex({
			credentials,
			parameters: dealOp('createMany', { deals: named(1) }),
		});
		expect(result.error?.message).toContain('without a list in data');
		expect(result.error?.message).toContain('The new deals were probably created');
	});
});

describe('Deal → Update Many', () => {
	test('250 IDs: requests of 100, 100 and 50 with the same updates; one item with updated summed', async () => {
		const { sandbox, credentials } = env;
		const ids = await newDealIds(240);
		const all = [
			...ids,
			JANE_DEAL_ID,
			TRUST_DEAL_ID,
			...Array.from({ length: 8 }, (_, i) => `x-${i}`),
		];
		const result = await runLeadlex({
			credentials,
			parameters: dealOp('updateMany', {
				dealIds: all.join('\n'),
				updateFields: {
					stage: 'Review',
					tags: 'q2',
					contactId: { __rl: true, mode: 'id', value: JANE_ID },
				},
			}),
		});
		expect(result.error).toBeUndefined();
		expect(sentRequests(sandbox)).toEqual(
			Array(3).fill(['PATCH', apiPath(sandbox, '/v1/deals/bulk')]),
		);
		const bodies = sentBodies(sandbox) as Array<{ deal_ids: string[]; updates: unknown }>;
		expect(bodies.map((body) => body.deal_ids.length)).toEqual([100, 100, 50]);
		expect(bodies[2].deal_ids).toEqual(all.slice(200));
		for (const body of bodies) {
			expect(body.updates).toEqual({ stage: 'Review', tags: ['q2'], contact_id: JANE_ID });
		}
		expect(result.items).toEqual([{ json: { updated: 242 }, pairedItem: { item: 0 } }]);
		expect(await readDeal(sandbox, JANE_DEAL_ID)).toMatchObject({ stage: 'Review', tags: ['q2'] });
	});

	test.each([
		['no ID', { dealIds: ' , ', updateFields: { stage: 'x' } }, 'The Deal IDs contain no ID'],
		['nothing to set', { dealIds: JANE_DEAL_ID, updateFields: {} }, 'The Update Fields are empty'],
		[
			'a value the form refuses',
			{ dealIds: JANE_DEAL_ID, updateFields: { currency: 'euro' } },
			'The Currency must be a three-letter currency code',
		],
	])('%s: refused before any request', async (_name, extra, message) => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({ credentials, parameters: dealOp('updateMany', extra) });
		expect(result.error?.message).toContain(message);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('a later request that fails says how many deals the earlier ones updated', async () => {
		const { sandbox, credentials } = env;
		const ids = await newDealIds(150);
		sandbox.injectFault({ type: 'delay', ms: 0 }, { method: 'PATCH' });
		sandbox.failNext('PATCH', '/bulk', 503, 'internal_error');
		const result = await runLeadlex({
			credentials,
			parameters: dealOp('updateMany', { dealIds: ids, updateFields: { priority: 'high' } }),
		});
		expect(result.error?.message).toBe(
			'LeadLex had a server error (HTTP 503). 100 deals had already been updated by the first 1 of 2 requests; the 50 deals of request 2 of 2 may or may not have been updated. Running the item again is safe: it sets the same values again.',
		);
		// PATCH /v1/deals/bulk carries no Idempotency-Key: not repeated.
		expect(sandbox.requests).toHaveLength(2);
	});

	test('a key without deals:write: the permission is named, the deals were not updated', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials: { ...credentials, apiKey: sandbox.keys.readOnly },
			parameters: dealOp('updateMany', { dealIds: JANE_DEAL_ID, updateFields: { stage: 'x' } }),
		});
		expect(result.error?.message).toBe(
			'The LeadLex API key lacks the deals:write permission. The deals were not updated.',
		);
	});
});

describe('Deal → Delete Many', () => {
	test('1,100 IDs: requests of 500, 500 and 100, each with its own Idempotency-Key; one summed item', async () => {
		const { sandbox, credentials } = env;
		const ids = [
			JANE_DEAL_ID,
			HARBOR_DEAL_ID,
			...Array.from({ length: 1098 }, (_, i) => `gone-${i}`),
		];
		const result = await runLeadlex({
			credentials,
			parameters: dealOp('deleteMany', { dealIds: ids.join(',') }),
		});
		expect(result.error).toBeUndefined();
		expect(sentRequests(sandbox)).toEqual(
			Array(3).fill(['POST', apiPath(sandbox, '/v1/deals/bulk-delete')]),
		);
		expect(
			(sentBodies(sandbox) as Array<{ deal_ids: unknown[] }>).map((b) => b.deal_ids.length),
		).toEqual([500, 500, 100]);
		const keys = sandbox.requests.map((request) => request.headers['idempotency-key']);
		expect(keys.every((key) => typeof key === 'string' && key.length > 0)).toBe(true);
		expect(new Set(keys).size).toBe(3);
		expect(result.items).toEqual([
			{
				json: { deleted_count: 2, not_found_count: 1098, errors: [], dry_run: false },
				pairedItem: { item: 0 },
			},
		]);
		expect(await dealCount(sandbox)).toBe(SEEDED_DEALS - 2);
	});

	test('Dry Run: dry_run sent, nothing deleted', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: dealOp('deleteMany', {
				dealIds: [JANE_DEAL_ID, TRUST_DEAL_ID],
				options: { dryRun: true },
			}),
		});
		expect(sentBodies(sandbox)).toEqual([
			{ deal_ids: [JANE_DEAL_ID, TRUST_DEAL_ID], dry_run: true },
		]);
		expect(result.items.map((item) => item.json)).toEqual([
			{ deleted_count: 2, not_found_count: 0, errors: [], dry_run: true },
		]);
		expect(await dealCount(sandbox)).toBe(SEEDED_DEALS);
	});

	test('Dry Run: a failure says nothing was deleted, not that the deals may have been', async () => {
		const { sandbox, credentials } = env;
		sandbox.injectFault({ type: 'reset' }, { pathIncludes: '/bulk-delete' }, 3);
		const result = await runLeadlex({
			credentials,
			parameters: dealOp('deleteMany', { dealIds: JANE_DEAL_ID, options: { dryRun: true } }),
		});
		expect(sandbox.requests).toHaveLength(3);
		expect(result.error?.message).toContain(
			'Nothing was deleted: with Dry Run on, LeadLex only counts the deals it would delete.',
		);
		expect(result.error?.message).not.toContain('may or may not');
		expect(await dealCount(sandbox)).toBe(SEEDED_DEALS);
	});

	test('an ID with control characters or over 1,024 characters: refused before any request', async () => {
		const { sandbox, credentials } = env;
		const controls = await runLeadlex({
			credentials,
			parameters: dealOp('deleteMany', { dealIds: [JANE_DEAL_ID, 'a\u0007b'] }),
		});
		expect(controls.error?.message).toBe(
			'The Deal IDs entry 2 contains control characters. Nothing was sent to LeadLex.',
		);
		const long = await runLeadlex({
			credentials,
			parameters: dealOp('deleteMany', { dealIds: 'x'.repeat(1025) }),
		});
		expect(long.error?.message).toBe(
			'The Deal IDs entry 1 is 1025 characters long (at most 1024). Nothing was sent to LeadLex.',
		);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('a later request that fails says how many deals the earlier ones deleted', async () => {
		const { sandbox, credentials } = env;
		const ids = [JANE_DEAL_ID, ...Array.from({ length: 699 }, (_, i) => `gone-${i}`)];
		sandbox.injectFault({ type: 'delay', ms: 0 }, { method: 'POST' });
		sandbox.failNext('POST', '/bulk-delete', 400, 'validation_error', 'Bad IDs');
		const result = await runLeadlex({
			credentials,
			parameters: dealOp('deleteMany', { dealIds: ids }),
		});
		expect(result.error?.message).toBe(
			'LeadLex refused the request for the deals (HTTP 400 validation_error): LeadLex said "Bad IDs". 1 deals had already been deleted by the first 1 of 2 requests; the other 200 deals were not deleted. Running the item again is safe: deals already deleted count as not found.',
		);
	});

	test('a lost answer is asked for again with the same key; the deals are deleted once', async () => {
		const { sandbox, credentials } = env;
		sandbox.injectFault({ type: 'lostAnswer' }, { pathIncludes: '/bulk-delete' });
		const result = await runLeadlex({
			credentials,
			parameters: dealOp('deleteMany', { dealIds: `${JANE_DEAL_ID},${TRUST_DEAL_ID}` }),
		});
		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map((request) => request.status)).toEqual([0, 200]);
		const keys = sandbox.requests.map((request) => request.headers['idempotency-key']);
		expect(keys[1]).toBe(keys[0]);
		// The kept answer: both counted as deleted, not as not found.
		expect(result.items.map((item) => item.json)).toEqual([
			{ deleted_count: 2, not_found_count: 0, errors: [], dry_run: false },
		]);
		expect(await dealCount(sandbox)).toBe(SEEDED_DEALS - 2);
	});

	test('no ID: refused before any request', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: dealOp('deleteMany', { dealIds: ' , ' }),
		});
		expect(result.error?.message).toBe('The Deal IDs contain no ID. Nothing was sent to LeadLex.');
		expect(sandbox.requests).toHaveLength(0);
	});
});
