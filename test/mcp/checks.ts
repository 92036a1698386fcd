/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals --
   dev tooling, never packed: checks against a running n8n and the sandbox. */
/**
 * The checks of the MCP suite, against one running n8n with the example active: what MCP clients
 * see (tools/list, results, errors), what reached the sandbox, what n8n stored.
 */
import * as assert from 'node:assert/strict';
import type { CheckRunner } from '../../scripts/n8n/checks';
import {
	listExecutions,
	poll,
	redact,
	type N8nRest,
	type SandboxProcess,
	type SandboxRequest,
} from '../../scripts/n8n/harness';
import { JANE } from '../sandbox/activity';
import {
	connectMcp,
	resultItems,
	resultText,
	type McpSession,
	type ToolResult,
	type TransportKind,
} from './client';
import type { ExampleTool } from './workflow';

export const CAMPAIGN = 'cmp_abc123';
const MISSING_CAMPAIGN = 'cmp_missing404';
const MISSING_CONTACT = '00000000-0000-4000-8000-00000000dead';
/** How long "nothing happened" waits after n8n answered. */
const QUIET_MS = 1_500;

export interface McpContext {
	t: CheckRunner;
	url: string;
	token: string;
	apiKey: string;
	sandbox: SandboxProcess;
	rest: N8nRest;
	workflowId: string;
	tools: ExampleTool[];
	/** Every result text a client received: searched for the key at the end. */
	texts: string[];
	/** Prints and keeps what was seen (not a check). */
	observe(text: string): void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The sandbox's requests after `before` (a count taken earlier). */
async function requestsSince(sb: SandboxProcess, before: number): Promise<SandboxRequest[]> {
	return (await sb.admin.requests()).slice(before);
}

async function call(
	ctx: McpContext,
	session: McpSession,
	name: string,
	args: Record<string, unknown>,
	timeoutMs?: number,
): Promise<ToolResult> {
	const result = await session.call(name, args, timeoutMs);
	ctx.texts.push(resultText(result));
	return result;
}

const show = (ctx: McpContext, value: unknown) =>
	redact(typeof value === 'string' ? value : JSON.stringify(value), [ctx.apiKey, ctx.token]);

// ---------------------------------------------------------------- tools/list

export async function checkToolList(ctx: McpContext, kind: TransportKind): Promise<void> {
	const session = await connectMcp(ctx.url, kind, ctx.token);
	try {
		const listed = await session.listTools();
		await ctx.t.checkAsync(
			`tools/list over ${kind}: exactly the example's ${ctx.tools.length} tools, by node name`,
			() =>
				assert.deepEqual(
					listed.map((tool) => tool.name).sort(),
					ctx.tools.map((tool) => tool.name).sort(),
				),
		);
		if (kind !== 'streamable HTTP') return;
		await ctx.t.checkAsync(
			'tools/list: each description is the action text + " in LeadLex"; each input schema has the $fromAI arguments (string, required, with their descriptions, ID formats included)',
			() => {
				for (const tool of ctx.tools) {
					const got = listed.find((l) => l.name === tool.name);
					assert.ok(got, `${tool.name} missing`);
					assert.equal(got.description, tool.description, tool.name);
					const properties = got.inputSchema.properties ?? {};
					assert.deepEqual(
						Object.entries(properties).map(([name, p]) => ({
							name,
							description: p.description,
							type: p.type,
						})),
						tool.args,
						tool.name,
					);
					assert.deepEqual(
						[...(got.inputSchema.required ?? [])].sort(),
						tool.args.map((a) => a.name).sort(),
						`${tool.name} required`,
					);
				}
				const idArgs = ctx.tools.flatMap((tool) => tool.args).filter((a) => /Id$/.test(a.name));
				assert.ok(idArgs.length >= 5);
				for (const arg of idArgs) assert.match(arg.description, /UUID|cmp_/, arg.name);
			},
		);
	} finally {
		await session.close();
	}
}

// ---------------------------------------------------------------- reads and changes

export async function checkReads(ctx: McpContext, session: McpSession): Promise<void> {
	const { sandbox: sb } = ctx;
	const direct = async (route: string) => {
		const response = await fetch(`${sb.url}${route}`, {
			headers: { Authorization: `Bearer ${ctx.apiKey}` },
		});
		return ((await response.json()) as { data: Record<string, unknown> }).data;
	};
	const found = await call(ctx, session, 'Find_contacts', { search: JANE.email });
	await ctx.t.checkAsync(`Find_contacts("${JANE.email}") returns the sandbox's Jane`, () => {
		const items = resultItems(found);
		assert.ok(
			items.some((c) => c.id === JANE.id && c.email === JANE.email),
			show(ctx, items),
		);
	});
	const contact = await call(ctx, session, 'Get_contact', { contactId: JANE.id });
	await ctx.t.checkAsync('Get_contact returns the contact by its UUID', () => {
		const [item] = resultItems(contact);
		assert.equal(item.id, JANE.id);
		assert.equal(item.email, JANE.email);
	});
	const campaigns = await call(ctx, session, 'List_campaigns', {});
	const stats = await call(ctx, session, 'Get_campaign_stats', { campaignId: CAMPAIGN });
	const steps = await call(ctx, session, 'List_campaign_steps', { campaignId: CAMPAIGN });
	const deals = await call(ctx, session, 'List_deals', {});
	const sandboxSteps = await sb.admin.steps(CAMPAIGN);
	const sandboxStats = (await direct(`/v1/campaigns/${CAMPAIGN}/stats`)).stats;
	const sandboxDeals = (await direct('/v1/deals?limit=50')).deals as Array<{ id: string }>;
	await ctx.t.checkAsync(
		'List_campaigns, Get_campaign_stats, List_campaign_steps and List_deals return what the sandbox holds',
		() => {
			assert.ok(resultItems(campaigns).some((c) => c.id === CAMPAIGN));
			assert.deepEqual(resultItems(stats), [
				{ campaign_id: CAMPAIGN, ...(sandboxStats as object) },
			]);
			assert.deepEqual(
				resultItems(steps).map((s) => s.id),
				sandboxSteps.map((s) => s.id),
			);
			assert.deepEqual(
				resultItems(deals).map((d) => d.id),
				sandboxDeals.map((d) => d.id),
			);
		},
	);
}

export async function checkChanges(ctx: McpContext, session: McpSession): Promise<void> {
	const { sandbox: sb } = ctx;
	const before = (await sb.admin.requests()).length;
	const crmBefore = await sb.admin.crm();
	const note = { title: 'MCP check: call with Jane', content: 'Jane asked for the trust deed.' };
	const task = { title: 'MCP check: send Jane the deed', dueDate: '2026-05-29' };
	const noteResult = await call(ctx, session, 'Add_note', { ...note, contactId: JANE.id });
	const taskResult = await call(ctx, session, 'Create_task', { ...task, contactId: JANE.id });
	const pauseResult = await call(ctx, session, 'Pause_campaign', { campaignId: CAMPAIGN });
	const crm = await sb.admin.crm();
	const campaign = (await sb.admin.state()).campaigns.find((c) => c.id === CAMPAIGN);
	const writes = (await requestsSince(sb, before)).filter((r) => r.method !== 'GET');
	await ctx.t.checkAsync('Add_note: one note on Jane, with the title and text given', () => {
		const [item] = resultItems(noteResult);
		const added = crm.notes.slice(crmBefore.notes.length);
		assert.equal(added.length, 1, show(ctx, added));
		assert.equal(added[0].id, item.id);
		assert.equal(added[0].title, note.title);
		assert.equal(added[0].content, note.content);
		assert.equal(added[0].contact_id, JANE.id);
	});
	await ctx.t.checkAsync('Create_task: one task on Jane, due the day given', () => {
		const [item] = resultItems(taskResult);
		const added = crm.tasks.slice(crmBefore.tasks.length);
		assert.equal(added.length, 1, show(ctx, added));
		assert.equal(added[0].id, item.id);
		assert.equal(added[0].title, task.title);
		assert.equal(added[0].due_date, task.dueDate);
		assert.equal(added[0].contact_id, JANE.id);
	});
	await ctx.t.checkAsync(`Pause_campaign: ${CAMPAIGN} is paused`, () => {
		assert.equal(resultItems(pauseResult)[0].status, 'paused', resultText(pauseResult));
		assert.equal(campaign?.status, 'paused');
	});
	await ctx.t.checkAsync(
		'the three change tools sent exactly three changing requests (one each)',
		() =>
			assert.deepEqual(
				writes.map((r) => `${r.method} ${r.path.replace(/^.*\/v1\//, '/v1/')} ${r.status}`),
				['POST /v1/notes 201', 'POST /v1/tasks 201', `POST /v1/campaigns/${CAMPAIGN}/pause 200`],
			),
	);
}

// ---------------------------------------------------------------- errors

export async function checkErrors(ctx: McpContext, session: McpSession): Promise<void> {
	const { sandbox: sb } = ctx;
	const state = async () => JSON.stringify((await sb.admin.state()).campaigns);
	const stateBefore = await state();
	let before = (await sb.admin.requests()).length;
	const badId = await call(ctx, session, 'Pause_campaign', { campaignId: '..' });
	const badIdRequests = await requestsSince(sb, before);
	await ctx.t.checkAsync(
		'a bad ID ("..") → an error result that names the field and says nothing was sent; no request',
		() => {
			const text = resultText(badId);
			assert.equal(badId.isError, true, text);
			assert.match(text, /Campaign ID/);
			assert.match(text, /Nothing was sent to LeadLex/);
			assert.deepEqual(badIdRequests, []);
		},
	);
	before = (await sb.admin.requests()).length;
	const missing = await call(ctx, session, 'Pause_campaign', { campaignId: MISSING_CAMPAIGN });
	const missingRequests = await requestsSince(sb, before);
	await ctx.t.checkAsync(
		'a missing campaign → an error result: not found, and it was not paused; one request (404)',
		() => {
			const text = resultText(missing);
			assert.equal(missing.isError, true, text);
			assert.match(text, new RegExp(`"${MISSING_CAMPAIGN}" was not found`));
			assert.match(text, /was not paused/);
			assert.deepEqual(
				missingRequests.map((r) => r.status),
				[404],
			);
		},
	);
	ctx.observe(`what the client got for a missing campaign: ${show(ctx, resultText(missing))}`);
	const missingContact = await call(ctx, session, 'Get_contact', { contactId: MISSING_CONTACT });
	await ctx.t.checkAsync('a missing contact → an error result saying it was not found', () => {
		const text = resultText(missingContact);
		assert.equal(missingContact.isError, true, text);
		assert.match(text, new RegExp(`"${MISSING_CONTACT}" was not found`));
	});
	before = (await sb.admin.requests()).length;
	const executionsBefore = (await listExecutions(ctx.rest, ctx.workflowId)).length;
	const refused = await session.call('Pause_campaign', {}).then(
		(result) => ({ result, error: undefined as Error | undefined }),
		(error: Error) => ({ result: undefined, error }),
	);
	if (refused.result) ctx.texts.push(resultText(refused.result));
	await sleep(QUIET_MS);
	const refusedRequests = await requestsSince(sb, before);
	const executionsAfter = (await listExecutions(ctx.rest, ctx.workflowId)).length;
	await ctx.t.checkAsync(
		'a missing required argument (Pause_campaign without campaignId) is refused; nothing reaches LeadLex',
		() => {
			const text = refused.error?.message ?? resultText(refused.result!);
			assert.ok(refused.error || refused.result?.isError, `not refused: ${text}`);
			assert.match(text, /campaignId/);
			assert.deepEqual(refusedRequests, []);
		},
	);
	ctx.observe(
		`a call without its required argument: ${refused.error ? 'a JSON-RPC error' : 'an error result'} ` +
			`("${show(ctx, refused.error?.message ?? resultText(refused.result!)).slice(0, 200)}"), ` +
			`${executionsAfter - executionsBefore} new execution(s)`,
	);
	const stateAfter = await state();
	await ctx.t.checkAsync('after the failed calls, the campaigns are as they were', () =>
		assert.equal(stateAfter, stateBefore),
	);
}

// ---------------------------------------------------------------- authentication

export async function checkAuth(ctx: McpContext): Promise<void> {
	const { sandbox: sb } = ctx;
	const before = (await sb.admin.requests()).length;
	const executionsBefore = (await listExecutions(ctx.rest, ctx.workflowId)).length;
	const outcomes: string[] = [];
	for (const [label, token] of [
		['no token', undefined],
		['a wrong token', `${ctx.token.slice(0, -4)}XXXX`],
	] as const) {
		for (const kind of ['streamable HTTP', 'SSE'] as const) {
			const refused = await connectMcp(ctx.url, kind, token).then(
				async (session) => {
					await session.close();
					return 'connected';
				},
				// The SDK's streamable HTTP error carries the HTTP status as `code`.
				(error: Error & { code?: unknown }) => `HTTP ${String(error.code)}: ${error.message}`,
			);
			outcomes.push(`${label} over ${kind}: ${refused}`);
		}
		// A tools/call sent straight away, without the handshake.
		const raw = await fetch(ctx.url, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/json',
				Accept: 'application/json, text/event-stream',
				...(token ? { Authorization: `Bearer ${token}` } : {}),
			},
			body: JSON.stringify({
				jsonrpc: '2.0',
				id: 1,
				method: 'tools/call',
				params: { name: 'Pause_campaign', arguments: { campaignId: CAMPAIGN } },
			}),
		});
		outcomes.push(`${label}, a bare tools/call: HTTP ${raw.status}`);
	}
	await sleep(QUIET_MS);
	const requests = await requestsSince(sb, before);
	const executionsAfter = (await listExecutions(ctx.rest, ctx.workflowId)).length;
	await ctx.t.checkAsync(
		'no token or a wrong token (streamable HTTP, SSE, a bare tools/call): refused with HTTP 403',
		() => {
			assert.equal(outcomes.length, 6);
			for (const outcome of outcomes) assert.match(outcome, /403/, outcomes.join('\n'));
		},
	);
	await ctx.t.checkAsync('refused clients: no execution, no request to LeadLex', () => {
		assert.equal(executionsAfter, executionsBefore);
		assert.deepEqual(requests, []);
	});
}

// ---------------------------------------------------------------- rate limits

/** Faults on the stats path only: the other tools' requests are not touched. */
async function injectStatsFault(sb: SandboxProcess, fault: Record<string, unknown>) {
	const response = await fetch(`${sb.origin}/__sandbox/faults`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ fault, match: { pathIncludes: '/stats' }, times: 1 }),
	});
	if (!response.ok) throw new Error(`POST /__sandbox/faults: HTTP ${response.status}`);
}

export async function checkRateLimits(
	ctx: McpContext,
	session: McpSession,
	clientTimeoutMs: number,
): Promise<void> {
	const { sandbox: sb } = ctx;
	const budgets = [...new Set(ctx.tools.map((tool) => tool.maxRateLimitWait))];
	await ctx.t.checkAsync(
		`every tool of the example sets Max Rate Limit Wait below the client's ${clientTimeoutMs / 1000} s timeout`,
		() => {
			assert.equal(budgets.length, 1, show(ctx, budgets));
			assert.equal(typeof budgets[0], 'number');
			assert.ok((budgets[0] as number) * 1000 < clientTimeoutMs - 10_000, String(budgets[0]));
		},
	);
	// A short window (1 request per 3 s): one direct request uses it up, so the tool's request is
	// refused and the node waits for the next window. A window may end between the two requests:
	// then the attempt is repeated (up to 3 times).
	await sb.admin.options({ perWindowLimit: 1, windowMs: 3_000 });
	let attempt: { result: ToolResult; ms: number; statuses: number[] } | undefined;
	try {
		for (let i = 0; i < 3 && !attempt?.statuses.includes(429); i++) {
			await poll('a fresh rate-limit window', async () => {
				const phase = Date.now() % 3_000;
				return phase < 1_500 ? true : undefined;
			});
			const before = (await sb.admin.requests()).length;
			await fetch(`${sb.url}/v1/campaigns`, { headers: { Authorization: `Bearer ${ctx.apiKey}` } });
			const started = Date.now();
			const result = await call(
				ctx,
				session,
				'Get_campaign_stats',
				{ campaignId: CAMPAIGN },
				clientTimeoutMs,
			);
			const ms = Date.now() - started;
			const statuses = (await requestsSince(sb, before + 1)).map((r) => r.status);
			attempt = { result, ms, statuses };
		}
	} finally {
		await sb.admin.options({ perWindowLimit: 0, windowMs: 60_000 });
	}
	await ctx.t.checkAsync(
		`a short window (1 per 3 s): the call was refused (429), waited for the next window and succeeded well within the client's timeout (${attempt ? attempt.ms : '?'} ms)`,
		() => {
			assert.ok(attempt);
			assert.equal(attempt.result.isError, undefined, resultText(attempt.result));
			assert.deepEqual(attempt.statuses.slice(0, 1), [429], show(ctx, attempt.statuses));
			assert.equal(attempt.statuses[attempt.statuses.length - 1], 200);
			assert.ok(attempt.ms < clientTimeoutMs / 2, `${attempt.ms} ms`);
		},
	);
	// LeadLex asks for a wait longer than the tool's Max Rate Limit Wait: the call fails at once,
	// saying how long LeadLex asked to wait, instead of outliving the client's timeout.
	await injectStatsFault(sb, {
		type: 'response',
		status: 429,
		body: '{"error":{"code":"rate_limited","message":"Rate limit exceeded"}}',
		contentType: 'application/json',
		headers: { 'Retry-After': '120' },
	});
	const started = Date.now();
	const refused = await call(
		ctx,
		session,
		'Get_campaign_stats',
		{ campaignId: CAMPAIGN },
		clientTimeoutMs,
	);
	const ms = Date.now() - started;
	await ctx.t.checkAsync(
		`LeadLex asks to wait 120 s (more than Max Rate Limit Wait): an error result at once (${ms} ms) with LeadLex's wait, long before the client gives up`,
		() => {
			const text = resultText(refused);
			assert.equal(refused.isError, true, text);
			assert.match(text, /LeadLex rate limit reached/);
			assert.match(text, /Max Rate Limit Wait \(\d+ s\)/);
			assert.match(text, /LeadLex asked to wait 120 s/);
			assert.ok(ms < 10_000, `${ms} ms`);
		},
	);
}

// ---------------------------------------------------------------- secrets

export async function checkSecrets(
	ctx: McpContext,
	stored: Array<{ id: string; text: string }>,
	log: string,
): Promise<void> {
	await ctx.t.checkAsync(
		`the API key is in no tool result or error (${ctx.texts.length} read) and no stored execution (${stored.length})`,
		() => {
			assert.ok(ctx.texts.length > 10 && stored.length > 10);
			assert.deepEqual(
				ctx.texts.filter((text) => text.includes(ctx.apiKey)),
				[],
			);
			assert.deepEqual(
				stored.filter((e) => e.text.includes(ctx.apiKey)).map((e) => e.id),
				[],
			);
		},
	);
	await ctx.t.checkAsync("the API key and the Bearer token are not in n8n's log", () => {
		assert.ok(!log.includes(ctx.apiKey), 'API key in n8n.log');
		assert.ok(!log.includes(ctx.token), 'Bearer token in n8n.log');
	});
}
