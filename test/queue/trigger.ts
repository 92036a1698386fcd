/* eslint-disable @n8n/community-nodes/no-restricted-imports --
   dev tooling, never packed: scenario B of the queue-mode suite. */
/**
 * Scenario B: the LeadLex Trigger in queue mode. Activation through main registers the webhook in
 * LeadLex (the sandbox); deliveries reach main, which checks the signature and queues the run; a
 * worker runs it. One signed delivery runs exactly once; a forged one gets 401 and runs nothing.
 * Deactivated before n8n stops (n8n keeps registered webhooks at shutdown).
 */
import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import * as fs from 'node:fs';
import {
	flattedParser,
	info,
	listExecutions,
	poll,
	readExecution,
	setWorkflowActive,
	type SandboxDelivery,
} from '../../scripts/n8n/harness';
import { redisSnapshot } from '../../scripts/n8n/services';
import { finished, show, sleep, type Context, type Scenario } from './context';
import { workerFinished, workerStarted } from './stack';
import { TRIGGER_WORKFLOW, triggerWebhookPath } from './workflows';

const CAMPAIGN = 'cmp_abc123';
/** How long "nothing more happens" waits after a delivery n8n answered. */
const QUIET_MS = 2_000;

function workerStarts(ctx: Context): string[][] {
	return ctx.stack.workerLogFiles.map((file) => workerStarted(file));
}

async function executions(ctx: Context) {
	return listExecutions(ctx.stack.rest, TRIGGER_WORKFLOW.id);
}

async function run(ctx: Context): Promise<void> {
	const { t, stack } = ctx;
	const sb = stack.sandbox;
	const productionUrl = `${stack.origin}${triggerWebhookPath()}`;
	const hooksNow = async () => (await sb.admin.webhooks()).webhooks;

	await t.step('activate the trigger workflow (REST), wait for the LeadLex webhook', () =>
		setWorkflowActive(stack.rest, TRIGGER_WORKFLOW.id, true, {
			until: async () => (await hooksNow()).length > 0,
		}),
	);
	const hooks = await hooksNow();
	const hook = hooks[0];
	if (hook?.secret) {
		ctx.webhookSecret = hook.secret;
		t.redactions.push(hook.secret);
	}
	await t.checkAsync(
		'B: activation through main created exactly one LeadLex webhook, for main’s production URL',
		() => {
			assert.equal(
				hooks.length,
				1,
				show(
					ctx,
					hooks.map((h) => h.url),
				),
			);
			assert.equal(hook.url, productionUrl);
			assert.deepEqual(hook.events, TRIGGER_WORKFLOW.events);
			assert.equal(hook.active, true);
		},
	);

	// One signed delivery, from a real event: a step created in LeadLex.
	const startsBefore = workerStarts(ctx).flat();
	const created = await fetch(`${sb.url}/v1/campaigns/${CAMPAIGN}/steps`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${ctx.apiKey}`, 'Content-Type': 'application/json' },
		body: JSON.stringify({
			subject: 'queue: trigger check',
			body: 'Hi {{first_name}}, a step created to fire campaign.step_created.',
			delay_days: 3,
			send_condition: 'if_no_reply',
		}),
	});
	const delivery: SandboxDelivery = await poll(
		'the sandbox delivered campaign.step_created',
		async () =>
			(await sb.admin.webhooks()).deliveries.find(
				(d) => d.event === 'campaign.step_created' && d.status !== 0,
			),
	);
	await t.checkAsync('B: the signed delivery reached main and main answered 200', () => {
		assert.equal(created.status, 201);
		assert.equal(delivery.url, productionUrl);
		assert.equal(delivery.status, 200, show(ctx, delivery.responseBody));
	});
	const [execution] = await poll('one finished trigger execution', async () => {
		const list = await executions(ctx);
		return list.length >= 1 && finished(list) ? list : undefined;
	});
	// The worker's "finished" line comes just after the status is saved.
	await poll('a worker logged the end of the execution', async () =>
		stack.workerLogFiles.some((f) => workerFinished(f).includes(execution.id)) ? true : undefined,
	);
	await sleep(QUIET_MS);
	const afterSigned = await executions(ctx);
	const startsSigned = workerStarts(ctx);
	const newStarts = startsSigned.map((ids) => ids.filter((id) => !startsBefore.includes(id)));
	const mainLog = fs.readFileSync(stack.main.logFile, 'utf8');
	await t.checkAsync(
		'B: it ran exactly once: one execution (mode webhook, success), started by one worker, queued by main',
		() => {
			assert.equal(afterSigned.length, 1, show(ctx, afterSigned));
			assert.equal(execution.mode, 'webhook');
			assert.equal(execution.status, 'success');
			assert.deepEqual(newStarts.flat(), [execution.id], show(ctx, newStarts));
			assert.match(mainLog, new RegExp(`Enqueued execution ${execution.id} \\(job \\d+\\)`));
		},
	);
	const worker = newStarts.findIndex((ids) => ids.length > 0) + 1;
	const stored = await readExecution(stack.rest, execution, flattedParser(stack.runtime));
	const composed = stored.runData[TRIGGER_WORKFLOW.composeNode]?.[0]?.data?.main?.[0]?.[0]?.json;
	await t.checkAsync(
		'B: the worker’s run has the delivery’s payload ("Compose message" built its text)',
		() => {
			assert.equal(composed?.deliveryId, delivery.deliveryId, show(ctx, composed));
			assert.match(String(composed?.message), /"queue: trigger check"/);
		},
	);
	info(`        execution ${execution.id} ran on worker${worker}`);
	// Where the secret is while the trigger is active (deactivation removes it again): for scenario C.
	ctx.whileActive = {
		redis: await redisSnapshot(stack.runtime, stack.redis.port),
		pgDump: stack.pg.dump(),
	};

	// The same delivery again (same ID, correctly signed): main remembers it, nothing runs.
	const repeat = await sb.admin.emit({
		event: 'campaign.step_created',
		webhookId: hook.id,
		body: delivery.body,
		headers: { 'X-LeadLex-Delivery-ID': delivery.deliveryId },
	});
	await sleep(QUIET_MS);
	const afterRepeat = await executions(ctx);
	await t.checkAsync(
		'B: the same delivery again (same ID, signed) → 200 "already received" from main, no second run',
		() => {
			assert.equal(repeat[0]?.status, 200, show(ctx, repeat));
			assert.match(repeat[0].responseBody ?? '', /already received/);
			assert.equal(afterRepeat.length, 1, show(ctx, afterRepeat));
			assert.deepEqual(workerStarts(ctx).flat(), startsSigned.flat());
		},
	);

	// Forged: a wrong signature through the sandbox, and a direct POST signed with another secret.
	const forged = await sb.admin.emit({
		event: 'campaign.step_created',
		webhookId: hook.id,
		body: delivery.body,
		headers: {
			'X-LeadLex-Signature': `sha256=${'0'.repeat(64)}`,
			'X-LeadLex-Delivery-ID': 'queue-forged-1',
		},
	});
	const direct = await fetch(productionUrl, {
		method: 'POST',
		headers: {
			'Content-Type': 'application/json',
			'X-LeadLex-Signature': `sha256=${createHmac('sha256', 'not-the-secret').update(delivery.body).digest('hex')}`,
			'X-LeadLex-Timestamp': new Date().toISOString(),
			'X-LeadLex-Delivery-ID': 'queue-forged-2',
		},
		body: delivery.body,
	});
	await sleep(QUIET_MS);
	const afterForged = await executions(ctx);
	const startsForged = workerStarts(ctx).flat();
	const mainLogAfter = fs.readFileSync(stack.main.logFile, 'utf8');
	await t.checkAsync('B: forged deliveries (sandbox emit, direct POST) get 401', () => {
		assert.equal(forged.length, 1);
		assert.equal(forged[0].status, 401, show(ctx, forged[0]));
		assert.equal(direct.status, 401);
	});
	await t.checkAsync(
		'B: a forged delivery runs nothing: no new execution, no worker started a job, main logged the refusal',
		() => {
			assert.equal(afterForged.length, 1, show(ctx, afterForged));
			assert.deepEqual(startsForged, startsSigned.flat());
			assert.match(
				mainLogAfter,
				/LeadLex Trigger refused a delivery: missing or wrong X-LeadLex-Signature/,
			);
		},
	);
}

export const scenarioB: Scenario = {
	id: 'B',
	title: 'the LeadLex Trigger: deliveries reach main, executions run on a worker',
	async run(ctx) {
		const { t, stack } = ctx;
		try {
			await run(ctx);
		} finally {
			// Also after a failed check: n8n keeps registered webhooks when it stops.
			const hooksNow = async () => (await stack.sandbox.admin.webhooks()).webhooks;
			await t.step('deactivate the trigger workflow (REST), wait for the webhook to go', () =>
				setWorkflowActive(stack.rest, TRIGGER_WORKFLOW.id, false, {
					until: async () => (await hooksNow()).length === 0,
				}),
			);
			const left = await hooksNow();
			await t.checkAsync('B: after deactivation the sandbox lists no webhook', () =>
				assert.deepEqual(
					left.map((h) => h.url),
					[],
				),
			);
		}
	},
};
