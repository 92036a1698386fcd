/**
 * Find Duplicates of Contact, Company and Deal (one factory, actions/findDuplicates.ts) through
 * n8n's engine against the sandbox: the request, the Idempotency-Key and LeadLex's 60-minute
 * cache, one item per pair, the checks before sending and every documented error.
 */
import type { INodeParameters } from 'n8n-workflow';
import { runLeadlex } from './harness';
import { callSandbox, fromList, sentBodies, sentRequests, useSandbox } from './fixtures';
import { apiPath, JANE_ID, Q2_LIST } from './contact/fixtures';
import { ACME_LEGAL, ACME_LOGISTICS } from './company/fixtures';
import { JANE_DEAL_ID, TRUST_DEAL_ID } from './deal/fixtures';
import { rateLimitedFault } from '../sandbox/faults';

const env = useSandbox();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const PATH = '/v1/ai/detect-duplicates';
const findDuplicates = (resource: string, extra: INodeParameters = {}): INodeParameters => ({
	resource,
	operation: 'findDuplicates',
	...extra,
});
const keysSent = () => env.sandbox.requests.map((request) => request.headers['idempotency-key']);

/** Each resource's run on the seed with at least one pair, and what it is called in messages. */
const RESOURCES: Array<[string, INodeParameters, string]> = [
	['contact', {}, 'Duplicate detection over the contacts'],
	['company', { additionalFields: { threshold: 0.5 } }, 'Duplicate detection over the companies'],
	['deal', {}, 'Duplicate detection over the deals'],
];

describe('Find Duplicates: one item per pair LeadLex found', () => {
	test('Contact: POST with entity_type only (LeadLex’s defaults), Idempotency-Key; 100 items', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({ credentials, parameters: findDuplicates('contact') });
		expect(result.error).toBeUndefined();
		expect(sentRequests(sandbox)).toEqual([['POST', apiPath(sandbox, PATH)]]);
		expect(sentBodies(sandbox)).toEqual([{ entity_type: 'contact' }]);
		const { headers } = sandbox.requests[0];
		expect(headers['idempotency-key']).toMatch(UUID);
		expect(headers.authorization).toBe(`Bearer ${sandbox.keys.full}`);
		expect(headers.accept).toBe('application/json');
		expect(headers['content-type']).toMatch(/^application\/json/);
		expect(result.items).toHaveLength(100);
		expect(result.items[0]).toEqual({
			json: {
				primary_id: 'c0de0001-0000-4000-8000-000000000002',
				duplicate_id: 'c0de0002-0000-4000-8000-000000000002',
				similarity: 0.99,
				matched_fields: ['email', 'full_name', 'phone'],
				reason: 'Same email address',
				total_candidates: 1112,
				credits_remaining: 22,
			},
			pairedItem: { item: 0 },
		});
		expect(sandbox.crm().enrichCredits).toBe(22);
	});

	test('Contact, every field: threshold, limit and the scope (List picker, tag, Created After with the workflow’s offset)', async () => {
		const { sandbox, credentials } = env;
		const twin = await callSandbox(sandbox, 'POST', '/v1/contacts', {
			full_name: 'Jane  Example',
			email: 'jane.example@firm.test',
			tags: ['estate-planning'],
		});
		await callSandbox(sandbox, 'POST', `/v1/lists/${Q2_LIST}/contacts`, {
			contact_ids: [JANE_ID, twin.data.id],
		});
		sandbox.requests.length = 0;
		const result = await runLeadlex({
			credentials,
			parameters: findDuplicates('contact', {
				additionalFields: {
					threshold: 0.88,
					limit: 5,
					listId: fromList(Q2_LIST),
					tag: ' estate-planning ',
					createdAfter: '2019-12-31T00:00:00',
				},
			}),
		});
		expect(result.error).toBeUndefined();
		expect(sentBodies(sandbox)).toEqual([
			{
				entity_type: 'contact',
				threshold: 0.88,
				limit: 5,
				scope: {
					created_after: '2019-12-31T00:00:00-05:00',
					tag: 'estate-planning',
					list_id: Q2_LIST,
				},
			},
		]);
		expect(result.items.map((item) => item.json)).toEqual([
			{
				primary_id: JANE_ID,
				duplicate_id: twin.data.id,
				similarity: 0.88,
				matched_fields: ['full_name'],
				reason: 'Same name',
				total_candidates: 2,
				credits_remaining: 22,
			},
		]);
	});

	test('Company: entity_type company; the Acme pair at threshold 0.5; none at LeadLex’s default', async () => {
		const { sandbox, credentials } = env;
		const loose = await runLeadlex({
			credentials,
			parameters: findDuplicates('company', {
				additionalFields: { threshold: 0.5, createdAfter: '2023-06-01T00:00:00', tag: 'x' },
			}),
		});
		expect(sentBodies(sandbox)).toEqual([
			{
				entity_type: 'company',
				threshold: 0.5,
				scope: { created_after: '2023-06-01T00:00:00-04:00', tag: 'x' },
			},
		]);
		// Tag x: no company has it, so no pair and no item.
		expect(loose.error).toBeUndefined();
		expect(loose.items).toEqual([]);
		sandbox.requests.length = 0;
		const acme = await runLeadlex({
			credentials,
			parameters: findDuplicates('company', { additionalFields: { threshold: 0.5 } }),
		});
		expect(acme.items.map((item) => item.json)).toEqual([
			{
				primary_id: ACME_LEGAL,
				duplicate_id: ACME_LOGISTICS,
				similarity: 0.6,
				matched_fields: ['name'],
				reason: 'Names begin with the same word',
				total_candidates: 6,
				credits_remaining: 19,
			},
		]);
		const none = await runLeadlex({ credentials, parameters: findDuplicates('company') });
		expect(none.error).toBeUndefined();
		expect(none.items).toEqual([]);
		expect(sandbox.crm().enrichCredits).toBe(16);
	});

	test('Deal: entity_type deal; JANE’s two estate-planning deals; Limit and Tag from expressions', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: findDuplicates('deal', {
				additionalFields: {
					limit: '={{ $json.limit }}',
					tag: '={{ $json.tag }}',
					threshold: '={{ "0.8" }}',
				},
			}),
			items: [{ limit: '10', tag: 'estate-planning' }],
		});
		expect(result.error).toBeUndefined();
		expect(sentBodies(sandbox)).toEqual([
			{ entity_type: 'deal', threshold: 0.8, limit: 10, scope: { tag: 'estate-planning' } },
		]);
		expect(result.items.map((item) => item.json)).toEqual([
			{
				primary_id: JANE_DEAL_ID,
				duplicate_id: TRUST_DEAL_ID,
				similarity: 0.88,
				matched_fields: ['main_contact_id', 'matter_type', 'pipeline'],
				reason: 'Same contact and matter type',
				total_candidates: 2,
				credits_remaining: 22,
			},
		]);
	});

	test('the List is offered for contacts only (LeadLex’s lists hold contacts): a deal’s is not sent', async () => {
		const { sandbox, credentials } = env;
		await runLeadlex({
			credentials,
			parameters: findDuplicates('deal', { additionalFields: { listId: fromList(Q2_LIST) } }),
		});
		expect(sentBodies(sandbox)).toEqual([{ entity_type: 'deal' }]);
	});

	test.each<[string, INodeParameters, string]>([
		[
			'a Threshold above 1',
			{ threshold: 1.5 },
			'The Threshold must be a number from 0 to 1, but it is 1.5.',
		],
		[
			'a Threshold that is not a number',
			{ threshold: '={{ "high" }}' },
			'The Threshold must be a number from 0 to 1, but it is "high".',
		],
		['a Limit of 0', { limit: 0 }, 'The Limit must be a whole number from 1 to 1000, but it is 0.'],
		[
			'a Limit over 1,000',
			{ limit: 1001 },
			'The Limit must be a whole number from 1 to 1000, but it is 1001.',
		],
		['a blank Tag', { tag: '={{ " " }}' }, 'The Tag is empty.'],
		['a blank List', { listId: fromList(' ') }, 'The List ID is empty.'],
		[
			'a Created After that is not a date',
			{ createdAfter: 'soon' },
			'The Created After must be a date and time such as 2026-04-17T14:30:00, but it is "soon".',
		],
	])('%s: refused before any request, naming the field', async (_name, fields, message) => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: findDuplicates('contact', { additionalFields: fields }),
		});
		expect(result.error?.message).toBe(`${message} Nothing was sent to LeadLex.`);
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe.each(RESOURCES)(
	'%s → Find Duplicates: the Idempotency-Key and LeadLex’s cache',
	(resource, extra) => {
		test('a 429 is sent again with the same key; charged once', async () => {
			const { sandbox, credentials } = env;
			sandbox.injectFault(rateLimitedFault());
			const result = await runLeadlex({ credentials, parameters: findDuplicates(resource, extra) });
			expect(result.error).toBeUndefined();
			expect(sandbox.requests.map((request) => request.status)).toEqual([429, 200]);
			expect(keysSent()[0]).toMatch(UUID);
			expect(new Set(keysSent()).size).toBe(1);
			expect(result.items.length).toBeGreaterThan(0);
			expect(sandbox.crm().enrichCredits).toBe(22);
		});

		test('a reset before LeadLex answered is sent again with the same key', async () => {
			const { sandbox, credentials } = env;
			sandbox.injectFault({ type: 'reset' }, { pathIncludes: PATH });
			const result = await runLeadlex({ credentials, parameters: findDuplicates(resource, extra) });
			expect(result.error).toBeUndefined();
			expect(sandbox.requests.map((request) => request.status)).toEqual([0, 200]);
			expect(new Set(keysSent()).size).toBe(1);
			expect(result.items.length).toBeGreaterThan(0);
		});

		test('an answer lost after LeadLex ran: the repeat gets the cached result, not charged again', async () => {
			const { sandbox, credentials } = env;
			sandbox.injectFault({ type: 'lostAnswer' }, { pathIncludes: PATH });
			const result = await runLeadlex({ credentials, parameters: findDuplicates(resource, extra) });
			expect(result.error).toBeUndefined();
			expect(sandbox.requests.map((request) => request.status)).toEqual([0, 200]);
			expect(new Set(keysSent()).size).toBe(1);
			expect(sandbox.crm().enrichCredits).toBe(22);
			expect(result.items.every((item) => item.json.credits_remaining === 22)).toBe(true);
		});

		test('each input item has its own key, and its own run', async () => {
			const { sandbox, credentials } = env;
			const result = await runLeadlex({
				credentials,
				parameters: findDuplicates(resource, extra),
				items: [{}, {}],
			});
			expect(new Set(keysSent()).size).toBe(2);
			expect(sandbox.crm().enrichCredits).toBe(19);
			const paired = result.items.map((item) => (item.pairedItem as { item: number }).item);
			expect(new Set(paired)).toEqual(new Set([0, 1]));
		});
	},
);

describe.each(RESOURCES)(
	'%s → Find Duplicates: every documented error says it was not run',
	(resource, extra, run) => {
		const go = async (apiKey?: string) =>
			await runLeadlex({
				credentials: { ...env.credentials, ...(apiKey ? { apiKey } : {}) },
				parameters: findDuplicates(resource, extra),
			});
		const label = run.charAt(0).toLowerCase() + run.slice(1);

		test('402 insufficient_credits: nothing charged, nothing detected', async () => {
			env.sandbox.setEnrichCredits(env.sandbox.keys.full, 2);
			const result = await go();
			expect(result.error?.message).toBe(
				`The LeadLex workspace has too few credits left for duplicate detection (HTTP 402 insufficient_credits), so no credit was spent. ${run} was not run.`,
			);
			expect(result.error?.description).toContain(
				'Each run of duplicate detection costs 3 to 10 credits by the workspace’s size (3 up to 10,000 records, 5 up to 100,000, 10 above). Add credits to the workspace in LeadLex, then run again.',
			);
			expect(env.sandbox.crm().enrichCredits).toBe(2);
			expect(env.sandbox.requests).toHaveLength(1);
		});

		test('402 with another code: payment required, LeadLex’s words quoted', async () => {
			env.sandbox.failNext('POST', PATH, 402, 'plan_required', 'Upgrade to use AI');
			const result = await go();
			expect(result.error?.message).toBe(
				`LeadLex refused to run ${label}: payment required (HTTP 402 plan_required), so no credit was spent: LeadLex said "Upgrade to use AI". ${run} was not run.`,
			);
		});

		test('400 validation_error: LeadLex’s explanation quoted', async () => {
			env.sandbox.failNext('POST', PATH, 400, 'validation_error', 'Invalid fields', {
				fields: { threshold: 'Must be a number between 0 and 1' },
			});
			const result = await go();
			expect(result.error?.message).toBe(
				`LeadLex refused the request for ${label} (HTTP 400 validation_error): LeadLex said "Invalid fields" (threshold: "Must be a number between 0 and 1"). ${run} was not run.`,
			);
		});

		test('401: the key is rejected', async () => {
			const result = await go(env.sandbox.keys.expired);
			expect(result.error?.message).toBe(`LeadLex rejected the API key. ${run} was not run.`);
			expect(result.everything).not.toContain(env.sandbox.keys.expired);
		});

		test('403: the key lacks write:ai', async () => {
			const result = await go(env.sandbox.keys.readOnly);
			expect(result.error?.message).toBe(
				`The LeadLex API key lacks the write:ai permission. ${run} was not run.`,
			);
		});

		test('429 with the daily quota used up: not waited for, not run', async () => {
			env.sandbox.setDailyRemaining(env.sandbox.keys.full, 0);
			const result = await go();
			expect(result.error?.message).toBe(`LeadLex daily API quota used up. ${run} was not run.`);
			expect(env.sandbox.requests).toHaveLength(1);
		});

		test('every try lost (5xx): it may have run and cost credits; the same key each time', async () => {
			env.sandbox.injectFault(
				{
					type: 'response',
					status: 503,
					body: '{"error":{"code":"internal_error"}}',
					contentType: 'application/json',
				},
				{ pathIncludes: PATH },
				3,
			);
			const result = await go();
			expect(result.error?.message).toBe(
				`LeadLex had a server error (HTTP 503). ${run} may or may not have been run: if it was, it cost 3 to 10 credits and changed no record. A new run sends a new Idempotency-Key, which LeadLex does not answer from its cache: it runs and is charged again.`,
			);
			expect(result.error?.description).toContain(
				'The node sent the request 3 times with the same Idempotency-Key, which LeadLex applies at most once.',
			);
			expect(new Set(keysSent()).size).toBe(1);
		});

		test('a 2xx without data.pairs: it probably ran', async () => {
			env.sandbox.injectFault({
				type: 'response',
				status: 200,
				body: '{"data":{"total_candidates":3}}',
				contentType: 'application/json',
			});
			const result = await go();
			expect(result.error?.message).toContain(`${run} was probably run`);
		});
	},
);
