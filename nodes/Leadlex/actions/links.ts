import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';
import { idLabel, showFor } from '../../shared/descriptions';
import { ambiguousReference, refused, what, type ErrorTable } from '../../shared/errors/codes';
import { readItemId } from '../../shared/itemParameter';
import type { FieldChecker } from '../../shared/values';
import { companyLocator } from './company/companyFields';
import { contactLocator } from './contact/contactFields';
import { dealLocator } from './deal/dealFields';
import type { ItemContext } from './operation';

/**
 * What a note or a task is linked to (its parent, §9.6): a record chosen by ID (the Contact,
 * Company and Deal pickers, Event ID) or a name LeadLex fuzzy-matches (Contact Name, Company
 * Name), the checks of those fields, and the errors LeadLex gives about them. Also the body IDs of
 * other operations (Company → Enrich) and the Created Date whose window LeadLex enforces.
 */

/**
 * A top-level ID field sent in the body (`check.id`); blank is "not set" (undefined). A picker's
 * value is read as the runner reads path IDs (`readItemId`), and its messages call it "<picker> ID"
 * ("The Contact ID is empty"); a text field is named by its label.
 */
export function readBodyId(
	context: IExecuteSingleFunctions,
	check: FieldChecker,
	name: string,
	picker: boolean,
	label = picker ? `${idLabel(name)} ID` : name,
): string | undefined {
	const value = picker ? readItemId(context, name) : context.getNodeParameter(name, '');
	if (value === undefined || value === null || (typeof value === 'string' && !value.trim())) {
		return undefined;
	}
	return check.id(label, value);
}

/** A picker's ID sent in the body that must be set (`readBodyId`; blank refused). */
export function requirePickerId(
	context: IExecuteSingleFunctions,
	check: FieldChecker,
	name: string,
): string {
	const id = readBodyId(context, check, name, true);
	if (id === undefined) throw check.fail(`${idLabel(name)} ID`, 'is empty');
	return id;
}

/** A parent chosen by ID: its parameter, its label in messages, its LeadLex key, and its field. */
interface LinkKind {
	name: string;
	label: string;
	/** What the notice calls it ("a contact"). */
	record: string;
	key: string;
	picker: boolean;
	field: (noun: string) => Omit<INodeProperties, 'displayOptions'>;
}

const LINK_KINDS = {
	contact: {
		name: 'contactId',
		label: 'Contact',
		record: 'contact',
		key: 'contact_id',
		picker: true,
		field: (noun) => ({
			...contactLocator,
			required: false,
			description: `The contact the ${noun} belongs to, by its ID (a UUID)`,
		}),
	},
	company: {
		name: 'companyId',
		label: 'Company',
		record: 'company',
		// The documented name; LeadLex also takes the older `company_id`.
		key: 'related_company_id',
		picker: true,
		field: (noun) => ({
			...companyLocator,
			required: false,
			description: `The company the ${noun} belongs to, by its ID`,
		}),
	},
	deal: {
		name: 'dealId',
		label: 'Deal',
		record: 'deal',
		key: 'deal_id',
		picker: true,
		field: (noun) => ({
			...dealLocator,
			required: false,
			description: `The deal (matter) the ${noun} belongs to, by its ID (a UUID)`,
		}),
	},
	event: {
		name: 'eventId',
		label: 'Event ID',
		record: 'event',
		key: 'event_id',
		picker: false,
		field: (noun) => ({
			displayName: 'Event ID',
			name: 'eventId',
			type: 'string',
			default: '',
			description: `The calendar event the ${noun} belongs to, by its ID`,
		}),
	},
} satisfies Record<string, LinkKind>;

export type LinkKindName = keyof typeof LINK_KINDS;

/** The names LeadLex fuzzy-matches; an ID of the same kind wins over the name (§9.6). */
const NAME_LINKS = [
	{ name: 'contactName', key: 'contact_name', label: 'Contact Name', kind: 'contact' },
	{ name: 'companyName', key: 'company_name', label: 'Company Name', kind: 'company' },
] as const;

/** `a, b and c` (or `a, b or c`). */
function listOf(words: string[], last = 'and'): string {
	return words.length < 2
		? words.join('')
		: `${words.slice(0, -1).join(', ')} ${last} ${words[words.length - 1]}`;
}

/**
 * The parent fields of a create (`kinds`: the records it can belong to by ID), then Contact Name
 * and Company Name, after a notice of the rule. None is required alone; at least one must be set.
 */
export function parentFields(
	resource: string,
	operation: string,
	noun: string,
	kinds: LinkKindName[],
): INodeProperties[] {
	const show = { show: showFor(resource, operation) };
	const records = listOf(
		kinds.map((kind) => LINK_KINDS[kind].record),
		'or',
	);
	return [
		{
			displayName: `Link the ${noun} to at least one ${records} (by ID), or give a contact or company name for LeadLex to look up`,
			name: 'parentNotice',
			type: 'notice',
			default: '',
			displayOptions: show,
		},
		...kinds.map((kind) => ({ ...LINK_KINDS[kind].field(noun), displayOptions: show })),
		...NAME_LINKS.map((link): INodeProperties => {
			const byId = kinds.includes(link.kind)
				? `Used only when ${LINK_KINDS[link.kind].label} is empty (the ID wins). `
				: '';
			return {
				displayName: link.label,
				name: link.name,
				type: 'string',
				default: '',
				placeholder: link.kind === 'contact' ? 'e.g. Jane Example' : 'e.g. Acme Legal LLP',
				description: `The name of a ${link.kind} for LeadLex to look up (a fuzzy match) and link the ${noun} to`,
				hint: `${byId}A name that matches more than one ${link.kind} creates nothing: the error lists their IDs to choose from.`,
				displayOptions: show,
			};
		}),
	];
}

/**
 * The parent of a note or task, in LeadLex's names: each ID set, and each name whose kind has no
 * ID set (LeadLex would use the ID anyway, so an ambiguous name cannot fail the request). Refused
 * before any request when nothing is set. The IDs join `item.ids` for the messages.
 */
export function readParent(
	this: IExecuteSingleFunctions,
	{ check, ids }: ItemContext,
	kinds: LinkKindName[],
	noun: string,
): IDataObject {
	const body: IDataObject = {};
	for (const kind of kinds) {
		const { name, key, picker, label } = LINK_KINDS[kind];
		const id = readBodyId(this, check, name, picker, picker ? `${label} ID` : label);
		if (id === undefined) continue;
		body[key] = id;
		ids[name] = id;
	}
	for (const link of NAME_LINKS) {
		const value = this.getNodeParameter(link.name, '');
		if (typeof value === 'string' && !value.trim()) continue;
		const text = check.text(link.label, value).trim();
		if (kinds.includes(link.kind) && LINK_KINDS[link.kind].key in body) continue;
		body[link.key] = text;
	}
	if (Object.keys(body).length === 0) {
		const labels = [
			...kinds.map((kind) => LINK_KINDS[kind].label),
			...NAME_LINKS.map((link) => link.label),
		];
		throw check.fail(
			listOf(labels),
			`are all empty: LeadLex needs at least one record to link the ${noun} to`,
		);
	}
	return body;
}

/**
 * The errors of a create linked to records (Note, Task, Activity): a name matching several records
 * (the candidates listed), a linked record LeadLex does not know, LeadLex's own refusal.
 */
export function linkErrors(advice: string): ErrorTable {
	return {
		'400 ambiguous_reference': ambiguousReference,
		'404 not_found': (subject) => ({
			message: `LeadLex could not find a record to link ${subject.label} to (HTTP 404 not_found)`,
			hint: 'Check the IDs of the linked records: each must be a record of the workspace (a key only sees its own workspace).',
			outcome: 'unchanged',
			showSaid: true,
		}),
		'400 validation_error': refused(what, advice),
	};
}

/** Created Date (`createdDate`), whose window LeadLex enforces by replacing the date (§9.6). */
export function createdDateField(noun: string): INodeProperties {
	return {
		displayName: 'Created Date',
		name: 'createdDate',
		type: 'dateTime',
		default: '',
		description: `When the ${noun} was made, e.g. when importing older records (default: now)`,
		hint: 'LeadLex keeps a date at most 24 hours ahead and at most 5 years back; it replaces any other with the time it receives the request.',
	};
}

/**
 * Text with a documented maximum length in characters (Unicode code points, as a person counts
 * them), checked before any request. Not trimmed unless `trim`; blank is refused.
 */
export function readLimitedText(
	check: FieldChecker,
	label: string,
	value: unknown,
	max: number,
	trim = false,
): string {
	const raw = check.text(label, value);
	const text = trim ? raw.trim() : raw;
	const length = Array.from(text).length;
	if (length > max) {
		throw check.fail(
			label,
			`is ${length.toLocaleString('en-US')} characters long, but LeadLex takes at most ${max.toLocaleString('en-US')}`,
		);
	}
	return text;
}
