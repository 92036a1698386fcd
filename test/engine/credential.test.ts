import { testCredential } from './harness';
import { UNKNOWN_KEY, useSandbox } from './fixtures';

const env = useSandbox();

describe('the credential test (the "Test" button)', () => {
	test('succeeds for a key with campaigns:read, sending the key as a bearer header only', async () => {
		const { sandbox } = env;
		expect(await testCredential({ apiKey: sandbox.keys.full, baseUrl: sandbox.url })).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.requests[0].method).toBe('GET');
		expect(sandbox.requests[0].path).toBe('/v1/campaigns');
		expect(sandbox.requests[0].headers.authorization).toBe(`Bearer ${sandbox.keys.full}`);
		expect(sandbox.requests[0].rawPath).not.toContain('wbk_');
	});

	test('tolerates trailing slashes and spaces in the Base URL, and spaces around the key', async () => {
		const { sandbox } = env;
		const result = await testCredential({
			apiKey: ` ${sandbox.keys.full}\n`,
			baseUrl: `${sandbox.url}// `,
		});
		expect(result.status).toBe('OK');
		expect(sandbox.requests[0].rawPath).toBe(
			'/functions/v1/api-gateway/v1/campaigns?page=1&per_page=1',
		);
	});

	test('fails for a wrong key, saying so', async () => {
		const result = await testCredential({ apiKey: UNKNOWN_KEY, baseUrl: env.sandbox.url });
		expect(result).toEqual({
			status: 'Error',
			message:
				'LeadLex rejected the API key (401 invalid_key): it is wrong, expired or revoked. Create a key in LeadLex under Settings → API & Integrations and paste it here.',
		});
	});

	test('fails for a key without read access, naming the permissions the node needs', async () => {
		const result = await testCredential({
			apiKey: env.sandbox.keys.writeOnly,
			baseUrl: env.sandbox.url,
		});
		expect(result.status).toBe('Error');
		expect(result.message).toBe(
			'The API key is valid but lacks the campaigns:read permission (403 insufficient_permissions). The node needs campaigns:read for its pickers and campaigns:write to delete steps.',
		);
	});

	test('fails when nothing listens at the Base URL', async () => {
		const result = await testCredential({
			apiKey: env.sandbox.keys.full,
			baseUrl: 'http://127.0.0.1:9/api',
		});
		// n8n's server reports connection failures by their code, whatever the credential says.
		expect(result).toEqual({ status: 'Error', message: 'ECONNREFUSED' });
	});

	test('fails when the Base URL answers 200 with an HTML page', async () => {
		env.sandbox.injectFault({
			type: 'response',
			status: 200,
			body: '<!doctype html><html><body>Welcome to nginx</body></html>',
			contentType: 'text/html',
		});
		const result = await testCredential({
			apiKey: env.sandbox.keys.full,
			baseUrl: env.sandbox.url,
		});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^The Base URL answered, but not as the LeadLex API does/);
	});

	test('fails when the Base URL answers 200 JSON that is not LeadLex', async () => {
		env.sandbox.injectFault({
			type: 'response',
			status: 200,
			body: '{"status":"ok"}',
			contentType: 'application/json',
		});
		const result = await testCredential({
			apiKey: env.sandbox.keys.full,
			baseUrl: env.sandbox.url,
		});
		expect(result.message).toMatch(/^The Base URL answered, but not as the LeadLex API does/);
	});

	test('fails with advice when the Base URL has a wrong path', async () => {
		env.sandbox.injectFault({
			type: 'response',
			status: 404,
			body: 'Not Found',
			contentType: 'text/plain',
		});
		const result = await testCredential({
			apiKey: env.sandbox.keys.full,
			baseUrl: env.sandbox.url,
		});
		expect(result.message).toMatch(
			/^There is no LeadLex API at this Base URL \(404 for \/v1\/campaigns\)/,
		);
	});
});

test('no credential test outcome carries the key', async () => {
	const { sandbox } = env;
	const outcomes = [
		await testCredential({ apiKey: sandbox.keys.writeOnly, baseUrl: sandbox.url }),
		await testCredential({ apiKey: sandbox.keys.expired, baseUrl: sandbox.url }),
		await testCredential({ apiKey: sandbox.keys.full, baseUrl: 'http://127.0.0.1:9/api' }),
		await testCredential({ apiKey: sandbox.keys.full, baseUrl: `${sandbox.url}/nothing` }),
	];
	for (const outcome of outcomes) expect(outcome.status).toBe('Error');
	const text = JSON.stringify(outcomes);
	for (const key of [sandbox.keys.writeOnly, sandbox.keys.expired, sandbox.keys.full])
		expect(text).not.toContain(key.slice(4));
});
