import type { INodeExecutionData } from 'n8n-workflow';
import { runLeadlex } from '../harness';
import { sentBodies, sentRequests, useSandbox } from '../fixtures';
import { apiPath } from '../contact/fixtures';
import { ACME_LEGAL, op } from './fixtures';

const env = useSandbox();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const keysSent = () => env.sandbox.requests.map((request) => request.headers['idempotency-key']);

function csvItem(csv: string): INodeExecutionData {
	return {
		json: {},
		binary: {
			data: {
				data: Buffer.from(csv).toString('base64'),
				mimeType: 'text/csv',
				fileName: 'companies.csv',
			},
		},
	};
}

describe('Company → Import', () => {
	test('rows: POST /v1/import/companies with an Idempotency-Key; the output is LeadLex’s data', async () => {
		const { sandbox, credentials } = env;
		const rows = [{ name: 'Globex Corporation', domain: 'globex.com', industry: 'Manufacturing' }];
		const result = await runLeadlex({
			credentials,
			parameters: op('company', 'import', { rows, additionalFields: { tags: 'imported' } }),
		});
		expect(result.error).toBeUndefined();
		expect(sentRequests(sandbox)).toEqual([['POST', apiPath(sandbox, '/v1/import/companies')]]);
		expect(sentBodies(sandbox)).toEqual([{ rows, tags: ['imported'] }]);
		expect(sandbox.requests[0].headers['idempotency-key']).toMatch(UUID);
		expect(result.items).toEqual([
			{
				json: {
					job_id: expect.stringMatching(/^imp_/),
					status: 'completed',
					created_count: 1,
					updated_count: 0,
					skipped_count: 0,
					errors: [],
				},
				pairedItem: { item: 0 },
			},
		]);
		const globex = sandbox.crm().companies.find((company) => company.domain === 'globex.com');
		expect(globex?.tags).toEqual(['imported']);
	});

	test('a CSV file with a Mapping and Update Existing: the company with that domain is updated', async () => {
		const { sandbox, credentials } = env;
		const csv = 'Company,Website Domain,Town\nAcme Legal Partners,acmelegal.com,Cambridge\n';
		const result = await runLeadlex({
			credentials,
			parameters: op('company', 'import', {
				inputDataFormat: 'csv',
				additionalFields: {
					updateExisting: true,
					mapping: {
						pair: [
							{ column: 'Company', field: 'name' },
							{ column: 'Website Domain', field: 'domain' },
							{ column: 'Town', field: 'city' },
						],
					},
				},
			}),
			inputItems: [csvItem(csv)],
		});
		expect(result.error).toBeUndefined();
		expect(sentBodies(sandbox)).toEqual([
			{
				csv,
				mapping: { Company: 'name', 'Website Domain': 'domain', Town: 'city' },
				update_existing: true,
			},
		]);
		expect(result.items[0].json).toMatchObject({ created_count: 0, updated_count: 1 });
		const acme = sandbox.crm().companies.find((company) => company.id === ACME_LEGAL);
		expect([acme?.name, acme?.city]).toEqual(['Acme Legal Partners', 'Cambridge']);
	});

	test('a row field LeadLex’s company import does not take: refused before any request', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: op('company', 'import', { rows: [{ name: 'A', email: 'a@b.c' }] }),
		});
		expect(result.error?.message).toBe(
			"The Rows entry 1 has fields LeadLex's company import does not take (email); it takes name, domain, industry, website, linkedin_url, size, city, country, tags. Nothing was sent to LeadLex.",
		);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('one key per item, the same on a lost answer; imported once', async () => {
		const { sandbox, credentials } = env;
		sandbox.injectFault({ type: 'lostAnswer' }, { pathIncludes: '/import/companies' });
		const result = await runLeadlex({
			credentials,
			parameters: op('company', 'import', { rows: '={{ [{ name: $json.name }] }}' }),
			items: [{ name: 'First Co' }, { name: 'Second Co' }],
		});
		expect(result.error).toBeUndefined();
		const keys = keysSent();
		expect(keys).toHaveLength(3);
		expect(new Set(keys).size).toBe(2);
		const names = sandbox.crm().companies.map((company) => company.name);
		expect(names.filter((name) => name === 'First Co' || name === 'Second Co').sort()).toEqual([
			'First Co',
			'Second Co',
		]);
	});

	test('403: the key lacks companies:write; 400: LeadLex’s words; nothing imported', async () => {
		const { sandbox, credentials } = env;
		const denied = await runLeadlex({
			credentials: { ...credentials, apiKey: sandbox.keys.readOnly },
			parameters: op('company', 'import', { rows: [{ name: 'A' }] }),
		});
		expect(denied.error?.message).toBe(
			'The LeadLex API key lacks the companies:write permission. The companies to import were not imported.',
		);
		const refused = await runLeadlex({
			credentials,
			parameters: op('company', 'import', { inputDataFormat: 'csv' }),
			inputItems: [csvItem('name,domain\n')],
		});
		expect(refused.error?.message).toBe(
			'LeadLex refused the request for the companies to import (HTTP 400 validation_error): LeadLex said "Invalid or unknown fields: csv" (csv: "Has no data rows"). The companies to import were not imported.',
		);
		expect(refused.error?.description).toContain('each row needs a name');
	});
});
