import type { INodeParameters } from 'n8n-workflow';
import type { Sandbox } from '../../sandbox/server';
import { callSandbox } from '../fixtures';

/** The seeded pending tasks of the main workspace, newest first. */
export const PENDING_TASKS = ['task_seed_prospects', 'task_seed_listop'];
export const PROSPECTS_TASK = 'task_seed_prospects';

export function lexiOp(operation: string, extra: INodeParameters = {}): INodeParameters {
	return { resource: 'lexi', operation, ...extra };
}

/** The raw path of a Lexi route as the sandbox records it, e.g. `lexiPath(sb, '/tasks')`. */
export function lexiPath(sandbox: Sandbox, suffix: string): string {
	return `${new URL(sandbox.url).pathname}/v1/lexi${suffix}`;
}

/** The tasks of one status, read straight from the sandbox (its requests forgotten). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON of any shape
export async function tasksWith(sandbox: Sandbox, status: string): Promise<any[]> {
	const answer = await callSandbox(sandbox, 'GET', `/v1/lexi/tasks?status=${status}&per_page=100`);
	sandbox.requests.length = 0;
	return answer.data.tasks;
}

/** Enrolls `count` made-up contacts in a campaign, its requests forgotten. */
export async function enroll(sandbox: Sandbox, campaignId: string, count: number): Promise<void> {
	const ids = Array.from({ length: count }, (_, i) => `lexi-${campaignId}-${i + 1}`);
	await callSandbox(sandbox, 'POST', `/v1/campaigns/${campaignId}/contacts`, { contact_ids: ids });
	sandbox.requests.length = 0;
}

/** Starts a campaign through the API; resolves with the start's task_id (null when none). */
export async function startCampaign(sandbox: Sandbox, campaignId: string): Promise<string | null> {
	const answer = await callSandbox(sandbox, 'POST', `/v1/campaigns/${campaignId}/start`);
	sandbox.requests.length = 0;
	return answer.data.task_id;
}

export function campaignStatus(sandbox: Sandbox, campaignId: string): string | undefined {
	return sandbox.campaigns().find((campaign) => campaign.id === campaignId)?.status;
}
