/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
/**
 * Contract checks for the LeadLex sandbox itself (plain HTTP, no n8n involved).
 */
import * as http from 'node:http';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';

import { MAIN_WORKSPACE_ID, OTHER_WORKSPACE_ID, startSandbox, type Sandbox } from './server';

const REQUEST_ID = /^req_[0-9A-Z]{26}$/;
const T0 = Date.UTC(2026, 3, 17, 14, 30, 10, 0); // 2026-04-17T14:30:10Z
const NEXT_MIDNIGHT_S = Date.UTC(2026, 3, 18) / 1000;

interface RawResponse {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: string;
}

/** Sends the path byte for byte (axios/URL would normalise `..`). */
function rawRequest(
	sb: Sandbox,
	method: string,
	path: string,
	headers: Record<string, string> = {},
): Promise<RawResponse> {
	const origin = new URL(sb.origin);
	return new Promise((resolve, reject) => {
		const req = http.request(
			{ host: origin.hostname, port: origin.port, method, path, headers, agent: false },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () =>
					resolve({
						status: res.statusCode ?? 0,
						headers: res.headers,
						body: Buffer.concat(chunks).toString('utf8'),
					}),
				);
				res.on('error', reject);
			},
		);
		req.on('error', reject);
		req.end();
	});
}

function expectStandardHeaders(res: AxiosResponse | RawResponse, remaining?: number): void {
	expect(res.headers['x-ratelimit-limit']).toBe('1000');
	expect(res.headers['x-ratelimit-reset']).toBe(String(NEXT_MIDNIGHT_S));
	expect(res.headers['x-request-id']).toMatch(REQUEST_ID);
	if (remaining !== undefined) expect(res.headers['x-ratelimit-remaining']).toBe(String(remaining));
	else expect(res.headers['x-ratelimit-remaining']).toMatch(/^\d+$/);
}

function expectError(res: AxiosResponse, status: number, code: string): void {
	expect(res.status).toBe(status);
	expect(res.headers['content-type']).toBe('application/json');
	expect(res.data).toEqual({ error: { code, message: expect.any(String) } });
}

describe('LeadLex sandbox', () => {
	let sb: Sandbox;
	let clock = T0;
	let api: AxiosInstance;
	const as = (key: string) => ({ headers: { Authorization: `Bearer ${key}` } });

	beforeAll(async () => {
		sb = await startSandbox({ now: () => clock });
		api = axios.create({ baseURL: sb.url, validateStatus: () => true, adapter: 'http' });
	});
	afterAll(async () => {
		await sb.close();
	});
	beforeEach(() => {
		clock = T0;
		sb.reset();
		sb.setOptions({
			profile: 'full',
			perWindowLimit: 50,
			windowMs: 60_000,
			dailyLimit: 1000,
			latencyMs: 0,
		});
	});

	describe('auth and permissions', () => {
		it('answers 401 invalid_key for a missing, unknown, expired or non-Bearer key', async () => {
			const cases: Array<Record<string, string>> = [
				{},
				{ Authorization: 'Bearer wbk_unknown_0000' },
				{ Authorization: `Bearer ${sb.keys.expired}` },
				{ Authorization: `Basic ${sb.keys.full}` },
				{ Authorization: sb.keys.full },
			];
			for (const headers of cases) {
				const res = await api.get('/v1/campaigns', { headers });
				expectError(res, 401, 'invalid_key');
				expect(res.data.error.message).toBe('Invalid or expired API key');
				expectStandardHeaders(res, 1000);
			}
		});

		it('ignores a key in the query string', async () => {
			const res = await api.get(`/v1/campaigns?api_key=${sb.keys.full}&key=${sb.keys.full}`);
			expectError(res, 401, 'invalid_key');
		});

		it('does not count 401s against the quota', async () => {
			await api.get('/v1/campaigns');
			const res = await api.get('/v1/campaigns', as(sb.keys.full));
			expect(res.status).toBe(200);
			expectStandardHeaders(res, 999);
		});

		it('answers 403 insufficient_permissions naming the missing permission', async () => {
			const del = await api.delete('/v1/campaigns/cmp_abc123/steps/step_2', as(sb.keys.readOnly));
			expectError(del, 403, 'insufficient_permissions');
			expect(del.data.error.message).toContain('campaigns:write');
			expectStandardHeaders(del, 999);

			const get = await api.get('/v1/campaigns/cmp_abc123/steps', as(sb.keys.writeOnly));
			expectError(get, 403, 'insufficient_permissions');
			expect(get.data.error.message).toContain('campaigns:read');

			expectError(
				await api.get('/v1/campaigns', as(sb.keys.none)),
				403,
				'insufficient_permissions',
			);
			expect(sb.steps('cmp_abc123')).toHaveLength(4);
		});

		it('accepts the coarse read/write model', async () => {
			expect(
				(await api.get('/v1/campaigns/cmp_abc123/steps', as(sb.keys.coarseReadWrite))).status,
			).toBe(200);
			const del = await api.delete(
				'/v1/campaigns/cmp_abc123/steps/step_1',
				as(sb.keys.coarseReadWrite),
			);
			expect(del.status).toBe(200);
		});

		it('answers 404 (not 403) for another workspace’s resources', async () => {
			const a = await api.get('/v1/campaigns/cmp_abc123/steps', as(sb.keys.otherWorkspace));
			expectError(a, 404, 'campaign_not_found');
			const b = await api.delete(
				'/v1/campaigns/cmp_other01/steps/step_other01_1',
				as(sb.keys.full),
			);
			expectError(b, 404, 'campaign_not_found');
			expect(sb.steps('cmp_other01', OTHER_WORKSPACE_ID)).toHaveLength(2);

			const list = await api.get('/v1/campaigns', as(sb.keys.otherWorkspace));
			expect(list.data.meta.total).toBe(2);
			expect(list.data.data.campaigns.map((c: { id: string }) => c.id)).toEqual([
				'cmp_other02',
				'cmp_other01',
			]);
		});

		it('checks the route before the permission', async () => {
			expectError(
				// PUT: no such route (POST .../steps became a real route with create step)
				await api.put('/v1/campaigns/cmp_abc123/steps', {}, as(sb.keys.none)),
				404,
				'not_found',
			);
			expectError(
				await api.put('/v1/campaigns/cmp_abc123', {}, as(sb.keys.readOnly)),
				404,
				'not_found',
			);
		});
	});

	describe('list campaigns', () => {
		it('pages through 240 campaigns, newest first', async () => {
			const first = await api.get('/v1/campaigns', as(sb.keys.full));
			expect(first.status).toBe(200);
			expect(first.headers['content-type']).toBe('application/json');
			expect(first.data.meta).toEqual({ page: 1, per_page: 50, total: 240 });
			expect(first.data.data.campaigns[0]).toEqual({
				id: 'cmp_draft01',
				name: 'Family Law Newsletter Launch',
				status: 'draft',
				created_at: '2026-03-20T11:30:00Z',
				step_count: 2,
			});
			const ids: string[] = [];
			const dates: string[] = [];
			for (let page = 1; page <= 3; page++) {
				const res = await api.get(`/v1/campaigns?page=${page}&per_page=100`, as(sb.keys.full));
				expect(res.data.meta).toEqual({ page, per_page: 100, total: 240 });
				for (const c of res.data.data.campaigns as Array<{ id: string; created_at: string }>) {
					ids.push(c.id);
					dates.push(c.created_at);
				}
			}
			expect(ids).toHaveLength(240);
			expect(new Set(ids).size).toBe(240);
			expect([...dates].sort().reverse()).toEqual(dates);
			expect(ids[ids.length - 1]).toBe('cmp_gen001');

			const last = await api.get('/v1/campaigns?page=5', as(sb.keys.full));
			expect(last.data.data.campaigns).toHaveLength(40);
			const past = await api.get('/v1/campaigns?page=6', as(sb.keys.full));
			expect(past.data.data.campaigns).toEqual([]);
			expect(past.data.meta.total).toBe(240);
		});

		it.each([
			'per_page=101',
			'per_page=abc',
			'per_page=0',
			'page=0',
			'page=-1',
			'page=1.5',
			'per_page=',
		])('rejects %s with 400 validation_error', async (query) => {
			const res = await api.get(`/v1/campaigns?${query}`, as(sb.keys.full));
			expect(res.status).toBe(400);
			expect(res.data.error.code).toBe('validation_error');
			expectStandardHeaders(res);
		});

		it('filters by search (case-insensitive) in profile full', async () => {
			const res = await api.get(
				'/v1/campaigns?search=ESTATE%20planning&per_page=100',
				as(sb.keys.full),
			);
			const expected = sb
				.campaigns()
				.filter((c) => c.name.toLowerCase().includes('estate planning'));
			expect(expected.length).toBeGreaterThan(1);
			expect(res.data.meta.total).toBe(expected.length);
			expect(res.data.data.campaigns.map((c: { id: string }) => c.id)).toContain('cmp_abc123');
		});

		it('ignores search in profile docs-only', async () => {
			sb.setOptions({ profile: 'docs-only' });
			const res = await api.get('/v1/campaigns?search=estate', as(sb.keys.full));
			expect(res.data.meta.total).toBe(240);
		});
	});

	describe('steps', () => {
		it('lists steps in index order with the documented fields', async () => {
			const res = await api.get('/v1/campaigns/cmp_abc123/steps', as(sb.keys.full));
			expect(res.status).toBe(200);
			expect(res.data.meta).toBeUndefined();
			const steps = res.data.data.steps as Array<Record<string, unknown>>;
			expect(steps.map((s) => s.id)).toEqual(['step_1', 'step_2', 'step_3', 'step_4']);
			expect(steps[1]).toEqual({
				id: 'step_2',
				index: 1,
				subject: 'Re: {{company_name}}',
				body: 'Just circling back on my note from last week...',
				delay_days: 3,
				delay_hours: 0,
				send_condition: 'if_no_reply',
				created_at: '2026-03-15T09:05:00Z',
			});
			expectError(
				await api.get('/v1/campaigns/cmp_nope/steps', as(sb.keys.full)),
				404,
				'campaign_not_found',
			);
		});

		it('deletes a step and compacts later indexes', async () => {
			const res = await api.delete('/v1/campaigns/cmp_abc123/steps/step_2', as(sb.keys.full));
			expect(res.status).toBe(200);
			expect(res.data).toEqual({ data: { deleted: true, id: 'step_2' } });
			expect(sb.steps('cmp_abc123').map((s) => [s.id, s.index])).toEqual([
				['step_1', 0],
				['step_3', 1],
				['step_4', 2],
			]);
			const again = await api.delete('/v1/campaigns/cmp_abc123/steps/step_2', as(sb.keys.full));
			expectError(again, 404, 'step_not_found');
			expectError(
				await api.delete('/v1/campaigns/cmp_nope/steps/step_1', as(sb.keys.full)),
				404,
				'campaign_not_found',
			);
			// a step of another campaign is not found in this one
			expectError(
				await api.delete('/v1/campaigns/cmp_paused01/steps/step_1', as(sb.keys.full)),
				404,
				'step_not_found',
			);
			expect(sb.campaigns().find((c) => c.id === 'cmp_abc123')?.step_count).toBe(3);
		});

		it('gets a campaign and deletes only drafts', async () => {
			const get = await api.get('/v1/campaigns/cmp_abc123', as(sb.keys.full));
			expect(get.data.data.campaign).toMatchObject({
				id: 'cmp_abc123',
				status: 'active',
				step_count: 4,
			});
			expectError(
				await api.delete('/v1/campaigns/cmp_abc123', as(sb.keys.full)),
				409,
				'campaign_not_draft',
			);
			const del = await api.delete('/v1/campaigns/cmp_draft01', as(sb.keys.full));
			expect(del.data).toEqual({ data: { deleted: true, id: 'cmp_draft01' } });
			expect(sb.campaigns()).toHaveLength(239);
		});
	});

	describe('raw paths', () => {
		const base = '/functions/v1/api-gateway';

		it('treats `..` and `%2E%2E` as opaque step IDs and records the raw path', async () => {
			const auth = { Authorization: `Bearer ${sb.keys.full}` };
			const a = await rawRequest(sb, 'DELETE', `${base}/v1/campaigns/cmp_draft01/steps/..`, auth);
			expect(a.status).toBe(404);
			expect(JSON.parse(a.body).error.code).toBe('step_not_found');
			const b = await rawRequest(
				sb,
				'DELETE',
				`${base}/v1/campaigns/cmp_draft01/steps/%2E%2E?x=1`,
				auth,
			);
			expect(JSON.parse(b.body).error.code).toBe('step_not_found');
			expect(sb.campaigns().map((c) => c.id)).toContain('cmp_draft01');
			expect(sb.steps('cmp_draft01')).toHaveLength(2);

			expect(sb.requests.map((r) => [r.method, r.rawPath, r.path, r.status])).toEqual([
				[
					'DELETE',
					`${base}/v1/campaigns/cmp_draft01/steps/..`,
					'/v1/campaigns/cmp_draft01/steps/..',
					404,
				],
				[
					'DELETE',
					`${base}/v1/campaigns/cmp_draft01/steps/%2E%2E?x=1`,
					'/v1/campaigns/cmp_draft01/steps/%2E%2E',
					404,
				],
			]);
			expect(sb.requests[0].headers.authorization).toBe(`Bearer ${sb.keys.full}`);
			expect(sb.requests[0].requestId).toBe(a.headers['x-request-id']);
		});

		it('keeps an encoded slash inside one ID', async () => {
			const auth = { Authorization: `Bearer ${sb.keys.full}` };
			const res = await rawRequest(sb, 'GET', `${base}/v1/campaigns/cmp_abc123%2Fsteps`, auth);
			expect(res.status).toBe(404);
			expect(JSON.parse(res.body).error.code).toBe('campaign_not_found');
		});

		it('answers 400 for a malformed segment, 404 for unknown routes and paths outside basePath', async () => {
			const auth = { Authorization: `Bearer ${sb.keys.full}` };
			const bad = await rawRequest(sb, 'GET', `${base}/v1/campaigns/%E0%A4%A/steps`, auth);
			expect(bad.status).toBe(400);
			expect(JSON.parse(bad.body).error.code).toBe('validation_error');
			for (const path of [
				`${base}/v1/campaigns/`,
				`${base}/v1/nope`,
				`${base}`,
				'/v1/campaigns',
				'/',
			]) {
				const res = await rawRequest(sb, 'GET', path, auth);
				expect(res.status).toBe(404);
				expect(res.headers['content-type']).toBe('application/json');
				expect(JSON.parse(res.body)).toEqual({
					error: { code: 'not_found', message: 'Route not found' },
				});
				expectStandardHeaders(res);
			}
			// outside basePath: recorded with the unchanged path, not counted
			expect(sb.requests[sb.requests.length - 1]).toMatchObject({
				rawPath: '/',
				path: '/',
				status: 404,
			});
		});
	});

	describe('headers', () => {
		it('puts rate-limit headers and a unique request ID on every response', async () => {
			const responses = [
				await api.get('/v1/campaigns', as(sb.keys.full)),
				await api.get('/v1/campaigns'),
				await api.get('/v1/campaigns', as(sb.keys.none)),
				await api.get('/v1/campaigns/cmp_x/steps', as(sb.keys.full)),
				await api.get('/v1/nope', as(sb.keys.full)),
				await api.get('/v1/campaigns?per_page=500', as(sb.keys.full)),
			];
			const ids = new Set<string>();
			for (const res of responses) {
				expectStandardHeaders(res);
				expect(res.headers['content-type']).toBe('application/json');
				ids.add(String(res.headers['x-request-id']));
			}
			expect(ids.size).toBe(responses.length);
			expect(responses[0].headers['x-ratelimit-remaining']).toBe('999');
			expect(responses[5].headers['x-ratelimit-remaining']).toBe('995');
		});
	});

	describe('rate limits', () => {
		it('answers per-window 429 with Retry-After in profile full, without consuming quota', async () => {
			sb.setOptions({ perWindowLimit: 3 });
			for (let i = 0; i < 3; i++)
				expect((await api.get('/v1/campaigns', as(sb.keys.full))).status).toBe(200);
			const limited = await api.get('/v1/campaigns', as(sb.keys.full));
			expectError(limited, 429, 'rate_limited');
			expectStandardHeaders(limited, 997);
			expect(limited.headers['retry-after']).toBe('50'); // window ends at 14:31:00, now 14:30:10
			clock += 49_500;
			expect((await api.get('/v1/campaigns', as(sb.keys.full))).headers['retry-after']).toBe('1');
			// the other workspace has its own window
			expect((await api.get('/v1/campaigns', as(sb.keys.otherWorkspace))).status).toBe(200);
			clock += 500; // next window
			const ok = await api.get('/v1/campaigns', as(sb.keys.full));
			expect(ok.status).toBe(200);
			expectStandardHeaders(ok, 996);
		});

		it('sends no Retry-After in profile docs-only', async () => {
			sb.setOptions({ perWindowLimit: 1, profile: 'docs-only' });
			await api.get('/v1/campaigns', as(sb.keys.full));
			const limited = await api.get('/v1/campaigns', as(sb.keys.full));
			expectError(limited, 429, 'rate_limited');
			expect(limited.headers['retry-after']).toBeUndefined();
			expectStandardHeaders(limited, 999);
		});

		it('exhausts the daily quota and resets it at midnight UTC', async () => {
			sb.setDailyRemaining(sb.keys.full, 1);
			const lastOne = await api.get('/v1/campaigns', as(sb.keys.readOnly));
			expect(lastOne.status).toBe(200);
			expectStandardHeaders(lastOne, 0);
			const limited = await api.delete('/v1/campaigns/cmp_abc123/steps/step_1', as(sb.keys.full));
			expectError(limited, 429, 'rate_limited');
			expectStandardHeaders(limited, 0);
			expect(limited.headers['retry-after']).toBe(String(NEXT_MIDNIGHT_S - Math.floor(T0 / 1000)));
			expect(sb.steps('cmp_abc123')).toHaveLength(4);
			expect((await api.get('/v1/campaigns', as(sb.keys.otherWorkspace))).status).toBe(200);

			sb.setDailyRemaining(MAIN_WORKSPACE_ID, 0);
			clock = Date.UTC(2026, 3, 18, 0, 0, 1);
			const nextDay = await api.get('/v1/campaigns', as(sb.keys.full));
			expect(nextDay.status).toBe(200);
			expect(nextDay.headers['x-ratelimit-remaining']).toBe('999');
			expect(nextDay.headers['x-ratelimit-reset']).toBe(String(Date.UTC(2026, 3, 19) / 1000));
		});

		it('treats perWindowLimit 0 as unlimited', async () => {
			sb.setOptions({ perWindowLimit: 0 });
			for (let i = 0; i < 60; i++)
				expect((await api.get('/v1/campaigns?per_page=1', as(sb.keys.full))).status).toBe(200);
		});
	});

	describe('faults', () => {
		it('sends canned responses (HTML 502, JSON 500, 200 non-JSON, 204) with standard headers', async () => {
			sb.injectFault({
				type: 'response',
				status: 502,
				body: '<html>Bad Gateway</html>',
				contentType: 'text/html',
			});
			sb.injectFault({
				type: 'response',
				status: 500,
				body: '{"error":{"code":"internal","message":"boom"}}',
			});
			sb.injectFault({ type: 'response', status: 200, body: 'not json' });
			sb.injectFault({ type: 'response', status: 204, body: '' });
			const r502 = await api.get('/v1/campaigns', as(sb.keys.full));
			expect(r502.status).toBe(502);
			expect(r502.headers['content-type']).toBe('text/html');
			expect(r502.data).toBe('<html>Bad Gateway</html>');
			expectStandardHeaders(r502, 1000);
			const r500 = await api.get('/v1/campaigns', as(sb.keys.full));
			expect(r500.status).toBe(500);
			expect(r500.data.error.message).toBe('boom');
			const r200 = await api.get('/v1/campaigns', as(sb.keys.full));
			expect(r200.status).toBe(200);
			expect(r200.data).toBe('not json');
			const r204 = await api.delete('/v1/campaigns/cmp_abc123/steps/step_1', as(sb.keys.full));
			expect(r204.status).toBe(204);
			expect(r204.data).toBe('');
			expect(sb.steps('cmp_abc123')).toHaveLength(4);
			const normal = await api.get('/v1/campaigns', as(sb.keys.full));
			expectStandardHeaders(normal, 999); // faults consumed no quota
			expect(sb.requests.map((r) => r.status)).toEqual([502, 500, 200, 204, 200]);
		});

		it('lets caller headers override or remove the standard ones', async () => {
			sb.injectFault({
				type: 'response',
				status: 429,
				body: '{"error":{"code":"rate_limited","message":"Rate limit exceeded"}}',
				headers: { 'Retry-After': '7', 'X-RateLimit-Remaining': '0', 'X-Request-ID': '' },
			});
			const res = await api.get('/v1/campaigns', as(sb.keys.full));
			expect(res.status).toBe(429);
			expect(res.headers['retry-after']).toBe('7');
			expect(res.headers['x-ratelimit-remaining']).toBe('0');
			expect(res.headers['x-request-id']).toBeUndefined();
		});

		it('matches by method and path, honours times and Infinity, and can be cleared', async () => {
			sb.injectFault(
				{ type: 'response', status: 503, body: '{}' },
				{ method: 'delete', pathIncludes: '/steps/' },
				2,
			);
			expect((await api.get('/v1/campaigns/cmp_abc123/steps', as(sb.keys.full))).status).toBe(200);
			expect(
				(await api.delete('/v1/campaigns/cmp_abc123/steps/step_1', as(sb.keys.full))).status,
			).toBe(503);
			expect(
				(await api.delete('/v1/campaigns/cmp_abc123/steps/step_1', as(sb.keys.full))).status,
			).toBe(503);
			expect(
				(await api.delete('/v1/campaigns/cmp_abc123/steps/step_1', as(sb.keys.full))).status,
			).toBe(200);

			sb.injectFault({ type: 'response', status: 500, body: '{}' }, {}, Infinity);
			for (let i = 0; i < 5; i++)
				expect((await api.get('/v1/campaigns', as(sb.keys.full))).status).toBe(500);
			sb.clearFaults();
			expect((await api.get('/v1/campaigns', as(sb.keys.full))).status).toBe(200);
		});

		it('resets the connection', async () => {
			sb.injectFault({ type: 'reset' });
			await expect(api.get('/v1/campaigns', as(sb.keys.full))).rejects.toMatchObject({
				code: 'ECONNRESET',
			});
			expect(sb.requests[0].status).toBe(0);
			expect((await api.get('/v1/campaigns', as(sb.keys.full))).status).toBe(200);
		});

		it('truncates the body', async () => {
			sb.injectFault({
				type: 'truncated',
				body: '{"data":{"campaigns":[{"id":"cmp_abc123","name":"Estate"}]}}',
			});
			await expect(api.get('/v1/campaigns', as(sb.keys.full))).rejects.toThrow();
			expect(sb.requests[0].status).toBe(200);
		});

		it('delays, and adds latency', async () => {
			sb.injectFault({ type: 'delay', ms: 150 });
			let started = Date.now();
			expect((await api.get('/v1/campaigns', as(sb.keys.full))).status).toBe(200);
			expect(Date.now() - started).toBeGreaterThanOrEqual(140);
			sb.setOptions({ latencyMs: 100 });
			started = Date.now();
			expect((await api.get('/v1/campaigns', as(sb.keys.full))).status).toBe(200);
			expect(Date.now() - started).toBeGreaterThanOrEqual(90);
		});
	});

	describe('admin routes and reset', () => {
		it('exposes state, requests, options and reset without recording them', async () => {
			await api.delete('/v1/campaigns/cmp_abc123/steps/step_2', as(sb.keys.full));
			const admin = axios.create({
				baseURL: sb.origin,
				validateStatus: () => true,
				adapter: 'http',
			});
			const state = await admin.get('/__sandbox/state');
			const abc = state.data.campaigns.find((c: { id: string }) => c.id === 'cmp_abc123');
			expect(abc.steps.map((s: { id: string }) => s.id)).toEqual(['step_1', 'step_3', 'step_4']);
			expect(state.data.campaigns).toHaveLength(240);
			expect(state.data.workspaces[1].campaigns).toHaveLength(2);

			const reqs = await admin.get('/__sandbox/requests');
			expect(reqs.data.requests).toHaveLength(1);

			const contacts = await admin.get('/__sandbox/contacts');
			expect(contacts.data.total).toBe(sb.contacts().length);
			expect(contacts.data.contacts).toHaveLength(sb.contacts().length);
			const someone = sb.contacts().find((c) => c.email)!;
			const byEmail = await admin.get('/__sandbox/contacts', {
				params: { email: ` ${someone.email!.toUpperCase()} ` },
			});
			expect(byEmail.data.contacts.map((c: { id: string }) => c.id)).toEqual([someone.id]);
			expect(byEmail.data.total).toBe(sb.contacts().length);
			expect((await admin.get('/__sandbox/requests')).data.requests).toHaveLength(1);

			expect((await admin.get('/__sandbox/crm')).data).toEqual({
				notes: [],
				tasks: [],
				activities: [],
			});
			const noted = await api.post(
				'/v1/notes',
				{ title: 'Admin view', contact_id: someone.id },
				as(sb.keys.full),
			);
			expect(noted.status).toBe(201);
			const crm = await admin.get('/__sandbox/crm');
			expect(crm.data.notes).toEqual(sb.crm().notes);
			expect(crm.data.notes.map((n: { id: string; contact_id: string }) => n.contact_id)).toEqual([
				someone.id,
			]);
			expect(crm.data.tasks).toEqual([]);
			expect((await admin.get('/__sandbox/requests')).data.requests).toHaveLength(2);

			const opts = await admin.post('/__sandbox/options', { perWindowLimit: 1 });
			expect(opts.data.options.perWindowLimit).toBe(1);
			expect(sb.options().perWindowLimit).toBe(1);
			expect((await admin.post('/__sandbox/options', { windowMs: -5 })).status).toBe(400);

			const faults = await admin.post('/__sandbox/faults', {
				fault: { type: 'response', status: 418, body: '{}' },
			});
			expect(faults.status).toBe(200);
			expect((await admin.post('/__sandbox/faults', { fault: { type: 'bogus' } })).status).toBe(
				400,
			);
			expect(() => sb.injectFault({ type: 'response', status: 99, body: '' })).toThrow(TypeError);

			const held = sb.requests;
			expect((await admin.post('/__sandbox/reset')).status).toBe(200);
			expect(held).toHaveLength(0); // same array, cleared in place
			expect(sb.steps('cmp_abc123')).toHaveLength(4);
			expect((await admin.get('/__sandbox/crm')).data.notes).toEqual([]);
			expect((await api.get('/v1/campaigns', as(sb.keys.full))).status).toBe(200); // fault cleared
			expect(sb.requests).toHaveLength(1);
		});
	});
});

describe('close()', () => {
	it('ends hung requests and idle keep-alive sockets', async () => {
		const sb = await startSandbox({ basePath: '/custom/base/' });
		expect(sb.url).toBe(`${sb.origin}/custom/base`);
		const agent = new http.Agent({ keepAlive: true });
		const client = axios.create({
			baseURL: sb.url,
			validateStatus: () => true,
			httpAgent: agent,
			adapter: 'http',
		});
		expect(
			(await client.get('/v1/campaigns', { headers: { Authorization: `Bearer ${sb.keys.full}` } }))
				.status,
		).toBe(200);
		sb.injectFault({ type: 'hang' });
		const pending = client.get('/v1/campaigns', {
			headers: { Authorization: `Bearer ${sb.keys.full}` },
		});
		const settled = pending.then(
			() => 'resolved',
			(err: { code?: string }) => err.code ?? 'error',
		);
		while (sb.requests.length < 2) await new Promise((r) => setTimeout(r, 5));
		const started = Date.now();
		await sb.close();
		expect(Date.now() - started).toBeLessThan(1000);
		expect(await settled).toBe('ECONNRESET');
		expect(sb.requests[1].status).toBe(0);
		agent.destroy();
	});
});
