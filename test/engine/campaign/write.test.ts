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
const TEMPLATE = 'Hi {{name}}, I noticed your work at {{company}}...';
const create = (extra: INodeParameters = {}) =>
	campaignOp('create', {
		name: 'Q2 Outreach',
		listId: 'list-uuid-here',
		template: TEMPLATE,
		...extra,
	});
const update = (updateFields: INodeParameters, extra: INodeParameters = {}) =>
	campaignOp('update', { updateFields, ...extra }, CAMPAIGN);

describe('Campaign → Create', () => {
	test('POSTs name, list_id and template and outputs data (a draft)', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({ credentials, parameters: create() });
		expect(result.error).toBeUndefined();
		expect(sentRequests(sandbox)).toEqual([['POST', campaignPath(sandbox)]]);
		expect(sandbox.requests[0].headers['content-type']).toMatch(/^application\/json/);
		expect(sentBodies(sandbox)).toEqual([
			{ name: 'Q2 Outreach', list_id: 'list-uuid-here', template: TEMPLATE },
		]);
		const created = result.items[0].json;
		expect(result.items).toEqual([
			{
				json: {
					id: expect.stringMatching(/^cmp_/),
					name: 'Q2 Outreach',
					status: 'draft',
					list_id: 'list-uuid-here',
					created_at: expect.any(String),
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(sandbox.campaigns().find((c) => c.id === created.id)?.status).toBe('draft');
	});

	const refused: Array<[string, INodeParameters, string]> = [
		['a blank name', { name: '  ' }, 'The Name is empty. Nothing was sent to LeadLex.'],
		[
			'a missing list ID from an expression',
			{ listId: '={{ $json.nothing }}' },
			'The List ID must be text, but it is missing. Nothing was sent to LeadLex.',
		],
		[
			'a template of only spaces from an expression',
			{ template: '={{ "  " }}' },
			'The Template is empty. Nothing was sent to LeadLex.',
		],
	];
	test.each(refused)('%s fails before any request', async (_name, extra, message) => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({ credentials, parameters: create(extra) });
		expect(result.error?.message).toBe(message);
		expect(result.error?.description).toMatch(/^Nothing was sent to LeadLex for item 1/);
		expect(sandbox.requests).toHaveLength(0);
	});

	const createFailures: Array<[string, INodeParameters, () => unknown, string]> = [
		[
			'400 validation_error (a list ID LeadLex does not know)',
			{ listId: 'list_nope' },
			() => undefined,
			'LeadLex refused the request for a new campaign (HTTP 400 validation_error): LeadLex said "Invalid list ID" (list_id: "No list with this ID in the workspace"). A new campaign was not created.',
		],
		[
			'403 insufficient_permissions',
			{},
			() => ({ apiKey: env.sandbox.keys.readOnly }),
			'The LeadLex API key lacks the campaigns:write permission. A new campaign was not created.',
		],
		[
			'404 list_not_found',
			{},
			() =>
				env.sandbox.failNext('POST', '/campaigns', 404, 'list_not_found', 'No list with this ID'),
			'The list for the new campaign was not found in LeadLex (HTTP 404 list_not_found). A new campaign was not created.',
		],
		[
			'a 502: a retry may create a second draft',
			{},
			() => env.sandbox.injectFault({ type: 'response', status: 502, body: '' }),
			'LeadLex had a server error (HTTP 502). A new campaign may or may not have been created: running the workflow again may create a second draft. Check the campaigns with Get Many first.',
		],
	];
	test.each(createFailures)('%s', async (_name, extra, arrange, message) => {
		const { sandbox, credentials } = env;
		const override = (arrange() ?? {}) as Record<string, string>;
		const result = await runLeadlex({
			credentials: { ...credentials, ...override },
			parameters: create(extra),
		});
		expect(result.error?.message).toBe(message);
		expect(result.everything).not.toContain(sandbox.keys.full);
	});

	test("$fromAI fills every field, as n8n's AI Agent calls the tool", async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: campaignOp('create', {
				name: "={{ $fromAI('name', 'The campaign name') }}",
				listId: "={{ $fromAI('listId', 'The contact list ID') }}",
				template: "={{ $fromAI('template', 'The email template') }}",
			}),
			items: [{ name: 'Agent campaign', listId: 'list_estate_q2', template: 'Hi {{name}}' }],
		});
		expect(result.error).toBeUndefined();
		expect(sentBodies(sandbox)).toEqual([
			{ name: 'Agent campaign', list_id: 'list_estate_q2', template: 'Hi {{name}}' },
		]);
	});
});

describe('Campaign → Update', () => {
	test('PATCHes only the fields set, in snake_case, and outputs data.campaign', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: update({
				name: 'Renamed',
				description: '',
				dailySendLimit: 500,
				delayBetweenEmails: 30,
				sendingTimezone: 'Europe/Berlin',
				sendOnWeekends: true,
				trackOpens: false,
				trackClicks: false,
				showUnsubscribe: true,
			}),
		});
		expect(result.error).toBeUndefined();
		expect(sentRequests(sandbox)).toEqual([['PATCH', campaignPath(sandbox, CAMPAIGN)]]);
		expect(sentBodies(sandbox)).toEqual([
			{
				name: 'Renamed',
				description: '',
				daily_send_limit: 500,
				delay_between_emails: 30,
				sending_timezone: 'Europe/Berlin',
				send_on_weekends: true,
				track_opens: false,
				track_clicks: false,
				show_unsubscribe: true,
			},
		]);
		const now = (await callSandbox(sandbox, 'GET', `/v1/campaigns/${CAMPAIGN}`)).data.campaign;
		expect(result.items).toEqual([{ json: now, pairedItem: { item: 0 } }]);
		expect(now).toMatchObject({ name: 'Renamed', daily_send_limit: 500, track_opens: false });
	});

	test('values from expressions: integer strings and "true"/"false" are accepted', async () => {
		const { sandbox, credentials } = env;
		await runLeadlex({
			credentials,
			parameters: update({ dailySendLimit: '={{ "250" }}', trackClicks: '={{ "false" }}' }),
		});
		expect(sentBodies(sandbox)).toEqual([{ daily_send_limit: 250, track_clicks: false }]);
	});

	const refused: Array<[string, INodeParameters, string]> = [
		[
			'no field set',
			{},
			'The Update Fields are empty: add at least one field to change. Nothing was sent to LeadLex.',
		],
		[
			'Daily Send Limit 0',
			{ dailySendLimit: 0 },
			'The Daily Send Limit must be a whole number from 1 to 500, but it is 0. Nothing was sent to LeadLex.',
		],
		[
			'Daily Send Limit 501',
			{ dailySendLimit: 501 },
			'The Daily Send Limit must be a whole number from 1 to 500, but it is 501. Nothing was sent to LeadLex.',
		],
		[
			'Daily Send Limit 2.5',
			{ dailySendLimit: 2.5 },
			'The Daily Send Limit must be a whole number from 1 to 500, but it is 2.5. Nothing was sent to LeadLex.',
		],
		[
			'Delay Between Emails 29',
			{ delayBetweenEmails: 29 },
			'The Delay Between Emails must be a whole number 30 or more, but it is 29. Nothing was sent to LeadLex.',
		],
		[
			'an unknown time zone',
			{ sendingTimezone: 'Europe/Atlantis' },
			'The Sending Timezone must be an IANA time zone such as Europe/Berlin or America/New_York, but it is "Europe/Atlantis". Nothing was sent to LeadLex.',
		],
		['a blank name', { name: ' ' }, 'The Name is empty. Nothing was sent to LeadLex.'],
		[
			'Track Opens "yes" from an expression',
			{ trackOpens: '={{ "yes" }}' },
			'The Track Opens must be true or false, but it is "yes". Nothing was sent to LeadLex.',
		],
	];
	test.each(refused)('%s fails before any request', async (_name, fields, message) => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({ credentials, parameters: update(fields) });
		expect(result.error?.message).toBe(message);
		expect(sandbox.requests).toHaveLength(0);
	});

	const NOT_UPDATED = `Campaign "${CAMPAIGN}" was not updated.`;
	test.each([
		[
			'400 validation_error (answered by LeadLex on demand)',
			() =>
				env.sandbox.failNext(
					'PATCH',
					'/campaigns/',
					400,
					'validation_error',
					'Invalid value for sending_timezone',
					{
						fields: { sending_timezone: 'Unknown zone' },
					},
				),
			`LeadLex refused the request for campaign "${CAMPAIGN}" (HTTP 400 validation_error): LeadLex said "Invalid value for sending_timezone" (sending_timezone: "Unknown zone"). ${NOT_UPDATED}`,
		],
		[
			'404 campaign_not_found',
			() => ({ campaign: 'cmp_nope' }),
			'Campaign "cmp_nope" was not found in LeadLex. Campaign "cmp_nope" was not updated.',
		],
		[
			'403 insufficient_permissions',
			() => ({ apiKey: env.sandbox.keys.readOnly }),
			`The LeadLex API key lacks the campaigns:write permission. ${NOT_UPDATED}`,
		],
		[
			'401 invalid_key',
			() => ({ apiKey: env.sandbox.keys.expired }),
			`LeadLex rejected the API key. ${NOT_UPDATED}`,
		],
	])('%s', async (_name, arrange, message) => {
		const { sandbox, credentials } = env;
		const { campaign, ...override } = (arrange() ?? {}) as { campaign?: string };
		const result = await runLeadlex({
			credentials: { ...credentials, ...override },
			parameters: campaignOp(
				'update',
				{ updateFields: { trackOpens: true } },
				campaign ?? CAMPAIGN,
			),
		});
		expect(result.error?.message).toBe(message);
		expect(result.everything).not.toContain(sandbox.keys.full);
	});

	test('continue on fail: a refused item becomes {error}, the next one is updated', async () => {
		const { credentials } = env;
		const result = await runLeadlex({
			credentials,
			onError: 'continueRegularOutput',
			parameters: campaignOp(
				'update',
				{ updateFields: { dailySendLimit: '={{ $json.limit }}' } },
				CAMPAIGN,
			),
			items: [{ limit: 900 }, { limit: 200 }],
		});
		expect(
			result.items.map((item) => [item.pairedItem, item.json.error ?? item.json.daily_send_limit]),
		).toEqual([
			[
				{ item: 0 },
				'The Daily Send Limit must be a whole number from 1 to 500, but it is 900. Nothing was sent to LeadLex.',
			],
			[{ item: 1 }, 200],
		]);
	});
});
