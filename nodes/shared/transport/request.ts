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
import { errorFromResponse } from '../errors/httpErrors';
import {
	outcomeSentence,
	withOutcome,
	type HttpResponse,
	type RequestSubject,
} from '../errors/LeadlexApiError';
import { errorFromTransport } from '../errors/transportErrors';
import { gateFor } from '../rateLimit/gate';
import { withRateLimitRetries, type RetryPolicy } from '../rateLimit/retry';

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

/**
 * The one way the package talks to LeadLex. It checks the Base URL before the key is sent, never
 * follows a redirect (the key would go along to another host), takes its turn at the workspace's
 * rate-limit gate, and turns every failure into an error that says what happened and never
 * carries the HTTP client's error (which holds the Authorization header). Resolves with 2xx only.
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
	const options: IHttpRequestOptions = {
		method: request.method,
		baseURL,
		url: request.path,
		qs: request.qs ?? {},
		headers: { Accept: 'application/json' },
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
	};
	if (request.body) options.body = request.body;
	for (const name of ENGINE_OPTIONS) {
		if (request.engineOptions?.[name] !== undefined) {
			(options as unknown as IDataObject)[name] = request.engineOptions[name] as IDataObject;
		}
	}
	if (options.allowedDomains) options.allowedDomains = withOwnHost(options.allowedDomains, baseURL);
	const sendOnce = async (): Promise<HttpResponse> => {
		let response: HttpResponse;
		try {
			response = (await context.helpers.httpRequestWithAuthentication.call(
				context,
				CREDENTIAL_TYPE,
				options,
				authentication,
			)) as HttpResponse;
		} catch (error) {
			throw errorFromTransport(
				node,
				error,
				subject,
				{ baseUrl: baseURL, timeoutMs: options.timeout },
				policy.itemIndex,
			);
		}
		if (response.statusCode >= 200 && response.statusCode <= 299) return response;
		throw errorFromResponse(node, response, subject, policy.itemIndex, policy.errors);
	};
	const credential = node.credentials?.[CREDENTIAL_TYPE];
	const sent = await withRateLimitRetries(sendOnce, {
		policy: policy.rateLimit ?? { enabled: false, maxWaitMs: 0 },
		gate: gateFor(`${credential?.id ?? credential?.name ?? ''}@${baseURL}`),
		signal:
			'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal?.() : undefined,
	}).then(
		(response) => ({ response }),
		(error: unknown) => ({ error }),
	);
	if ('response' in sent) return sent.response;
	// Besides LeadLex's own errors, only a cancelled rate-limit wait can end up here.
	throw sent.error instanceof NodeApiError
		? sent.error
		: cancelledWhileWaiting(node, subject, policy.itemIndex);
}

function cancelledWhileWaiting(node: INode, subject: RequestSubject, itemIndex?: number) {
	const headline = 'The execution was cancelled while waiting for the LeadLex rate limit';
	const outcome = outcomeSentence(subject, 'unchanged');
	const complete = subject.outcomeInMessage !== false;
	return new NodeOperationError(node, complete ? withOutcome(headline, outcome) : headline, {
		itemIndex,
		description: complete ? undefined : outcome,
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

/** n8n parses JSON bodies by content type; a JSON body sent as text still deserves a try. */
export function parseJsonBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body);
	} catch {
		return body;
	}
}
