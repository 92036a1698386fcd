import { runLeadlex, searchList } from './harness';
import { byId, CAMPAIGN, deleteStep, useSandbox } from './fixtures';

const env = useSandbox();

describe('Campaign picker (searchCampaigns)', () => {
	test('lists one page of 100 per call and hands n8n a token for the next', async () => {
		const { sandbox, credentials } = env;
		const first = await searchList('searchCampaigns', { credentials });
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBe('2');
		expect(first.results.slice(0, 3)).toEqual([
			{ name: 'Family Law Newsletter Launch (draft)', value: 'cmp_draft01' },
			{ name: 'Estate Planning Follow-up (active)', value: 'cmp_abc123' },
			{ name: 'Q3 Litigation Outreach (paused)', value: 'cmp_paused01' },
		]);
		expect(sandbox.requests.map((request) => request.rawPath)).toEqual([
			'/functions/v1/api-gateway/v1/campaigns?page=1&per_page=100',
		]);

		const last = await searchList('searchCampaigns', { credentials, paginationToken: '3' });
		expect(last.results).toHaveLength(40);
		expect(last.paginationToken).toBeUndefined();
		expect(sandbox.requests).toHaveLength(2);
	});

	test('search filters by name (server and client side) in one request', async () => {
		const { sandbox, credentials } = env;
		const result = await searchList('searchCampaigns', { credentials, filter: 'Estate Planning' });
		expect(result.results.length).toBeGreaterThan(0);
		for (const item of result.results) expect(item.name.toLowerCase()).toContain('estate planning');
		expect(result.results).toContainEqual({
			name: 'Estate Planning Follow-up (active)',
			value: 'cmp_abc123',
		});
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.requests[0].rawPath).toContain('search=estate%20planning');
	});

	test('against a server that ignores `search` (docs-only), results are still filtered, one page per call', async () => {
		const { sandbox, credentials } = env;
		sandbox.setOptions({ profile: 'docs-only' });
		const first = await searchList('searchCampaigns', { credentials, filter: 'webinar' });
		for (const item of first.results) expect(item.name.toLowerCase()).toContain('webinar');
		expect(first.paginationToken).toBe('2');
		const pages = [first];
		while (pages[pages.length - 1].paginationToken) {
			pages.push(
				await searchList('searchCampaigns', {
					credentials,
					filter: 'webinar',
					paginationToken: pages[pages.length - 1].paginationToken,
				}),
			);
		}
		expect(pages).toHaveLength(3);
		expect(sandbox.requests).toHaveLength(3);
		const all = pages.flatMap((page) => page.results);
		const expected = sandbox
			.campaigns()
			.filter((campaign) => campaign.name.toLowerCase().includes('webinar'));
		expect(all.map((item) => item.value).sort()).toEqual(
			expected.map((campaign) => campaign.id).sort(),
		);
	});

	test('a key without campaigns:read gets a clear error', async () => {
		await expect(
			searchList('searchCampaigns', {
				credentials: { ...env.credentials, apiKey: env.sandbox.keys.writeOnly },
			}),
		).rejects.toThrow('The LeadLex API key lacks the campaigns:read permission');
	});
});

describe('Step picker (searchSteps)', () => {
	const stepsOf = (value: string) => ({ campaignId: byId(value) });

	test("lists the chosen campaign's steps by position and subject", async () => {
		const { sandbox, credentials } = env;
		const result = await searchList('searchSteps', { credentials, parameters: stepsOf(CAMPAIGN) });
		const expected = sandbox
			.steps(CAMPAIGN)
			.map((step) => ({ name: `Step ${step.index + 1}: ${step.subject}`, value: step.id }));
		expect(result.results).toEqual(expected);
		expect(result.results[0]).toEqual({
			name: 'Step 1: Quick question about {{company_name}}',
			value: 'step_1',
		});
		expect(sandbox.requests[0].rawPath).toBe(
			'/functions/v1/api-gateway/v1/campaigns/cmp_abc123/steps',
		);
	});

	test('the campaign may be an expression', async () => {
		const result = await searchList('searchSteps', {
			credentials: env.credentials,
			parameters: stepsOf('={{ "cmp_" + "abc123" }}'),
		});
		expect(result.results.map((item) => item.value)).toEqual([
			'step_1',
			'step_2',
			'step_3',
			'step_4',
		]);
	});

	test('positions follow compaction after a delete', async () => {
		const { credentials } = env;
		await runLeadlex({ credentials, parameters: deleteStep(CAMPAIGN, 'step_2') });
		const result = await searchList('searchSteps', { credentials, parameters: stepsOf(CAMPAIGN) });
		expect(result.results.map((item) => [item.value, item.name.split(':')[0]])).toEqual([
			['step_1', 'Step 1'],
			['step_3', 'Step 2'],
			['step_4', 'Step 3'],
		]);
	});

	test('filters by subject', async () => {
		const result = await searchList('searchSteps', {
			credentials: env.credentials,
			parameters: stepsOf(CAMPAIGN),
			filter: 're:',
		});
		expect(result.results.length).toBeGreaterThan(0);
		for (const item of result.results) expect(item.name.toLowerCase()).toContain('re:');
	});

	test('asks for a campaign first, before any request', async () => {
		await expect(
			searchList('searchSteps', { credentials: env.credentials, parameters: stepsOf('  ') }),
		).rejects.toThrow('Choose a campaign first');
		expect(env.sandbox.requests).toHaveLength(0);
	});

	test('an unknown campaign gets a clear error', async () => {
		await expect(
			searchList('searchSteps', { credentials: env.credentials, parameters: stepsOf('cmp_nope') }),
		).rejects.toThrow('Campaign "cmp_nope" was not found in LeadLex');
	});
});
