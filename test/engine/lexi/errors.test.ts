import type { INodeParameters } from 'n8n-workflow';
import { runLeadlex } from '../harness';
import { byId, UNKNOWN_KEY, useSandbox } from '../fixtures';
import { lexiOp, PROSPECTS_TASK, tasksWith } from './fixtures';

const env = useSandbox();

interface Case {
	parameters: INodeParameters;
	method: string;
	/** The sentence that ends a message when nothing changed (none for the read). */
	unchanged: string;
	/** How a may-have-changed message says it (none for the read). */
	maybe: string;
}

const CASES: Array<[string, Case]> = [
	[
		'sendMessage',
		{
			parameters: lexiOp('sendMessage', { message: 'Start cmp_paused01' }),
			method: 'POST',
			unchanged: 'The message to Lexi was not sent.',
			maybe:
				'The message to Lexi may or may not have been sent: Lexi may have queued a task: check Lexi → Get Tasks before sending the message again.',
		},
	],
	['getTasks', { parameters: lexiOp('getTasks'), method: 'GET', unchanged: '', maybe: '' }],
	[
		'approveTask',
		{
			parameters: lexiOp('approveTask', { taskId: byId(PROSPECTS_TASK) }),
			method: 'POST',
			unchanged: `Lexi task "${PROSPECTS_TASK}" was not approved.`,
			maybe: `Lexi task "${PROSPECTS_TASK}" may or may not have been approved: check it in LeadLex before running the workflow again.`,
		},
	],
];
const withOutcome = (headline: string, c: Case) =>
	c.unchanged ? `${headline}. ${c.unchanged}` : headline;

describe('every Lexi operation explains every documented answer in its message alone', () => {
	test.each(CASES)(
		'%s: 403 insufficient_permissions names lexi (the coarse read and write do not grant it)',
		async (_op, c) => {
			const { sandbox, credentials } = env;
			const result = await runLeadlex({
				credentials: { ...credentials, apiKey: sandbox.keys.coarseReadWrite },
				parameters: c.parameters,
			});
			expect(result.error?.message).toBe(
				withOutcome('The LeadLex API key lacks the lexi permission', c),
			);
			expect(result.error?.description).toContain('Give the key the lexi permission');
			expect(await tasksWith(sandbox, 'pending')).toHaveLength(2);
		},
	);

	test.each(CASES)('%s: 401 invalid_key; the key is nowhere in the output', async (_op, c) => {
		const { credentials } = env;
		const result = await runLeadlex({
			credentials: { ...credentials, apiKey: UNKNOWN_KEY },
			parameters: c.parameters,
		});
		expect(result.error?.message).toBe(withOutcome('LeadLex rejected the API key', c));
		expect(result.everything).not.toContain(UNKNOWN_KEY);
	});

	test.each(CASES)('%s: a 404 without a LeadLex body is a wrong Base URL', async (_op, c) => {
		const { sandbox, credentials } = env;
		sandbox.injectFault({
			type: 'response',
			status: 404,
			body: 'Not Found',
			contentType: 'text/plain',
		});
		const result = await runLeadlex({ credentials, parameters: c.parameters });
		expect(result.error?.message).toBe(
			withOutcome('No LeadLex API at the configured Base URL (HTTP 404)', c),
		);
	});

	test.each(CASES)(
		'%s: the daily quota used up (429): not waited for, nothing changed',
		async (_op, c) => {
			const { sandbox, credentials } = env;
			sandbox.setDailyRemaining(sandbox.keys.full, 0);
			const result = await runLeadlex({ credentials, parameters: c.parameters });
			expect(result.error?.message).toMatch(/^LeadLex daily API quota used up/);
			if (c.unchanged) expect(result.error?.message).toContain(c.unchanged);
			expect(sandbox.requests).toHaveLength(1);
		},
	);

	test.each(CASES)('%s: a per-minute 429 is waited out and sent again', async (_op, c) => {
		const { sandbox, credentials } = env;
		sandbox.injectFault(
			{
				type: 'response',
				status: 429,
				body: '{"error":{"code":"rate_limited","message":"Rate limit exceeded"}}',
				contentType: 'application/json',
				headers: { 'Retry-After': '0' },
			},
			{ method: c.method },
		);
		const result = await runLeadlex({ credentials, parameters: c.parameters });
		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map((request) => request.status)).toEqual([429, 200]);
	});

	test.each(CASES)(
		'%s: a 5xx is not sent again and says whether anything may have changed',
		async (_op, c) => {
			const { sandbox, credentials } = env;
			sandbox.injectFault(
				{
					type: 'response',
					status: 502,
					body: '<html>Bad Gateway</html>',
					contentType: 'text/html',
				},
				undefined,
				3,
			);
			const result = await runLeadlex({ credentials, parameters: c.parameters });
			const headline = 'LeadLex had a server error (HTTP 502)';
			expect(result.error?.message).toBe(c.maybe ? `${headline}. ${c.maybe}` : headline);
			expect(sandbox.requests).toHaveLength(1);
		},
	);
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
