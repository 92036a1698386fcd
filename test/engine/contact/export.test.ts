import type { INodeParameters } from 'n8n-workflow';
import { runLeadlex } from '../harness';
import { byId, sentRequests, useSandbox } from '../fixtures';
import { apiPath, contactOp, JANE_ID } from './fixtures';

const env = useSandbox();
const exportContacts = (extra: INodeParameters = {}) => contactOp('export', extra);
const DEFAULT_HEADER =
	'id,full_name,email,phone,job_title,company_name,linkedin_url,tags,created_at';
const HTML_PAGE = '<!DOCTYPE html><html><body>Sign in</body></html>';

/** A one-time answer of the export, as a fault of the sandbox. */
function answerExport(status: number, body: string, contentType: string, headers = {}) {
	env.sandbox.injectFault(
		{ type: 'response', status, body, contentType, headers },
		{ pathIncludes: '/contacts/export' },
	);
}

const rateLimited = (headers: Record<string, string>) =>
	answerExport(
		429,
		'{"error":{"code":"rate_limited","message":"Export limit reached"}}',
		'application/json',
		headers,
	);

/** The CSV the sandbox itself answers for this query. */
async function sandboxCsv(query: string): Promise<string> {
	const response = await fetch(`${env.sandbox.url}/v1/contacts/export${query}`, {
		headers: { Authorization: `Bearer ${env.sandbox.keys.full}`, Accept: 'text/csv' },
	});
	return await response.text();
}

describe('Contact → Export', () => {
	test('GET /v1/contacts/export?limit=50000 with Accept: text/csv; one item: the file as binary "data", and its name, rows and bytes', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({ credentials, parameters: exportContacts() });
		expect(result.error).toBeUndefined();
		expect(sentRequests(sandbox)).toEqual([
			['GET', `${apiPath(sandbox, '/v1/contacts/export')}?limit=50000`],
		]);
		expect(sandbox.requests[0].headers.accept).toBe('text/csv');
		expect(sandbox.requests[0].headers['idempotency-key']).toBeUndefined();
		expect(result.items).toHaveLength(1);
		const [item] = result.items;
		const file = item.binary?.data;
		const csv = Buffer.from(file?.data ?? '', 'base64').toString('utf8');
		expect(csv).toBe(await sandboxCsv('?limit=50000'));
		expect(csv.split('\r\n')[0]).toBe(DEFAULT_HEADER);
		expect(csv.split('\r\n')[1]).toMatch(new RegExp(`^${JANE_ID},Jane Example,jane@example.com,`));
		expect(file).toMatchObject({
			fileName: 'contacts-export.csv',
			mimeType: 'text/csv',
			fileExtension: 'csv',
		});
		expect(item.json).toEqual({
			fileName: 'contacts-export.csv',
			rows: sandbox.contacts().length,
			bytes: Buffer.byteLength(csv),
		});
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	test('Filters, Fields and Limit: created_after/created_before in the workflow’s time zone (America/New_York), list_id, one tag parameter per tag, fields comma-separated', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: exportContacts({
				limit: 20,
				fields: ['email', 'full_name', 'tags'],
				filters: {
					createdAfter: '2019-06-01T00:00:00',
					createdBefore: '2026-01-01T12:00:00+02:00',
					listId: ' list-uuid-here ',
					tags: 'estate-planning, vip ',
				},
			}),
		});
		expect(result.error).toBeUndefined();
		const query = new URL(sandbox.requests[0].rawPath, 'http://x').searchParams;
		expect([...query.entries()]).toEqual([
			['limit', '20'],
			['created_after', '2019-06-01T00:00:00-04:00'],
			['created_before', '2026-01-01T05:00:00-05:00'],
			['list_id', 'list-uuid-here'],
			['tag', 'estate-planning'],
			['tag', 'vip'],
			['fields', 'email,full_name,tags'],
		]);
		// Nobody in that list has both tags: a header line and no data line.
		expect(result.items[0].json).toMatchObject({ rows: 0 });
		expect(Buffer.from(result.items[0].binary!.data.data, 'base64').toString()).toBe(
			'email,full_name,tags\r\n',
		);
	});

	test('Fields by expression (other LeadLex fields), and one tag: the rows LeadLex gives', async () => {
		const { credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: exportContacts({
				fields: '={{ $json.columns }}',
				filters: { tags: '={{ ["estate-planning"] }}' },
			}),
			items: [{ columns: 'full_name, priority' }],
		});
		expect(result.items[0].json).toMatchObject({ rows: 1 });
		expect(Buffer.from(result.items[0].binary!.data.data, 'base64').toString()).toBe(
			'full_name,priority\r\nJane Example,high\r\n',
		);
	});

	test('rows counts records, not lines: a quoted value with a line break is one row', async () => {
		const { credentials } = env;
		answerExport(200, 'id,notes\r\n1,"two\r\nlines"\r\n2,plain\r\n\r\n', 'text/csv');
		const result = await runLeadlex({ credentials, parameters: exportContacts() });
		expect(result.items[0].json).toEqual({ fileName: 'contacts-export.csv', rows: 2, bytes: 37 });
	});

	test('the file name LeadLex gives in Content-Disposition, as a plain name', async () => {
		const { credentials } = env;
		answerExport(200, 'id\r\n1\r\n', 'text/csv', {
			'Content-Disposition': 'attachment; filename="../../etc/contacts-2026-04.csv"',
		});
		const result = await runLeadlex({ credentials, parameters: exportContacts() });
		expect(result.items[0].json.fileName).toBe('contacts-2026-04.csv');
		expect(result.items[0].binary?.data.fileName).toBe('contacts-2026-04.csv');
	});

	test.each<[string, INodeParameters, string]>([
		['Limit 0', { limit: 0 }, 'The Limit must be a whole number from 1 to 50000, but it is 0.'],
		[
			'Limit 50,001',
			{ limit: 50_001 },
			'The Limit must be a whole number from 1 to 50000, but it is 50001.',
		],
		[
			'a field name with a space',
			{ fields: '={{ ["email", "full name"] }}' },
			'The Fields contain "full name", which is not a LeadLex field name (letters, digits and _).',
		],
		['blank tags', { filters: { tags: ' , ' } }, 'The Tags contain no value.'],
		[
			'a Created Before that is no date',
			{ filters: { createdBefore: '={{ "soon" }}' } },
			'The Created Before must be a date and time such as 2026-04-17T14:30:00, but it is "soon".',
		],
	])('%s: refused before any request', async (_name, extra, message) => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({ credentials, parameters: exportContacts(extra) });
		expect(result.error?.message).toBe(`${message} Nothing was sent to LeadLex.`);
		expect(sandbox.requests).toHaveLength(0);
	});

	test.each<[string, () => void, string]>([
		[
			'an HTML page',
			() => answerExport(200, HTML_PAGE, 'text/html'),
			'LeadLex answered HTTP 200 but with an HTML page, not a CSV file',
		],
		[
			'an HTML page sent as text/csv',
			() => answerExport(200, HTML_PAGE, 'text/csv'),
			'LeadLex answered HTTP 200 but with an HTML page, not a CSV file',
		],
		[
			'a JSON error with status 200',
			() =>
				answerExport(
					200,
					'{"error":{"code":"export_failed","message":"Export worker unavailable"}}',
					'application/json',
				),
			'LeadLex answered HTTP 200 but with JSON, not a CSV file: LeadLex said "Export worker unavailable" (export_failed)',
		],
		[
			'an empty body',
			() => answerExport(200, '', 'text/csv'),
			'LeadLex answered HTTP 200 but with an empty body, not a CSV file (not even a header line)',
		],
		[
			'a PDF',
			() => answerExport(200, '%PDF-1.7', 'application/pdf'),
			'LeadLex answered HTTP 200 but with application/pdf, not a CSV file',
		],
	])('an answer that is %s is an error, not a file', async (_name, arrange, message) => {
		const { credentials } = env;
		arrange();
		const result = await runLeadlex({ credentials, parameters: exportContacts() });
		expect(result.items).toHaveLength(0);
		expect(result.error?.message).toBe(message);
	});

	test('an answer larger than 64 MB: the node stops reading at its bound for this operation', async () => {
		const { sandbox, credentials } = env;
		sandbox.injectFault({ type: 'endless', status: 200 }, { pathIncludes: '/contacts/export' });
		const result = await runLeadlex({ credentials, parameters: exportContacts() });
		expect(result.error?.message).toBe(
			"LeadLex's answer (HTTP 200) was larger than 64 MB, the most the node reads for this operation",
		);
		expect(result.error?.description).toContain(
			'Export fewer contacts at once (Limit, Filters) or fewer Fields.',
		);
	}, 60_000);

	test('400 validation_error from LeadLex (a field it does not export): its words quoted', async () => {
		const { credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: exportContacts({ fields: '={{ "email,nickname" }}' }),
		});
		expect(result.error?.message).toMatch(
			/^LeadLex refused the request for the contact export \(HTTP 400 validation_error\): LeadLex said "fields: Unknown or empty field: nickname\. Known: .*" \(fields: "Unknown or empty field: nickname\. Known: .*"\)$/,
		);
		expect(result.error?.description).toContain('Limit is 1 to 50,000');
	});

	test('401 and 403: the key, and the permission read:contacts', async () => {
		const { sandbox, credentials } = env;
		const expired = await runLeadlex({
			credentials: { ...credentials, apiKey: sandbox.keys.expired },
			parameters: exportContacts(),
		});
		expect(expired.error?.message).toBe('LeadLex rejected the API key');
		const readOnly = await runLeadlex({
			credentials: { ...credentials, apiKey: sandbox.keys.readOnly },
			parameters: exportContacts(),
		});
		expect(readOnly.error?.message).toBe('The LeadLex API key lacks the read:contacts permission');
	});
});

describe('Contact → Export: LeadLex’s 10 exports per hour', () => {
	test('the 11th export of the hour: refused by LeadLex, and the node fails at once with the time the limit resets', async () => {
		const { sandbox, credentials } = env;
		for (let i = 0; i < 10; i++) await sandboxCsv('?limit=1');
		const started = Date.now();
		const result = await runLeadlex({
			credentials,
			parameters: exportContacts({ options: { maxRateLimitWait: 0 } }),
		});
		expect(Date.now() - started).toBeLessThan(5_000);
		expect(sandbox.requests.map((request) => request.status)).toEqual([
			...Array(10).fill(200),
			429,
		]);
		expect(result.error?.message).toMatch(
			/^LeadLex refused the contact export: its rate limit was reached \(HTTP 429 rate_limited\); try again after \d{4}-\d\d-\d\d \d\d:00:00 UTC \(in \d+ (s|min)\)\. LeadLex allows 10 contact exports per hour per workspace$/,
		);
		expect(result.error?.description).toContain(
			'The node did not wait: the limit resets later than Options → Max Rate Limit Wait (0 s) allows.',
		);
	});

	test('a reset beyond Max Rate Limit Wait (default 300 s): not waited for, one request', async () => {
		const { sandbox, credentials } = env;
		rateLimited({ 'Retry-After': '2400' });
		const started = Date.now();
		const result = await runLeadlex({ credentials, parameters: exportContacts() });
		expect(Date.now() - started).toBeLessThan(5_000);
		expect(sandbox.requests).toHaveLength(1);
		expect(result.error?.message).toContain('(in 40 min). LeadLex allows 10 contact exports');
		expect(result.error?.description).toContain('Max Rate Limit Wait (300 s)');
	});

	test('a reset within Max Rate Limit Wait: waited for, sent again, the file', async () => {
		const { sandbox, credentials } = env;
		rateLimited({ 'Retry-After': '1' });
		const result = await runLeadlex({ credentials, parameters: exportContacts({ limit: 2 }) });
		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map((request) => request.status)).toEqual([429, 200]);
		expect(result.items[0].json).toMatchObject({ rows: 2 });
	});

	test('a 429 that names no time is taken to last the hour: the message gives the latest time', async () => {
		const { sandbox, credentials } = env;
		rateLimited({ 'Retry-After': '' });
		const result = await runLeadlex({ credentials, parameters: exportContacts() });
		expect(sandbox.requests).toHaveLength(1);
		expect(result.error?.message).toMatch(
			/its rate limit was reached \(HTTP 429 rate_limited\); LeadLex did not say when the limit resets: try again by \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC at the latest\./,
		);
	});

	test('Retry On Rate Limit off: the message says so', async () => {
		const { credentials } = env;
		rateLimited({ 'Retry-After': '1' });
		const result = await runLeadlex({
			credentials,
			parameters: exportContacts({ options: { retryOnRateLimit: false } }),
		});
		expect(result.error?.description).toContain(
			'The node did not wait: Options → Retry On Rate Limit is off.',
		);
	});

	test('the daily quota used up keeps its own message', async () => {
		const { sandbox, credentials } = env;
		sandbox.setDailyRemaining(sandbox.keys.full, 0);
		const result = await runLeadlex({ credentials, parameters: exportContacts() });
		expect(result.error?.message).toBe('LeadLex daily API quota used up');
	});

	test('the export’s limit holds back no other operation of the credential', async () => {
		const { sandbox, credentials } = env;
		rateLimited({ 'Retry-After': '2400' });
		const credentialId = 'export-and-get';
		const exported = await runLeadlex({ credentials, credentialId, parameters: exportContacts() });
		expect(exported.error?.message).toContain('LeadLex allows 10 contact exports per hour');
		const started = Date.now();
		const got = await runLeadlex({
			credentials,
			credentialId,
			parameters: contactOp('get', { contactId: byId(JANE_ID) }),
		});
		expect(got.error).toBeUndefined();
		expect(Date.now() - started).toBeLessThan(5_000);
		expect(sandbox.requests.map((request) => request.status)).toEqual([429, 200]);
	});
});
