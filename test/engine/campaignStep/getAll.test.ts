import axios from 'axios';
import { runLeadlex } from '../harness';
import { CAMPAIGN, fromList, getSteps, stepsPath, useSandbox } from '../fixtures';

const env = useSandbox();

describe('Campaign Step → Get Many', () => {
	test('one item per step, in send order, as LeadLex sent them (Limit 50 by default)', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({ credentials, parameters: getSteps(fromList(CAMPAIGN)) });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual(sandbox.steps(CAMPAIGN));
		expect(result.items.map((item) => item.json.id)).toEqual([
			'step_1',
			'step_2',
			'step_3',
			'step_4',
		]);
		expect(result.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(
			true,
		);
		expect(
			sandbox.requests.map((request) => [request.method, request.rawPath, request.body]),
		).toEqual([['GET', stepsPath(sandbox, CAMPAIGN), undefined]]);
	});

	test('Limit keeps the first steps; Return All ignores Limit', async () => {
		const { credentials } = env;
		const limited = await runLeadlex({ credentials, parameters: getSteps(CAMPAIGN, { limit: 2 }) });
		expect(limited.items.map((item) => item.json.id)).toEqual(['step_1', 'step_2']);
		const all = await runLeadlex({
			credentials,
			parameters: getSteps(CAMPAIGN, { returnAll: true, limit: 1 }),
		});
		expect(all.items).toHaveLength(4);
	});

	test('steps that arrive out of order are put in send order by index', async () => {
		const { sandbox, credentials } = env;
		const steps = sandbox.steps(CAMPAIGN).reverse();
		sandbox.injectFault({
			type: 'response',
			status: 200,
			body: JSON.stringify({ data: { steps } }),
			contentType: 'application/json',
		});
		const result = await runLeadlex({ credentials, parameters: getSteps(CAMPAIGN) });
		expect(result.items.map((item) => item.json.index)).toEqual([0, 1, 2, 3]);
	});

	test('a campaign without steps gives no items and no error', async () => {
		const { sandbox, credentials } = env;
		const headers = { Authorization: `Bearer ${sandbox.keys.full}` };
		for (const step of sandbox.steps('cmp_draft01')) {
			await axios.delete(`${sandbox.url}/v1/campaigns/cmp_draft01/steps/${step.id}`, { headers });
		}
		const result = await runLeadlex({ credentials, parameters: getSteps('cmp_draft01') });
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([]);
	});

	const failures: Array<[string, () => Record<string, unknown>, string]> = [
		[
			'404 campaign_not_found',
			() => ({ campaign: 'cmp_nope' }),
			'Campaign "cmp_nope" was not found in LeadLex',
		],
		[
			'403 insufficient_permissions names campaigns:read',
			() => ({ apiKey: env.sandbox.keys.writeOnly }),
			'The LeadLex API key lacks the campaigns:read permission',
		],
		[
			'401 invalid_key',
			() => ({ apiKey: env.sandbox.keys.expired }),
			'LeadLex rejected the API key',
		],
		[
			'a 200 without data.steps',
			() => {
				env.sandbox.injectFault({
					type: 'response',
					status: 200,
					body: '{"data":{}}',
					contentType: 'application/json',
				});
				return {};
			},
			'LeadLex answered HTTP 200 but without a list in data.steps',
		],
		[
			'429 with waiting off',
			() => {
				env.sandbox.failNext('GET', '/steps', 429, 'rate_limited');
				return {};
			},
			'LeadLex rate limit reached',
		],
	];

	test.each(failures)(
		'%s: a read says what failed (nothing to change)',
		async (_name, arrange, message) => {
			const { credentials } = env;
			const { campaign, ...override } = arrange() as { campaign?: string };
			const result = await runLeadlex({
				credentials: { ...credentials, ...override },
				parameters: getSteps(campaign ?? CAMPAIGN, { options: { retryOnRateLimit: false } }),
			});
			expect(result.error?.message).toBe(message);
			expect(result.everything).not.toContain(env.sandbox.keys.full);
		},
	);

	test('several input items: each gets its campaign steps, paired with it', async () => {
		const { credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: getSteps('={{ $json.campaign }}'),
			items: [{ campaign: CAMPAIGN }, { campaign: 'cmp_paused01' }],
		});
		expect(
			result.items.map((item) => [(item.pairedItem as { item: number }).item, item.json.id]),
		).toEqual([
			[0, 'step_1'],
			[0, 'step_2'],
			[0, 'step_3'],
			[0, 'step_4'],
			[1, 'step_paused01_1'],
			[1, 'step_paused01_2'],
			[1, 'step_paused01_3'],
		]);
	});
});
