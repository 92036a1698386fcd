import type { INode } from 'n8n-workflow';
import { AnswerNotRead, MAX_ANSWER_BYTES } from '../transport/answer';
import {
	joinSentences,
	LeadlexApiError,
	outcomeSentence,
	type Explanation,
	type RequestSubject,
	withOutcome,
} from './LeadlexApiError';

const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ECONNABORTED']);
const BROKEN_CONNECTION_CODES = new Set([
	'ECONNRESET',
	'EPIPE',
	'ERR_STREAM_PREMATURE_CLOSE',
	'ERR_BAD_RESPONSE',
]);

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
		| {
				code?: unknown;
				message?: unknown;
				name?: unknown;
				cause?: unknown;
				response?: { status?: unknown };
		  }
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
	request: { baseUrl?: string; timeoutMs?: number; tooLargeHint?: string },
	itemIndex?: number,
): LeadlexApiError {
	const facts = transportFacts(error);
	const code = facts.code;
	const explained =
		error instanceof AnswerNotRead
			? explainUnread(error, request.timeoutMs, request.tooLargeHint)
			: explainTransport(facts, hostOf(request.baseUrl), request.timeoutMs);
	const outcome = outcomeSentence(subject, explained.outcome);
	const complete = subject.outcomeInMessage !== false;
	return new LeadlexApiError(node, {
		message: complete ? withOutcome(explained.message, outcome) : explained.message,
		description: joinSentences(complete ? '' : outcome, explained.hint, code ? `(${code})` : ''),
		outcome: explained.outcome,
		itemIndex,
	});
}

/** An answer the node stopped reading: past the deadline, or larger than it reads. */
function explainUnread(
	error: AnswerNotRead,
	timeoutMs: number | undefined,
	tooLargeHint?: string,
): Explanation {
	const status = error.status;
	const outcome = status !== undefined && status >= 200 && status <= 299 ? 'probably' : 'unknown';
	if (error.reason === 'tooLarge') {
		return {
			message: `LeadLex's answer (HTTP ${status}) was larger than ${error.maxBytes / 1024 / 1024} MB, the most the node reads${error.maxBytes === MAX_ANSWER_BYTES ? '' : ' for this operation'}`,
			hint: `${tooLargeHint ?? 'No LeadLex answer is that large: check that the Base URL in the LeadLex credential points at the LeadLex API.'} The node stopped reading and closed the connection.`,
			outcome,
		};
	}
	if (status === undefined) {
		return {
			message: `LeadLex did not answer within ${formatSeconds(timeoutMs)}`,
			hint: "The request was sent but no answer came back in time. If LeadLex is slow, raise the node's Request Options → Timeout; otherwise try again later.",
			outcome: 'unknown',
		};
	}
	return {
		message: `LeadLex's answer (HTTP ${status}) did not arrive in full within ${formatSeconds(timeoutMs)}`,
		hint: "The answer kept arriving too slowly, so the node stopped reading it and closed the connection. If LeadLex is slow, raise the node's Request Options → Timeout; otherwise try again later.",
		outcome,
	};
}

function explainTransport(
	facts: TransportFacts,
	host: string,
	timeoutMs: number | undefined,
): Explanation {
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
