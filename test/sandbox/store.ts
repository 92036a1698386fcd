/**
 * The sandbox's live data: workspaces -> campaigns -> steps, contacts and lists, loaded from the
 * seed, plus the lookups every route shares (404 campaign_not_found / step_not_found / not_found /
 * list_not_found) and the changes that follow a contact across campaigns and lists.
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
import { generatedContacts, seededContacts, type Contact } from './contacts';
import { seededDeals, type Deal } from './deals';
import { crmFor, unlinkContact, type CrmState } from './crm';
import type { IdempotencyStore } from './idempotency';
import { lexiFor, type LexiState } from './lexi';
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
	/** Contacts by ID (contacts.ts); enrollments and lists refer to them by ID. */
	contacts: Map<string, Contact>;
	/** Contact lists by ID in creation order (activity.ts), the targets of POST /v1/campaigns. */
	lists: Map<string, ContactList>;
	/** Lists deleted by DELETE /v1/lists/{id}: POST /v1/campaigns answers 404 list_not_found. */
	deletedListIds: Set<string>;
	/** Answers kept for Idempotency-Key repeats (idempotency.ts); empty after a reset. */
	idempotency: IdempotencyStore;
	/** Registered webhooks (routes/webhooks.ts), in creation order; none in the seed. */
	webhooks: Map<string, WebhookRecord>;
	/** Deals by ID (deals.ts, routes/deals.ts); they refer to contacts by ID. */
	deals: Map<string, Deal>;
	/** Companies, notes, tasks, activities and enrichment credits (crm.ts). */
	crm: CrmState;
	/** Lexi's tasks and conversations (lexi.ts, routes/lexi.ts). */
	lexi: LexiState;
	/** When each contact export was made (sandbox clock), for its hourly limit (routes/export.ts). */
	exportsAt: number[];
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
		const enrolledIds = [...campaigns.values()].flatMap((e) => e.contacts.map((c) => c.contact_id));
		const contacts = seededContacts(enrolledIds, [...lists.values()]);
		for (const contact of generatedContacts(ws.generatedContacts ?? 0)) {
			contacts.set(contact.id, contact);
		}
		workspaces.set(ws.id, {
			id: ws.id,
			name: ws.name,
			campaigns,
			contacts,
			lists,
			deletedListIds: new Set(),
			idempotency: new Map(),
			webhooks: new Map(),
			deals: seededDeals(index),
			crm: crmFor(index),
			lexi: lexiFor(index),
			exportsAt: [],
		});
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

/** Only contacts of the key's workspace are found: 404 not_found (the contact pages' code). */
export function findContact(ws: WorkspaceState, contactId: string): Contact {
	const contact = ws.contacts.get(contactId);
	if (!contact) throw new HttpError(404, 'not_found', `No contact with ID ${contactId}`);
	return contact;
}

/** The list, or 404 with the code of the calling page (`not_found` or `list_not_found`). */
export function findList(
	ws: WorkspaceState,
	listId: string,
	code: 'not_found' | 'list_not_found',
): ContactList {
	const list = ws.lists.get(listId);
	if (!list) throw new HttpError(404, code, `No list with ID ${listId}`);
	return list;
}

/**
 * Deletes a contact and its list memberships; its campaign enrollments stay, and so do its notes,
 * tasks and activities, unlinked.
 */
export function deleteContact(ws: WorkspaceState, contactId: string): void {
	ws.contacts.delete(contactId);
	unlinkContact(ws.crm, contactId);
	for (const list of ws.lists.values()) {
		list.contact_ids = list.contact_ids.filter((id) => id !== contactId);
	}
}

/**
 * Moves a duplicate's list memberships and campaign enrollments to the primary, never doubling
 * one: where the primary is already a member (or enrolled), the duplicate's entry is dropped.
 * Returns how many list memberships the primary gained.
 */
export function moveContactLinks(ws: WorkspaceState, fromId: string, toId: string): number {
	let gained = 0;
	for (const list of ws.lists.values()) {
		if (!list.contact_ids.includes(fromId)) continue;
		if (list.contact_ids.includes(toId)) {
			list.contact_ids = list.contact_ids.filter((id) => id !== fromId);
		} else {
			list.contact_ids = list.contact_ids.map((id) => (id === fromId ? toId : id));
			gained++;
		}
	}
	for (const entry of ws.campaigns.values()) {
		const enrollment = entry.contacts.find((c) => c.contact_id === fromId);
		if (!enrollment) continue;
		if (entry.contacts.some((c) => c.contact_id === toId)) {
			entry.contacts = entry.contacts.filter((c) => c !== enrollment);
		} else {
			enrollment.contact_id = toId;
		}
	}
	return gained;
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
