import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';
import type { RateLimitInfo } from '../rateLimit/headers';
import { capitalize } from '../text';
import type { ResponseHeaders } from '../transport/answer';

/** What a request is about, so that every message can name it. */
export interface RequestSubject {
	/** E.g. `step "step_2" of campaign "cmp_abc123"`. */
	label: string;
	/** Past participle of the change the request makes (`deleted`); absent for reads. */
	change?: string;
	/** Whether the label names several records ("the new contacts … were not created"). */
	plural?: boolean;
	/** The permission the request needs, e.g. `campaigns:write`. */
	permission: string;
	/** The record's IDs by their parameter names, e.g. `{campaignId, stepId}`, as checked. */
	ids?: Record<string, string>;
	/** Extra advice appended for a LeadLex error code, e.g. the option that turns it into a result. */
	codeHints?: Record<string, string>;
	/** Extra advice when the change may have happened (e.g. a create that may have appended a duplicate). */
	mayHaveChangedHint?: string;
	/**
	 * Said instead of whether the change happened, for a request that changes nothing by design
	 * (a Dry Run): "Nothing was deleted: …".
	 */
	changesNothing?: string;
	/**
	 * Whether the error message itself says whether anything changed. n8n's AI Agent hands only the
	 * message to the model. Off only for Delete in node version 1, whose messages shipped without it.
	 */
	outcomeInMessage?: boolean;
}

export interface HttpResponse {
	statusCode: number;
	headers?: ResponseHeaders;
	body: unknown;
	/** JSON nested deeper than LeadLex ever nests: kept as text, not parsed. */
	tooDeep?: boolean;
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
	if (subject.changesNothing) return subject.changesNothing;
	if (!subject.change) return '';
	const what = capitalize(subject.label);
	const was = subject.plural ? 'were' : 'was';
	if (outcome === 'unchanged') return `${what} ${was} not ${subject.change}.`;
	if (outcome === 'probably') {
		return `${what} ${was} probably ${subject.change}: check it in LeadLex before running the workflow again.`;
	}
	return `${what} may or may not have been ${subject.change}: ${subject.mayHaveChangedHint ?? 'check it in LeadLex before running the workflow again.'}`;
}

/** What the message is made of: a headline, advice, and whether the change happened. */
export interface Explanation {
	message: string;
	hint: string;
	outcome: Outcome;
	/** Whether LeadLex's own explanation (error.message, details.fields) belongs in the message. */
	showSaid?: boolean;
}

export function reference(
	status: number | undefined,
	code: string | undefined,
	requestId: string | undefined,
) {
	const parts: string[] = [];
	if (status !== undefined) parts.push(`HTTP ${status}${code ? ` ${code}` : ''}`);
	if (requestId) parts.push(`LeadLex request ID ${requestId}`);
	return parts.length ? `(${parts.join(', ')})` : '';
}

/** A headline and, when there is one, the sentence saying whether anything changed. */
export function withOutcome(headline: string, outcome: string): string {
	return outcome ? `${headline}. ${outcome}` : headline;
}

export function joinSentences(...parts: string[]): string {
	return parts.filter(Boolean).join(' ');
}
