import { runLeadlex, searchList } from '../harness';
import { sentRequests, useSandbox } from '../fixtures';
import { apiPath } from '../contact/fixtures';
import { ACME_LEGAL, ACME_LOGISTICS, op } from './fixtures';

const env = useSandbox();
const paired = { item: 0 };

describe('Company → Get Many', () => {
	test('Limit 2: one request for two, LeadLex’s companies unchanged, one item each', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: op('company', 'getAll', { limit: 2 }),
		});
		expect(result.error).toBeUndefined();
		expect(sentRequests(sandbox)).toEqual([
			['GET', `${apiPath(sandbox, '/v1/companies')}?page=1&per_page=2`],
		]);
		expect(result.items).toEqual([
			{
				json: {
					id: ACME_LEGAL,
					name: 'Acme Legal LLP',
					industry: 'Legal Services',
					website: 'https://acmelegal.com',
					linkedin_url: null,
					size: '11-50',
					domain: 'acmelegal.com',
					city: 'Boston',
					country: 'US',
					tags: ['referral-partner'],
					created_date: '2024-01-01T09:00:00Z',
					updated_date: '2024-01-01T09:00:00Z',
				},
				pairedItem: paired,
			},
			{ json: expect.objectContaining({ id: ACME_LOGISTICS }), pairedItem: paired },
		]);
	});

	test('Return All with Search and Industry: sent as search and industry, pages of 100', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: op('company', 'getAll', {
				returnAll: true,
				filters: { search: ' acme ', industry: 'Logistics' },
			}),
		});
		expect(sentRequests(sandbox)).toEqual([
			[
				'GET',
				`${apiPath(sandbox, '/v1/companies')}?search=acme&industry=Logistics&page=1&per_page=100`,
			],
		]);
		expect(result.items.map((item) => item.json.id)).toEqual([ACME_LOGISTICS]);
	});

	test.each([
		['a blank Search', { filters: { search: ' ' } }, 'The Search is empty.'],
		['a blank Industry', { filters: { industry: '' } }, 'The Industry is empty.'],
		['a Limit of 0', { limit: 0 }, 'The Limit must be a whole number 1 or more, but it is 0.'],
	])('%s: refused before any request', async (_name, extra, message) => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({ credentials, parameters: op('company', 'getAll', extra) });
		expect(result.error?.message).toBe(`${message} Nothing was sent to LeadLex.`);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('a key without companies:read: the permission is named (a read changes nothing)', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials: { ...credentials, apiKey: sandbox.keys.readOnly },
			parameters: op('company', 'getAll'),
		});
		expect(result.error?.message).toBe('The LeadLex API key lacks the companies:read permission');
	});
});

describe('Company picker (searchCompanies)', () => {
	test('entries are "name (domain)"; a term is sent as search and applied here too', async () => {
		const { sandbox, credentials } = env;
		const all = await searchList('searchCompanies', { credentials });
		expect(all.results[0]).toEqual({ name: 'Acme Legal LLP (acmelegal.com)', value: ACME_LEGAL });
		expect(all.results.find((entry) => entry.name.startsWith('Summit'))?.name).toBe(
			'Summit Builders',
		);
		expect(all.paginationToken).toBeUndefined();
		const acme = await searchList('searchCompanies', { credentials, filter: 'ACME' });
		expect(acme.results.map((entry) => entry.value)).toEqual([ACME_LEGAL, ACME_LOGISTICS]);
		expect(sandbox.requests.map((request) => request.rawPath)).toEqual([
			`${apiPath(sandbox, '/v1/companies')}?page=1&per_page=100`,
			`${apiPath(sandbox, '/v1/companies')}?page=1&per_page=100&search=acme`,
		]);
	});

	test('a key without companies:read gets a clear error', async () => {
		await expect(
			searchList('searchCompanies', {
				credentials: { ...env.credentials, apiKey: env.sandbox.keys.readOnly },
			}),
		).rejects.toThrow('The LeadLex API key lacks the companies:read permission');
	});
});
