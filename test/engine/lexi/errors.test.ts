import { runLeadlex } from '../harness';
import { byId, useSandbox } from '../fixtures';
import { documentedAnswerTests, type AnswerCase } from '../documentedAnswers';
import { lexiOp, PROSPECTS_TASK, tasksWith } from './fixtures';

const env = useSandbox();

const CASES: AnswerCase[] = [
	{
		operation: 'sendMessage',
		parameters: lexiOp('sendMessage', { message: 'Start cmp_paused01' }),
		method: 'POST',
		permission: 'lexi',
		unchanged: 'The message to Lexi was not sent.',
		maybe:
			'The message to Lexi may or may not have been sent: Lexi may have queued a task: check Lexi → Get Tasks before sending the message again.',
	},
	{
		operation: 'getTasks',
		parameters: lexiOp('getTasks'),
		method: 'GET',
		permission: 'lexi',
		unchanged: '',
		maybe: '',
	},
	{
		operation: 'approveTask',
		parameters: lexiOp('approveTask', { taskId: byId(PROSPECTS_TASK) }),
		method: 'POST',
		permission: 'lexi',
		unchanged: `Lexi task "${PROSPECTS_TASK}" was not approved.`,
		maybe: `Lexi task "${PROSPECTS_TASK}" may or may not have been approved: check it in LeadLex before running the workflow again.`,
	},
];

describe('every Lexi operation explains every documented answer in its message alone', () => {
	// The coarse read and write permissions do not grant lexi.
	documentedAnswerTests(env, CASES, {
		forbiddenKey: (sandbox) => sandbox.keys.coarseReadWrite,
		afterForbidden: async (sandbox) => expect(await tasksWith(sandbox, 'pending')).toHaveLength(2),
	});
});

describe('continue on fail and pairing', () => {
	test('a failed item becomes {error} paired to its input; the others go on', async () => {
		const { credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: lexiOp('approveTask', { taskId: byId('={{ $json.id }}') }),
			items: [{ id: 'task_nope' }, { id: PROSPECTS_TASK }, { id: ' ' }],
			onError: 'continueRegularOutput',
		});
		expect(
			result.items.map((item) => [item.json.task_id ?? item.json.error, item.pairedItem]),
		).toEqual([
			[
				'Lexi task "task_nope" was not found in LeadLex (HTTP 404 not_found). Lexi task "task_nope" was not approved.',
				{ item: 0 },
			],
			[PROSPECTS_TASK, { item: 1 }],
			['The Task ID is empty. Nothing was sent to LeadLex.', { item: 2 }],
		]);
	});
});
