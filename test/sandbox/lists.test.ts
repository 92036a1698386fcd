/**
 * Contract checks for the sandbox's list routes (docs §9.2, §4-5 and the assumptions in README.md
 * "List routes"). Plain fetch, no n8n involved.
 */
import { JANE, startContractSandbox, TEST_KEYS, type ContractSandbox } from './contractClient';

const T0_ISO = '2026-04-20T09:00:00Z';
/** Members of `list-uuid-here` (seeded), in order. */
const MEMBERS = [1, 2, 3].map((n) => `c0de9001-0000-4000-8000-00000000000${n}`);
const CLEO = 'c0de0001-0000-4000-8000-000000000002';

describe('LeadLex sandbox: list routes', () => {
	let t: ContractSandbox;
	const call: ContractSandbox['call'] = async (...args) => await t.call(...args);
	const members = (listId: string) => t.sb.lists().find((l) => l.id === listId)?.contact_ids;

	beforeAll(async () => {
		t = await startContractSandbox();
	});
	beforeEach(async () => await t.reset());
	afterAll(async () => await t.close());

	test('list: creation order, {id, name, description, contact_count, created_at}, meta', async () => {
		const res = await call('GET', '/v1/lists?per_page=2&search=statewide');
		expect(res.json).toEqual({
			data: {
				lists: [
					{
						id: 'list-uuid-here',
						name: 'Q2 Outreach',
						description: null,
						contact_count: 3,
						created_at: '2026-01-12T09:00:00Z',
					},
					{
						id: 'list_estate_q2',
						name: 'Estate planning prospects',
						description: 'Prospects from the Q2 estate planning webinars',
						contact_count: 30,
						created_at: '2026-01-20T10:30:00Z',
					},
				],
			},
			meta: { page: 1, per_page: 2, total: 4 },
		});
		await call('POST', '/v1/lists', { name: 'Newest' });
		const all = await call('GET', '/v1/lists');
		expect(all.json.data.lists.map((l: { name: string }) => l.name)).toEqual([
			'Q2 Outreach',
			'Estate planning prospects',
			'Statewide outreach',
			'Empty list',
			'Newest',
		]);
		expect((await call('GET', '/v1/lists?per_page=0')).status).toBe(400);
		const other = await call('GET', '/v1/lists', undefined, TEST_KEYS.otherContacts);
		expect(other.json.data.lists.map((l: { id: string }) => l.id)).toEqual(['list_other01']);
	});

	describe('create', () => {
		test('201 {id, name, description, contact_count: 0, created_at}; list.created', async () => {
			const res = await call('POST', '/v1/lists', {
				name: 'Outreach Q2 2026',
				description: 'Warm leads',
			});
			const data = {
				id: expect.stringMatching(/^[0-9a-f-]{36}$/),
				name: 'Outreach Q2 2026',
				description: 'Warm leads',
				contact_count: 0,
				created_at: T0_ISO,
			};
			expect([res.status, res.json]).toEqual([201, { data }]);
			expect(t.events()).toEqual([{ event: 'list.created', data: { list: res.json.data } }]);
			const bare = await call('POST', '/v1/lists', { name: 'No description' });
			expect(bare.json.data.description).toBeNull();
		});

		test('a name already used (any case) → the documented 400 body', async () => {
			const res = await call('POST', '/v1/lists', { name: ' q2 OUTREACH ' });
			expect([res.status, res.json]).toEqual([
				400,
				{
					error: {
						code: 'validation_error',
						message: 'A list with this name already exists',
						details: { fields: { name: 'Must be unique' } },
					},
				},
			]);
			expect(t.sb.lists()).toHaveLength(4);
		});

		test.each<[string, unknown, Record<string, string>]>([
			['no name', { description: 'x' }, { name: 'Required' }],
			['a blank name', { name: '  ' }, { name: 'Required' }],
			[
				'a non-string name and description',
				{ name: 5, description: 7 },
				{ name: 'Must be a string', description: 'Must be a string' },
			],
			['another key', { name: 'X', contact_ids: [] }, { contact_ids: 'Unknown field' }],
		])('refuses %s with 400 validation_error', async (_name, body, fields) => {
			const res = await call('POST', '/v1/lists', body);
			expect([res.status, res.json.error.code]).toEqual([400, 'validation_error']);
			expect(res.json.error.details.fields).toEqual(fields);
			expect(t.events()).toEqual([]);
		});
	});

	describe('add contacts', () => {
		test('{added, list_id, contact_count}; members and repeats skipped; list.contacts_added', async () => {
			const res = await call('POST', '/v1/lists/list-uuid-here/contacts', {
				contact_ids: [JANE, MEMBERS[0], JANE, CLEO],
			});
			expect([res.status, res.json]).toEqual([
				200,
				{ data: { added: 2, list_id: 'list-uuid-here', contact_count: 5 } },
			]);
			expect(members('list-uuid-here')).toEqual([...MEMBERS, JANE, CLEO]);
			expect(t.events()).toEqual([
				{
					event: 'list.contacts_added',
					data: {
						added: 2,
						list_id: 'list-uuid-here',
						contact_count: 5,
						contact_ids: [JANE, CLEO],
					},
				},
			]);
			const nothingNew = await call('POST', '/v1/lists/list-uuid-here/contacts', {
				contact_ids: [JANE],
			});
			expect(nothingNew.json.data).toEqual({
				added: 0,
				list_id: 'list-uuid-here',
				contact_count: 5,
			});
			expect(t.events()).toHaveLength(1);
		});

		test('100 IDs are taken; 101, none, or non-strings → 400 validation_error', async () => {
			const created = await call('POST', '/v1/contacts/bulk', {
				contacts: Array.from({ length: 100 }, (_, i) => ({ full_name: `P ${i}` })),
			});
			const ids = created.json.data.contacts.map((c: { id: string }) => c.id) as string[];
			const ok = await call('POST', '/v1/lists/list_empty/contacts', { contact_ids: ids });
			expect(ok.json.data).toEqual({ added: 100, list_id: 'list_empty', contact_count: 100 });
			for (const body of [
				{ contact_ids: [...ids, JANE] },
				{ contact_ids: [] },
				{},
				{ contact_ids: [JANE, 3] },
				{ contact_ids: JANE },
			]) {
				const res = await call('POST', '/v1/lists/list_estate_q2/contacts', body);
				expect([res.status, res.json.error.code]).toEqual([400, 'validation_error']);
				expect(Object.keys(res.json.error.details.fields)).toEqual(['contact_ids']);
			}
			expect(members('list_estate_q2')).toHaveLength(30);
		});

		test('IDs that are not contacts of the workspace → 400 naming them; nothing added', async () => {
			const res = await call('POST', '/v1/lists/list_empty/contacts', {
				contact_ids: [JANE, 'ghost-1', 'ghost-2', 'ghost-1'],
			});
			expect([res.status, res.json.error]).toEqual([
				400,
				{
					code: 'validation_error',
					message: 'Unknown contact IDs: ghost-1, ghost-2',
					details: { fields: { contact_ids: 'Not contacts of this workspace: ghost-1, ghost-2' } },
				},
			]);
			expect(members('list_empty')).toEqual([]);
			const otherWorkspace = await call(
				'POST',
				'/v1/lists/list_other01/contacts',
				{ contact_ids: [JANE] },
				TEST_KEYS.otherContacts,
			);
			expect(otherWorkspace.json.error.details.fields.contact_ids).toContain(JANE);
		});

		test("an unknown list, or another workspace's, → 404 not_found (this page's code)", async () => {
			for (const [path, key] of [
				['/v1/lists/list_nope/contacts', undefined],
				['/v1/lists/list-uuid-here/contacts', TEST_KEYS.otherContacts],
			]) {
				const res = await call('POST', path as string, { contact_ids: [] }, key);
				expect([res.status, res.json.error.code]).toEqual([404, 'not_found']);
			}
		});
	});

	describe('remove one contact', () => {
		test('{removed: true, list_id, contact_id}; the contact stays; list.contacts_removed', async () => {
			const res = await call('DELETE', `/v1/lists/list-uuid-here/contacts/${MEMBERS[1]}`);
			expect([res.status, res.json]).toEqual([
				200,
				{ data: { removed: true, list_id: 'list-uuid-here', contact_id: MEMBERS[1] } },
			]);
			expect(members('list-uuid-here')).toEqual([MEMBERS[0], MEMBERS[2]]);
			expect((await call('GET', `/v1/contacts/${MEMBERS[1]}`)).status).toBe(200);
			expect(t.events()).toEqual([
				{
					event: 'list.contacts_removed',
					data: { list_id: 'list-uuid-here', contact_id: MEMBERS[1] },
				},
			]);
		});

		test('404 list_not_found, then 404 membership_not_found', async () => {
			const noList = await call('DELETE', `/v1/lists/list_nope/contacts/${JANE}`);
			expect([noList.status, noList.json.error.code]).toEqual([404, 'list_not_found']);
			for (const contactId of [JANE, 'ghost']) {
				const res = await call('DELETE', `/v1/lists/list-uuid-here/contacts/${contactId}`);
				expect([res.status, res.json.error.code]).toEqual([404, 'membership_not_found']);
			}
			expect(t.events()).toEqual([]);
		});
	});

	describe('delete list', () => {
		test('{deleted: true, id, memberships_removed}; contacts kept; list.deleted', async () => {
			const res = await call('DELETE', '/v1/lists/list-uuid-here');
			expect([res.status, res.json]).toEqual([
				200,
				{ data: { deleted: true, id: 'list-uuid-here', memberships_removed: 3 } },
			]);
			expect(t.sb.lists().map((l) => l.id)).not.toContain('list-uuid-here');
			expect((await call('GET', `/v1/contacts/${MEMBERS[0]}`)).status).toBe(200);
			expect(t.events()).toEqual([
				{ event: 'list.deleted', data: { list: { id: 'list-uuid-here' } } },
			]);
			const again = await call('DELETE', '/v1/lists/list-uuid-here');
			expect([again.status, again.json.error.code]).toEqual([404, 'list_not_found']);
			const members = await call('GET', '/v1/contacts?list_id=list-uuid-here');
			expect(members.json.meta.total).toBe(0);
		});

		test('a campaign for a deleted list → 404 list_not_found (a never-seen list stays 400)', async () => {
			await call('DELETE', '/v1/lists/list_estate_q2');
			const body = { name: 'X', list_id: 'list_estate_q2', template: 'Hi {{name}}' };
			const res = await call('POST', '/v1/campaigns', body);
			expect([res.status, res.json.error.code]).toEqual([404, 'list_not_found']);
			const never = await call('POST', '/v1/campaigns', { ...body, list_id: 'list_nope' });
			expect([never.status, never.json.error.code]).toEqual([400, 'validation_error']);
		});

		test("a campaign created from a list shows the members' names", async () => {
			const created = await call('POST', '/v1/campaigns', {
				name: 'X',
				list_id: 'list-uuid-here',
				template: 'Hi {{name}}',
			});
			const contacts = await call('GET', `/v1/campaigns/${created.json.data.id}/contacts`);
			expect(contacts.json.data.contacts[0]).toMatchObject({
				contact_id: MEMBERS[0],
				full_name: 'Ben Diaz',
				email: 'ben.diaz.1@example.com',
				source: 'list:list-uuid-here',
			});
		});

		test("another workspace's list → 404 list_not_found", async () => {
			const res = await call(
				'DELETE',
				'/v1/lists/list-uuid-here',
				undefined,
				TEST_KEYS.otherContacts,
			);
			expect([res.status, res.json.error.code]).toEqual([404, 'list_not_found']);
			expect(t.sb.lists()).toHaveLength(4);
		});
	});

	test('permissions: GET needs contacts:read, every change contacts:write', async () => {
		const read = await call('GET', '/v1/lists', undefined, t.sb.keys.readOnly);
		expect([read.status, read.json.error.message]).toEqual([
			403,
			'This API key is missing the contacts:read permission',
		]);
		expect((await call('GET', '/v1/lists', undefined, TEST_KEYS.contactsRead)).status).toBe(200);
		for (const [method, path, body] of [
			['POST', '/v1/lists', { name: 'X' }],
			['POST', '/v1/lists/list_empty/contacts', { contact_ids: [JANE] }],
			['DELETE', `/v1/lists/list-uuid-here/contacts/${MEMBERS[0]}`, undefined],
			['DELETE', '/v1/lists/list-uuid-here', undefined],
		] as const) {
			const res = await call(method, path, body, TEST_KEYS.contactsRead);
			expect([path, res.status, res.json.error.message]).toEqual([
				path,
				403,
				'This API key is missing the contacts:write permission',
			]);
		}
		expect(t.sb.lists()).toHaveLength(4);
		expect(t.events()).toEqual([]);
	});

	test('failNext: the list codes have their documented message', async () => {
		t.sb.failNext('DELETE', '/v1/lists/', 404, 'list_not_found');
		t.sb.failNext('DELETE', '/v1/lists/', 404, 'membership_not_found');
		const list = await call('DELETE', '/v1/lists/list_empty');
		const membership = await call('DELETE', `/v1/lists/list-uuid-here/contacts/${JANE}`);
		expect([list.json.error, membership.json.error]).toEqual([
			{ code: 'list_not_found', message: 'No list with this ID' },
			{ code: 'membership_not_found', message: 'The contact is not in this list' },
		]);
	});
});
