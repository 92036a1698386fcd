/* eslint-disable @n8n/community-nodes/no-restricted-imports --
   dev tooling, never packed: the client-call scenario of the e2e suite; reads the sandbox. */
/**
 * examples/log-client-call.json: Call details (Set) → Contact → Get Many by exact email →
 * Activity → Create (a call) → Note → Create → Task → Create (due in 3 days) → Deal → Update
 * (stage, and a tag added with Tags Mode Add). Checked in LeadLex (the sandbox) afterwards: the
 * records exist and are linked to the contact and the deal, and the deal keeps its earlier tags.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
	EXAMPLES_DIR,
	outputItems,
	type SandboxCrmRecord,
	type SandboxProcess,
} from '../../../scripts/n8n/harness';
import type { Scenario } from './scenario';
import { expectStatus, FULL_KEY, jsonOf, requestLines, sentBodies, show } from './support';

const WORKFLOW_ID = 'LeadlexExample07';
const EXAMPLE_FILE = path.join(EXAMPLES_DIR, 'log-client-call.json');
/** The seeded contact with that email and the seeded deal whose main contact she is. */
const JANE_ID = '123e4567-e89b-12d3-a456-426614174000';
const DEAL_TAGS_BEFORE = ['estate-planning', 'referral'];
const DEAL_STAGE_BEFORE = 'Consultation';
const DAY_MS = 86_400_000;
/** `$now.plus({days: 3})` counts calendar days in the workflow's time zone: ±1 h over a DST change. */
const DST_SLACK_MS = 3_600_000 + 1_000;

interface CallDetails {
	email: string;
	summary: string;
	dealId: string;
	nextStage: string;
	tag: string;
}

/** The example's Set node "Call details", so the checks cannot drift from the file users import. */
function callDetails(): CallDetails {
	const workflow = JSON.parse(fs.readFileSync(EXAMPLE_FILE, 'utf8')) as {
		nodes: Array<{
			name: string;
			parameters: { assignments?: { assignments: Array<{ name: string; value: string }> } };
		}>;
	};
	const set = workflow.nodes.find((node) => node.name === 'Call details');
	const values = Object.fromEntries(
		(set?.parameters.assignments?.assignments ?? []).map((a) => [a.name, a.value]),
	);
	for (const name of ['email', 'summary', 'dealId', 'nextStage', 'tag']) {
		if (typeof values[name] !== 'string') {
			throw new Error(`${EXAMPLE_FILE}: "Call details" has no ${name}`);
		}
	}
	return values as unknown as CallDetails;
}

async function readDeal(sandbox: SandboxProcess, id: string): Promise<Record<string, unknown>> {
	const answer = await fetch(`${sandbox.url}/v1/deals/${id}`, {
		headers: { Authorization: `Bearer ${FULL_KEY}` },
	});
	const body = (await answer.json()) as { data?: { deal?: Record<string, unknown> } };
	if (!answer.ok || !body.data?.deal) {
		throw new Error(`GET /v1/deals/${id}: HTTP ${answer.status} ${show(body)}`);
	}
	return body.data.deal;
}

const links = (records: SandboxCrmRecord[]) => records.map((r) => [r.contact_id, r.deal_id]);

export const CLIENT_CALL_SCENARIOS: Scenario[] = [
	{
		name: 'log a client call',
		async run({ t, sandbox, execute }) {
			const call = callDetails();
			await sandbox.admin.reset();
			const dealBefore = await readDeal(sandbox, call.dealId);
			t.check('client call: the seeded deal starts with its stage and tags', () =>
				assert.deepEqual(
					[dealBefore.main_contact_id, dealBefore.stage, dealBefore.tags],
					[JANE_ID, DEAL_STAGE_BEFORE, DEAL_TAGS_BEFORE],
				),
			);
			await sandbox.admin.reset();
			const started = Date.now();
			const execution = await execute(WORKFLOW_ID, 'Log a client call: activity, note, task, deal');
			const ended = Date.now();
			const requests = await sandbox.admin.requests();
			const crm = await sandbox.admin.crm();
			const deal = await readDeal(sandbox, call.dealId);
			const one = (node: string) => {
				const items = jsonOf(outputItems(execution, node)) as Array<Record<string, unknown>>;
				assert.equal(items.length, 1, `${node}: ${show(items)}`);
				return items[0];
			};

			t.check('client call: execution succeeds', () => expectStatus(execution, 'success'));
			t.check(
				'client call: one request each, in order (contacts searched by the email, the deal read before its update)',
				() => {
					assert.deepEqual(requestLines(requests), [
						'GET /v1/contacts 200',
						'POST /v1/activities 201',
						'POST /v1/notes 201',
						'POST /v1/tasks 201',
						`GET /v1/deals/${call.dealId} 200`,
						`PATCH /v1/deals/${call.dealId} 200`,
					]);
					assert.equal(
						new URLSearchParams(requests[0].query).get('search'),
						call.email,
						show(requests[0]),
					);
					assert.equal(one('Find the contact').id, JANE_ID);
				},
			);
			t.check('client call: LeadLex has one call activity, on the contact and the deal', () => {
				assert.deepEqual(links(crm.activities), [[JANE_ID, call.dealId]], show(crm.activities));
				const [activity] = crm.activities;
				assert.deepEqual(
					[activity.type, activity.title, activity.description],
					['call', 'Call with Jane Example', call.summary],
				);
				assert.equal(one('Log the call').id, activity.id);
			});
			t.check(
				'client call: LeadLex has one call note with the summary, on the contact and the deal',
				() => {
					assert.deepEqual(links(crm.notes), [[JANE_ID, call.dealId]], show(crm.notes));
					const [note] = crm.notes;
					assert.deepEqual([note.note_type, note.content], ['call', call.summary]);
					assert.equal(one('Add the call note').id, note.id);
				},
			);
			t.check(
				'client call: LeadLex has one open follow-up task on the contact and the deal, due about 3 days after the run',
				() => {
					assert.deepEqual(links(crm.tasks), [[JANE_ID, call.dealId]], show(crm.tasks));
					const [task] = crm.tasks;
					assert.deepEqual([task.status, task.task_type], ['open', 'follow_up']);
					const due = Date.parse(String(task.due_date));
					assert.ok(
						due >= started + 3 * DAY_MS - DST_SLACK_MS && due <= ended + 3 * DAY_MS + DST_SLACK_MS,
						`due_date ${show(task.due_date)}, run from ${new Date(started).toISOString()} to ${new Date(ended).toISOString()}`,
					);
					// Sent as n8n's $now gives it: a date and time with an offset, not a bare date.
					assert.match(String(task.due_date), /T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$/);
					assert.equal(one('Follow up in 3 days').id, task.id);
				},
			);
			t.check(
				'client call: the deal is at the new stage and keeps its tags, with the new one added',
				() => {
					const tags = [...DEAL_TAGS_BEFORE, call.tag];
					assert.deepEqual(sentBodies(requests, 'PATCH'), [{ stage: call.nextStage, tags }]);
					assert.deepEqual([deal.stage, deal.tags], [call.nextStage, tags]);
					const updated = one('Move the deal on');
					assert.deepEqual(
						[updated.id, updated.stage, updated.tags],
						[call.dealId, call.nextStage, tags],
					);
				},
			);
		},
	},
];
