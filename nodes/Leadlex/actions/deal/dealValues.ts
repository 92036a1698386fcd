import type { IDataObject } from 'n8n-workflow';
import { locatorValue } from '../../../shared/itemParameter';
import { describe, type FieldChecker } from '../../../shared/values';

/** LeadLex's deal statuses as its list, create and update pages name them (Get shows `open`). */
export const STATUSES = ['active', 'won', 'lost'];
const PRIORITIES = ['low', 'medium', 'high', 'urgent'];
const FEE_MODELS = ['hourly', 'fixed', 'contingency', 'retainer'];

type Kind =
	| 'text'
	| 'id'
	| 'ids'
	| 'tags'
	| 'status'
	| 'priority'
	| 'feeModel'
	| 'amount'
	| 'probability'
	| 'currency'
	| 'date';

interface DealField {
	/** The name POST /v1/deals takes (PATCH and the bulk requests are assumed to take it too). */
	key: string;
	label: string;
	kind: Kind;
}

/** Every field of a deal the node sends, by the node's parameter name. */
export const DEAL_FIELDS: Readonly<Record<string, DealField>> = {
	name: { key: 'name', label: 'Name', kind: 'text' },
	stage: { key: 'stage', label: 'Stage', kind: 'text' },
	status: { key: 'status', label: 'Status', kind: 'status' },
	pipeline: { key: 'pipeline', label: 'Pipeline', kind: 'text' },
	estimatedValue: { key: 'estimated_value', label: 'Estimated Value', kind: 'amount' },
	contactId: { key: 'contact_id', label: 'Contact ID', kind: 'id' },
	ownerId: { key: 'owner_id', label: 'Owner ID', kind: 'id' },
	priority: { key: 'priority', label: 'Priority', kind: 'priority' },
	dealType: { key: 'deal_type', label: 'Deal Type', kind: 'text' },
	notes: { key: 'notes', label: 'Notes', kind: 'text' },
	tags: { key: 'tags', label: 'Tags', kind: 'tags' },
	description: { key: 'description', label: 'Description', kind: 'text' },
	followUpDate: { key: 'follow_up_date', label: 'Follow-Up Date', kind: 'date' },
	probability: { key: 'probability', label: 'Probability', kind: 'probability' },
	currency: { key: 'currency', label: 'Currency', kind: 'currency' },
	relatedCompanyId: { key: 'related_company_id', label: 'Related Company ID', kind: 'id' },
	relationshipPartnerId: {
		key: 'relationship_partner_id',
		label: 'Relationship Partner ID',
		kind: 'id',
	},
	matterLeadId: { key: 'matter_lead_id', label: 'Matter Lead ID', kind: 'id' },
	teamMemberIds: { key: 'team_member_ids', label: 'Team Member IDs', kind: 'ids' },
	feeModel: { key: 'fee_model', label: 'Fee Model', kind: 'feeModel' },
};

/** The same fields by LeadLex's create name (Create Many's entries). */
const BY_KEY = new Map(Object.values(DEAL_FIELDS).map((field) => [field.key, field]));

/**
 * LeadLex's documented aliases: the deal object's names (and the contacts' legacy `company_id`)
 * for the names POST /v1/deals takes. Create Many renames them, so that a deal read with Get can
 * be sent back as it is.
 */
export const ALIASES: Readonly<Record<string, string>> = {
	main_contact_id: 'contact_id',
	owner_user_id: 'owner_id',
	matter_type: 'deal_type',
	company_id: 'related_company_id',
};

/** One deal field's value, checked, as LeadLex takes it. */
function readValue(
	check: FieldChecker,
	field: DealField,
	label: string,
	value: unknown,
	zone: string,
): IDataObject[string] {
	switch (field.kind) {
		case 'id':
			return check.id(label, locatorValue(value));
		case 'ids':
			return check.idList(label, value);
		case 'tags':
			return check.textList(label, value);
		case 'status':
			return check.oneOf(label, value, STATUSES);
		case 'priority':
			return check.oneOf(label, value, PRIORITIES);
		case 'feeModel':
			return check.oneOf(label, value, FEE_MODELS);
		case 'probability':
			return check.integer(label, value, 0, 100);
		case 'amount': {
			const number =
				typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
			if (typeof number !== 'number' || !Number.isFinite(number) || number < 0) {
				throw check.fail(label, `must be a number of 0 or more, but it is ${describe(value)}`);
			}
			return number;
		}
		case 'currency': {
			const code = check.text(label, value).trim();
			if (!/^[A-Za-z]{3}$/.test(code)) {
				throw check.fail(
					label,
					`must be a three-letter currency code such as USD, but it is ${describe(value)}`,
				);
			}
			return code.toUpperCase();
		}
		case 'date':
			return check.dateTime(label, value, zone);
		default:
			return check.text(label, value).trim();
	}
}

/**
 * The set fields of a collection (Additional Fields, Update Fields), checked, under LeadLex's
 * create names. `zone` is the workflow's time zone (dates are sent with its offset).
 */
export function readDealFields(
	check: FieldChecker,
	fields: IDataObject,
	zone: string,
): IDataObject {
	const body: IDataObject = {};
	for (const [name, value] of Object.entries(fields)) {
		const field = DEAL_FIELDS[name];
		if (!field) continue;
		body[field.key] = readValue(check, field, field.label, value, zone);
	}
	return body;
}

/** The Name: required, trimmed. */
export function readName(check: FieldChecker, value: unknown): string {
	return check.text('Name', value).trim();
}

/**
 * One entry of Create Many's Deals, checked: an object with a name and LeadLex's create fields
 * only (the deal object's names for the aliased fields are renamed), each value checked as the
 * form's field is. `position` counts from 1.
 */
export function readBulkDeal(
	check: FieldChecker,
	entry: unknown,
	position: number,
	zone: string,
): IDataObject {
	if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
		throw check.fail('Deals', `must contain only deals, but entry ${position} is not an object`);
	}
	const given = entry as IDataObject;
	const unknown = Object.keys(given).filter((key) => !BY_KEY.has(key) && !(key in ALIASES));
	if (unknown.length) {
		throw check.fail(
			'Deals',
			`entry ${position} has fields LeadLex's deal create does not take (${unknown.join(', ')}); it takes ${[...BY_KEY.keys()].join(', ')}, and main_contact_id, owner_user_id, matter_type, company_id for their aliases`,
		);
	}
	const deal: IDataObject = {};
	for (const [key, value] of Object.entries(given)) {
		const target = ALIASES[key] ?? key;
		if (target in deal) {
			const other = Object.keys(given).find(
				(name) => name !== key && (ALIASES[name] ?? name) === target,
			);
			throw check.fail(
				'Deals',
				`entry ${position} sets both ${other} and ${key}, which LeadLex reads as the same field (${target}): keep one`,
			);
		}
		const field = BY_KEY.get(target)!;
		deal[target] = readValue(check, field, `Deals entry ${position} ${key}`, value, zone);
	}
	return deal;
}
