import { runLeadlex } from '../harness';
import { byId, fromList, sentBodies, sentRequests, useSandbox } from '../fixtures';
import { campaignStatus, lexiOp, lexiPath, PENDING_TASKS, tasksWith } from './fixtures';

const env = useSandbox();
const paired = (index: number) => ({ item: index });
const HELP =
	'I can prepare the launch of a campaign for your approval: ask me to start a campaign by its name or ID, or send its ID as context.campaign_id.';

describe('Lexi AI → Send Message', () => {
	test('POSTs {message} to /v1/lexi/chat with the key as a Bearer header; outputs data unchanged', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: lexiOp('sendMessage', { message: 'How are my campaigns doing?' }),
		});
		expect(result.error).toBeUndefined();
		expect(sentRequests(sandbox)).toEqual([['POST', lexiPath(sandbox, '/chat')]]);
		expect(sentBodies(sandbox)).toEqual([{ message: 'How are my campaigns doing?' }]);
		const headers = sandbox.requests[0].headers;
		expect(headers.authorization).toBe(`Bearer ${sandbox.keys.full}`);
		expect(headers.accept).toBe('application/json');
		expect(headers['content-type']).toMatch(/^application\/json/);
		expect(headers['idempotency-key']).toBeUndefined();
		expect(result.items).toEqual([
			{
				json: {
					response: HELP,
					task_id: null,
					requires_approval: false,
					conversation_id: expect.stringMatching(/^conv_[0-9a-f]{16}$/),
				},
				pairedItem: paired(0),
			},
		]);
		expect(result.everything).not.toContain(sandbox.keys.full);
	});

	test('Additional Fields become context {campaign_id, conversation_id, list_id}; a conversation continues', async () => {
		const { sandbox, credentials } = env;
		const first = await runLeadlex({
			credentials,
			parameters: lexiOp('sendMessage', { message: 'Hello' }),
		});
		const conversationId = String(first.items[0].json.conversation_id);
		sandbox.requests.length = 0;
		const result = await runLeadlex({
			credentials,
			parameters: lexiOp('sendMessage', {
				message: '={{ $json.question }}',
				additionalFields: {
					campaignId: fromList('cmp_abc123'),
					conversationId: `  ${conversationId} `,
					listId: byId('={{ $json.list }}'),
				},
			}),
			items: [{ question: 'What is running?', list: 'list_estate_q2' }],
		});
		expect(result.error).toBeUndefined();
		expect(sentBodies(sandbox)).toEqual([
			{
				message: 'What is running?',
				context: {
					campaign_id: 'cmp_abc123',
					conversation_id: conversationId,
					list_id: 'list_estate_q2',
				},
			},
		]);
		expect(result.items[0].json.conversation_id).toBe(conversationId);
	});

	test('blank Additional Fields are not sent', async () => {
		const { sandbox, credentials } = env;
		await runLeadlex({
			credentials,
			parameters: lexiOp('sendMessage', {
				message: 'Hi',
				additionalFields: { campaignId: fromList(''), conversationId: ' ', listId: byId('') },
			}),
		});
		expect(sentBodies(sandbox)).toEqual([{ message: 'Hi' }]);
	});

	test('a request to start a campaign: Lexi queues a task that needs approval; the campaign does not change', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: lexiOp('sendMessage', {
				message: 'Please start this campaign',
				additionalFields: { campaignId: byId('cmp_paused01') },
			}),
		});
		const answer = result.items[0].json;
		expect(answer).toMatchObject({
			task_id: expect.stringMatching(/^task_/),
			requires_approval: true,
		});
		expect(answer.response).toContain(`approve task ${String(answer.task_id)}`);
		const pending = await tasksWith(sandbox, 'pending');
		expect(pending.map((task: { id: string }) => task.id)).toEqual([
			answer.task_id,
			...PENDING_TASKS,
		]);
		expect(pending[0]).toMatchObject({
			type: 'campaign_start',
			metadata: { campaign_id: 'cmp_paused01' },
		});
		expect(campaignStatus(sandbox, 'cmp_paused01')).toBe('paused');
	});

	test.each([
		['empty', { message: '  ' }, 'The Message is empty. Nothing was sent to LeadLex.'],
		[
			'not text',
			{ message: '={{ { a: 1 } }}' },
			'The Message must be text, but it is an object. Nothing was sent to LeadLex.',
		],
		[
			'a context ID with control characters',
			{ message: 'Hi', additionalFields: { conversationId: 'conv_1\n2' } },
			'The Conversation ID contains control characters. Nothing was sent to LeadLex.',
		],
		[
			'a context ID of 1,025 characters',
			{ message: 'Hi', additionalFields: { listId: byId('l'.repeat(1025)) } },
			'The List ID is 1025 characters long (at most 1024). Nothing was sent to LeadLex.',
		],
	])('%s: refused before anything is sent', async (_name, extra, message) => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({ credentials, parameters: lexiOp('sendMessage', extra) });
		expect(result.error?.message).toBe(message);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('an unknown conversation: 404 not_found names what the message refers to; not sent', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: lexiOp('sendMessage', {
				message: 'And now?',
				additionalFields: { conversationId: 'conv_gone' },
			}),
		});
		expect(result.error?.message).toBe(
			'LeadLex could not find the conversation, list or campaign the message names (HTTP 404 not_found): LeadLex said "No conversation with ID conv_gone". The message to Lexi was not sent.',
		);
		expect(result.error?.description).toContain('Conversation ID must come from an earlier');
		expect(await tasksWith(sandbox, 'pending')).toHaveLength(PENDING_TASKS.length);
	});

	test('400 validation_error quotes LeadLex and says the message was not sent', async () => {
		const { sandbox, credentials } = env;
		sandbox.failNext('POST', '/lexi/chat', 400, 'validation_error', 'Invalid value for message', {
			fields: { message: 'Too long' },
		});
		const result = await runLeadlex({
			credentials,
			parameters: lexiOp('sendMessage', { message: 'Hi' }),
		});
		expect(result.error?.message).toBe(
			'LeadLex refused the request for the message to Lexi (HTTP 400 validation_error): LeadLex said "Invalid value for message" (message: "Too long"). The message to Lexi was not sent.',
		);
	});

	test('a 2xx without data.response: the message was probably sent', async () => {
		const { sandbox, credentials } = env;
		sandbox.injectFault({
			type: 'response',
			status: 200,
			body: '{"data":{"task_id":null}}',
			contentType: 'application/json',
		});
		const result = await runLeadlex({
			credentials,
			parameters: lexiOp('sendMessage', { message: 'Hi' }),
		});
		expect(result.error?.message).toBe(
			'LeadLex answered HTTP 200 but without data.response. The message to Lexi was probably sent: check it in LeadLex before running the workflow again.',
		);
	});
});
