import { randomUUID } from 'node:crypto';
import {
	NodeApiError,
	NodeOperationError,
	type DeclarativeRestApiSettings,
	type IDataObject,
	type IExecutePaginationFunctions,
	type IExecuteSingleFunctions,
	type IHttpRequestMethods,
	type INodeExecutionData,
	type INodePropertyOptions,
} from 'n8n-workflow';
import type { Permission } from '../../shared/constants';
import { idLabel } from '../../shared/descriptions';
import type { ErrorTable } from '../../shared/errors/codes';
import { errorFromUnreadableSuccess } from '../../shared/errors/httpErrors';
import type {
	HttpResponse,
	LeadlexApiError,
	RequestSubject,
} from '../../shared/errors/LeadlexApiError';
import { requirePathSegment } from '../../shared/ids';
import { readItemId } from '../../shared/itemParameter';
import { readRetryPolicy, type RetryPolicy } from '../../shared/rateLimit/retry';
import { leadlexRequest, parseJsonBody, type LeadlexRequest } from '../../shared/transport/request';
import { runCredentials } from '../../shared/transport/runCredentials';
import { FieldChecker } from '../../shared/values';

/** The checked IDs of one item, by the names used in the path template. */
export type Ids = Record<string, string>;

/** One request of the item, through the shared layer; resolves with the records of a 2xx. */
export type Send = (overrides?: {
	qs?: IDataObject;
	body?: IDataObject;
	/** Another request of the item (e.g. Create or Update's search, then its create or update). */
	method?: IHttpRequestMethods;
	/** Below the Base URL, every ID encoded as one segment (`toPathSegment`). */
	path?: string;
	output?: OutputSpec;
	/** What this request changes, when it is not what the operation as a whole does. */
	change?: OperationSpec['change'];
	/** This request's own error table (e.g. Update's read of the record). */
	errors?: ErrorTable;
	/** Said instead of whether the change happened, when this request changes nothing (Dry Run). */
	changesNothing?: string;
}) => Promise<{ records: IDataObject[]; body: unknown; response: HttpResponse }>;

export interface ItemContext {
	ids: Ids;
	check: FieldChecker;
	/** What the item's requests are about, as its messages name it. */
	subject: RequestSubject;
}

/** How a 2xx answer becomes output items. */
export interface OutputSpec {
	/** Where LeadLex puts the result, e.g. `data.step`. */
	property: string;
	/** `list`: one item per element (none for an empty list); `object`: one item. */
	shape: 'object' | 'list';
	/** A field the object must have, e.g. Delete's `deleted`. */
	requiredField?: { name: string; type: 'boolean' | 'string' | 'number' | 'list' };
	/** The item for a 2xx without a body; without this, such an answer is an error. */
	whenEmpty?: (ids: Ids) => IDataObject;
}

export interface OperationSpec {
	value: string;
	name: string;
	/** n8n builds an AI tool's description from this text (plus "in LeadLex"). */
	action: string;
	description: string;
	method: IHttpRequestMethods;
	/** E.g. `/v1/campaigns/{campaignId}/steps/{stepId}`: each `{name}` is the ID parameter `name`. */
	path: string;
	permission: Permission;
	/** ID parameters sent in the body, not the path (e.g. a one-ID bulk delete): checked the same way. */
	bodyIds?: string[];
	/** What the request changes, for "was / was not / may have been …"; absent for reads. */
	change?:
		| 'created'
		| 'updated'
		| 'created or updated'
		| 'deleted'
		| 'paused'
		| 'started'
		| 'merged'
		| 'removed'
		| 'enriched'
		| 'approved'
		| 'sent'
		| 'run'
		| 'imported'
		| 'changed';
	/** E.g. `step "step_2" of campaign "cmp_abc123"`. */
	label: (ids: Ids) => string;
	/** Whether the label names several records (`the new contacts`). */
	plural?: boolean;
	errors: ErrorTable;
	output: OutputSpec;
	/** The JSON body, from the item's checked fields (throw `check.fail(...)` to refuse). */
	body?: (this: IExecuteSingleFunctions, item: ItemContext) => IDataObject;
	qs?: (this: IExecuteSingleFunctions, item: ItemContext) => IDataObject;
	/**
	 * Runs the item's requests when one request is not enough (paging, chunks): `send` makes one
	 * request through the shared layer, with the operation's query (plus any given parameters)
	 * and body (unless one is given).
	 */
	run?: (this: IExecuteSingleFunctions, item: ItemContext, send: Send) => Promise<IDataObject[]>;
	/** Last changes to the items, e.g. a limit. */
	shapeItems?: (this: IExecuteSingleFunctions, items: IDataObject[]) => IDataObject[];
	/** A LeadLex error the user asked to treat as a result (e.g. Ignore Not Found). */
	recover?: (
		this: IExecuteSingleFunctions,
		error: LeadlexApiError,
		ids: Ids,
	) => IDataObject | undefined;
	codeHints?: RequestSubject['codeHints'];
	mayHaveChangedHint?: string;
	/**
	 * LeadLex deduplicates the request by its Idempotency-Key (§6): each request of the item gets
	 * its own key, reused on every repeat, and a lost answer is asked for again (transport).
	 */
	idempotent?: boolean;
	/**
	 * The answer is a file (see LeadlexRequest.file): `send` gives its bytes as `body` and no
	 * records, and `run` resolves with output items that carry it (`{json, binary}`).
	 */
	file?: LeadlexRequest['file'];
	/** A rate limit of the endpoint's own (the export's hourly one): see RetryPolicy. */
	rateLimit?: Pick<RetryPolicy, 'scope' | 'unsaidWaitMs'>;
	/**
	 * Set only by Delete, which shipped in node version 1 with messages that do not say whether
	 * the step was deleted (that sentence is in the description). Saved workflows on version 1
	 * keep those messages; from version 1.1 the message says it, as n8n's AI Agent reads only it.
	 */
	version1MessagesWithoutOutcome?: boolean;
}

/** The first node version whose every error message says whether anything changed. */
export const OUTCOME_IN_MESSAGE_VERSION = 1.1;

/**
 * An operation option whose routing hands each item to the shared runner. The method and path
 * stay readable in the description; `paginate` is what makes n8n call the runner, and no field
 * of this node declares routing of its own, so no parameter value can bypass it.
 */
export function leadlexOperation(spec: OperationSpec): INodePropertyOptions {
	return {
		name: spec.name,
		value: spec.value,
		action: spec.action,
		description: spec.description,
		routing: {
			request: { method: spec.method, url: spec.path },
			send: { paginate: true },
			operations: { pagination: runner(spec) },
		},
	};
}

function runner(spec: OperationSpec) {
	return async function runLeadlexOperation(
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const itemIndex = this.getItemIndex();
		const pairedItem = { item: itemIndex };
		try {
			const items = await runItem(this, spec, requestData);
			// A file operation's `run` gives whole items (`{json, binary}`).
			if (spec.file)
				return (items as INodeExecutionData[]).map((item) => ({ ...item, pairedItem }));
			return items.map((json) => ({ json, pairedItem }));
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

async function runItem(
	context: IExecuteSingleFunctions,
	spec: OperationSpec,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<IDataObject[]> {
	const node = context.getNode();
	const itemIndex = context.getItemIndex();
	const outcomeInMessage =
		!spec.version1MessagesWithoutOutcome || node.typeVersion >= OUTCOME_IN_MESSAGE_VERSION;
	const ids: Ids = {};
	const path = spec.path.replace(/\{(\w+)\}/g, (_match, name: string) => {
		const value = readItemId(context, name);
		const checked = requirePathSegment(node, idLabel(name), value, itemIndex, outcomeInMessage);
		ids[name] = checked.id;
		return checked.segment;
	});
	for (const name of spec.bodyIds ?? []) {
		const value = readItemId(context, name);
		ids[name] = requirePathSegment(node, idLabel(name), value, itemIndex, outcomeInMessage).id;
	}
	const subject: RequestSubject = {
		label: spec.label(ids),
		change: spec.change,
		plural: spec.plural,
		permission: spec.permission,
		ids,
		codeHints: spec.codeHints,
		mayHaveChangedHint: spec.mayHaveChangedHint,
		outcomeInMessage,
	};
	const item: ItemContext = { ids, check: new FieldChecker(node, itemIndex), subject };
	const request = {
		method: spec.method,
		path,
		body: spec.body?.call(context, item),
		qs: spec.qs?.call(context, item),
		engineOptions: requestData.options,
	};
	const policy = {
		errors: spec.errors,
		rateLimit: { ...readRetryPolicy(context), ...spec.rateLimit },
		itemIndex,
	};
	const send: Send = async (overrides = {}) => {
		// Query parameters add up (paging on top of filters); a body given replaces the operation's.
		const qs = overrides.qs ? { ...request.qs, ...overrides.qs } : request.qs;
		const credentials = await runCredentials(context);
		const idempotencyKey = spec.idempotent ? randomUUID() : undefined;
		const about = {
			...subject,
			...(overrides.change && { change: overrides.change }),
			...(overrides.changesNothing && { changesNothing: overrides.changesNothing }),
		};
		const response = await leadlexRequest(
			context,
			{
				...request,
				method: overrides.method ?? request.method,
				path: overrides.path ?? request.path,
				body: overrides.body ?? request.body,
				qs,
				credentials,
				idempotencyKey,
				file: spec.file,
			},
			about,
			overrides.errors ? { ...policy, errors: overrides.errors } : policy,
		);
		if (spec.file) return { records: [], body: response.body, response };
		const records = readOutput(context, overrides.output ?? spec.output, response, about, ids);
		return { records, body: parseJsonBody(response.body), response };
	};
	const run = spec.run ?? (async (_item: ItemContext, once: Send) => (await once()).records);
	const answer = await run.call(context, item, send).then(
		(records) => ({ records }),
		(error: LeadlexApiError) => ({ error }),
	);
	let records: IDataObject[];
	if ('records' in answer) {
		records = answer.records;
	} else {
		const recovered =
			answer.error instanceof NodeApiError && spec.recover?.call(context, answer.error, ids);
		if (!recovered) throw answer.error;
		records = [recovered];
	}
	return spec.shapeItems ? spec.shapeItems.call(context, records) : records;
}

function readOutput(
	context: IExecuteSingleFunctions,
	output: OutputSpec,
	response: HttpResponse,
	subject: RequestSubject,
	ids: Ids,
): IDataObject[] {
	if (output.whenEmpty && isEmptyBody(response.body)) return [output.whenEmpty(ids)];
	const unreadable = (problem: string) =>
		errorFromUnreadableSuccess(
			context.getNode(),
			response,
			subject,
			problem,
			context.getItemIndex(),
		);
	const body = parseJsonBody(response.body) as { data?: unknown } | null;
	if (!body || typeof body !== 'object' || typeof body.data !== 'object') {
		throw unreadable('with a body that is not LeadLex JSON');
	}
	const value = output.property
		.split('.')
		.reduce<unknown>((parent, key) => (parent as IDataObject | null)?.[key], body);
	if (output.shape === 'list') {
		if (!Array.isArray(value)) throw unreadable(`without a list in ${output.property}`);
		return value.filter((entry): entry is IDataObject => isObject(entry));
	}
	if (!isObject(value)) throw unreadable(`without ${output.property}`);
	const required = output.requiredField;
	const field = required && value[required.name];
	const typeOf = Array.isArray(field) ? 'list' : typeof field;
	if (required && typeOf !== required.type) {
		throw unreadable(`without ${output.property}.${required.name}`);
	}
	return [value];
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEmptyBody(body: unknown): boolean {
	if (body === undefined || body === null) return true;
	if (typeof body === 'string') return body.trim() === '';
	if (body instanceof Uint8Array) return body.length === 0;
	return false;
}
