import {
	NodeApiError,
	NodeOperationError,
	type DeclarativeRestApiSettings,
	type IExecutePaginationFunctions,
	type IExecuteSingleFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';
import { checkBaseUrl } from './baseUrl';
import { LeadlexApiError, outcomeSentence, type RequestSubject } from './errors';
import { errorFromTransport } from './transportErrors';
import { gateFor } from './rateLimitGate';
import { readRetryPolicy, withRateLimitRetries } from './rateLimitRetry';

export interface PreparedRequest {
	/** The request path, every ID already encoded as one segment. */
	path: string;
	subject: RequestSubject;
}

export type PrepareRequest = (this: IExecuteSingleFunctions) => PreparedRequest;

/**
 * Runs one item's request for a declarative operation. n8n calls this in place of sending the
 * request itself (it is wired as the operation's `pagination` function), which gives the node
 * one place to check the item's IDs before anything is sent, to wait out LeadLex's rate limit,
 * to turn network failures into errors that never carry the request headers (the API key), and
 * to keep a failed item in place when the node continues on fail.
 */
export function leadlexRequestRunner(prepare: PrepareRequest) {
	return async function runLeadlexRequest(
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const itemIndex = this.getItemIndex();
		const pairedItem = { item: itemIndex };
		try {
			const { path, subject } = prepare.call(this);
			const options = requestData.options;
			options.baseURL = checkBaseUrl(this.getNode(), options.baseURL);
			options.url = path;
			const items = await sendWithinRateLimit(this, requestData, subject);
			return items.map((item) => ({ ...item, pairedItem }));
		} catch (caught) {
			const error =
				caught instanceof NodeApiError || caught instanceof NodeOperationError
					? caught
					: new NodeOperationError(this.getNode(), caught as Error, { itemIndex });
			if (!this.continueOnFail()) throw error;
			// n8n shows a failed item as { error: message }, with the full error beside it.
			return [{ json: { error: error.message }, error, pairedItem }];
		}
	};
}

async function sendWithinRateLimit(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	subject: RequestSubject,
): Promise<INodeExecutionData[]> {
	try {
		return await withRateLimitRetries(async () => await sendOnce(context, requestData, subject), {
			policy: readRetryPolicy(context),
			gate: gateFor(gateKey(context, requestData)),
			signal: context.getExecutionCancelSignal?.(),
		});
	} catch (error) {
		// Besides LeadLex errors, only a cancelled wait can end up here.
		throw error instanceof NodeApiError
			? error
			: new NodeOperationError(
					context.getNode(),
					'The execution was cancelled while waiting for the LeadLex rate limit',
					{
						itemIndex: context.getItemIndex(),
						description: outcomeSentence(subject, 'unchanged'),
					},
				);
	}
}

function gateKey(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): string {
	const credential = context.getNode().credentials?.leadlexApi;
	return `${credential?.id ?? credential?.name ?? ''}@${requestData.options.baseURL ?? ''}`;
}

async function sendOnce(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	subject: RequestSubject,
): Promise<INodeExecutionData[]> {
	try {
		return await context.makeRoutingRequest(requestData);
	} catch (error) {
		// Errors from postReceive are already the user's message; anything else is the HTTP client's.
		throw error instanceof LeadlexApiError
			? error
			: errorFromTransport(
					context.getNode(),
					error,
					subject,
					{ baseUrl: requestData.options.baseURL, timeoutMs: requestData.options.timeout },
					context.getItemIndex(),
				);
	}
}
