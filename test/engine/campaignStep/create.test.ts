import type { INodeParameters } from 'n8n-workflow';
import { runLeadlex } from '../harness';
import {
	byId,
	CAMPAIGN,
	createStep,
	fromList,
	sentBodies,
	stepsPath,
	useSandbox,
} from '../fixtures';

const env = useSandbox();
const NOT_CREATED = 'A new step in campaign "cmp_abc123" was not created.';
const MAYBE_CREATED =
	'A new step in campaign "cmp_abc123" may or may not have been created: running the workflow again may append a duplicate step. Check the steps with Get Many first.';

describe('Campaign Step → Create', () => {
	test('POSTs only the fields set, in snake_case, and outputs data.step as LeadLex sent it', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: createStep(
				fromList(CAMPAIGN),
				{ subject: 'Re: {{company_name}}', body: '<p>Hi {{first_name}}</p>' },
				{ additionalFields: { delayDays: 3, delayHours: 4, sendCondition: 'if_no_reply' } },
			),
		});
		expect(result.error).toBeUndefined();
		const [request] = sandbox.requests;
		expect(sandbox.requests).toHaveLength(1);
		expect(request.method).toBe('POST');
		expect(request.rawPath).toBe(stepsPath(sandbox, CAMPAIGN));
		expect(request.headers['content-type']).toMatch(/^application\/json/);
		expect(JSON.parse(request.body!)).toEqual({
			subject: 'Re: {{company_name}}',
			body: '<p>Hi {{first_name}}</p>',
			delay_days: 3,
			delay_hours: 4,
			send_condition: 'if_no_reply',
		});
		const created = sandbox.steps(CAMPAIGN).at(-1)!;
		expect(created).toMatchObject({ index: 4, subject: 'Re: {{company_name}}', delay_hours: 4 });
		expect(result.items).toEqual([{ json: created, pairedItem: { item: 0 } }]);
	});

	test('without additional fields only subject and body are sent; LeadLex fills in the defaults', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({ credentials, parameters: createStep(CAMPAIGN) });
		expect(sentBodies(sandbox)).toEqual([
			{ subject: 'Re: {{company_name}}', body: 'Just circling back...' },
		]);
		expect(result.items[0].json).toMatchObject({
			delay_days: 0,
			delay_hours: 0,
			send_condition: 'always',
		});
	});

	const refusedBeforeSending: Array<[string, INodeParameters, string]> = [
		['a blank subject', { subject: '   ' }, 'The Subject is empty. Nothing was sent to LeadLex.'],
		[
			'a body of only spaces and line breaks',
			{ body: ' \n\t ' },
			'The Body is empty. Nothing was sent to LeadLex.',
		],
		[
			'a subject from an expression that is empty',
			{ subject: '={{ $json.nothing }}' },
			'The Subject must be text, but it is missing. Nothing was sent to LeadLex.',
		],
		[
			'Delay Hours 24',
			{ additionalFields: { delayHours: 24 } },
			'The Delay Hours must be a whole number from 0 to 23, but it is 24. Nothing was sent to LeadLex.',
		],
		[
			'Delay Hours -1',
			{ additionalFields: { delayHours: -1 } },
			'The Delay Hours must be a whole number from 0 to 23, but it is -1. Nothing was sent to LeadLex.',
		],
		[
			'Delay Days -2',
			{ additionalFields: { delayDays: -2 } },
			'The Delay Days must be a whole number 0 or more, but it is -2. Nothing was sent to LeadLex.',
		],
		[
			'Delay Days 1.5',
			{ additionalFields: { delayDays: 1.5 } },
			'The Delay Days must be a whole number 0 or more, but it is 1.5. Nothing was sent to LeadLex.',
		],
		[
			'an unknown send condition from an expression',
			{ additionalFields: { sendCondition: '={{ "sometimes" }}' } },
			'The Send Condition must be one of always, if_no_reply, if_no_open, if_opened, if_clicked, but it is "sometimes". Nothing was sent to LeadLex.',
		],
		[
			'a campaign ID ".."',
			{ campaignId: byId('..') },
			'The Campaign ID is "..", which would change the request path. Nothing was sent to LeadLex.',
		],
		[
			'an empty campaign ID',
			{ campaignId: byId(' ') },
			'The Campaign ID is empty. Nothing was sent to LeadLex.',
		],
	];

	test.each(refusedBeforeSending)(
		'%s fails the item before any request, naming the field',
		async (_name, extra, message) => {
			const { sandbox, credentials } = env;
			const result = await runLeadlex({
				credentials,
				parameters: createStep(CAMPAIGN, undefined, extra),
			});
			expect(result.error?.message).toBe(message);
			expect(result.error?.description).toContain('Nothing was sent to LeadLex for item 1');
			expect(sandbox.requests).toHaveLength(0);
			expect(sandbox.steps(CAMPAIGN)).toHaveLength(4);
		},
	);

	test('a literally empty required field is stopped by n8n itself before the node runs', async () => {
		const { sandbox, credentials } = env;
		await expect(
			runLeadlex({ credentials, parameters: createStep(CAMPAIGN, { subject: 'Hi', body: '' }) }),
		).rejects.toThrow('Parameter "Body" is required');
		expect(sandbox.requests).toHaveLength(0);
	});

	test('a campaign ID with a slash stays one path segment', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({ credentials, parameters: createStep('cmp_abc123/steps') });
		expect(sandbox.requests.map((request) => request.rawPath)).toEqual([
			`${new URL(sandbox.url).pathname}/v1/campaigns/cmp_abc123%2Fsteps/steps`,
		]);
		expect(result.error?.message).toBe(
			'Campaign "cmp_abc123/steps" was not found in LeadLex. A new step in campaign "cmp_abc123/steps" was not created.',
		);
	});

	const documented: Array<
		[string, (sandbox: typeof env.sandbox) => Record<string, unknown>, string]
	> = [
		[
			'400 missing_required_field, with LeadLex message and fields',
			(sandbox) => {
				sandbox.failNext('POST', '/steps', 400, 'missing_required_field', 'subject is required', {
					fields: { subject: 'Required' },
				});
				return {};
			},
			`LeadLex refused the request for a new step in campaign "cmp_abc123": a required field is missing (HTTP 400 missing_required_field): LeadLex said "subject is required" (subject: "Required"). ${NOT_CREATED}`,
		],
		[
			'400 invalid_send_condition',
			(sandbox) => {
				sandbox.failNext(
					'POST',
					'/steps',
					400,
					'invalid_send_condition',
					'send_condition not recognised',
				);
				return {};
			},
			`LeadLex refused the send condition for a new step in campaign "cmp_abc123" (HTTP 400 invalid_send_condition): LeadLex said "send_condition not recognised". ${NOT_CREATED}`,
		],
		[
			'400 validation_error, an HTML field message left out',
			(sandbox) => {
				sandbox.failNext('POST', '/steps', 400, 'validation_error', 'Invalid values', {
					fields: { delay_days: 'Too large', body: '<b>bad</b>' },
				});
				return {};
			},
			`LeadLex refused the request for a new step in campaign "cmp_abc123" (HTTP 400 validation_error): LeadLex said "Invalid values" (delay_days: "Too large"). ${NOT_CREATED}`,
		],
		[
			'401 invalid_key',
			() => ({ apiKey: env.sandbox.keys.expired }),
			`LeadLex rejected the API key. ${NOT_CREATED}`,
		],
		[
			'403 insufficient_permissions names campaigns:write',
			(sandbox) => ({ apiKey: sandbox.keys.readOnly }),
			`The LeadLex API key lacks the campaigns:write permission. ${NOT_CREATED}`,
		],
		[
			'429 rate_limited (waiting switched off)',
			(sandbox) => {
				sandbox.failNext('POST', '/steps', 429, 'rate_limited');
				return {};
			},
			`LeadLex rate limit reached. ${NOT_CREATED}`,
		],
		[
			'a 502 HTML page: the step may have been created',
			(sandbox) => {
				sandbox.injectFault({
					type: 'response',
					status: 502,
					body: '<html>Bad Gateway</html>',
					contentType: 'text/html',
				});
				return {};
			},
			`LeadLex had a server error (HTTP 502). ${MAYBE_CREATED}`,
		],
		[
			'a connection reset: the step may have been created',
			(sandbox) => {
				sandbox.injectFault({ type: 'reset' });
				return {};
			},
			`The connection to LeadLex broke before it answered. ${MAYBE_CREATED}`,
		],
	];

	test.each(documented)(
		'%s: the message alone says what happened and whether the step was created',
		async (_name, arrange, message) => {
			const { sandbox, credentials } = env;
			const override = arrange(sandbox);
			const result = await runLeadlex({
				credentials: { ...credentials, ...override },
				parameters: createStep(CAMPAIGN, undefined, { options: { retryOnRateLimit: false } }),
			});
			expect(result.error?.message).toBe(message);
			expect(result.everything).not.toContain(sandbox.keys.full);
			expect(result.everything).not.toContain(sandbox.keys.readOnly);
			expect(result.everything).not.toMatch(/<html|<b>/);
		},
	);

	test('404 campaign_not_found from a real unknown campaign', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({ credentials, parameters: createStep('cmp_nope') });
		expect(result.error?.message).toBe(
			'Campaign "cmp_nope" was not found in LeadLex. A new step in campaign "cmp_nope" was not created.',
		);
		expect(sandbox.requests).toHaveLength(1);
	});

	test('a timeout says the step may have been created', async () => {
		const { sandbox, credentials } = env;
		sandbox.injectFault({ type: 'hang' });
		const result = await runLeadlex({
			credentials,
			parameters: createStep(CAMPAIGN, undefined, { requestOptions: { timeout: 500 } }),
		});
		expect(result.error?.message).toMatch(/^LeadLex did not answer within /);
		expect(result.error?.message).toContain(MAYBE_CREATED);
	});

	test('continue on fail: a bad item fails in place, the others are created, pairing kept', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			onError: 'continueRegularOutput',
			parameters: createStep(CAMPAIGN, { subject: '={{ $json.subject }}', body: 'Hello' }),
			items: [{ subject: 'First' }, { subject: '' }, { subject: 'Third' }],
		});
		expect(
			result.items.map((item) => [item.pairedItem, item.json.subject ?? item.json.error]),
		).toEqual([
			[{ item: 0 }, 'First'],
			[{ item: 1 }, 'The Subject is empty. Nothing was sent to LeadLex.'],
			[{ item: 2 }, 'Third'],
		]);
		expect(sandbox.requests).toHaveLength(2);
		expect(
			sandbox
				.steps(CAMPAIGN)
				.map((step) => step.subject)
				.slice(4)
				.sort(),
		).toEqual(['First', 'Third']);
	});

	test("as an AI agent's tool: $fromAI fills the campaign, subject, body and delay", async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: createStep(
				byId("={{ $fromAI('campaignId', 'The campaign ID, e.g. cmp_abc123') }}"),
				{
					subject: "={{ $fromAI('subject', 'The email subject') }}",
					body: "={{ $fromAI('body', 'The email body') }}",
				},
				{
					additionalFields: {
						delayDays: "={{ $fromAI('delayDays', 'Days after the previous step', 'number') }}",
					},
				},
			),
			items: [{ campaignId: CAMPAIGN, subject: 'From the agent', body: 'Body text', delayDays: 2 }],
		});
		expect(result.error).toBeUndefined();
		expect(sentBodies(sandbox)).toEqual([
			{ subject: 'From the agent', body: 'Body text', delay_days: 2 },
		]);
		expect(result.items[0].json).toMatchObject({ subject: 'From the agent', index: 4 });
	});
});
