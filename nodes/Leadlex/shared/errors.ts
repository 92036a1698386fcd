import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';
import { DEFAULT_BASE_URL } from './baseUrl';
import { describeQuota, header, readRateLimit, type RateLimitInfo, type ResponseHeaders } from './rateLimit';

/** What a request is about, so that every message can name it. */
export interface RequestSubject {
	/** E.g. `step "step_2" of campaign "cmp_abc123"`. */
	label: string;
	/** Past participle of the change the request makes (`deleted`); absent for reads. */
	change?: string;
	/** The permission the request needs, e.g. `campaigns:write`. */
	permission: string;
	campaignId?: string;
	stepId?: string;
	/** Extra advice for a `step_not_found`, e.g. the option that turns it into a result. */
	stepNotFoundHint?: string;
}

export interface HttpResponse {
	statusCode: number;
	headers?: ResponseHeaders;
	body: unknown;
}

/** Whether the change may have happened despite the error. */
export type Outcome = 'unchanged' | 'unknown' | 'probably';

/**
 * A NodeApiError whose message and description are written for the user. It never carries the
 * HTTP client's error as its cause: that object holds the request headers, API key included.
 */
export class LeadlexApiError extends NodeApiError {
	readonly httpStatus?: number;

	readonly leadlexCode?: string;

	readonly rateLimit?: RateLimitInfo;

	readonly outcome: Outcome;

	/** How long the node waited for the rate limit before this error (ms). */
	rateLimitWaitedMs?: number;

	constructor(
		node: INode,
		details: {
			message: string;
			description: string;
			outcome: Outcome;
			itemIndex?: number;
			httpStatus?: number;
			leadlexCode?: string;
			requestId?: string;
			rateLimit?: RateLimitInfo;
		},
	) {
		const summary: JsonObject = { message: details.message };
		if (details.httpStatus !== undefined) summary.httpStatus = details.httpStatus;
		if (details.leadlexCode) summary.leadlexCode = details.leadlexCode;
		if (details.requestId) summary.requestId = details.requestId;
		super(node, summary, {
			message: details.message,
			description: details.description,
			httpCode: details.httpStatus === undefined ? undefined : String(details.httpStatus),
			itemIndex: details.itemIndex,
		});
		// NodeApiError rewrites messages that contain words such as "EPERM"; an ID may contain them.
		this.message = details.message;
		this.description = details.description;
		this.httpStatus = details.httpStatus;
		this.leadlexCode = details.leadlexCode;
		this.rateLimit = details.rateLimit;
		this.outcome = details.outcome;
	}
}

export function quoteId(id: string | undefined): string {
	if (id === undefined) return '""';
	return `"${id.length > 80 ? `${id.slice(0, 77)}...` : id}"`;
}

export function outcomeSentence(subject: RequestSubject, outcome: Outcome): string {
	if (!subject.change) return '';
	const what = capitalize(subject.label);
	if (outcome === 'unchanged') return `${what} was not ${subject.change}.`;
	if (outcome === 'probably') {
		return `${what} was probably ${subject.change}: check it in LeadLex before running the workflow again.`;
	}
	return `${what} may or may not have been ${subject.change}: check it in LeadLex before running the workflow again.`;
}

export function leadlexErrorCode(body: unknown): string | undefined {
	const error = (body as { error?: { code?: unknown } } | null)?.error;
	return error && typeof error.code === 'string' ? error.code : undefined;
}

function leadlexErrorMessage(body: unknown): string | undefined {
	const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
	if (typeof message !== 'string') return undefined;
	const cleaned = message.replace(/wbk_[A-Za-z0-9_-]*/g, 'wbk_…').replace(/\s+/g, ' ').trim();
	return cleaned.length > 200 ? `${cleaned.slice(0, 197)}...` : cleaned;
}

export function isHtmlResponse(response: HttpResponse): boolean {
	const type = header(response.headers, 'content-type') ?? '';
	const text = bodyText(response.body);
	return /html/i.test(type) || /^\s*<(!doctype|html|head|body)/i.test(text ?? '');
}

function bodyText(body: unknown): string | undefined {
	if (typeof body === 'string') return body;
	if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8');
	return undefined;
}

interface Explanation {
	message: string;
	hint: string;
	outcome: Outcome;
}

function explainStatus(
	status: number,
	code: string | undefined,
	subject: RequestSubject,
	response: HttpResponse,
	rateLimit: RateLimitInfo,
): Explanation {
	const label = subject.label;
	if (status === 401) {
		return {
			message: 'LeadLex rejected the API key',
			hint: 'The key in the LeadLex credential is wrong, expired or revoked: create a new key in LeadLex (Settings → API & Integrations) and update the credential.',
			outcome: 'unchanged',
		};
	}
	if (status === 403) {
		return {
			message:
				code === 'insufficient_permissions'
					? `The LeadLex API key lacks the ${subject.permission} permission`
					: `LeadLex refused access to ${label}`,
			hint: `Give the key the ${subject.permission} permission in LeadLex (Settings → API & Integrations), or use a key that has it.`,
			outcome: 'unchanged',
		};
	}
	if (status === 404) return explainNotFound(code, subject);
	if (status === 429) return explainRateLimit(rateLimit);
	if (status >= 500) {
		return {
			message: `LeadLex had a server error (HTTP ${status})`,
			hint: 'This is a problem on the LeadLex side or on the way to it. Try again in a few minutes.',
			outcome: 'unknown',
		};
	}
	if (status >= 400) {
		const said = code ? undefined : leadlexErrorMessage(response.body);
		return {
			message: `LeadLex refused the request for ${label} (HTTP ${status}${code ? ` ${code}` : ''})`,
			hint: said ? `LeadLex said: "${said}".` : 'Check the IDs and the node settings.',
			outcome: 'unchanged',
		};
	}
	return {
		message: `LeadLex answered with an unexpected HTTP ${status}`,
		hint: 'Check the Base URL in the LeadLex credential.',
		outcome: 'unknown',
	};
}

function explainNotFound(code: string | undefined, subject: RequestSubject): Explanation {
	if (code === 'campaign_not_found') {
		return {
			message: `Campaign ${quoteId(subject.campaignId)} was not found in LeadLex`,
			hint: 'Check the campaign ID. A key only sees the campaigns of its own workspace.',
			outcome: 'unchanged',
		};
	}
	if (code === 'step_not_found') {
		return {
			message: `Step ${quoteId(subject.stepId)} was not found in campaign ${quoteId(subject.campaignId)}`,
			hint: `It may have been deleted already, for example by an earlier run.${subject.stepNotFoundHint ? ` ${subject.stepNotFoundHint}` : ''}`,
			outcome: 'unchanged',
		};
	}
	if (code) {
		return {
			message: `LeadLex could not find ${subject.label} (HTTP 404 ${code})`,
			hint: 'Check the IDs. If they are right, check the Base URL in the LeadLex credential.',
			outcome: 'unchanged',
		};
	}
	return {
		message: 'No LeadLex API at the configured Base URL (HTTP 404)',
		hint: `The answer was not a LeadLex error. Check the Base URL in the LeadLex credential: it should be ${DEFAULT_BASE_URL}.`,
		outcome: 'unchanged',
	};
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
	return {
		message: 'LeadLex rate limit reached',
		hint: `LeadLex limits calls per minute (10, 50 or 200 by plan).${quota ? ` ${quota}` : ''} Wait a minute and run again, or pace the items with the node's Request Options → Batching.`,
		outcome: 'unchanged',
	};
}

function reference(status: number | undefined, code: string | undefined, requestId: string | undefined) {
	const parts: string[] = [];
	if (status !== undefined) parts.push(`HTTP ${status}${code ? ` ${code}` : ''}`);
	if (requestId) parts.push(`LeadLex request ID ${requestId}`);
	return parts.length ? `(${parts.join(', ')})` : '';
}

function joinSentences(...parts: string[]): string {
	return parts.filter(Boolean).join(' ');
}

/** The error for a non-2xx answer, mapped by status and LeadLex's `error.code`, never by its wording. */
export function errorFromResponse(
	node: INode,
	response: HttpResponse,
	subject: RequestSubject,
	itemIndex?: number,
): LeadlexApiError {
	const status = response.statusCode;
	const code = leadlexErrorCode(response.body);
	const requestId = header(response.headers, 'x-request-id');
	const rateLimit = readRateLimit(response.headers);
	const explained = explainStatus(status, code, subject, response, rateLimit);
	const html = isHtmlResponse(response)
		? 'The answer was an HTML page, not LeadLex JSON (a proxy or gateway error, or a wrong Base URL).'
		: '';
	return new LeadlexApiError(node, {
		message: explained.message,
		description: joinSentences(
			outcomeSentence(subject, explained.outcome),
			explained.hint,
			html,
			reference(status, code, requestId),
		),
		outcome: explained.outcome,
		itemIndex,
		httpStatus: status,
		leadlexCode: code,
		requestId,
		rateLimit: status === 429 ? rateLimit : undefined,
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
	return new LeadlexApiError(node, {
		message: `LeadLex answered HTTP ${response.statusCode} but ${problem}`,
		description: joinSentences(
			outcomeSentence(subject, 'probably'),
			isHtmlResponse(response) ? 'The answer was an HTML page, not LeadLex JSON.' : '',
			reference(response.statusCode, undefined, requestId),
		),
		outcome: 'probably',
		itemIndex,
		httpStatus: response.statusCode,
		requestId,
	});
}

const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ECONNABORTED']);
const BROKEN_CONNECTION_CODES = new Set(['ECONNRESET', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE', 'ERR_BAD_RESPONSE']);

interface TransportFacts {
	code?: string;
	text: string;
	/** The HTTP status, when an answer had begun before the connection failed. */
	status?: number;
	cancelled: boolean;
}

/** Walks the HTTP client's error chain for facts only: never keeps the objects (they hold the key). */
function transportFacts(error: unknown): TransportFacts {
	const facts: TransportFacts = { text: '', cancelled: false };
	let current = error as
		| { code?: unknown; message?: unknown; name?: unknown; cause?: unknown; response?: { status?: unknown } }
		| undefined;
	for (let depth = 0; current && depth < 6; depth++) {
		if (typeof current.message === 'string') facts.text += ` ${current.message}`;
		if (current.name === 'AbortError' || current.name === 'CanceledError') facts.cancelled = true;
		if (!facts.code && typeof current.code === 'string' && /^[A-Z_]+$/.test(current.code)) {
			facts.code = current.code;
		}
		if (facts.status === undefined && typeof current.response?.status === 'number') {
			facts.status = current.response.status;
		}
		current = current.cause as typeof current;
	}
	if (facts.code === 'ERR_CANCELED') facts.cancelled = true;
	return facts;
}

/** The error for a request that got no HTTP answer: refused, reset, timed out, cancelled... */
export function errorFromTransport(
	node: INode,
	error: unknown,
	subject: RequestSubject,
	request: { baseUrl?: string; timeoutMs?: number },
	itemIndex?: number,
): LeadlexApiError {
	const facts = transportFacts(error);
	const code = facts.code;
	const explained = explainTransport(facts, hostOf(request.baseUrl), request.timeoutMs);
	return new LeadlexApiError(node, {
		message: explained.message,
		description: joinSentences(
			outcomeSentence(subject, explained.outcome),
			explained.hint,
			code ? `(${code})` : '',
		),
		outcome: explained.outcome,
		itemIndex,
	});
}

function explainTransport(facts: TransportFacts, host: string, timeoutMs: number | undefined): Explanation {
	const { code, text } = facts;
	if (facts.cancelled) {
		return {
			message: 'The request to LeadLex was cancelled',
			hint: 'The execution was stopped while the request was under way.',
			outcome: 'unknown',
		};
	}
	if (code === 'ECONNREFUSED') {
		return {
			message: `Could not connect to LeadLex at ${host}`,
			hint: 'Nothing accepted the connection. Check the Base URL in the LeadLex credential and that this n8n can reach it.',
			outcome: 'unchanged',
		};
	}
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
		return {
			message: `Could not find the LeadLex host ${host}`,
			hint: 'The host name did not resolve. Check the Base URL in the LeadLex credential.',
			outcome: 'unchanged',
		};
	}
	if ((code && TIMEOUT_CODES.has(code)) || /timeout|timed out/i.test(text)) {
		return {
			message: `LeadLex did not answer within ${formatSeconds(timeoutMs)}`,
			hint: "The request was sent but no answer came back in time. If LeadLex is slow, raise the node's Request Options → Timeout; otherwise try again later.",
			outcome: 'unknown',
		};
	}
	if (facts.status !== undefined) {
		const ok = facts.status >= 200 && facts.status <= 299;
		return {
			message: `LeadLex's answer (HTTP ${facts.status}) broke off before it was complete`,
			hint: 'The connection closed in the middle of the answer. Try again in a moment.',
			outcome: ok ? 'probably' : 'unknown',
		};
	}
	if ((code && BROKEN_CONNECTION_CODES.has(code)) || /socket hang up/i.test(text)) {
		return {
			message: 'The connection to LeadLex broke before it answered',
			hint: 'The request may have reached LeadLex. Try again in a moment.',
			outcome: 'unknown',
		};
	}
	if (code && /CERT|SELF_SIGNED|TLS|SSL/.test(code)) {
		return {
			message: `The TLS certificate of ${host} was not accepted`,
			hint: 'Check the Base URL in the LeadLex credential.',
			outcome: 'unchanged',
		};
	}
	return {
		message: `The request to LeadLex failed${code ? ` (${code})` : ''}`,
		hint: 'No answer came back from LeadLex. Check the Base URL in the LeadLex credential and try again.',
		outcome: 'unknown',
	};
}

function formatSeconds(ms: number | undefined): string {
	if (!ms) return 'the timeout';
	const seconds = ms / 1000;
	return `${Number.isInteger(seconds) || seconds >= 10 ? Math.round(seconds) : seconds.toFixed(1)} s`;
}

function hostOf(baseUrl: string | undefined): string {
	try {
		return new URL(baseUrl ?? '').host || 'the configured Base URL';
	} catch {
		return 'the configured Base URL';
	}
}

function capitalize(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}
