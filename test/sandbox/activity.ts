/**
 * Campaign activity for the sandbox (docs §8.15-8.18): enrolled contacts, the event stream and
 * the contact lists that Create campaign targets. Deterministic, generated per campaign when the
 * store loads the seed, so the seed's campaigns and steps stay exactly as they were. Enrollments
 * and lists hold contact IDs only; the contacts themselves (contacts.ts) are seeded from them,
 * named by `seededPerson`.
 */
import type { Campaign, Step } from './seed';

export const EVENT_TYPES = [
	'sent',
	'delivered',
	'opened',
	'clicked',
	'replied',
	'bounced',
	'unsubscribed',
	'complained',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const ENROLLMENT_STATUSES = [
	'pending',
	'active',
	'paused',
	'completed',
	'bounced',
	'unsubscribed',
	'replied',
] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];

/**
 * A contact's enrollment in a campaign. `GET /v1/campaigns/{id}/contacts` adds the contact's
 * `full_name` and `email` from the contact collection.
 */
export interface Enrollment {
	contact_id: string;
	status: EnrollmentStatus;
	/** Zero-based index of the next step to send. */
	current_step: number;
	added_at: string;
	last_sent_at: string | null;
	source: string | null;
}

/** One event of `GET /v1/campaigns/{id}/events`. */
export interface CampaignEvent {
	id: string;
	type: EventType;
	contact_id: string;
	email: string;
	step_id: string;
	timestamp: string;
	metadata: Record<string, string>;
}

/** A contact list (`POST /v1/campaigns` takes its ID as `list_id`). */
export interface ContactList {
	id: string;
	name: string;
	description: string | null;
	/** The members, in the order they were added. */
	contact_ids: string[];
	created_at: string;
}

/** Which event types the generated stream cycles through: mostly sends, few complaints. */
const TYPE_PATTERN: EventType[] = [
	...Array<EventType>(7).fill('sent'),
	...Array<EventType>(5).fill('delivered'),
	...Array<EventType>(3).fill('opened'),
	'clicked',
	'replied',
	'bounced',
	'unsubscribed',
	'complained',
];

/** The documented example contact (§8.16, §8.18). */
export const JANE = {
	id: '123e4567-e89b-12d3-a456-426614174000',
	name: 'Jane Example',
	email: 'jane@example.com',
};

const FIRST = ['Ava', 'Ben', 'Cleo', 'Dan', 'Eli', 'Fay', 'Gus', 'Hana', 'Ivo', 'Jun'];
const LAST = ['Archer', 'Brooks', 'Chen', 'Diaz', 'Evans', 'Fischer', 'Garcia', 'Hale'];

/** A contact ID shaped like a UUID: `c0de0000-0000-4000-8000-<campaign tag><n>`. */
export function contactId(tag: number, n: number): string {
	return `c0de${String(tag).padStart(4, '0')}-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

function iso(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The campaign tag and number a seeded contact ID was made from (`contactId`); JANE is 1/1. */
export function seededIdParts(id: string): { tag: number; n: number } {
	if (id === JANE.id) return { tag: 1, n: 1 };
	return { tag: Number(id.slice(4, 8)), n: Number(id.slice(-12)) };
}

/** The name and email of a seeded contact, from its ID alone. */
export function seededPerson(id: string): { first: string; last: string; email: string } {
	if (id === JANE.id) return { first: 'Jane', last: 'Example', email: JANE.email };
	const { n } = seededIdParts(id);
	const first = FIRST[n % FIRST.length];
	const last = LAST[(n * 3) % LAST.length];
	return { first, last, email: `${first}.${last}.${n}@example.com`.toLowerCase() };
}

/** How many contacts and events each campaign gets. */
function sizes(campaign: Campaign): { contacts: number; events: number; tag: number } {
	if (campaign.id === 'cmp_abc123') return { contacts: 250, events: 260, tag: 1 };
	if (campaign.id === 'cmp_paused01') return { contacts: 40, events: 60, tag: 2 };
	if (campaign.status === 'draft') return { contacts: 0, events: 0, tag: 0 };
	const n = Number(/(\d+)$/.exec(campaign.id)?.[1] ?? 0);
	return { contacts: 3, events: 6, tag: 1000 + (n % 9000) };
}

/** Contacts newest first; events newest first (the documented examples on top of cmp_abc123). */
export function activityFor(
	campaign: Campaign,
	steps: Step[],
): { contacts: Enrollment[]; events: CampaignEvent[] } {
	const { contacts: contactCount, events: eventCount, tag } = sizes(campaign);
	const start = Date.parse(campaign.created_at) + 3_600_000;
	const contacts: Enrollment[] = [];
	for (let n = contactCount; n >= 1; n--) {
		const id = campaign.id === 'cmp_abc123' && n === 1 ? JANE.id : contactId(tag, n);
		const status = ENROLLMENT_STATUSES[n % ENROLLMENT_STATUSES.length];
		const sent = status !== 'pending' && steps.length > 0;
		contacts.push({
			contact_id: id,
			status,
			current_step: steps.length === 0 ? 0 : n % steps.length,
			added_at: iso(start + n * 60_000),
			last_sent_at: sent ? iso(start + n * 60_000 + 86_400_000) : null,
			source: 'list:seed',
		});
	}
	const events: CampaignEvent[] = [];
	if (contacts.length > 0 && steps.length > 0) {
		const newest =
			campaign.id === 'cmp_abc123' ? Date.parse('2026-04-17T14:23:05Z') : start + 30 * 86_400_000;
		for (let i = 0; i < eventCount; i++) {
			const enrollment = contacts[contacts.length - 1 - (i % contacts.length)];
			let id = `evt_${campaign.id.replace(/^cmp_/, '')}_${String(eventCount - i).padStart(4, '0')}`;
			let type: EventType = TYPE_PATTERN[i % TYPE_PATTERN.length];
			let metadata: Record<string, string> = {};
			if (campaign.id === 'cmp_abc123' && i < 2) {
				id = i === 0 ? 'evt_a1b2c3d4' : 'evt_b2c3d4e5';
				type = i === 0 ? 'opened' : 'clicked';
				metadata =
					i === 0
						? { user_agent: 'Mozilla/5.0', ip_country: 'DE' }
						: { url: 'https://example.com/estate-checklist' };
			}
			events.push({
				id,
				type,
				contact_id: enrollment.contact_id,
				email: seededPerson(enrollment.contact_id).email,
				step_id: steps[i % steps.length].id,
				timestamp: iso(newest - i * 7 * 60_000),
				metadata,
			});
		}
	}
	return { contacts, events };
}

/** Contact lists per workspace; `list-uuid-here` is the create-campaign page's example. */
export function listsFor(workspaceIndex: number): ContactList[] {
	const ids = (tag: number, count: number) =>
		Array.from({ length: count }, (_, i) => contactId(tag, i + 1));
	const list = (
		id: string,
		name: string,
		description: string | null,
		contactIds: string[],
		createdAt: string,
	): ContactList => ({ id, name, description, contact_ids: contactIds, created_at: createdAt });
	if (workspaceIndex === 0) {
		return [
			list('list-uuid-here', 'Q2 Outreach', null, ids(9001, 3), '2026-01-12T09:00:00Z'),
			list(
				'list_estate_q2',
				'Estate planning prospects',
				'Prospects from the Q2 estate planning webinars',
				ids(9002, 30),
				'2026-01-20T10:30:00Z',
			),
			list(
				'list_big_outreach',
				'Statewide outreach',
				'Business owners across the state',
				ids(9003, 150),
				'2026-02-03T14:00:00Z',
			),
			list('list_empty', 'Empty list', null, [], '2026-02-10T08:15:00Z'),
		];
	}
	if (workspaceIndex === 1) {
		return [list('list_other01', 'Injury leads', null, ids(9101, 5), '2026-01-28T16:00:00Z')];
	}
	return [];
}

/** Stats (§8.15) from the event stream: unique opens/clicks per recipient and step. */
export function statsOf(events: CampaignEvent[]) {
	const unique = (type: EventType, perStep: boolean) =>
		new Set(
			events
				.filter((e) => e.type === type)
				.map((e) => (perStep ? `${e.contact_id}/${e.step_id}` : e.contact_id)),
		).size;
	const count = (type: EventType) => events.filter((e) => e.type === type).length;
	const sent = count('sent');
	const opened = unique('opened', true);
	const clicked = unique('clicked', true);
	const replied = unique('replied', false);
	const rate = (n: number) => (sent === 0 ? 0 : Math.round((n / sent) * 1000) / 1000);
	return {
		sent_count: sent,
		opened_count: opened,
		clicked_count: clicked,
		replied_count: replied,
		bounced_count: count('bounced'),
		unsubscribed_count: unique('unsubscribed', false),
		open_rate: rate(opened),
		click_rate: rate(clicked),
		reply_rate: rate(replied),
	};
}
