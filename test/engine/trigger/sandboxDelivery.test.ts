/* eslint-disable @n8n/community-nodes/no-restricted-globals -- the test polls for deliveries */
/**
 * End to end at engine level: the trigger registers its webhook with the sandbox, the sandbox fires
 * events from what it does (Create Step) or from its admin route and delivers them, signed, over
 * real HTTP to a local endpoint that runs the node's webhook() as n8n would.
 */
import axios from 'axios';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { startEndpoint, TriggerFixture } from './triggerHarness';
import { triggerParameters } from './helpers';

// The built module, the one n8n-core loads with the node: its in-process memory is what to clear.
const { forgetProcessMemory } = jest.requireActual<
	typeof import('../../../nodes/LeadlexTrigger/deliveries')
>('../../../dist/nodes/LeadlexTrigger/deliveries');

let sandbox: Sandbox;
let endpoint: Awaited<ReturnType<typeof startEndpoint>>;

beforeAll(async () => {
	sandbox = await startSandbox({ allowLoopbackWebhooks: true, webhookRetryDelaysMs: [50, 100] });
	endpoint = await startEndpoint();
});
beforeEach(() => {
	sandbox.reset();
	forgetProcessMemory();
	endpoint.outcomes.length = 0;
});
afterAll(async () => {
	await endpoint.close();
	await sandbox.close();
});

async function activate(events = ['campaign.step_created']) {
	const trigger = await TriggerFixture.create({
		credentials: { apiKey: sandbox.keys.full, baseUrl: sandbox.url },
		parameters: triggerParameters(events),
		webhookBaseUrl: endpoint.baseUrl,
		persistWebhookStaticData: false,
	});
	endpoint.target = trigger;
	await trigger.hook('create');
	return trigger;
}

async function until(check: () => boolean, ms = 5000) {
	const start = Date.now();
	while (!check()) {
		if (Date.now() - start > ms) throw new Error('timed out');
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
	await sandbox.deliveriesSettled();
}

test('Create Step in LeadLex → campaign.step_created → one run with the new step', async () => {
	const trigger = await activate();
	const created = await axios.post(
		`${sandbox.url}/v1/campaigns/cmp_abc123/steps`,
		{ subject: 'Café {{first_name}}', body: 'Hi' },
		{ headers: { Authorization: `Bearer ${sandbox.keys.full}` } },
	);
	await until(() => trigger.runs.length === 1);
	const [item] = trigger.runs[0];
	expect(item).toEqual({
		event: 'campaign.step_created',
		timestamp: expect.stringMatching(/Z$/),
		workspace_id: expect.any(String),
		data: { campaign_id: 'cmp_abc123', step: created.data.data.step },
		leadlexDelivery: {
			id: sandbox.deliveries[0].deliveryId,
			timestamp: sandbox.deliveries[0].headers['X-LeadLex-Timestamp'],
		},
	});
	expect(sandbox.deliveries.map((d) => [d.attempt, d.status])).toEqual([[1, 200]]);
	expect(sandbox.webhooks()[0].last_delivery_status).toBe('success');
});

test('an event the trigger did not choose is not delivered by LeadLex at all', async () => {
	const trigger = await activate(['campaign.paused']);
	await axios.post(
		`${sandbox.url}/v1/campaigns/cmp_abc123/steps`,
		{ subject: 'S', body: 'B' },
		{ headers: { Authorization: `Bearer ${sandbox.keys.full}` } },
	);
	await sandbox.deliveriesSettled();
	expect(sandbox.deliveries).toEqual([]);
	expect(trigger.runs).toEqual([]);
});

test('a wrong signature gets 401 on every attempt; LeadLex retries, nothing runs', async () => {
	const trigger = await activate();
	await sandbox.emitEvent({
		event: 'campaign.step_created',
		data: { step: { id: 'x' } },
		headers: { 'X-LeadLex-Signature': `sha256=${'0'.repeat(64)}` },
	});
	await until(() => sandbox.deliveries.length === 3);
	expect(sandbox.deliveries.map((d) => [d.attempt, d.status])).toEqual([
		[1, 401],
		[2, 401],
		[3, 401],
	]);
	expect(trigger.runs).toEqual([]);
});

test('a retry after a failed attempt runs once; its delivery ID is the same, its timestamp new', async () => {
	const trigger = await activate();
	endpoint.target = undefined; // n8n answers 404 for the first attempt
	const first = sandbox.emitEvent({ event: 'campaign.step_created', data: { step: { id: 'r' } } });
	await first;
	endpoint.target = trigger;
	await until(() => trigger.runs.length === 1);
	const [a, b] = sandbox.deliveries;
	expect([a.status, b.status]).toEqual([404, 200]);
	expect(b.deliveryId).toBe(a.deliveryId);
	expect(b.headers['X-LeadLex-Timestamp']).not.toBe(a.headers['X-LeadLex-Timestamp']);
	expect(b.headers['X-LeadLex-Signature']).toBe(a.headers['X-LeadLex-Signature']);
});

test('the same delivery sent again (a replay within the age window) runs once', async () => {
	const trigger = await activate();
	const body = '{"event":"campaign.step_created","data":{"step":{"id":"dup"}}}';
	const headers = { 'X-LeadLex-Delivery-ID': 'dlv-replayed' };
	await sandbox.emitEvent({ event: 'campaign.step_created', body, headers });
	const [again] = await sandbox.emitEvent({ event: 'campaign.step_created', body, headers });
	await sandbox.deliveriesSettled();
	expect(again.status).toBe(200);
	expect(JSON.parse(again.responseBody!)).toMatchObject({ started: false });
	expect(trigger.runs).toHaveLength(1);
});

test('after deactivation LeadLex has no webhook and the node refuses old deliveries', async () => {
	const trigger = await activate();
	const hook = sandbox.webhooks()[0];
	await trigger.hook('delete');
	expect(sandbox.webhooks()).toEqual([]);
	const raw = '{"event":"campaign.step_created","data":{}}';
	const { createHmac } = await import('node:crypto');
	const outcome = await trigger.deliver({
		headers: {
			'x-leadlex-signature': `sha256=${createHmac('sha256', hook.secret).update(raw).digest('hex')}`,
			'x-leadlex-timestamp': new Date().toISOString(),
		},
		rawBody: raw,
	});
	expect(outcome.status).toBe(401);
});
