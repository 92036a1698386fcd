import { runLeadlex, searchList } from '../harness';
import { byId, callSandbox, fromList, sentBodies, sentRequests, useSandbox } from '../fixtures';
import { apiPath, JANE_ID, listOp, Q2_LIST, Q2_MEMBER } from '../contact/fixtures';

const env = useSandbox();
const paired = { item: 0 };

/** The IDs of a list's members, straight through the sandbox API. */
async function members(listId: string): Promise<string[]> {
	const answer = await callSandbox(
		env.sandbox,
		'GET',
		`/v1/contacts?list_id=${encodeURIComponent(listId)}&per_page=100`,
	);
	env.sandbox.requests.length = 0;
	return (answer.data.contacts as Array<{ id: string }>).map((contact) => contact.id);
}

/** `count` new contacts, created through the sandbox API. */
async function newContacts(count: number): Promise<string[]> {
	const contacts = Array.from({ length: count }, (_, i) => ({ full_name: `Member ${i + 1}` }));
	const answer = await callSandbox(env.sandbox, 'POST', '/v1/contacts/bulk', { contacts });
	env.sandbox.requests.length = 0;
	return (answer.data.contacts as Array<{ id: string }>).map((contact) => contact.id);
}

describe('List → Create', () => {
	test('name and description; output data', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: listOp('create', {
				name: ' Outreach Q3 ',
				additionalFields: { description: 'Autumn intake' },
			}),
		});
		expect(result.error).toBeUndefined();
		expect(sentRequests(sandbox)).toEqual([['POST', apiPath(sandbox, '/v1/lists')]]);
		expect(sentBodies(sandbox)).toEqual([{ name: 'Outreach Q3', description: 'Autumn intake' }]);
		expect(result.items).toEqual([
			{
				json: expect.objectContaining({ name: 'Outreach Q3', contact_count: 0 }),
				pairedItem: paired,
			},
		]);
	});

	test('a duplicate name: LeadLex’s field message is shown, nothing was created', async () => {
		const { credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: listOp('create', { name: 'Q2 Outreach' }),
		});
		expect(result.error?.message).toContain('HTTP 400 validation_error');
		expect(result.error?.message).toContain('Must be unique');
		expect(result.error?.message).toContain('The new list was not created.');
	});

	test('a blank name is refused before any request', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({ credentials, parameters: listOp('create', { name: ' ' }) });
		expect(result.error?.message).toBe('The Name is empty. Nothing was sent to LeadLex.');
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('List → Get Many', () => {
	test('every list, one item each; Search filters by name on this side', async () => {
		const { sandbox, credentials } = env;
		const all = await runLeadlex({
			credentials,
			parameters: listOp('getAll', { returnAll: true }),
		});
		expect(all.items.map((item) => item.json.id)).toEqual([
			'list-uuid-here',
			'list_estate_q2',
			'list_big_outreach',
			'list_empty',
		]);
		sandbox.requests.length = 0;
		const some = await runLeadlex({
			credentials,
			parameters: listOp('getAll', { limit: 5, filters: { search: 'OUTREACH' } }),
		});
		expect(some.items.map((item) => item.json.name)).toEqual(['Q2 Outreach', 'Statewide outreach']);
		expect(sentRequests(sandbox)).toEqual([
			['GET', `${apiPath(sandbox, '/v1/lists')}?page=1&per_page=100`],
		]);
	});
});

describe('List → Add Contacts', () => {
	test('250 IDs: requests of 100, 100, 50; added summed, the last contact_count', async () => {
		const { sandbox, credentials } = env;
		const ids = await newContacts(250);
		const result = await runLeadlex({
			credentials,
			parameters: listOp('addContacts', { listId: fromList('list_empty'), contactIds: ids }),
		});
		expect(result.error).toBeUndefined();
		expect(sentRequests(sandbox)).toEqual(
			Array(3).fill(['POST', apiPath(sandbox, '/v1/lists/list_empty/contacts')]),
		);
		expect(
			(sentBodies(sandbox) as Array<{ contact_ids: unknown[] }>).map((b) => b.contact_ids.length),
		).toEqual([100, 100, 50]);
		expect(result.items.map((item) => item.json)).toEqual([
			{ added: 250, list_id: 'list_empty', contact_count: 250 },
		]);
		expect(await members('list_empty')).toHaveLength(100);
	});

	test('contacts already in the list are skipped; running again is safe', async () => {
		const { credentials } = env;
		const parameters = listOp('addContacts', {
			listId: byId(Q2_LIST),
			contactIds: `${JANE_ID}, ${Q2_MEMBER}`,
		});
		const first = await runLeadlex({ credentials, parameters });
		const again = await runLeadlex({ credentials, parameters });
		expect(first.items[0].json).toMatchObject({ added: 1, contact_count: 4 });
		expect(again.items[0].json).toMatchObject({ added: 0, contact_count: 4 });
	});

	test('an unknown list: named, nothing added', async () => {
		const { credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: listOp('addContacts', { listId: byId('list_nope'), contactIds: JANE_ID }),
		});
		expect(result.error?.message).toBe(
			'List "list_nope" was not found in LeadLex (HTTP 404 not_found). List "list_nope" was not changed.',
		);
	});
});

describe('List → Remove Contact', () => {
	test('DELETE the membership; the contact stays', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: listOp('removeContact', { listId: byId(Q2_LIST), contactId: byId(Q2_MEMBER) }),
		});
		expect(sentRequests(sandbox)).toEqual([
			['DELETE', apiPath(sandbox, `/v1/lists/${Q2_LIST}/contacts/${Q2_MEMBER}`)],
		]);
		expect(result.items.map((item) => item.json)).toEqual([
			{ removed: true, list_id: Q2_LIST, contact_id: Q2_MEMBER },
		]);
		expect(await members(Q2_LIST)).not.toContain(Q2_MEMBER);
		expect((await callSandbox(sandbox, 'GET', `/v1/contacts/${Q2_MEMBER}`)).data.id).toBe(
			Q2_MEMBER,
		);
	});

	test('a contact not in the list: an error, or {removed: false} with Ignore Not Found', async () => {
		const { credentials } = env;
		const parameters = listOp('removeContact', { listId: byId(Q2_LIST), contactId: byId(JANE_ID) });
		const strict = await runLeadlex({ credentials, parameters });
		expect(strict.error?.message).toBe(
			`Contact "${JANE_ID}" is not in list "${Q2_LIST}" (HTTP 404 membership_not_found). Contact "${JANE_ID}" in list "${Q2_LIST}" was not removed.`,
		);
		const lenient = await runLeadlex({
			credentials,
			parameters: { ...parameters, options: { ignoreNotFound: true } },
		});
		expect(lenient.items.map((item) => item.json)).toEqual([
			{ removed: false, list_id: Q2_LIST, contact_id: JANE_ID },
		]);
	});

	test('an unknown list stays an error with Ignore Not Found', async () => {
		const { credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: listOp('removeContact', {
				listId: byId('list_nope'),
				contactId: byId(JANE_ID),
				options: { ignoreNotFound: true },
			}),
		});
		expect(result.error?.message).toContain(
			'List "list_nope" was not found in LeadLex (HTTP 404 list_not_found)',
		);
	});
});

describe('List → Delete', () => {
	test('deleted; memberships go, contacts stay', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: listOp('delete', { listId: byId(Q2_LIST) }),
		});
		expect(sentRequests(sandbox)).toEqual([['DELETE', apiPath(sandbox, `/v1/lists/${Q2_LIST}`)]]);
		expect(result.items[0].json).toMatchObject({
			deleted: true,
			id: Q2_LIST,
			memberships_removed: 3,
		});
		expect((await callSandbox(sandbox, 'GET', `/v1/contacts/${Q2_MEMBER}`)).data.id).toBe(
			Q2_MEMBER,
		);
	});

	test('an unknown list: an error, or {deleted: false} with Ignore Not Found', async () => {
		const { credentials } = env;
		const strict = await runLeadlex({
			credentials,
			parameters: listOp('delete', { listId: byId('gone') }),
		});
		expect(strict.error?.message).toBe(
			'List "gone" was not found in LeadLex (HTTP 404 list_not_found). List "gone" was not deleted.',
		);
		const lenient = await runLeadlex({
			credentials,
			parameters: listOp('delete', { listId: byId('gone'), options: { ignoreNotFound: true } }),
		});
		expect(lenient.items.map((item) => item.json)).toEqual([{ deleted: false, id: 'gone' }]);
	});
});

describe('the list picker', () => {
	test('lists by name with their size; a term filters on this side', async () => {
		const { credentials } = env;
		const found = await searchList('searchLists', { credentials, filter: 'estate' });
		expect(found.results).toEqual([
			{ name: 'Estate planning prospects (30 contacts)', value: 'list_estate_q2' },
		]);
	});
});
