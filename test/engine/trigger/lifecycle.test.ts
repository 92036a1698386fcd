/**
 * The LeadLex Trigger's webhook lifecycle (checkExists, create, delete) through n8n-core's real
 * HookContext, against the sandbox over real HTTP.
 */
import axios from 'axios';
import { everythingIn } from '../harness';
import { useSandbox } from '../fixtures';
import { TriggerFixture } from './triggerHarness';
import { triggerParameters } from './helpers';
import { rateLimitedFault } from '../../sandbox/faults';

const env = useSandbox();

async function fixture(options: Partial<Parameters<typeof TriggerFixture.create>[0]> = {}) {
	return await TriggerFixture.create({
		credentials: env.credentials,
		parameters: triggerParameters(['campaign.step_created', 'campaign.paused']),
		...options,
	});
}

/** Registers a webhook directly with the API, as an earlier activation might have. */
async function registerDirectly(url: string, events = ['campaign.paused']) {
	const response = await axios.post(
		`${env.sandbox.url}/v1/webhooks`,
		{ url, events },
		{ headers: { Authorization: `Bearer ${env.sandbox.keys.full}` } },
	);
	return response.data.data.webhook as { id: string; secret: string };
}

async function failure(promise: Promise<unknown>) {
	const error = await promise.then(
		() => undefined,
		(e: Error & { description?: string }) => e,
	);
	if (!error) throw new Error('expected the call to fail');
	return error;
}

function calls() {
	return env.sandbox.requests.map((r) => `${r.method} ${r.path} ${r.status}`);
}

describe('create', () => {
	test('registers the URL and events, stores the ID and the secret in static data', async () => {
		const trigger = await fixture({ workflowName: 'New step → message' });
		await expect(trigger.hook('create')).resolves.toBe(true);

		const [hook] = env.sandbox.webhooks();
		expect(hook.url).toBe(trigger.webhookUrl());
		expect(hook.url).toMatch(/^https:\/\/n8n\.example\.com\/webhook\/[0-9a-f-]+\/webhook$/);
		expect(hook.events.sort()).toEqual(['campaign.paused', 'campaign.step_created']);
		expect(hook.active).toBe(true);
		expect(hook.description).toContain('New step → message');
		expect(trigger.nodeStaticData()).toEqual({
			webhookId: hook.id,
			webhookSecret: hook.secret,
			webhookUrl: hook.url,
		});
		expect(calls()).toEqual(['GET /v1/webhooks 200', 'POST /v1/webhooks 201']);
		const sent = JSON.parse(env.sandbox.requests[1].body!);
		expect(sent).toEqual({
			url: hook.url,
			events: ['campaign.step_created', 'campaign.paused'],
			description: hook.description,
			active: true,
		});
		expect(trigger.logs.join('\n')).not.toContain(hook.secret);
	});

	test('first removes an orphan registered for the same URL, and only that one', async () => {
		const trigger = await fixture();
		const orphan = await registerDirectly(trigger.webhookUrl());
		const other = await registerDirectly('https://elsewhere.example.com/hook');
		env.sandbox.requests.length = 0;

		await trigger.hook('create');

		const ids = env.sandbox.webhooks().map((hook) => hook.id);
		expect(ids).not.toContain(orphan.id);
		expect(ids).toContain(other.id);
		expect(ids).toContain(trigger.nodeStaticData().webhookId);
		expect(ids).toHaveLength(2);
		expect(calls()).toEqual([
			'GET /v1/webhooks 200',
			`DELETE /v1/webhooks/${orphan.id} 200`,
			'POST /v1/webhooks 201',
		]);
	});

	test("after n8n's webhook URL changed, removes the trigger's own earlier webhook", async () => {
		const before = await fixture({ webhookBaseUrl: 'https://old.example.com/webhook' });
		await before.hook('create');
		const oldId = before.nodeStaticData().webhookId;
		const after = await fixture({ webhookBaseUrl: 'https://new.example.com/webhook' });
		after.saved = before.saved;

		expect(await after.hook('checkExists')).toBe(false);
		await after.hook('create');

		const hooks = env.sandbox.webhooks();
		expect(hooks.map((hook) => hook.id)).not.toContain(oldId);
		expect(hooks.map((hook) => hook.url)).toEqual([after.webhookUrl()]);
	});

	test('a description naming the workflow stays within 200 characters', async () => {
		const trigger = await fixture({ workflowName: `Workflow ${'ü'.repeat(300)} 😀` });
		await trigger.hook('create');
		const [hook] = env.sandbox.webhooks();
		expect(hook.description.length).toBeLessThanOrEqual(200);
		expect(hook.description).toMatch(/^n8n workflow "Workflow ü+…$/);
	});

	test('no event chosen: fails before anything is sent', async () => {
		const trigger = await fixture({ parameters: triggerParameters([]) });
		const error = await failure(trigger.hook('create'));
		expect(error.message).toBe('Choose at least one LeadLex event');
		expect(env.sandbox.requests).toEqual([]);
	});

	test('LeadLex refuses a non-public URL: the message says https and WEBHOOK_URL', async () => {
		const trigger = await fixture({ webhookBaseUrl: 'http://localhost:5678/webhook' });
		const error = await failure(trigger.hook('create'));
		expect(error.message).toMatch(/only delivers webhooks to public https:\/\/ URLs/);
		expect(error.message).toMatch(/WEBHOOK_URL/);
		expect(error.message).toMatch(/HTTP 400 invalid_url/);
		expect(error.message).toMatch(/The LeadLex webhook for this workflow was not created\.$/);
		expect(error.description).toContain('http://localhost:5678/webhook/');
		expect(trigger.nodeStaticData()).toEqual({});
		expect(env.sandbox.webhooks()).toEqual([]);
	});

	test('the list needs webhooks:read, the create webhooks:write: the message names it', async () => {
		const readOnly = await fixture({
			credentials: { ...env.credentials, apiKey: env.sandbox.keys.readOnly },
		});
		const listError = await failure(readOnly.hook('create'));
		expect(listError.message).toBe(
			'The LeadLex API key lacks the webhooks:read permission. The LeadLex webhook for this workflow was not created.',
		);

		const noWrite = await fixture({
			credentials: { ...env.credentials, apiKey: env.sandbox.keys.webhooksReadOnly },
		});
		const createError = await failure(noWrite.hook('create'));
		expect(createError.message).toBe(
			'The LeadLex API key lacks the webhooks:write permission. The LeadLex webhook for this workflow was not created.',
		);
		expect(env.sandbox.webhooks()).toEqual([]);
		for (const error of [listError, createError]) {
			expect(everythingIn(error)).not.toContain(env.sandbox.keys.readOnly);
			expect(everythingIn(error)).not.toContain(env.sandbox.keys.webhooksReadOnly);
		}
	});

	test('a 429 fails at once, with the time to try again in the message', async () => {
		const trigger = await fixture();
		env.sandbox.injectFault(rateLimitedFault('42'));
		const started = Date.now();
		const error = await failure(trigger.hook('create'));
		expect(Date.now() - started).toBeLessThan(3000);
		expect(error.message).toMatch(
			/^LeadLex rate limit reached: try again after \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(in 42 s\)\. The LeadLex webhook for this workflow was not created\.$/,
		);
		expect(env.sandbox.requests).toHaveLength(1);

		env.sandbox.setDailyRemaining(env.sandbox.keys.full, 0);
		const daily = await failure(trigger.hook('create'));
		expect(daily.message).toMatch(
			/^LeadLex daily API quota used up: try again after \d{4}-\d\d-\d\d 00:00:00 UTC \(in \d+ s\)\. The LeadLex webhook for this workflow was not created\.$/,
		);

		// Without Retry-After (not documented), from X-RateLimit-Reset.
		env.sandbox.setOptions({ profile: 'docs-only' });
		const reset = await failure(trigger.hook('create'));
		expect(reset.message).toMatch(
			/^LeadLex daily API quota used up: the daily quota resets at \d{4}-\d\d-\d\d 00:00:00 UTC; try again after that\. The LeadLex webhook for this workflow was not created\.$/,
		);
	});

	test('an answer without the secret: the webhook is removed again and activation fails', async () => {
		const trigger = await fixture();
		env.sandbox.injectFault(
			{
				type: 'response',
				status: 201,
				body: '{"data":{"webhook":{"id":"hook_nosecret","url":"x","events":[]}}}',
				contentType: 'application/json',
			},
			{ method: 'POST' },
		);
		const error = await failure(trigger.hook('create'));
		expect(error.message).toMatch(/without the webhook's signing secret/);
		expect(calls()).toEqual([
			'GET /v1/webhooks 200',
			'POST /v1/webhooks 201',
			'DELETE /v1/webhooks/hook_nosecret 404',
		]);
		expect(trigger.nodeStaticData()).toEqual({});
	});
});

describe('checkExists', () => {
	test('false before anything was stored, without asking LeadLex', async () => {
		const trigger = await fixture();
		expect(await trigger.hook('checkExists')).toBe(false);
		expect(env.sandbox.requests).toEqual([]);
	});

	test('true for the stored webhook with the same URL and events', async () => {
		const trigger = await fixture();
		await trigger.hook('create');
		expect(await trigger.hook('checkExists')).toBe(true);
	});

	test('false when the events changed, the URL changed, or LeadLex no longer has it', async () => {
		const trigger = await fixture();
		await trigger.hook('create');
		trigger.setParameters(triggerParameters(['campaign.step_created']));
		expect(await trigger.hook('checkExists')).toBe(false);

		trigger.setParameters(triggerParameters(['campaign.paused', 'campaign.step_created']));
		expect(await trigger.hook('checkExists')).toBe(true);

		const moved = await fixture({ webhookBaseUrl: 'https://moved.example.com/webhook' });
		moved.saved = trigger.saved;
		expect(await moved.hook('checkExists')).toBe(false);

		await axios.delete(`${env.sandbox.url}/v1/webhooks/${trigger.nodeStaticData().webhookId}`, {
			headers: { Authorization: `Bearer ${env.sandbox.keys.full}` },
		});
		expect(await trigger.hook('checkExists')).toBe(false);
	});

	test('false when the secret is missing from static data', async () => {
		const trigger = await fixture();
		await trigger.hook('create');
		delete (trigger.saved[`node:LeadLex Trigger`] as Record<string, unknown>).webhookSecret;
		expect(await trigger.hook('checkExists')).toBe(false);
	});

	test('a list failure names webhooks:read', async () => {
		const trigger = await fixture();
		await trigger.hook('create');
		env.sandbox.failNext('GET', '/v1/webhooks', 403, 'insufficient_permissions');
		const error = await failure(trigger.hook('checkExists'));
		expect(error.message).toMatch(/lacks the webhooks:read permission/);
	});
});

describe('delete', () => {
	test('removes the webhook and clears what was stored', async () => {
		const trigger = await fixture();
		await trigger.hook('create');
		const id = trigger.nodeStaticData().webhookId;
		env.sandbox.requests.length = 0;
		await expect(trigger.hook('delete')).resolves.toBe(true);
		expect(calls()).toEqual([`DELETE /v1/webhooks/${id} 200`]);
		expect(env.sandbox.webhooks()).toEqual([]);
		expect(trigger.nodeStaticData()).toEqual({});
	});

	test('a webhook already gone in LeadLex (webhook_not_found) counts as deleted', async () => {
		const trigger = await fixture();
		await trigger.hook('create');
		await axios.delete(`${env.sandbox.url}/v1/webhooks/${trigger.nodeStaticData().webhookId}`, {
			headers: { Authorization: `Bearer ${env.sandbox.keys.full}` },
		});
		await expect(trigger.hook('delete')).resolves.toBe(true);
		expect(trigger.nodeStaticData()).toEqual({});
	});

	test('nothing stored: nothing to delete', async () => {
		const trigger = await fixture();
		await expect(trigger.hook('delete')).resolves.toBe(true);
		expect(env.sandbox.requests).toEqual([]);
	});

	test.each([
		['a broken connection', () => env.sandbox.injectFault({ type: 'reset' }, { method: 'DELETE' })],
		[
			'a server error',
			() => env.sandbox.failNext('DELETE', '/v1/webhooks/', 500, 'internal_error'),
		],
		[
			'a generic 404 (wrong Base URL)',
			() => env.sandbox.failNext('DELETE', '/v1/webhooks/', 404, 'not_found'),
		],
		[
			'a missing permission',
			() => env.sandbox.failNext('DELETE', '/v1/webhooks/', 403, 'insufficient_permissions'),
		],
	])('a failed delete (%s) keeps what was stored', async (_name, inject) => {
		const trigger = await fixture();
		await trigger.hook('create');
		const stored = trigger.nodeStaticData();
		inject();
		const error = await failure(trigger.hook('delete'));
		expect(trigger.nodeStaticData()).toEqual(stored);
		expect(env.sandbox.webhooks()).toHaveLength(1);
		expect(everythingIn(error)).not.toContain(String(stored.webhookSecret));
		expect(everythingIn(error)).not.toContain(env.sandbox.keys.full);
		if (/permission/.test(_name)) {
			expect(error.message).toMatch(/lacks the webhooks:write permission/);
			expect(error.message).toMatch(/was not deleted/);
		}
		// Deactivating again once LeadLex is reachable removes it.
		await trigger.hook('delete');
		expect(env.sandbox.webhooks()).toEqual([]);
	});
});

describe("the editor's Listen for test event", () => {
	test('registers the test URL, then removes it', async () => {
		const trigger = await fixture();
		expect(await trigger.hook('checkExists', { test: true })).toBe(false);
		await trigger.hook('create', { test: true });
		const [hook] = env.sandbox.webhooks();
		expect(hook.url).toBe(trigger.webhookUrl(true));
		expect(hook.url).toContain('/webhook-test/');
		await trigger.hook('delete', { test: true });
		expect(env.sandbox.webhooks()).toEqual([]);
	});

	test('in test mode the production webhook stored before is left alone', async () => {
		const trigger = await fixture();
		await trigger.hook('create');
		const production = trigger.nodeStaticData().webhookId;
		await trigger.hook('create', { test: true });
		expect(env.sandbox.webhooks().map((hook) => hook.id)).toContain(production);
		expect(env.sandbox.webhooks()).toHaveLength(2);
	});
});
