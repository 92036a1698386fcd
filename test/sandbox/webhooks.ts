/* eslint-disable @n8n/community-nodes/no-restricted-imports -- the sandbox delivers over HTTP */
/**
 * The sandbox's webhook deliveries (docs §7): which requests fire which event, the signed POST to
 * each subscribed webhook, and LeadLex's retries.
 *
 * The reading of the docs this sandbox follows (the trigger's docs/trigger.md says the same):
 *  - Body: the envelope `{"event", "timestamp", "workspace_id", "data"}` (the older page's
 *    example; the newer page is cut off). `timestamp` is when the event happened; the same bytes
 *    are sent on every attempt.
 *  - X-LeadLex-Signature: `sha256=` + hex HMAC-SHA256 of the raw body bytes, keyed with the
 *    webhook's secret string (its UTF-8 bytes). It covers the body only.
 *  - X-LeadLex-Timestamp: the time of the attempt (ISO 8601, ms), new on every attempt: a
 *    receiver that refuses old timestamps (as the docs advise) could not accept a retry an hour
 *    later otherwise.
 *  - X-LeadLex-Delivery-ID: one UUID per event and webhook, the same on every retry: that is what
 *    makes it usable "to make your handler idempotent". `deliveryIdPerAttempt` switches to the
 *    literal reading ("for each delivery attempt").
 *  - A 2xx within the timeout (10 s) is success; anything else (a 3xx included: redirects are not
 *    followed) is retried after 5 s, 30 s, 5 min, 1 h and 6 h, then given up. Deleting or
 *    deactivating the webhook cancels its pending retries.
 */
import { createHmac, randomUUID } from 'node:crypto';
import * as http from 'node:http';
import * as https from 'node:https';

import { HttpError, type JsonObject } from './http';
import type { HandlerResult } from './routing';
import type { WorkspaceState } from './store';
import type { DeliveryAttempt, EmitOptions, WebhookRecord } from './types';

/** Every event name the docs mention (§7.2: 27 listed, plus contact.merged and import.completed). */
export const WEBHOOK_EVENTS: readonly string[] = [
	'contact.created',
	'contact.updated',
	'contact.deleted',
	'contact.bulk_created',
	'contact.merged',
	'company.created',
	'company.updated',
	'company.deleted',
	'deal.created',
	'deal.updated',
	'deal.deleted',
	'deal.bulk_created',
	'deal.bulk_updated',
	'list.created',
	'list.deleted',
	'list.contacts_added',
	'list.contacts_removed',
	'campaign.created',
	'campaign.started',
	'campaign.paused',
	'campaign.deleted',
	'campaign.step_created',
	'campaign.contacts_added',
	'activity.created',
	'task.created',
	'task.updated',
	'task.approved',
	'task.dismissed',
	'import.completed',
];

export const DEFAULT_RETRY_DELAYS_MS = [5_000, 30_000, 300_000, 3_600_000, 21_600_000];
export const DEFAULT_DELIVERY_TIMEOUT_MS = 10_000;
export const USER_AGENT = 'LeadLex-Webhook/1.0';

/** The events a request fires: those its route's handler returned, for a 2xx answer only. */
export function firedEvents(
	result: HandlerResult,
	status: number,
): Array<{ event: string; data: JsonObject }> {
	if (status < 200 || status > 299) return [];
	return result.events ?? [];
}

export interface DeliveryDeps {
	now: () => number;
	/** The sandbox's timer (cleared on close). */
	later: (ms: number, fn: () => void) => void;
	workspaces: () => Map<string, WorkspaceState>;
	retryDelaysMs: number[];
	timeoutMs: number;
	deliveryIdPerAttempt: boolean;
}

export interface Deliveries {
	attempts: DeliveryAttempt[];
	/** Fire-and-forget, as LeadLex does after answering the API request. */
	fire(workspaceId: string, event: string, data: JsonObject): void;
	emit(workspaceId: string, options: EmitOptions): Promise<DeliveryAttempt[]>;
	clear(): void;
	settled(): Promise<void>;
	/** Aborts attempts in flight (the sandbox is closing). */
	abort(): void;
}

interface Job {
	workspaceId: string;
	webhookId: string;
	event: string;
	body: string;
	eventDeliveryId: string;
	headerOverrides: Record<string, string>;
	retry: boolean;
	/** Whether the webhook must still be active and subscribed (false for targeted emits). */
	targeted: boolean;
}

export function signBody(secret: string, body: string | Buffer): string {
	return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function createDeliveries(deps: DeliveryDeps): Deliveries {
	const attempts: DeliveryAttempt[] = [];
	const inFlight = new Set<Promise<void>>();
	const requests = new Set<http.ClientRequest>();
	let generation = 0;

	function currentHook(job: Job): WebhookRecord | undefined {
		const hook = deps.workspaces().get(job.workspaceId)?.webhooks.get(job.webhookId);
		if (!hook) return undefined;
		if (!job.targeted && !hook.active) return undefined;
		return hook;
	}

	function post(url: string, headers: Record<string, string>, body: string) {
		return new Promise<{ status: number; body: string } | { error: string }>((resolve) => {
			let target: URL;
			try {
				target = new URL(url);
			} catch {
				resolve({ error: 'invalid URL' });
				return;
			}
			const client = target.protocol === 'https:' ? https : http;
			const bytes = Buffer.from(body, 'utf8');
			const req = client.request(
				target,
				{
					method: 'POST',
					headers: { ...headers, 'Content-Length': String(bytes.length) },
					timeout: deps.timeoutMs,
				},
				(res) => {
					const chunks: Buffer[] = [];
					res.on('data', (chunk: Buffer) => chunks.push(chunk));
					res.on('end', () =>
						resolve({
							status: res.statusCode ?? 0,
							body: Buffer.concat(chunks).toString('utf8').slice(0, 2000),
						}),
					);
					res.on('error', (error) => resolve({ error: error.message }));
				},
			);
			requests.add(req);
			req.on('close', () => requests.delete(req));
			req.on('timeout', () => {
				req.destroy();
				resolve({ error: 'timeout' });
			});
			req.on('error', (error: NodeJS.ErrnoException) =>
				resolve({ error: error.code ?? error.message }),
			);
			req.end(bytes);
		});
	}

	function attempt(
		job: Job,
		number: number,
		forGeneration: number,
	): Promise<DeliveryAttempt> | undefined {
		if (forGeneration !== generation) return undefined;
		const hook = currentHook(job);
		if (!hook) return undefined;
		const at = deps.now();
		const deliveryId = deps.deliveryIdPerAttempt ? randomUUID() : job.eventDeliveryId;
		const standard: Record<string, string> = {
			'Content-Type': 'application/json',
			'User-Agent': USER_AGENT,
			'X-LeadLex-Signature': signBody(hook.secret, job.body),
			'X-LeadLex-Timestamp': new Date(at).toISOString(),
			'X-LeadLex-Delivery-ID': deliveryId,
		};
		const byLower = new Map<string, [string, string]>();
		for (const [k, v] of Object.entries({ ...standard, ...job.headerOverrides })) {
			byLower.set(k.toLowerCase(), [k, v]);
		}
		const headers: Record<string, string> = {};
		for (const [k, v] of byLower.values()) if (v !== '') headers[k] = v;
		const record: DeliveryAttempt = {
			webhookId: hook.id,
			url: hook.url,
			event: job.event,
			deliveryId: byLower.get('x-leadlex-delivery-id')?.[1] ?? '',
			attempt: number,
			at,
			headers,
			body: job.body,
			status: 0,
		};
		attempts.push(record);
		const done = post(hook.url, headers, job.body).then((answer) => {
			if (forGeneration !== generation) return;
			if ('status' in answer) {
				record.status = answer.status;
				record.responseBody = answer.body;
			} else {
				record.error = answer.error;
			}
			const ok = record.status >= 200 && record.status <= 299;
			const live = currentHook(job);
			if (live) {
				live.last_delivery_status = ok ? 'success' : 'failed';
				live.last_delivery_at = new Date(deps.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
			}
			const delay = deps.retryDelaysMs[number - 1];
			if (!ok && job.retry && delay !== undefined) {
				record.retryAt = deps.now() + delay;
				deps.later(delay, () => void attempt(job, number + 1, forGeneration));
			}
		});
		const tracked = done.then(() => record);
		const settle = done.finally(() => inFlight.delete(settle));
		inFlight.add(settle);
		return tracked;
	}

	function envelope(workspaceId: string, event: string, data: unknown): string {
		return JSON.stringify({
			event,
			timestamp: new Date(deps.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
			workspace_id: workspaceId,
			data: data ?? {},
		});
	}

	function start(job: Omit<Job, 'webhookId' | 'eventDeliveryId'>, hooks: WebhookRecord[]) {
		const first = hooks.map((hook) =>
			attempt({ ...job, webhookId: hook.id, eventDeliveryId: randomUUID() }, 1, generation),
		);
		return first.filter((p): p is Promise<DeliveryAttempt> => p !== undefined);
	}

	function subscribed(workspaceId: string, event: string): WebhookRecord[] {
		const ws = deps.workspaces().get(workspaceId);
		return ws ? [...ws.webhooks.values()].filter((h) => h.active && h.events.includes(event)) : [];
	}

	return {
		attempts,
		fire(workspaceId, event, data) {
			const hooks = subscribed(workspaceId, event);
			if (!hooks.length) return;
			const body = envelope(workspaceId, event, data);
			start({ workspaceId, event, body, headerOverrides: {}, retry: true, targeted: false }, hooks);
		},
		async emit(workspaceId, options) {
			if (typeof options.event !== 'string' || !WEBHOOK_EVENTS.includes(options.event)) {
				throw new HttpError(
					400,
					'invalid_events',
					`Not a documented event: ${String(options.event)}`,
				);
			}
			let hooks: WebhookRecord[];
			if (options.webhookId !== undefined) {
				const hook = deps.workspaces().get(workspaceId)?.webhooks.get(options.webhookId);
				if (!hook)
					throw new HttpError(404, 'webhook_not_found', `No webhook with ID ${options.webhookId}`);
				hooks = [hook];
			} else {
				hooks = subscribed(workspaceId, options.event);
			}
			const body =
				typeof options.body === 'string'
					? options.body
					: envelope(workspaceId, options.event, options.data);
			const job = {
				workspaceId,
				event: options.event,
				body,
				headerOverrides: { ...(options.headers ?? {}) },
				retry: options.retry !== false,
				targeted: options.webhookId !== undefined,
			};
			return await Promise.all(start(job, hooks));
		},
		clear() {
			generation++;
			attempts.length = 0;
		},
		async settled() {
			while (inFlight.size) await Promise.allSettled([...inFlight]);
		},
		abort() {
			generation++;
			for (const req of requests) req.destroy();
			requests.clear();
		},
	};
}
