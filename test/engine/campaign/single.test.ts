import type { INodeParameters } from 'n8n-workflow';
import { runLeadlex } from '../harness';
import {
	byId,
	CAMPAIGN,
	callSandbox,
	campaignOp,
	campaignPath,
	fromList,
	sentBodies,
	sentRequests,
	useSandbox,
} from '../fixtures';

const env = useSandbox();
const paired = (index: number) => ({ item: index });

/** Enrolls `count` made-up contacts in a campaign, straight through the sandbox API. */
async function enroll(campaignId: string, count: number) {
	const ids = Array.from({ length: count }, (_, i) => `contact-${campaignId}-${i + 1}`);
	await callSandbox(env.sandbox, 'POST', `/v1/campaigns/${campaignId}/contacts`, {
		contact_ids: ids,
	});
	env.sandbox.requests.length = 0;
}

describe('Campaign → Get', () => {
	test('GETs the campaign and outputs data.campaign unchanged', async () => {
		const { sandbox, credentials } = env;
		const expected = (await callSandbox(sandbox, 'GET', `/v1/campaigns/${CAMPAIGN}`)).data.campaign;
		sandbox.requests.length = 0;
		const result = await runLeadlex({
			credentials,
			parameters: campaignOp('get', {}, fromList(CAMPAIGN)),
		});
		expect(result.error).toBeUndefined();
		expect(sentRequests(sandbox)).toEqual([['GET', campaignPath(sandbox, CAMPAIGN)]]);
		expect(sandbox.requests[0].body).toBeUndefined();
		expect(result.items).toEqual([{ json: expected, pairedItem: paired(0) }]);
	});
});

describe('Campaign → Get Stats', () => {
	test('one item per input item: data.stats with campaign_id added', async () => {
		const { sandbox, credentials } = env;
		const stats = async (id: string) =>
			(await callSandbox(sandbox, 'GET', `/v1/campaigns/${id}/stats`)).data.stats;
		const [abc, paused] = [await stats(CAMPAIGN), await stats('cmp_paused01')];
		expect(abc).not.toHaveProperty('campaign_id');
		sandbox.requests.length = 0;
		const result = await runLeadlex({
			credentials,
			parameters: campaignOp('getStats', {}, '={{ $json.id }}'),
			items: [{ id: CAMPAIGN }, { id: 'cmp_paused01' }],
		});
		expect(result.items).toEqual([
			{ json: { campaign_id: CAMPAIGN, ...abc }, pairedItem: paired(0) },
			{ json: { campaign_id: 'cmp_paused01', ...paused }, pairedItem: paired(1) },
		]);
		expect(abc).toMatchObject({ sent_count: expect.any(Number), open_rate: expect.any(Number) });
		expect(sentRequests(sandbox).sort()).toEqual(
			[
				['GET', campaignPath(sandbox, CAMPAIGN, '/stats')],
				['GET', campaignPath(sandbox, 'cmp_paused01', '/stats')],
			].sort(),
		);
	});
});

describe('Campaign → Pause', () => {
	test('POSTs …/pause without a body and outputs data.campaign (status paused)', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({ credentials, parameters: campaignOp('pause', {}, CAMPAIGN) });
		expect(result.error).toBeUndefined();
		expect(sentRequests(sandbox)).toEqual([['POST', campaignPath(sandbox, CAMPAIGN, '/pause')]]);
		expect(result.items).toEqual([
			{
				json: { id: CAMPAIGN, status: 'paused', paused_at: expect.stringMatching(/Z$/) },
				pairedItem: paired(0),
			},
		]);
		expect(sandbox.campaigns().find((c) => c.id === CAMPAIGN)?.status).toBe('paused');
	});

	test('409 campaign_not_active: an error naming the campaign; nothing changed', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: campaignOp('pause', {}, 'cmp_paused01'),
		});
		expect(result.error?.message).toBe(
			'Campaign "cmp_paused01" is not active, so LeadLex did not pause it (HTTP 409 campaign_not_active). Campaign "cmp_paused01" was not paused.',
		);
		expect(result.error?.description).toContain('Options → Ignore If Not Active');
		expect(sandbox.requests).toHaveLength(1);
	});

	test('Ignore If Not Active turns that 409 into a result; other errors stay errors', async () => {
		const { credentials } = env;
		const options = { options: { ignoreNotActive: true } };
		const result = await runLeadlex({
			credentials,
			parameters: campaignOp('pause', options, '={{ $json.id }}'),
			items: [{ id: 'cmp_draft01' }, { id: CAMPAIGN }],
		});
		expect(result.items.map((item) => [item.pairedItem, item.json])).toEqual([
			[paired(0), { id: 'cmp_draft01', paused: false, reason: 'campaign_not_active' }],
			[paired(1), expect.objectContaining({ id: CAMPAIGN, status: 'paused' })],
		]);
		const missing = await runLeadlex({
			credentials,
			parameters: campaignOp('pause', options, 'cmp_nope'),
		});
		expect(missing.error?.message).toBe(
			'Campaign "cmp_nope" was not found in LeadLex. Campaign "cmp_nope" was not paused.',
		);
	});
});

describe('Campaign → Start', () => {
	test('a draft with contacts becomes active: data {campaign_id, status, task_id}', async () => {
		const { sandbox, credentials } = env;
		await enroll('cmp_draft01', 5);
		const result = await runLeadlex({
			credentials,
			parameters: campaignOp('start', {}, 'cmp_draft01'),
		});
		expect(result.error).toBeUndefined();
		expect(sentRequests(sandbox)).toEqual([
			['POST', campaignPath(sandbox, 'cmp_draft01', '/start')],
		]);
		expect(result.items.map((item) => item.json)).toEqual([
			{ campaign_id: 'cmp_draft01', status: 'active', task_id: null },
		]);
	});

	test('more than 100 recipients: pending_approval with the Lexi task is a result, not an error', async () => {
		const { sandbox, credentials } = env;
		await enroll('cmp_draft01', 101);
		const result = await runLeadlex({
			credentials,
			parameters: campaignOp('start', {}, 'cmp_draft01'),
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual({
			campaign_id: 'cmp_draft01',
			status: 'pending_approval',
			task_id: expect.stringMatching(/^task_/),
		});
		expect(sandbox.campaigns().find((c) => c.id === 'cmp_draft01')?.status).toBe(
			'pending_approval',
		);
	});

	test('a paused campaign starts again (active)', async () => {
		const { credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: campaignOp('start', {}, 'cmp_paused01'),
		});
		expect(result.items[0].json).toMatchObject({ campaign_id: 'cmp_paused01', status: 'active' });
	});

	test.each([
		[CAMPAIGN, 'Campaign is already running'],
		['cmp_draft01', 'Campaign is empty: it has no contacts'],
	])(
		"%s: 400 validation_error is an error with LeadLex's own message",
		async (campaignId, said) => {
			const { credentials } = env;
			const result = await runLeadlex({
				credentials,
				parameters: campaignOp('start', {}, campaignId),
			});
			expect(result.error?.message).toBe(
				`LeadLex refused to start campaign "${campaignId}" (HTTP 400 validation_error): LeadLex said "${said}". Campaign "${campaignId}" was not started.`,
			);
			expect(result.error?.description).toContain(
				'empty (no contacts or no steps) or already running',
			);
		},
	);

	test("404 not_found (the start page's code) reads as an unknown campaign", async () => {
		const { sandbox, credentials } = env;
		sandbox.failNext('POST', '/start', 404, 'not_found', 'Campaign not found');
		const result = await runLeadlex({ credentials, parameters: campaignOp('start', {}, CAMPAIGN) });
		expect(result.error?.message).toBe(
			`Campaign "${CAMPAIGN}" was not found in LeadLex (HTTP 404 not_found). Campaign "${CAMPAIGN}" was not started.`,
		);
	});
});

describe('Campaign → Delete', () => {
	test('DELETEs a draft and outputs {deleted, id}', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: campaignOp('delete', {}, fromList('cmp_draft01')),
		});
		expect(sentRequests(sandbox)).toEqual([['DELETE', campaignPath(sandbox, 'cmp_draft01')]]);
		expect(result.items).toEqual([
			{ json: { deleted: true, id: 'cmp_draft01' }, pairedItem: paired(0) },
		]);
		expect(sandbox.campaigns().map((c) => c.id)).not.toContain('cmp_draft01');
	});

	test.each([
		[
			'409 (the sandbox: campaign_not_draft)',
			() => undefined,
			'Only draft campaigns can be deleted; this campaign is active',
		],
		[
			'400 validation_error',
			() =>
				env.sandbox.failNext(
					'DELETE',
					'/cmp_abc123',
					400,
					'validation_error',
					'Campaign is not a draft',
				),
			'Campaign is not a draft',
		],
		[
			'409 with another code',
			() =>
				env.sandbox.failNext('DELETE', '/cmp_abc123', 409, 'conflict', 'Campaign has sent emails'),
			'Campaign has sent emails',
		],
	])(
		'a non-draft refused with %s: only drafts can be deleted; nothing was deleted',
		async (_name, arrange, said) => {
			const { sandbox, credentials } = env;
			arrange();
			const result = await runLeadlex({
				credentials,
				parameters: campaignOp('delete', {}, CAMPAIGN),
			});
			expect(result.error?.message).toBe(
				`LeadLex refused to delete campaign "${CAMPAIGN}": only draft campaigns can be deleted: LeadLex said "${said}". Campaign "${CAMPAIGN}" was not deleted.`,
			);
			expect(sandbox.campaigns().map((c) => c.id)).toContain(CAMPAIGN);
		},
	);

	test.each([
		['campaign_not_found', () => undefined],
		['not_found', () => env.sandbox.failNext('DELETE', '/cmp_nope', 404, 'not_found')],
	])('Ignore Not Found: a 404 %s gives {deleted: false, id}', async (_code, arrange) => {
		const { credentials } = env;
		arrange();
		const result = await runLeadlex({
			credentials,
			parameters: campaignOp('delete', { options: { ignoreNotFound: true } }, 'cmp_nope'),
		});
		expect(result.items.map((item) => item.json)).toEqual([{ deleted: false, id: 'cmp_nope' }]);
	});

	test('without Ignore Not Found a missing campaign is an error that points to the option', async () => {
		const { credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: campaignOp('delete', {}, 'cmp_nope'),
		});
		expect(result.error?.message).toBe(
			'Campaign "cmp_nope" was not found in LeadLex. Campaign "cmp_nope" was not deleted.',
		);
		expect(result.error?.description).toContain('Options → Ignore Not Found');
	});

	test('a 2xx without a body counts as deleted', async () => {
		const { sandbox, credentials } = env;
		sandbox.injectFault({ type: 'response', status: 204, body: '' });
		const result = await runLeadlex({
			credentials,
			parameters: campaignOp('delete', {}, 'cmp_draft01'),
		});
		expect(result.items.map((item) => item.json)).toEqual([{ deleted: true, id: 'cmp_draft01' }]);
	});
});

/** Documented errors of every single-request operation, with the permission each needs. */
const operations: Array<[string, string, string | undefined]> = [
	['get', 'campaigns:read', undefined],
	['getStats', 'campaigns:read', undefined],
	['pause', 'campaigns:write', 'paused'],
	['start', 'campaigns:write', 'started'],
	['delete', 'campaigns:write', 'deleted'],
];
const errorCases = operations.flatMap(([operation, permission, change]) => {
	const outcome = change ? `. Campaign "${CAMPAIGN}" was not ${change}.` : '';
	const missing = change ? `. Campaign "cmp_nope" was not ${change}.` : '';
	const lacking = permission === 'campaigns:read' ? 'writeOnly' : 'readOnly';
	return [
		[
			operation,
			'404 campaign_not_found',
			{ campaign: 'cmp_nope' },
			`Campaign "cmp_nope" was not found in LeadLex${missing}`,
		],
		[
			operation,
			'404 not_found (older pages)',
			{ fail: [404, 'not_found'] },
			`Campaign "${CAMPAIGN}" was not found in LeadLex (HTTP 404 not_found)${outcome}`,
		],
		[
			operation,
			`403 names ${permission}`,
			{ key: lacking },
			`The LeadLex API key lacks the ${permission} permission${outcome}`,
		],
		[operation, '401 invalid_key', { key: 'expired' }, `LeadLex rejected the API key${outcome}`],
		[
			operation,
			'429 with waiting off',
			{ fail: [429, 'rate_limited'] },
			`LeadLex rate limit reached${outcome}`,
		],
		[
			operation,
			"another workspace's campaign is not found",
			{ key: 'otherWorkspace' },
			`Campaign "${CAMPAIGN}" was not found in LeadLex${outcome}`,
		],
	] as Array<
		[string, string, { campaign?: string; key?: string; fail?: [number, string] }, string]
	>;
});

describe('every single-request Campaign operation: documented errors', () => {
	test.each(errorCases)('%s, %s', async (operation, _name, arrange, message) => {
		const { sandbox, credentials } = env;
		if (arrange.fail) {
			const [status, code] = arrange.fail;
			const body = JSON.stringify({ error: { code, message: 'Refused by the sandbox' } });
			sandbox.injectFault({ type: 'response', status, body, contentType: 'application/json' });
		}
		const apiKey = arrange.key
			? sandbox.keys[arrange.key as keyof typeof sandbox.keys]
			: sandbox.keys.full;
		const result = await runLeadlex({
			credentials: { ...credentials, apiKey },
			parameters: campaignOp(
				operation,
				{ options: { retryOnRateLimit: false } },
				arrange.campaign ?? CAMPAIGN,
			),
		});
		expect(result.error?.message).toBe(message);
		expect(result.everything).not.toContain(sandbox.keys.full);
		expect(result.everything).not.toContain(apiKey);
	});

	test.each(operations.map(([operation]) => [operation]))(
		'%s: an ID that would change the path fails before any request',
		async (operation) => {
			const { sandbox, credentials } = env;
			const result = await runLeadlex({
				credentials,
				parameters: campaignOp(operation, {}, byId('={{ ".." }}')),
			});
			expect(result.error?.message).toBe(
				'The Campaign ID is "..", which would change the request path. Nothing was sent to LeadLex.',
			);
			expect(sandbox.requests).toHaveLength(0);
		},
	);

	test.each(operations.map(([operation]) => [operation]))(
		'%s: a 503 says whether anything may have changed',
		async (operation) => {
			const { sandbox, credentials } = env;
			sandbox.injectFault({ type: 'response', status: 503, body: '' });
			const result = await runLeadlex({
				credentials,
				parameters: campaignOp(operation, {}, CAMPAIGN),
			});
			const change = operations.find(([name]) => name === operation)?.[2];
			expect(result.error?.message).toBe(
				change
					? `LeadLex had a server error (HTTP 503). Campaign "${CAMPAIGN}" may or may not have been ${change}: check it in LeadLex before running the workflow again.`
					: 'LeadLex had a server error (HTTP 503)',
			);
		},
	);
});

describe('continue on fail, pairing, $fromAI', () => {
	test('a failing item becomes {error} and the others still run, each paired with its input', async () => {
		const { credentials } = env;
		const result = await runLeadlex({
			credentials,
			onError: 'continueRegularOutput',
			parameters: campaignOp('pause', {}, '={{ $json.id }}'),
			items: [{ id: CAMPAIGN }, { id: 'cmp_paused01' }, { id: 'cmp_nope' }],
		});
		expect(result.error).toBeUndefined();
		expect(
			result.items.map((item) => [item.pairedItem, item.json.status ?? item.json.error]),
		).toEqual([
			[paired(0), 'paused'],
			[
				paired(1),
				'Campaign "cmp_paused01" is not active, so LeadLex did not pause it (HTTP 409 campaign_not_active). Campaign "cmp_paused01" was not paused.',
			],
			[
				paired(2),
				'Campaign "cmp_nope" was not found in LeadLex. Campaign "cmp_nope" was not paused.',
			],
		]);
	});

	const aiCases: Array<[string, INodeParameters]> = [
		['get', {}],
		['getStats', {}],
		[
			'pause',
			{
				options: {
					ignoreNotActive:
						"={{ $fromAI('ignoreNotActive', 'Whether a campaign that is not active is fine', 'boolean') }}",
				},
			},
		],
	];
	test.each(aiCases)(
		"%s: $fromAI fills the campaign, as n8n's AI Agent calls the tool",
		async (operation, extra) => {
			const { sandbox, credentials } = env;
			const result = await runLeadlex({
				credentials,
				parameters: campaignOp(
					operation,
					extra,
					byId("={{ $fromAI('campaignId', 'The campaign ID, e.g. cmp_abc123') }}"),
				),
				items: [{ campaignId: 'cmp_paused01', ignoreNotActive: true }],
			});
			expect(result.error).toBeUndefined();
			expect(sandbox.requests[0].rawPath).toContain('/cmp_paused01');
			expect(sentBodies(sandbox)).toEqual([undefined]);
		},
	);
});
