import {
	NodeOperationError,
	type DeclarativeRestApiSettings,
	type IDataObject,
	type IHookFunctions,
} from 'n8n-workflow';
import { PERMISSIONS } from '../shared/constants';
import { WEBHOOK_ERRORS } from './errors';
import { errorFromUnreadableSuccess } from '../shared/errors/httpErrors';
import {
	LeadlexApiError,
	type HttpResponse,
	type RequestSubject,
} from '../shared/errors/LeadlexApiError';
import { toPathSegment } from '../shared/ids';
import {
	describeQuota,
	formatUtc,
	formatWait,
	MAX_ASKED_WAIT_MS,
} from '../shared/rateLimit/headers';
import { leadlexRequest, parseJsonBody } from '../shared/transport/request';

/** A webhook as `GET /v1/webhooks` lists it (the secret is never listed). */
export interface ListedWebhook {
	id: string;
	url: string;
	events: string[];
	active?: boolean;
}

export const WEBHOOK_LABEL = 'the LeadLex webhook for this workflow';

/** Activation runs in the editor: a slow LeadLex must not hold it for n8n's default 300 s. */
const ENGINE_OPTIONS = { timeout: 30_000 } as DeclarativeRestApiSettings.HttpRequestOptions;

function subject(
	permission: string,
	change?: string,
	label = WEBHOOK_LABEL,
	extra: Partial<RequestSubject> = {},
): RequestSubject {
	return { label, permission, change, ...extra };
}

/**
 * A 429 during activation or deactivation fails at once (nothing waits in the editor): the
 * message itself says when to try again, from Retry-After or X-RateLimit-Reset.
 */
function withRetryTime(error: unknown, now = Date.now()): unknown {
	if (!(error instanceof LeadlexApiError) || error.httpStatus !== 429) return error;
	const info = error.rateLimit ?? {};
	let when: string;
	if (info.retryAfterMs !== undefined) {
		when =
			info.retryAfterMs >= MAX_ASKED_WAIT_MS
				? `LeadLex asked to wait ${formatWait(info.retryAfterMs)}`
				: `try again after ${formatUtc(now + info.retryAfterMs, true)} (in ${formatWait(info.retryAfterMs)})`;
	} else if (info.remaining === 0 && info.resetAt !== undefined && info.resetAt > now) {
		when = `the daily quota resets at ${formatUtc(info.resetAt, true)}; try again after that`;
	} else {
		when = `LeadLex sent no usable reset time; the per-minute limit ends within a minute, try again after ${formatUtc((Math.floor(now / 60_000) + 1) * 60_000, true)}`;
	}
	const [headline, ...rest] = error.message.split('. ');
	const message = [`${headline}: ${when}`, ...rest].join('. ');
	const quota = describeQuota(info, now);
	const replacement = new LeadlexApiError(error.node, {
		message,
		description: [quota, error.description ?? ''].filter(Boolean).join(' '),
		outcome: error.outcome,
		httpStatus: error.httpStatus,
		leadlexCode: error.leadlexCode,
		rateLimit: error.rateLimit,
	});
	return replacement;
}

async function send(
	context: IHookFunctions,
	request: { method: 'GET' | 'POST' | 'DELETE'; path: string; body?: IDataObject },
	about: RequestSubject,
): Promise<HttpResponse> {
	try {
		return await leadlexRequest(context, { ...request, engineOptions: ENGINE_OPTIONS }, about, {
			errors: WEBHOOK_ERRORS,
		});
	} catch (error) {
		throw withRetryTime(error);
	}
}

function dataOf(response: HttpResponse): IDataObject | undefined {
	const body = parseJsonBody(response.body) as { data?: unknown } | undefined;
	const data = body && typeof body === 'object' ? body.data : undefined;
	return data && typeof data === 'object' ? (data as IDataObject) : undefined;
}

function readWebhook(value: unknown): ListedWebhook | undefined {
	if (!value || typeof value !== 'object') return undefined;
	const hook = value as IDataObject;
	if (typeof hook.id !== 'string' || typeof hook.url !== 'string') return undefined;
	const events = Array.isArray(hook.events)
		? hook.events.filter((event): event is string => typeof event === 'string')
		: [];
	return {
		id: hook.id,
		url: hook.url,
		events,
		active: typeof hook.active === 'boolean' ? hook.active : undefined,
	};
}

/**
 * `GET /v1/webhooks` (webhooks:read): every webhook of the key's workspace. During activation
 * (`forCreate`) its errors say that the trigger's webhook was not created.
 */
export async function listWebhooks(
	context: IHookFunctions,
	forCreate = false,
): Promise<ListedWebhook[]> {
	const about = forCreate
		? subject(PERMISSIONS.webhooksRead, 'created')
		: subject(PERMISSIONS.webhooksRead, undefined, 'the LeadLex webhooks of the workspace');
	const response = await send(context, { method: 'GET', path: '/v1/webhooks' }, about);
	const list = dataOf(response)?.webhooks;
	if (!Array.isArray(list)) {
		throw errorFromUnreadableSuccess(
			context.getNode(),
			response,
			about,
			'without the list of webhooks (data.webhooks)',
		);
	}
	return list.map(readWebhook).filter((hook): hook is ListedWebhook => hook !== undefined);
}

/** `POST /v1/webhooks` (webhooks:write). The secret comes back only here. */
export async function createWebhook(
	context: IHookFunctions,
	body: { url: string; events: string[]; description: string },
): Promise<{ id: string; secret: string }> {
	const about = subject(PERMISSIONS.webhooksWrite, 'created', WEBHOOK_LABEL, {
		codeHints: { invalid_url: `This n8n's webhook URL is ${body.url}.` },
		mayHaveChangedHint:
			'activate the workflow again: the trigger first removes any webhook LeadLex has for this URL.',
	});
	const response = await send(
		context,
		{ method: 'POST', path: '/v1/webhooks', body: { ...body, active: true } },
		about,
	);
	const webhook = dataOf(response)?.webhook as IDataObject | undefined;
	const id = typeof webhook?.id === 'string' && webhook.id ? webhook.id : undefined;
	const secret = typeof webhook?.secret === 'string' && webhook.secret ? webhook.secret : undefined;
	if (id && secret) return { id, secret };
	// A webhook whose secret is unknown can never be verified: remove it again if possible.
	if (id) await deleteWebhook(context, id).catch(() => undefined);
	throw errorFromUnreadableSuccess(
		context.getNode(),
		response,
		about,
		`without the webhook's ${id ? 'signing secret' : 'ID and signing secret'} (data.webhook)`,
	);
}

/**
 * `DELETE /v1/webhooks/{id}` (webhooks:write). Resolves with `false` when LeadLex says
 * `webhook_not_found` (already gone), which callers treat as deleted.
 */
export async function deleteWebhook(
	context: IHookFunctions,
	id: string,
	label = WEBHOOK_LABEL,
): Promise<boolean> {
	const about = subject(PERMISSIONS.webhooksWrite, 'deleted', label);
	const checked = toPathSegment(id);
	if ('problem' in checked) {
		throw new NodeOperationError(
			context.getNode(),
			`The stored LeadLex webhook ID ${checked.problem}: nothing was deleted`,
		);
	}
	const answer = await send(
		context,
		{ method: 'DELETE', path: `/v1/webhooks/${checked.segment}` },
		about,
	).then(
		() => ({ deleted: true as const }),
		(error: unknown) => ({ error }),
	);
	if ('deleted' in answer) return true;
	const { error } = answer;
	if (
		error instanceof LeadlexApiError &&
		error.httpStatus === 404 &&
		error.leadlexCode === 'webhook_not_found'
	) {
		return false;
	}
	throw error;
}
