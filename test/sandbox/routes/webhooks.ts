/**
 * Webhook management routes (docs §9.8): create, list, update, delete. Targets must be public
 * https:// URLs (400 invalid_url), unless the sandbox was started with `allowLoopbackWebhooks`.
 */
import { randomBytes, randomUUID } from 'node:crypto';

import { HttpError, type JsonObject } from '../http';
import type { HandlerContext, HandlerResult, RouteDef } from '../routing';
import type { WebhookRecord } from '../types';
import { WEBHOOK_EVENTS } from '../webhooks';
import { FieldErrors, isoSeconds, jsonObjectBody } from './validate';

const MAX_DESCRIPTION = 200;
const MAX_URL = 2048;

const LOOPBACK_NAMES = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** IPv4 literals in private, loopback, link-local, CGNAT and "this network" ranges. */
function isPrivateIpv4(host: string): boolean {
	const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
	if (!m) return false;
	const [a, b] = [Number(m[1]), Number(m[2])];
	return (
		a === 0 ||
		a === 10 ||
		a === 127 ||
		(a === 100 && b >= 64 && b <= 127) ||
		(a === 169 && b === 254) ||
		(a === 172 && b >= 16 && b <= 31) ||
		(a === 192 && b === 168)
	);
}

function isPrivateHost(hostname: string): boolean {
	const host = hostname.toLowerCase();
	if (isPrivateIpv4(host)) return true;
	if (host.startsWith('[')) {
		const v6 = host.slice(1, -1);
		return (
			v6 === '::' ||
			v6 === '::1' ||
			/^f[cd]/.test(v6) ||
			/^fe[89ab]/.test(v6) ||
			/^::ffff:/.test(v6)
		);
	}
	return (
		host === 'localhost' ||
		host.endsWith('.localhost') ||
		host.endsWith('.local') ||
		host.endsWith('.internal') ||
		!host.includes('.')
	);
}

/** 400 invalid_url unless a public https:// URL (or, when allowed, a loopback target). */
export function checkWebhookUrl(value: unknown, allowLoopback: boolean): string {
	const refuse = (why: string): never => {
		throw new HttpError(400, 'invalid_url', `Invalid webhook URL: ${why}`, {
			fields: { url: why },
		});
	};
	if (typeof value !== 'string' || value.trim() === '') return refuse('url is required');
	if (value.length > MAX_URL) return refuse(`must be at most ${MAX_URL} characters`);
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return refuse('not a valid URL');
	}
	const loopback = allowLoopback && LOOPBACK_NAMES.test(url.hostname);
	if (url.protocol !== 'https:' && !(loopback && url.protocol === 'http:')) {
		return refuse('must use https://');
	}
	if (!loopback && isPrivateHost(url.hostname)) {
		return refuse('resolves to a private IP address');
	}
	return value;
}

function checkEvents(value: unknown): string[] {
	if (!Array.isArray(value) || value.length === 0) {
		throw new HttpError(400, 'invalid_events', 'events must be a non-empty array of event names', {
			fields: { events: 'Must be a non-empty array' },
		});
	}
	const unknown = value.filter(
		(event) => typeof event !== 'string' || !WEBHOOK_EVENTS.includes(event),
	);
	if (unknown.length) {
		throw new HttpError(
			400,
			'invalid_events',
			`Unknown event(s): ${unknown.map(String).join(', ')}`,
			{
				fields: { events: `Unknown: ${unknown.map(String).join(', ')}` },
			},
		);
	}
	return [...new Set(value as string[])];
}

function checkOptional(input: JsonObject): FieldErrors {
	const errors = new FieldErrors();
	if (Object.hasOwn(input, 'description')) {
		const d = input.description;
		if (typeof d !== 'string') errors.add('description', 'Must be a string');
		else if (d.length > MAX_DESCRIPTION) {
			errors.add('description', `Must be at most ${MAX_DESCRIPTION} characters`);
		}
	}
	if (Object.hasOwn(input, 'active') && typeof input.active !== 'boolean') {
		errors.add('active', 'Must be a boolean');
	}
	return errors;
}

/** What the list and update routes return: everything but the secret. */
function publicView(hook: WebhookRecord): JsonObject {
	const view: JsonObject = { ...hook };
	delete view.secret;
	return view;
}

export function findWebhook(ctx: HandlerContext, id: string): WebhookRecord {
	const hook = ctx.ws.webhooks.get(id);
	if (!hook) throw new HttpError(404, 'webhook_not_found', `No webhook with ID ${id}`);
	return hook;
}

function createWebhook(ctx: HandlerContext): HandlerResult {
	const input = jsonObjectBody(ctx.body);
	const url = checkWebhookUrl(input.url, ctx.allowLoopbackWebhooks);
	const events = checkEvents(input.events);
	checkOptional(input).throwIfAny('validation_error', () => 'Invalid webhook fields');
	const hook: WebhookRecord = {
		id: randomUUID(),
		url,
		events,
		description: (input.description as string | undefined) ?? '',
		active: (input.active as boolean | undefined) ?? true,
		secret: `whsec_${randomBytes(32).toString('hex')}`,
		created_at: isoSeconds(ctx.now),
		last_delivery_status: null,
		last_delivery_at: null,
	};
	ctx.ws.webhooks.set(hook.id, hook);
	const created: JsonObject = { ...hook };
	delete created.last_delivery_status;
	delete created.last_delivery_at;
	return { status: 201, payload: { data: { webhook: created } } };
}

function listWebhooks(ctx: HandlerContext): HandlerResult {
	return { payload: { data: { webhooks: [...ctx.ws.webhooks.values()].map(publicView) } } };
}

function updateWebhook(ctx: HandlerContext): HandlerResult {
	const hook = findWebhook(ctx, ctx.params.id);
	const input = jsonObjectBody(ctx.body);
	const url = Object.hasOwn(input, 'url')
		? checkWebhookUrl(input.url, ctx.allowLoopbackWebhooks)
		: undefined;
	const events = Object.hasOwn(input, 'events') ? checkEvents(input.events) : undefined;
	checkOptional(input).throwIfAny('validation_error', () => 'Invalid webhook fields');
	if (url !== undefined) hook.url = url;
	if (events !== undefined) hook.events = events;
	if (Object.hasOwn(input, 'description')) hook.description = input.description as string;
	if (Object.hasOwn(input, 'active')) hook.active = input.active as boolean;
	hook.updated_at = isoSeconds(ctx.now);
	return { payload: { data: { webhook: publicView(hook) } } };
}

function deleteWebhook(ctx: HandlerContext): HandlerResult {
	findWebhook(ctx, ctx.params.id);
	ctx.ws.webhooks.delete(ctx.params.id);
	return { payload: { data: { deleted: true, id: ctx.params.id } } };
}

export const webhookRoutes: RouteDef[] = [
	{ method: 'POST', pattern: '/v1/webhooks', permission: 'webhooks:write', handler: createWebhook },
	{ method: 'GET', pattern: '/v1/webhooks', permission: 'webhooks:read', handler: listWebhooks },
	{
		method: 'PATCH',
		pattern: '/v1/webhooks/:id',
		permission: 'webhooks:write',
		handler: updateWebhook,
	},
	{
		method: 'DELETE',
		pattern: '/v1/webhooks/:id',
		permission: 'webhooks:write',
		handler: deleteWebhook,
	},
];
