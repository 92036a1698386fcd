/**
 * Lexi routes (docs §9.7): chat, list tasks, approve a task. Lexi's answers are canned and
 * deterministic; the assumptions where the docs are silent are listed in README.md ("Lexi
 * routes") and summed up in server.ts (assumption 25).
 */
import { randomBytes } from 'node:crypto';

import { HttpError, isJsonObject, type JsonObject } from '../http';
import {
	cannotLaunch,
	LEXI_TASK_STATUSES,
	queueCampaignStart,
	runApprovedTask,
	type LexiTask,
} from '../lexi';
import type { HandlerContext, HandlerResult, RouteDef } from '../routing';
import type { CampaignEntry, WorkspaceState } from '../store';
import {
	checkNonBlankString,
	FieldErrors,
	isoSeconds,
	jsonObjectBody,
	listNames,
	oneOfParam,
	paged,
} from './validate';

const CONTEXT_FIELDS = ['list_id', 'campaign_id', 'conversation_id'] as const;

/** What Lexi answers when the message asks for nothing it can prepare. */
export const LEXI_HELP =
	'I can prepare the launch of a campaign for your approval: ask me to start a campaign by its name or ID, or send its ID as context.campaign_id.';

interface ChatContext {
	list_id?: string;
	campaign_id?: string;
	conversation_id?: string;
}

/** `message` a non-blank string; `context` an object whose three IDs are non-blank strings. */
function readChat(body: JsonObject): { message: string; context: ChatContext } {
	const errors = new FieldErrors();
	checkNonBlankString(errors, 'message', body.message);
	const context = body.context ?? {};
	if (!isJsonObject(context)) errors.add('context', 'Must be an object');
	const read: ChatContext = {};
	for (const name of CONTEXT_FIELDS) {
		const value = isJsonObject(context) ? context[name] : undefined;
		if (value === undefined || value === null) continue;
		if (typeof value !== 'string' || value.trim() === '') {
			errors.add(`context.${name}`, 'Must be a non-empty string');
		} else {
			read[name] = value;
		}
	}
	errors.throwIfAny('validation_error', (names) => `Invalid value for ${listNames(names)}`);
	return { message: body.message as string, context: read };
}

/** The context's records must be the workspace's: 404 not_found naming the first unknown one. */
function checkContext(ws: WorkspaceState, context: ChatContext): void {
	const unknown = (what: string, id: string) =>
		new HttpError(404, 'not_found', `No ${what} with ID ${id}`);
	if (context.conversation_id && !ws.lexi.conversations.has(context.conversation_id)) {
		throw unknown('conversation', context.conversation_id);
	}
	if (context.list_id && !ws.lists.has(context.list_id)) throw unknown('list', context.list_id);
	if (context.campaign_id && !ws.campaigns.has(context.campaign_id)) {
		throw unknown('campaign', context.campaign_id);
	}
}

/** The campaign a message is about: the context's, else one whose ID or name the message holds. */
function campaignOf(
	ws: WorkspaceState,
	message: string,
	context: ChatContext,
): CampaignEntry | undefined {
	if (context.campaign_id) return ws.campaigns.get(context.campaign_id);
	const text = message.toLowerCase();
	const entries = [...ws.campaigns.values()];
	return (
		entries.find((entry) => text.split(/[^a-z0-9_-]+/).includes(entry.campaign.id.toLowerCase())) ??
		entries.find((entry) => text.includes(entry.campaign.name.toLowerCase()))
	);
}

/** Lexi's canned answer: a campaign launch queued for approval, or why not, or what it can do. */
function answer(
	ws: WorkspaceState,
	message: string,
	context: ChatContext,
	at: string,
): { response: string; task: LexiTask | null } {
	if (!/\b(start|launch)\b/i.test(message)) return { response: LEXI_HELP, task: null };
	const entry = campaignOf(ws, message, context);
	if (!entry) {
		return {
			response:
				'Which campaign should I start? Tell me its name or ID, or send its ID as context.campaign_id.',
			task: null,
		};
	}
	const name = entry.campaign.name;
	const problem =
		entry.campaign.status === 'pending_approval'
			? 'it is already waiting for approval'
			: cannotLaunch(entry);
	if (problem) return { response: `I cannot start "${name}": ${problem}.`, task: null };
	const task = queueCampaignStart(ws, entry, at);
	return {
		response: `I have prepared the launch of "${name}" for ${entry.contacts.length} recipients. Nothing is sent until you approve task ${task.id}.`,
		task,
	};
}

function chat({ ws, body, now }: HandlerContext): HandlerResult {
	const { message, context } = readChat(jsonObjectBody(body));
	checkContext(ws, context);
	const { response, task } = answer(ws, message, context, isoSeconds(now));
	const conversationId = context.conversation_id ?? `conv_${randomBytes(8).toString('hex')}`;
	ws.lexi.conversations.set(conversationId, (ws.lexi.conversations.get(conversationId) ?? 0) + 1);
	return {
		payload: {
			data: {
				response,
				task_id: task?.id ?? null,
				requires_approval: task !== null,
				conversation_id: conversationId,
			},
		},
	};
}

function taskView(task: LexiTask): JsonObject {
	return structuredClone(task) as unknown as JsonObject;
}

/**
 * `status` (default pending), newest first. Profile `full` pages the list as every list (§5);
 * `docs-only` answers every task at once, without `meta`, as the tasks page documents no paging.
 */
function listTasks({ ws, query, profile }: HandlerContext): HandlerResult {
	const status = oneOfParam(query, 'status', LEXI_TASK_STATUSES) ?? 'pending';
	const tasks = [...ws.lexi.tasks.values()]
		.filter((task) => task.status === status)
		.sort((a, b) => b.created_at.localeCompare(a.created_at) || a.id.localeCompare(b.id));
	if (profile === 'docs-only') return { payload: { data: { tasks: tasks.map(taskView) } } };
	return { payload: paged(query, tasks, 'tasks', taskView) };
}

/** Only a pending task is approved; it runs at once (lexi.ts). A body is ignored. */
function approveTask({ ws, params }: HandlerContext): HandlerResult {
	const task = ws.lexi.tasks.get(params.id);
	if (!task) throw new HttpError(404, 'not_found', `No task with ID ${params.id}`);
	if (task.status !== 'pending') {
		throw new HttpError(400, 'validation_error', `Task is not pending (it is ${task.status})`);
	}
	task.status = 'approved';
	const events = runApprovedTask(ws, task);
	return {
		payload: { data: { task_id: task.id, status: 'approved', execution_started: true } },
		events,
	};
}

export const lexiRoutes: RouteDef[] = [
	{ method: 'POST', pattern: '/v1/lexi/chat', permission: 'lexi', handler: chat },
	{ method: 'GET', pattern: '/v1/lexi/tasks', permission: 'lexi', handler: listTasks },
	{
		method: 'POST',
		pattern: '/v1/lexi/tasks/:id/approve',
		permission: 'lexi',
		handler: approveTask,
	},
];
