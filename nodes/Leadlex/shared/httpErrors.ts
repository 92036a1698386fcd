import type { INode } from 'n8n-workflow';
import { DEFAULT_BASE_URL } from './baseUrl';
import {
	joinSentences,
	LeadlexApiError,
	outcomeSentence,
	quoteId,
	reference,
	type Explanation,
	type HttpResponse,
	type RequestSubject,
} from './errors';
import { describeQuota, header, readRateLimit, type RateLimitInfo } from './rateLimit';

function leadlexErrorCode(body: unknown): string | undefined {
	const error = (body as { error?: { code?: unknown } } | null)?.error;
	return error && typeof error.code === 'string' ? error.code : undefined;
}

function leadlexErrorMessage(body: unknown): string | undefined {
	const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
	if (typeof message !== 'string') return undefined;
	const cleaned = message
		.replace(/wbk_[A-Za-z0-9_-]*/g, 'wbk_…')
		.replace(/\s+/g, ' ')
		.trim();
	return cleaned.length > 200 ? `${cleaned.slice(0, 197)}...` : cleaned;
}

function isHtmlResponse(response: HttpResponse): boolean {
	const type = header(response.headers, 'content-type') ?? '';
	const text = bodyText(response.body);
	return /html/i.test(type) || /^\s*<(!doctype|html|head|body)/i.test(text ?? '');
}

function bodyText(body: unknown): string | undefined {
	if (typeof body === 'string') return body;
	if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8');
	return undefined;
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
