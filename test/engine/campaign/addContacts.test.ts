import type { INodeParameters } from 'n8n-workflow';
import { runLeadlex } from '../harness';
import {
	CAMPAIGN,
	callSandbox,
	campaignOp,
	campaignPath,
	sentBodies,
	sentRequests,
	useSandbox,
} from '../fixtures';

const env = useSandbox();
const JANE = '123e4567-e89b-12d3-a456-426614174000';
const add = (contactIds: unknown, extra: INodeParameters = {}, campaignId = CAMPAIGN) =>
	campaignOp('addContacts', { contactIds: contactIds as string, ...extra }, campaignId);
const ids = (count: number, prefix = 'new') =>
	Array.from({ length: count }, (_, i) => `${prefix}-${i + 1}`);

describe('Campaign → Add Contacts', () => {
	test('comma-separated IDs: trimmed, blanks and repeats dropped, one POST; output data as LeadLex sent it', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: add(` a-1 , ${JANE},, a-2 ,a-1,\n a-3 `, {
				additionalFields: { source: 'list:cold-outreach-q2' },
			}),
		});
		expect(result.error).toBeUndefined();
		expect(sentRequests(sandbox)).toEqual([['POST', campaignPath(sandbox, CAMPAIGN, '/contacts')]]);
		expect(sentBodies(sandbox)).toEqual([
			{ contact_ids: ['a-1', JANE, 'a-2', 'a-3'], source: 'list:cold-outreach-q2' },
		]);
		expect(result.items).toEqual([
			{
				json: { added: 3, skipped: 1, contact_ids: ['a-1', 'a-2', 'a-3'] },
				pairedItem: { item: 0 },
			},
		]);
		const enrolled = (
			await callSandbox(sandbox, 'GET', `/v1/campaigns/${CAMPAIGN}/contacts?per_page=3`)
		).data.contacts;
		expect(enrolled.map((c: { contact_id: string }) => c.contact_id)).toEqual([
			// newest first: within one request, the later IDs count as newer
			'a-3',
			'a-2',
			'a-1',
		]);
		expect(enrolled[0]).toMatchObject({ status: 'pending', source: 'list:cold-outreach-q2' });
	});

	test('an array from an expression (numbers taken as text); no Source: only contact_ids is sent', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: add('={{ $json.ids }}'),
			items: [{ ids: ['x-1', ' x-2 ', 42, 'x-1', ''] }],
		});
		expect(sentBodies(sandbox)).toEqual([{ contact_ids: ['x-1', 'x-2', '42'] }]);
		expect(result.items[0].json).toEqual({
			added: 3,
			skipped: 0,
			contact_ids: ['x-1', 'x-2', '42'],
		});
	});

	test('1,201 IDs: 3 requests of 500, 500 and 201; the output sums added/skipped and joins contact_ids', async () => {
		const { sandbox, credentials } = env;
		const list = [JANE, ...ids(1200)];
		const result = await runLeadlex({
			credentials,
			parameters: add('={{ $json.ids }}'),
			items: [{ ids: list }],
		});
		expect(result.error).toBeUndefined();
		const bodies = sentBodies(sandbox) as Array<{ contact_ids: string[] }>;
		expect(bodies.map((body) => body.contact_ids.length)).toEqual([500, 500, 201]);
		expect(bodies.flatMap((body) => body.contact_ids)).toEqual(list);
		expect(sentRequests(sandbox)).toEqual(
			Array(3).fill(['POST', campaignPath(sandbox, CAMPAIGN, '/contacts')]),
		);
		expect(result.items).toEqual([
			{ json: { added: 1200, skipped: 1, contact_ids: ids(1200) }, pairedItem: { item: 0 } },
		]);
	});

	test.each([
		[
			'refused (400 too_many_contacts)',
			() =>
				env.sandbox.failNext(
					'POST',
					'/contacts',
					400,
					'too_many_contacts',
					'More than 500 contacts',
				),
			`LeadLex refused the contacts for campaign "${CAMPAIGN}": too many in one request (HTTP 400 too_many_contacts): LeadLex said "More than 500 contacts". 500 contacts had already been added (0 were enrolled before) by the first 1 of 3 requests; the other 701 contacts were not added. Running the item again is safe: LeadLex skips contacts already enrolled.`,
		],
		[
			'a 503',
			() => env.sandbox.injectFault({ type: 'response', status: 503, body: '' }),
			'LeadLex had a server error (HTTP 503). 500 contacts had already been added (0 were enrolled before) by the first 1 of 3 requests; the 500 contacts of request 2 of 3 may or may not have been added, and the last 201 contacts were not sent. Running the item again is safe: LeadLex skips contacts already enrolled.',
		],
	])(
		'a later request %s: the error says how many contacts were already added',
		async (_name, arrange, message) => {
			const { sandbox, credentials } = env;
			sandbox.injectFault({ type: 'delay', ms: 0 }); // the first request passes
			arrange();
			const result = await runLeadlex({
				credentials,
				parameters: add('={{ $json.ids }}'),
				items: [{ ids: ids(1201) }],
			});
			expect(result.error?.message).toBe(message);
			expect(sandbox.requests).toHaveLength(2);
			expect(result.everything).not.toContain(sandbox.keys.full);
		},
	);

	const refused: Array<[string, unknown, string]> = [
		[
			'only commas and spaces',
			'={{ " , ,, " }}',
			'The Contact IDs contain no ID. Nothing was sent to LeadLex.',
		],
		[
			'an empty list from an expression',
			'={{ [] }}',
			'The Contact IDs contain no ID. Nothing was sent to LeadLex.',
		],
		[
			'an object in the list',
			'={{ ["a", {"id": "b"}] }}',
			'The Contact IDs must contain only IDs, but entry 2 is an object. Nothing was sent to LeadLex.',
		],
		[
			'an object instead of a list',
			'={{ {"id": "b"} }}',
			'The Contact IDs must be a list of IDs or comma-separated text, but it is an object. Nothing was sent to LeadLex.',
		],
	];
	test.each(refused)('%s fails before any request', async (_name, value, message) => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({ credentials, parameters: add(value) });
		expect(result.error?.message).toBe(message);
		expect(sandbox.requests).toHaveLength(0);
	});

	const CHANGED = `Campaign "${CAMPAIGN}" was not changed.`;
	test.each([
		[
			'404 campaign_not_found',
			() => ({ campaign: 'cmp_nope' }),
			'Campaign "cmp_nope" was not found in LeadLex. Campaign "cmp_nope" was not changed.',
		],
		[
			'403 names campaigns:write',
			() => ({ apiKey: env.sandbox.keys.readOnly }),
			`The LeadLex API key lacks the campaigns:write permission. ${CHANGED}`,
		],
		[
			'401 invalid_key',
			() => ({ apiKey: env.sandbox.keys.expired }),
			`LeadLex rejected the API key. ${CHANGED}`,
		],
		[
			'400 missing_required_field (answered on demand)',
			() =>
				env.sandbox.failNext(
					'POST',
					'/contacts',
					400,
					'missing_required_field',
					'contact_ids is missing or empty',
				),
			`LeadLex refused the request for campaign "${CAMPAIGN}": a required field is missing (HTTP 400 missing_required_field): LeadLex said "contact_ids is missing or empty". ${CHANGED}`,
		],
	])('the first request fails with %s', async (_name, arrange, message) => {
		const { sandbox, credentials } = env;
		const { campaign, ...override } = (arrange() ?? {}) as { campaign?: string };
		const result = await runLeadlex({
			credentials: { ...credentials, ...override },
			parameters: add('a-1', {}, campaign ?? CAMPAIGN),
		});
		expect(result.error?.message).toBe(message);
		expect(result.everything).not.toContain(sandbox.keys.full);
	});

	test('one contact per input item (no Aggregate first): one request per item, each paired; continue on fail', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			onError: 'continueRegularOutput',
			parameters: add('={{ $json.contactId }}'),
			items: [{ contactId: 'p-1' }, { contactId: '' }, { contactId: 'p-3' }],
		});
		expect(sandbox.requests).toHaveLength(2);
		expect(
			result.items.map((item) => [item.pairedItem, item.json.error ?? item.json.added]),
		).toEqual([
			[{ item: 0 }, 1],
			[{ item: 1 }, 'The Contact IDs contain no ID. Nothing was sent to LeadLex.'],
			[{ item: 2 }, 1],
		]);
	});

	test("$fromAI fills the campaign and the IDs, as n8n's AI Agent calls the tool", async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: campaignOp(
				'addContacts',
				{ contactIds: "={{ $fromAI('contactIds', 'Comma-separated contact IDs') }}" },
				"={{ $fromAI('campaignId', 'The campaign ID') }}",
			),
			items: [{ campaignId: 'cmp_paused01', contactIds: 'ai-1, ai-2' }],
		});
		expect(result.error).toBeUndefined();
		expect(sandbox.requests[0].rawPath).toBe(campaignPath(sandbox, 'cmp_paused01', '/contacts'));
		expect(sentBodies(sandbox)).toEqual([{ contact_ids: ['ai-1', 'ai-2'] }]);
	});
});
