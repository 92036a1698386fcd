import type { INodeParameters } from 'n8n-workflow';
import { runLeadlex } from '../harness';
import { byId, UNKNOWN_KEY, useSandbox } from '../fixtures';
import { dealOp, JANE_DEAL_ID, TRUST_DEAL_ID } from './fixtures';

const env = useSandbox();

interface Case {
	operation: string;
	parameters: INodeParameters;
	method: string;
	permission: 'deals:read' | 'deals:write';
	/** The sentence that ends a message when nothing changed (none for reads). */
	unchanged: string;
	/** How a may-have-changed message says it (none for reads). */
	maybe: string;
	/** How the record is named in a refusal. */
	label: string;
}

const JANE_DEAL = `deal "${JANE_DEAL_ID}"`;
const CASES: Case[] = [
	{
		operation: 'create',
		parameters: dealOp('create', { name: 'A' }),
		method: 'POST',
		permission: 'deals:write',
		unchanged: 'A new deal was not created.',
		maybe: 'A new deal may or may not have been created',
		label: 'a new deal',
	},
	{
		operation: 'get',
		parameters: dealOp('get', { dealId: byId(JANE_DEAL_ID) }),
		method: 'GET',
		permission: 'deals:read',
		unchanged: '',
		maybe: '',
		label: JANE_DEAL,
	},
	{
		operation: 'getAll',
		parameters: dealOp('getAll', {}),
		method: 'GET',
		permission: 'deals:read',
		unchanged: '',
		maybe: '',
		label: 'the deal list',
	},
	{
		operation: 'update',
		parameters: dealOp('update', { dealId: byId(JANE_DEAL_ID), updateFields: { stage: 'x' } }),
		method: 'PATCH',
		permission: 'deals:write',
		unchanged: `Deal "${JANE_DEAL_ID}" was not updated.`,
		maybe: `Deal "${JANE_DEAL_ID}" may or may not have been updated`,
		label: JANE_DEAL,
	},
	{
		operation: 'delete',
		parameters: dealOp('delete', { dealId: byId(JANE_DEAL_ID) }),
		method: 'DELETE',
		permission: 'deals:write',
		unchanged: `Deal "${JANE_DEAL_ID}" was not deleted.`,
		maybe: `Deal "${JANE_DEAL_ID}" may or may not have been deleted`,
		label: JANE_DEAL,
	},
	{
		operation: 'createMany',
		parameters: dealOp('createMany', { deals: [{ name: 'A' }] }),
		method: 'POST',
		permission: 'deals:write',
		unchanged: 'The new deals were not created.',
		maybe: 'The new deals may or may not have been created',
		label: 'the new deals',
	},
	{
		operation: 'updateMany',
		parameters: dealOp('updateMany', { dealIds: JANE_DEAL_ID, updateFields: { stage: 'x' } }),
		method: 'PATCH',
		permission: 'deals:write',
		unchanged: 'The deals were not updated.',
		maybe: 'The deals may or may not have been updated',
		label: 'the deals',
	},
	{
		operation: 'deleteMany',
		parameters: dealOp('deleteMany', { dealIds: JANE_DEAL_ID }),
		method: 'POST',
		permission: 'deals:write',
		unchanged: 'The deals were not deleted.',
		maybe: 'The deals may or may not have been deleted',
		label: 'the deals',
	},
];
const table = CASES.map((c) => [c.operation, c] as const);
const withOutcome = (headline: string, c: Case) =>
	c.unchanged ? `${headline}. ${c.unchanged}` : headline;

describe('every Deal operation explains every documented answer in its message alone', () => {
	test.each(table)('%s: 403 insufficient_permissions names the permission', async (_op, c) => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials: { ...credentials, apiKey: sandbox.keys.readOnly },
			parameters: c.parameters,
		});
		expect(result.error?.message).toBe(
			withOutcome(`The LeadLex API key lacks the ${c.permission} permission`, c),
		);
		expect(result.error?.description).toContain(`Give the key the ${c.permission} permission`);
	});

	test.each(table)('%s: 401 invalid_key; the key is nowhere in the output', async (_op, c) => {
		const { credentials } = env;
		const result = await runLeadlex({
			credentials: { ...credentials, apiKey: UNKNOWN_KEY },
			parameters: c.parameters,
		});
		expect(result.error?.message).toBe(withOutcome('LeadLex rejected the API key', c));
		expect(result.everything).not.toContain(UNKNOWN_KEY);
	});

	test.each(table)(
		'%s: 400 validation_error quotes LeadLex and says nothing changed',
		async (_op, c) => {
			const { sandbox, credentials } = env;
			sandbox.failNext(c.method, '/v1/deals', 400, 'validation_error', 'Invalid value', {
				fields: { stage: 'Unknown stage' },
			});
			const result = await runLeadlex({ credentials, parameters: c.parameters });
			expect(result.error?.message).toBe(
				withOutcome(
					`LeadLex refused the request for ${c.label} (HTTP 400 validation_error): LeadLex said "Invalid value" (stage: "Unknown stage")`,
					c,
				),
			);
		},
	);

	test.each(table.filter(([, c]) => !['get', 'update', 'delete'].includes(c.operation)))(
		'%s: a 404 with a code names no deal, quotes LeadLex, nothing changed',
		async (_op, c) => {
			const { sandbox, credentials } = env;
			sandbox.failNext(c.method, '/v1/deals', 404, 'not_found', 'Contact not found');
			const result = await runLeadlex({ credentials, parameters: c.parameters });
			expect(result.error?.message).toBe(
				withOutcome(
					`LeadLex could not find a record named in the request for ${c.label} (HTTP 404 not_found): LeadLex said "Contact not found"`,
					c,
				),
			);
		},
	);

	test.each(
		table
			.filter(([, c]) => ['get', 'update', 'delete'].includes(c.operation))
			.flatMap(([op, c]) => [[op, 'not_found', c] as const, [op, 'deal_not_found', c] as const]),
	)('%s: 404 %s is the deal, named', async (_op, code, c) => {
		const { sandbox, credentials } = env;
		sandbox.failNext(c.method, '/v1/deals/', 404, code);
		const result = await runLeadlex({ credentials, parameters: c.parameters });
		// Update's generic not_found may also be a record its fields name (errors.ts).
		const headline =
			c.operation === 'update' && code === 'not_found'
				? `Deal "${JANE_DEAL_ID}" was not found in LeadLex, or a record the update names was not (HTTP 404 not_found): LeadLex said "Not found"`
				: `Deal "${JANE_DEAL_ID}" was not found in LeadLex (HTTP 404 ${code})`;
		expect(result.error?.message).toBe(withOutcome(headline, c));
	});

	test.each(table)('%s: a 404 without a LeadLex body is a wrong Base URL', async (_op, c) => {
		const { sandbox, credentials } = env;
		sandbox.injectFault({
			type: 'response',
			status: 404,
			body: 'Not Found',
			contentType: 'text/plain',
		});
		const result = await runLeadlex({ credentials, parameters: c.parameters });
		expect(result.error?.message).toBe(
			withOutcome('No LeadLex API at the configured Base URL (HTTP 404)', c),
		);
	});

	test.each(table)(
		'%s: the daily quota used up: not waited for, nothing changed',
		async (_op, c) => {
			const { sandbox, credentials } = env;
			sandbox.setDailyRemaining(sandbox.keys.full, 0);
			const result = await runLeadlex({ credentials, parameters: c.parameters });
			expect(result.error?.message).toMatch(/^LeadLex daily API quota used up/);
			if (c.unchanged) expect(result.error?.message).toContain(c.unchanged);
			expect(sandbox.requests).toHaveLength(1);
		},
	);

	test.each(table)('%s: a 5xx says whether anything may have changed', async (_op, c) => {
		const { sandbox, credentials } = env;
		// Bulk delete is repeated (same key) after a 5xx: fail every try.
		sandbox.injectFault(
			{
				type: 'response',
				status: 502,
				body: '<html>Bad Gateway</html>',
				contentType: 'text/html',
			},
			undefined,
			3,
		);
		const result = await runLeadlex({ credentials, parameters: c.parameters });
		expect(result.error?.message).toMatch(/^LeadLex had a server error \(HTTP 502\)/);
		if (c.maybe) expect(result.error?.message).toContain(c.maybe);
		else expect(result.error?.message).toBe('LeadLex had a server error (HTTP 502)');
		expect(result.error?.message).not.toContain('<html>');
		// Only the bulk delete (Idempotency-Key) is sent again: twice, with the same key.
		const keys = sandbox.requests.map((request) => request.headers['idempotency-key']);
		if (c.operation === 'deleteMany') {
			expect(keys).toHaveLength(3);
			expect(new Set(keys).size).toBe(1);
			expect(result.error?.description).toContain(
				'The node sent the request 3 times with the same Idempotency-Key',
			);
		} else {
			expect(keys).toEqual([undefined]);
		}
	});

	test.each(table)('%s: a per-minute 429 is waited out and sent again', async (_op, c) => {
		const { sandbox, credentials } = env;
		sandbox.injectFault(
			{
				type: 'response',
				status: 429,
				body: '{"error":{"code":"rate_limited","message":"Rate limit exceeded"}}',
				contentType: 'application/json',
				headers: { 'Retry-After': '0' },
			},
			{ method: c.method },
		);
		const result = await runLeadlex({ credentials, parameters: c.parameters });
		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map((request) => request.status).slice(0, 2)).toEqual([
			429,
			expect.any(Number),
		]);
		expect(sandbox.requests[1].status).toBeLessThan(300);
	});
});

describe('continue on fail and pairing', () => {
	test('a failed item becomes {error} paired to its input; the others go on', async () => {
		const { credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: dealOp('get', { dealId: byId('={{ $json.id }}') }),
			items: [{ id: JANE_DEAL_ID }, { id: 'no-such-deal' }, { id: TRUST_DEAL_ID }],
			onError: 'continueRegularOutput',
		});
		expect(result.items.map((item) => [item.json.id ?? item.json.error, item.pairedItem])).toEqual([
			[JANE_DEAL_ID, { item: 0 }],
			['Deal "no-such-deal" was not found in LeadLex (HTTP 404 not_found)', { item: 1 }],
			[TRUST_DEAL_ID, { item: 2 }],
		]);
	});

	test('a refusal before the wire is an error item too, and sends nothing for that item', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: dealOp('create', { name: '={{ $json.name }}' }),
			items: [{ name: 'Good' }, { name: ' ' }],
			onError: 'continueErrorOutput',
		});
		expect(result.items.map((item) => [item.json.name, item.pairedItem])).toEqual([
			['Good', { item: 0 }],
		]);
		expect(result.errorItems.map((item) => [item.json.error, item.pairedItem])).toEqual([
			['The Name is empty. Nothing was sent to LeadLex.', { item: 1 }],
		]);
		expect(sandbox.requests).toHaveLength(1);
		expect(result.everything).not.toContain(sandbox.keys.full);
	});
});
