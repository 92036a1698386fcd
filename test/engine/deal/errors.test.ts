import { runLeadlex } from '../harness';
import { byId, useSandbox } from '../fixtures';
import { documentedAnswerTests, withOutcome, type AnswerCase } from '../documentedAnswers';
import { dealOp, JANE_DEAL_ID, TRUST_DEAL_ID } from './fixtures';

const env = useSandbox();

interface Case extends AnswerCase {
	permission: 'deals:read' | 'deals:write';
	/** How the record is named in a refusal. */
	label: string;
}

const JANE_DEAL = `deal "${JANE_DEAL_ID}"`;
const CHECK_FIRST = 'check it in LeadLex before running the workflow again.';
const CASES: Case[] = [
	{
		operation: 'create',
		parameters: dealOp('create', { name: 'A' }),
		method: 'POST',
		permission: 'deals:write',
		unchanged: 'A new deal was not created.',
		maybe:
			'A new deal may or may not have been created: running the workflow again may create the deal twice. Look for it with Get Many first.',
		okStatus: 201,
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
		maybe: `Deal "${JANE_DEAL_ID}" may or may not have been updated: ${CHECK_FIRST}`,
		label: JANE_DEAL,
	},
	{
		operation: 'delete',
		parameters: dealOp('delete', { dealId: byId(JANE_DEAL_ID) }),
		method: 'DELETE',
		permission: 'deals:write',
		unchanged: `Deal "${JANE_DEAL_ID}" was not deleted.`,
		maybe: `Deal "${JANE_DEAL_ID}" may or may not have been deleted: ${CHECK_FIRST}`,
		label: JANE_DEAL,
	},
	{
		operation: 'createMany',
		parameters: dealOp('createMany', { deals: [{ name: 'A' }] }),
		method: 'POST',
		permission: 'deals:write',
		unchanged: 'The new deals were not created.',
		maybe:
			'The new deals may or may not have been created: running the workflow again may create them twice. Check the deals in LeadLex first.',
		okStatus: 201,
		label: 'the new deals',
	},
	{
		operation: 'updateMany',
		parameters: dealOp('updateMany', { dealIds: JANE_DEAL_ID, updateFields: { stage: 'x' } }),
		method: 'PATCH',
		permission: 'deals:write',
		unchanged: 'The deals were not updated.',
		maybe: `The deals may or may not have been updated: ${CHECK_FIRST}`,
		label: 'the deals',
	},
	{
		operation: 'deleteMany',
		parameters: dealOp('deleteMany', { dealIds: JANE_DEAL_ID }),
		method: 'POST',
		permission: 'deals:write',
		unchanged: 'The deals were not deleted.',
		maybe: `The deals may or may not have been deleted: ${CHECK_FIRST}`,
		label: 'the deals',
		repeatedWithKey: true,
	},
];
const table = CASES.map((c) => [c.operation, c] as const);

describe('every Deal operation explains every documented answer in its message alone', () => {
	documentedAnswerTests(env, CASES, { forbiddenKey: (sandbox) => sandbox.keys.readOnly });

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
