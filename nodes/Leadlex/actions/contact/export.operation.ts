import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';
import { apiKeyOf } from '../../../shared/apiKey';
import { PERMISSIONS } from '../../../shared/constants';
import { errorFromUnreadableSuccess } from '../../../shared/errors/httpErrors';
import {
	LeadlexApiError,
	type HttpResponse,
	type RequestSubject,
} from '../../../shared/errors/LeadlexApiError';
import { cleanServerText } from '../../../shared/errors/serverText';
import { describeQuota, formatUtc, MAX_ASKED_WAIT_MS } from '../../../shared/rateLimit/headers';
import { readRetryPolicy } from '../../../shared/rateLimit/retry';
import { header } from '../../../shared/transport/answer';
import { runCredentials } from '../../../shared/transport/runCredentials';
import type { FieldChecker } from '../../../shared/values';
import { leadlexOperation } from '../operation';
import { optionsField, showFor } from './contactFields';
import { CONTACT_EXPORT_ERRORS } from './errors';

/** The most contacts one export gives (§9.1). */
export const MAX_EXPORT_ROWS = 50_000;

/**
 * The most of an export the node reads. LeadLex's default columns take about 200 bytes a row, so
 * 50,000 rows are about 10 MB; this leaves room for more columns and long values, and still bounds
 * what one item can hold in memory.
 */
export const MAX_EXPORT_BYTES = 64 * 1024 * 1024;

/** LeadLex's own limit on exports (§3): 10 per hour per workspace. */
export const EXPORTS_PER_HOUR = 10;
const HOUR_MS = 3_600_000;

export const EXPORT_FILE_NAME = 'contacts-export.csv';

const LIMIT_PARAMETER = 'limit';

/** The columns LeadLex's export documents, its default when no field is asked for (§9.1). */
export const EXPORT_COLUMNS = [
	'id',
	'full_name',
	'email',
	'phone',
	'job_title',
	'company_name',
	'linkedin_url',
	'tags',
	'created_at',
];

/** A column name as LeadLex spells its fields: sent comma-separated, so no comma or space. */
const COLUMN = /^[A-Za-z_][A-Za-z0-9_.]*$/;

function readFields(check: FieldChecker, value: unknown): string[] {
	if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
		return [];
	}
	return check.textList('Fields', value).map((name) => {
		if (!COLUMN.test(name)) {
			throw check.fail(
				'Fields',
				`contain "${name}", which is not a LeadLex field name (letters, digits and _)`,
			);
		}
		return name;
	});
}

/**
 * Data lines of a CSV file: its records (a quoted value may hold line breaks) without the header
 * line, blank lines not counted. Lines end with LF or CRLF. Searched with Buffer.indexOf, which is
 * several times faster on a 10 MB file than a loop over its bytes.
 */
export function countDataLines(bytes: Buffer): number {
	const blank = (from: number, to: number) =>
		to <= from || (to - from === 1 && bytes[from] === 0x0d);
	let records = 0;
	let lineStart = 0;
	let index = 0;
	let quote = bytes.indexOf(0x22);
	while (index < bytes.length) {
		if (quote !== -1 && quote < index) quote = bytes.indexOf(0x22, index);
		const newline = bytes.indexOf(0x0a, index);
		if (quote !== -1 && (newline === -1 || quote < newline)) {
			// A quoted value: its end is the next quote (a doubled quote ends and starts one).
			const close = bytes.indexOf(0x22, quote + 1);
			index = close === -1 ? bytes.length : close + 1;
			quote = close === -1 ? -1 : bytes.indexOf(0x22, index);
			continue;
		}
		if (newline === -1) break;
		if (!blank(lineStart, newline)) records++;
		index = lineStart = newline + 1;
	}
	if (!blank(lineStart, bytes.length)) records++;
	return Math.max(0, records - 1);
}

/** The file name LeadLex gives in Content-Disposition, as a plain name; else its documented one. */
function fileNameOf(response: HttpResponse): string {
	const disposition = header(response.headers, 'content-disposition') ?? '';
	const encoded = /filename\*\s*=\s*utf-8''([^;\s]+)/i.exec(disposition)?.[1];
	const plain = /filename\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(disposition);
	let name = plain?.[1] ?? plain?.[2];
	if (encoded) {
		try {
			name = decodeURIComponent(encoded);
		} catch {
			// keep the plain one
		}
	}
	const base = [...((name ?? '').split(/[\\/]/).pop() ?? '')]
		.filter((char) => char !== '"' && char.charCodeAt(0) > 0x1f && char.charCodeAt(0) !== 0x7f)
		.join('')
		.trim();
	return base && base !== '.' && base !== '..' ? base.slice(0, 200) : EXPORT_FILE_NAME;
}

/** Why a 2xx answer is not a CSV file (an HTML page, JSON, nothing), or undefined. */
function notCsv(response: HttpResponse, bytes: Buffer, secrets: string[]): string | undefined {
	const type = (header(response.headers, 'content-type') ?? '').toLowerCase();
	const start = bytes
		.subarray(0, 512)
		.toString('utf8')
		.replace(/^\uFEFF/, '')
		.trimStart();
	if (/html|xml/.test(type) || start.startsWith('<')) return 'with an HTML page, not a CSV file';
	if (/json/.test(type) || /^[[{]/.test(start)) {
		let said = '';
		if (bytes.length <= 65_536) {
			try {
				const error = (JSON.parse(bytes.toString('utf8')) as { error?: IDataObject }).error;
				const text = cleanServerText(error?.message, 200, secrets);
				const code = cleanServerText(error?.code, 60, secrets);
				if (text || code) said = `: LeadLex said "${text ?? ''}"${code ? ` (${code})` : ''}`;
			} catch {
				// not JSON after all: said as it is
			}
		}
		return `with JSON, not a CSV file${said}`;
	}
	if (start === '') return 'with an empty body, not a CSV file (not even a header line)';
	if (type && !/csv|text\/plain|octet-stream/.test(type)) {
		return `with ${cleanServerText(type, 80, secrets) ?? 'another type'}, not a CSV file`;
	}
	return undefined;
}

/** "42 s" or "17 min". */
function inWords(ms: number): string {
	return ms < 120_000 ? `${Math.ceil(ms / 1000)} s` : `${Math.ceil(ms / 60_000)} min`;
}

/**
 * A 429 of the export (not the daily quota, which keeps its own message): when to try again, and
 * why the node did not wait for it. LeadLex's per-minute limit and its export limit answer alike.
 */
function exportLimitError(context: IExecuteSingleFunctions, error: LeadlexApiError): Error {
	const info = error.rateLimit ?? {};
	const now = Date.now();
	let when: string;
	if (info.retryAfterMs === undefined) {
		when = `LeadLex did not say when the limit resets: try again by ${formatUtc(now + HOUR_MS, true)} at the latest`;
	} else if (info.retryAfterMs >= MAX_ASKED_WAIT_MS) {
		when = `LeadLex asked to wait ${inWords(info.retryAfterMs)}`;
	} else {
		when = `try again after ${formatUtc(now + info.retryAfterMs, true)} (in ${inWords(info.retryAfterMs)})`;
	}
	const policy = readRetryPolicy(context);
	const waited = error.rateLimitWaitedMs ? Math.round(error.rateLimitWaitedMs / 1000) : 0;
	const why = !policy.enabled
		? 'The node did not wait: Options → Retry On Rate Limit is off.'
		: `The node ${waited ? `waited ${waited} s and sent the export again, then stopped` : 'did not wait'}: the limit resets later than Options → Max Rate Limit Wait (${Math.round(policy.maxWaitMs / 1000)} s) allows.`;
	const reference = /\([^()]*HTTP 429[^()]*\)$/.exec(error.description ?? '')?.[0] ?? '';
	return new LeadlexApiError(error.node, {
		message: `LeadLex refused the contact export: its rate limit was reached (HTTP 429${error.leadlexCode ? ` ${error.leadlexCode}` : ''}); ${when}. LeadLex allows ${EXPORTS_PER_HOUR} contact exports per hour per workspace`,
		description: [
			why,
			describeQuota(info, now),
			`Raise Max Rate Limit Wait (at most 86400 s) to let the node wait, or export less often: one export gives up to ${MAX_EXPORT_ROWS.toLocaleString('en-US')} contacts.`,
			reference,
		]
			.filter(Boolean)
			.join(' '),
		outcome: 'unchanged',
		itemIndex: context.getItemIndex(),
		httpStatus: 429,
		leadlexCode: error.leadlexCode,
		rateLimit: error.rateLimit,
	});
}

export const exportOperation = leadlexOperation({
	name: 'Export',
	value: 'export',
	action: 'Export contacts to a CSV file',
	description: `Download the workspace's contacts as a CSV file, up to ${MAX_EXPORT_ROWS.toLocaleString('en-US')} per export; LeadLex allows ${EXPORTS_PER_HOUR} exports per hour`,
	method: 'GET',
	path: '/v1/contacts/export',
	permission: PERMISSIONS.readContacts,
	label: () => 'the contact export',
	errors: CONTACT_EXPORT_ERRORS,
	output: { property: 'data', shape: 'object' },
	file: {
		accept: 'text/csv',
		maxBytes: MAX_EXPORT_BYTES,
		tooLargeHint: 'Export fewer contacts at once (Limit, Filters) or fewer Fields.',
	},
	// The export's hourly limit queues apart from the per-minute one; a 429 without a time is
	// taken to last the hour (a wait the default Max Rate Limit Wait does not allow).
	rateLimit: { scope: 'contacts-export', unsaidWaitMs: HOUR_MS },
	qs({ check }) {
		const filters = this.getNodeParameter('filters', {}) as IDataObject;
		const zone = this.getTimezone();
		const qs: IDataObject = {
			limit: check.integer(
				'Limit',
				this.getNodeParameter(LIMIT_PARAMETER, MAX_EXPORT_ROWS),
				1,
				MAX_EXPORT_ROWS,
			),
		};
		if ('createdAfter' in filters) {
			qs.created_after = check.dateTime('Created After', filters.createdAfter, zone);
		}
		if ('createdBefore' in filters) {
			qs.created_before = check.dateTime('Created Before', filters.createdBefore, zone);
		}
		if ('listId' in filters) qs.list_id = check.text('List ID', filters.listId).trim();
		if ('tags' in filters) qs.tag = check.textList('Tags', filters.tags);
		const fields = readFields(check, this.getNodeParameter('fields', []));
		if (fields.length) qs.fields = fields.join(',');
		return qs;
	},
	async run({ subject }, send) {
		const sent = await send().catch((error: unknown) => {
			const limited =
				error instanceof LeadlexApiError &&
				error.httpStatus === 429 &&
				!(error.rateLimit?.remaining === 0 && error.rateLimit.resetAt !== undefined);
			throw limited ? exportLimitError(this, error) : error;
		});
		const bytes = sent.body as Buffer;
		const key = apiKeyOf((await runCredentials(this)).data?.apiKey);
		const problem = notCsv(sent.response, bytes, [key]);
		if (problem) throw unreadable(this, sent.response, bytes, subject, problem);
		const fileName = fileNameOf(sent.response);
		const binary = await this.helpers.prepareBinaryData(bytes, fileName, 'text/csv');
		const json = { fileName, rows: countDataLines(bytes), bytes: bytes.length };
		return [{ json, binary: { data: binary } }] as unknown as IDataObject[];
	},
});

function unreadable(
	context: IExecuteSingleFunctions,
	response: HttpResponse,
	bytes: Buffer,
	subject: RequestSubject,
	problem: string,
) {
	const start = bytes.subarray(0, 256).toString('utf8');
	return errorFromUnreadableSuccess(
		context.getNode(),
		{ ...response, body: start },
		subject,
		problem,
		context.getItemIndex(),
	);
}

export const exportDescription: INodeProperties[] = [
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: showFor('export') },
		options: [
			{
				displayName: 'Created After',
				name: 'createdAfter',
				type: 'dateTime',
				default: '',
				description: 'Only contacts created after this time',
			},
			{
				displayName: 'Created Before',
				name: 'createdBefore',
				type: 'dateTime',
				default: '',
				description: 'Only contacts created before this time',
			},
			{
				displayName: 'List ID',
				name: 'listId',
				type: 'string',
				default: '',
				description: 'Only the contacts in this list',
			},
			{
				displayName: 'Tags',
				name: 'tags',
				type: 'string',
				default: '',
				placeholder: 'e.g. estate-planning, referral',
				description:
					'Only contacts that have every one of these tags: separated by commas, or a list from an expression',
			},
		],
	},
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'multiOptions',
		options: EXPORT_COLUMNS.map((column) => ({ name: column, value: column })).sort((a, b) =>
			a.name.localeCompare(b.name),
		),
		default: [],
		description:
			"The columns of the file. None chosen: LeadLex's default columns. Other LeadLex fields by expression (a list or comma-separated names).",
		displayOptions: { show: showFor('export') },
	},
	{
		displayName: 'Limit',
		// n8n's lint wants 50 for a parameter written `name: 'limit'`: the default of a Limit beside
		// Return All. This one is the size of one file, and by default it holds all LeadLex gives.
		name: LIMIT_PARAMETER,
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_EXPORT_ROWS },
		default: MAX_EXPORT_ROWS,
		description: `The most contacts the file holds (1 to ${MAX_EXPORT_ROWS.toLocaleString('en-US')}, LeadLex's most per export)`,
		displayOptions: { show: showFor('export') },
	},
	{
		displayName: `The output is one item whose binary field "data" is the CSV file (${EXPORT_FILE_NAME}). LeadLex allows ${EXPORTS_PER_HOUR} exports per hour per workspace: when they are used up, the node waits only within Options → Max Rate Limit Wait.`,
		name: 'exportNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: showFor('export') },
	},
	optionsField('export'),
];
