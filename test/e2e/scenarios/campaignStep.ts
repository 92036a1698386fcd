/* eslint-disable @n8n/community-nodes/no-restricted-imports --
   dev tooling, never packed: Campaign Step scenarios of the e2e suite. */
/**
 * Campaign Step: the delete examples (steps deleted, a step already gone with and without Ignore
 * Not Found), the node's hardening shown through Delete (hardening.ts), the rewrite-last-step
 * example and one run through the whole step lifecycle.
 */
import * as assert from 'node:assert/strict';
import { nodeRun, outputItems, type SandboxStep } from '../../../scripts/n8n/harness';
import { HARDENING_SCENARIOS } from './hardening';
import type { Scenario } from './scenario';
import { CAMPAIGN, expectStatus, jsonOf, requestLines, sentBodies, show } from './support';

const WF = {
	example: 'LeadlexExample01',
	bulk: 'LeadlexExample02',
	strict: 'LeadlexE2eStrict1',
	rewriteLast: 'LeadlexExample03',
	lifecycle: 'LeadlexE2eSteps01',
} as const;

const STEPS_PATH = `/v1/campaigns/${CAMPAIGN}/steps`;

/** What examples/rewrite-last-step.json's "Rewrite the last step" sends (its Update Fields). */
const REWRITE = {
	subject: 'One last note, {{first_name}}',
	body: 'Hi {{first_name}}, this is my last email about your estate plan. If you would like the checklist or a short call later this year, just reply and I will set it up.',
	delay_days: 10,
};

/** What test/e2e/workflows/step-lifecycle.json's "Create step" and "Update step" send. */
const LIFECYCLE = {
	create: {
		subject: 'e2e: a new last step for {{company_name}}',
		body: 'Hi {{first_name}}, this step was appended by the e2e lifecycle workflow.',
		delay_days: 2,
		delay_hours: 6,
		send_condition: 'if_no_reply',
	},
	update: {
		subject: 'e2e: the new last step, rewritten',
		delay_days: 5,
		send_condition: 'if_opened',
	},
};

/** The example: two steps deleted in one run, later steps move up. */
const deleteTwoSteps: Scenario = {
	name: 'example delete-campaign-steps',
	async run({ t, sandbox, execute }) {
		await sandbox.admin.reset();
		const execution = await execute(WF.example, 'delete step_2 and step_3');
		t.check('example delete-campaign-steps: execution succeeds', () =>
			expectStatus(execution, 'success'),
		);
		t.check('example: one output item per step, {deleted: true, id}', () =>
			assert.deepEqual(jsonOf(outputItems(execution, 'Delete campaign step')), [
				{ deleted: true, id: 'step_2' },
				{ deleted: true, id: 'step_3' },
			]),
		);
		const after = await sandbox.admin.steps(CAMPAIGN);
		t.check('sandbox state: step_2 and step_3 gone, step_4 compacted from index 3 to 1', () =>
			assert.deepEqual(
				after.map((s) => [s.id, s.index]),
				[
					['step_1', 0],
					['step_4', 1],
				],
			),
		);
		const requests = await sandbox.admin.requests();
		t.check('sandbox saw exactly two DELETE requests, both 200', () =>
			assert.deepEqual(requests.map((r) => `${r.method} ${r.path} ${r.status}`).sort(), [
				`DELETE /v1/campaigns/${CAMPAIGN}/steps/step_2 200`,
				`DELETE /v1/campaigns/${CAMPAIGN}/steps/step_3 200`,
			]),
		);
	},
};

/** Runs on what deleteTwoSteps left: step_2 is gone, and without Ignore Not Found that fails. */
const deleteGoneStepStrict: Scenario = {
	name: 'a step already gone, without Ignore Not Found',
	async run({ t, execute }) {
		const execution = await execute(WF.strict, 'step_2 again, no Ignore Not Found');
		t.check('step already gone, no Ignore Not Found: execution fails', () =>
			expectStatus(execution, 'error'),
		);
		t.check('... the error names the step and the campaign', () => {
			const message = execution.errorMessage ?? '';
			assert.match(message, /"step_2"/, `message: ${JSON.stringify(message)}`);
			assert.match(message, /not found/i, `message: ${JSON.stringify(message)}`);
			assert.match(message, /cmp_abc123/, `message: ${JSON.stringify(message)}`);
			assert.match(
				nodeRun(execution, 'Delete campaign step')?.error?.message ?? '',
				/"step_2"/,
				'the node run carries the error',
			);
		});
	},
};

/** Runs on what deleteTwoSteps left: step_3 is gone, Ignore Not Found turns it into {deleted: false}. */
const deleteGoneStepIgnored: Scenario = {
	name: 'example bulk-delete-with-error-output, a step already gone',
	async run({ t, sandbox, execute }) {
		const execution = await execute(WF.bulk, 'step_1, step_3 (gone), step_4');
		t.check('example bulk-delete-with-error-output: execution succeeds', () =>
			expectStatus(execution, 'success'),
		);
		t.check('step already gone, Ignore Not Found: {deleted: false}; three items in one run', () =>
			assert.deepEqual(jsonOf(outputItems(execution, 'Delete campaign steps', 0)), [
				{ deleted: true, id: 'step_1' },
				{ deleted: false, id: 'step_3' },
				{ deleted: true, id: 'step_4' },
			]),
		);
		t.check('... nothing on the error output; "Deleted or already gone" got 3 items', () => {
			assert.deepEqual(outputItems(execution, 'Delete campaign steps', 1), []);
			assert.equal(outputItems(execution, 'Deleted or already gone').length, 3);
			assert.equal(outputItems(execution, 'Failed deletes').length, 0);
		});
		const after = await sandbox.admin.steps(CAMPAIGN);
		t.check('sandbox state: campaign cmp_abc123 has no steps left', () =>
			assert.deepEqual(after, []),
		);
	},
};

/** The example rewrite-last-step: Get Many → Limit (keep the last item) → Update. */
const rewriteLastStep: Scenario = {
	name: 'example rewrite-last-step',
	async run({ t, sandbox, execute }) {
		await sandbox.admin.reset();
		const seed = await sandbox.admin.steps(CAMPAIGN);
		const last = seed[seed.length - 1];
		const execution = await execute(WF.rewriteLast, 'Get Many → keep the last → Update');
		const requests = await sandbox.admin.requests();
		const after = await sandbox.admin.steps(CAMPAIGN);
		t.check('example rewrite-last-step: execution succeeds', () =>
			expectStatus(execution, 'success'),
		);
		t.check("Get Many: 4 items, the sandbox's steps as they are, in send order", () =>
			assert.deepEqual(jsonOf(outputItems(execution, 'Get campaign steps')), seed),
		);
		t.check(`Limit (Keep: Last Items) passes on only ${last.id}, index ${last.index}`, () =>
			assert.deepEqual(jsonOf(outputItems(execution, 'Keep the last step')), [last]),
		);
		t.check('Update: one item, the full step with the new subject, body and delay', () =>
			assert.deepEqual(jsonOf(outputItems(execution, 'Rewrite the last step')), [
				{ ...last, ...REWRITE },
			]),
		);
		t.check(`sandbox state: ${last.id} rewritten, the other steps untouched`, () =>
			assert.deepEqual(after, [...seed.slice(0, -1), { ...last, ...REWRITE }]),
		);
		t.check(
			`sandbox saw GET …/steps, then one PATCH …/steps/${last.id} with only the 3 fields`,
			() => {
				assert.deepEqual(requestLines(requests), [
					`GET ${STEPS_PATH} 200`,
					`PATCH ${STEPS_PATH}/${last.id} 200`,
				]);
				assert.deepEqual(sentBodies(requests, 'PATCH'), [REWRITE]);
			},
		);
	},
};

/** One run through the whole step lifecycle: Create → Get Many → Update → Delete → Get Many. */
const stepLifecycle: Scenario = {
	name: 'step lifecycle',
	async run({ t, sandbox, execute }) {
		await sandbox.admin.reset();
		const seed = await sandbox.admin.steps(CAMPAIGN);
		const execution = await execute(WF.lifecycle, 'Create → Get Many → Update → Delete → Get Many');
		const requests = await sandbox.admin.requests();
		const after = await sandbox.admin.state();
		t.check('step lifecycle: execution succeeds', () => expectStatus(execution, 'success'));
		const created = (outputItems(execution, 'Create step')[0]?.json ??
			{}) as unknown as SandboxStep;
		const newId = String(created.id);
		t.check('Create: one item, the new step appended at index 4 with the fields sent', () => {
			assert.equal(outputItems(execution, 'Create step').length, 1);
			assert.match(newId, /^step_[0-9a-f]{16}$/, `id: ${show(created.id)}`);
			assert.match(String(created.created_at), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
			assert.deepEqual(created, {
				id: newId,
				index: seed.length,
				...LIFECYCLE.create,
				created_at: created.created_at,
			});
		});
		t.check(
			'Get Many: 5 steps in send order, the new one last (index 4), as Create gave it',
			() => {
				const listed = jsonOf(outputItems(execution, 'List steps'));
				assert.deepEqual(listed, [...seed, created]);
				assert.deepEqual(
					listed.map((s) => (s as SandboxStep).index),
					[0, 1, 2, 3, 4],
				);
			},
		);
		t.check('Filter "Only the new step" passes on exactly the created step', () =>
			assert.deepEqual(jsonOf(outputItems(execution, 'Only the new step')), [created]),
		);
		t.check('Update: one item, the new step with the updated subject, delay and condition', () =>
			assert.deepEqual(jsonOf(outputItems(execution, 'Update step')), [
				{ ...created, ...LIFECYCLE.update },
			]),
		);
		t.check('Delete: {deleted: true, id} of the new step', () =>
			assert.deepEqual(jsonOf(outputItems(execution, 'Delete step')), [
				{ deleted: true, id: newId },
			]),
		);
		t.check('Get Many again: the 4 seeded steps, unchanged, indexes 0..3', () =>
			assert.deepEqual(jsonOf(outputItems(execution, 'List steps again')), seed),
		);
		t.check('sandbox saw POST 201, GET, PATCH and DELETE of the new step, GET, in that order', () =>
			assert.deepEqual(requestLines(requests), [
				`POST ${STEPS_PATH} 201`,
				`GET ${STEPS_PATH} 200`,
				`PATCH ${STEPS_PATH}/${newId} 200`,
				`DELETE ${STEPS_PATH}/${newId} 200`,
				`GET ${STEPS_PATH} 200`,
			]),
		);
		t.check('... POST sent subject, body and the 3 additional fields; PATCH only the 3 set', () => {
			assert.deepEqual(sentBodies(requests, 'POST'), [LIFECYCLE.create]);
			assert.deepEqual(sentBodies(requests, 'PATCH'), [LIFECYCLE.update]);
		});
		t.check(
			'sandbox state: cmp_abc123 back to its 4 seeded steps, the new step in no campaign',
			() => {
				assert.deepEqual(after.campaigns.find((c) => c.id === CAMPAIGN)?.steps, seed);
				const anywhere = after.campaigns.filter((c) => c.steps.some((s) => s.id === newId));
				assert.deepEqual(
					anywhere.map((c) => c.id),
					[],
				);
			},
		);
	},
};

export const CAMPAIGN_STEP_SCENARIOS: Scenario[] = [
	deleteTwoSteps,
	deleteGoneStepStrict,
	deleteGoneStepIgnored,
	// Listed here rather than in index.ts to keep the suite's check order: they come between the
	// delete examples and the rewrite, as before the scenarios had files of their own.
	...HARDENING_SCENARIOS,
	rewriteLastStep,
	stepLifecycle,
];
