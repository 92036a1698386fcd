import type { IDataObject } from 'n8n-workflow';
import { runLeadlex } from './harness';
import { byId, CAMPAIGN, deleteStep, fromList, listSteps, stepPath, useSandbox } from './fixtures';

const env = useSandbox();

describe('Delete Campaign Step through n8n-core', () => {
	test('sends DELETE with the bearer key and outputs the API data, paired with its input item', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: deleteStep(fromList(CAMPAIGN), fromList('step_2')),
		});

		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{ json: { deleted: true, id: 'step_2' }, pairedItem: { item: 0 } },
		]);
		expect(sandbox.requests).toHaveLength(1);
		const [request] = sandbox.requests;
		expect(request.method).toBe('DELETE');
		expect(request.rawPath).toBe('/functions/v1/api-gateway/v1/campaigns/cmp_abc123/steps/step_2');
		expect(request.headers.authorization).toBe(`Bearer ${sandbox.keys.full}`);
		expect(request.rawPath).not.toContain(sandbox.keys.full);
	});

	test('later steps are compacted, as the list endpoint shows afterwards', async () => {
		const { sandbox, credentials } = env;
		expect(await listSteps(sandbox, CAMPAIGN)).toEqual([
			{ id: 'step_1', index: 0 },
			{ id: 'step_2', index: 1 },
			{ id: 'step_3', index: 2 },
			{ id: 'step_4', index: 3 },
		]);
		await runLeadlex({ credentials, parameters: deleteStep(CAMPAIGN, 'step_2') });
		expect(await listSteps(sandbox, CAMPAIGN)).toEqual([
			{ id: 'step_1', index: 0 },
			{ id: 'step_3', index: 1 },
			{ id: 'step_4', index: 2 },
		]);
	});

	test('several items with expressions: one request and one output item per input item, in order', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: deleteStep(byId('={{ $json.campaign }}'), byId('={{ $json.step }}')),
			items: [
				{ campaign: 'cmp_abc123', step: 'step_4' },
				{ campaign: 'cmp_paused01', step: 'step_paused01_2' },
				{ campaign: 'cmp_abc123', step: 'step_1' },
			],
		});

		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{ json: { deleted: true, id: 'step_4' }, pairedItem: { item: 0 } },
			{ json: { deleted: true, id: 'step_paused01_2' }, pairedItem: { item: 1 } },
			{ json: { deleted: true, id: 'step_1' }, pairedItem: { item: 2 } },
		]);
		expect(sandbox.requests.map((request) => request.rawPath).sort()).toEqual(
			[
				stepPath(sandbox, 'cmp_abc123', 'step_4'),
				stepPath(sandbox, 'cmp_paused01', 'step_paused01_2'),
				stepPath(sandbox, 'cmp_abc123', 'step_1'),
			].sort(),
		);
		expect(sandbox.steps('cmp_abc123').map((step) => step.id)).toEqual(['step_2', 'step_3']);
	});

	test("as an AI agent's tool: $fromAI fills both IDs from the tool call's arguments", async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: deleteStep(
				byId("={{ $fromAI('campaignId', 'The ID of the campaign, e.g. cmp_abc123') }}"),
				byId("={{ $fromAI('stepId', 'The ID of the step to delete, e.g. step_2') }}"),
			),
			// n8n hands a tool call's arguments to the node as its input item.
			items: [{ campaignId: 'cmp_abc123', stepId: 'step_4' }],
		});
		expect(result.items.map((item) => item.json)).toEqual([{ deleted: true, id: 'step_4' }]);
		expect(sandbox.requests.map((request) => request.rawPath)).toEqual([
			stepPath(sandbox, CAMPAIGN, 'step_4'),
		]);
	});

	test('surrounding whitespace is trimmed from both IDs', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: deleteStep(byId('={{ $json.campaign }}'), byId('={{ $json.step }}')),
			items: [{ campaign: '  cmp_abc123\n', step: '\tstep_3  ' }],
		});
		expect(result.items[0].json).toEqual({ deleted: true, id: 'step_3' });
		expect(sandbox.requests[0].rawPath).toBe(stepPath(sandbox, 'cmp_abc123', 'step_3'));
	});
});

describe('IDs can never change the request path', () => {
	const unsafe = [
		'a/b',
		'../steps',
		'step?x=1',
		'step#frag',
		'100%',
		'%2F',
		'%2e%2e',
		'a\\b',
		'schritt-ü-✓',
		' .. x',
	];

	test.each(['campaignId', 'stepId'])(
		'path-unsafe values in %s reach exactly one encoded segment',
		async (parameter) => {
			const { sandbox, credentials } = env;
			const items = unsafe.map((value) => ({ value }));
			const parameters =
				parameter === 'campaignId'
					? deleteStep(byId('={{ $json.value }}'), 'step_2')
					: deleteStep(CAMPAIGN, byId('={{ $json.value }}'));
			const result = await runLeadlex({
				credentials,
				parameters,
				items,
				onError: 'continueRegularOutput',
			});

			const expected = unsafe.map((value) =>
				parameter === 'campaignId'
					? stepPath(sandbox, value.trim(), 'step_2')
					: stepPath(sandbox, CAMPAIGN, value.trim()),
			);
			expect(sandbox.requests.map((request) => request.rawPath).sort()).toEqual(
				[...expected].sort(),
			);
			expect(result.items).toHaveLength(unsafe.length);
			// None of these exist, so every item is a not-found error from the intended route.
			for (const item of result.items) expect(item.json.error).toMatch(/was not found/);
			expect(sandbox.steps(CAMPAIGN)).toHaveLength(4);
			expect(sandbox.campaigns().some((campaign) => campaign.id === CAMPAIGN)).toBe(true);
		},
	);

	const refused: Array<[string, unknown, RegExp]> = [
		['empty', '', /ID is empty/],
		['whitespace', '  \t ', /ID is empty/],
		['a dot', '.', /ID is "\."/],
		['two dots', '..', /ID is "\.\."/],
		['two dots with spaces', ' .. ', /ID is "\.\."/],
		['null', null, /must be text, but the value is null/],
		['an object', { id: 'step_2' }, /must be text, but the value is an object/],
		['a list', ['step_2'], /must be text, but the value is a list/],
	];

	test.each(refused)(
		'%s is refused before any request, naming the parameter',
		async (_name, value, message) => {
			const { sandbox, credentials } = env;
			for (const [parameter, label] of [
				['campaignId', 'Campaign'],
				['stepId', 'Step'],
			]) {
				sandbox.reset();
				const parameters =
					parameter === 'campaignId'
						? deleteStep(byId('={{ $json.value }}'), 'step_2')
						: deleteStep(CAMPAIGN, byId('={{ $json.value }}'));
				const result = await runLeadlex({
					credentials,
					parameters,
					items: [{ value: value as IDataObject }],
				});
				expect(sandbox.requests).toHaveLength(0);
				expect(result.error?.message).toMatch(new RegExp(`^The ${label} ID `));
				expect(result.error?.message).toMatch(message);
				expect(result.error?.description).toMatch(/Nothing was sent to LeadLex for item 1/);
			}
		},
	);

	test('a blank ID in one item fails that item only; the other items are deleted', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: deleteStep(CAMPAIGN, byId('={{ $json.step }}')),
			items: [{ step: 'step_1' }, { step: '' }, { step: 'step_3' }],
			onError: 'continueRegularOutput',
		});
		expect(result.items.map((item) => item.json)).toEqual([
			{ deleted: true, id: 'step_1' },
			{ error: 'The Step ID is empty' },
			{ deleted: true, id: 'step_3' },
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(result.items[1].error?.description).toMatch(/^Nothing was sent to LeadLex for item 2\./);
		expect(sandbox.requests).toHaveLength(2);
	});

	test('numbers from expressions are sent as text', async () => {
		const { sandbox, credentials } = env;
		await runLeadlex({
			credentials,
			parameters: deleteStep(CAMPAIGN, byId('={{ $json.step }}')),
			items: [{ step: 42 }],
			onError: 'continueRegularOutput',
		});
		expect(sandbox.requests.map((request) => request.rawPath)).toEqual([
			stepPath(sandbox, CAMPAIGN, '42'),
		]);
	});
});

describe('Ignore Not Found', () => {
	const withOption = (ignoreNotFound: boolean) => ({ options: { ignoreNotFound } });

	test('on: a missing step gives {deleted: false, id}', async () => {
		const result = await runLeadlex({
			credentials: env.credentials,
			parameters: deleteStep(CAMPAIGN, 'step_gone', withOption(true)),
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{ json: { deleted: false, id: 'step_gone' }, pairedItem: { item: 0 } },
		]);
	});

	test('off: a missing step is an error', async () => {
		const result = await runLeadlex({
			credentials: env.credentials,
			parameters: deleteStep(CAMPAIGN, 'step_gone', withOption(false)),
		});
		expect(result.error?.message).toBe('Step "step_gone" was not found in campaign "cmp_abc123"');
	});

	test('on: a missing campaign is still an error', async () => {
		const result = await runLeadlex({
			credentials: env.credentials,
			parameters: deleteStep('cmp_missing', 'step_1', withOption(true)),
		});
		expect(result.error?.message).toBe('Campaign "cmp_missing" was not found in LeadLex');
	});

	test('on: a generic not_found and a 404 without a LeadLex body stay errors', async () => {
		const { sandbox, credentials } = env;
		sandbox.injectFault({
			type: 'response',
			status: 404,
			body: '<html><h1>Not Found</h1></html>',
			contentType: 'text/html',
		});
		const htmlPage = await runLeadlex({
			credentials,
			parameters: deleteStep(CAMPAIGN, 'step_1', withOption(true)),
		});
		expect(htmlPage.error?.message).toBe('No LeadLex API at the configured Base URL (HTTP 404)');

		sandbox.injectFault({
			type: 'response',
			status: 404,
			body: JSON.stringify({ error: { code: 'not_found', message: 'Not found' } }),
			contentType: 'application/json',
		});
		const generic = await runLeadlex({
			credentials,
			parameters: deleteStep(CAMPAIGN, 'step_1', withOption(true)),
		});
		expect(generic.error?.message).toBe(
			'LeadLex could not find step "step_1" of campaign "cmp_abc123" (HTTP 404 not_found)',
		);

		const wrongBaseUrl = await runLeadlex({
			credentials: { ...credentials, baseUrl: `${sandbox.origin}/elsewhere` },
			parameters: deleteStep(CAMPAIGN, 'step_1', withOption(true)),
		});
		expect(wrongBaseUrl.error?.message).toBe(
			'LeadLex could not find step "step_1" of campaign "cmp_abc123" (HTTP 404 not_found)',
		);
		expect(wrongBaseUrl.error?.description).toMatch(/check the Base URL/);
		expect(sandbox.steps(CAMPAIGN)).toHaveLength(4);
	});

	test('the same step twice in one run: one deleted, one {deleted: false} with the option', async () => {
		const result = await runLeadlex({
			credentials: env.credentials,
			parameters: deleteStep(CAMPAIGN, byId('={{ $json.step }}'), withOption(true)),
			items: [{ step: 'step_2' }, { step: 'step_2' }],
		});
		expect(result.error).toBeUndefined();
		const outputs = result.items.map((item) => item.json);
		expect(outputs).toHaveLength(2);
		expect(outputs).toEqual(
			expect.arrayContaining([
				{ deleted: true, id: 'step_2' },
				{ deleted: false, id: 'step_2' },
			]),
		);
	});

	test('the same step twice in one run without the option: the second is an error', async () => {
		const result = await runLeadlex({
			credentials: env.credentials,
			parameters: deleteStep(CAMPAIGN, byId('={{ $json.step }}')),
			items: [{ step: 'step_2' }, { step: 'step_2' }],
			onError: 'continueRegularOutput',
		});
		const outputs = result.items.map((item) => item.json);
		expect(outputs).toEqual(
			expect.arrayContaining([
				{ deleted: true, id: 'step_2' },
				expect.objectContaining({ error: 'Step "step_2" was not found in campaign "cmp_abc123"' }),
			]),
		);
		expect(env.sandbox.steps(CAMPAIGN).map((step) => step.id)).toEqual([
			'step_1',
			'step_3',
			'step_4',
		]);
	});
});
