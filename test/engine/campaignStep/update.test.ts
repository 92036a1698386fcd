import type { INodeParameters } from 'n8n-workflow';
import { runLeadlex } from '../harness';
import {
	byId,
	CAMPAIGN,
	fromList,
	sentBodies,
	stepPath,
	updateStep,
	useSandbox,
} from '../fixtures';

const env = useSandbox();
const NOT_UPDATED = 'Step "step_2" of campaign "cmp_abc123" was not updated.';

describe('Campaign Step → Update', () => {
	test('PATCHes only the fields set and outputs the updated data.step', async () => {
		const { sandbox, credentials } = env;
		const before = sandbox.steps(CAMPAIGN)[1];
		const result = await runLeadlex({
			credentials,
			parameters: updateStep(fromList(CAMPAIGN), fromList('step_2'), {
				delayDays: 5,
				sendCondition: 'if_no_open',
			}),
		});
		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map((request) => [request.method, request.rawPath])).toEqual([
			['PATCH', stepPath(sandbox, CAMPAIGN, 'step_2')],
		]);
		expect(sentBodies(sandbox)).toEqual([{ delay_days: 5, send_condition: 'if_no_open' }]);
		const after = sandbox.steps(CAMPAIGN)[1];
		expect(after).toEqual({ ...before, delay_days: 5, send_condition: 'if_no_open' });
		expect(result.items).toEqual([{ json: after, pairedItem: { item: 0 } }]);
	});

	test('subject and body are sent as they are (merge variables, HTML)', async () => {
		const { sandbox, credentials } = env;
		await runLeadlex({
			credentials,
			parameters: updateStep(CAMPAIGN, 'step_2', {
				subject: 'New {{first_name}}',
				body: '<p>Hi</p>',
				delayHours: 0,
			}),
		});
		expect(sentBodies(sandbox)).toEqual([
			{ subject: 'New {{first_name}}', body: '<p>Hi</p>', delay_hours: 0 },
		]);
	});

	const refused: Array<[string, INodeParameters, string]> = [
		[
			'no field set',
			{ updateFields: {} },
			'The Update Fields are empty: add at least one field to change. Nothing was sent to LeadLex.',
		],
		[
			'a subject from an expression that is empty',
			{ updateFields: { subject: '={{ "" }}' } },
			'The Subject is empty. Nothing was sent to LeadLex.',
		],
		[
			'Delay Hours 30',
			{ updateFields: { delayHours: 30 } },
			'The Delay Hours must be a whole number from 0 to 23, but it is 30. Nothing was sent to LeadLex.',
		],
		[
			'an unknown send condition',
			{ updateFields: { sendCondition: '={{ "if_replied" }}' } },
			'The Send Condition must be one of always, if_no_reply, if_no_open, if_opened, if_clicked, but it is "if_replied". Nothing was sent to LeadLex.',
		],
		[
			'a step ID "."',
			{ stepId: byId('.') },
			'The Step ID is ".", which would change the request path. Nothing was sent to LeadLex.',
		],
		[
			'a step ID ".." from an expression',
			{ stepId: byId('={{ ".." }}') },
			'The Step ID is "..", which would change the request path. Nothing was sent to LeadLex.',
		],
	];

	test.each(refused)('%s fails before any request', async (_name, extra, message) => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: { ...updateStep(CAMPAIGN, 'step_2', { delayDays: 1 }), ...extra },
		});
		expect(result.error?.message).toBe(message);
		expect(sandbox.requests).toHaveLength(0);
	});

	const documented: Array<[string, () => Record<string, unknown>, string]> = [
		[
			'404 step_not_found',
			() => ({ step: 'step_9' }),
			'Step "step_9" was not found in campaign "cmp_abc123". Step "step_9" of campaign "cmp_abc123" was not updated.',
		],
		[
			'404 campaign_not_found',
			() => ({ campaign: 'cmp_nope' }),
			'Campaign "cmp_nope" was not found in LeadLex. Step "step_2" of campaign "cmp_nope" was not updated.',
		],
		[
			'400 invalid_send_condition',
			() => {
				env.sandbox.failNext(
					'PATCH',
					'/steps/',
					400,
					'invalid_send_condition',
					'send_condition not recognised',
					{ fields: { send_condition: 'Unknown value' } },
				);
				return {};
			},
			`LeadLex refused the send condition for step "step_2" of campaign "cmp_abc123" (HTTP 400 invalid_send_condition): LeadLex said "send_condition not recognised" (send_condition: "Unknown value"). ${NOT_UPDATED}`,
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
		[
			'a 503: the update may have happened',
			() => {
				env.sandbox.injectFault({ type: 'response', status: 503, body: '' });
				return {};
			},
			'LeadLex had a server error (HTTP 503). Step "step_2" of campaign "cmp_abc123" may or may not have been updated: check it in LeadLex before running the workflow again.',
		],
	];

	test.each(documented)('%s', async (_name, arrange, message) => {
		const { credentials } = env;
		const { campaign, step, ...override } = arrange() as { campaign?: string; step?: string };
		const result = await runLeadlex({
			credentials: { ...credentials, ...override },
			parameters: updateStep(campaign ?? CAMPAIGN, step ?? 'step_2', { delayDays: 1 }),
		});
		expect(result.error?.message).toBe(message);
		expect(result.everything).not.toContain(env.sandbox.keys.full);
	});

	test('the step_not_found description points to Get Many', async () => {
		const { credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: updateStep(CAMPAIGN, 'step_9', { delayDays: 1 }),
		});
		expect(result.error?.description).toContain('Get Many lists the steps the campaign has now.');
	});

	test("$fromAI fills the IDs and a field, as n8n's AI Agent calls the tool", async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: updateStep(
				byId("={{ $fromAI('campaignId', 'The campaign ID') }}"),
				byId("={{ $fromAI('stepId', 'The step ID, e.g. step_2') }}"),
				{ subject: "={{ $fromAI('subject', 'The new subject') }}" },
			),
			items: [{ campaignId: CAMPAIGN, stepId: 'step_3', subject: 'Agent subject' }],
		});
		expect(result.items[0].json).toMatchObject({ id: 'step_3', subject: 'Agent subject' });
		expect(sentBodies(sandbox)).toEqual([{ subject: 'Agent subject' }]);
	});
});
