import type { INodeParameters } from 'n8n-workflow';
import { runLeadlex } from '../harness';
import { byId, callSandbox, fromList, sentBodies, sentRequests, useSandbox } from '../fixtures';
import { apiPath, JANE_ID } from '../contact/fixtures';
import { ACME_LEGAL, ACME_LOGISTICS, CEDAR, op } from '../company/fixtures';
import { HARBOR_DEAL_ID } from '../deal/fixtures';

const env = useSandbox();
const note = (extra: INodeParameters) => op('note', 'create', { title: 'Call recap', ...extra });
/** The seeded contacts named Cleo Garcia, in LeadLex's (the sandbox's) order. */
const cleoGarcias = () =>
	env.sandbox
		.contacts()
		.filter((contact) => contact.full_name === 'Cleo Garcia')
		.map((contact) => contact.id);

describe('Note → Create', () => {
	test('for a contact (picker), every field in LeadLex’s names; output data; in the contact’s notes', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: note({
				title: ' Call recap ',
				content: 'Discussed the trust.\n',
				contactId: fromList(JANE_ID),
				additionalFields: {
					noteType: 'call',
					tags: 'estate, trust,,estate',
					isPinned: true,
					createdDate: '2026-04-19T10:00:00',
				},
			}),
		});
		expect(result.error).toBeUndefined();
		expect(sentRequests(sandbox)).toEqual([['POST', apiPath(sandbox, '/v1/notes')]]);
		expect(sentBodies(sandbox)).toEqual([
			{
				title: 'Call recap',
				content: 'Discussed the trust.\n',
				contact_id: JANE_ID,
				note_type: 'call',
				tags: ['estate', 'trust'],
				is_pinned: true,
				// The harness runs in n8n's default time zone, America/New_York.
				created_date: '2026-04-19T10:00:00-04:00',
			},
		]);
		expect(sandbox.requests[0].headers['idempotency-key']).toBeUndefined();
		const id = result.items[0].json.id;
		expect(result.items).toEqual([
			{
				json: {
					id: expect.any(String),
					title: 'Call recap',
					content: 'Discussed the trust.\n',
					note_type: 'call',
					tags: ['estate', 'trust'],
					is_pinned: true,
					contact_id: JANE_ID,
					related_company_id: null,
					deal_id: null,
					created_date: '2026-04-19T10:00:00-04:00',
					updated_date: expect.any(String),
				},
				pairedItem: { item: 0 },
			},
		]);
		const notes = await callSandbox(sandbox, 'GET', `/v1/contacts/${JANE_ID}/notes`);
		expect(notes.data.notes.map((entry: { id: string }) => entry.id)).toContain(id);
	});

	test('a company and a deal (pickers): related_company_id (the documented name) and deal_id', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: note({ companyId: byId(ACME_LEGAL), dealId: byId(` ${HARBOR_DEAL_ID} `) }),
		});
		expect(result.error).toBeUndefined();
		expect(sentBodies(sandbox)).toEqual([
			{ title: 'Call recap', related_company_id: ACME_LEGAL, deal_id: HARBOR_DEAL_ID },
		]);
	});

	test('a deal chosen From List (the Deal picker): its ID sent as deal_id', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: note({ dealId: fromList(HARBOR_DEAL_ID) }),
		});
		expect(result.error).toBeUndefined();
		expect(sentBodies(sandbox)).toEqual([{ title: 'Call recap', deal_id: HARBOR_DEAL_ID }]);
		expect(result.items[0].json).toMatchObject({ deal_id: HARBOR_DEAL_ID });
	});

	test('Contact Name and Company Name: sent for LeadLex’s fuzzy match', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: note({ contactName: ' Jane Example ', companyName: 'acme legal' }),
		});
		expect(sentBodies(sandbox)).toEqual([
			{ title: 'Call recap', contact_name: 'Jane Example', company_name: 'acme legal' },
		]);
		expect(result.items[0].json).toMatchObject({
			contact_id: JANE_ID,
			related_company_id: ACME_LEGAL,
		});
	});

	test('an ID and a name of the same kind: only the ID is sent (it wins), so no name can be ambiguous', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: note({
				contactId: byId(JANE_ID),
				contactName: 'Cleo Garcia',
				companyId: byId(CEDAR),
				companyName: 'Acme',
			}),
		});
		expect(result.error).toBeUndefined();
		expect(sentBodies(sandbox)).toEqual([
			{ title: 'Call recap', contact_id: JANE_ID, related_company_id: CEDAR },
		]);
	});

	test.each<[string, INodeParameters, string]>([
		[
			'no parent',
			{ content: 'x' },
			'The Contact, Company, Deal, Contact Name and Company Name are all empty: LeadLex needs at least one record to link the note to.',
		],
		[
			'blank parents from expressions',
			{ contactId: byId('={{ " " }}'), contactName: '={{ "" }}' },
			'The Contact, Company, Deal, Contact Name and Company Name are all empty: LeadLex needs at least one record to link the note to.',
		],
		['a blank title', { title: '={{ " " }}', dealId: byId(HARBOR_DEAL_ID) }, 'The Title is empty.'],
		[
			'content over 50,000 characters',
			{ dealId: byId(HARBOR_DEAL_ID), content: 'x'.repeat(50_001) },
			'The Content is 50,001 characters long, but LeadLex takes at most 50,000.',
		],
		[
			'a note type from an expression that LeadLex does not know',
			{ dealId: byId(HARBOR_DEAL_ID), additionalFields: { noteType: '={{ "memo" }}' } },
			'The Note Type must be one of general, meeting, call, email, other, but it is "memo".',
		],
		[
			'tags with nothing left',
			{ dealId: byId(HARBOR_DEAL_ID), additionalFields: { tags: ' , ' } },
			'The Tags contain no value.',
		],
		[
			'a created date that is not one',
			{ dealId: byId(HARBOR_DEAL_ID), additionalFields: { createdDate: 'yesterday' } },
			'The Created Date must be a date and time such as 2026-04-17T14:30:00, but it is "yesterday".',
		],
		[
			'a contact ID with control characters',
			{ contactId: byId('={{ "a\\u0007b" }}') },
			'The Contact ID contains control characters.',
		],
		[
			'a contact name that is not text',
			{ contactName: '={{ { name: "x" } }}' },
			'The Contact Name must be text, but it is an object.',
		],
	])('%s: refused before any request, naming the field', async (_name, extra, message) => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({ credentials, parameters: note(extra) });
		expect(result.error?.message).toBe(`${message} Nothing was sent to LeadLex.`);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('50,000 characters of emoji (100,000 UTF-16 units) are within the limit', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: note({ dealId: byId(HARBOR_DEAL_ID), content: '={{ $json.text }}' }),
			items: [{ text: '😀'.repeat(50_000) }],
		});
		expect(result.error).toBeUndefined();
		expect(sandbox.requests).toHaveLength(1);
	});

	describe('400 ambiguous_reference: nothing created, the candidates listed to choose by ID', () => {
		test('two companies named like "Acme": both IDs and LeadLex’s message', async () => {
			const { sandbox, credentials } = env;
			const result = await runLeadlex({ credentials, parameters: note({ companyName: 'Acme' }) });
			expect(result.error?.message).toBe(
				`LeadLex matched the name to more than one record (HTTP 400 ambiguous_reference): LeadLex said "company_name "Acme" matches 2 companies: send related_company_id instead"; choose one by ID: "${ACME_LEGAL}", "${ACME_LOGISTICS}". A new note was not created.`,
			);
			expect(result.error?.description).toContain(
				'Set the record by ID instead of by name (the Contact or Company picker, By ID)',
			);
			expect(sandbox.crm().notes).toEqual([]);
		});

		test('many contacts named Cleo Garcia: the first ten IDs LeadLex listed and how many more', async () => {
			const { credentials } = env;
			const result = await runLeadlex({
				credentials,
				parameters: note({ contactName: 'Cleo Garcia' }),
			});
			// The sandbox lists at most 50 candidates.
			const all = cleoGarcias().slice(0, 50);
			expect(all).toHaveLength(50);
			const shown = all
				.slice(0, 10)
				.map((id) => `"${id}"`)
				.join(', ');
			expect(result.error?.message).toContain(
				`; choose one by ID: ${shown} and ${all.length - 10} more. A new note was not created.`,
			);
		});

		test.each([
			[
				'objects with names under another key',
				{
					matches: [
						{ id: 'c-1', full_name: 'Ann Lee' },
						{ id: 'c-2', full_name: 'Ann Leigh' },
					],
				},
				'; choose one by ID: "c-1" (Ann Lee), "c-2" (Ann Leigh).',
			],
			[
				'a list one level down, repeats once',
				{
					contact_name: { candidate_ids: ['u-1', 'u-2', 'u-1'] },
					fields: { contact_name: 'Ambiguous' },
				},
				'; choose one by ID: "u-1", "u-2".',
			],
			['no list at all', { reason: 'several' }, '; LeadLex listed no candidate IDs.'],
		])('candidates as %s', async (_name, details, ending) => {
			const { sandbox, credentials } = env;
			sandbox.failNext('POST', '/v1/notes', 400, 'ambiguous_reference', 'Ambiguous name', details);
			const result = await runLeadlex({ credentials, parameters: note({ contactName: 'Ann' }) });
			expect(result.error?.message).toMatch(
				/^LeadLex matched the name to more than one record \(HTTP 400 ambiguous_reference\): LeadLex said "Ambiguous name"/,
			);
			expect(result.error?.message).toContain(
				`${ending.slice(0, -1)}. A new note was not created.`,
			);
		});

		test('candidate text is cleaned like any server text: no key, no markup', async () => {
			const { sandbox, credentials } = env;
			sandbox.failNext('POST', '/v1/notes', 400, 'ambiguous_reference', 'Ambiguous', {
				candidates: [`${sandbox.keys.full}`, '<b>x</b>', 'ok-1'],
			});
			const result = await runLeadlex({ credentials, parameters: note({ contactName: 'Ann' }) });
			expect(result.error?.message).toContain('; choose one by ID: "…", "ok-1".');
			expect(result.everything).not.toContain(sandbox.keys.full);
		});
	});

	test('an unknown contact: LeadLex’s 404, named, not created', async () => {
		const { credentials } = env;
		const result = await runLeadlex({ credentials, parameters: note({ contactId: byId('nope') }) });
		expect(result.error?.message).toBe(
			'LeadLex could not find a record to link a new note to (HTTP 404 not_found): LeadLex said "No contact with ID nope". A new note was not created.',
		);
	});

	test('a name nothing matches: LeadLex’s 400 with its field message', async () => {
		const { credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: note({ contactName: 'Nobody Here' }),
		});
		expect(result.error?.message).toBe(
			'LeadLex refused the request for a new note (HTTP 400 validation_error): LeadLex said "No contact matches contact_name "Nobody Here"" (contact_name: "No contact matches this name"). A new note was not created.',
		);
	});

	test('a key without contacts:write: the permission is named, not created', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials: { ...credentials, apiKey: sandbox.keys.readOnly },
			parameters: note({ dealId: byId(HARBOR_DEAL_ID) }),
		});
		expect(result.error?.message).toBe(
			'The LeadLex API key lacks the contacts:write permission. A new note was not created.',
		);
	});

	test('a lost answer: not sent again; the message says it may have been created', async () => {
		const { sandbox, credentials } = env;
		sandbox.injectFault({ type: 'reset' }, { pathIncludes: '/v1/notes' });
		const result = await runLeadlex({
			credentials,
			parameters: note({ dealId: byId(HARBOR_DEAL_ID) }),
		});
		expect(result.error?.message).toContain(
			'A new note may or may not have been created: running the workflow again may add the note twice',
		);
		expect(sandbox.requests).toHaveLength(1);
	});

	test('LeadLex replaces a created date outside its window (the field’s hint says so)', async () => {
		const { credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: note({
				dealId: byId(HARBOR_DEAL_ID),
				additionalFields: { createdDate: '2015-01-01T00:00:00' },
			}),
		});
		expect(result.items[0].json.created_date).not.toContain('2015');
	});

	test('continue-on-fail: each item paired, the failed one as {error}', async () => {
		const { credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: note({ contactName: '={{ $json.name }}' }),
			items: [{ name: 'Jane' }, { name: 'Acme' }, { name: 'Cleo Garcia' }],
			onError: 'continueRegularOutput',
		});
		expect(result.items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(result.items[0].json.contact_id).toBe(JANE_ID);
		expect(result.items[1].json.error).toContain('LeadLex refused the request for a new note');
		expect(result.items[2].json.error).toContain('ambiguous_reference');
	});
});
