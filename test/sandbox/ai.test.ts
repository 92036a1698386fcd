/**
 * Contract checks for the sandbox's duplicate detection (docs §9.5, §6, §4 and the assumptions in
 * README.md "AI routes"). Plain fetch.
 */
import { detectionCost } from './duplicates';
import { JANE, startContractSandbox, T0, TEST_KEYS, type ContractSandbox } from './contractClient';

const PATH = '/v1/ai/detect-duplicates';
const MINUTE = 60_000;
const company = (n: number) => `c0c00000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const JANE_DEAL = '3f8e1d2c-4b5a-6d7e-8f9a-0b1c2d3e4f5a';
const TRUST_DEAL = 'dea10000-0000-4000-8000-000000000005';
/** The first contact of cmp_abc123 after JANE (Cleo Garcia, cleo.garcia.2@example.com). */
const CLEO_2 = 'c0de0001-0000-4000-8000-000000000002';

interface Pair {
	primary_id: string;
	duplicate_id: string;
	similarity: number;
	matched_fields: string[];
	reason: string;
}

describe('LeadLex sandbox: POST /v1/ai/detect-duplicates', () => {
	let t: ContractSandbox;
	const detect = async (body: unknown, key?: string, headers?: Record<string, string>) =>
		await t.call('POST', PATH, body, key, headers);
	const credits = () => t.sb.crm().enrichCredits;

	beforeAll(async () => {
		t = await startContractSandbox();
	});
	beforeEach(async () => await t.reset());
	afterAll(async () => await t.close());

	test('contacts: LeadLex’s defaults (0.85, 100 pairs), best first, the older record primary; 3 credits', async () => {
		const res = await detect({ entity_type: 'contact' });
		expect(res.status).toBe(200);
		const { pairs, total_candidates, credits_remaining } = res.json.data as {
			pairs: Pair[];
			total_candidates: number;
			credits_remaining: number;
		};
		expect([pairs.length, total_candidates, credits_remaining, credits()]).toEqual([
			100, 1112, 22, 22,
		]);
		expect(pairs[0]).toEqual({
			primary_id: CLEO_2,
			duplicate_id: 'c0de0002-0000-4000-8000-000000000002',
			similarity: 0.99,
			matched_fields: ['email', 'full_name', 'phone'],
			reason: 'Same email address',
		});
		const contacts = new Map(t.sb.contacts().map((c) => [c.id, c]));
		for (const pair of pairs) {
			const [primary, duplicate] = [
				contacts.get(pair.primary_id)!,
				contacts.get(pair.duplicate_id)!,
			];
			expect(Date.parse(primary.created_date)).toBeLessThan(Date.parse(duplicate.created_date));
			expect(pair.similarity).toBeGreaterThanOrEqual(0.85);
		}
		const similarities = pairs.map((pair) => pair.similarity);
		expect(similarities).toEqual([...similarities].sort((a, b) => b - a));
	});

	test('threshold and limit: pairs at or above the threshold, at most limit (up to 1,000)', async () => {
		const all = await detect({ entity_type: 'contact', threshold: 0.85, limit: 1000 });
		expect(all.json.data.pairs).toHaveLength(1000);
		const names = await detect({ entity_type: 'contact', threshold: 0.88, limit: 1000 });
		const low = (names.json.data.pairs as Pair[]).map((pair) => pair.similarity);
		expect(Math.min(...low)).toBeGreaterThanOrEqual(0.88);
		const strict = await detect({ entity_type: 'contact', threshold: 0.99, limit: 3 });
		expect((strict.json.data.pairs as Pair[]).map((pair) => pair.similarity)).toEqual([
			0.99, 0.99, 0.99,
		]);
		const none = await detect({ entity_type: 'contact', threshold: 1 });
		expect(none.json.data.pairs).toEqual([]);
		expect(credits()).toBe(25 - 4 * 3);
	});

	test('scope: list_id, tag and created_after keep only those records (all conditions hold)', async () => {
		const list = await detect({
			entity_type: 'contact',
			limit: 2,
			scope: { list_id: 'list_big_outreach' },
		});
		expect(list.json.data).toEqual({
			pairs: [
				{
					primary_id: 'c0de9003-0000-4000-8000-000000000001',
					duplicate_id: 'c0de9003-0000-4000-8000-000000000041',
					similarity: 0.9,
					matched_fields: ['full_name', 'company'],
					reason: 'Same name',
				},
				expect.objectContaining({ duplicate_id: 'c0de9003-0000-4000-8000-000000000081' }),
			],
			total_candidates: 150,
			credits_remaining: 22,
		});
		const tag = await detect({ entity_type: 'contact', scope: { tag: 'Estate-Planning' } });
		expect(tag.json.data).toEqual({ pairs: [], total_candidates: 1, credits_remaining: 19 });
		const recent = await detect({
			entity_type: 'contact',
			scope: { created_after: '2025-02-18T16:00:00Z', list_id: 'list_big_outreach' },
		});
		// list_big_outreach's contacts were created 15:01 to 17:30, one a minute.
		expect(recent.json.data.total_candidates).toBe(90);
	});

	test('companies: none at 0.85; the two Acme companies at 0.5 (their names begin alike)', async () => {
		const strict = await detect({ entity_type: 'company' });
		expect(strict.json.data).toEqual({ pairs: [], total_candidates: 6, credits_remaining: 22 });
		const loose = await detect({ entity_type: 'company', threshold: 0.5 });
		expect(loose.json.data.pairs).toEqual([
			{
				primary_id: company(1),
				duplicate_id: company(2),
				similarity: 0.6,
				matched_fields: ['name'],
				reason: 'Names begin with the same word',
			},
		]);
	});

	test('deals: JANE’s two estate-planning deals (same contact and matter type, same pipeline)', async () => {
		const res = await detect({ entity_type: 'deal' });
		expect(res.json.data).toEqual({
			pairs: [
				{
					primary_id: JANE_DEAL,
					duplicate_id: TRUST_DEAL,
					similarity: 0.88,
					matched_fields: ['main_contact_id', 'matter_type', 'pipeline'],
					reason: 'Same contact and matter type',
				},
			],
			total_candidates: 5,
			credits_remaining: 22,
		});
	});

	test('records created through the API are compared too', async () => {
		const contact = await t.call('POST', '/v1/contacts', {
			full_name: 'J. Example',
			email: 'JANE@example.com',
			tags: ['estate-planning'],
		});
		const deal = await t.call('POST', '/v1/deals', {
			name: 'trust  amendment',
			main_contact_id: JANE,
		});
		const contacts = await detect({ entity_type: 'contact', scope: { tag: 'estate-planning' } });
		expect(contacts.json.data.pairs).toEqual([
			{
				primary_id: JANE,
				duplicate_id: contact.json.data.id,
				similarity: 0.97,
				matched_fields: ['email'],
				reason: 'Same email address',
			},
		]);
		const deals = await detect({ entity_type: 'deal' });
		expect(deals.json.data.pairs[0]).toEqual({
			primary_id: TRUST_DEAL,
			duplicate_id: deal.json.data.id,
			similarity: 0.95,
			matched_fields: ['name', 'main_contact_id'],
			reason: 'Same name and contact',
		});
	});

	test.each<[string, unknown, string[]]>([
		['no entity_type', {}, ['entity_type']],
		['an unknown entity_type', { entity_type: 'lead' }, ['entity_type']],
		['a threshold above 1', { entity_type: 'contact', threshold: 1.5 }, ['threshold']],
		['a threshold as text', { entity_type: 'contact', threshold: '0.9' }, ['threshold']],
		['a limit of 0', { entity_type: 'contact', limit: 0 }, ['limit']],
		['a limit over 1,000', { entity_type: 'contact', limit: 1001 }, ['limit']],
		['a limit that is not whole', { entity_type: 'contact', limit: 2.5 }, ['limit']],
		['a scope that is not an object', { entity_type: 'contact', scope: 'all' }, ['scope']],
		['a blank tag', { entity_type: 'contact', scope: { tag: ' ' } }, ['scope.tag']],
		[
			'created_after that is not a date',
			{ entity_type: 'contact', scope: { created_after: 'yesterday' } },
			['scope.created_after'],
		],
		[
			'an unknown list',
			{ entity_type: 'contact', scope: { list_id: 'list_nope' } },
			['scope.list_id'],
		],
		[
			'a list for companies',
			{ entity_type: 'company', scope: { list_id: 'list-uuid-here' } },
			['scope.list_id'],
		],
		[
			'unknown fields',
			{ entity_type: 'deal', fields: ['name'], scope: { owner: 'me' } },
			['fields', 'scope.owner'],
		],
	])('%s: 400 validation_error naming it; nothing charged', async (_name, body, fields) => {
		const res = await detect(body);
		expect([res.status, res.json.error.code]).toEqual([400, 'validation_error']);
		expect(Object.keys(res.json.error.details.fields)).toEqual(fields);
		expect(credits()).toBe(25);
	});

	test('too few credits: 402 insufficient_credits, nothing charged or detected', async () => {
		t.sb.setEnrichCredits(t.sb.keys.full, 2);
		const res = await detect({ entity_type: 'contact' });
		expect(res.status).toBe(402);
		expect(res.json.error).toEqual({
			code: 'insufficient_credits',
			message: 'Duplicate detection costs 3 credits; 2 left',
			details: { credits_required: 3, credits_remaining: 2 },
		});
		expect(credits()).toBe(2);
		t.sb.setEnrichCredits(t.sb.keys.full, 3);
		const last = await detect({ entity_type: 'contact', limit: 1 });
		expect([last.status, last.json.data.credits_remaining]).toEqual([200, 0]);
		// The second workspace starts without credits; its records are its own.
		const other = await detect({ entity_type: 'contact' }, TEST_KEYS.otherCoarse);
		expect(other.status).toBe(402);
		t.sb.setEnrichCredits(TEST_KEYS.otherCoarse, 10);
		const own = await detect({ entity_type: 'contact' }, TEST_KEYS.otherCoarse);
		expect([own.status, own.json.data.total_candidates, own.json.data.credits_remaining]).toEqual([
			200, 8, 7,
		]);
	});

	test('write:ai (or the coarse write) is needed: 403 names it, nothing charged', async () => {
		const refused = await detect({ entity_type: 'contact' }, TEST_KEYS.contactsWrite);
		expect([refused.status, refused.json.error.code]).toEqual([403, 'insufficient_permissions']);
		expect(refused.json.error.message).toContain('write:ai');
		expect(credits()).toBe(25);
		const coarse = await detect({ entity_type: 'deal' }, t.sb.keys.coarseReadWrite);
		expect(coarse.status).toBe(200);
	});

	test('the 60-minute cache: the same Idempotency-Key within 60 minutes gets the first answer, not charged again', async () => {
		const headers = { 'Idempotency-Key': 'dups-key-1' };
		const first = await detect({ entity_type: 'deal' }, undefined, headers);
		await t.call('POST', '/v1/deals', { name: 'Trust Amendment', main_contact_id: JANE });
		t.setNow(T0 + 59 * MINUTE);
		const cached = await detect({ entity_type: 'deal' }, undefined, headers);
		expect(cached.json).toEqual(first.json);
		expect(credits()).toBe(22);
		t.setNow(T0 + 60 * MINUTE);
		const fresh = await detect({ entity_type: 'deal' }, undefined, headers);
		expect(fresh.json.data.pairs).toHaveLength(2);
		expect(fresh.json.data.credits_remaining).toBe(19);
		// Without a key every request runs and is charged.
		await detect({ entity_type: 'deal' });
		await detect({ entity_type: 'deal' });
		expect(credits()).toBe(13);
	});

	test('a refused request is not cached: the key runs once credits are there', async () => {
		const headers = { 'Idempotency-Key': 'dups-key-2' };
		t.sb.setEnrichCredits(t.sb.keys.full, 0);
		expect((await detect({ entity_type: 'deal' }, undefined, headers)).status).toBe(402);
		t.sb.setEnrichCredits(t.sb.keys.full, 3);
		const ran = await detect({ entity_type: 'deal' }, undefined, headers);
		expect([ran.status, ran.json.data.credits_remaining]).toEqual([200, 0]);
	});

	test('the cost by workspace size: 3 up to 10,000 records, 5 up to 100,000, 10 above', async () => {
		expect([10_000, 10_001, 100_000, 100_001].map(detectionCost)).toEqual([3, 5, 5, 10]);
		// 1,112 contacts + 6 companies + 5 deals; 8,878 more contacts make 10,001 records.
		const missing = 10_001 - 1_123;
		for (let start = 0; start < missing; start += 500) {
			const contacts = Array.from({ length: Math.min(500, missing - start) }, (_, i) => ({
				full_name: `Bulk Person ${start + i}`,
				email: `bulk.${start + i}@example.org`,
			}));
			expect((await t.call('POST', '/v1/contacts/bulk', { contacts })).status).toBe(201);
		}
		const res = await detect({ entity_type: 'company' });
		expect([res.status, res.json.data.credits_remaining]).toEqual([200, 20]);
	});
});
