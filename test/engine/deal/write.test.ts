import { runLeadlex } from '../harness';
import { byId, fromList, sentBodies, sentRequests, useSandbox } from '../fixtures';
import {
	apiPath,
	dealCount,
	dealOp,
	JANE_DEAL_ID,
	JANE_ID,
	readDeal,
	SEEDED_DEALS,
	TRUST_DEAL_ID,
} from './fixtures';

const env = useSandbox();
const paired = { item: 0 };

/** Every Additional Field set, as the form saves them. */
const EVERY_FIELD = {
	stage: ' Consultation ',
	status: 'won',
	pipeline: 'Estate Planning',
	estimatedValue: 1500.5,
	contactId: fromList(JANE_ID),
	ownerId: ' user_1 ',
	priority: 'urgent',
	dealType: 'm&a',
	notes: 'Met at the seminar',
	tags: 'estate, referral,,estate',
	description: 'Will and trust',
	followUpDate: '2026-05-01T09:00:00',
	probability: 75,
	currency: 'usd',
	relatedCompanyId: 'co_1',
	relationshipPartnerId: 'user_2',
	matterLeadId: 'user_3',
	teamMemberIds: 'user_4, user_5, user_4',
	feeModel: 'retainer',
};

/** What LeadLex's create page calls each of them (the aliases in the request's names). */
const EVERY_FIELD_SENT = {
	stage: 'Consultation',
	status: 'won',
	pipeline: 'Estate Planning',
	estimated_value: 1500.5,
	contact_id: JANE_ID,
	owner_id: 'user_1',
	priority: 'urgent',
	deal_type: 'm&a',
	notes: 'Met at the seminar',
	tags: ['estate', 'referral'],
	description: 'Will and trust',
	// The workflow's time zone in the harness is n8n's default, America/New_York.
	follow_up_date: '2026-05-01T09:00:00-04:00',
	probability: 75,
	currency: 'USD',
	related_company_id: 'co_1',
	relationship_partner_id: 'user_2',
	matter_lead_id: 'user_3',
	team_member_ids: ['user_4', 'user_5'],
	fee_model: 'retainer',
};

describe('Deal → Create', () => {
	test('POST /v1/deals with every field in the create page’s names (contact_id, owner_id, deal_type, related_company_id); output data', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: dealOp('create', { name: ' Roe Estate ', additionalFields: EVERY_FIELD }),
		});
		expect(result.error).toBeUndefined();
		expect(sentRequests(sandbox)).toEqual([['POST', apiPath(sandbox, '/v1/deals')]]);
		expect(sentBodies(sandbox)).toEqual([{ name: 'Roe Estate', ...EVERY_FIELD_SENT }]);
		const json = result.items[0].json;
		expect(result.items).toEqual([{ json: expect.any(Object), pairedItem: paired }]);
		// LeadLex's deal object, unchanged: the response names of the aliased fields.
		expect(json).toMatchObject({
			id: expect.any(String),
			name: 'Roe Estate',
			status: 'won',
			main_contact_id: JANE_ID,
			owner_user_id: 'user_1',
			matter_type: 'm&a',
			related_company_id: 'co_1',
			high_level_description: 'Will and trust',
			next_follow_up_date: '2026-05-01T09:00:00-04:00',
		});
		expect(await dealCount(sandbox)).toBe(SEEDED_DEALS + 1);
	});

	test('the name alone; the Contact picker By ID and from an expression', async () => {
		const { sandbox, credentials } = env;
		const plain = await runLeadlex({ credentials, parameters: dealOp('create', { name: 'Only' }) });
		expect(plain.error).toBeUndefined();
		const picked = await runLeadlex({
			credentials,
			parameters: dealOp('create', {
				name: 'Picked',
				additionalFields: { contactId: byId('={{ $json.contact }}') },
			}),
			items: [{ contact: ` ${JANE_ID} ` }],
		});
		expect(picked.error).toBeUndefined();
		expect(sentBodies(sandbox)).toEqual([
			{ name: 'Only' },
			{ name: 'Picked', contact_id: JANE_ID },
		]);
		expect(plain.items[0].json.status).toBe('active');
	});

	test("$fromAI fills every field, as n8n's AI Agent calls the tool", async () => {
		const { sandbox, credentials } = env;
		const ai = (key: string) => `={{ $fromAI('${key}', 'The ${key}') }}`;
		const additionalFields = Object.fromEntries(
			Object.keys(EVERY_FIELD).map((key) => [key, key === 'contactId' ? byId(ai(key)) : ai(key)]),
		);
		const result = await runLeadlex({
			credentials,
			parameters: dealOp('create', { name: ai('name'), additionalFields }),
			items: [
				{
					...EVERY_FIELD,
					contactId: JANE_ID,
					name: 'Agent deal',
					tags: ['estate', 'referral'],
					teamMemberIds: ['user_4', 'user_5'],
				},
			],
		});
		expect(result.error).toBeUndefined();
		expect(sentBodies(sandbox)).toEqual([{ name: 'Agent deal', ...EVERY_FIELD_SENT }]);
	});

	test.each([
		['no name', { name: '  ' }, 'The Name is empty'],
		[
			'a name that is not text',
			{ name: '={{ {} }}' },
			'The Name must be text, but it is an object',
		],
		[
			'a status LeadLex does not take',
			{ additionalFields: { status: 'open' } },
			'The Status must be one of active, won, lost, but it is "open"',
		],
		[
			'a priority LeadLex does not know',
			{ additionalFields: { priority: 'asap' } },
			'The Priority must be one of low, medium, high, urgent, but it is "asap"',
		],
		[
			'a fee model LeadLex does not know',
			{ additionalFields: { feeModel: 'barter' } },
			'The Fee Model must be one of hourly, fixed, contingency, retainer, but it is "barter"',
		],
		[
			'a probability above 100',
			{ additionalFields: { probability: 150 } },
			'The Probability must be a whole number from 0 to 100, but it is 150',
		],
		[
			'a probability that is not whole',
			{ additionalFields: { probability: 12.5 } },
			'The Probability must be a whole number from 0 to 100, but it is 12.5',
		],
		[
			'a negative estimated value',
			{ additionalFields: { estimatedValue: -1 } },
			'The Estimated Value must be a number of 0 or more, but it is -1',
		],
		[
			'an estimated value that is not a number',
			{ additionalFields: { estimatedValue: '={{ "lots" }}' } },
			'The Estimated Value must be a number of 0 or more, but it is "lots"',
		],
		[
			'a currency that is not a code',
			{ additionalFields: { currency: 'dollars' } },
			'The Currency must be a three-letter currency code such as USD, but it is "dollars"',
		],
		[
			'a follow-up date that is not one',
			{ additionalFields: { followUpDate: 'next week' } },
			'The Follow-Up Date must be a date and time such as 2026-04-17T14:30:00, but it is "next week"',
		],
		['a blank stage', { additionalFields: { stage: ' ' } }, 'The Stage is empty'],
		['a blank contact', { additionalFields: { contactId: byId(' ') } }, 'The Contact ID is empty'],
		['a blank owner', { additionalFields: { ownerId: '' } }, 'The Owner ID is empty'],
		[
			'an owner ID over 1,024 characters',
			{ additionalFields: { ownerId: 'o'.repeat(1025) } },
			'The Owner ID is 1025 characters long (at most 1024)',
		],
		[
			'a related company ID with control characters',
			{ additionalFields: { relatedCompanyId: '={{ "acme\\n" + "x" }}' } },
			'The Related Company ID contains control characters',
		],
		[
			'tags with nothing in them',
			{ additionalFields: { tags: ' , ' } },
			'The Tags contain no value',
		],
		[
			'team member IDs with none',
			{ additionalFields: { teamMemberIds: ',' } },
			'The Team Member IDs contain no ID',
		],
	])('%s: refused before any request, naming the field', async (_name, extra, message) => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: dealOp('create', { name: 'A', ...extra }),
		});
		expect(result.error?.message).toBe(`${message}. Nothing was sent to LeadLex.`);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('LeadLex’s 400 validation_error: its field messages, and that nothing was created', async () => {
		const { credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: dealOp('create', {
				name: 'A',
				additionalFields: { contactId: byId('no-such-contact') },
			}),
		});
		expect(result.error?.message).toBe(
			'LeadLex refused the request for a new deal (HTTP 400 validation_error): LeadLex said "Invalid or unknown fields: contact_id" (contact_id: "Not a contact of this workspace"). A new deal was not created.',
		);
		expect(result.error?.description).toContain('a deal needs a name');
	});

	test('a lost answer: not repeated, and the message says the deal may have been created', async () => {
		const { sandbox, credentials } = env;
		sandbox.injectFault({ type: 'reset' }, { method: 'POST' });
		const result = await runLeadlex({ credentials, parameters: dealOp('create', { name: 'A' }) });
		expect(result.error?.message).toContain(
			'A new deal may or may not have been created: running the workflow again may create the deal twice. Look for it with Get Many first.',
		);
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.requests[0].headers['idempotency-key']).toBeUndefined();
	});
});

describe('Deal → Update', () => {
	test('PATCH /v1/deals/{id} with only the fields set, in the create page’s names; output data', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: dealOp('update', {
				dealId: byId(JANE_DEAL_ID),
				updateFields: {
					name: ' Renamed Plan ',
					stage: 'Engaged',
					status: 'won',
					ownerId: 'user_9',
					dealType: 'wills',
				},
			}),
		});
		expect(result.error).toBeUndefined();
		expect(sentRequests(sandbox)).toEqual([
			['PATCH', apiPath(sandbox, `/v1/deals/${JANE_DEAL_ID}`)],
		]);
		expect(sentBodies(sandbox)).toEqual([
			{
				name: 'Renamed Plan',
				stage: 'Engaged',
				status: 'won',
				owner_id: 'user_9',
				deal_type: 'wills',
			},
		]);
		expect(result.items).toEqual([
			{
				json: expect.objectContaining({
					id: JANE_DEAL_ID,
					name: 'Renamed Plan',
					stage: 'Engaged',
					status: 'won',
					owner_user_id: 'user_9',
					matter_type: 'wills',
				}),
				pairedItem: paired,
			},
		]);
	});

	test('every field, as Create sends them', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: dealOp('update', { dealId: byId(JANE_DEAL_ID), updateFields: EVERY_FIELD }),
		});
		expect(result.error).toBeUndefined();
		expect(sentBodies(sandbox)).toEqual([EVERY_FIELD_SENT]);
	});

	test('Tags Mode Replace (the default): one PATCH, no read; LeadLex replaces the tags', async () => {
		const { sandbox, credentials } = env;
		for (const options of [{}, { tagsMode: 'replace' }]) {
			sandbox.requests.length = 0;
			const result = await runLeadlex({
				credentials,
				parameters: dealOp('update', {
					dealId: byId(JANE_DEAL_ID),
					updateFields: { tags: 'vip' },
					options,
				}),
			});
			expect(result.error).toBeUndefined();
			expect(sentRequests(sandbox).map(([method]) => method)).toEqual(['PATCH']);
			expect(sentBodies(sandbox)).toEqual([{ tags: ['vip'] }]);
		}
		expect((await readDeal(sandbox, JANE_DEAL_ID)).tags).toEqual(['vip']);
	});

	test('Tags Mode Add: reads the deal, then sends its tags plus the new ones (the union)', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: dealOp('update', {
				dealId: byId(JANE_DEAL_ID),
				updateFields: { tags: 'vip, referral', stage: 'Engaged' },
				options: { tagsMode: 'add' },
			}),
		});
		expect(result.error).toBeUndefined();
		expect(sentRequests(sandbox)).toEqual([
			['GET', apiPath(sandbox, `/v1/deals/${JANE_DEAL_ID}`)],
			['PATCH', apiPath(sandbox, `/v1/deals/${JANE_DEAL_ID}`)],
		]);
		expect(sentBodies(sandbox)[1]).toEqual({
			tags: ['estate-planning', 'referral', 'vip'],
			stage: 'Engaged',
		});
		expect(result.items.map((item) => item.json.tags)).toEqual([
			['estate-planning', 'referral', 'vip'],
		]);
	});

	test('Tags Mode Remove: reads the deal, then sends its tags without the ones given (the difference)', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: dealOp('update', {
				dealId: byId(JANE_DEAL_ID),
				updateFields: { tags: 'referral, not-there' },
				options: { tagsMode: 'remove' },
			}),
		});
		expect(result.error).toBeUndefined();
		expect(sentRequests(sandbox).map(([method]) => method)).toEqual(['GET', 'PATCH']);
		expect(sentBodies(sandbox)[1]).toEqual({ tags: ['estate-planning'] });
		expect((await readDeal(sandbox, JANE_DEAL_ID)).tags).toEqual(['estate-planning']);
	});

	test('Tags Mode Remove of every tag sends an empty list', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: dealOp('update', {
				dealId: byId(TRUST_DEAL_ID),
				updateFields: { tags: 'estate-planning' },
				options: { tagsMode: 'remove' },
			}),
		});
		expect(result.error).toBeUndefined();
		expect(sentBodies(sandbox)[1]).toEqual({ tags: [] });
	});

	test('Tags Mode Add without Tags: no read, the other fields sent', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: dealOp('update', {
				dealId: byId(JANE_DEAL_ID),
				updateFields: { priority: 'low' },
				options: { tagsMode: 'add' },
			}),
		});
		expect(result.error).toBeUndefined();
		expect(sentRequests(sandbox).map(([method]) => method)).toEqual(['PATCH']);
		expect(sentBodies(sandbox)).toEqual([{ priority: 'low' }]);
	});

	test('the read failing: named, and the deal was not updated (no PATCH)', async () => {
		const { sandbox, credentials } = env;
		const parameters = dealOp('update', {
			dealId: byId(JANE_DEAL_ID),
			updateFields: { tags: 'vip' },
			options: { tagsMode: 'add' },
		});
		sandbox.failNext('GET', '/v1/deals/', 403, 'insufficient_permissions');
		const refused = await runLeadlex({ credentials, parameters });
		expect(refused.error?.message).toBe(
			`The LeadLex API key lacks the deals:read permission (while reading the deal's tags). Deal "${JANE_DEAL_ID}" was not updated.`,
		);
		sandbox.failNext('GET', '/v1/deals/', 503, 'internal_error');
		const failed = await runLeadlex({ credentials, parameters });
		expect(failed.error?.message).toBe(
			`LeadLex had a server error (HTTP 503) (while reading the deal's tags). Deal "${JANE_DEAL_ID}" was not updated.`,
		);
		expect(sentRequests(sandbox).map(([method]) => method)).toEqual(['GET', 'GET']);
	});

	test('an unknown deal with Tags Mode Add: not found on the read, not updated', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: dealOp('update', {
				dealId: byId('no-such-deal'),
				updateFields: { tags: 'vip' },
				options: { tagsMode: 'add' },
			}),
		});
		expect(result.error?.message).toBe(
			`Deal "no-such-deal" was not found in LeadLex (HTTP 404 not_found) (while reading the deal's tags). Deal "no-such-deal" was not updated.`,
		);
		expect(sandbox.requests).toHaveLength(1);
	});

	test('a deal read without tags (none, or null): Add sends the new tags; tags that are not a list are refused', async () => {
		const { sandbox, credentials } = env;
		const answerDeal = (deal: Record<string, unknown>) =>
			sandbox.injectFault(
				{
					type: 'response',
					status: 200,
					body: JSON.stringify({ data: { deal: { id: JANE_DEAL_ID, name: 'x', ...deal } } }),
					contentType: 'application/json',
				},
				{ method: 'GET' },
			);
		const addVip = dealOp('update', {
			dealId: byId(JANE_DEAL_ID),
			updateFields: { tags: 'vip' },
			options: { tagsMode: 'add' },
		});
		for (const deal of [{}, { tags: null }]) {
			sandbox.reset();
			answerDeal(deal);
			const result = await runLeadlex({ credentials, parameters: addVip });
			expect(result.error).toBeUndefined();
			expect(sentBodies(sandbox)[1]).toEqual({ tags: ['vip'] });
		}
		sandbox.reset();
		answerDeal({ tags: 'vip' });
		const refused = await runLeadlex({ credentials, parameters: addVip });
		expect(refused.error?.message).toBe(
			`LeadLex's deal has no list of tags (data.deal.tags), so the node could not add to them or remove from them. Deal "${JANE_DEAL_ID}" was not updated.`,
		);
		expect(sentRequests(sandbox).map(([method]) => method)).toEqual(['GET']);
	});

	test.each([
		['nothing set', {}, {}, 'The Update Fields are empty: add at least one field to change'],
		['a blank field', { pipeline: ' ' }, {}, 'The Pipeline is empty'],
		['a blank name', { name: '' }, {}, 'The Name is empty'],
		['a status LeadLex does not take', { status: 'open' }, {}, 'The Status must be one of'],
		[
			'a tags mode the node does not know',
			{ tags: 'a' },
			{ tagsMode: 'merge' },
			'The Tags Mode must be one of replace, add, remove, but it is "merge"',
		],
	])('%s: refused before any request', async (_name, updateFields, options, message) => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: dealOp('update', { dealId: byId(JANE_DEAL_ID), updateFields, options }),
		});
		expect(result.error?.message).toContain(message);
		expect(result.error?.message).toContain('Nothing was sent to LeadLex.');
		expect(sandbox.requests).toHaveLength(0);
	});

	test('404 deal_not_found (the delete page’s code): the deal named, not updated', async () => {
		const { sandbox, credentials } = env;
		sandbox.failNext('PATCH', '/v1/deals/', 404, 'deal_not_found', 'Deal not found');
		const result = await runLeadlex({
			credentials,
			parameters: dealOp('update', { dealId: byId('gone'), updateFields: { stage: 'x' } }),
		});
		expect(result.error?.message).toBe(
			'Deal "gone" was not found in LeadLex (HTTP 404 deal_not_found). Deal "gone" was not updated.',
		);
		expect(result.error?.description).toContain('Check the deal ID.');
	});

	test('404 not_found (LeadLex’s documented code): the deal, or a record the update names; LeadLex’s text shown', async () => {
		const { sandbox, credentials } = env;
		sandbox.failNext('PATCH', '/v1/deals/', 404, 'not_found', 'Contact not found');
		const result = await runLeadlex({
			credentials,
			parameters: dealOp('update', { dealId: byId('gone'), updateFields: { stage: 'x' } }),
		});
		expect(result.error?.message).toBe(
			'Deal "gone" was not found in LeadLex, or a record the update names was not (HTTP 404 not_found): LeadLex said "Contact not found". Deal "gone" was not updated.',
		);
		expect(result.error?.description).toContain('Check the deal ID and the IDs the update names');
	});

	test('an ID that would change the path is refused, naming the Deal ID', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: dealOp('update', { dealId: byId('..'), updateFields: { stage: 'x' } }),
		});
		expect(result.error?.message).toBe(
			'The Deal ID is "..", which would change the request path. Nothing was sent to LeadLex.',
		);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('a lost answer: not repeated; the deal may or may not have been updated', async () => {
		const { sandbox, credentials } = env;
		sandbox.injectFault({ type: 'reset' }, { method: 'PATCH' });
		const result = await runLeadlex({
			credentials,
			parameters: dealOp('update', { dealId: byId(JANE_DEAL_ID), updateFields: { stage: 'x' } }),
		});
		expect(result.error?.message).toContain(
			`Deal "${JANE_DEAL_ID}" may or may not have been updated: check it in LeadLex before running the workflow again.`,
		);
		expect(sandbox.requests).toHaveLength(1);
	});
});

describe('Deal → Delete', () => {
	test('DELETE /v1/deals/{id}: {deleted: true, id}', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: dealOp('delete', { dealId: byId(JANE_DEAL_ID) }),
		});
		expect(result.error).toBeUndefined();
		expect(sentRequests(sandbox)).toEqual([
			['DELETE', apiPath(sandbox, `/v1/deals/${JANE_DEAL_ID}`)],
		]);
		expect(result.items).toEqual([
			{ json: { deleted: true, id: JANE_DEAL_ID }, pairedItem: paired },
		]);
		expect(await dealCount(sandbox)).toBe(SEEDED_DEALS - 1);
	});

	test('404 deal_not_found: an error, or {deleted: false, id} with Ignore Not Found', async () => {
		const { credentials } = env;
		const strict = await runLeadlex({
			credentials,
			parameters: dealOp('delete', { dealId: byId('gone') }),
		});
		expect(strict.error?.message).toBe(
			'Deal "gone" was not found in LeadLex (HTTP 404 deal_not_found). Deal "gone" was not deleted.',
		);
		expect(strict.error?.description).toContain(
			'To treat that as success, turn on Options → Ignore Not Found.',
		);
		const lenient = await runLeadlex({
			credentials,
			parameters: dealOp('delete', { dealId: byId('gone'), options: { ignoreNotFound: true } }),
		});
		expect(lenient.items).toEqual([{ json: { deleted: false, id: 'gone' }, pairedItem: paired }]);
	});

	test('404 not_found (the generic code) is a missing deal too, also for Ignore Not Found', async () => {
		const { sandbox, credentials } = env;
		sandbox.failNext('DELETE', '/v1/deals/', 404, 'not_found');
		const strict = await runLeadlex({
			credentials,
			parameters: dealOp('delete', { dealId: byId('gone') }),
		});
		expect(strict.error?.message).toBe(
			'Deal "gone" was not found in LeadLex (HTTP 404 not_found). Deal "gone" was not deleted.',
		);
		sandbox.failNext('DELETE', '/v1/deals/', 404, 'not_found');
		const lenient = await runLeadlex({
			credentials,
			parameters: dealOp('delete', { dealId: byId('gone'), options: { ignoreNotFound: true } }),
		});
		expect(lenient.items.map((item) => item.json)).toEqual([{ deleted: false, id: 'gone' }]);
	});

	test('an empty 2xx or 204 means deleted', async () => {
		const { sandbox, credentials } = env;
		sandbox.injectFault({ type: 'response', status: 204, body: '' }, { method: 'DELETE' });
		const result = await runLeadlex({
			credentials,
			parameters: dealOp('delete', { dealId: byId(TRUST_DEAL_ID) }),
		});
		expect(result.items.map((item) => item.json)).toEqual([{ deleted: true, id: TRUST_DEAL_ID }]);
	});

	test('a blank Deal ID is refused before any request', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: dealOp('delete', { dealId: byId('  ') }),
		});
		expect(result.error?.message).toBe('The Deal ID is empty. Nothing was sent to LeadLex.');
		expect(sandbox.requests).toHaveLength(0);
	});

	test('a lost answer: not repeated (DELETE carries no Idempotency-Key); may or may not have been deleted', async () => {
		const { sandbox, credentials } = env;
		sandbox.injectFault({ type: 'reset' }, { method: 'DELETE' });
		const result = await runLeadlex({
			credentials,
			parameters: dealOp('delete', { dealId: byId(JANE_DEAL_ID) }),
		});
		expect(result.error?.message).toContain(
			`Deal "${JANE_DEAL_ID}" may or may not have been deleted`,
		);
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.requests[0].headers['idempotency-key']).toBeUndefined();
	});
});
