/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
/**
 * Contract checks for the sandbox's webhooks (docs §7, §9.8): management routes, signed
 * deliveries, retries, fired events, the admin emit route. Plain HTTP, no n8n involved.
 */
import { createHmac } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import axios, { type AxiosInstance } from 'axios';

import { startSandbox, WEBHOOK_EVENTS, type Sandbox } from './server';

interface Received {
	headers: http.IncomingHttpHeaders;
	body: string;
}

let sb: Sandbox;
let strict: Sandbox;
let api: AxiosInstance;
let receiver: http.Server;
let receiverUrl: string;
const received: Received[] = [];
/** Status codes the receiver answers with, in order; 200 once used up. */
let answers: number[] = [];

beforeAll(async () => {
	sb = await startSandbox({ allowLoopbackWebhooks: true, webhookRetryDelaysMs: [30, 60, 90] });
	strict = await startSandbox();
	receiver = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
			res.writeHead(answers.shift() ?? 200);
			res.end('{}');
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhook/abc`;
	api = axios.create({ validateStatus: () => true });
});
beforeEach(() => {
	sb.reset();
	strict.reset();
	received.length = 0;
	answers = [];
});
afterAll(async () => {
	await sb.close();
	await strict.close();
	await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

const auth = (key: string) => ({ headers: { Authorization: `Bearer ${key}` } });

async function register(target: Sandbox, body: Record<string, unknown>, key = target.keys.full) {
	return await api.post(`${target.url}/v1/webhooks`, body, auth(key));
}

async function settle() {
	await new Promise((resolve) => setTimeout(resolve, 250));
	await sb.deliveriesSettled();
}

describe('management routes', () => {
	test('create returns the secret once; list and update never do', async () => {
		const created = await register(sb, {
			url: receiverUrl,
			events: ['campaign.paused'],
			description: 'd',
		});
		expect(created.status).toBe(201);
		const hook = created.data.data.webhook;
		expect(hook).toEqual({
			id: expect.stringMatching(/^[0-9a-f-]{36}$/),
			url: receiverUrl,
			events: ['campaign.paused'],
			description: 'd',
			active: true,
			secret: expect.stringMatching(/^whsec_[0-9a-f]{64}$/),
			created_at: expect.stringMatching(/Z$/),
		});
		const list = await api.get(`${sb.url}/v1/webhooks`, auth(sb.keys.full));
		const listed = { ...hook, last_delivery_status: null, last_delivery_at: null };
		delete listed.secret;
		expect(list.data.data.webhooks).toEqual([listed]);
		const patched = await api.patch(
			`${sb.url}/v1/webhooks/${hook.id}`,
			{ events: ['campaign.started'] },
			auth(sb.keys.full),
		);
		expect(patched.data.data.webhook.events).toEqual(['campaign.started']);
		expect(patched.data.data.webhook.secret).toBeUndefined();
		expect(patched.data.data.webhook.updated_at).toBeDefined();
		const deleted = await api.delete(`${sb.url}/v1/webhooks/${hook.id}`, auth(sb.keys.full));
		expect(deleted.data).toEqual({ data: { deleted: true, id: hook.id } });
		const again = await api.delete(`${sb.url}/v1/webhooks/${hook.id}`, auth(sb.keys.full));
		expect([again.status, again.data.error.code]).toEqual([404, 'webhook_not_found']);
	});

	test.each([
		['http://127.0.0.1:5678/webhook/x'],
		['http://n8n.example.com/webhook'],
		['https://localhost/webhook'],
		['https://10.1.2.3/hook'],
		['https://192.168.0.10/hook'],
		['https://172.20.0.1/hook'],
		['https://169.254.169.254/latest'],
		['https://[::1]/hook'],
		['https://printer.local/hook'],
		['https://intranet/hook'],
		['not a url'],
		[''],
	])('refuses %s with 400 invalid_url (default options)', async (url) => {
		const res = await register(strict, { url, events: ['campaign.paused'] });
		expect([res.status, res.data.error.code]).toEqual([400, 'invalid_url']);
	});

	test('allowLoopbackWebhooks accepts http://127.0.0.1 and localhost, still refuses 10.x', async () => {
		for (const url of [receiverUrl, 'http://localhost:5678/webhook/x']) {
			expect((await register(sb, { url, events: ['campaign.paused'] })).status).toBe(201);
		}
		const res = await register(sb, { url: 'http://10.0.0.1/x', events: ['campaign.paused'] });
		expect(res.status).toBe(400);
	});

	test('events, description and active are checked', async () => {
		const url = 'https://n8n.example.com/webhook/x';
		for (const events of [undefined, [], ['campaign.nope'], [1]]) {
			const res = await register(strict, { url, events });
			expect([res.status, res.data.error.code]).toEqual([400, 'invalid_events']);
		}
		const long = await register(strict, {
			url,
			events: ['contact.merged'],
			description: 'x'.repeat(201),
		});
		expect([long.status, long.data.error.code]).toEqual([400, 'validation_error']);
		const ok = await register(strict, {
			url,
			events: [...WEBHOOK_EVENTS],
			description: 'x'.repeat(200),
		});
		expect(ok.status).toBe(201);
		expect(WEBHOOK_EVENTS).toHaveLength(29);
	});

	test('permissions: webhooks:read to list, webhooks:write to change', async () => {
		const list = await api.get(`${sb.url}/v1/webhooks`, auth(sb.keys.readOnly));
		expect([list.status, list.data.error.message]).toEqual([
			403,
			'This API key is missing the webhooks:read permission',
		]);
		const readOk = await api.get(`${sb.url}/v1/webhooks`, auth(sb.keys.webhooksReadOnly));
		expect(readOk.status).toBe(200);
		const write = await register(
			sb,
			{ url: receiverUrl, events: ['campaign.paused'] },
			sb.keys.webhooksReadOnly,
		);
		expect([write.status, write.data.error.message]).toEqual([
			403,
			'This API key is missing the webhooks:write permission',
		]);
	});

	test('webhooks belong to one workspace', async () => {
		const created = await register(sb, { url: receiverUrl, events: ['campaign.paused'] });
		const other = await api.get(`${sb.url}/v1/webhooks`, auth(sb.keys.otherWorkspace));
		expect(other.data.data.webhooks).toEqual([]);
		const del = await api.delete(
			`${sb.url}/v1/webhooks/${created.data.data.webhook.id}`,
			auth(sb.keys.otherWorkspace),
		);
		expect(del.status).toBe(404);
	});
});

describe('deliveries', () => {
	async function hook(events = ['campaign.step_created']) {
		return (await register(sb, { url: receiverUrl, events })).data.data.webhook as {
			id: string;
			secret: string;
		};
	}

	test('Create Step fires campaign.step_created: signed body, documented headers', async () => {
		const { secret } = await hook();
		const step = await api.post(
			`${sb.url}/v1/campaigns/cmp_abc123/steps`,
			{ subject: 'S', body: 'B' },
			auth(sb.keys.full),
		);
		await settle();
		expect(received).toHaveLength(1);
		const [{ headers, body }] = received;
		expect(JSON.parse(body)).toEqual({
			event: 'campaign.step_created',
			timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
			workspace_id: expect.any(String),
			data: { campaign_id: 'cmp_abc123', step: step.data.data.step },
		});
		expect(headers['content-type']).toBe('application/json');
		expect(headers['user-agent']).toBe('LeadLex-Webhook/1.0');
		expect(headers['x-leadlex-signature']).toBe(
			`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
		);
		expect(headers['x-leadlex-timestamp']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		expect(headers['x-leadlex-delivery-id']).toMatch(/^[0-9a-f-]{36}$/);
	});

	test('a failed step create and an unsubscribed event fire nothing', async () => {
		await hook(['campaign.paused']);
		await api.post(
			`${sb.url}/v1/campaigns/cmp_abc123/steps`,
			{ subject: 'S', body: 'B' },
			auth(sb.keys.full),
		);
		await hook(['campaign.step_created']);
		await api.post(`${sb.url}/v1/campaigns/cmp_abc123/steps`, { subject: 'S' }, auth(sb.keys.full));
		await settle();
		expect(received).toEqual([]);
	});

	test('Delete Campaign fires campaign.deleted', async () => {
		await hook(['campaign.deleted']);
		await api.delete(`${sb.url}/v1/campaigns/cmp_draft01`, auth(sb.keys.full));
		await settle();
		expect(JSON.parse(received[0].body)).toMatchObject({
			event: 'campaign.deleted',
			data: { campaign: { id: 'cmp_draft01' } },
		});
	});

	test('Pause fires campaign.paused; Start fires campaign.started unless it waits for approval', async () => {
		await hook(['campaign.paused', 'campaign.started']);
		await api.post(`${sb.url}/v1/campaigns/cmp_abc123/pause`, {}, auth(sb.keys.full));
		const starts = [];
		for (const id of ['cmp_abc123', 'cmp_paused01']) {
			const res = await api.post(`${sb.url}/v1/campaigns/${id}/start`, {}, auth(sb.keys.full));
			if (res.status === 200) starts.push({ id, status: res.data.data.status as string });
		}
		await settle();
		expect(starts.length).toBeGreaterThan(0);
		const expected = [
			expect.objectContaining({
				event: 'campaign.paused',
				data: { campaign: expect.objectContaining({ id: 'cmp_abc123', status: 'paused' }) },
			}),
			...starts
				.filter((start) => start.status === 'active')
				.map((start) =>
					expect.objectContaining({
						event: 'campaign.started',
						data: { campaign: { id: start.id, status: 'active' } },
					}),
				),
		];
		expect(received.map((r) => JSON.parse(r.body))).toEqual(expected);
	});

	test('retries on the schedule: same delivery ID and body, a new timestamp each attempt', async () => {
		await hook();
		answers = [500, 503];
		const [first] = await sb.emitEvent({ event: 'campaign.step_created', data: { n: 1 } });
		expect(first.status).toBe(500);
		await settle();
		expect(sb.deliveries.map((d) => [d.attempt, d.status])).toEqual([
			[1, 500],
			[2, 503],
			[3, 200],
		]);
		const ids = new Set(received.map((r) => r.headers['x-leadlex-delivery-id']));
		const stamps = new Set(received.map((r) => r.headers['x-leadlex-timestamp']));
		expect(ids.size).toBe(1);
		expect(stamps.size).toBe(3);
		expect(new Set(received.map((r) => r.body)).size).toBe(1);
		expect(sb.webhooks()[0].last_delivery_status).toBe('success');
	});

	test('gives up after the last retry; deleting the webhook cancels pending retries', async () => {
		const { id } = await hook();
		answers = [500, 500, 500, 500, 500];
		await sb.emitEvent({ event: 'campaign.step_created' });
		await settle();
		expect(sb.deliveries.map((d) => d.status)).toEqual([500, 500, 500, 500]);
		expect(sb.webhooks()[0].last_delivery_status).toBe('failed');

		sb.deliveries.length = 0;
		answers = [500, 500];
		await sb.emitEvent({ event: 'campaign.step_created' });
		await api.delete(`${sb.url}/v1/webhooks/${id}`, auth(sb.keys.full));
		await settle();
		expect(sb.deliveries).toHaveLength(1);
	});

	test('deliveryIdPerAttempt: the literal reading, a new ID on every attempt', async () => {
		const literal = await startSandbox({
			allowLoopbackWebhooks: true,
			webhookRetryDelaysMs: [20],
			deliveryIdPerAttempt: true,
		});
		try {
			await register(literal, { url: receiverUrl, events: ['task.created'] });
			answers = [500];
			await literal.emitEvent({ event: 'task.created' });
			await new Promise((resolve) => setTimeout(resolve, 150));
			await literal.deliveriesSettled();
			expect(literal.deliveries).toHaveLength(2);
			expect(literal.deliveries[0].deliveryId).not.toBe(literal.deliveries[1].deliveryId);
		} finally {
			await literal.close();
		}
	});

	test('the admin route sends chosen body bytes and headers, signed unless overridden', async () => {
		const { id, secret } = await hook(['campaign.paused']);
		const raw = '{ "event": "contact.created",\n "data": {"name": "Ren\\u00e9"} }';
		const res = await api.post(`${sb.origin}/__sandbox/webhooks/emit`, {
			event: 'contact.created',
			webhookId: id,
			body: raw,
			headers: { 'X-LeadLex-Delivery-ID': 'dlv-fixed', 'X-LeadLex-Timestamp': '' },
			retry: false,
		});
		expect(res.status).toBe(200);
		expect(res.data.deliveries).toHaveLength(1);
		const [got] = received;
		expect(got.body).toBe(raw);
		expect(got.headers['x-leadlex-signature']).toBe(
			`sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`,
		);
		expect(got.headers['x-leadlex-delivery-id']).toBe('dlv-fixed');
		expect(got.headers['x-leadlex-timestamp']).toBeUndefined();

		const bad = await api.post(`${sb.origin}/__sandbox/webhooks/emit`, { event: 'nope' });
		expect([bad.status, bad.data.error.code]).toEqual([400, 'invalid_events']);
		const list = await api.get(`${sb.origin}/__sandbox/webhooks`);
		expect(list.data.webhooks[0].secret).toBe(secret);
		expect(list.data.deliveries).toHaveLength(1);
	});
});
