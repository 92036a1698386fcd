import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { runLeadlex } from '../harness';
import { sentBodies, sentRequests, useSandbox } from '../fixtures';
import { apiPath, contactOp } from './fixtures';

const env = useSandbox();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const importRows = (extra: INodeParameters = {}) =>
	contactOp('import', { inputDataFormat: 'rows', ...extra });
const importCsv = (extra: INodeParameters = {}) =>
	contactOp('import', { inputDataFormat: 'csv', ...extra });
const keysSent = () => env.sandbox.requests.map((request) => request.headers['idempotency-key']);
const byEmail = (email: string) => env.sandbox.contacts().filter((c) => c.email === email);

/** An input item holding `content` as a file under `property`, as n8n's file nodes give it. */
function fileItem(
	content: string | Buffer,
	property = 'data',
	file: { fileName?: string; mimeType?: string } = {},
	json: IDataObject = {},
): INodeExecutionData {
	const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
	return {
		json,
		binary: {
			[property]: {
				data: bytes.toString('base64'),
				mimeType: file.mimeType ?? 'text/csv',
				fileName: file.fileName ?? 'contacts.csv',
				fileExtension: 'csv',
			},
		},
	};
}

const CSV = 'Name,Email Address,Company\r\nAva Import,ava.import@example.com,"Acme, LLP"\r\n';

describe('Contact → Import, rows', () => {
	test('POST /v1/import/contacts with the rows, an Idempotency-Key and the options in LeadLex’s names; the output is LeadLex’s data', async () => {
		const { sandbox, credentials } = env;
		const rows = [
			{ full_name: 'Row Person', email: 'row.person@example.com', tags: ['vip'] },
			{ first_name: 'Second', last_name: 'Row', priority: 'low' },
		];
		const result = await runLeadlex({
			credentials,
			parameters: importRows({
				rows: '={{ $json.rows }}',
				additionalFields: { updateExisting: true, tags: 'import-2026, referral' },
			}),
			items: [{ rows }],
		});
		expect(result.error).toBeUndefined();
		expect(sentRequests(sandbox)).toEqual([['POST', apiPath(sandbox, '/v1/import/contacts')]]);
		expect(sentBodies(sandbox)).toEqual([
			{ rows, update_existing: true, tags: ['import-2026', 'referral'] },
		]);
		const headers = sandbox.requests[0].headers;
		expect(headers['idempotency-key']).toMatch(UUID);
		expect(headers['content-type']).toBe('application/json');
		expect(headers.accept).toBe('application/json');
		expect(headers.authorization).toBe(`Bearer ${sandbox.keys.full}`);
		expect(result.items).toEqual([
			{
				json: {
					job_id: expect.stringMatching(/^imp_/),
					status: 'completed',
					created_count: 2,
					updated_count: 0,
					skipped_count: 0,
					errors: [],
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(byEmail('row.person@example.com')[0].tags).toEqual(['vip', 'import-2026', 'referral']);
	});

	test('Rows as JSON text; rows LeadLex skips come back in its errors, the others imported', async () => {
		const { credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: importRows({
				rows: JSON.stringify([{ phone: '12' }, { full_name: 'Fine' }]),
			}),
		});
		expect(result.items[0].json).toMatchObject({
			created_count: 1,
			skipped_count: 1,
			errors: [{ row: 1, message: 'A contact needs a name or an email address' }],
		});
	});

	test('more than 500 rows: LeadLex queues a job; the output is its answer, job_id and status queued', async () => {
		const { sandbox, credentials } = env;
		const rows = Array.from({ length: 501 }, (_, i) => ({ full_name: `Queued ${i}` }));
		const result = await runLeadlex({ credentials, parameters: importRows({ rows }) });
		expect(sandbox.requests.map((request) => request.status)).toEqual([202]);
		expect(result.items.map((item) => item.json)).toEqual([
			{
				job_id: expect.stringMatching(/^imp_/),
				status: 'queued',
				created_count: 0,
				updated_count: 0,
				skipped_count: 0,
				errors: [],
			},
		]);
	});

	test.each<[string, string, string]>([
		[
			'text that is not JSON',
			'[{"full_name": }',
			'The Rows must be a list of records (JSON), but it is text that is not JSON.',
		],
		['an object', '={{ { full_name: "A" } }}', 'The Rows must be a list of records.'],
		['an empty list', '[]', 'The Rows contain no record.'],
		[
			'a list with a text entry',
			'={{ [{ full_name: "A" }, "B"] }}',
			'The Rows must contain only records, but entry 2 is not an object.',
		],
		[
			'a field LeadLex does not take',
			'={{ [{ full_name: "A", company_name: "Acme" }] }}',
			"The Rows entry 1 has fields LeadLex's contact import does not take (company_name); it takes full_name, first_name, last_name, email, phone, job_title, company, related_company_id, linkedin_url, priority, tags, custom_fields, created_date.",
		],
	])('Rows that are %s: refused before any request', async (_name, rows, message) => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({ credentials, parameters: importRows({ rows }) });
		expect(result.error?.message).toBe(`${message} Nothing was sent to LeadLex.`);
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('Contact → Import, a CSV file from the item’s binary data', () => {
	test('the file’s text as csv, Has Header and the Mapping as has_header and mapping; LeadLex imports it', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: importCsv({
				additionalFields: {
					hasHeader: true,
					mapping: {
						pair: [
							{ column: 'Name', field: 'full_name' },
							{ column: 'Email Address', field: 'email' },
							{ column: 'Company', field: 'company' },
						],
					},
				},
			}),
			inputItems: [fileItem(CSV)],
		});
		expect(result.error).toBeUndefined();
		expect(sentBodies(sandbox)).toEqual([
			{
				csv: CSV,
				has_header: true,
				mapping: { Name: 'full_name', 'Email Address': 'email', Company: 'company' },
			},
		]);
		expect(result.items[0].json).toMatchObject({ status: 'completed', created_count: 1 });
		const [ava] = byEmail('ava.import@example.com');
		expect([ava.full_name, ava.company]).toEqual(['Ava Import', 'Acme, LLP']);
	});

	test('another Input Binary Field; a byte-order mark is dropped; without options only csv is sent', async () => {
		const { sandbox, credentials } = env;
		const csv = 'full_name,email\nBom Person,bom@example.com\n';
		const result = await runLeadlex({
			credentials,
			parameters: importCsv({ binaryPropertyName: 'spreadsheet' }),
			inputItems: [fileItem(`\uFEFF${csv}`, 'spreadsheet')],
		});
		expect(result.error).toBeUndefined();
		expect(sentBodies(sandbox)).toEqual([{ csv }]);
		expect(byEmail('bom@example.com')).toHaveLength(1);
	});

	test('two items, two files: each item’s own file, one request each', async () => {
		const { sandbox, credentials } = env;
		const first = 'full_name\nFirst File\n';
		const second = 'full_name\nSecond File\n';
		const result = await runLeadlex({
			credentials,
			parameters: importCsv(),
			inputItems: [fileItem(first), fileItem(second)],
		});
		expect(sentBodies(sandbox)).toEqual([{ csv: first }, { csv: second }]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('Has Header off and a mapping by column number', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: importCsv({
				additionalFields: {
					hasHeader: false,
					mapping: {
						pair: [
							{ column: '1', field: 'full_name' },
							{ column: '2', field: 'email' },
						],
					},
				},
			}),
			inputItems: [fileItem('No Header,no.header@example.com\n')],
		});
		expect(sentBodies(sandbox)).toEqual([
			{
				csv: 'No Header,no.header@example.com\n',
				has_header: false,
				mapping: { '1': 'full_name', '2': 'email' },
			},
		]);
		expect(result.items[0].json).toMatchObject({ created_count: 1 });
	});

	test.each<[string, INodeExecutionData, INodeParameters, string]>([
		[
			'no file under the Input Binary Field',
			fileItem(CSV, 'attachment'),
			{},
			'The Input Binary Field is "data", but input item 1 has no file there (its files: "attachment"). Put the CSV file there, e.g. with n8n\'s Convert to File or Read/Write Files from Disk node.',
		],
		[
			'an item without any file',
			{ json: { name: 'x' } },
			{ binaryPropertyName: 'sheet' },
			'The Input Binary Field is "sheet", but input item 1 has no file there (it has no file at all). Put the CSV file there, e.g. with n8n\'s Convert to File or Read/Write Files from Disk node.',
		],
		[
			'a file that is not text (a PNG)',
			fileItem(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]), 'data', {
				fileName: 'logo.png',
				mimeType: 'image/png',
			}),
			{},
			'The Input Binary Field names the file "data" of input item 1 (logo.png), which is not text (image/png): the import takes a CSV file in UTF-8.',
		],
		[
			'a file that is not UTF-8 (Latin-1 bytes)',
			fileItem(Buffer.from([0x4e, 0x61, 0x6d, 0x65, 0x0a, 0x4a, 0xf6, 0x72, 0x67, 0x0a])),
			{},
			'The Input Binary Field names the file "data" of input item 1 (contacts.csv), which is not text (text/csv): the import takes a CSV file in UTF-8.',
		],
		[
			'an empty file',
			fileItem(''),
			{},
			'The Input Binary Field names the file "data" of input item 1 (contacts.csv), which is empty.',
		],
		[
			'a file of blank lines and a byte-order mark',
			fileItem('\uFEFF\r\n \r\n'),
			{},
			'The Input Binary Field names the file "data" of input item 1 (contacts.csv), which is empty.',
		],
		[
			'a mapping to a field LeadLex does not take (from an expression)',
			fileItem(CSV),
			{ additionalFields: { mapping: { pair: [{ column: 'Name', field: '={{ "nickname" }}' }] } } },
			'The Mapping\'s LeadLex Field 1 must be one of full_name, first_name, last_name, email, phone, job_title, company, related_company_id, linkedin_url, priority, tags, custom_fields, created_date, but it is "nickname".',
		],
		[
			'a column mapped twice',
			fileItem(CSV),
			{
				additionalFields: {
					mapping: {
						pair: [
							{ column: 'Name', field: 'full_name' },
							{ column: 'Name', field: 'first_name' },
						],
					},
				},
			},
			'The Mapping maps the CSV column "Name" twice.',
		],
	])('%s: refused before any request, naming the field', async (_name, item, extra, message) => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: importCsv(extra),
			inputItems: [item],
		});
		expect(result.error?.message).toBe(`${message} Nothing was sent to LeadLex.`);
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('Contact → Import: the Idempotency-Key and LeadLex’s answers', () => {
	const oneRow = importRows({ rows: [{ full_name: 'Keyed Person', email: 'keyed@example.com' }] });

	test('one key per item: two items, two keys', async () => {
		const { credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: importRows({ rows: '={{ [{ full_name: $json.name }] }}' }),
			items: [{ name: 'One' }, { name: 'Two' }],
		});
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		const keys = keysSent();
		expect(keys).toHaveLength(2);
		expect(keys[0]).toMatch(UUID);
		expect(keys[1]).toMatch(UUID);
		expect(keys[0]).not.toBe(keys[1]);
	});

	test('a 429 is waited out and sent again with the same key', async () => {
		const { sandbox, credentials } = env;
		sandbox.injectFault(
			{
				type: 'response',
				status: 429,
				body: '{"error":{"code":"rate_limited","message":"Rate limit exceeded"}}',
				contentType: 'application/json',
				headers: { 'Retry-After': '1' },
			},
			{ pathIncludes: '/import/' },
		);
		const result = await runLeadlex({ credentials, parameters: oneRow });
		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map((request) => request.status)).toEqual([429, 200]);
		expect(new Set(keysSent()).size).toBe(1);
		expect(byEmail('keyed@example.com')).toHaveLength(1);
	});

	test('an answer lost after LeadLex imported is asked for again with the same key: imported once, its first answer', async () => {
		const { sandbox, credentials } = env;
		sandbox.injectFault({ type: 'lostAnswer' }, { pathIncludes: '/import/' });
		const result = await runLeadlex({ credentials, parameters: oneRow });
		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map((request) => request.status)).toEqual([0, 200]);
		expect(new Set(keysSent()).size).toBe(1);
		expect(result.items[0].json).toMatchObject({ created_count: 1 });
		expect(byEmail('keyed@example.com')).toHaveLength(1);
	});

	test('three resets: three tries with one key, then the message says they may have been imported', async () => {
		const { sandbox, credentials } = env;
		sandbox.injectFault({ type: 'reset' }, { pathIncludes: '/import/' }, 3);
		const result = await runLeadlex({ credentials, parameters: oneRow });
		expect(sandbox.requests).toHaveLength(3);
		expect(new Set(keysSent()).size).toBe(1);
		expect(result.error?.message).toContain(
			'The contacts to import may or may not have been imported: a new run sends a new Idempotency-Key, which LeadLex does not deduplicate, and may import them twice. Check the contacts in LeadLex first (or turn on Update Existing, so that a repeat updates them).',
		);
		expect(result.error?.description).toContain(
			'The node sent the request 3 times with the same Idempotency-Key, which LeadLex applies at most once.',
		);
	});

	test('a 503 is repeated with the same key; LeadLex imports once', async () => {
		const { sandbox, credentials } = env;
		sandbox.failNext('POST', '/import/contacts', 503, 'internal_error');
		const result = await runLeadlex({ credentials, parameters: oneRow });
		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map((request) => request.status)).toEqual([503, 200]);
		expect(new Set(keysSent()).size).toBe(1);
	});

	test('400 validation_error: LeadLex’s words and fields quoted; not imported', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: importCsv({ additionalFields: { hasHeader: false } }),
			inputItems: [fileItem('A,b@example.com\n')],
		});
		expect(result.error?.message).toBe(
			'LeadLex refused the request for the contacts to import (HTTP 400 validation_error): LeadLex said "Invalid or unknown fields: mapping" (mapping: "Required without a header row: map the column numbers (1, 2, ...)"). The contacts to import were not imported.',
		);
		expect(result.error?.description).toContain('Check what LeadLex names');
		expect(sandbox.requests).toHaveLength(1);
	});

	test('413: too large for one request, split it; not imported', async () => {
		const { sandbox, credentials } = env;
		sandbox.failNext('POST', '/import/contacts', 413, 'payload_too_large', 'Body too large');
		const result = await runLeadlex({ credentials, parameters: oneRow });
		expect(result.error?.message).toBe(
			'LeadLex refused the contacts to import as too large for one request (HTTP 413). The contacts to import were not imported.',
		);
		expect(result.error?.description).toContain(
			'Split the rows or the CSV file into smaller imports.',
		);
	});

	test('401: the key; 403: the permission contacts:write; not imported', async () => {
		const { sandbox, credentials } = env;
		const expired = await runLeadlex({
			credentials: { ...credentials, apiKey: sandbox.keys.expired },
			parameters: oneRow,
		});
		expect(expired.error?.message).toBe(
			'LeadLex rejected the API key. The contacts to import were not imported.',
		);
		const readOnly = await runLeadlex({
			credentials: { ...credentials, apiKey: sandbox.keys.readOnly },
			parameters: oneRow,
		});
		expect(readOnly.error?.message).toBe(
			'The LeadLex API key lacks the contacts:write permission. The contacts to import were not imported.',
		);
		expect(readOnly.everything).not.toContain(sandbox.keys.readOnly);
	});

	test('429 with the daily quota used up: fails at once, not imported', async () => {
		const { sandbox, credentials } = env;
		sandbox.setDailyRemaining(sandbox.keys.full, 0);
		const result = await runLeadlex({ credentials, parameters: oneRow });
		expect(result.error?.message).toBe(
			'LeadLex daily API quota used up. The contacts to import were not imported.',
		);
		expect(sandbox.requests).toHaveLength(1);
	});

	test('Continue On Fail: a refused item becomes an error item, paired; the others are imported', async () => {
		const { credentials } = env;
		const result = await runLeadlex({
			credentials,
			onError: 'continueRegularOutput',
			parameters: importRows({ rows: '={{ $json.rows }}' }),
			items: [{ rows: [{ full_name: 'Good' }] }, { rows: 'nope' }],
		});
		expect(result.items.map((item) => [item.pairedItem, Object.keys(item.json)])).toEqual([
			[
				{ item: 0 },
				['job_id', 'status', 'created_count', 'updated_count', 'skipped_count', 'errors'],
			],
			[{ item: 1 }, ['error']],
		]);
		expect(env.sandbox.contacts().filter((c) => c.full_name === 'Good')).toHaveLength(1);
	});
});
