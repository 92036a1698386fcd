/**
 * The sandbox's live data: workspaces -> campaigns -> steps, loaded from the seed, plus the
 * lookups every route shares (404 campaign_not_found / step_not_found).
 */
import { HttpError, type JsonObject } from './http';
import type { Campaign, SeedData, Step } from './seed';
import {
	activityFor,
	listsFor,
	type CampaignEvent,
	type ContactList,
	type Enrollment,
} from './activity';
import type { WebhookRecord } from './types';

export interface CampaignEntry {
	campaign: Campaign;
	/** Always in index order, indexes 0..n-1. */
	steps: Step[];
	/** Enrolled contacts, newest first (activity.ts). */
	contacts: Enrollment[];
	/** The event stream, newest first (activity.ts). */
	events: CampaignEvent[];
	/** Set by POST /v1/campaigns (routes/campaigns.ts); seeded campaigns have steps instead. */
	listId?: string;
	template?: string;
}

export interface WorkspaceState {
	id: string;
	name: string;
	/** Insertion (seed) order. */
	campaigns: Map<string, CampaignEntry>;
	/** Contact lists by ID (activity.ts), the targets of POST /v1/campaigns. */
	lists: Map<string, ContactList>;
	/** Registered webhooks (routes/webhooks.ts), in creation order; none in the seed. */
	webhooks: Map<string, WebhookRecord>;
}

export function loadWorkspaces(seed: SeedData): Map<string, WorkspaceState> {
	const workspaces = new Map<string, WorkspaceState>();
	for (const [index, ws] of seed.workspaces.entries()) {
		const lists = new Map(listsFor(index).map((list) => [list.id, list]));
		const campaigns = new Map<string, CampaignEntry>();
		for (const c of ws.campaigns) {
			const { steps, ...campaign } = structuredClone(c);
			steps.sort((a, b) => a.index - b.index);
			campaigns.set(campaign.id, { campaign, steps, ...activityFor(campaign, steps) });
		}
		workspaces.set(ws.id, { id: ws.id, name: ws.name, campaigns, webhooks: new Map(), lists });
	}
	return workspaces;
}

export function copyCampaign(c: Campaign): Campaign {
	return { ...c };
}

export function copySteps(steps: Step[]): Step[] {
	return steps.map((s) => ({ ...s }));
}

/** Only campaigns of the key's workspace are found (another workspace's campaign is a 404). */
export function findCampaign(ws: WorkspaceState, campaignId: string): CampaignEntry {
	const entry = ws.campaigns.get(campaignId);
	if (!entry) throw new HttpError(404, 'campaign_not_found', `No campaign with ID ${campaignId}`);
	return entry;
}

/** Steps are looked up only inside the given campaign. Returns the position in `entry.steps`. */
export function findStepPosition(entry: CampaignEntry, stepId: string): number {
	const pos = entry.steps.findIndex((s) => s.id === stepId);
	if (pos === -1) {
		throw new HttpError(
			404,
			'step_not_found',
			`No step with ID ${stepId} in campaign ${entry.campaign.id}`,
		);
	}
	return pos;
}

/** `/__sandbox/state`: every workspace with campaigns and steps (copies). */
export function snapshot(workspaces: Map<string, WorkspaceState>): JsonObject {
	const list = [...workspaces.values()].map((ws) => ({
		id: ws.id,
		name: ws.name,
		campaigns: [...ws.campaigns.values()].map((e) => ({
			...copyCampaign(e.campaign),
			step_count: e.steps.length,
			steps: copySteps(e.steps),
		})),
	}));
	return { campaigns: list[0]?.campaigns ?? [], workspaces: list };
}
