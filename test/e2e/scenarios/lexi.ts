/* eslint-disable @n8n/community-nodes/no-restricted-imports --
   dev tooling, never packed: Lexi scenarios of the e2e suite; writes workflow copies. */
/**
 * Lexi: examples/start-campaign-with-approval.json (Start → IF pending_approval → Lexi → Approve
 * Task → Campaign → Get) in real n8n, against the sandbox's Lexi tasks:
 * - a copy without the approval: a campaign of more than 100 contacts stays pending_approval, its
 *   campaign_start task pending;
 * - the example as it is: the same campaign is active only after Approve Task, the task completed;
 * - a copy for a campaign of 40 contacts: it starts at once, no task, no approval.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
	EXAMPLES_DIR,
	nodeRun,
	outputItems,
	type SandboxProcess,
} from '../../../scripts/n8n/harness';
import type { Scenario } from './scenario';
import { expectStatus, FULL_KEY, jsonOf, requestLines, show } from './support';

const EXAMPLE_FILE = path.join(EXAMPLES_DIR, 'start-campaign-with-approval.json');
const WF = {
	example: 'LeadlexExample09',
	withoutApproval: 'LeadlexE2eLexiWait',
	small: 'LeadlexE2eLexiSmall',
} as const;
/** Seeded as a draft without contacts: the scenarios enroll LARGE_SIZE contacts first. */
const LARGE = 'cmp_draft01';
const LARGE_SIZE = 150;
/** Seeded paused with 40 contacts. */
const SMALL = 'cmp_paused01';
const APPROVAL_NODES = ['Approve the launch', 'Campaign after approval'];

interface Workflow {
	id: string;
	name: string;
	nodes: Array<{
		name: string;
		parameters: { assignments?: { assignments: Array<{ name: string; value: unknown }> } };
	}>;
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
}

/** A copy of the example with another id, and another campaign or without the approval nodes. */
function variant(
	dir: string,
	id: string,
	change: { campaignId?: string; withoutApproval?: boolean },
): string {
	const workflow = JSON.parse(fs.readFileSync(EXAMPLE_FILE, 'utf8')) as Workflow;
	workflow.id = id;
	if (change.campaignId) {
		const entry = workflow.nodes
			.find((node) => node.name === 'Campaign to start')
			?.parameters.assignments?.assignments.find((assignment) => assignment.name === 'campaignId');
		if (!entry) throw new Error(`${EXAMPLE_FILE}: "Campaign to start" has no campaignId`);
		entry.value = change.campaignId;
		workflow.name = `e2e: ${workflow.name} (${change.campaignId})`;
	}
	if (change.withoutApproval) {
		workflow.nodes = workflow.nodes.filter((node) => !APPROVAL_NODES.includes(node.name));
		for (const name of APPROVAL_NODES) delete workflow.connections[name];
		const branches = workflow.connections['Waiting for approval?'].main;
		branches[0] = branches[0].filter((target) => !APPROVAL_NODES.includes(target.node));
		workflow.name = `e2e: ${workflow.name} (no approval)`;
	}
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, `${id}.json`);
	fs.writeFileSync(file, JSON.stringify(workflow, null, 2) + '\n');
	return file;
}

interface LexiTask {
	id: string;
	type: string;
	status: string;
	metadata: Record<string, unknown>;
}

/** LeadLex's API as a client sees it (the full key of the credential). */
async function api<T>(sandbox: SandboxProcess, method: string, route: string, body?: unknown) {
	const answer = await fetch(`${sandbox.url}${route}`, {
		method,
		headers: {
			Authorization: `Bearer ${FULL_KEY}`,
			...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	if (!answer.ok)
		throw new Error(`${method} ${route}: HTTP ${answer.status} ${await answer.text()}`);
	return (await answer.json()) as T;
}

const tasks = async (sandbox: SandboxProcess, status: string) =>
	(await api<{ data: { tasks: LexiTask[] } }>(sandbox, 'GET', `/v1/lexi/tasks?status=${status}`))
		.data.tasks;

const campaignStatus = async (sandbox: SandboxProcess, id: string) =>
	(await sandbox.admin.state()).campaigns.find((campaign) => campaign.id === id)?.status;

/** Back to the seed, LARGE_SIZE contacts enrolled in LARGE; resolves with how many requests that took. */
async function arrange(sandbox: SandboxProcess, enrollLarge: boolean): Promise<number> {
	await sandbox.admin.reset();
	if (enrollLarge) {
		const contactIds = Array.from({ length: LARGE_SIZE }, (_, i) => `e2e-lexi-${i + 1}`);
		await api(sandbox, 'POST', `/v1/campaigns/${LARGE}/contacts`, { contact_ids: contactIds });
	}
	return (await sandbox.admin.requests()).length;
}

/** The first output item's JSON (empty when none: the checks say so). */
const first = (items: unknown[]) => (items[0] ?? {}) as Record<string, unknown>;

const withoutApproval: Scenario = {
	name: 'Lexi: a large start waits for approval',
	extraWorkflows: (dir) => [variant(dir, WF.withoutApproval, { withoutApproval: true })],
	async run({ t, sandbox, execute }) {
		const before = await arrange(sandbox, true);
		const execution = await execute(
			WF.withoutApproval,
			`${LARGE} (${LARGE_SIZE} contacts), without the approval`,
		);
		const requests = (await sandbox.admin.requests()).slice(before);
		const label = `Lexi, ${LARGE} without approval`;
		t.check(`${label}: execution succeeds`, () => expectStatus(execution, 'success'));
		const started = jsonOf(outputItems(execution, 'Start campaign'));
		const start = first(started);
		t.check(`${label}: Start gives status "pending_approval" and a Lexi task_id`, () => {
			assert.equal(started.length, 1, show(started));
			assert.equal(start.campaign_id, LARGE, show(start));
			assert.equal(start.status, 'pending_approval', show(start));
			assert.match(String(start.task_id), /^task_[0-9a-f]{16}$/, show(start));
			assert.equal(outputItems(execution, 'Started without approval').length, 0);
		});
		const pending = await tasks(sandbox, 'pending');
		const status = await campaignStatus(sandbox, LARGE);
		t.check(
			`${label}: sandbox: the campaign is pending_approval, its campaign_start task pending`,
			() => {
				assert.equal(status, 'pending_approval');
				const task = pending.find((entry) => entry.id === start.task_id);
				assert.ok(task, `no pending task ${String(start.task_id)}: ${show(pending)}`);
				assert.equal(task.type, 'campaign_start');
				assert.deepEqual(task.metadata, { campaign_id: LARGE, recipient_count: LARGE_SIZE });
				assert.deepEqual(requestLines(requests), [`POST /v1/campaigns/${LARGE}/start 200`]);
			},
		);
	},
};

const withApproval: Scenario = {
	name: 'Lexi: the example approves a large start',
	async run({ t, sandbox, execute }) {
		const before = await arrange(sandbox, true);
		const execution = await execute(WF.example, `${LARGE} (${LARGE_SIZE} contacts), approved`);
		const requests = (await sandbox.admin.requests()).slice(before);
		const label = `Lexi example, ${LARGE}`;
		t.check(`${label}: execution succeeds`, () => expectStatus(execution, 'success'));
		const started = jsonOf(outputItems(execution, 'Start campaign'));
		const start = first(started);
		const taskId = String(start.task_id);
		t.check(
			`${label}: Start "pending_approval" → IF true → Approve Task {task_id, status: "approved", execution_started: true}`,
			() => {
				assert.equal(started.length, 1, show(started));
				assert.equal(start.status, 'pending_approval', show(start));
				assert.match(taskId, /^task_[0-9a-f]{16}$/);
				assert.deepEqual(jsonOf(outputItems(execution, 'Approve the launch')), [
					{ task_id: taskId, status: 'approved', execution_started: true },
				]);
				assert.equal(nodeRun(execution, 'Started without approval'), undefined);
			},
		);
		t.check(`${label}: Campaign after approval (Get) reads status "active"`, () => {
			const read = jsonOf(outputItems(execution, 'Campaign after approval'));
			assert.equal(read.length, 1, show(read));
			const campaign = first(read);
			assert.deepEqual([campaign.id, campaign.status], [LARGE, 'active']);
		});
		const completed = await tasks(sandbox, 'completed');
		const pending = await tasks(sandbox, 'pending');
		const status = await campaignStatus(sandbox, LARGE);
		t.check(
			`${label}: sandbox: the campaign active, the task completed; start, approve, get in that order`,
			() => {
				assert.equal(status, 'active');
				const task = completed.find((entry) => entry.id === taskId);
				assert.ok(task, `task ${taskId} is not completed: ${show(completed)}`);
				assert.equal(task.type, 'campaign_start');
				assert.ok(!pending.some((entry) => entry.id === taskId), 'the task is still pending');
				assert.deepEqual(requestLines(requests), [
					`POST /v1/campaigns/${LARGE}/start 200`,
					`POST /v1/lexi/tasks/${taskId}/approve 200`,
					`GET /v1/campaigns/${LARGE} 200`,
				]);
			},
		);
	},
};

const small: Scenario = {
	name: 'Lexi: a small campaign starts without approval',
	extraWorkflows: (dir) => [variant(dir, WF.small, { campaignId: SMALL })],
	async run({ t, sandbox, execute }) {
		await arrange(sandbox, false);
		const seededPending = (await tasks(sandbox, 'pending')).map((task) => task.id);
		const before = (await sandbox.admin.requests()).length;
		const execution = await execute(WF.small, `${SMALL} (40 contacts): no approval`);
		const requests = (await sandbox.admin.requests()).slice(before);
		const label = `Lexi example, ${SMALL}`;
		t.check(`${label}: execution succeeds`, () => expectStatus(execution, 'success'));
		t.check(
			`${label}: Start "active" with task_id null → IF false → Started without approval; Approve Task not run`,
			() => {
				assert.deepEqual(jsonOf(outputItems(execution, 'Start campaign')), [
					{ campaign_id: SMALL, status: 'active', task_id: null },
				]);
				assert.equal(outputItems(execution, 'Started without approval').length, 1);
				assert.equal(nodeRun(execution, 'Approve the launch'), undefined);
			},
		);
		const pending = (await tasks(sandbox, 'pending')).map((task) => task.id);
		const status = await campaignStatus(sandbox, SMALL);
		t.check(`${label}: sandbox: active, no Lexi task queued, only the start sent`, () => {
			assert.equal(status, 'active');
			assert.deepEqual(pending, seededPending);
			assert.deepEqual(requestLines(requests), [`POST /v1/campaigns/${SMALL}/start 200`]);
		});
	},
};

export const LEXI_SCENARIOS: Scenario[] = [withoutApproval, withApproval, small];
