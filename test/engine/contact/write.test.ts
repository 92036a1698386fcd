import { runLeadlex } from '../harness';
import { byId, callSandbox, sentBodies, sentRequests, useSandbox } from '../fixtures';
import { apiPath, contactOp, JANE_ID } from './fixtures';

const env = useSandbox();
const paired = { item: 0 };

/** The sandbox's contacts with this email (any case), straight through its API. */
async function contactsWithEmail(email: string) {
	const found = await callSandbox(
		env.sandbox,
		'GET',
		`/v1/contacts?per_page=100&search=${encodeURIComponent(email)}`,
	);
	env.sandbox.requests.length = 0;
	return (found.data.contacts as Array<{ id: string; email: string | null }>).filter(
		(contact) => contact.email?.toLowerCase() === email.toLowerCase(),
	);
}

describe('Contact → Create', () => {
	test('every field in LeadLex’s create names; tags and custom fields shaped; output data', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: contactOp('create', {
				fullName: ' Jane Roe ',
				email: ' jane.roe@example.com ',
				additionalFields: {
					firstName: 'Jane',
					lastName: 'Roe',
					phone: '+1 555 0100',
					jobTitle: 'General Counsel',
					company: 'Acme Legal',
					relatedCompanyId: 'co_1',
					linkedinUrl: 'https://www.linkedin.com/in/jane-roe',
					priority: 'high',
					tags: 'estate, referral,,estate',
					customFields: { field: [{ name: 'matter_type', value: 'Estate planning' }] },
					createdDate: '2026-01-02T03:04:05',
				},
			}),
		});
		expect(result.error).toBeUndefined();
		expect(sentRequests(sandbox)).toEqual([['POST', apiPath(sandbox, '/v1/contacts')]]);
		expect(sentBodies(sandbox)).toEqual([
			{
				full_name: 'Jane Roe',
				email: 'jane.roe@example.com',
				first_name: 'Jane',
				last_name: 'Roe',
				phone: '+1 555 0100',
				job_title: 'General Counsel',
				company: 'Acme Legal',
				related_company_id: 'co_1',
				linkedin_url: 'https://www.linkedin.com/in/jane-roe',
				priority: 'high',
				tags: ['estate', 'referral'],
				custom_fields: { matter_type: 'Estate planning' },
				// The workflow's time zone in the harness is UTC.
				created_date: expect.stringMatching(/^2026-01-02T03:04:05[+-]\d{2}:\d{2}$/),
			},
		]);
		expect(result.items).toEqual([
			{
				json: expect.objectContaining({
					id: expect.any(String),
					full_name: 'Jane Roe',
					email: 'jane.roe@example.com',
				}),
				pairedItem: paired,
			},
		]);
		expect(await contactsWithEmail('jane.roe@example.com')).toHaveLength(1);
	});

	test('an email alone is enough; tags and custom fields from expressions', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: contactOp('create', {
				email: '={{ $json.email }}',
				additionalFields: { tags: '={{ $json.tags }}', customFieldsJson: '={{ $json.custom }}' },
			}),
			items: [{ email: 'only@example.com', tags: ['a', ' b '], custom: { source: 'form' } }],
		});
		expect(result.error).toBeUndefined();
		expect(sentBodies(sandbox)).toEqual([
			{ email: 'only@example.com', tags: ['a', 'b'], custom_fields: { source: 'form' } },
		]);
	});

	test('a first or last name counts as a name', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: contactOp('create', { additionalFields: { lastName: 'Roe' } }),
		});
		expect(result.error).toBeUndefined();
		expect(sentBodies(sandbox)).toEqual([{ last_name: 'Roe' }]);
	});

	test.each([
		[
			'no name and no email',
			{ fullName: ' ', email: '' },
			'The Full Name and Email are both empty',
		],
		[
			'an email that is not one',
			{ email: 'jane at example' },
			'The Email must be an email address',
		],
		[
			'a priority LeadLex does not know',
			{ fullName: 'A', additionalFields: { priority: 'urgent' } },
			'The Priority must be one of high, medium, low',
		],
		[
			'a blank additional field',
			{ fullName: 'A', additionalFields: { phone: '  ' } },
			'The Phone is empty',
		],
		[
			'a LinkedIn URL that is not a web address',
			{ fullName: 'A', additionalFields: { linkedinUrl: 'linkedin.com/in/a' } },
			'The LinkedIn URL must be a web address',
		],
		[
			'a created date that is not one',
			{ fullName: 'A', additionalFields: { createdDate: 'yesterday' } },
			'The Created Date must be a date and time',
		],
	])('%s: refused before any request, naming the field', async (_name, extra, message) => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({ credentials, parameters: contactOp('create', extra) });
		expect(result.error?.message).toContain(message);
		expect(result.error?.message).toContain('Nothing was sent to LeadLex.');
		expect(sandbox.requests).toHaveLength(0);
	});

	test('a key without contacts:write: the permission is named, nothing was created', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials: { ...credentials, apiKey: sandbox.keys.readOnly },
			parameters: contactOp('create', { fullName: 'A' }),
		});
		expect(result.error?.message).toBe(
			'The LeadLex API key lacks the contacts:write permission. A new contact was not created.',
		);
	});
});

describe('Contact → Create or Update', () => {
	test('a new email: searched over LeadLex, then created; created: true', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: contactOp('upsert', { email: 'New.Person@Example.com', fullName: 'New Person' }),
		});
		expect(result.error).toBeUndefined();
		expect(sentRequests(sandbox)).toEqual([
			[
				'GET',
				`${apiPath(sandbox, '/v1/contacts')}?search=New.Person%40Example.com&page=1&per_page=100`,
			],
			['POST', apiPath(sandbox, '/v1/contacts')],
		]);
		expect(sentBodies(sandbox)[1]).toEqual({
			email: 'New.Person@Example.com',
			full_name: 'New Person',
		});
		expect(result.items).toEqual([
			{
				json: expect.objectContaining({ email: 'New.Person@Example.com', created: true }),
				pairedItem: paired,
			},
		]);
	});

	test('an existing email (any case): PATCHed with the update’s names; creation-only fields listed in not_updated', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: contactOp('upsert', {
				email: 'JANE@example.com',
				fullName: 'Jane Example',
				additionalFields: {
					company: 'Acme Legal',
					jobTitle: 'CLO',
					tags: 'vip',
					priority: 'high',
				},
			}),
		});
		expect(result.error).toBeUndefined();
		expect(sentRequests(sandbox).map(([method]) => method)).toEqual(['GET', 'PATCH']);
		expect(sandbox.requests[1].path).toBe(`/v1/contacts/${JANE_ID}`);
		// The email matched: it is not sent again (it could only change its case).
		expect(sentBodies(sandbox)[1]).toEqual({
			full_name: 'Jane Example',
			company_name: 'Acme Legal',
			job_title: 'CLO',
		});
		expect(result.items[0].json).toMatchObject({
			id: JANE_ID,
			created: false,
			not_updated: ['priority', 'tags'],
		});
	});

	test('posted twice with the same email: one contact, the second run updates', async () => {
		const { credentials } = env;
		const parameters = contactOp('upsert', { email: 'twice@example.com', fullName: 'Twice' });
		const first = await runLeadlex({ credentials, parameters });
		const second = await runLeadlex({ credentials, parameters });
		expect([first.items[0].json.created, second.items[0].json.created]).toEqual([true, false]);
		expect(second.items[0].json.id).toBe(first.items[0].json.id);
		expect(await contactsWithEmail('twice@example.com')).toHaveLength(1);
	});

	test('LeadLex’s search is partial and matches names: a name holding the email text is no match, over every page', async () => {
		const { sandbox, credentials } = env;
		const fans = Array.from({ length: 120 }, (_, i) => ({
			full_name: `Fan ${i} of counsel@firm.test`,
			email: `fan${i}@firm.test`,
		}));
		await callSandbox(sandbox, 'POST', '/v1/contacts/bulk', { contacts: fans });
		sandbox.requests.length = 0;
		const result = await runLeadlex({
			credentials,
			parameters: contactOp('upsert', { email: 'counsel@firm.test', fullName: 'Counsel' }),
		});
		expect(result.error).toBeUndefined();
		expect(sentRequests(sandbox).map(([method]) => method)).toEqual(['GET', 'GET', 'POST']);
		expect(result.items[0].json.created).toBe(true);
	});

	test('two contacts with the email: an error naming both, nothing created or updated', async () => {
		const { sandbox, credentials } = env;
		const make = async () =>
			(await callSandbox(sandbox, 'POST', '/v1/contacts', { email: 'dup@example.com' })).data
				.id as string;
		await make();
		await make();
		// In LeadLex's order, as its list gives them.
		const [a, b] = (await contactsWithEmail('dup@example.com')).map((contact) => contact.id);
		const result = await runLeadlex({
			credentials,
			parameters: contactOp('upsert', { email: 'dup@example.com', fullName: 'X' }),
		});
		expect(result.error?.message).toBe(
			`2 LeadLex contacts have the email "dup@example.com" ("${a}", "${b}"), so the node did not know which to update. Nothing was created or updated.`,
		);
		expect(sentRequests(sandbox).map(([method]) => method)).toEqual(['GET']);
	});

	test('a blank or malformed email is refused before any request', async () => {
		const { sandbox, credentials } = env;
		for (const email of [' ', 'not-an-email']) {
			const result = await runLeadlex({
				credentials,
				parameters: contactOp('upsert', { email: '={{ $json.email }}' }),
				items: [{ email }],
			});
			expect(result.error?.message).toMatch(/^The Email (is empty|must be an email address)/);
		}
		expect(sandbox.requests).toHaveLength(0);
	});

	test('an existing contact and nothing to change: no PATCH; LeadLex’s contact as found, created: false', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: contactOp('upsert', { email: 'jane@example.com' }),
		});
		expect(sentRequests(sandbox).map(([method]) => method)).toEqual(['GET']);
		expect(result.items[0].json).toMatchObject({ id: JANE_ID, created: false });
	});

	test('a failed search says that nothing was created or updated', async () => {
		const { sandbox, credentials } = env;
		sandbox.failNext('GET', '/v1/contacts', 503, 'internal_error');
		const result = await runLeadlex({
			credentials,
			parameters: contactOp('upsert', { email: 'x@example.com' }),
		});
		expect(result.error?.message).toBe(
			'LeadLex had a server error (HTTP 503) (while searching LeadLex for the email). The contact with email "x@example.com" was not created or updated.',
		);
		expect(sandbox.requests).toHaveLength(1);
	});

	test('a failed create says the contact may or may not have been created', async () => {
		const { sandbox, credentials } = env;
		sandbox.injectFault({ type: 'reset' }, { method: 'POST', pathIncludes: '/v1/contacts' });
		const result = await runLeadlex({
			credentials,
			parameters: contactOp('upsert', { email: 'lost@example.com' }),
		});
		expect(result.error?.message).toContain(
			'The contact with email "lost@example.com" may or may not have been created',
		);
		// A create carries no Idempotency-Key: it is not sent again.
		expect(sentRequests(sandbox).map(([method]) => method)).toEqual(['GET', 'POST']);
	});
});

describe('Contact → Update', () => {
	test('PATCH with LeadLex’s update names (company → company_name, Append Note → notes)', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: contactOp('update', {
				contactId: byId(JANE_ID),
				updateFields: {
					fullName: 'Jane Q. Example',
					email: 'jane.q@example.com',
					phone: '+1 555 0101',
					jobTitle: 'Chief Legal Officer',
					company: 'Acme',
					linkedinUrl: 'https://www.linkedin.com/in/janeq',
					appendNote: 'Promoted to CLO in Q1 2026',
				},
			}),
		});
		expect(result.error).toBeUndefined();
		expect(sentRequests(sandbox)).toEqual([['PATCH', apiPath(sandbox, `/v1/contacts/${JANE_ID}`)]]);
		expect(sentBodies(sandbox)).toEqual([
			{
				full_name: 'Jane Q. Example',
				email: 'jane.q@example.com',
				phone: '+1 555 0101',
				job_title: 'Chief Legal Officer',
				company_name: 'Acme',
				linkedin_url: 'https://www.linkedin.com/in/janeq',
				notes: 'Promoted to CLO in Q1 2026',
			},
		]);
		expect(result.items[0].json).toMatchObject({ id: JANE_ID, full_name: 'Jane Q. Example' });
	});

	test.each([
		['nothing set', {}, 'The Update Fields are empty'],
		['a set field that is empty', { jobTitle: ' ' }, 'The Job Title is empty'],
		['an email that is not one', { email: 'x' }, 'The Email must be an email address'],
	])('%s: refused before any request', async (_name, updateFields, message) => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: contactOp('update', { contactId: byId(JANE_ID), updateFields }),
		});
		expect(result.error?.message).toContain(message);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('an unknown contact: LeadLex’s 404 not_found, named, not updated', async () => {
		const { credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: contactOp('update', {
				contactId: byId('no-such-contact'),
				updateFields: { phone: '1' },
			}),
		});
		expect(result.error?.message).toBe(
			'Contact "no-such-contact" was not found in LeadLex (HTTP 404 not_found). Contact "no-such-contact" was not updated.',
		);
	});

	test('an ID that would change the path is refused, naming the Contact ID', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: contactOp('update', { contactId: byId('..'), updateFields: { phone: '1' } }),
		});
		expect(result.error?.message).toBe(
			'The Contact ID is "..", which would change the request path. Nothing was sent to LeadLex.',
		);
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('Contact → Delete', () => {
	test('bulk delete with one ID and an Idempotency-Key: {deleted: true, id}', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: contactOp('delete', { contactId: byId(JANE_ID) }),
		});
		expect(result.error).toBeUndefined();
		expect(sentRequests(sandbox)).toEqual([['POST', apiPath(sandbox, '/v1/contacts/bulk-delete')]]);
		expect(sentBodies(sandbox)).toEqual([{ contact_ids: [JANE_ID] }]);
		expect(sandbox.requests[0].headers['idempotency-key']).toMatch(
			/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
		);
		expect(result.items).toEqual([{ json: { deleted: true, id: JANE_ID }, pairedItem: paired }]);
		expect(await contactsWithEmail('jane@example.com')).toHaveLength(0);
	});

	test('an unknown contact: an error, or {deleted: false} with Ignore Not Found', async () => {
		const { credentials } = env;
		const strict = await runLeadlex({
			credentials,
			parameters: contactOp('delete', { contactId: byId('gone') }),
		});
		expect(strict.error?.message).toBe(
			'Contact "gone" was not found in LeadLex (not_found_count 1). Contact "gone" was not deleted.',
		);
		const lenient = await runLeadlex({
			credentials,
			parameters: contactOp('delete', {
				contactId: byId('gone'),
				options: { ignoreNotFound: true },
			}),
		});
		expect(lenient.items.map((item) => item.json)).toEqual([{ deleted: false, id: 'gone' }]);
	});

	test('each item has its own Idempotency-Key', async () => {
		const { sandbox, credentials } = env;
		await runLeadlex({
			credentials,
			parameters: contactOp('delete', { contactId: '={{ $json.id }}' }),
			items: [{ id: JANE_ID }, { id: 'gone-1' }],
			onError: 'continueRegularOutput',
		});
		const keys = sandbox.requests.map((request) => request.headers['idempotency-key']);
		expect(keys).toHaveLength(2);
		expect(new Set(keys).size).toBe(2);
	});
});
