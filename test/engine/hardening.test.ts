/* eslint-disable @n8n/community-nodes/no-restricted-imports -- writes the figures for SECURITY.md */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { IDataObject } from 'n8n-workflow';
import type { Fault } from '../sandbox/server';
import { PACKAGE_DIR, runLeadlex, testCredential, type RunResult } from './harness';
import { byId, CAMPAIGN, deleteStep, stepPath, useSandbox } from './fixtures';

const env = useSandbox();

/** Counted over the whole file and written for SECURITY.md's figures table. */
const figures = {
	faultScenarios: 0,
	faultScenariosSurvived: 0,
	badInputsTried: 0,
	requestsToUnexpectedPaths: 0,
	keyLeaks: 0,
	itemsLost: 0,
	runsScanned: 0,
};

afterAll(() => {
	const folder = path.join(PACKAGE_DIR, '.artifacts');
	mkdirSync(folder, { recursive: true });
	writeFileSync(
		path.join(folder, 'hardening-figures.json'),
		`${JSON.stringify(figures, null, 2)}\n`,
	);
});

/** Scans the whole run (hidden properties such as `cause` and `stack` included) for the key. */
function scanForKey(result: RunResult) {
	figures.runsScanned++;
	const key = env.sandbox.keys.full;
	if (result.everything.includes(key) || result.everything.includes(key.slice(4)))
		figures.keyLeaks++;
	expect(result.everything).not.toContain(key.slice(4));
}

function expectOneResultPerItem(result: RunResult, count: number) {
	const results = [...result.items, ...result.errorItems];
	const paired = results
		.map((item) => (item.pairedItem as { item: number }).item)
		.sort((a, b) => a - b);
	const expected = Array.from({ length: count }, (_, index) => index);
	if (JSON.stringify(paired) !== JSON.stringify(expected)) figures.itemsLost++;
	expect(paired).toEqual(expected);
}

describe('faults: every item gets exactly one result, in place, with a clear message', () => {
	const html = (status: number): Fault => ({
		type: 'response',
		status,
		body: `<html><head><title>${status}</title></head><body><h1>${status}</h1><hr>nginx</body></html>`,
		contentType: 'text/html',
	});
	const json = (status: number, body: IDataObject): Fault => ({
		type: 'response',
		status,
		body: JSON.stringify(body),
		contentType: 'application/json',
	});
	const scenarios: Array<[string, Fault, RegExp]> = [
		['connection reset', { type: 'reset' }, /^The connection to LeadLex broke before it answered$/],
		['500 HTML', html(500), /^LeadLex had a server error \(HTTP 500\)$/],
		['502 HTML', html(502), /^LeadLex had a server error \(HTTP 502\)$/],
		['503 HTML', html(503), /^LeadLex had a server error \(HTTP 503\)$/],
		[
			'500 JSON',
			json(500, { error: { code: 'internal_error', message: 'x' } }),
			/^LeadLex had a server error \(HTTP 500\)$/,
		],
		[
			'502 JSON',
			json(502, { error: { code: 'bad_gateway', message: 'x' } }),
			/^LeadLex had a server error \(HTTP 502\)$/,
		],
		[
			'503 JSON',
			json(503, { error: { code: 'unavailable', message: 'x' } }),
			/^LeadLex had a server error \(HTTP 503\)$/,
		],
		[
			'200 truncated',
			{ type: 'truncated', status: 200, body: '{"data":{"deleted":true,"id":"x"}}' },
			/broke off before it was complete$/,
		],
		[
			'200 not JSON',
			{ type: 'response', status: 200, body: 'OK', contentType: 'text/plain' },
			/^LeadLex answered HTTP 200 but with a body that is not LeadLex JSON$/,
		],
		[
			'200 JSON without data',
			json(200, { result: 'ok' }),
			/^LeadLex answered HTTP 200 but with a body that is not LeadLex JSON$/,
		],
	];

	test.each(scenarios)(
		'%s, on one item of three, with the error output',
		async (_name, fault, message) => {
			figures.faultScenarios++;
			env.sandbox.injectFault(fault, { pathIncludes: 'step_2' });
			const result = await runLeadlex({
				credentials: env.credentials,
				parameters: deleteStep(CAMPAIGN, byId('={{ $json.step }}')),
				items: [{ step: 'step_1' }, { step: 'step_2' }, { step: 'step_3' }],
				onError: 'continueErrorOutput',
			});
			expect(result.run.status).toBe('success');
			expectOneResultPerItem(result, 3);
			expect(result.items.map((item) => item.json)).toEqual([
				{ deleted: true, id: 'step_1' },
				{ deleted: true, id: 'step_3' },
			]);
			expect(result.errorItems).toHaveLength(1);
			expect(result.errorItems[0].json.error).toMatch(message);
			expect(result.errorItems[0].error?.description).toMatch(
				/step "step_2" of campaign "cmp_abc123" (was probably|may or may not have been) deleted/i,
			);
			scanForKey(result);
			figures.faultScenariosSurvived++;
		},
	);

	test('an empty 200 and a 204 both mean deleted', async () => {
		for (const status of [200, 204]) {
			figures.faultScenarios++;
			env.sandbox.reset();
			env.sandbox.injectFault({ type: 'response', status, body: '' });
			const result = await runLeadlex({
				credentials: env.credentials,
				parameters: deleteStep(CAMPAIGN, 'step_2'),
			});
			expect(result.items.map((item) => item.json)).toEqual([{ deleted: true, id: 'step_2' }]);
			figures.faultScenariosSurvived++;
		}
	});

	test('connection refused: nothing was deleted', async () => {
		figures.faultScenarios++;
		const result = await runLeadlex({
			credentials: { ...env.credentials, baseUrl: 'http://127.0.0.1:9/functions/v1/api-gateway' },
			parameters: deleteStep(CAMPAIGN, byId('={{ $json.step }}')),
			items: [{ step: 'step_1' }, { step: 'step_2' }],
			onError: 'continueRegularOutput',
		});
		expectOneResultPerItem(result, 2);
		for (const item of result.items) {
			expect(item.json.error).toBe('Could not connect to LeadLex at 127.0.0.1:9');
			expect(item.error?.description).toMatch(/was not deleted\./);
		}
		scanForKey(result);
		figures.faultScenariosSurvived++;
	});

	test("a server that never answers: n8n's timeout ends it, and the message says the step may have been deleted", async () => {
		figures.faultScenarios++;
		env.sandbox.injectFault({ type: 'hang' }, { pathIncludes: 'step_2' });
		const result = await runLeadlex({
			credentials: env.credentials,
			parameters: deleteStep(CAMPAIGN, byId('={{ $json.step }}'), {
				requestOptions: { timeout: 800 },
			}),
			items: [{ step: 'step_1' }, { step: 'step_2' }],
			onError: 'continueRegularOutput',
		});
		expectOneResultPerItem(result, 2);
		expect(result.items[1].json.error).toBe('LeadLex did not answer within 0.8 s');
		expect(result.items[1].error?.description).toMatch(/may or may not have been deleted/);
		scanForKey(result);
		figures.faultScenariosSurvived++;
	});

	test('a slow server under many items: all 60 deleted, pairing kept', async () => {
		figures.faultScenarios++;
		env.sandbox.setOptions({ latencyMs: 150 });
		const items = Array.from({ length: 60 }, (_, index) => {
			const num = String(index + 1).padStart(3, '0');
			return { campaign: `cmp_gen${num}`, step: `step_gen${num}_1` };
		});
		const result = await runLeadlex({
			credentials: env.credentials,
			parameters: deleteStep(byId('={{ $json.campaign }}'), byId('={{ $json.step }}')),
			items,
			onError: 'continueErrorOutput',
		});
		expectOneResultPerItem(result, 60);
		expect(result.items.map((item) => item.json.id)).toEqual(items.map((item) => item.step));
		figures.faultScenariosSurvived++;
	});
});

describe('bad input: refused before any request, or exactly one encoded path segment', () => {
	const segment = (value: string) => ({ sent: value });
	const refused = (message: RegExp) => ({ refused: message });
	const inputs: Array<[string, unknown, { sent: string } | { refused: RegExp }]> = [
		['empty', '', refused(/ID is empty$/)],
		['whitespace', ' \t\n ', refused(/ID is empty$/)],
		['.', '.', refused(/ID is "\."/)],
		['..', '..', refused(/ID is "\.\."/)],
		['%2e%2e', '%2e%2e', segment('%2e%2e')],
		['%2E%2E', '%2E%2E', segment('%2E%2E')],
		[
			'10,000 characters',
			'x'.repeat(10_000),
			refused(/ID is 10000 characters long \(at most 1024\)$/),
		],
		['1,024 characters', 'y'.repeat(1024), segment('y'.repeat(1024))],
		['a slash', 'a/b', segment('a/b')],
		['leading slash', '/steps/step_1', segment('/steps/step_1')],
		['a question mark', 'a?b=1', segment('a?b=1')],
		['a hash', 'a#b', segment('a#b')],
		['a percent sign', '50%', segment('50%')],
		['%2F', 'a%2Fb', segment('a%2Fb')],
		['a backslash', 'a\\..\\b', segment('a\\..\\b')],
		['a newline inside', 'step\n_1', refused(/ID contains control characters$/)],
		['a NUL', 'step\u0000', refused(/ID contains control characters$/)],
		['emoji', 'step_🚀', segment('step_🚀')],
		['other Unicode', 'schritt_ä_日本', segment('schritt_ä_日本')],
		['a lone surrogate', 'step_\ud800', refused(/invalid character/)],
		['a number', 12345, segment('12345')],
		['a negative decimal', -1.5, segment('-1.5')],
		['NaN', Number.NaN, refused(/must be text, but the value is not a finite number$/)],
		['null', null, refused(/must be text, but the value is null$/)],
		['true', true, refused(/must be text, but the value is a boolean$/)],
		['an object', { id: 'step_1' }, refused(/must be text, but the value is an object$/)],
		['an array', ['step_1'], refused(/must be text, but the value is a list$/)],
	];

	test.each(inputs)('%s', async (_name, value, expected) => {
		for (const [parameter, label] of [
			['campaignId', 'Campaign'],
			['stepId', 'Step'],
		] as const) {
			figures.badInputsTried++;
			env.sandbox.reset();
			const parameters =
				parameter === 'campaignId'
					? deleteStep(byId('={{ $json.value }}'), 'step_1')
					: deleteStep(CAMPAIGN, byId('={{ $json.value }}'));
			const result = await runLeadlex({
				credentials: env.credentials,
				parameters,
				items: [{ value: value as IDataObject }],
				onError: 'continueRegularOutput',
			});
			expectOneResultPerItem(result, 1);
			const paths = env.sandbox.requests.map((request) => request.rawPath);
			if ('refused' in expected) {
				if (paths.length) figures.requestsToUnexpectedPaths += paths.length;
				expect(paths).toEqual([]);
				expect(result.items[0].json.error).toMatch(new RegExp(`^The ${label} ID `));
				expect(result.items[0].json.error).toMatch(expected.refused);
			} else {
				const wanted =
					parameter === 'campaignId'
						? stepPath(env.sandbox, expected.sent, 'step_1')
						: stepPath(env.sandbox, CAMPAIGN, expected.sent);
				figures.requestsToUnexpectedPaths += paths.filter((reached) => reached !== wanted).length;
				expect(paths).toEqual([wanted]);
			}
			expect(env.sandbox.campaigns().map((campaign) => campaign.id)).toContain(CAMPAIGN);
			scanForKey(result);
		}
	});
});

describe("the credential's Base URL", () => {
	async function deleteWith(baseUrl: string) {
		const result = await runLeadlex({
			credentials: { ...env.credentials, baseUrl },
			parameters: deleteStep(CAMPAIGN, 'step_1'),
		});
		scanForKey(result);
		return result;
	}

	test('a path is normal and trailing slashes are tolerated', async () => {
		const result = await deleteWith(`${env.sandbox.url}///`);
		expect(result.items.map((item) => item.json)).toEqual([{ deleted: true, id: 'step_1' }]);
		expect(env.sandbox.requests[0].rawPath).toBe(stepPath(env.sandbox, CAMPAIGN, 'step_1'));
	});

	const invalid: Array<[string, (url: string) => string, string]> = [
		['malformed', () => 'data.leadlex.com/functions', 'is not a valid URL'],
		['empty', () => '  ', 'is empty'],
		['with a query', (url) => `${url}?key=1`, 'must not contain a query (?) or fragment (#)'],
		['with a fragment', (url) => `${url}#top`, 'must not contain a query (?) or fragment (#)'],
		['ending in /v1', (url) => `${url}/v1`, 'ends with /v1, which the node adds itself: remove it'],
		[
			'ending in /v1/',
			(url) => `${url}/v1/`,
			'ends with /v1, which the node adds itself: remove it',
		],
		['not http(s)', () => 'ftp://127.0.0.1/api', 'must start with https://'],
		[
			'with a user name',
			(url) => url.replace('http://', 'http://user:pw@'),
			'must not contain a user name or password',
		],
		[
			'plain http to another machine',
			() => 'http://data.leadlex.com/functions/v1/api-gateway',
			'uses http:// to another machine, which would send the API key unencrypted: use https://',
		],
		[
			'plain http to a look-alike of localhost',
			() => 'http://localhost.example.com/api',
			'uses http:// to another machine, which would send the API key unencrypted: use https://',
		],
	];

	test.each(invalid)(
		'%s: refused with a clear message, nothing sent',
		async (_name, make, problem) => {
			const result = await deleteWith(make(env.sandbox.url));
			expect(result.error?.message).toBe(`The Base URL in the LeadLex credential ${problem}`);
			expect(result.error?.description).toMatch(/^Nothing was sent\./);
			expect(env.sandbox.requests).toHaveLength(0);
		},
	);

	test('the credential test never sends the key over plain http to another machine', async () => {
		const result = await testCredential({
			...env.credentials,
			baseUrl: 'http://data.leadlex.com/functions/v1/api-gateway',
		});
		expect(result.status).toBe('Error');
		// Nothing can answer: the request never gets a URL it could be sent to.
		expect(result.message).toBe('ERR_BAD_REQUEST');
	});
});
