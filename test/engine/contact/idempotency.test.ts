import type { INodeParameters } from 'n8n-workflow';
import { runLeadlex } from '../harness';
import { byId, callSandbox, useSandbox } from '../fixtures';
import { contactOp, JANE_ID, Q2_MEMBER } from './fixtures';
import { rateLimitedFault } from '../../sandbox/faults';

const env = useSandbox();

const keysSent = () => env.sandbox.requests.map((request) => request.headers['idempotency-key']);

/** How many seeded contacts are left (the sandbox counts them in meta.total). */
async function contactCount(): Promise<number> {
	const answer = await callSandbox(env.sandbox, 'GET', '/v1/contacts?per_page=1');
	return answer.meta.total as number;
}

const deleteJane = contactOp('delete', { contactId: byId(JANE_ID) });
const mergeIntoJane = contactOp('merge', {
	primaryContactId: byId(JANE_ID),
	duplicateContactIds: Q2_MEMBER,
});

describe('requests LeadLex deduplicates carry an Idempotency-Key, the same on every repeat', () => {
	test.each<[string, INodeParameters, string]>([
		['Delete', deleteJane, '/bulk-delete'],
		['Merge', mergeIntoJane, '/merge'],
	])(
		'%s: an answer lost after LeadLex applied it is asked for again with the same key; applied once',
		async (_name, parameters, path) => {
			const { sandbox, credentials } = env;
			const before = await contactCount();
			sandbox.requests.length = 0;
			sandbox.injectFault({ type: 'lostAnswer' }, { pathIncludes: path });
			const result = await runLeadlex({ credentials, parameters });
			expect(result.error).toBeUndefined();
			expect(sandbox.requests.map((request) => request.status)).toEqual([0, 200]);
			const keys = keysSent();
			expect(keys[0]).toEqual(expect.any(String));
			expect(keys[1]).toBe(keys[0]);
			expect(await contactCount()).toBe(before - 1);
		},
	);

	test('a 429 is answered by one repeat with the same key', async () => {
		const { sandbox, credentials } = env;
		sandbox.injectFault(rateLimitedFault(), { pathIncludes: '/bulk-delete' });
		const result = await runLeadlex({ credentials, parameters: deleteJane });
		expect(result.items.map((item) => item.json)).toEqual([{ deleted: true, id: JANE_ID }]);
		expect(sandbox.requests.map((request) => request.status)).toEqual([429, 200]);
		expect(new Set(keysSent()).size).toBe(1);
	});

	test('a 5xx is repeated with the same key, at most twice; then the message says it may have been deleted', async () => {
		const { sandbox, credentials } = env;
		sandbox.failNext('POST', '/bulk-delete', 503, 'internal_error');
		const once = await runLeadlex({ credentials, parameters: deleteJane });
		expect(once.items.map((item) => item.json)).toEqual([{ deleted: true, id: JANE_ID }]);
		expect(sandbox.requests.map((request) => request.status)).toEqual([503, 200]);

		sandbox.reset();
		sandbox.injectFault({ type: 'reset' }, { pathIncludes: '/bulk-delete' }, 3);
		const started = Date.now();
		const failed = await runLeadlex({ credentials, parameters: deleteJane });
		expect(sandbox.requests).toHaveLength(3);
		expect(new Set(keysSent()).size).toBe(1);
		// Two short waits (0.5 s, 2 s) between the three tries.
		expect(Date.now() - started).toBeGreaterThanOrEqual(2_400);
		expect(failed.error?.message).toContain(
			'Contact "123e4567-e89b-12d3-a456-426614174000" may or may not have been deleted',
		);
		expect(failed.error?.description).toContain(
			'The node sent the request 3 times with the same Idempotency-Key, which LeadLex applies at most once.',
		);
	});

	test('a refused connection sent nothing: not repeated', async () => {
		const { credentials } = env;
		const started = Date.now();
		const result = await runLeadlex({
			credentials: { ...credentials, baseUrl: 'http://127.0.0.1:9/functions/v1/api-gateway' },
			parameters: deleteJane,
		});
		expect(result.error?.message).toContain('Could not connect to LeadLex');
		expect(result.error?.description ?? '').not.toContain('Idempotency-Key');
		expect(Date.now() - started).toBeLessThan(450);
	});

	test('a request LeadLex does not deduplicate (Update) is not repeated after a reset', async () => {
		const { sandbox, credentials } = env;
		sandbox.injectFault({ type: 'reset' }, { method: 'PATCH' });
		const result = await runLeadlex({
			credentials,
			parameters: contactOp('update', { contactId: byId(JANE_ID), updateFields: { phone: '1' } }),
		});
		expect(result.error?.message).toContain('may or may not have been updated');
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.requests[0].headers['idempotency-key']).toBeUndefined();
	});

	test('a 4xx refusal is not repeated', async () => {
		const { sandbox, credentials } = env;
		sandbox.failNext('POST', '/merge', 400, 'validation_error', 'Primary is a duplicate');
		const result = await runLeadlex({ credentials, parameters: mergeIntoJane });
		expect(result.error?.message).toContain('HTTP 400 validation_error');
		expect(result.error?.message).toContain('were not merged');
		expect(sandbox.requests).toHaveLength(1);
	});
});
