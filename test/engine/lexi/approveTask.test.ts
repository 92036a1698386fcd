import { runLeadlex, searchList } from '../harness';
import { byId, fromList, sentRequests, useSandbox } from '../fixtures';
import {
	campaignStatus,
	enroll,
	lexiOp,
	lexiPath,
	PENDING_TASKS,
	PROSPECTS_TASK,
	startCampaign,
	tasksWith,
} from './fixtures';

const env = useSandbox();
const paired = (index: number) => ({ item: index });
const approvePath = (taskId: string) =>
	lexiPath(env.sandbox, `/tasks/${encodeURIComponent(taskId)}/approve`);
const idsWith = async (status: string) =>
	(await tasksWith(env.sandbox, status)).map((task: { id: string }) => task.id);

/** cmp_draft01 with 101 contacts, started: pending_approval; resolves with its Lexi task. */
async function largeStart(): Promise<string> {
	await enroll(env.sandbox, 'cmp_draft01', 101);
	const taskId = await startCampaign(env.sandbox, 'cmp_draft01');
	expect(campaignStatus(env.sandbox, 'cmp_draft01')).toBe('pending_approval');
	return String(taskId);
}

describe('Lexi AI → Approve Task', () => {
	test("approving a large start's task: POST …/approve without a body; the campaign goes active", async () => {
		const { sandbox, credentials } = env;
		const taskId = await largeStart();
		const result = await runLeadlex({
			credentials,
			parameters: lexiOp('approveTask', { taskId: byId(taskId) }),
		});
		expect(result.error).toBeUndefined();
		expect(sentRequests(sandbox)).toEqual([['POST', approvePath(taskId)]]);
		expect(sandbox.requests[0].body).toBeUndefined();
		expect(sandbox.requests[0].headers.authorization).toBe(`Bearer ${sandbox.keys.full}`);
		expect(result.items).toEqual([
			{
				json: { task_id: taskId, status: 'approved', execution_started: true },
				pairedItem: paired(0),
			},
		]);
		expect(campaignStatus(sandbox, 'cmp_draft01')).toBe('active');
		expect(await idsWith('completed')).toContain(taskId);
		expect(await idsWith('pending')).toEqual(PENDING_TASKS);
	});

	test('one item per input item, by expression and from the picker', async () => {
		const { credentials } = env;
		const taskId = await largeStart();
		const result = await runLeadlex({
			credentials,
			parameters: lexiOp('approveTask', { taskId: byId('={{ $json.task_id }}') }),
			items: [{ task_id: taskId }, { task_id: PROSPECTS_TASK }],
		});
		expect(result.items.map((item) => [item.pairedItem, item.json.task_id])).toEqual([
			[paired(0), taskId],
			[paired(1), PROSPECTS_TASK],
		]);
		const picked = await runLeadlex({
			credentials,
			parameters: lexiOp('approveTask', { taskId: fromList('task_seed_listop') }),
		});
		expect(picked.items[0].json.task_id).toBe('task_seed_listop');
		expect(await idsWith('pending')).toEqual([]);
	});

	test('an unknown task (404 not_found) or one not pending (400 validation_error): errors saying nothing was approved', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: lexiOp('approveTask', { taskId: byId('task_seed_dismissed') }),
		});
		expect(result.error?.message).toBe(
			'Lexi task "task_seed_dismissed" was not found in LeadLex (HTTP 404 not_found). Lexi task "task_seed_dismissed" was not approved.',
		);
		const dismissed = await runLeadlex({
			credentials,
			parameters: lexiOp('approveTask', { taskId: byId('task_seed_contactupd') }),
		});
		expect(dismissed.error?.message).toBe(
			'Lexi task "task_seed_contactupd" is not pending, so LeadLex did not approve it (HTTP 400 validation_error): LeadLex said "Task is not pending (it is dismissed)". Lexi task "task_seed_contactupd" was not approved.',
		);
		expect(dismissed.error?.description).toContain('Options → Ignore If Not Pending');
		expect(sandbox.requests.map((request) => request.status)).toEqual([404, 400]);
		expect(await idsWith('dismissed')).toEqual(['task_seed_contactupd']);
	});

	test('approving twice: the second is refused (not pending), nothing more happens', async () => {
		const { credentials } = env;
		const taskId = await largeStart();
		const parameters = lexiOp('approveTask', { taskId: byId(taskId) });
		expect((await runLeadlex({ credentials, parameters })).error).toBeUndefined();
		const again = await runLeadlex({ credentials, parameters });
		expect(again.error?.message).toMatch(
			new RegExp(`^Lexi task "${taskId}" is not pending, so LeadLex did not approve it`),
		);
		expect(again.error?.message).toMatch(/was not approved\.$/);
	});

	test('Ignore If Not Pending: {task_id, approved: false, reason}; an unknown task stays an error', async () => {
		const { credentials } = env;
		const options = { options: { ignoreNotPending: true } };
		const result = await runLeadlex({
			credentials,
			parameters: lexiOp('approveTask', { taskId: byId('={{ $json.id }}'), ...options }),
			items: [{ id: 'task_seed_done' }, { id: PROSPECTS_TASK }],
		});
		expect(result.items.map((item) => [item.pairedItem, item.json])).toEqual([
			[paired(0), { task_id: 'task_seed_done', approved: false, reason: 'not_pending' }],
			[paired(1), { task_id: PROSPECTS_TASK, status: 'approved', execution_started: true }],
		]);
		const unknown = await runLeadlex({
			credentials,
			parameters: lexiOp('approveTask', { taskId: byId('task_nope'), ...options }),
		});
		expect(unknown.error?.message).toBe(
			'Lexi task "task_nope" was not found in LeadLex (HTTP 404 not_found). Lexi task "task_nope" was not approved.',
		);
	});

	test.each([
		['empty', byId(' '), 'The Task ID is empty. Nothing was sent to LeadLex.'],
		[
			'"..", which would change the path',
			byId('..'),
			'The Task ID is "..", which would change the request path. Nothing was sent to LeadLex.',
		],
	])('a Task ID that is %s: refused before anything is sent', async (_name, taskId, message) => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({ credentials, parameters: lexiOp('approveTask', { taskId }) });
		expect(result.error?.message).toBe(message);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('Ignore If Not Pending that is not true or false: refused before anything is sent', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: lexiOp('approveTask', {
				taskId: byId(PROSPECTS_TASK),
				options: { ignoreNotPending: '={{ "yes" }}' },
			}),
		});
		expect(result.error?.message).toBe(
			'The Ignore If Not Pending must be true or false, but it is "yes". Nothing was sent to LeadLex.',
		);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('a task ID with a slash is one encoded path segment', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: lexiOp('approveTask', { taskId: byId('task/1?x') }),
		});
		expect(sandbox.requests.map((request) => request.rawPath)).toEqual([approvePath('task/1?x')]);
		expect(result.error?.message).toContain('Lexi task "task/1?x" was not found in LeadLex');
	});

	test('a 5xx is not sent again (approving twice could start twice): "may or may not have been approved"', async () => {
		const { sandbox, credentials } = env;
		sandbox.injectFault(
			{ type: 'response', status: 503, body: '', contentType: 'text/plain' },
			undefined,
			3,
		);
		const result = await runLeadlex({
			credentials,
			parameters: lexiOp('approveTask', { taskId: byId(PROSPECTS_TASK) }),
		});
		expect(result.error?.message).toBe(
			`LeadLex had a server error (HTTP 503). Lexi task "${PROSPECTS_TASK}" may or may not have been approved: check it in LeadLex before running the workflow again.`,
		);
		expect(sandbox.requests).toHaveLength(1);
	});
});

describe('the Task picker', () => {
	test('lists the pending tasks with description and type: one GET ?status=pending&per_page=100', async () => {
		const { sandbox, credentials } = env;
		const result = await searchList('searchLexiTasks', { credentials });
		expect(sentRequests(sandbox)).toEqual([
			['GET', `${lexiPath(sandbox, '/tasks')}?status=pending&per_page=100`],
		]);
		expect(result).toEqual({
			results: [
				{
					name: 'Find 25 estate-planning prospects in Austin, TX (prospect_search)',
					value: 'task_seed_prospects',
				},
				{
					name: 'Tag the 30 contacts of list "Estate planning prospects" with q2-webinar (list_operation)',
					value: 'task_seed_listop',
				},
			],
		});
	});

	test("filtered here by description or type; a large start's task shows up", async () => {
		const { credentials } = env;
		const taskId = await largeStart();
		const byType = await searchList('searchLexiTasks', { credentials, filter: 'CAMPAIGN_START' });
		expect(byType.results).toEqual([
			{
				name: 'Start campaign "Family Law Newsletter Launch" for 101 recipients (campaign_start)',
				value: taskId,
			},
		]);
		const exact = await searchList('searchLexiTasks', { credentials, filter: 'task_seed_listop' });
		expect(exact.results.map((entry) => entry.value)).toEqual(['task_seed_listop']);
	});

	test('a key without lexi: the picker says which permission is missing', async () => {
		const { sandbox, credentials } = env;
		await expect(
			searchList('searchLexiTasks', {
				credentials: { ...credentials, apiKey: sandbox.keys.coarseReadWrite },
			}),
		).rejects.toThrow('The LeadLex API key lacks the lexi permission');
	});
});
