/**
 * Lexi, LeadLex's AI assistant, as the sandbox models it (docs §9.7, §8.13): the tasks Lexi
 * queues for approval, the conversations of POST /v1/lexi/chat, and what approving a task does.
 * Deterministic: Lexi's answers are canned (routes/lexi.ts). The assumptions are listed in
 * server.ts (assumption 25) and README.md ("Lexi routes").
 */
import { randomBytes } from 'node:crypto';

import type { JsonObject } from './http';
import type { CampaignEntry, WorkspaceState } from './store';

export const LEXI_TASK_TYPES = [
	'prospect_search',
	'campaign_start',
	'contact_update',
	'list_operation',
] as const;
export const LEXI_TASK_STATUSES = [
	'pending',
	'approved',
	'dismissed',
	'completed',
	'failed',
] as const;

export type LexiTaskType = (typeof LEXI_TASK_TYPES)[number];
export type LexiTaskStatus = (typeof LEXI_TASK_STATUSES)[number];

/** A Lexi task exactly as GET /v1/lexi/tasks shows it. */
export interface LexiTask {
	id: string;
	type: LexiTaskType;
	status: LexiTaskStatus;
	description: string;
	created_at: string;
	metadata: JsonObject;
}

export interface LexiState {
	/** By ID, in creation order. */
	tasks: Map<string, LexiTask>;
	/** The conversation IDs chat has handed out, with how many messages each has had. */
	conversations: Map<string, number>;
}

export function newLexiTaskId(): string {
	return `task_${randomBytes(8).toString('hex')}`;
}

function task(
	id: string,
	type: LexiTaskType,
	status: LexiTaskStatus,
	description: string,
	createdAt: string,
	metadata: JsonObject,
): [string, LexiTask] {
	return [id, { id, type, status, description, created_at: createdAt, metadata }];
}

/** The seeded tasks: two pending in the main workspace, one of each other status; one elsewhere. */
export function lexiFor(workspaceIndex: number): LexiState {
	const tasks =
		workspaceIndex === 0
			? [
					task(
						'task_seed_prospects',
						'prospect_search',
						'pending',
						'Find 25 estate-planning prospects in Austin, TX',
						'2026-04-18T10:00:00Z',
						{ query: 'estate planning, Austin TX', limit: 25 },
					),
					task(
						'task_seed_listop',
						'list_operation',
						'pending',
						'Tag the 30 contacts of list "Estate planning prospects" with q2-webinar',
						'2026-04-17T15:30:00Z',
						{ list_id: 'list_estate_q2', tag: 'q2-webinar', contact_count: 30 },
					),
					task(
						'task_seed_contactupd',
						'contact_update',
						'dismissed',
						'Set the job title of Jane Example to "Managing Partner"',
						'2026-04-12T08:00:00Z',
						{ contact_id: '123e4567-e89b-12d3-a456-426614174000' },
					),
					task(
						'task_seed_done',
						'list_operation',
						'completed',
						'Create list "Referrals 2026" from contacts tagged referral',
						'2026-04-10T16:45:00Z',
						{ contact_count: 12 },
					),
					task(
						'task_seed_failed',
						'prospect_search',
						'failed',
						'Find probate attorneys in Reno, NV',
						'2026-04-05T11:20:00Z',
						{ query: 'probate attorneys, Reno NV', error: 'The prospect provider timed out' },
					),
				]
			: [
					task(
						'task_other_prospects',
						'prospect_search',
						'pending',
						'Find 10 personal-injury prospects in Denver, CO',
						'2026-04-16T09:00:00Z',
						{ query: 'personal injury, Denver CO', limit: 10 },
					),
				];
	return { tasks: new Map(tasks), conversations: new Map() };
}

/** Queues a `campaign_start` task for a campaign: nothing is started until it is approved. */
export function queueCampaignStart(ws: WorkspaceState, entry: CampaignEntry, at: string): LexiTask {
	const recipients = entry.contacts.length;
	const queued: LexiTask = {
		id: newLexiTaskId(),
		type: 'campaign_start',
		status: 'pending',
		description: `Start campaign "${entry.campaign.name}" for ${recipients} recipients`,
		created_at: at,
		metadata: { campaign_id: entry.campaign.id, recipient_count: recipients },
	};
	ws.lexi.tasks.set(queued.id, queued);
	return queued;
}

/** Why a campaign cannot be launched now, or undefined when it can (the start route's rules). */
export function cannotLaunch(entry: CampaignEntry): string | undefined {
	const status = entry.campaign.status;
	if (status === 'active') return 'it is already running';
	if (status === 'completed') return 'it is completed';
	if (entry.contacts.length === 0) return 'it has no contacts';
	if (entry.steps.length === 0 && !entry.template) return 'it has no steps';
	return undefined;
}

/**
 * Runs an approved task at once: a `campaign_start` makes its campaign active (the task fails
 * when the campaign is gone or cannot be launched); the other types change nothing here. Returns
 * the webhook events the launch fires.
 */
export function runApprovedTask(
	ws: WorkspaceState,
	approved: LexiTask,
): Array<{ event: string; data: JsonObject }> {
	if (approved.type !== 'campaign_start') {
		approved.status = 'completed';
		return [];
	}
	const entry = ws.campaigns.get(String(approved.metadata.campaign_id));
	const problem = entry ? cannotLaunch(entry) : 'it no longer exists';
	if (!entry || problem) {
		approved.status = 'failed';
		approved.metadata = { ...approved.metadata, error: `The campaign was not started: ${problem}` };
		return [];
	}
	entry.campaign.status = 'active';
	approved.status = 'completed';
	return [
		{ event: 'campaign.started', data: { campaign: { id: entry.campaign.id, status: 'active' } } },
	];
}
