/**
 * Contract checks for the sandbox's Lexi routes (docs §9.7, §8.13 and the assumptions in server.ts
 * 25 / README.md "Lexi routes"): tasks, approval, the campaign_start task a large start queues,
 * and chat's canned answers. Plain fetch, no n8n.
 */
import { startContractSandbox, T0, type ContractSandbox } from './contractClient';
import { LEXI_HELP } from './routes/lexi';

const T0_ISO = '2026-04-20T09:00:00Z';
const SEEDED_PENDING = ['task_seed_prospects', 'task_seed_listop'];
const TASK_FIELDS = ['id', 'type', 'status', 'description', 'created_at', 'metadata'];

describe('LeadLex sandbox: Lexi routes', () => {
	let t: ContractSandbox;
	const call: ContractSandbox['call'] = async (...args) => await t.call(...args);
	const ids = (items: Array<{ id: string }>) => items.map((item) => item.id);
	const tasks = async (status?: string) =>
		(await call('GET', `/v1/lexi/tasks${status ? `?status=${status}` : ''}`)).json.data.tasks;
	const statusOf = (id: string) => t.sb.campaigns().find((c) => c.id === id)?.status;

	/** Enrolls `count` made-up contacts in cmp_draft01 (seeded without contacts). */
	async function enrollInDraft(count: number) {
		const contactIds = Array.from({ length: count }, (_, i) => `lexi-contact-${i + 1}`);
		const res = await call('POST', '/v1/campaigns/cmp_draft01/contacts', {
			contact_ids: contactIds,
		});
		expect(res.json.data.added).toBe(count);
	}

	beforeAll(async () => {
		t = await startContractSandbox();
	});
	beforeEach(async () => await t.reset());
	afterAll(async () => await t.close());

	describe('GET /v1/lexi/tasks', () => {
		test('pending by default, newest first, the documented fields, paged with meta', async () => {
			const res = await call('GET', '/v1/lexi/tasks');
			expect(res.status).toBe(200);
			expect(res.json.meta).toEqual({ page: 1, per_page: 50, total: 2 });
			expect(ids(res.json.data.tasks)).toEqual(SEEDED_PENDING);
			expect(Object.keys(res.json.data.tasks[0])).toEqual(TASK_FIELDS);
			expect(res.json.data.tasks[0]).toEqual({
				id: 'task_seed_prospects',
				type: 'prospect_search',
				status: 'pending',
				description: 'Find 25 estate-planning prospects in Austin, TX',
				created_at: '2026-04-18T10:00:00Z',
				metadata: { query: 'estate planning, Austin TX', limit: 25 },
			});
			const second = await call('GET', '/v1/lexi/tasks?page=2&per_page=1');
			expect([second.json.meta, ids(second.json.data.tasks)]).toEqual([
				{ page: 2, per_page: 1, total: 2 },
				['task_seed_listop'],
			]);
		});

		test.each([
			['pending', SEEDED_PENDING],
			['approved', []],
			['dismissed', ['task_seed_contactupd']],
			['completed', ['task_seed_done']],
			['failed', ['task_seed_failed']],
		])('status=%s', async (status, expected) => {
			expect(ids(await tasks(status))).toEqual(expected);
		});

		test('an unknown status is 400 validation_error naming it', async () => {
			const res = await call('GET', '/v1/lexi/tasks?status=open');
			expect(res.status).toBe(400);
			expect(res.json.error).toMatchObject({
				code: 'validation_error',
				details: { fields: { status: expect.stringContaining('pending') } },
			});
		});

		test('profile docs-only: every task at once, no meta (the page documents no paging)', async () => {
			t.sb.setOptions({ profile: 'docs-only' });
			try {
				const res = await call('GET', '/v1/lexi/tasks?page=2&per_page=1');
				expect(Object.keys(res.json)).toEqual(['data']);
				expect(ids(res.json.data.tasks)).toEqual(SEEDED_PENDING);
			} finally {
				t.sb.setOptions({ profile: 'full' });
			}
		});
	});

	describe('the lexi permission', () => {
		test.each([
			['GET', '/v1/lexi/tasks'],
			['POST', '/v1/lexi/tasks/task_seed_prospects/approve'],
			['POST', '/v1/lexi/chat'],
		])('%s %s: 403 for the coarse read+write key and a scoped key', async (method, path) => {
			for (const key of [t.sb.keys.coarseReadWrite, t.sb.keys.readOnly]) {
				const res = await call(
					method,
					path,
					method === 'POST' ? { message: 'Hi' } : undefined,
					key,
				);
				expect([res.status, res.json.error]).toEqual([
					403,
					{
						code: 'insufficient_permissions',
						message: 'This API key is missing the lexi permission',
					},
				]);
			}
			expect(ids(await tasks())).toEqual(SEEDED_PENDING);
		});

		test("a key only sees its workspace's tasks: another's is 404 not_found", async () => {
			const approve = await call('POST', '/v1/lexi/tasks/task_other_prospects/approve');
			expect([approve.status, approve.json.error.code]).toEqual([404, 'not_found']);
		});
	});

	describe('Campaign → Start and approval', () => {
		test('more than 100 contacts: a pending campaign_start task; approving it launches the campaign', async () => {
			await enrollInDraft(101);
			const start = await call('POST', '/v1/campaigns/cmp_draft01/start');
			const taskId = start.json.data.task_id as string;
			expect(start.json.data).toEqual({
				campaign_id: 'cmp_draft01',
				status: 'pending_approval',
				task_id: expect.stringMatching(/^task_[0-9a-f]{16}$/),
			});
			expect(await tasks()).toEqual([
				{
					id: taskId,
					type: 'campaign_start',
					status: 'pending',
					description: 'Start campaign "Family Law Newsletter Launch" for 101 recipients',
					created_at: T0_ISO,
					metadata: { campaign_id: 'cmp_draft01', recipient_count: 101 },
				},
				...(await tasks()).slice(1),
			]);
			expect(statusOf('cmp_draft01')).toBe('pending_approval');
			expect(t.events().map((e) => e.event)).not.toContain('campaign.started');

			t.setNow(T0 + 60_000);
			const approve = await call('POST', `/v1/lexi/tasks/${taskId}/approve`);
			expect([approve.status, approve.json]).toEqual([
				200,
				{ data: { task_id: taskId, status: 'approved', execution_started: true } },
			]);
			expect(statusOf('cmp_draft01')).toBe('active');
			expect(ids(await tasks())).toEqual(SEEDED_PENDING);
			expect(ids(await tasks('completed'))).toEqual([taskId, 'task_seed_done']);
			await t.sb.deliveriesSettled();
			expect(t.events().filter((e) => e.event === 'campaign.started')).toEqual([
				{ event: 'campaign.started', data: { campaign: { id: 'cmp_draft01', status: 'active' } } },
			]);

			const again = await call('POST', `/v1/lexi/tasks/${taskId}/approve`);
			expect([again.status, again.json.error]).toEqual([
				400,
				{ code: 'validation_error', message: 'Task is not pending (it is completed)' },
			]);
		});

		test('100 contacts or fewer: active at once, no task', async () => {
			await enrollInDraft(100);
			const start = await call('POST', '/v1/campaigns/cmp_draft01/start');
			expect(start.json.data).toEqual({
				campaign_id: 'cmp_draft01',
				status: 'active',
				task_id: null,
			});
			expect(ids(await tasks())).toEqual(SEEDED_PENDING);
		});

		test('approve: unknown task 404 not_found; dismissed, completed or failed 400; other types only complete', async () => {
			const unknown = await call('POST', '/v1/lexi/tasks/task_nope/approve');
			expect([unknown.status, unknown.json.error]).toEqual([
				404,
				{ code: 'not_found', message: 'No task with ID task_nope' },
			]);
			for (const [id, status] of [
				['task_seed_contactupd', 'dismissed'],
				['task_seed_done', 'completed'],
				['task_seed_failed', 'failed'],
			]) {
				const res = await call('POST', `/v1/lexi/tasks/${id}/approve`);
				expect([res.status, res.json.error.message]).toEqual([
					400,
					`Task is not pending (it is ${status})`,
				]);
			}
			const before = t.sb.campaigns();
			const res = await call('POST', '/v1/lexi/tasks/task_seed_prospects/approve', { ignored: 1 });
			expect(res.json.data).toEqual({
				task_id: 'task_seed_prospects',
				status: 'approved',
				execution_started: true,
			});
			expect(ids(await tasks())).toEqual(['task_seed_listop']);
			expect(ids(await tasks('completed'))).toContain('task_seed_prospects');
			expect(t.sb.campaigns()).toEqual(before);
		});
	});

	describe('POST /v1/lexi/chat', () => {
		test('a message Lexi cannot act on: the help answer, no task, a new conversation', async () => {
			const res = await call('POST', '/v1/lexi/chat', { message: 'How are my campaigns doing?' });
			expect([res.status, res.json]).toEqual([
				200,
				{
					data: {
						response: LEXI_HELP,
						task_id: null,
						requires_approval: false,
						conversation_id: expect.stringMatching(/^conv_[0-9a-f]{16}$/),
					},
				},
			]);
			const conversationId = res.json.data.conversation_id;
			const next = await call('POST', '/v1/lexi/chat', {
				message: 'Thanks',
				context: { conversation_id: conversationId, list_id: 'list_estate_q2' },
			});
			expect(next.json.data.conversation_id).toBe(conversationId);
			expect(ids(await tasks())).toEqual(SEEDED_PENDING);
		});

		test.each([
			['by its ID in the text', { message: 'Please start cmp_paused01 tomorrow' }],
			['by its name in the text', { message: 'Launch the Q3 Litigation Outreach campaign' }],
			['by context.campaign_id', { message: 'Start it', context: { campaign_id: 'cmp_paused01' } }],
		])(
			'"start" a campaign %s: a campaign_start task needing approval; nothing starts until approved',
			async (_how, body) => {
				const res = await call('POST', '/v1/lexi/chat', body);
				const taskId = res.json.data.task_id as string;
				expect(res.json.data).toEqual({
					response: `I have prepared the launch of "Q3 Litigation Outreach" for 40 recipients. Nothing is sent until you approve task ${taskId}.`,
					task_id: expect.stringMatching(/^task_[0-9a-f]{16}$/),
					requires_approval: true,
					conversation_id: expect.stringMatching(/^conv_/),
				});
				expect((await tasks())[0]).toMatchObject({
					id: taskId,
					type: 'campaign_start',
					status: 'pending',
					metadata: { campaign_id: 'cmp_paused01', recipient_count: 40 },
				});
				expect(statusOf('cmp_paused01')).toBe('paused');
				await call('POST', `/v1/lexi/tasks/${taskId}/approve`);
				expect(statusOf('cmp_paused01')).toBe('active');
			},
		);

		test('a queued launch whose campaign started meanwhile fails when approved', async () => {
			const res = await call('POST', '/v1/lexi/chat', { message: 'start cmp_paused01' });
			await call('POST', '/v1/campaigns/cmp_paused01/start');
			const taskId = res.json.data.task_id;
			expect((await call('POST', `/v1/lexi/tasks/${taskId}/approve`)).status).toBe(200);
			expect((await tasks('failed'))[0]).toMatchObject({
				id: taskId,
				metadata: {
					campaign_id: 'cmp_paused01',
					error: 'The campaign was not started: it is already running',
				},
			});
		});

		test.each([
			['cmp_abc123', 'I cannot start "Estate Planning Follow-up": it is already running.'],
			['cmp_draft01', 'I cannot start "Family Law Newsletter Launch": it has no contacts.'],
		])('"start" %s, which cannot launch: Lexi says why, no task', async (id, response) => {
			const res = await call('POST', '/v1/lexi/chat', { message: `Start ${id}` });
			expect(res.json.data).toMatchObject({ response, task_id: null, requires_approval: false });
			expect(ids(await tasks())).toEqual(SEEDED_PENDING);
		});

		test('"start" without a campaign: Lexi asks which', async () => {
			const res = await call('POST', '/v1/lexi/chat', { message: 'Start the new one' });
			expect(res.json.data.response).toMatch(/^Which campaign should I start\?/);
			expect(res.json.data.task_id).toBeNull();
		});

		test.each([
			[{}, { message: 'Required' }],
			[{ message: '  ' }, { message: 'Required' }],
			[
				{ message: 7, context: [] },
				{ message: 'Must be a string', context: 'Must be an object' },
			],
			[
				{ message: 'Hi', context: { list_id: 3, conversation_id: '' } },
				{
					'context.list_id': 'Must be a non-empty string',
					'context.conversation_id': 'Must be a non-empty string',
				},
			],
		])('body %j: 400 validation_error with details.fields', async (body, fields) => {
			const res = await call('POST', '/v1/lexi/chat', body);
			expect([res.status, res.json.error.code, res.json.error.details]).toEqual([
				400,
				'validation_error',
				{ fields },
			]);
		});

		test.each([
			[{ conversation_id: 'conv_nope' }, 'No conversation with ID conv_nope'],
			[{ list_id: 'list_nope' }, 'No list with ID list_nope'],
			[{ campaign_id: 'cmp_nope' }, 'No campaign with ID cmp_nope'],
		])('context %j unknown: 404 not_found', async (context, message) => {
			const res = await call('POST', '/v1/lexi/chat', { message: 'Start it', context });
			expect([res.status, res.json.error]).toEqual([404, { code: 'not_found', message }]);
			expect(ids(await tasks())).toEqual(SEEDED_PENDING);
		});
	});
});
