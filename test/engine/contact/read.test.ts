import { runLeadlex, searchList } from '../harness';
import { byId, callSandbox, fromList, sentRequests, useSandbox } from '../fixtures';
import { apiPath, contactOp, JANE_ID } from './fixtures';

const env = useSandbox();

describe('Contact → Get', () => {
	test('Simplify (on by default): the ten fields n8n’s convention allows', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: contactOp('get', { contactId: fromList(JANE_ID) }),
		});
		expect(result.error).toBeUndefined();
		expect(sentRequests(sandbox)).toEqual([['GET', apiPath(sandbox, `/v1/contacts/${JANE_ID}`)]]);
		expect(Object.keys(result.items[0].json).sort()).toEqual(
			[
				'id',
				'full_name',
				'email',
				'phone',
				'job_title',
				'company',
				'priority',
				'tags',
				'created_date',
				'updated_date',
			].sort(),
		);
		expect(result.items[0].json).toMatchObject({ id: JANE_ID, email: 'jane@example.com' });
	});

	test('Simplify off, Include: LeadLex’s contact unchanged, with its notes, tasks and deals', async () => {
		const { sandbox, credentials } = env;
		const expected = (
			await callSandbox(sandbox, 'GET', `/v1/contacts/${JANE_ID}?include=notes,tasks,deals`)
		).data;
		sandbox.requests.length = 0;
		const result = await runLeadlex({
			credentials,
			parameters: contactOp('get', {
				contactId: byId(JANE_ID),
				simplify: false,
				options: { include: ['notes', 'tasks', 'deals'] },
			}),
		});
		expect(sentRequests(sandbox)).toEqual([
			['GET', `${apiPath(sandbox, `/v1/contacts/${JANE_ID}`)}?include=notes%2Ctasks%2Cdeals`],
		]);
		expect(result.items.map((item) => item.json)).toEqual([expected]);
		expect(expected.recent_notes.length).toBeGreaterThan(0);
	});

	test('another workspace’s contact is a 404 not_found, named', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials: { ...credentials, apiKey: sandbox.keys.otherWorkspace },
			parameters: contactOp('get', { contactId: byId(JANE_ID) }),
		});
		expect(result.error?.message).toMatch(
			/^(Contact "123e4567-e89b-12d3-a456-426614174000" was not found in LeadLex \(HTTP 404 not_found\)|The LeadLex API key lacks the contacts:read permission)$/,
		);
	});

	test('a key without contacts:read: the permission is named', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials: { ...credentials, apiKey: sandbox.keys.readOnly },
			parameters: contactOp('get', { contactId: byId(JANE_ID) }),
		});
		expect(result.error?.message).toBe('The LeadLex API key lacks the contacts:read permission');
	});
});

describe('Contact → Get Many', () => {
	test('Limit 5: one request of 5; filters and sort in LeadLex’s names, the date with its offset', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: contactOp('getAll', {
				limit: 5,
				filters: {
					search: ' ava ',
					listId: 'list_estate_q2',
					createdAfter: '2020-01-02T03:04:05',
				},
				sort: '-full_name',
			}),
		});
		expect(result.error).toBeUndefined();
		const [[method, url]] = sentRequests(sandbox);
		expect(method).toBe('GET');
		const query = new URL(url, 'http://x').searchParams;
		expect(Object.fromEntries(query)).toEqual({
			search: 'ava',
			list_id: 'list_estate_q2',
			created_after: expect.stringMatching(/^2020-01-02T03:04:05[+-]\d{2}:\d{2}$/),
			sort: '-full_name',
			page: '1',
			per_page: '5',
		});
	});

	test('Return All: every page of 100, until meta.total', async () => {
		const { sandbox, credentials } = env;
		const total = (await callSandbox(sandbox, 'GET', '/v1/contacts?per_page=1')).meta.total;
		sandbox.requests.length = 0;
		const result = await runLeadlex({
			credentials,
			parameters: contactOp('getAll', { returnAll: true }),
		});
		expect(result.items).toHaveLength(total);
		expect(sandbox.requests).toHaveLength(Math.ceil(total / 100));
		expect(new Set(result.items.map((item) => item.json.id)).size).toBe(total);
	});

	test('Email: exact and not case-sensitive, after searching LeadLex with it', async () => {
		const { sandbox, credentials } = env;
		await callSandbox(sandbox, 'POST', '/v1/contacts', {
			full_name: 'Not jane@example.com',
			email: 'other@example.com',
		});
		sandbox.requests.length = 0;
		const result = await runLeadlex({
			credentials,
			parameters: contactOp('getAll', { limit: 10, filters: { email: 'JANE@Example.com' } }),
		});
		expect(result.items.map((item) => item.json.id)).toEqual([JANE_ID]);
		expect(new URL(sandbox.requests[0].rawPath, 'http://x').searchParams.get('search')).toBe(
			'JANE@Example.com',
		);
	});

	test.each([
		['a created date that is not one', { filters: { createdAfter: 'soon' } }, 'Created After'],
		['a sort LeadLex does not know', { sort: 'email' }, 'Sort'],
		['a Limit of 0', { limit: 0 }, 'Limit'],
	])('%s: refused before any request', async (_name, extra, field) => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({ credentials, parameters: contactOp('getAll', extra) });
		expect(result.error?.message).toContain(`The ${field} `);
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('Contact → Get Notes', () => {
	test('one item per note; Limit asks only for what it needs', async () => {
		const { sandbox, credentials } = env;
		const all = (await callSandbox(sandbox, 'GET', `/v1/contacts/${JANE_ID}/notes`)).data.notes;
		sandbox.requests.length = 0;
		const result = await runLeadlex({
			credentials,
			parameters: contactOp('getNotes', { contactId: byId(JANE_ID), limit: 2 }),
		});
		expect(result.items.map((item) => item.json)).toEqual(all.slice(0, 2));
		expect(sentRequests(sandbox)).toEqual([
			['GET', `${apiPath(sandbox, `/v1/contacts/${JANE_ID}/notes`)}?page=1&per_page=2`],
		]);
	});

	test('an unknown contact: named in the message', async () => {
		const { credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: contactOp('getNotes', { contactId: byId('nobody'), returnAll: true }),
		});
		expect(result.error?.message).toBe(
			'Contact "nobody" was not found in LeadLex (HTTP 404 not_found)',
		);
	});
});

describe('the contact picker', () => {
	test('finds a contact by part of its email, shown with name and email', async () => {
		const { sandbox, credentials } = env;
		const found = await searchList('searchContacts', { credentials, filter: 'jane@exa' });
		expect(found.results).toContainEqual({
			name: 'Jane Example (jane@example.com)',
			value: JANE_ID,
		});
		expect(new URL(sandbox.requests[0].rawPath, 'http://x').searchParams.get('search')).toBe(
			'jane@exa',
		);
	});
});
