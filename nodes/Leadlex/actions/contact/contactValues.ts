import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';
import type { FieldChecker } from '../../../shared/values';

/** LeadLex's contact priorities (it also takes 1, 2, 3). */
const PRIORITIES = ['high', 'medium', 'low'];

/** Fields LeadLex's update (PATCH) accepts, by the node's name → LeadLex's name there. */
export const UPDATABLE = {
	fullName: 'full_name',
	email: 'email',
	phone: 'phone',
	jobTitle: 'job_title',
	company: 'company_name',
	linkedinUrl: 'linkedin_url',
} as const;

/** What only POST /v1/contacts sets: Create or Update reports them as `not_updated`. */
export const CREATION_ONLY = {
	firstName: 'first_name',
	lastName: 'last_name',
	relatedCompanyId: 'related_company_id',
	priority: 'priority',
	tags: 'tags',
	customFields: 'custom_fields',
	customFieldsJson: 'custom_fields',
	createdDate: 'created_date',
} as const;

const LABELS: Record<string, string> = {
	fullName: 'Full Name',
	email: 'Email',
	firstName: 'First Name',
	lastName: 'Last Name',
	phone: 'Phone',
	jobTitle: 'Job Title',
	company: 'Company',
	relatedCompanyId: 'Related Company ID',
	linkedinUrl: 'LinkedIn URL',
	priority: 'Priority',
	tags: 'Tags',
	customFields: 'Custom Fields',
	customFieldsJson: 'Custom Fields (JSON)',
	createdDate: 'Created Date',
	appendNote: 'Append Note',
};

/** One contact field's value, checked, as LeadLex takes it. */
export function readContactValue(
	this: IExecuteSingleFunctions,
	check: FieldChecker,
	name: string,
	value: unknown,
): unknown {
	const label = LABELS[name] ?? name;
	switch (name) {
		case 'email':
			return check.email(label, value);
		case 'linkedinUrl':
			return check.url(label, value);
		case 'priority':
			return check.oneOf(label, value, PRIORITIES);
		case 'tags':
			return check.textList(label, value);
		case 'customFields':
			return readCustomFieldPairs(check, label, value);
		case 'customFieldsJson':
			return readCustomFieldObject(check, label, value);
		case 'createdDate':
			return check.dateTime(label, value, this.getTimezone());
		default:
			return check.text(label, value).trim();
	}
}

/** The set fields of a collection, checked, under LeadLex's names (`names` maps the node's names). */
export function readContactFields(
	this: IExecuteSingleFunctions,
	check: FieldChecker,
	fields: IDataObject,
	names: Readonly<Record<string, string>>,
): IDataObject {
	const body: IDataObject = {};
	// Custom Fields (JSON) after the pairs, so that it wins on a name set in both.
	const ordered = Object.entries(fields).sort(
		([a], [b]) => Number(a === 'customFieldsJson') - Number(b === 'customFieldsJson'),
	);
	for (const [name, value] of ordered) {
		const key = names[name];
		if (!key) continue;
		const read = readContactValue.call(this, check, name, value) as IDataObject[string];
		// Custom Fields and Custom Fields (JSON) add up.
		const before = body[key];
		body[key] =
			before && typeof before === 'object' && !Array.isArray(before)
				? { ...before, ...(read as IDataObject) }
				: read;
	}
	return body;
}

/** Every field POST /v1/contacts takes, by the node's name → LeadLex's name there. */
export const CREATE_NAMES: Readonly<Record<string, string>> = {
	fullName: 'full_name',
	email: 'email',
	phone: 'phone',
	jobTitle: 'job_title',
	company: 'company',
	linkedinUrl: 'linkedin_url',
	...CREATION_ONLY,
};

/** Custom Fields: the form's name/value pairs (`{field: [{name, value}]}`). */
function readCustomFieldPairs(check: FieldChecker, label: string, value: unknown): IDataObject {
	const pairs = (value as { field?: unknown } | null)?.field;
	if (!Array.isArray(pairs) || pairs.length === 0) throw check.fail(label, 'are empty');
	const result: IDataObject = {};
	pairs.forEach((pair: { name?: unknown; value?: unknown }, position) => {
		const name = check.text(`${label} name ${position + 1}`, pair?.name).trim();
		result[name] = (pair?.value ?? '') as string;
	});
	return result;
}

/** Custom Fields (JSON): an object of names and values, or its JSON text. */
function readCustomFieldObject(check: FieldChecker, label: string, value: unknown): IDataObject {
	let object: unknown = value;
	if (typeof object === 'string') {
		try {
			object = JSON.parse(object);
		} catch {
			throw check.fail(
				label,
				'must be an object of names and values, but it is text that is not JSON',
			);
		}
	}
	if (!object || typeof object !== 'object' || Array.isArray(object)) {
		throw check.fail(label, 'must be an object of names and values');
	}
	if (Object.keys(object).length === 0) throw check.fail(label, 'are empty');
	return object as IDataObject;
}
