/**
 * The sandbox's deals (docs §9.3): the record, the views each route answers with, and the seeded
 * deals of each workspace (referring to seeded contacts by ID). Deterministic.
 */
import { contactId, JANE } from './activity';
import type { JsonObject } from './http';

export type DealStatus = 'active' | 'won' | 'lost';
export type DealPriority = 'low' | 'medium' | 'high' | 'urgent';
export type FeeModel = 'hourly' | 'fixed' | 'contingency' | 'retainer';

/** A deal as the sandbox keeps it: the list page's fields plus what only create takes. */
export interface Deal {
	id: string;
	name: string;
	stage: string | null;
	/** As the list, create and update pages name it; GET shows `active` as `open` (§10). */
	status: DealStatus;
	pipeline: string | null;
	estimated_value: number | null;
	main_contact_id: string | null;
	owner_user_id: string | null;
	priority: DealPriority | null;
	matter_type: string | null;
	tags: string[];
	related_company_id: string | null;
	high_level_description: string | null;
	next_follow_up_date: string | null;
	fee_model: FeeModel | null;
	probability: number | null;
	currency: string | null;
	closed_date: string | null;
	created_date: string;
	updated_date: string;
	notes: string | null;
	relationship_partner_id: string | null;
	matter_lead_id: string | null;
	team_member_ids: string[];
}

/** The documented example deal ID (the get page), JANE's estate plan here. */
export const JANE_DEAL_ID = '3f8e1d2c-4b5a-6d7e-8f9a-0b1c2d3e4f5a';

/** `GET /v1/deals` items: the fields the list page documents. */
export function dealListView(d: Deal): JsonObject {
	return {
		id: d.id,
		name: d.name,
		stage: d.stage,
		status: d.status,
		pipeline: d.pipeline,
		estimated_value: d.estimated_value,
		main_contact_id: d.main_contact_id,
		owner_user_id: d.owner_user_id,
		priority: d.priority,
		matter_type: d.matter_type,
		tags: [...d.tags],
		related_company_id: d.related_company_id,
		high_level_description: d.high_level_description,
		next_follow_up_date: d.next_follow_up_date,
		fee_model: d.fee_model,
		probability: d.probability,
		currency: d.currency,
		closed_date: d.closed_date,
		created_date: d.created_date,
		updated_date: d.updated_date,
	};
}

/** The answer of create, update and bulk create: the list fields plus the create-only ones. */
export function dealView(d: Deal): JsonObject {
	return {
		...dealListView(d),
		notes: d.notes,
		relationship_partner_id: d.relationship_partner_id,
		matter_lead_id: d.matter_lead_id,
		team_member_ids: [...d.team_member_ids],
	};
}

/** `GET /v1/deals/{id}`'s `data.deal`: the same, with `active` shown as `open` (§10). */
export function dealGetView(d: Deal): JsonObject {
	return { ...dealView(d), status: d.status === 'active' ? 'open' : d.status };
}

/** Newest first (ties: ID ascending), the list's order. */
export function dealsNewestFirst(deals: Deal[]): Deal[] {
	return [...deals].sort(
		(a, b) =>
			Date.parse(b.created_date) - Date.parse(a.created_date) ||
			(a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
	);
}

function deal(fields: Partial<Deal> & Pick<Deal, 'id' | 'name' | 'created_date'>): Deal {
	return {
		stage: null,
		status: 'active',
		pipeline: null,
		estimated_value: null,
		main_contact_id: null,
		owner_user_id: null,
		priority: null,
		matter_type: null,
		tags: [],
		related_company_id: null,
		high_level_description: null,
		next_follow_up_date: null,
		fee_model: null,
		probability: null,
		currency: null,
		closed_date: null,
		updated_date: fields.updated_date ?? fields.created_date,
		notes: null,
		relationship_partner_id: null,
		matter_lead_id: null,
		team_member_ids: [],
		...fields,
	};
}

/** The seeded deals of the workspace at this seed position (0: main, 1: the second). */
export function seededDeals(workspaceIndex: number): Map<string, Deal> {
	const deals: Deal[] = [];
	if (workspaceIndex === 0) {
		deals.push(
			deal({
				id: JANE_DEAL_ID,
				name: 'Example Estate Plan',
				stage: 'Consultation',
				pipeline: 'Estate Planning',
				estimated_value: 4500,
				main_contact_id: JANE.id,
				owner_user_id: 'user_partner_01',
				priority: 'high',
				matter_type: 'estate planning',
				tags: ['estate-planning', 'referral'],
				high_level_description: 'Will and living trust',
				next_follow_up_date: '2026-04-24T10:00:00Z',
				fee_model: 'fixed',
				probability: 60,
				currency: 'USD',
				created_date: '2026-03-16T10:30:00Z',
				updated_date: '2026-04-10T11:00:00Z',
				notes: 'Wants a will and a living trust.',
				relationship_partner_id: 'user_partner_01',
				matter_lead_id: 'user_associate_02',
				team_member_ids: ['user_associate_02', 'user_paralegal_03'],
			}),
			deal({
				id: 'dea10000-0000-4000-8000-000000000002',
				name: 'Harbor Lease Dispute',
				stage: 'Discovery',
				pipeline: 'Litigation',
				estimated_value: 25000,
				main_contact_id: contactId(1, 2),
				owner_user_id: 'user_partner_04',
				priority: 'urgent',
				matter_type: 'litigation',
				tags: ['litigation'],
				fee_model: 'hourly',
				probability: 40,
				currency: 'USD',
				created_date: '2026-02-02T09:00:00Z',
			}),
			deal({
				id: 'dea10000-0000-4000-8000-000000000003',
				name: 'Northwind Acquisition',
				stage: 'Closed',
				status: 'won',
				pipeline: 'Corporate',
				estimated_value: 120000,
				main_contact_id: contactId(9001, 1),
				owner_user_id: 'user_partner_01',
				priority: 'medium',
				matter_type: 'm&a',
				tags: ['m&a', 'corporate'],
				fee_model: 'retainer',
				probability: 100,
				currency: 'EUR',
				closed_date: '2026-03-31T17:00:00Z',
				created_date: '2026-01-15T14:00:00Z',
				updated_date: '2026-03-31T17:00:00Z',
			}),
			deal({
				id: 'dea10000-0000-4000-8000-000000000004',
				name: 'Wrongful Termination Claim',
				stage: 'Closed',
				status: 'lost',
				pipeline: 'Litigation',
				priority: 'low',
				matter_type: 'employment',
				fee_model: 'contingency',
				probability: 0,
				closed_date: '2026-02-20T12:00:00Z',
				created_date: '2026-01-05T08:00:00Z',
				updated_date: '2026-02-20T12:00:00Z',
			}),
			deal({
				id: 'dea10000-0000-4000-8000-000000000005',
				name: 'Trust Amendment',
				stage: 'Drafting',
				pipeline: 'Estate Planning',
				estimated_value: 1200,
				main_contact_id: JANE.id,
				owner_user_id: 'user_associate_02',
				priority: 'low',
				matter_type: 'estate planning',
				tags: ['estate-planning'],
				fee_model: 'fixed',
				probability: 80,
				currency: 'USD',
				created_date: '2026-04-01T09:00:00Z',
			}),
		);
	} else if (workspaceIndex === 1) {
		deals.push(
			deal({
				id: 'dea20000-0000-4000-8000-000000000001',
				name: 'Brennan Injury Claim',
				stage: 'Intake',
				pipeline: 'Personal Injury',
				main_contact_id: contactId(9101, 1),
				priority: 'high',
				matter_type: 'personal injury',
				fee_model: 'contingency',
				created_date: '2026-02-14T10:00:00Z',
			}),
		);
	}
	return new Map(deals.map((d) => [d.id, d]));
}
