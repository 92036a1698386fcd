import type { INodeParameters } from 'n8n-workflow';
import { runLeadlex } from '../harness';
import { byId, fromList, sentBodies, sentRequests, useSandbox } from '../fixtures';
import { apiPath, JANE_ID } from '../contact/fixtures';
import { op } from '../company/fixtures';
import { HARBOR_DEAL_ID } from '../deal/fixtures';

const env = useSandbox();
const activity = (extra: INodeParameters) =>
	op('activity', 'create', { type: 'call', title: 'Discovery call', ...extra });

describe('Activity → Create', () => {
	test('every field in LeadLex’s names (the Contact and Deal pickers give their IDs); the output is data.activity', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: activity({
				type: 'meeting',
				title: ' Discovery call with Jane ',
				additionalFields: {
					description: '**Agenda:** the trust\n',
					contactId: byId(` ${JANE_ID} `),
					dealId: fromList(HARBOR_DEAL_ID),
					entityType: 'campaign',
					entityId: 'cmp_abc123',
					entityName: 'Estate Planning Follow-up',
					metadata: '{"duration_minutes": 30, "source": "n8n"}',
				},
			}),
		});
		expect(result.error).toBeUndefined();
		expect(sentRequests(sandbox)).toEqual([['POST', apiPath(sandbox, '/v1/activities')]]);
		const sent = {
			type: 'meeting',
			title: 'Discovery call with Jane',
			description: '**Agenda:** the trust\n',
			contact_id: JANE_ID,
			deal_id: HARBOR_DEAL_ID,
			entity_type: 'campaign',
			entity_id: 'cmp_abc123',
			entity_name: 'Estate Planning Follow-up',
			metadata: { duration_minutes: 30, source: 'n8n' },
		};
		expect(sentBodies(sandbox)).toEqual([sent]);
		expect(result.items).toEqual([
			{
				json: { id: expect.stringMatching(/^act_/), ...sent, created_date: expect.any(String) },
				pairedItem: { item: 0 },
			},
		]);
		expect(sandbox.crm().activities).toHaveLength(1);
	});

	test('a custom type from an expression; metadata as an object; no parent needed', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: activity({
				type: '={{ $json.kind }}',
				additionalFields: { metadata: '={{ $json.details }}' },
			}),
			items: [{ kind: 'court_filing', details: { court: 'Suffolk Probate' } }],
		});
		expect(result.error).toBeUndefined();
		expect(sentBodies(sandbox)).toEqual([
			{ type: 'court_filing', title: 'Discovery call', metadata: { court: 'Suffolk Probate' } },
		]);
		expect(result.items[0].json.type).toBe('court_filing');
	});

	test('a title of 500 characters and metadata of exactly 8 KB are sent', async () => {
		const { sandbox, credentials } = env;
		const blob = 'x'.repeat(8192 - '{"blob":""}'.length);
		const result = await runLeadlex({
			credentials,
			parameters: activity({
				title: '={{ $json.title }}',
				additionalFields: { metadata: '={{ $json.metadata }}' },
			}),
			items: [{ title: 'é'.repeat(500), metadata: { blob } }],
		});
		expect(result.error).toBeUndefined();
		expect(sandbox.requests).toHaveLength(1);
	});

	test.each<[string, INodeParameters, string]>([
		['a blank type', { type: '={{ " " }}' }, 'The Type is empty.'],
		[
			'a type that is not text',
			{ type: '={{ { kind: "call" } }}' },
			'The Type must be text, but it is an object.',
		],
		['a blank title', { title: '={{ "" }}' }, 'The Title is empty.'],
		[
			'a title of 501 characters',
			{ title: 'x'.repeat(501) },
			'The Title is 501 characters long, but LeadLex takes at most 500.',
		],
		[
			'metadata that is not JSON',
			{ additionalFields: { metadata: '{minutes: 30' } },
			'The Metadata must be a JSON object, but it is text that is not JSON.',
		],
		[
			'metadata that is a list',
			{ additionalFields: { metadata: '[1, 2]' } },
			'The Metadata must be a JSON object, but it is a list.',
		],
		['empty metadata', { additionalFields: { metadata: '{}' } }, 'The Metadata is empty.'],
		[
			'metadata over 8 KB',
			{ additionalFields: { metadata: `{"blob": "${'é'.repeat(4092)}"}` } },
			'The Metadata is 8,195 bytes as JSON, but LeadLex takes at most 8,192 (8 KB).',
		],
		[
			'an Entity ID without its type',
			{ additionalFields: { entityId: 'cmp_abc123' } },
			'The Entity Type is not set: an Entity ID needs the type of record it is (e.g. campaign).',
		],
		[
			'an Entity Name without its type',
			{ additionalFields: { entityName: 'Q2' } },
			'The Entity Type is not set: an Entity Name needs the type of record it is (e.g. campaign).',
		],
		[
			'a blank Contact ID',
			{ additionalFields: { contactId: byId(' ') } },
			'The Contact ID is empty.',
		],
	])('%s: refused before any request, naming the field', async (_name, extra, message) => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({ credentials, parameters: activity(extra) });
		expect(result.error?.message).toBe(`${message} Nothing was sent to LeadLex.`);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('an unknown contact: 404, not created', async () => {
		const { credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: activity({ additionalFields: { contactId: 'nope' } }),
		});
		expect(result.error?.message).toBe(
			'LeadLex could not find a record to link a new activity to (HTTP 404 not_found): LeadLex said "No contact with ID nope". A new activity was not created.',
		);
	});

	test('LeadLex’s 400 is quoted; a key without activities:write is named', async () => {
		const { sandbox, credentials } = env;
		sandbox.failNext('POST', '/v1/activities', 400, 'validation_error', 'Invalid metadata', {
			fields: { metadata: 'Too large' },
		});
		const refused = await runLeadlex({ credentials, parameters: activity({}) });
		expect(refused.error?.message).toBe(
			'LeadLex refused the request for a new activity (HTTP 400 validation_error): LeadLex said "Invalid metadata" (metadata: "Too large"). A new activity was not created.',
		);
		const denied = await runLeadlex({
			credentials: { ...credentials, apiKey: sandbox.keys.readOnly },
			parameters: activity({}),
		});
		expect(denied.error?.message).toBe(
			'The LeadLex API key lacks the activities:write permission. A new activity was not created.',
		);
	});

	test('a 2xx without data.activity: probably created, said so', async () => {
		const { sandbox, credentials } = env;
		sandbox.injectFault({
			type: 'response',
			status: 201,
			body: '{"data":{"id":"act_1"}}',
			contentType: 'application/json',
		});
		const result = await runLeadlex({ credentials, parameters: activity({}) });
		expect(result.error?.message).toBe(
			'LeadLex answered HTTP 201 but without data.activity. A new activity was probably created: check it in LeadLex before running the workflow again.',
		);
	});

	test('a lost answer: not sent again (LeadLex documents no Idempotency-Key here)', async () => {
		const { sandbox, credentials } = env;
		sandbox.injectFault({ type: 'lostAnswer' }, { pathIncludes: '/v1/activities' });
		const result = await runLeadlex({ credentials, parameters: activity({}) });
		expect(result.error?.message).toContain(
			'A new activity may or may not have been created: running the workflow again may log the activity twice',
		);
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.requests[0].headers['idempotency-key']).toBeUndefined();
	});
});
