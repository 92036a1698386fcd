/**
 * The LeadLex Trigger's webhook() through n8n-core's real WebhookContext: signature, age, repeats,
 * events, output shape. The secret comes from a real create against the sandbox.
 */
import { everythingIn } from '../harness';
import { useSandbox } from '../fixtures';
import { TriggerFixture } from './triggerHarness';
import { deliveryHeaders, sign, STEP_EVENT, triggerParameters } from './helpers';

// The built module, the one n8n-core loads with the node: its in-process memory is what to clear.
const { forgetProcessMemory } = jest.requireActual<
	typeof import('../../../nodes/LeadlexTrigger/deliveries')
>('../../../dist/nodes/LeadlexTrigger/deliveries');

const env = useSandbox();

// Every test is a fresh n8n process as far as remembered delivery IDs go.
beforeEach(() => forgetProcessMemory());

async function activeTrigger(options: Partial<Parameters<typeof TriggerFixture.create>[0]> = {}) {
	const trigger = await TriggerFixture.create({
		credentials: env.credentials,
		parameters: triggerParameters(['campaign.step_created', 'campaign.paused']),
		...options,
	});
	await trigger.hook('create');
	const secret = String(trigger.nodeStaticData().webhookSecret);
	expect(secret).toMatch(/^whsec_/);
	return { trigger, secret };
}

const body = JSON.stringify(STEP_EVENT);

describe('a genuine delivery', () => {
	test('starts the workflow with the payload and leadlexDelivery', async () => {
		const { trigger, secret } = await activeTrigger();
		const headers = deliveryHeaders(secret, body, { 'x-leadlex-delivery-id': 'dlv-1' });
		const outcome = await trigger.deliver({ headers, rawBody: Buffer.from(body) });
		expect(outcome.status).toBe(200);
		expect(outcome.items).toEqual([
			{
				...STEP_EVENT,
				leadlexDelivery: { id: 'dlv-1', timestamp: headers['x-leadlex-timestamp'] },
			},
		]);
		expect(trigger.runs).toHaveLength(1);
	});

	test('bytes that differ from their re-serialized JSON still verify (whitespace, \\u00e9)', async () => {
		const { trigger, secret } = await activeTrigger();
		const raw =
			'{\n  "event" : "campaign.step_created",\n  "data": {"step": {"subject": "Caf\\u00e9 \\u2014 ok", "n": 1.50}}\n}\n';
		expect(JSON.stringify(JSON.parse(raw))).not.toBe(raw);
		const outcome = await trigger.deliver({
			headers: deliveryHeaders(secret, raw),
			rawBody: Buffer.from(raw, 'utf8'),
		});
		expect(outcome.status).toBe(200);
		expect(outcome.items?.[0].data).toEqual({ step: { subject: 'Café — ok', n: 1.5 } });
	});

	test('a raw body given as a string is accepted too', async () => {
		const { trigger, secret } = await activeTrigger();
		const outcome = await trigger.deliver({
			headers: deliveryHeaders(secret, body),
			rawBody: body,
		});
		expect(outcome.items).toHaveLength(1);
	});

	test('a delivery without a delivery ID still runs, with id null', async () => {
		const { trigger, secret } = await activeTrigger();
		const headers = deliveryHeaders(secret, body);
		delete headers['x-leadlex-delivery-id'];
		const outcome = await trigger.deliver({ headers, rawBody: body });
		expect(outcome.items?.[0].leadlexDelivery).toEqual({
			id: null,
			timestamp: headers['x-leadlex-timestamp'],
		});
	});
});

describe('refused with 401, nothing started', () => {
	const cases: Array<[string, (secret: string) => Record<string, string>]> = [
		['a wrong signature', (secret) => deliveryHeaders(`${secret}x`, body)],
		[
			'no signature',
			(secret) => {
				const headers = deliveryHeaders(secret, body);
				delete headers['x-leadlex-signature'];
				return headers;
			},
		],
		[
			'a signature without sha256=',
			(secret) => {
				const headers = deliveryHeaders(secret, body);
				headers['x-leadlex-signature'] = headers['x-leadlex-signature'].slice('sha256='.length);
				return headers;
			},
		],
		[
			'a signature of the wrong length',
			(secret) => ({ ...deliveryHeaders(secret, body), 'x-leadlex-signature': 'sha256=abcd' }),
		],
		[
			'a signature that is not hex',
			(secret) => ({
				...deliveryHeaders(secret, body),
				'x-leadlex-signature': `sha256=${'z'.repeat(64)}`,
			}),
		],
		[
			'a sha1 signature',
			(secret) => ({
				...deliveryHeaders(secret, body),
				'x-leadlex-signature': `sha1=${'a'.repeat(40)}`,
			}),
		],
		['the signature of other bytes', (secret) => deliveryHeaders(secret, `${body} `)],
	];

	test.each(cases)('%s', async (_name, headersFor) => {
		const { trigger, secret } = await activeTrigger();
		const outcome = await trigger.deliver({ headers: headersFor(secret), rawBody: body });
		expect(outcome.status).toBe(401);
		expect(outcome.result).toEqual({ noWebhookResponse: true });
		expect(outcome.responseBody).toBe('Unauthorized');
		expect(trigger.runs).toEqual([]);
		const said = [outcome.responseBody, ...trigger.logs].join('\n');
		expect(said).not.toContain(secret);
		expect(said).not.toContain(sign(secret, body).slice(7));
		expect(trigger.logs.join('\n')).toMatch(
			/refused a delivery: missing or wrong X-LeadLex-Signature/,
		);
	});

	test('a correctly signed body that is not JSON (or not an object)', async () => {
		const { trigger, secret } = await activeTrigger();
		for (const raw of ['not json', '{"event":', '[1,2]', '"text"', '']) {
			const outcome = await trigger.deliver({
				headers: deliveryHeaders(secret, raw),
				rawBody: raw,
			});
			expect(outcome.status).toBe(401);
		}
		expect(trigger.runs).toEqual([]);
	});

	test('no stored secret (never activated, or deactivated)', async () => {
		const { trigger, secret } = await activeTrigger();
		await trigger.hook('delete');
		const outcome = await trigger.deliver({
			headers: deliveryHeaders(secret, body),
			rawBody: body,
		});
		expect(outcome.status).toBe(401);
		expect(trigger.logs.join('\n')).toMatch(/no signing secret is stored/);
	});

	test('no raw body available', async () => {
		const { trigger, secret } = await activeTrigger();
		const outcome = await trigger.deliver({ headers: deliveryHeaders(secret, body) });
		expect(outcome.status).toBe(401);
	});

	test.each([
		['10 minutes old', -10 * 60_000],
		['6 minutes in the future', 6 * 60_000],
	])('a timestamp %s', async (_name, offset) => {
		const { trigger, secret } = await activeTrigger();
		const timestamp = new Date(Date.now() + offset).toISOString();
		const outcome = await trigger.deliver({
			headers: deliveryHeaders(secret, body, { 'x-leadlex-timestamp': timestamp }),
			rawBody: body,
		});
		expect(outcome.status).toBe(401);
		expect(trigger.runs).toEqual([]);
	});

	test('a missing or unreadable timestamp', async () => {
		const { trigger, secret } = await activeTrigger();
		for (const timestamp of ['', 'yesterday', '1713364200', '2026-13-45T99:99:99Z']) {
			const outcome = await trigger.deliver({
				headers: deliveryHeaders(secret, body, { 'x-leadlex-timestamp': timestamp }),
				rawBody: body,
			});
			expect(outcome.status).toBe(401);
		}
	});
});

describe('delivery age', () => {
	test('4 minutes old or 4 minutes ahead is accepted with the default 5 minutes', async () => {
		const { trigger, secret } = await activeTrigger();
		for (const offset of [-4 * 60_000, 4 * 60_000]) {
			const outcome = await trigger.deliver({
				headers: deliveryHeaders(secret, body, {
					'x-leadlex-timestamp': new Date(Date.now() + offset).toISOString(),
				}),
				rawBody: body,
			});
			expect(outcome.status).toBe(200);
		}
		expect(trigger.runs).toHaveLength(2);
	});

	test('Max Delivery Age 60 accepts 10 minutes old; 0 turns the check off', async () => {
		const { trigger, secret } = await activeTrigger();
		const old = new Date(Date.now() - 10 * 60_000).toISOString();
		trigger.setParameters(
			triggerParameters(['campaign.step_created', 'campaign.paused'], { maxDeliveryAge: 60 }),
		);
		let outcome = await trigger.deliver({
			headers: deliveryHeaders(secret, body, { 'x-leadlex-timestamp': old }),
			rawBody: body,
		});
		expect(outcome.status).toBe(200);

		trigger.setParameters(
			triggerParameters(['campaign.step_created', 'campaign.paused'], { maxDeliveryAge: 0 }),
		);
		const headers = deliveryHeaders(secret, body, {
			'x-leadlex-timestamp': '2020-01-01T00:00:00Z',
		});
		outcome = await trigger.deliver({ headers, rawBody: body });
		expect(outcome.status).toBe(200);
		delete headers['x-leadlex-timestamp'];
		outcome = await trigger.deliver({
			headers: { ...headers, 'x-leadlex-delivery-id': 'dlv-no-time' },
			rawBody: body,
		});
		expect(outcome.status).toBe(200);
		expect(outcome.items?.[0].leadlexDelivery).toEqual({ id: 'dlv-no-time', timestamp: null });
	});
});

describe('answered 200, nothing started', () => {
	test('an event the workflow did not select', async () => {
		const { trigger, secret } = await activeTrigger();
		for (const raw of [
			JSON.stringify({ ...STEP_EVENT, event: 'contact.created' }),
			JSON.stringify({ data: {} }),
		]) {
			const outcome = await trigger.deliver({
				headers: deliveryHeaders(secret, raw),
				rawBody: raw,
			});
			expect(outcome.status).toBe(200);
			expect(outcome.result.workflowData).toBeUndefined();
		}
		expect(trigger.runs).toEqual([]);
	});

	test.each([
		['n8n 1.x (static data saved after a delivery)', true],
		['n8n 2.x (static data written during a delivery is not saved)', false],
	])('a repeated delivery ID, on %s', async (_name, persist) => {
		const { trigger, secret } = await activeTrigger({ persistWebhookStaticData: persist });
		const headers = deliveryHeaders(secret, body, { 'x-leadlex-delivery-id': 'dlv-same' });
		expect((await trigger.deliver({ headers, rawBody: body })).items).toHaveLength(1);
		const again = await trigger.deliver({
			headers: { ...headers, 'x-leadlex-timestamp': new Date().toISOString() },
			rawBody: body,
		});
		expect(again.status).toBe(200);
		expect(again.result.workflowData).toBeUndefined();
		expect(trigger.runs).toHaveLength(1);
		expect(trigger.nodeStaticData().recentDeliveryIds ?? []).toEqual(persist ? ['dlv-same'] : []);
	});

	test('after a restart, the IDs saved in static data (n8n 1.x) are still known', async () => {
		const { trigger, secret } = await activeTrigger({ persistWebhookStaticData: true });
		const headers = deliveryHeaders(secret, body, { 'x-leadlex-delivery-id': 'dlv-restart' });
		await trigger.deliver({ headers, rawBody: body });
		forgetProcessMemory();
		await trigger.deliver({ headers, rawBody: body });
		expect(trigger.runs).toHaveLength(1);
	});

	test('after a restart on n8n 2.x the IDs are gone (the README says so)', async () => {
		const { trigger, secret } = await activeTrigger({ persistWebhookStaticData: false });
		const headers = deliveryHeaders(secret, body, { 'x-leadlex-delivery-id': 'dlv-restart-2' });
		await trigger.deliver({ headers, rawBody: body });
		forgetProcessMemory();
		await trigger.deliver({ headers, rawBody: body });
		expect(trigger.runs).toHaveLength(2);
	});

	test('IDs are remembered per trigger node: another workflow sees its own', async () => {
		const first = await activeTrigger({ workflowId: 'wf-a' });
		const second = await activeTrigger({
			workflowId: 'wf-b',
			webhookId: 'aaaaaaaa-0000-4000-8000-000000000000',
		});
		for (const { trigger, secret } of [first, second]) {
			await trigger.deliver({
				headers: deliveryHeaders(secret, body, { 'x-leadlex-delivery-id': 'dlv-shared' }),
				rawBody: body,
			});
			expect(trigger.runs).toHaveLength(1);
		}
	});
});

test('the secret and the API key appear in no output, answer or log', async () => {
	const { trigger, secret } = await activeTrigger();
	const outcomes = [
		await trigger.deliver({ headers: deliveryHeaders(secret, body), rawBody: body }),
		await trigger.deliver({ headers: deliveryHeaders('wrong', body), rawBody: body }),
		await trigger.deliver({ headers: deliveryHeaders(secret, 'x'), rawBody: 'x' }),
	];
	const text = everythingIn({ outcomes, runs: trigger.runs, logs: trigger.logs });
	expect(text).not.toContain(secret);
	expect(text).not.toContain(env.sandbox.keys.full);
});
