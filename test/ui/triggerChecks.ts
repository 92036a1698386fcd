/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev tooling, never packed: drives n8n's editor and talks to the sandbox's admin routes */
/**
 * The LeadLex Trigger in n8n 2.40.7's editor, run by test/ui/run.ts on its stack (the sandbox
 * started with --allow-loopback-webhooks, n8n with WEBHOOK_URL=http://127.0.0.1:<port>/):
 *
 * 1. The trigger's panel: the Events multi-select lists LeadLex's event names, the Options
 *    collection holds Max Delivery Age (Minutes). Screenshot docs/trigger-panel.png (--update-docs).
 * 2. "Listen for test event": n8n registers its /webhook-test/ URL with the sandbox, an event the
 *    sandbox emits shows in the output panel, and the test webhook is removed afterwards.
 *
 * The workflow is examples/leadlex-new-step-message.json, created through n8n's REST API with the
 * stack's owner session (so the stack imports nothing more).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

import { EXAMPLES_DIR, PROJECT_ROOT, n8nRest } from '../../scripts/n8n/harness';
import { assert, closeNdv, CheckError, collection, openNamedNdv, poll, sel } from './dom';
import type { UiStack } from './stack';

const EXAMPLE = path.join(EXAMPLES_DIR, 'leadlex-new-step-message.json');
const TRIGGER = 'New campaign step';
const EXPECTED_EVENTS = [
	'campaign.step_created',
	'contact.created',
	'deal.bulk_updated',
	'task.approved',
	'import.completed',
];
const MAX_AGE_LABEL = 'Max Delivery Age (Minutes)';
const DOCS_SHOT = path.join(PROJECT_ROOT, 'docs', 'trigger-panel.png');

/** What the checks need of test/ui/run.ts's Run. */
export interface TriggerCheckRun {
	readonly stack: UiStack;
	check(name: string, page: Page, body: () => Promise<string>): Promise<boolean>;
	screenshot(page: Page, name: string): Promise<string>;
}

interface Webhook {
	id: string;
	url: string;
	events: string[];
}

async function sandboxWebhooks(run: TriggerCheckRun): Promise<Webhook[]> {
	const response = await fetch(`${run.stack.sandbox.origin}/__sandbox/webhooks`);
	return ((await response.json()) as { webhooks: Webhook[] }).webhooks;
}

/** Creates the example workflow through REST; returns its id. */
async function createTriggerWorkflow(run: TriggerCheckRun): Promise<string> {
	const example = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8')) as Record<string, unknown>;
	const rest = n8nRest(run.stack.n8nUrl, run.stack.authCookie);
	const created = await rest.call<{ id: string }>('POST', 'workflows', {
		name: example.name,
		nodes: example.nodes,
		connections: example.connections,
		settings: example.settings,
		active: false,
	});
	return created.id;
}

async function checkPanel(page: Page, run: TriggerCheckRun, workflowId: string): Promise<string> {
	await page.goto(`${run.stack.n8nUrl}/workflow/${workflowId}`);
	await page
		.locator(`${sel.canvasNode}[data-node-name="${TRIGGER}"]`)
		.waitFor({ state: 'visible', timeout: 60_000 });
	const ndv = await openNamedNdv(page, TRIGGER);
	const events = ndv.locator('[data-test-id="parameter-input-events"]').filter({ visible: true });
	await events.waitFor();
	const chosen = ((await events.innerText()) ?? '').replace(/\s+/g, ' ').trim();
	assert(
		chosen.includes('campaign.step_created'),
		`Events shows "${chosen}", expected the chosen campaign.step_created`,
	);
	await events.click();
	const options = page.getByRole('option').filter({ visible: true });
	await options.first().waitFor();
	const names = (await options.allInnerTexts()).map((text) => text.split('\n')[0].trim());
	const missing = EXPECTED_EVENTS.filter((event) => !names.includes(event));
	assert(
		missing.length === 0,
		`the Events list lacks ${JSON.stringify(missing)}; it shows ${JSON.stringify(names)}`,
	);
	await run.screenshot(page, 'trigger-events-list');
	await page.keyboard.press('Escape');
	const optionsItem = collection(ndv, 'Options');
	await optionsItem.waitFor();
	const label = optionsItem
		.locator('[data-test-id="input-label"]')
		.filter({ hasText: new RegExp(`^${MAX_AGE_LABEL.replace(/[()]/g, '\\$&')}`) });
	await label.first().waitFor();
	const shot = await run.screenshot(page, 'trigger-panel');
	if (process.argv.includes('--update-docs')) fs.copyFileSync(shot, DOCS_SHOT);
	return (
		`Events offers ${names.length} names shown (incl. ${EXPECTED_EVENTS.join(', ')}); chosen: "${chosen}"\n` +
		`Options shows "${MAX_AGE_LABEL}"` +
		(process.argv.includes('--update-docs')
			? `; copied to ${path.relative(PROJECT_ROOT, DOCS_SHOT)}`
			: '')
	);
}

async function checkListen(page: Page, run: TriggerCheckRun): Promise<string> {
	const ndv = page.locator(sel.ndv);
	if (!(await ndv.isVisible())) await openNamedNdv(page, TRIGGER);
	const before = await sandboxWebhooks(run);
	assert(before.length === 0, `the sandbox lists webhooks already: ${JSON.stringify(before)}`);
	const listen = ndv.locator(sel.executeNode).filter({ visible: true }).first();
	// n8n 2.40.7 labels it "Execute step" until it listens (older editors: "Listen for test event").
	const buttonText = ((await listen.innerText()) ?? '').trim();
	assert(
		/listen for test event|execute step/i.test(buttonText),
		`the trigger's button reads "${buttonText}", expected "Execute step" or "Listen for test event"`,
	);
	await listen.click();
	const registered = await poll(
		() => sandboxWebhooks(run),
		(hooks) => hooks.some((h) => h.url.includes('/webhook-test/')),
		(hooks) =>
			`no /webhook-test/ webhook registered with the sandbox: ${JSON.stringify(hooks?.map((h) => h.url))}`,
		20_000,
	);
	const hook = registered.find((h) => h.url.includes('/webhook-test/'))!;
	assert(
		registered.length === 1,
		`the sandbox lists ${registered.length} webhooks: ${JSON.stringify(registered.map((h) => h.url))}`,
	);
	const listening = await poll(
		async () => (await ndv.innerText()).replace(/\s+/g, ' '),
		(shown) => /listening|waiting for/i.test(shown),
		(shown) => `the panel shows no listening state: ${shown?.slice(0, 300)}`,
	);
	const listeningText = /[^.]*(?:listening|waiting for)[^.]*/i.exec(listening)?.[0].trim() ?? '';
	await run.screenshot(page, 'trigger-listening');
	const emitted = await fetch(`${run.stack.sandbox.origin}/__sandbox/webhooks/emit`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({
			event: 'campaign.step_created',
			data: {
				campaign_id: 'cmp_abc123',
				step: { id: 'step_ui_trigger', index: 4, subject: 'UI trigger check', delay_days: 2 },
			},
			retry: false,
		}),
	});
	const { deliveries } = (await emitted.json()) as {
		deliveries: Array<{ status: number; deliveryId: string; url: string }>;
	};
	assert(
		deliveries.length === 1 && deliveries[0].status === 200,
		`the sandbox's delivery to n8n's test URL: ${JSON.stringify(deliveries)}`,
	);
	const panel = page.locator(sel.outputPanel);
	await panel.locator('[data-test-id="node-run-status-success"]').waitFor({ timeout: 30_000 });
	await panel.locator('[data-test-id="radio-button-json"]').click();
	const text = await poll(
		async () => (await panel.innerText()).replace(/\s+/g, ' '),
		(shown) => shown.includes('step_ui_trigger') && shown.includes(deliveries[0].deliveryId),
		(shown) => `the output panel shows: ${shown?.slice(0, 400)}`,
	);
	assert(text.includes('leadlexDelivery'), 'the output panel shows no leadlexDelivery');
	await run.screenshot(page, 'trigger-test-event-output');
	const after = await poll(
		() => sandboxWebhooks(run),
		(hooks) => hooks.length === 0,
		(hooks) => `the test webhook is still registered: ${JSON.stringify(hooks?.map((h) => h.url))}`,
		20_000,
	);
	return (
		`button "${buttonText}" → the panel says "${listeningText.slice(0, 80)}"\n` +
		`registered ${hook.url.replace(run.stack.n8nUrl, '')} (${hook.events.join(', ')}); ` +
		`the emitted campaign.step_created (delivery ${deliveries[0].deliveryId}) shows in the output panel; ` +
		`afterwards the sandbox lists ${after.length} webhooks`
	);
}

/** Both trigger checks, in a page of their own. */
export async function checkTrigger(context: BrowserContext, run: TriggerCheckRun): Promise<void> {
	const page = await context.newPage();
	try {
		let workflowId: string | undefined;
		const shown = await run.check(
			'LeadLex Trigger: the panel shows the Events multi-select with LeadLex event names and Max Delivery Age',
			page,
			async () => {
				workflowId = await createTriggerWorkflow(run);
				return await checkPanel(page, run, workflowId);
			},
		);
		await run.check(
			'LeadLex Trigger: "Listen for test event" registers the test URL, shows a sandbox event, then removes the webhook',
			page,
			() =>
				shown
					? checkListen(page, run)
					: Promise.reject(new CheckError('skipped: the trigger panel did not open')),
		);
		await closeNdv(page).catch(() => undefined);
	} finally {
		await page.close();
	}
}
