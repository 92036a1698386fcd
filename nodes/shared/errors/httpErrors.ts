import type { INode } from 'n8n-workflow';
import { DEFAULT_BASE_URL } from '../constants';
import { describeQuota, formatWait, readRateLimit, type RateLimitInfo } from '../rateLimit/headers';
import { header } from '../transport/answer';
import { COMMON_ERRORS, MAX_CANDIDATES_SHOWN, type ErrorTable, type LeadlexSaid } from './codes';
import { cleanCode, cleanServerText } from './serverText';
import {
	joinSentences,
	LeadlexApiError,
	outcomeSentence,
	reference,
	type Explanation,
	type HttpResponse,
	type RequestSubject,
	withOutcome,
} from './LeadlexApiError';

const MAX_SAID_LENGTH = 200;
const MAX_SAID_FIELDS = 8;

function isHtmlResponse(response: HttpResponse): boolean {
	const type = header(response.headers, 'content-type') ?? '';
	const text = typeof response.body === 'string' ? response.body.slice(0, 256) : '';
	return /html/i.test(type) || /^\s*<(!doctype|html|head|body)/i.test(text);
}

/** A field's message: text, or a list of texts (anything deeper is not LeadLex's). */
function fieldText(value: unknown): unknown {
	if (!Array.isArray(value)) return value;
	return value
		.slice(0, MAX_SAID_FIELDS)
		.filter((entry) => typeof entry === 'string')
		.join('; ');
}

/** The most entries read from all the lists in `error.details` (a server may send any number). */
const MAX_CANDIDATES_READ = 1000;

/**
 * The records listed in `error.details`, outside `fields` (e.g. ambiguous_reference's candidates,
 * whose key the docs do not name): every list directly in `details` or one object below it; an
 * entry is an ID (text or a number) or an object with an `id`, named by its `name`, `full_name`
 * or `title`. Repeats are counted once; each ID and name is cleaned as any server text is.
 */
function readCandidates(
	details: unknown,
	clean: (text: unknown, max: number) => string | undefined,
): LeadlexSaid['candidates'] {
	const lists: unknown[][] = [];
	if (Array.isArray(details)) lists.push(details);
	else if (details && typeof details === 'object') {
		for (const [key, value] of Object.entries(details as Record<string, unknown>)) {
			if (key === 'fields') continue;
			if (Array.isArray(value)) lists.push(value);
			else if (value && typeof value === 'object') {
				for (const inner of Object.values(value as Record<string, unknown>)) {
					if (Array.isArray(inner)) lists.push(inner);
				}
			}
		}
	}
	const seen = new Set<string>();
	const shown: string[] = [];
	let read = 0;
	for (const list of lists) {
		for (const entry of list) {
			if (++read > MAX_CANDIDATES_READ) break;
			const record = entry && typeof entry === 'object' ? (entry as Record<string, unknown>) : {};
			const rawId = entry && typeof entry === 'object' ? record.id : entry;
			const id = clean(typeof rawId === 'number' ? String(rawId) : rawId, 100);
			if (!id || seen.has(id)) continue;
			seen.add(id);
			if (shown.length === MAX_CANDIDATES_SHOWN) continue;
			const name = clean(record.name ?? record.full_name ?? record.title, 80);
			shown.push(name ? `"${id}" (${name})` : `"${id}"`);
		}
	}
	return seen.size ? { shown, total: seen.size } : undefined;
}

/**
 * LeadLex's error envelope `{error: {code, message, details: {fields}}}`, or a plain-text body.
 * The body was parsed (and bounded) by the transport; what is quoted is cleaned and capped.
 */
function readSaid(response: HttpResponse, secrets: readonly string[]): LeadlexSaid {
	const clean = (text: unknown) => cleanServerText(text, MAX_SAID_LENGTH, secrets);
	const body = response.body;
	if (typeof body === 'string') {
		const looksLikeJson = /^\s*[[{]/.test(body.slice(0, 64));
		const plain = isHtmlResponse(response) || looksLikeJson ? undefined : clean(body);
		return { text: plain ? `"${plain}"` : '' };
	}
	const error = (body as { error?: Record<string, unknown> } | null)?.error;
	if (!error || typeof error !== 'object') return { text: '' };
	const code = cleanCode(error.code, secrets);
	const message = clean(error.message);
	const fields = (error.details as { fields?: unknown } | undefined)?.fields;
	const entries: string[] = [];
	if (fields && typeof fields === 'object' && !Array.isArray(fields)) {
		for (const name in fields) {
			if (entries.length === MAX_SAID_FIELDS) break;
			const field = clean(name);
			const value = clean(fieldText((fields as Record<string, unknown>)[name]));
			if (field && value) entries.push(`${field}: "${value}"`);
		}
	}
	const parts = [message ? `"${message}"` : '', entries.length ? `(${entries.join('; ')})` : ''];
	const candidates = readCandidates(error.details, (text, max) =>
		cleanServerText(text, max, secrets),
	);
	return { code, text: parts.filter(Boolean).join(' '), ...(candidates ? { candidates } : {}) };
}

function explainRateLimit(rateLimit: RateLimitInfo): Explanation {
	const quota = describeQuota(rateLimit);
	if (rateLimit.remaining === 0) {
		return {
			message: 'LeadLex daily API quota used up',
			hint: `${quota} Run the workflow again after the reset, or move the workspace to a larger LeadLex plan.`,
			outcome: 'unchanged',
		};
	}
	const retryAfter =
		rateLimit.retryAfterMs === undefined
			? ''
			: ` LeadLex asked to wait ${formatWait(rateLimit.retryAfterMs)}.`;
	return {
		message: 'LeadLex rate limit reached',
		hint: `LeadLex limits calls per minute (10, 50 or 200 by plan).${retryAfter}${quota ? ` ${quota}` : ''} Wait a minute and run again, or pace the items with the node's Request Options → Batching.`,
		outcome: 'unchanged',
	};
}

/** LeadLex's API never redirects: a 3xx comes from something else at the Base URL. */
function explainRedirect(status: number, response: HttpResponse): Explanation {
	// Cleaned with the other headers the node reads (serverText.ts).
	const location = header(response.headers, 'location');
	return {
		message: `The LeadLex Base URL answered with a redirect (HTTP ${status}${location ? ` to ${location}` : ''}), which the node does not follow`,
		hint: `The API key was not sent to the redirect target. Check the Base URL in the LeadLex credential: it should be ${DEFAULT_BASE_URL}, without /v1.`,
		// 303 answers a request the server may have carried out; the others ask to send it elsewhere.
		outcome: status === 303 ? 'unknown' : 'unchanged',
	};
}

function explainStatus(
	status: number,
	said: LeadlexSaid,
	subject: RequestSubject,
	table: ErrorTable,
	response: HttpResponse,
): Explanation {
	const explain =
		table[`${status} ${said.code}`] ??
		COMMON_ERRORS[`${status} ${said.code}`] ??
		table[String(status)] ??
		COMMON_ERRORS[String(status)];
	if (explain) return explain(subject, said);
	if (status === 429) return explainRateLimit(readRateLimit(response.headers));
	if (status >= 300 && status <= 399) return explainRedirect(status, response);
	if (status >= 500) {
		return {
			message: `LeadLex had a server error (HTTP ${status})`,
			hint: 'This is a problem on the LeadLex side or on the way to it. Try again in a few minutes.',
			outcome: 'unknown',
		};
	}
	if (status >= 400) {
		return {
			message: `LeadLex refused the request for ${subject.label} (HTTP ${status}${said.code ? ` ${said.code}` : ''})`,
			hint: said.code ? 'Check the IDs and the node settings.' : '',
			outcome: 'unchanged',
			showSaid: !said.code,
		};
	}
	return {
		message: `LeadLex answered with an unexpected HTTP ${status}`,
		hint: 'Check the Base URL in the LeadLex credential.',
		outcome: 'unknown',
	};
}

/**
 * The error for an answer that is not a 2xx, from the operation's error table (by status and
 * `error.code`, never by LeadLex's wording) and LeadLex's own explanation.
 */
export function errorFromResponse(
	node: INode,
	response: HttpResponse,
	subject: RequestSubject,
	itemIndex?: number,
	table: ErrorTable = {},
	secrets: readonly string[] = [],
): LeadlexApiError {
	const status = response.statusCode;
	const said = readSaid(response, secrets);
	const requestId = header(response.headers, 'x-request-id');
	const explained = explainStatus(status, said, subject, table, response);
	const codeHint = said.code ? subject.codeHints?.[said.code] : undefined;
	const saidText = explained.showSaid && said.text ? said.text : '';
	const html = isHtmlResponse(response)
		? 'The answer was an HTML page, not LeadLex JSON (a proxy or gateway error, or a wrong Base URL).'
		: '';
	const outcome = outcomeSentence(subject, explained.outcome);
	const complete = subject.outcomeInMessage !== false;
	const message = complete
		? withOutcome(`${explained.message}${saidText ? `: LeadLex said ${saidText}` : ''}`, outcome)
		: explained.message;
	return new LeadlexApiError(node, {
		message,
		description: joinSentences(
			complete ? '' : outcome,
			explained.hint,
			codeHint ?? '',
			!complete && saidText ? `LeadLex said: ${saidText}.` : '',
			html,
			reference(status, said.code, requestId),
		),
		outcome: explained.outcome,
		itemIndex,
		httpStatus: status,
		leadlexCode: said.code,
		requestId,
		rateLimit: status === 429 ? readRateLimit(response.headers) : undefined,
	});
}

/** The error for a 2xx answer the node cannot read: the change probably happened. */
export function errorFromUnreadableSuccess(
	node: INode,
	response: HttpResponse,
	subject: RequestSubject,
	problem: string,
	itemIndex?: number,
): LeadlexApiError {
	const requestId = header(response.headers, 'x-request-id');
	const outcome = outcomeSentence(subject, 'probably');
	const complete = subject.outcomeInMessage !== false;
	const headline = `LeadLex answered HTTP ${response.statusCode} but ${problem}`;
	return new LeadlexApiError(node, {
		message: complete ? withOutcome(headline, outcome) : headline,
		description: joinSentences(
			complete ? '' : outcome,
			isHtmlResponse(response) ? 'The answer was an HTML page, not LeadLex JSON.' : '',
			reference(response.statusCode, undefined, requestId),
		),
		outcome: 'probably',
		itemIndex,
		httpStatus: response.statusCode,
		requestId,
	});
}
