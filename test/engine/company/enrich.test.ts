import type { INodeParameters } from 'n8n-workflow';
import { runLeadlex } from '../harness';
import { byId, fromList, sentBodies, sentRequests, useSandbox } from '../fixtures';
import { apiPath } from '../contact/fixtures';
import { ACME_LEGAL, ACME_LOGISTICS, CEDAR, HARBOR, op } from './fixtures';

const env = useSandbox();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const enrich = (extra: INodeParameters) => op('company', 'enrich', extra);
const keysSent = () => env.sandbox.requests.map((request) => request.headers['idempotency-key']);

describe('Company → Enrich', () => {
	test('by the picker: company_id with an Idempotency-Key; the output is LeadLex’s data', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: enrich({ companyId: fromList(CEDAR) }),
		});
		expect(result.error).toBeUndefined();
		expect(sentRequests(sandbox)).toEqual([['POST', apiPath(sandbox, '/v1/enrich/company')]]);
		expect(sentBodies(sandbox)).toEqual([{ company_id: CEDAR }]);
		expect(sandbox.requests[0].headers['idempotency-key']).toMatch(UUID);
		expect(result.items).toEqual([
			{
				json: {
					company: expect.objectContaining({ id: CEDAR, industry: 'Healthcare' }),
					fields_updated: ['industry', 'website', 'linkedin_url', 'size', 'city', 'country'],
					source: 'sandbox_provider',
					confidence: 0.92,
					credits_remaining: 24,
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test('by domain, with Fields and Overwrite: domain, fields and overwrite in LeadLex’s names', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: enrich({
				enrichBy: 'domain',
				domain: ' acmelogistics.com ',
				additionalFields: { fields: ['industry', 'city'], overwrite: true },
			}),
		});
		expect(result.error).toBeUndefined();
		expect(sentBodies(sandbox)).toEqual([
			{ domain: 'acmelogistics.com', fields: ['industry', 'city'], overwrite: true },
		]);
		expect(result.items[0].json).toMatchObject({
			company: { id: ACME_LOGISTICS, industry: 'Transportation & Logistics', city: 'Memphis' },
			fields_updated: ['industry', 'city'],
		});
	});

	test('Fields from an expression: a list or comma-separated text of LeadLex’s names', async () => {
		const { sandbox, credentials } = env;
		await runLeadlex({
			credentials,
			parameters: enrich({
				companyId: byId(CEDAR),
				additionalFields: { fields: '={{ $json.fields }}' },
			}),
			items: [{ fields: 'size, city' }],
		});
		expect(sentBodies(sandbox)).toEqual([{ company_id: CEDAR, fields: ['size', 'city'] }]);
	});

	test.each<[string, INodeParameters, string]>([
		['no company', { companyId: byId(' ') }, 'The Company ID is empty.'],
		[
			'a domain with https://',
			{ enrichBy: 'domain', domain: 'https://acme.com' },
			'The Domain must be a domain name such as acme.com (without https://, a path or spaces), but it is "https://acme.com".',
		],
		[
			'a domain without a dot',
			{ enrichBy: 'domain', domain: 'acme' },
			'The Domain must be a domain name such as acme.com (without https://, a path or spaces), but it is "acme".',
		],
		['a blank domain', { enrichBy: 'domain', domain: '={{ " " }}' }, 'The Domain is empty.'],
		[
			'an Enrich By from an expression that is not one',
			{ enrichBy: '={{ "name" }}', companyId: byId(CEDAR), domain: 'acme.com' },
			'The Enrich By must be one of companyId, domain, but it is "name".',
		],
		[
			'a field LeadLex does not fill, from an expression',
			{ companyId: byId(CEDAR), additionalFields: { fields: '={{ ["industry", "revenue"] }}' } },
			'The Fields must be one of city, country, domain, industry, linkedin_url, name, size, website, but it is "revenue".',
		],
		[
			'no field chosen',
			{ companyId: byId(CEDAR), additionalFields: { fields: [] } },
			'The Fields are empty: choose at least one field.',
		],
		[
			'Overwrite that is not true or false',
			{ companyId: byId(CEDAR), additionalFields: { overwrite: '={{ "yes" }}' } },
			'The Overwrite must be true or false, but it is "yes".',
		],
	])('%s: refused before any request, naming the field', async (_name, extra, message) => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({ credentials, parameters: enrich(extra) });
		expect(result.error?.message).toBe(`${message} Nothing was sent to LeadLex.`);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('402 insufficient_credits: not enriched, no credit spent', async () => {
		const { sandbox, credentials } = env;
		sandbox.setEnrichCredits(sandbox.keys.full, 0);
		const result = await runLeadlex({
			credentials,
			parameters: enrich({ companyId: byId(CEDAR) }),
		});
		expect(result.error?.message).toBe(
			`The LeadLex workspace has no enrichment credits left (HTTP 402 insufficient_credits), so no credit was spent. Company "${CEDAR}" was not enriched.`,
		);
		expect(result.error?.description).toContain('Each successful enrichment costs one credit.');
		expect(sandbox.requests).toHaveLength(1);
	});

	test('409 no_match: not enriched, no credit charged (by domain and by ID)', async () => {
		const { sandbox, credentials } = env;
		const byDomain = await runLeadlex({
			credentials,
			parameters: enrich({ enrichBy: 'domain', domain: 'unknown-firm.example' }),
		});
		expect(byDomain.error?.message).toBe(
			'LeadLex’s data provider found no match for the company with the domain "unknown-firm.example" (HTTP 409 no_match), so no credit was charged. The company with the domain "unknown-firm.example" was not enriched.',
		);
		const byCompany = await runLeadlex({
			credentials,
			parameters: enrich({ companyId: byId(HARBOR) }),
		});
		expect(byCompany.error?.message).toBe(
			`LeadLex’s data provider found no match for company "${HARBOR}" (HTTP 409 no_match), so no credit was charged. Company "${HARBOR}" was not enriched.`,
		);
		expect(sandbox.crm().enrichCredits).toBe(25);
	});

	test('404: an unknown company, or a domain no company of the workspace has', async () => {
		const { credentials } = env;
		const unknown = await runLeadlex({
			credentials,
			parameters: enrich({ companyId: byId('co_nope') }),
		});
		expect(unknown.error?.message).toBe(
			'Company "co_nope" was not found in LeadLex (HTTP 404 not_found). Company "co_nope" was not enriched.',
		);
		const domain = await runLeadlex({
			credentials,
			parameters: enrich({ enrichBy: 'domain', domain: 'globex.com' }),
		});
		expect(domain.error?.message).toBe(
			'LeadLex has no company with the domain "globex.com" in this workspace (HTTP 404 not_found). The company with the domain "globex.com" was not enriched.',
		);
	});

	test('400 validation_error: LeadLex’s explanation quoted, not enriched', async () => {
		const { sandbox, credentials } = env;
		sandbox.failNext('POST', '/enrich/company', 400, 'validation_error', 'Invalid fields', {
			fields: { fields: 'Unknown field' },
		});
		const result = await runLeadlex({
			credentials,
			parameters: enrich({ companyId: byId(CEDAR) }),
		});
		expect(result.error?.message).toBe(
			`LeadLex refused the request for company "${CEDAR}" (HTTP 400 validation_error): LeadLex said "Invalid fields" (fields: "Unknown field"). Company "${CEDAR}" was not enriched.`,
		);
	});

	test('a key without write:enrich: the permission is named, not enriched', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials: { ...credentials, apiKey: sandbox.keys.writeOnly },
			parameters: enrich({ companyId: byId(ACME_LEGAL) }),
		});
		expect(result.error?.message).toBe(
			`The LeadLex API key lacks the write:enrich permission. Company "${ACME_LEGAL}" was not enriched.`,
		);
	});

	test('an answer lost after LeadLex enriched: asked again with the same key; one credit spent', async () => {
		const { sandbox, credentials } = env;
		sandbox.injectFault({ type: 'lostAnswer' }, { pathIncludes: '/enrich/company' });
		const result = await runLeadlex({
			credentials,
			parameters: enrich({ companyId: byId(CEDAR) }),
		});
		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map((request) => request.status)).toEqual([0, 200]);
		const keys = keysSent();
		expect(keys[0]).toMatch(UUID);
		expect(keys[1]).toBe(keys[0]);
		expect(result.items[0].json.credits_remaining).toBe(24);
		expect(sandbox.crm().enrichCredits).toBe(24);
	});

	test('every try lost: the message says it may have been enriched and a credit spent', async () => {
		const { sandbox, credentials } = env;
		sandbox.injectFault({ type: 'reset' }, { pathIncludes: '/enrich/company' }, 3);
		const result = await runLeadlex({
			credentials,
			parameters: enrich({ companyId: byId(CEDAR) }),
		});
		expect(result.error?.message).toContain(
			`Company "${CEDAR}" may or may not have been enriched: if it was, one credit was spent.`,
		);
		expect(result.error?.description).toContain(
			'The node sent the request 3 times with the same Idempotency-Key, which LeadLex applies at most once.',
		);
		expect(new Set(keysSent()).size).toBe(1);
	});

	test('each item has its own key; continue-on-fail pairs the failed item', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: enrich({ companyId: '={{ $json.id }}' }),
			items: [{ id: CEDAR }, { id: HARBOR }],
			onError: 'continueRegularOutput',
		});
		expect(new Set(keysSent()).size).toBe(2);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.items[1].json.error).toContain('(HTTP 409 no_match)');
		expect(result.everything).not.toContain(sandbox.keys.full);
	});
});
