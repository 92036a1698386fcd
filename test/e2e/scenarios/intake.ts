/* eslint-disable @n8n/community-nodes/no-restricted-imports --
   dev tooling, never packed: posts to a running n8n and reads the sandbox. */
/**
 * examples/intake-to-campaign.json in a running n8n (`n8n start`, see trigger.ts): a Webhook
 * receives a form post (name, email) → Contact → Create or Update → List → Add Contacts →
 * Campaign → Add Contacts. Posted twice with the same email, the second run updates the contact,
 * and LeadLex (the sandbox) has one contact, in the list once, enrolled once.
 */
import * as assert from 'node:assert/strict';
import {
	listExecutions,
	poll,
	readExecution,
	setWorkflowActive,
	type N8nRest,
	type SandboxProcess,
} from '../../../scripts/n8n/harness';
import type { CheckRunner } from '../../../scripts/n8n/checks';

export const INTAKE_WORKFLOW_ID = 'LeadlexExample06';
const PATH = 'leadlex-intake';
const LIST = 'list_estate_q2';
const CAMPAIGN = 'cmp_abc123';
const EMAIL = 'intake.person@example.com';

interface IntakeContext {
	t: CheckRunner;
	api: N8nRest;
	sandbox: SandboxProcess;
	/** http://127.0.0.1:<port> of the running n8n. */
	origin: string;
	apiKey: string;
	parseFlatted: (text: string) => unknown;
}

async function leadlex<T>(ctx: IntakeContext, path: string): Promise<T> {
	const answer = await fetch(`${ctx.sandbox.url}${path}`, {
		headers: { Authorization: `Bearer ${ctx.apiKey}` },
	});
	return (await answer.json()) as T;
}

/** Posts the form; n8n answers 404 for a moment after activation, so a 404 is tried again. */
async function postForm(ctx: IntakeContext, name: string) {
	return await poll(`n8n answers the intake webhook`, async () => {
		const answer = await fetch(`${ctx.origin}/webhook/${PATH}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ name, email: EMAIL }),
		});
		if (answer.status === 404) return undefined;
		return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
	});
}

export async function checkIntakeToCampaign(ctx: IntakeContext): Promise<void> {
	const { t, api } = ctx;
	await t.step('activate the intake example (REST)', () =>
		setWorkflowActive(api, INTAKE_WORKFLOW_ID, true),
	);
	try {
		const first = await postForm(ctx, 'Intake Person');
		const second = await postForm(ctx, 'Intake Person Jr');
		await t.checkAsync('intake: two form posts, each answered 200 with the enrollment', () => {
			assert.equal(first.status, 200, JSON.stringify(first.body));
			assert.equal(second.status, 200, JSON.stringify(second.body));
			assert.equal(first.body.added, 1, JSON.stringify(first.body));
			assert.deepEqual([second.body.added, second.body.skipped], [0, 1]);
		});
		const executions = await poll('two finished intake executions', async () => {
			const list = await listExecutions(api, INTAKE_WORKFLOW_ID, 10);
			return list.length >= 2 && list.every((e) => e.status === 'success') ? list : undefined;
		});
		const created = await Promise.all(
			executions
				.sort((a, b) => Number(a.id) - Number(b.id))
				.map(async (summary) => {
					const run = await readExecution(api, summary, ctx.parseFlatted);
					const runs = run.runData['Create or update contact'];
					return runs?.[0]?.data?.main?.[0]?.[0]?.json?.created;
				}),
		);
		await t.checkAsync('intake: the first run created the contact, the second updated it', () =>
			assert.deepEqual(created, [true, false]),
		);
		type Contacts = { data: { contacts: Array<{ id: string; email: string; full_name: string }> } };
		const found = await leadlex<Contacts>(ctx, `/v1/contacts?search=${encodeURIComponent(EMAIL)}`);
		const inList = await leadlex<Contacts>(
			ctx,
			`/v1/contacts?list_id=${LIST}&search=${encodeURIComponent(EMAIL)}`,
		);
		const enrolled = await leadlex<{ data: { contacts: Array<{ contact_id: string }> } }>(
			ctx,
			`/v1/campaigns/${CAMPAIGN}/contacts?per_page=100`,
		);
		const id = found.data.contacts[0]?.id;
		await t.checkAsync(
			'intake: LeadLex has one contact with the email (the new name), in the list once, enrolled once',
			() => {
				assert.equal(found.data.contacts.length, 1, JSON.stringify(found.data.contacts));
				assert.equal(found.data.contacts[0].full_name, 'Intake Person Jr');
				assert.deepEqual(
					inList.data.contacts.map((contact) => contact.id),
					[id],
				);
				assert.equal(
					enrolled.data.contacts.filter((contact) => contact.contact_id === id).length,
					1,
				);
			},
		);
	} finally {
		await setWorkflowActive(api, INTAKE_WORKFLOW_ID, false);
	}
}
