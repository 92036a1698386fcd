/**
 * Contract checks for the sandbox's step routes (create, update), request-body recording and
 * the fault helpers (failNext, redirects). Plain fetch, no n8n involved.
 */
import { MAX_BODY_BYTES, startSandbox, type Sandbox } from './server';

const T0 = Date.UTC(2026, 3, 17, 14, 30, 10, 0); // 2026-04-17T14:30:10Z
const REQUEST_ID = /^req_[0-9A-Z]{26}$/;
const STEPS = '/v1/campaigns/cmp_abc123/steps';

interface Answer {
	status: number;
	headers: Headers;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON of any shape
	json: any;
	text: string;
}

describe('LeadLex sandbox: step routes', () => {
	let sb: Sandbox;

	/** `body`: an object is sent as JSON, a string as is. */
	async function call(
		method: string,
		path: string,
		body?: unknown,
		key: string = sb.keys.full,
		extra: Record<string, string> = {},
	): Promise<Answer> {
		const res = await fetch(`${sb.url}${path}`, {
			method,
			headers: {
				Authorization: `Bearer ${key}`,
				...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
				...extra,
			},
			body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
			redirect: 'manual',
		});
		const text = await res.text();
		let json: unknown;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { status: res.status, headers: res.headers, json, text };
	}

	function expectError(res: Answer, status: number, code: string, fields?: object): void {
		expect(res.status).toBe(status);
		expect(res.headers.get('content-type')).toBe('application/json');
		expect(res.headers.get('x-request-id')).toMatch(REQUEST_ID);
		expect(res.headers.get('x-ratelimit-remaining')).toMatch(/^\d+$/);
		expect(res.json.error).toMatchObject({ code, message: expect.any(String) });
		if (fields) expect(res.json.error.details).toEqual({ fields });
	}

	beforeAll(async () => {
		sb = await startSandbox({ now: () => T0 });
	});
	afterAll(async () => {
		await sb.close();
	});
	beforeEach(() => sb.reset());

	describe('POST /v1/campaigns/{id}/steps', () => {
		it('appends a step with the defaults and answers 201 data.step', async () => {
			const res = await call('POST', STEPS, { subject: 'Hello', body: 'Hi {{first_name}}' });
			expect(res.status).toBe(201);
			expect(res.headers.get('content-type')).toBe('application/json');
			expect(res.headers.get('x-ratelimit-remaining')).toBe('999');
			expect(res.headers.get('x-request-id')).toMatch(REQUEST_ID);
			expect(res.json).toEqual({
				data: {
					step: {
						id: expect.stringMatching(/^step_[0-9a-f]{16}$/),
						index: 4,
						subject: 'Hello',
						body: 'Hi {{first_name}}',
						delay_days: 0,
						delay_hours: 0,
						send_condition: 'always',
						created_at: '2026-04-17T14:30:10Z',
					},
				},
			});
			const steps = sb.steps('cmp_abc123');
			expect(steps.map((s) => s.index)).toEqual([0, 1, 2, 3, 4]);
			expect(steps[4]).toEqual(res.json.data.step);
			const list = await call('GET', STEPS);
			expect(list.json.data.steps[4]).toEqual(res.json.data.step);
			const get = await call('GET', '/v1/campaigns/cmp_abc123');
			expect(get.json.data.campaign.step_count).toBe(5);
		});

		it('stores every given field as sent and ignores unknown fields', async () => {
			const res = await call('POST', STEPS, {
				subject: '  Re: {{company_name}} ',
				body: '<p>Just circling back</p>',
				delay_days: 3,
				delay_hours: 23,
				send_condition: 'if_no_reply',
				index: 0,
				id: 'step_mine',
				extra: true,
			});
			expect(res.status).toBe(201);
			expect(res.json.data.step).toMatchObject({
				index: 4,
				subject: '  Re: {{company_name}} ',
				body: '<p>Just circling back</p>',
				delay_days: 3,
				delay_hours: 23,
				send_condition: 'if_no_reply',
			});
			expect(res.json.data.step.id).not.toBe('step_mine');
			expect(res.json.data.step).not.toHaveProperty('extra');
		});

		it.each(['always', 'if_no_reply', 'if_no_open', 'if_opened', 'if_clicked'])(
			'accepts send_condition %s',
			async (condition) => {
				const res = await call('POST', STEPS, {
					subject: 's',
					body: 'b',
					send_condition: condition,
				});
				expect(res.status).toBe(201);
				expect(res.json.data.step.send_condition).toBe(condition);
			},
		);

		it('gives new unique IDs and index = position, also after a delete', async () => {
			const a = await call('POST', STEPS, { subject: 'a', body: 'a' });
			await call('DELETE', `${STEPS}/step_2`);
			const b = await call('POST', STEPS, { subject: 'b', body: 'b' });
			expect(b.json.data.step.id).not.toBe(a.json.data.step.id);
			expect(sb.steps('cmp_abc123').map((s) => [s.id, s.index])).toEqual([
				['step_1', 0],
				['step_3', 1],
				['step_4', 2],
				[a.json.data.step.id, 3],
				[b.json.data.step.id, 4],
			]);
		});

		it.each<[string, unknown, object]>([
			['{}', {}, { subject: 'Required', body: 'Required' }],
			['no body', { subject: 'x' }, { body: 'Required' }],
			['blank subject', { subject: ' \n\t', body: 'b' }, { subject: 'Required' }],
			['null subject', { subject: null, body: 'b' }, { subject: 'Required' }],
			['empty body', { subject: 's', body: '' }, { body: 'Required' }],
		])('answers 400 missing_required_field: %s', async (_label, body, fields) => {
			expectError(await call('POST', STEPS, body), 400, 'missing_required_field', fields);
			expect(sb.steps('cmp_abc123')).toHaveLength(4);
		});

		it.each([['sometimes'], ['ALWAYS'], [''], [5], [null], [['always']]])(
			'answers 400 invalid_send_condition for %j',
			async (condition) => {
				const res = await call('POST', STEPS, {
					subject: 's',
					body: 'b',
					send_condition: condition,
				});
				expectError(res, 400, 'invalid_send_condition', {
					send_condition: expect.stringContaining('if_no_reply'),
				});
				expect(sb.steps('cmp_abc123')).toHaveLength(4);
			},
		);

		it.each<[string, unknown]>([
			['delay_days', -1],
			['delay_days', 1.5],
			['delay_days', '3'],
			['delay_days', null],
			['delay_hours', 24],
			['delay_hours', -1],
			['delay_hours', 2.5],
			['delay_hours', true],
			['subject', 42],
			['body', { html: 'x' }],
		])('answers 400 validation_error for %s = %j', async (field, value) => {
			const res = await call('POST', STEPS, { subject: 's', body: 'b', [field]: value });
			expectError(res, 400, 'validation_error', { [field]: expect.any(String) });
			expect(sb.steps('cmp_abc123')).toHaveLength(4);
		});

		it('lists every bad field at once; missing fields come first, then send_condition', async () => {
			const both = await call('POST', STEPS, {
				subject: 's',
				body: 'b',
				delay_days: -1,
				delay_hours: 99,
			});
			expectError(both, 400, 'validation_error', {
				delay_days: 'Must be an integer >= 0',
				delay_hours: 'Must be an integer between 0 and 23',
			});
			const missing = await call('POST', STEPS, { send_condition: 'nope', delay_days: -1 });
			expectError(missing, 400, 'missing_required_field');
			const condition = await call('POST', STEPS, {
				subject: 's',
				body: 'b',
				send_condition: 'x',
				delay_days: -1,
			});
			expectError(condition, 400, 'invalid_send_condition');
		});

		it.each([['not json'], [''], ['[1,2]'], ['"text"'], ['null'], ['{"subject":']])(
			'answers 400 validation_error for the body %j',
			async (raw) => {
				expectError(await call('POST', STEPS, raw), 400, 'validation_error');
			},
		);

		it('does not check the Content-Type', async () => {
			const res = await call('POST', STEPS, '{"subject":"s","body":"b"}', sb.keys.full, {
				'Content-Type': 'text/plain',
			});
			expect(res.status).toBe(201);
		});

		it('answers 413 payload_too_large over 1 MB and records the first 1 MB', async () => {
			const big = JSON.stringify({ subject: 's', body: 'x'.repeat(MAX_BODY_BYTES) });
			const res = await call('POST', STEPS, big);
			expectError(res, 413, 'payload_too_large');
			expect(sb.requests[0].body).toHaveLength(MAX_BODY_BYTES);
			expect(sb.steps('cmp_abc123')).toHaveLength(4);
		});

		it('checks permission, then campaign, then the body', async () => {
			const denied = await call('POST', STEPS, {}, sb.keys.readOnly);
			expectError(denied, 403, 'insufficient_permissions');
			expect(denied.json.error.message).toContain('campaigns:write');
			expectError(await call('POST', STEPS, {}, sb.keys.none), 403, 'insufficient_permissions');
			expectError(
				await call('POST', '/v1/campaigns/cmp_nope/steps', 'not json', sb.keys.readOnly),
				403,
				'insufficient_permissions',
			);
			expectError(
				await call('POST', '/v1/campaigns/cmp_nope/steps', 'not json'),
				404,
				'campaign_not_found',
			);
			expectError(
				await call('POST', STEPS, { subject: 's', body: 'b' }, sb.keys.otherWorkspace),
				404,
				'campaign_not_found',
			);
			expect(
				(await call('POST', STEPS, { subject: 's', body: 'b' }, sb.keys.writeOnly)).status,
			).toBe(201);
			expect(
				(await call('POST', STEPS, { subject: 's', body: 'b' }, sb.keys.coarseReadWrite)).status,
			).toBe(201);
			// 401 and 429 come before everything else
			expectError(await call('POST', STEPS, 'not json', sb.keys.expired), 401, 'invalid_key');
			sb.setDailyRemaining(sb.keys.full, 0);
			expectError(await call('POST', STEPS, 'not json'), 429, 'rate_limited');
		});

		it('counts 4xx answers against the quota', async () => {
			await call('POST', STEPS, {});
			const res = await call('POST', STEPS, 'nope');
			expect(res.headers.get('x-ratelimit-remaining')).toBe('998');
		});
	});

	describe('PATCH /v1/campaigns/{id}/steps/{step_id}', () => {
		const STEP2 = `${STEPS}/step_2`;

		it('changes only the given fields and answers 200 with the full step (docs example)', async () => {
			const res = await call('PATCH', STEP2, { delay_days: 5 });
			expect(res.status).toBe(200);
			expect(res.headers.get('x-request-id')).toMatch(REQUEST_ID);
			expect(res.json).toEqual({
				data: {
					step: {
						id: 'step_2',
						index: 1,
						subject: 'Re: {{company_name}}',
						body: 'Just circling back on my note from last week...',
						delay_days: 5,
						delay_hours: 0,
						send_condition: 'if_no_reply',
						created_at: '2026-03-15T09:05:00Z',
					},
				},
			});
			expect(sb.steps('cmp_abc123')[1]).toEqual(res.json.data.step);
			expect(sb.steps('cmp_abc123')[0].delay_days).toBe(0);
		});

		it('updates several fields at once and ignores unknown ones', async () => {
			const res = await call('PATCH', STEP2, {
				subject: 'New',
				body: 'Body',
				delay_hours: 23,
				send_condition: 'if_clicked',
				id: 'step_99',
				created_at: '2000-01-01T00:00:00Z',
				foo: 1,
			});
			expect(res.status).toBe(200);
			expect(res.json.data.step).toEqual({
				id: 'step_2',
				index: 1,
				subject: 'New',
				body: 'Body',
				delay_days: 3,
				delay_hours: 23,
				send_condition: 'if_clicked',
				created_at: '2026-03-15T09:05:00Z',
			});
		});

		it('refuses index (no reordering) and a body with nothing to change', async () => {
			const idx = await call('PATCH', STEP2, { index: 0, subject: 'x' });
			expectError(idx, 400, 'validation_error', { index: expect.stringContaining('reordered') });
			expectError(await call('PATCH', STEP2, {}), 400, 'validation_error');
			expectError(await call('PATCH', STEP2, { foo: 1 }), 400, 'validation_error');
			expect(sb.steps('cmp_abc123')[1].subject).toBe('Re: {{company_name}}');
		});

		it.each<[string, unknown, string]>([
			['subject', '', 'validation_error'],
			['subject', '   ', 'validation_error'],
			['subject', null, 'validation_error'],
			['body', 7, 'validation_error'],
			['delay_days', -3, 'validation_error'],
			['delay_hours', 24, 'validation_error'],
			['delay_hours', '1', 'validation_error'],
			['send_condition', 'never', 'invalid_send_condition'],
			['send_condition', null, 'invalid_send_condition'],
		])('answers 400 for %s = %j (%s)', async (field, value, code) => {
			const res = await call('PATCH', STEP2, { [field]: value });
			expectError(res, 400, code, { [field]: expect.any(String) });
			expect(sb.steps('cmp_abc123')[1].delay_days).toBe(3);
		});

		it('validates nothing when the step is not found; not JSON is 400', async () => {
			expectError(
				await call('PATCH', '/v1/campaigns/cmp_nope/steps/step_2', 'x'),
				404,
				'campaign_not_found',
			);
			expectError(await call('PATCH', `${STEPS}/step_nope`, { index: 1 }), 404, 'step_not_found');
			expectError(
				await call('PATCH', '/v1/campaigns/cmp_paused01/steps/step_1', { delay_days: 1 }),
				404,
				'step_not_found',
			);
			expectError(await call('PATCH', STEP2, 'not json'), 400, 'validation_error');
			expectError(await call('PATCH', STEP2, '[]'), 400, 'validation_error');
		});

		it('needs campaigns:write', async () => {
			const res = await call('PATCH', `${STEPS}/step_nope`, { delay_days: 1 }, sb.keys.readOnly);
			expectError(res, 403, 'insufficient_permissions');
			expect(res.json.error.message).toContain('campaigns:write');
			expect((await call('PATCH', STEP2, { delay_days: 1 }, sb.keys.coarseReadWrite)).status).toBe(
				200,
			);
		});

		it('has no PUT and no single-step GET', async () => {
			expectError(await call('PUT', STEP2, { delay_days: 1 }), 404, 'not_found');
			expectError(await call('GET', STEP2), 404, 'not_found');
		});
	});

	describe('request recording', () => {
		it('records the raw body text exactly as sent, and no body for a bodiless request', async () => {
			const raw = '{ "subject" : "Grüße \\u00e9",\n  "body":"b" }';
			await call('POST', STEPS, raw);
			await call('GET', STEPS);
			await call('DELETE', `${STEPS}/step_1`, '{"ignored":true}');
			expect(sb.requests.map((r) => [r.method, r.status, r.body])).toEqual([
				['POST', 201, raw],
				['GET', 200, undefined],
				['DELETE', 200, '{"ignored":true}'],
			]);
			expect(sb.requests[0].headers['content-type']).toBe('application/json');
			const admin = await fetch(`${sb.origin}/__sandbox/requests`);
			const { requests } = (await admin.json()) as { requests: Array<{ body?: string }> };
			expect(requests[0].body).toBe(raw);
		});

		it('records the body also when a fault answers', async () => {
			sb.injectFault({ type: 'response', status: 503, body: '{}' });
			await call('PATCH', `${STEPS}/step_1`, { delay_days: 2 });
			expect(sb.requests[0]).toMatchObject({ status: 503, body: '{"delay_days":2}' });
			expect(sb.steps('cmp_abc123')[0].delay_days).toBe(0);
		});
	});

	describe('faults for documented codes and redirects', () => {
		it('failNext sends the standard envelope once, for the matching method and path', async () => {
			sb.failNext('post', '/steps', 400, 'invalid_send_condition', undefined, {
				fields: { send_condition: 'Must be one of ...' },
			});
			expect((await call('GET', STEPS)).status).toBe(200); // method does not match
			const res = await call('POST', STEPS, { subject: 's', body: 'b', send_condition: 'always' });
			expectError(res, 400, 'invalid_send_condition', { send_condition: 'Must be one of ...' });
			expect(res.json.error.message).toBe('send_condition not recognised');
			expect(res.headers.get('x-ratelimit-limit')).toBe('1000');
			expect(sb.steps('cmp_abc123')).toHaveLength(4); // nothing created
			expect((await call('POST', STEPS, { subject: 's', body: 'b' })).status).toBe(201);

			sb.failNext('PATCH', '/steps/step_2', 404, 'step_not_found', 'Gone');
			const gone = await call('PATCH', `${STEPS}/step_2`, { delay_days: 1 });
			expect(gone.json).toEqual({ error: { code: 'step_not_found', message: 'Gone' } });
		});

		it('the plain response fault can do the same', async () => {
			sb.injectFault(
				{
					type: 'response',
					status: 400,
					body: '{"error":{"code":"missing_required_field","message":"subject missing"}}',
				},
				{ method: 'POST', pathIncludes: '/v1/campaigns/cmp_abc123/steps' },
			);
			const res = await call('POST', STEPS, { subject: 's', body: 'b' });
			expectError(res, 400, 'missing_required_field');
		});

		it.each([301, 302, 303, 307, 308])('sends a %i with any Location', async (status) => {
			const other = await startSandbox();
			try {
				const target = `${other.url}${STEPS}`;
				sb.injectFault({ type: 'response', status, body: '', headers: { Location: target } });
				const res = await call('POST', STEPS, { subject: 's', body: 'b' });
				expect(res.status).toBe(status);
				expect(res.headers.get('location')).toBe(target);
				expect(res.headers.get('x-request-id')).toMatch(REQUEST_ID);

				sb.injectFault({
					type: 'response',
					status,
					body: '',
					headers: { Location: '//other.invalid/v1/campaigns' },
				});
				const rel = await call('GET', STEPS);
				expect(rel.headers.get('location')).toBe('//other.invalid/v1/campaigns');

				// a client that follows the redirect reaches the second instance
				sb.injectFault({ type: 'response', status, body: '', headers: { Location: target } });
				const followed = await fetch(`${sb.url}${STEPS}`, {
					headers: { Authorization: `Bearer ${sb.keys.full}` },
				});
				await followed.text();
				expect(other.requests.map((r) => r.path)).toEqual([STEPS]);
			} finally {
				await other.close();
			}
		});
	});
});
