/* eslint-disable @n8n/community-nodes/no-restricted-imports --
   dev tooling, never packed: Campaign scenarios of the e2e suite; writes workflow copies. */
/**
 * Campaign: examples/edit-live-sequence.json (Pause → Delete Step → Create Step → IF paused →
 * Start) for an active, a draft and a paused campaign, and Get Many with Return All.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
	EXAMPLES_DIR,
	nodeRun,
	outputItems,
	type SandboxProcess,
	type SandboxStep,
} from '../../../scripts/n8n/harness';
import type { Scenario } from './scenario';
import { CAMPAIGN, expectStatus, jsonOf, requestLines, show } from './support';

const WF = {
	liveEdit: 'LeadlexExample04',
	liveEditDraft: 'LeadlexE2eLiveDraft',
	liveEditPaused: 'LeadlexE2eLivePaused',
	campaignsAll: 'LeadlexE2eCmpAll1',
} as const;

/**
 * The live-edit example is run as it is and as copies made at run time with another campaign and
 * step in its Set node "Sequence change" (so the copies cannot drift from the example).
 */
const LIVE_EDIT_FILE = path.join(EXAMPLES_DIR, 'edit-live-sequence.json');
const LIVE_EDIT_SET_NODE = 'Sequence change';
interface LiveEdit {
	workflowId: string;
	campaignId: string;
	stepToDelete: string;
	/** Whether Pause pauses it (only an active campaign), so that the workflow starts it again. */
	pauses: boolean;
	/** The campaign's status after the run. */
	finalStatus: string;
	why: string;
}
const LIVE_EDITS: LiveEdit[] = [
	{
		workflowId: WF.liveEdit,
		campaignId: CAMPAIGN,
		stepToDelete: 'step_2',
		pauses: true,
		// The sandbox's start rule: more than 100 enrolled contacts (cmp_abc123 has 250) → Lexi approval.
		finalStatus: 'pending_approval',
		why: 'active: paused, edited, started again (250 contacts → Lexi approval)',
	},
	{
		workflowId: WF.liveEditDraft,
		campaignId: 'cmp_draft01',
		stepToDelete: 'step_draft01_1',
		pauses: false,
		finalStatus: 'draft',
		why: 'draft: not active, edited, not started',
	},
	{
		workflowId: WF.liveEditPaused,
		campaignId: 'cmp_paused01',
		stepToDelete: 'step_paused01_2',
		pauses: false,
		finalStatus: 'paused',
		why: 'paused by the user: not active, edited, stays paused',
	},
];

interface LiveEditWorkflow {
	id: string;
	name: string;
	nodes: Array<{
		name: string;
		parameters: { assignments?: { assignments: Array<{ name: string; value: unknown }> } };
	}>;
}

function readLiveEditExample(): {
	workflow: LiveEditWorkflow;
	assignments: Array<{ name: string; value: unknown }>;
} {
	const workflow = JSON.parse(fs.readFileSync(LIVE_EDIT_FILE, 'utf8')) as LiveEditWorkflow;
	const assignments =
		workflow.nodes.find((n) => n.name === LIVE_EDIT_SET_NODE)?.parameters.assignments
			?.assignments ?? [];
	return { workflow, assignments };
}

/** A copy of the live-edit example for another campaign: new id and name, the Set node's values. */
function liveEditVariant(edit: LiveEdit, destDir: string): string {
	const { workflow, assignments } = readLiveEditExample();
	const set = (name: string, value: string) => {
		const entry = assignments.find((a) => a.name === name);
		if (!entry) throw new Error(`${LIVE_EDIT_FILE}: "${LIVE_EDIT_SET_NODE}" has no field ${name}`);
		entry.value = value;
	};
	set('campaignId', edit.campaignId);
	set('stepToDelete', edit.stepToDelete);
	workflow.id = edit.workflowId;
	workflow.name = `e2e: ${workflow.name} (${edit.campaignId})`;
	fs.mkdirSync(destDir, { recursive: true });
	const file = path.join(destDir, `${edit.workflowId}.json`);
	fs.writeFileSync(file, JSON.stringify(workflow, null, 2) + '\n');
	return file;
}

/** What the example's Set node "Sequence change" holds for the new step. */
function liveEditNewStep(): { subject: string; body: string } {
	const { assignments } = readLiveEditExample();
	const value = (name: string) => String(assignments.find((a) => a.name === name)?.value);
	return { subject: value('newSubject'), body: value('newBody') };
}

function liveEditScenario(edit: LiveEdit): Scenario {
	const { campaignId, stepToDelete } = edit;
	return {
		name: `live edit ${campaignId}`,
		extraWorkflows:
			edit.workflowId === WF.liveEdit ? undefined : (dir) => [liveEditVariant(edit, dir)],
		async run({ t, sandbox, execute }) {
			const newStep = liveEditNewStep();
			await sandbox.admin.reset();
			const seedSteps = await sandbox.admin.steps(campaignId);
			const execution = await execute(edit.workflowId, `${campaignId}: ${edit.why}`);
			const requests = await sandbox.admin.requests();
			const after = (await sandbox.admin.state()).campaigns.find((c) => c.id === campaignId);
			const label = `live edit ${campaignId}`;
			const stepsPath = `/v1/campaigns/${campaignId}/steps`;
			t.check(`${label}: execution succeeds`, () => expectStatus(execution, 'success'));
			t.check(
				edit.pauses
					? `${label}: Pause gives LeadLex's campaign with status "paused"`
					: `${label}: Pause gives {id, paused: false, reason: "campaign_not_active"}`,
				() => {
					const paused = jsonOf(outputItems(execution, 'Pause campaign'));
					if (edit.pauses) {
						assert.equal(paused.length, 1, show(paused));
						const [campaign] = paused as Array<Record<string, unknown>>;
						assert.deepEqual(
							{ id: campaign.id, status: campaign.status },
							{ id: campaignId, status: 'paused' },
						);
						assert.match(String(campaign.paused_at), /^\d{4}-\d\d-\d\dT/);
					} else {
						assert.deepEqual(paused, [
							{ id: campaignId, paused: false, reason: 'campaign_not_active' },
						]);
					}
				},
			);
			const created = (outputItems(execution, 'Create step')[0]?.json ??
				{}) as unknown as SandboxStep;
			t.check(
				`${label}: Delete Step {deleted: true, id: ${stepToDelete}}; Create Step appended`,
				() => {
					assert.deepEqual(jsonOf(outputItems(execution, 'Delete step')), [
						{ deleted: true, id: stepToDelete },
					]);
					assert.equal(outputItems(execution, 'Create step').length, 1);
					assert.match(String(created.id), /^step_[0-9a-f]{16}$/, show(created));
					assert.deepEqual(
						{ index: created.index, subject: created.subject, body: created.body },
						{ index: seedSteps.length - 1, ...newStep },
					);
				},
			);
			t.check(
				edit.pauses
					? `${label}: IF "Was it paused?" true → Start ran: status "${edit.finalStatus}"`
					: `${label}: IF "Was it paused?" false → Start did not run`,
				() => {
					const started = jsonOf(outputItems(execution, 'Start campaign again'));
					if (edit.pauses) {
						assert.equal(outputItems(execution, 'Leave it as it was').length, 0);
						assert.equal(started.length, 1, show(started));
						const [start] = started as Array<Record<string, unknown>>;
						assert.equal(start.campaign_id, campaignId, show(start));
						assert.equal(start.status, edit.finalStatus, show(start));
						if (edit.finalStatus === 'pending_approval')
							assert.match(String(start.task_id), /^task_/, show(start));
					} else {
						assert.equal(nodeRun(execution, 'Start campaign again'), undefined, 'Start ran');
						assert.equal(outputItems(execution, 'Leave it as it was').length, 1);
					}
				},
			);
			t.check(
				`${label}: sandbox: ${stepToDelete} gone, the new step last, indexes compacted; status "${edit.finalStatus}"`,
				() => {
					assert.ok(after, `the sandbox has no campaign ${campaignId}`);
					const expected = [...seedSteps.filter((s) => s.id !== stepToDelete), created].map(
						(s, i) => [s.id, i],
					);
					assert.deepEqual(
						after.steps.map((s) => [s.id, s.index]),
						expected,
					);
					assert.deepEqual(after.steps[after.steps.length - 1], created);
					assert.equal(after.status, edit.finalStatus);
				},
			);
			t.check(
				`${label}: sandbox saw POST pause ${edit.pauses ? 200 : 409}, DELETE step, POST steps${edit.pauses ? ', POST start' : ' (no start)'}`,
				() =>
					assert.deepEqual(requestLines(requests), [
						`POST /v1/campaigns/${campaignId}/pause ${edit.pauses ? 200 : 409}`,
						`DELETE ${stepsPath}/${stepToDelete} 200`,
						`POST ${stepsPath} 201`,
						...(edit.pauses ? [`POST /v1/campaigns/${campaignId}/start 200`] : []),
					]),
			);
		},
	};
}

/** The recorded requests with their raw path (query included), which harness's admin leaves out. */
async function rawRequests(
	sb: SandboxProcess,
): Promise<Array<{ method: string; rawPath: string; status: number }>> {
	const response = await fetch(`${sb.origin}/__sandbox/requests`);
	const { requests } = (await response.json()) as {
		requests: Array<{ method: string; rawPath: string; status: number }>;
	};
	return requests.map(({ method, rawPath, status }) => ({ method, rawPath, status }));
}

/** Get Many, Return All: 240 campaigns in pages of 100. */
const getManyReturnAll: Scenario = {
	name: 'Campaign Get Many, Return All',
	async run({ t, sandbox, execute }) {
		await sandbox.admin.reset();
		const execution = await execute(WF.campaignsAll, 'Campaign Get Many, Return All');
		const requests = await rawRequests(sandbox);
		const seededCampaigns = (await sandbox.admin.state()).campaigns;
		t.check('Campaign Get Many (Return All): execution succeeds', () =>
			expectStatus(execution, 'success'),
		);
		const listedCampaigns = jsonOf(outputItems(execution, 'Get all campaigns')) as Array<{
			id: string;
		}>;
		t.check(
			`Campaign Get Many: ${seededCampaigns.length} items, no duplicates, every campaign of the workspace, newest first`,
			() => {
				const ids = listedCampaigns.map((c) => c.id);
				assert.equal(ids.length, 240);
				assert.equal(new Set(ids).size, ids.length, 'duplicate campaign IDs');
				assert.deepEqual([...ids].sort(), seededCampaigns.map((c) => c.id).sort());
				assert.deepEqual(ids.slice(0, 3), ['cmp_draft01', CAMPAIGN, 'cmp_paused01']);
			},
		);
		t.check('... the sandbox saw 3 GET /v1/campaigns: page=1,2,3 with per_page=100', () =>
			assert.deepEqual(
				requests.map((r) => {
					const url = new URL(r.rawPath, 'http://x');
					return `${r.method} ${url.pathname.replace(/^.*\/v1\//, '/v1/')}?${url.searchParams} ${r.status}`;
				}),
				[1, 2, 3].map((page) => `GET /v1/campaigns?page=${page}&per_page=100 200`),
			),
		);
	},
};

export const CAMPAIGN_SCENARIOS: Scenario[] = [
	...LIVE_EDITS.map(liveEditScenario),
	getManyReturnAll,
];
