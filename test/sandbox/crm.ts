/**
 * The sandbox's CRM records beyond contacts (docs §9.4, §9.6): companies (seeded, with the data a
 * stand-in enrichment provider knows about them), and the notes, tasks and activities created
 * through the API, their views, and the fuzzy name matching of `contact_name` / `company_name`.
 * Deterministic. The assumptions are listed in server.ts (assumption 23) and README.md.
 */
import type { Contact } from './contacts';
import { HttpError, type JsonObject } from './http';

export interface Company {
	id: string;
	name: string;
	industry: string | null;
	website: string | null;
	linkedin_url: string | null;
	size: string | null;
	domain: string | null;
	city: string | null;
	country: string | null;
	tags: string[];
	created_date: string;
	updated_date: string;
}

/** The company fields enrichment may fill (`fields[]` takes these names). */
export const ENRICHABLE_FIELDS = [
	'name',
	'industry',
	'website',
	'linkedin_url',
	'size',
	'domain',
	'city',
	'country',
] as const;
export type EnrichableField = (typeof ENRICHABLE_FIELDS)[number];

export type NoteType = 'general' | 'meeting' | 'call' | 'email' | 'other';
export const NOTE_TYPES: readonly NoteType[] = ['general', 'meeting', 'call', 'email', 'other'];
export const TASK_STATUSES = ['open', 'in_progress', 'completed'] as const;
export const TASK_PRIORITIES = ['low', 'medium', 'high'] as const;

/** A note made by POST /v1/notes, with its links (a contact's copy is in its note records). */
export interface NoteRecord {
	id: string;
	title: string;
	content: string;
	note_type: NoteType;
	tags: string[];
	is_pinned: boolean;
	contact_id: string | null;
	related_company_id: string | null;
	deal_id: string | null;
	created_date: string;
	updated_date: string;
}

export interface TaskRecord {
	id: string;
	title: string;
	description: string | null;
	status: (typeof TASK_STATUSES)[number];
	priority: (typeof TASK_PRIORITIES)[number] | null;
	task_type: string | null;
	/** As sent: a date (YYYY-MM-DD) or an ISO 8601 date-time. */
	due_date: string | null;
	assigned_to_user_id: string | null;
	contact_id: string | null;
	deal_id: string | null;
	event_id: string | null;
	/** Set when the task was linked by `company_name` (tasks have no company ID field). */
	related_company_id: string | null;
	created_date: string;
}

export interface ActivityRecord {
	id: string;
	type: string;
	title: string;
	description: string | null;
	contact_id: string | null;
	deal_id: string | null;
	entity_type: string | null;
	entity_id: string | null;
	entity_name: string | null;
	metadata: JsonObject;
	created_date: string;
}

/** Everything of one workspace that the CRM routes keep. */
export interface CrmState {
	/** By ID, in seed (then creation) order. */
	companies: Map<string, Company>;
	notes: NoteRecord[];
	tasks: TaskRecord[];
	activities: ActivityRecord[];
	/**
	 * The workspace's credits (§4.3: one "AI / enrichment credit balance"): each successful
	 * enrichment takes one, a duplicate detection 3 to 10 (routes/ai.ts); too few gives 402.
	 */
	enrichCredits: number;
}

export const companyId = (n: number): string =>
	`c0c00000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Acme Legal LLP and Acme Logistics Inc.: `company_name` "Acme" matches both. */
export const ACME_LEGAL = companyId(1);
export const ACME_LOGISTICS = companyId(2);
/** No data at the provider for its domain: enrich answers 409 no_match. */
export const HARBOR_VIEW = companyId(5);
/** No domain at all: enrich by ID answers 409 no_match. */
export const SUMMIT = companyId(6);

/** The enrichment credits each seeded workspace starts with (main, other). */
export const SEEDED_ENRICH_CREDITS = [25, 0];

type CompanySeed = Omit<Company, 'id' | 'tags' | 'created_date' | 'updated_date'> & {
	tags?: string[];
};

function company(n: number, seed: CompanySeed): Company {
	const created = new Date(Date.UTC(2024, 0, n, 9)).toISOString().replace(/\.\d{3}Z$/, 'Z');
	const { tags = [], ...fields } = seed;
	return { id: companyId(n), ...fields, tags, created_date: created, updated_date: created };
}

const empty = {
	industry: null,
	website: null,
	linkedin_url: null,
	size: null,
	city: null,
	country: null,
};

/** The seeded companies of a workspace (0: main, 1: other), fresh copies. */
export function companiesFor(workspaceIndex: number): Company[] {
	if (workspaceIndex === 1) {
		return [company(101, { ...empty, name: 'Brennan Holdings', domain: 'brennanholdings.com' })];
	}
	if (workspaceIndex !== 0) return [];
	return [
		company(1, {
			name: 'Acme Legal LLP',
			industry: 'Legal Services',
			website: 'https://acmelegal.com',
			linkedin_url: null,
			size: '11-50',
			domain: 'acmelegal.com',
			city: 'Boston',
			country: 'US',
			tags: ['referral-partner'],
		}),
		company(2, {
			...empty,
			name: 'Acme Logistics Inc.',
			industry: 'Logistics',
			domain: 'acmelogistics.com',
		}),
		company(3, {
			name: 'Northwind Traders',
			industry: 'Wholesale',
			website: 'https://northwind.com',
			linkedin_url: 'https://www.linkedin.com/company/northwind-traders',
			size: '201-500',
			domain: 'northwind.com',
			city: 'Seattle',
			country: 'US',
		}),
		company(4, { ...empty, name: 'Cedar Ridge Dental', domain: 'cedarridgedental.com' }),
		company(5, {
			...empty,
			name: 'Harbor View Realty',
			industry: 'Real Estate',
			domain: 'harborviewrealty.com',
		}),
		company(6, { ...empty, name: 'Summit Builders', industry: 'Construction', domain: null }),
	];
}

/**
 * What the stand-in enrichment provider knows, by domain. `globex.com` belongs to no seeded
 * company (enrich by that domain: 404); `harborviewrealty.com` is unknown (409 no_match).
 */
export const PROVIDER_DATA: Readonly<Record<string, Partial<Record<EnrichableField, string>>>> = {
	'acmelegal.com': {
		name: 'Acme Legal LLP',
		industry: 'Legal Services',
		website: 'https://acmelegal.com',
		linkedin_url: 'https://www.linkedin.com/company/acme-legal',
		size: '51-200',
		city: 'Boston',
		country: 'US',
	},
	'acmelogistics.com': {
		name: 'Acme Logistics Inc.',
		industry: 'Transportation & Logistics',
		website: 'https://acmelogistics.com',
		size: '501-1000',
		city: 'Memphis',
		country: 'US',
	},
	'northwind.com': { linkedin_url: 'https://www.linkedin.com/company/northwind-traders' },
	'cedarridgedental.com': {
		industry: 'Healthcare',
		website: 'https://cedarridgedental.com',
		linkedin_url: 'https://www.linkedin.com/company/cedar-ridge-dental',
		size: '11-50',
		city: 'Denver',
		country: 'US',
	},
	'brennanholdings.com': { industry: 'Holding Companies', size: '2-10', country: 'US' },
	'globex.com': { name: 'Globex Corporation', industry: 'Manufacturing', size: '1001-5000' },
};

/** A domain as the sandbox compares it: trimmed, lower case, without a leading `www.`. */
export function normalizeDomain(domain: string): string {
	return domain
		.trim()
		.toLowerCase()
		.replace(/^www\./, '');
}

export function companyView(c: Company): JsonObject {
	return { ...c, tags: [...c.tags] };
}

export function noteRecordView(note: NoteRecord): JsonObject {
	return { ...note, tags: [...note.tags] };
}

export function taskView(task: TaskRecord): JsonObject {
	return { ...task };
}

export function activityView(activity: ActivityRecord): JsonObject {
	return { ...activity, metadata: structuredClone(activity.metadata) };
}

/**
 * A contact's open tasks for `include=tasks` (`open_tasks`): not completed, soonest due first
 * (tasks without a due date last), then newest; at most 3.
 */
export function openTasksOf(tasks: TaskRecord[], contactIdValue: string): JsonObject[] {
	const due = (task: TaskRecord) => (task.due_date === null ? Infinity : Date.parse(task.due_date));
	return tasks
		.filter((task) => task.contact_id === contactIdValue && task.status !== 'completed')
		.sort(
			(a, b) =>
				due(a) - due(b) ||
				Date.parse(b.created_date) - Date.parse(a.created_date) ||
				(a.id < b.id ? -1 : 1),
		)
		.slice(0, 3)
		.map(taskView);
}

/** The most candidate IDs an ambiguous_reference error lists. */
export const MAX_CANDIDATES = 50;

function normalizeName(name: string): string {
	return name.trim().toLowerCase().replace(/\s+/g, ' ');
}

/**
 * LeadLex's fuzzy name matching, as the sandbox reads it: not case-sensitive, spaces collapsed;
 * the records whose name equals the term if there are any, else those whose name contains it.
 * One match is linked; none is 400 validation_error naming the field; several are 400
 * ambiguous_reference with `details.candidates` (their IDs, at most 50) and `details.field`.
 */
export function matchByName<T extends { id: string }>(
	records: Iterable<T>,
	nameOf: (record: T) => string,
	field: 'contact_name' | 'company_name',
	term: string,
): T {
	const wanted = normalizeName(term);
	const all = [...records];
	const exact = all.filter((record) => normalizeName(nameOf(record)) === wanted);
	const found = exact.length
		? exact
		: all.filter((record) => normalizeName(nameOf(record)).includes(wanted));
	const [kind, kinds, idField] =
		field === 'contact_name'
			? ['contact', 'contacts', 'contact_id']
			: ['company', 'companies', 'related_company_id'];
	if (found.length === 1) return found[0];
	if (found.length === 0) {
		throw new HttpError(400, 'validation_error', `No ${kind} matches ${field} "${term}"`, {
			fields: { [field]: `No ${kind} matches this name` },
		});
	}
	throw new HttpError(
		400,
		'ambiguous_reference',
		`${field} "${term}" matches ${found.length} ${kinds}: send ${idField} instead`,
		{ field, candidates: found.slice(0, MAX_CANDIDATES).map((record) => record.id) },
	);
}

/** Contact and company lookups by name for the create routes. */
export const contactByName = (contacts: Map<string, Contact>, term: string): Contact =>
	matchByName(contacts.values(), (contact) => contact.full_name, 'contact_name', term);

export const companyByName = (companies: Map<string, Company>, term: string): Company =>
	matchByName(companies.values(), (c) => c.name, 'company_name', term);

/** A fresh CRM state for a seeded workspace. */
export function crmFor(workspaceIndex: number): CrmState {
	return {
		companies: new Map(companiesFor(workspaceIndex).map((c) => [c.id, c])),
		notes: [],
		tasks: [],
		activities: [],
		enrichCredits: SEEDED_ENRICH_CREDITS[workspaceIndex] ?? 0,
	};
}

/** Only companies of the key's workspace are found: 404 not_found (the generic code). */
export function findCompany(crm: CrmState, id: string): Company {
	const found = crm.companies.get(id);
	if (!found) throw new HttpError(404, 'not_found', `No company with ID ${id}`);
	return found;
}

/** A deleted contact's notes, tasks and activities stay, unlinked (§9.1 bulk delete). */
export function unlinkContact(crm: CrmState, contactIdValue: string): void {
	for (const record of [...crm.notes, ...crm.tasks, ...crm.activities]) {
		if (record.contact_id === contactIdValue) record.contact_id = null;
	}
}

/** Merge moves a duplicate's notes, tasks and activities to the primary; counts tasks, activities. */
export function moveContactRecords(
	crm: CrmState,
	fromId: string,
	toId: string,
): { tasks: number; activities: number } {
	const move = (records: Array<{ contact_id: string | null }>) =>
		records.filter((record) => record.contact_id === fromId && (record.contact_id = toId)).length;
	move(crm.notes);
	return { tasks: move(crm.tasks), activities: move(crm.activities) };
}
