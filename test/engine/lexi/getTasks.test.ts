import { runLeadlex } from '../harness';
import { callSandbox, sentRequests, useSandbox } from '../fixtures';
import { lexiOp, lexiPath, PENDING_TASKS, tasksWith } from './fixtures';

const env = useSandbox();

/** The query strings the sandbox received, in order. */
const queries = () => env.sandbox.requests.map((request) => request.rawPath.split('?')[1] ?? '');

/** Queues `count` campaign_start tasks through Lexi's chat (cmp_paused01 can be launched). */
async function queueTasks(count: number): Promise<void> {
	for (let i = 0; i < count; i++) {
		await callSandbox(env.sandbox, 'POST', '/v1/lexi/chat', { message: 'Start cmp_paused01' });
	}
	env.sandbox.requests.length = 0;
}

const ids = (items: Array<{ json: { id?: unknown } }>) => items.map((item) => item.json.id);

describe('Lexi AI → Get Tasks', () => {
	test('without filters: status=pending, Limit 50; one item per task as LeadLex sent it', async () => {
		const { sandbox, credentials } = env;
		const expected = await tasksWith(sandbox, 'pending');
		const result = await runLeadlex({ credentials, parameters: lexiOp('getTasks') });
		expect(result.error).toBeUndefined();
		expect(sentRequests(sandbox)).toEqual([
			['GET', `${lexiPath(sandbox, '/tasks')}?status=pending&page=1&per_page=50`],
		]);
		expect(sandbox.requests[0].headers.authorization).toBe(`Bearer ${sandbox.keys.full}`);
		expect(sandbox.requests[0].body).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual(expected);
		expect(ids(result.items)).toEqual(PENDING_TASKS);
		expect(result.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(
			true,
		);
	});

	test.each([
		['approved', []],
		['dismissed', ['task_seed_contactupd']],
		['completed', ['task_seed_done']],
		['failed', ['task_seed_failed']],
		['pending', PENDING_TASKS],
	])('Filters → Status %s', async (status, expected) => {
		const { credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: lexiOp('getTasks', { filters: { status } }),
		});
		expect(queries()).toEqual([`status=${status}&page=1&per_page=50`]);
		expect(ids(result.items)).toEqual(expected);
	});

	test('Limit 1: per_page=1, one request, one item', async () => {
		const { credentials } = env;
		const result = await runLeadlex({ credentials, parameters: lexiOp('getTasks', { limit: 1 }) });
		expect(queries()).toEqual(['status=pending&page=1&per_page=1']);
		expect(ids(result.items)).toEqual([PENDING_TASKS[0]]);
	});

	test('Return All: pages of 100 until meta.total, no repeats', async () => {
		const { credentials } = env;
		await queueTasks(120);
		const result = await runLeadlex({
			credentials,
			parameters: lexiOp('getTasks', { returnAll: true }),
		});
		expect(queries()).toEqual([
			'status=pending&page=1&per_page=100',
			'status=pending&page=2&per_page=100',
		]);
		expect(result.items).toHaveLength(122);
		expect(new Set(ids(result.items)).size).toBe(122);
	});

	test('LeadLex ignoring page (no paging is documented for tasks): a page with nothing new ends the list', async () => {
		const { sandbox, credentials } = env;
		await queueTasks(120);
		sandbox.setOptions({ profile: 'docs-only' });
		const result = await runLeadlex({
			credentials,
			parameters: lexiOp('getTasks', { returnAll: true }),
		});
		expect(result.error).toBeUndefined();
		expect(queries()).toEqual([
			'status=pending&page=1&per_page=100',
			'status=pending&page=2&per_page=100',
		]);
		expect(result.items).toHaveLength(122);
		const limited = await runLeadlex({ credentials, parameters: lexiOp('getTasks', { limit: 5 }) });
		expect(limited.items).toHaveLength(5);
	});

	test.each([
		[
			'a Status no task has',
			{ filters: { status: '={{ "open" }}' } },
			'The Status must be one of pending, approved, dismissed, completed, failed, but it is "open". Nothing was sent to LeadLex.',
		],
		[
			'a Limit of 0',
			{ limit: 0 },
			'The Limit must be a whole number 1 or more, but it is 0. Nothing was sent to LeadLex.',
		],
	])('%s: refused before anything is sent', async (_name, extra, message) => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({ credentials, parameters: lexiOp('getTasks', extra) });
		expect(result.error?.message).toBe(message);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('400 validation_error from LeadLex quotes it', async () => {
		const { sandbox, credentials } = env;
		sandbox.failNext('GET', '/lexi/tasks', 400, 'validation_error', 'status must be one of …');
		const result = await runLeadlex({ credentials, parameters: lexiOp('getTasks') });
		expect(result.error?.message).toBe(
			'LeadLex refused the request for the Lexi tasks (HTTP 400 validation_error): LeadLex said "status must be one of …"',
		);
		expect(result.error?.description).toContain('Filters → Status');
	});

	test('a later page failing says how much had been read', async () => {
		const { sandbox, credentials } = env;
		await queueTasks(120);
		sandbox.injectFault(
			{ type: 'response', status: 502, body: 'Bad Gateway', contentType: 'text/plain' },
			{ pathIncludes: 'page=2' },
		);
		const result = await runLeadlex({
			credentials,
			parameters: lexiOp('getTasks', { returnAll: true }),
		});
		expect(result.error?.message).toBe(
			'LeadLex had a server error (HTTP 502) (on page 2, after 100 Lexi tasks had been read)',
		);
	});
});
