import { runLeadlex } from './harness';
import { CAMPAIGN, deleteStep, useSandbox } from './fixtures';

const env = useSandbox();

/**
 * n8n 2.x lets a user restrict where a credential may be sent ("Allowed HTTP Request Domains").
 * Those rules are about the HTTP Request node: in the node the credential belongs to, n8n lets the
 * node's own endpoint through (a credential-owned surface), and the LeadLex node's endpoint is
 * the credential's Base URL.
 */
describe("the credential's allowed domains (n8n 2.x)", () => {
	test.each([
		['All', { allowedHttpRequestDomains: 'all' }],
		['None', { allowedHttpRequestDomains: 'none' }],
		[
			'Specific Domains, another host',
			{ allowedHttpRequestDomains: 'domains', allowedDomains: 'example.com' },
		],
		['Specific Domains, none listed', { allowedHttpRequestDomains: 'domains', allowedDomains: '' }],
	])('%s: the node still reaches its own Base URL', async (_label, restriction) => {
		const result = await runLeadlex({
			credentials: { ...env.credentials, ...restriction },
			parameters: deleteStep(CAMPAIGN, 'step_2'),
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual([{ deleted: true, id: 'step_2' }]);
		expect(env.sandbox.requests.map((request) => request.status)).toEqual([200]);
	});
});
