/**
 * The sandbox's stand-in for LeadLex's AI duplicate detection (docs §9.5): fixed rules over the
 * workspace's contacts, companies or deals, so that the same records always give the same pairs.
 *
 * - A rule is a key made from some fields (e.g. the normalized email); two records with the same
 *   key are a candidate pair. Within a key's group the oldest record (created first, then by ID) is
 *   the primary and every other record a duplicate of it: a pair says which record to keep.
 * - A pair's `matched_fields` are the fields of every rule the two records match, then the
 *   supporting fields they share; its `similarity` is the strongest matched rule's, plus 0.02 per
 *   further matched field, at most 0.99 (two decimals); its `reason` is the strongest rule's.
 * - Pairs below the threshold are dropped; the rest are sorted by similarity (highest first),
 *   then by the primary's and the duplicate's creation (oldest first) and IDs, and cut at `limit`.
 */
import type { Contact } from './contacts';
import type { Company } from './crm';
import type { Deal } from './deals';
import type { JsonObject } from './http';

export const ENTITY_TYPES = ['contact', 'company', 'deal'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** A contact, company or deal, as the rules read it. */
type AnyRecord = { id: string; created_date: string };

interface Rule<T> {
	fields: string[];
	similarity: number;
	reason: string;
	/** The record's key for this rule; undefined when a field it needs is empty. */
	key: (record: T) => string | undefined;
}

interface Rules<T> {
	rules: Rule<T>[];
	/** Fields that add to a pair's similarity when equal, but make no pair on their own. */
	supporting: Array<{ field: string; value: (record: T) => string | undefined }>;
}

/** Lower case, letters and digits only, single spaces; undefined when nothing is left. */
export function normalizeText(text: string | null | undefined): string | undefined {
	const normalized = (text ?? '')
		.toLowerCase()
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
	return normalized || undefined;
}

const LEGAL_SUFFIXES = new Set(['llp', 'llc', 'inc', 'ltd', 'co', 'corp', 'corporation', 'plc']);

/** A company name without its legal form: "Acme Legal, LLP" and "ACME Legal" are the same. */
export function companyNameKey(name: string | null | undefined): string | undefined {
	const words = (normalizeText(name) ?? '').split(' ').filter(Boolean);
	while (words.length > 1 && LEGAL_SUFFIXES.has(words[words.length - 1])) words.pop();
	return words.join(' ') || undefined;
}

/** A host name without scheme, `www.`, path or case. */
export function domainKey(domain: string | null | undefined): string | undefined {
	const host = (domain ?? '')
		.trim()
		.toLowerCase()
		.replace(/^[a-z]+:\/\//, '')
		.replace(/^www\./, '')
		.replace(/[/?#].*$/, '');
	return host || undefined;
}

const emailKey = (email: string | null) => email?.trim().toLowerCase() || undefined;
const digits = (phone: string | null) => {
	const only = (phone ?? '').replace(/\D/g, '');
	return only.length >= 7 ? only : undefined;
};
const joined = (...parts: Array<string | undefined | null>) =>
	parts.every((part) => part) ? parts.join('|') : undefined;

const CONTACT_RULES: Rules<Contact> = {
	rules: [
		{
			fields: ['email'],
			similarity: 0.97,
			reason: 'Same email address',
			key: (c) => emailKey(c.email),
		},
		{
			fields: ['full_name'],
			similarity: 0.88,
			reason: 'Same name',
			key: (c) => normalizeText(c.full_name),
		},
	],
	supporting: [
		{ field: 'phone', value: (c) => digits(c.phone) },
		{ field: 'company', value: (c) => normalizeText(c.company) },
	],
};

const COMPANY_RULES: Rules<Company> = {
	rules: [
		{
			fields: ['domain'],
			similarity: 0.96,
			reason: 'Same domain',
			key: (c) => domainKey(c.domain),
		},
		{ fields: ['name'], similarity: 0.9, reason: 'Same name', key: (c) => companyNameKey(c.name) },
		{
			fields: ['name'],
			similarity: 0.6,
			reason: 'Names begin with the same word',
			key: (c) => {
				const first = companyNameKey(c.name)?.split(' ')[0];
				return first && first.length >= 3 ? first : undefined;
			},
		},
	],
	supporting: [
		{ field: 'industry', value: (c) => normalizeText(c.industry) },
		{ field: 'city', value: (c) => normalizeText(c.city) },
	],
};

const DEAL_RULES: Rules<Deal> = {
	rules: [
		{
			fields: ['name', 'main_contact_id'],
			similarity: 0.95,
			reason: 'Same name and contact',
			key: (d) => joined(normalizeText(d.name), d.main_contact_id),
		},
		{
			fields: ['main_contact_id', 'matter_type'],
			similarity: 0.86,
			reason: 'Same contact and matter type',
			key: (d) => joined(d.main_contact_id, normalizeText(d.matter_type)),
		},
		{ fields: ['name'], similarity: 0.8, reason: 'Same name', key: (d) => normalizeText(d.name) },
	],
	supporting: [{ field: 'pipeline', value: (d) => normalizeText(d.pipeline) }],
};

export const RULES: { [K in EntityType]: Rules<never> } = {
	contact: CONTACT_RULES as Rules<never>,
	company: COMPANY_RULES as Rules<never>,
	deal: DEAL_RULES as Rules<never>,
};

export interface DuplicatePair {
	primary_id: string;
	duplicate_id: string;
	similarity: number;
	matched_fields: string[];
	reason: string;
}

function olderFirst(a: AnyRecord, b: AnyRecord): number {
	return (
		Date.parse(a.created_date) - Date.parse(b.created_date) ||
		(a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
	);
}

/** What the rules say about two records; undefined when they match no rule. */
function scorePair<T extends AnyRecord>(
	{ rules, supporting }: Rules<T>,
	primary: T,
	duplicate: T,
): DuplicatePair | undefined {
	const matched = rules.filter((rule) => {
		const key = rule.key(primary);
		return key !== undefined && key === rule.key(duplicate);
	});
	if (matched.length === 0) return undefined;
	const fields = new Set(matched.flatMap((rule) => rule.fields));
	for (const { field, value } of supporting) {
		const shared = value(primary);
		if (shared !== undefined && shared === value(duplicate)) fields.add(field);
	}
	const best = matched.reduce((a, b) => (b.similarity > a.similarity ? b : a));
	const extra = fields.size - best.fields.length;
	const similarity = Math.min(0.99, Math.round((best.similarity + 0.02 * extra) * 100) / 100);
	return {
		primary_id: primary.id,
		duplicate_id: duplicate.id,
		similarity,
		matched_fields: [...fields],
		reason: best.reason,
	};
}

/** Every pair at or above `threshold`, best first (see the header), at most `limit`. */
export function detectDuplicates<T extends AnyRecord>(
	entityType: EntityType,
	records: T[],
	threshold: number,
	limit: number,
): DuplicatePair[] {
	const rules = RULES[entityType] as unknown as Rules<T>;
	const byId = new Map(records.map((record) => [record.id, record]));
	const candidates = new Set<string>();
	for (const rule of rules.rules) {
		const groups = new Map<string, T[]>();
		for (const record of records) {
			const key = rule.key(record);
			if (key === undefined) continue;
			const group = groups.get(key);
			if (group) group.push(record);
			else groups.set(key, [record]);
		}
		for (const group of groups.values()) {
			const [primary, ...duplicates] = group.sort(olderFirst);
			for (const duplicate of duplicates) candidates.add(`${primary.id}\n${duplicate.id}`);
		}
	}
	const pairs: DuplicatePair[] = [];
	for (const candidate of candidates) {
		const [primaryId, duplicateId] = candidate.split('\n');
		const pair = scorePair(rules, byId.get(primaryId) as T, byId.get(duplicateId) as T);
		if (pair && pair.similarity >= threshold) pairs.push(pair);
	}
	return pairs
		.sort(
			(a, b) =>
				b.similarity - a.similarity ||
				olderFirst(byId.get(a.primary_id)!, byId.get(b.primary_id)!) ||
				olderFirst(byId.get(a.duplicate_id)!, byId.get(b.duplicate_id)!),
		)
		.slice(0, limit);
}

/** A pair as the answer shows it. */
export function pairView(pair: DuplicatePair): JsonObject {
	return { ...pair, matched_fields: [...pair.matched_fields] };
}

/** What a run costs by the workspace's size, its contacts, companies and deals (§9.5). */
export function detectionCost(workspaceRecords: number): number {
	if (workspaceRecords <= 10_000) return 3;
	if (workspaceRecords <= 100_000) return 5;
	return 10;
}
