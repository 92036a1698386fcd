import { runLeadlex } from '../harness';
import { byId, callSandbox, sentBodies, sentRequests, useSandbox } from '../fixtures';
import { apiPath, contactOp, JANE_ID, Q2_LIST, Q2_MEMBER } from './fixtures';

const env = useSandbox();
const people = (count: number, from = 1) =>
	Array.from({ length: count }, (_, i) => ({
		full_name: `Bulk Person ${from + i}`,
		email: `bulk${from + i}@example.com`,
	}));

describe('Contact → Create Many', () => {
	test('1,201 contacts: requests of 500, 500 and 201; one item per created contact, paired to the input item', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: contactOp('createMany', { contacts: '={{ $json.contacts }}' }),
			items: [{ contacts: people(1201) }],
		});
		expect(result.error).toBeUndefined();
		expect(sentRequests(sandbox)).toEqual(
			Array(3).fill(['POST', apiPath(sandbox, '/v1/contacts/bulk')]),
		);
		expect(
			(sentBodies(sandbox) as Array<{ contacts: unknown[] }>).map((b) => b.contacts.length),
		).toEqual([500, 500, 201]);
		expect(result.items).toHaveLength(1201);
		expect(result.items[1200]).toEqual({
			json: {
				id: expect.any(String),
				full_name: 'Bulk Person 1201',
				email: 'bulk1201@example.com',
			},
			pairedItem: { item: 0 },
		});
	});

	test('an answer without data.contacts is an error, not an empty output', async () => {
		const { sandbox, credentials } = env;
		sandbox.injectFault({
			type: 'response',
			status: 201,
			body: '{"data":{"created":1}}',
			contentType: 'application/json',
		});
		const result = await runLeadlex({
			credentials,
			parameters: contactOp('createMany', { contacts: people(1) }),
		});
		expect(result.error?.message).toContain('without data.contacts');
		expect(result.error?.message).toContain('The new contacts were probably created');
	});

	test('entries without full_name are named before any request', async () => {
		const { sandbox, credentials } = env;
		const contacts = [...people(2), { email: 'a@example.com' }, { full_name: ' ' }];
		const result = await runLeadlex({
			credentials,
			parameters: contactOp('createMany', { contacts: JSON.stringify(contacts) }),
		});
		expect(result.error?.message).toBe(
			'The Contacts need a full_name each, but entries 3, 4 have none. Nothing was sent to LeadLex.',
		);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('a field the bulk create does not take is named before any request', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: contactOp('createMany', {
				contacts: [{ full_name: 'A', company_name: 'Acme' }],
			}),
		});
		expect(result.error?.message).toContain(
			"entry 1 has fields LeadLex's bulk create does not take (company_name)",
		);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('a later request that fails says how many were created and that a re-run would create them twice', async () => {
		const { sandbox, credentials } = env;
		// The first request goes through (a delay of 0), the second is refused.
		sandbox.injectFault({ type: 'delay', ms: 0 }, { method: 'POST', pathIncludes: '/bulk' });
		sandbox.failNext('POST', '/bulk', 400, 'validation_error', 'Invalid contacts');
		const result = await runLeadlex({
			credentials,
			parameters: contactOp('createMany', { contacts: people(1100) }),
		});
		expect(sandbox.requests).toHaveLength(2);
		expect(result.error?.message).toBe(
			'LeadLex refused the request for the new contacts (HTTP 400 validation_error): LeadLex said "Invalid contacts". 500 contacts had already been created by the first 1 of 3 requests; the other 600 contacts were not created. Running the item again would create those contacts twice: leave the ones already created out of Contacts first.',
		);
	});
});

describe('Contact → Delete Many', () => {
	test('1,100 IDs: requests of 500, 500, 100, each with its own Idempotency-Key; one summed item', async () => {
		const { sandbox, credentials } = env;
		const ids = [JANE_ID, ...Array.from({ length: 1099 }, (_, i) => `missing-${i}`)];
		const result = await runLeadlex({
			credentials,
			parameters: contactOp('deleteMany', { contactIds: ids.join(',') }),
		});
		expect(result.error).toBeUndefined();
		expect(
			(sentBodies(sandbox) as Array<{ contact_ids: unknown[] }>).map((b) => b.contact_ids.length),
		).toEqual([500, 500, 100]);
		const keys = sandbox.requests.map((request) => request.headers['idempotency-key']);
		expect(new Set(keys).size).toBe(3);
		expect(result.items.map((item) => item.json)).toEqual([
			{ deleted_count: 1, not_found_count: 1099, errors: [], dry_run: false },
		]);
	});

	test('Dry Run: dry_run sent, nothing deleted', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: contactOp('deleteMany', {
				contactIds: [JANE_ID, Q2_MEMBER],
				options: { dryRun: true },
			}),
		});
		expect(sentBodies(sandbox)).toEqual([{ contact_ids: [JANE_ID, Q2_MEMBER], dry_run: true }]);
		expect(result.items.map((item) => item.json)).toEqual([
			{ deleted_count: 2, not_found_count: 0, errors: [], dry_run: true },
		]);
		const still = await callSandbox(sandbox, 'GET', `/v1/contacts/${JANE_ID}`);
		expect(still.data.id).toBe(JANE_ID);
	});

	test('no ID: refused before any request', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: contactOp('deleteMany', { contactIds: ' , ' }),
		});
		expect(result.error?.message).toContain('The Contact IDs contain no ID');
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('Contact → Merge', () => {
	test('primary_id and duplicate_ids with an Idempotency-Key; output data; the duplicate’s list membership moves', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: contactOp('merge', {
				primaryContactId: byId(JANE_ID),
				duplicateContactIds: `${Q2_MEMBER}, ${Q2_MEMBER}`,
			}),
		});
		expect(result.error).toBeUndefined();
		expect(sentRequests(sandbox)).toEqual([['POST', apiPath(sandbox, '/v1/contacts/merge')]]);
		expect(sentBodies(sandbox)).toEqual([{ primary_id: JANE_ID, duplicate_ids: [Q2_MEMBER] }]);
		expect(sandbox.requests[0].headers['idempotency-key']).toEqual(expect.any(String));
		expect(result.items[0].json).toMatchObject({
			merged_ids: [Q2_MEMBER],
			counts: expect.objectContaining({ list_memberships: 1 }),
		});
		const members = await callSandbox(
			sandbox,
			'GET',
			`/v1/contacts?list_id=${Q2_LIST}&per_page=100`,
		);
		expect(members.data.contacts.map((contact: { id: string }) => contact.id)).toContain(JANE_ID);
	});

	test.each([
		['the primary among the duplicates', `${JANE_ID}, ${Q2_MEMBER}`, 'contain the primary contact'],
		[
			'more than 20 duplicates',
			Array.from({ length: 21 }, (_, i) => `d-${i}`).join(','),
			'contain 21 IDs, but LeadLex merges at most 20 at once',
		],
		['no duplicate', '={{ "" }}', 'The Duplicate Contact IDs'],
	])('%s: refused before any request', async (_name, duplicateContactIds, message) => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: contactOp('merge', { primaryContactId: byId(JANE_ID), duplicateContactIds }),
		});
		expect(result.error?.message).toContain(message);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('an unknown duplicate: not found, nothing merged', async () => {
		const { credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: contactOp('merge', {
				primaryContactId: byId(JANE_ID),
				duplicateContactIds: 'no-such-contact',
			}),
		});
		expect(result.error?.message).toMatch(
			/^LeadLex could not find one of the contacts to merge \(HTTP 404 not_found\): LeadLex said ".*no-such-contact.*"\. The duplicates of contact "123e4567-e89b-12d3-a456-426614174000" were not merged\.$/,
		);
	});
});
