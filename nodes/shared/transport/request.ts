import {
	NodeApiError,
	NodeOperationError,
	type DeclarativeRestApiSettings,
	type IDataObject,
	type ICredentialDataDecryptedObject,
	type ICredentialsDecrypted,
	type IExecuteSingleFunctions,
	type IHookFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type INode,
	type ILoadOptionsFunctions,
} from 'n8n-workflow';
import { checkBaseUrl } from '../baseUrl';
import { CREDENTIAL_TYPE } from '../constants';
import type { ErrorTable } from '../errors/codes';
import { apiKeyOf } from '../apiKey';
import { errorFromResponse, errorFromUnreadableSuccess } from '../errors/httpErrors';
import {
	joinSentences,
	LeadlexApiError,
	outcomeSentence,
	withOutcome,
	type HttpResponse,
	type RequestSubject,
} from '../errors/LeadlexApiError';
import { cleanHeaders, cleanServerText } from '../errors/serverText';
import { errorFromTransport } from '../errors/transportErrors';
import { gateFor, WaitBudgetExceeded } from '../rateLimit/gate';
import { pause } from '../rateLimit/pause';
import { withRateLimitRetries, type RetryPolicy } from '../rateLimit/retry';
import { AnswerNotRead, MAX_ANSWER_BYTES, MAX_JSON_DEPTH, parseBody, readBody } from './answer';

/** Every context that can call LeadLex: executions, the editor's pickers, a trigger's lifecycle. */
export type LeadlexContext = IExecuteSingleFunctions | ILoadOptionsFunctions | IHookFunctions;

export interface LeadlexRequest {
	method: IHttpRequestMethods;
	/** The path below the Base URL, every ID already encoded as one segment (see ids.ts). */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** The engine's settings for an execution: Base URL, timeout, proxy, certificates. */
	engineOptions?: DeclarativeRestApiSettings.HttpRequestOptions;
	/** The credential, already read for the run (see runCredentials.ts); read per request when absent. */
	credentials?: ICredentialsDecrypted;
	/**
	 * Sent as the `Idempotency-Key` header, the same on every repeat of this request. LeadLex
	 * applies a request with the same key once (§6), so a lost answer is asked for again.
	 */
	idempotencyKey?: string;
	/**
	 * The answer is a file (Contact → Export's CSV): asked for with this Accept header, read up to
	 * `maxBytes` instead of MAX_ANSWER_BYTES, and a 2xx body handed over as bytes, not parsed.
	 */
	file?: { accept: string; maxBytes: number; tooLargeHint: string };
}

export interface RequestPolicy {
	/** The operation's error table (status and LeadLex code → message). */
	errors: ErrorTable;
	/** Waiting for the per-minute limit: executions only, so the editor never hangs. */
	rateLimit?: RetryPolicy;
	itemIndex?: number;
}

const ENGINE_OPTIONS = [
	'timeout',
	'proxy',
	'skipSslCertificateValidation',
	'allowedDomains',
] as const;

/** n8n's own default request timeout, used when the node's Request Options set none. */
const DEFAULT_TIMEOUT_MS = 300_000;

/**
 * Waits before the repeats of a request with an Idempotency-Key whose answer was lost (a reset,
 * a timeout, a 5xx): at most two repeats, as a repeat cannot apply the change twice.
 */
export const LOST_ANSWER_REPEATS_MS = [500, 2000] as const;

/**
 * The one way the package talks to LeadLex. It checks the Base URL before the key is sent, never
 * follows a redirect (the key would go along to another host), takes its turn at the workspace's
 * rate-limit gate, reads each answer within a deadline and a size cap, and turns every failure
 * into an error that says what happened and never carries the HTTP client's error (which holds
 * the Authorization header). Resolves with 2xx only.
 */
export async function leadlexRequest(
	context: LeadlexContext,
	request: LeadlexRequest,
	subject: RequestSubject,
	policy: RequestPolicy,
): Promise<HttpResponse> {
	const node = context.getNode();
	const credentialData: ICredentialDataDecryptedObject =
		request.credentials?.data ?? (await context.getCredentials(CREDENTIAL_TYPE));
	const authentication = request.credentials
		? { credentialsDecrypted: request.credentials }
		: undefined;
	const baseURL = checkBaseUrl(node, credentialData.baseUrl, subject.outcomeInMessage !== false);
	const secrets = [apiKeyOf(credentialData.apiKey)];
	const accept = request.file?.accept ?? 'application/json';
	const options: IHttpRequestOptions = {
		method: request.method,
		baseURL,
		url: request.path,
		qs: request.qs ?? {},
		headers: request.idempotencyKey
			? { Accept: accept, 'Idempotency-Key': request.idempotencyKey }
			: { Accept: accept },
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
		// The node reads the body itself, so that it can bound its size and time.
		encoding: 'stream',
	};
	if (request.body) options.body = request.body;
	// A list in the query is the parameter repeated (`tag=a&tag=b`), as LeadLex's export takes it.
	if (Object.values(options.qs ?? {}).some(Array.isArray)) options.arrayFormat = 'repeat';
	for (const name of ENGINE_OPTIONS) {
		if (request.engineOptions?.[name] !== undefined) {
			(options as unknown as IDataObject)[name] = request.engineOptions[name] as IDataObject;
		}
	}
	if (options.allowedDomains) options.allowedDomains = withOwnHost(options.allowedDomains, baseURL);
	const timeoutMs = positiveOr(options.timeout, DEFAULT_TIMEOUT_MS);
	const signal =
		'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal?.() : undefined;
	const sendOnce = async (): Promise<HttpResponse> => {
		let response: HttpResponse;
		try {
			response = await sendWithDeadline(context, options, authentication, {
				deadline: Date.now() + timeoutMs,
				secrets,
				file: request.file,
			});
		} catch (error) {
			const tooLarge = error instanceof AnswerNotRead && error.reason === 'tooLarge';
			const failed = errorFromTransport(
				node,
				error,
				subject,
				{ baseUrl: baseURL, timeoutMs, tooLargeHint: request.file?.tooLargeHint },
				policy.itemIndex,
			);
			// A refused connection or an unknown host sent nothing: no answer was lost.
			throw markLost(failed, !tooLarge && failed.outcome !== 'unchanged');
		}
		if (response.statusCode >= 200 && response.statusCode <= 299) {
			if (response.tooDeep) {
				throw errorFromUnreadableSuccess(
					node,
					response,
					subject,
					`with a body nested deeper than ${MAX_JSON_DEPTH} levels`,
					policy.itemIndex,
				);
			}
			return response;
		}
		throw markLost(
			errorFromResponse(node, response, subject, policy.itemIndex, policy.errors, secrets),
			response.statusCode >= 500,
		);
	};
	const sendKeyed = request.idempotencyKey
		? async () => await repeatLostAnswers(sendOnce, signal)
		: sendOnce;
	const credential = node.credentials?.[CREDENTIAL_TYPE];
	const sent = await withRateLimitRetries(sendKeyed, {
		policy: policy.rateLimit ?? { enabled: false, maxWaitMs: 0 },
		gate: gateFor(
			`${credential?.id ?? credential?.name ?? ''}@${baseURL}${scopeOf(policy.rateLimit)}`,
		),
		signal,
	}).then(
		(response) => ({ response }),
		(error: unknown) => ({ error }),
	);
	if ('response' in sent) return sent.response;
	const { error } = sent;
	if (error instanceof NodeApiError || error instanceof NodeOperationError) throw error;
	if (signal?.aborted) throw cancelledWhileWaiting(node, subject, policy.itemIndex);
	if (error instanceof WaitBudgetExceeded) {
		throw queueTooLong(node, subject, policy.rateLimit?.maxWaitMs ?? 0, policy.itemIndex);
	}
	throw failedUnexpectedly(node, subject, error, policy.itemIndex);
}

/**
 * One request through n8n's HTTP helper, its answer read in full by `deadline` and within
 * MAX_ANSWER_BYTES. n8n gives an execution's requests the execution's own cancel signal, so the
 * deadline cannot abort a request that has no answer yet: the node stops waiting for it, and
 * closes its connection as soon as an answer begins.
 */
async function sendWithDeadline(
	context: LeadlexContext,
	options: IHttpRequestOptions,
	authentication: { credentialsDecrypted: ICredentialsDecrypted } | undefined,
	limits: { deadline: number; secrets: readonly string[]; file?: LeadlexRequest['file'] },
): Promise<HttpResponse> {
	const timer = new AbortController();
	// Where n8n keeps the node's own signal (the editor, a trigger's activation), it aborts too.
	const request = { ...options, abortSignal: timer.signal };
	const pending = context.helpers.httpRequestWithAuthentication.call(
		context,
		CREDENTIAL_TYPE,
		request,
		authentication,
	) as Promise<RawResponse>;
	const expired = pause(limits.deadline - Date.now(), timer.signal).then(
		() => 'expired' as const,
		() => 'settled' as const,
	);
	try {
		const first = await Promise.race([pending, expired]);
		if (first === 'expired' || first === 'settled') {
			timer.abort();
			pending.then(
				(late) => destroyBody(late?.body),
				() => undefined,
			);
			throw new AnswerNotRead('deadline');
		}
		const body = await readBody(first.body, {
			deadline: limits.deadline,
			maxBytes: limits.file?.maxBytes ?? MAX_ANSWER_BYTES,
			status: first.statusCode,
		});
		const success = first.statusCode >= 200 && first.statusCode <= 299;
		if (limits.file && success) {
			return {
				statusCode: first.statusCode,
				headers: cleanHeaders(first.headers, limits.secrets),
				body: Buffer.isBuffer(body) ? body : Buffer.from(String(body ?? '')),
			};
		}
		const parsed = parseBody(body);
		return {
			statusCode: first.statusCode,
			headers: cleanHeaders(first.headers, limits.secrets),
			body: parsed.value,
			tooDeep: parsed.tooDeep,
		};
	} finally {
		timer.abort();
	}
}

const lostAnswers = new WeakSet<object>();

function markLost<T extends object>(error: T, lost: boolean): T {
	if (lost) lostAnswers.add(error);
	return error;
}

/**
 * A request with an Idempotency-Key, sent again while its answer is lost (at most
 * LOST_ANSWER_REPEATS_MS.length times). When every try is lost, the last error says so.
 */
async function repeatLostAnswers(
	sendOnce: () => Promise<HttpResponse>,
	signal: AbortSignal | undefined,
): Promise<HttpResponse> {
	for (let repeat = 0; ; repeat++) {
		const sent = await sendOnce().then(
			(response) => ({ response }),
			(error: unknown) => ({ error }),
		);
		if ('response' in sent) return sent.response;
		const { error } = sent;
		const lost = error instanceof LeadlexApiError && lostAnswers.has(error);
		if (lost && !signal?.aborted && repeat < LOST_ANSWER_REPEATS_MS.length) {
			await pause(LOST_ANSWER_REPEATS_MS[repeat], signal);
			continue;
		}
		if (lost && repeat > 0) {
			error.description = joinSentences(
				`The node sent the request ${repeat + 1} times with the same Idempotency-Key, which LeadLex applies at most once.`,
				error.description ?? '',
			);
		}
		throw error;
	}
}

interface RawResponse {
	statusCode: number;
	headers?: Record<string, unknown>;
	body: unknown;
}

function destroyBody(body: unknown): void {
	const stream = body as { destroy?: () => void } | undefined;
	if (typeof stream?.destroy === 'function') stream.destroy();
}

/** A limit LeadLex counts apart (the export's hourly one) waits in a queue of its own. */
function scopeOf(policy: RetryPolicy | undefined): string {
	return policy?.scope ? `#${policy.scope}` : '';
}

function positiveOr(value: unknown, fallback: number): number {
	return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

function cancelledWhileWaiting(node: INode, subject: RequestSubject, itemIndex?: number) {
	return outcomeError(
		node,
		subject,
		'The execution was cancelled while waiting for the LeadLex rate limit',
		itemIndex,
	);
}

/** The workspace's queue waits longer than this item may: it fails before sending anything. */
function queueTooLong(node: INode, subject: RequestSubject, maxWaitMs: number, itemIndex?: number) {
	return outcomeError(
		node,
		subject,
		`LeadLex rate limit reached: earlier requests with this credential are waiting for LeadLex's limit longer than Options → Max Rate Limit Wait (${Math.round(maxWaitMs / 1000)} s) allows, so the node did not send this one`,
		itemIndex,
		'Raise Max Rate Limit Wait, or run the workflow again when the other executions with this credential are done.',
	);
}

/** A failure of the node's own handling (never a LeadLex answer): said as it is. */
function failedUnexpectedly(
	node: INode,
	subject: RequestSubject,
	error: unknown,
	itemIndex?: number,
) {
	const what = cleanServerText(error instanceof Error ? error.message : String(error), 200) ?? '';
	return new LeadlexApiError(node, {
		message: withOutcome(
			`The node failed while handling the request for ${subject.label}${what ? ` (${what})` : ''}`,
			outcomeSentence(subject, 'unknown'),
		),
		description: 'Please report this with the n8n version and the node version.',
		outcome: 'unknown',
		itemIndex,
	});
}

function outcomeError(
	node: INode,
	subject: RequestSubject,
	headline: string,
	itemIndex?: number,
	hint?: string,
) {
	const outcome = outcomeSentence(subject, 'unchanged');
	const complete = subject.outcomeInMessage !== false;
	return new NodeOperationError(node, complete ? withOutcome(headline, outcome) : headline, {
		itemIndex,
		description: joinSentences(complete ? '' : outcome, hint ?? '') || undefined,
	});
}

/**
 * The credential's "Specific Domains" list with the Base URL's host added, as n8n's engine adds a
 * node's own endpoint to it (its requestDefaults name LeadLex's default host, not the credential's
 * Base URL: see Leadlex.node.ts). The list is about the HTTP Request node; in the node the
 * credential belongs to, its own Base URL is always allowed.
 */
function withOwnHost(allowedDomains: string, baseUrl: string): string {
	const host = new URL(baseUrl).hostname.toLowerCase();
	const listed = allowedDomains.split(',').map((domain) => domain.trim().toLowerCase());
	return listed.includes(host) ? allowedDomains : `${host}, ${allowedDomains}`;
}

/** The transport parsed what is JSON (see answer.ts); a body given as text still gets a try. */
export function parseJsonBody(body: unknown): unknown {
	return parseBody(body).value;
}
