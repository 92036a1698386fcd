import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import { quoteId } from '../../../shared/errors/LeadlexApiError';
import type { FieldChecker } from '../../../shared/values';
import { requirePickerId } from '../links';
import { leadlexOperation } from '../operation';
import {
	companyLabel,
	companyLocator,
	ENRICHABLE_FIELDS,
	optionsField,
	showFor,
} from './companyFields';
import { ENRICH_ERRORS } from './errors';

const ENRICH_BY = ['companyId', 'domain'];
const FIELD_NAMES = ENRICHABLE_FIELDS.map((field) => field.value);

/** A host name such as acme.com: labels of letters, digits and hyphens, at least one dot. */
const DOMAIN = /^(?!-)[\p{L}\p{N}-]{1,63}(?<!-)(\.(?!-)[\p{L}\p{N}-]{1,63}(?<!-))+$/u;

function readDomain(check: FieldChecker, value: unknown): string {
	const domain = check.text('Domain', value).trim();
	if (!DOMAIN.test(domain)) {
		throw check.fail(
			'Domain',
			`must be a domain name such as acme.com (without https://, a path or spaces), but it is ${quoteId(domain)}`,
		);
	}
	return domain;
}

/** Fields: LeadLex's company field names, a list (multi-select or an expression) or comma text. */
function readFields(check: FieldChecker, value: unknown): string[] {
	const names = Array.isArray(value) && value.length === 0 ? [] : check.textList('Fields', value);
	if (names.length === 0) throw check.fail('Fields', 'are empty: choose at least one field');
	return names.map((name) => check.oneOf('Fields', name, FIELD_NAMES));
}

export const enrichOperation = leadlexOperation({
	name: 'Enrich',
	value: 'enrich',
	action: 'Enrich a company’s fields from provider data (one credit)',
	description:
		"Fill a company's fields from LeadLex's data provider, by its ID or its domain; one credit per successful enrichment",
	method: 'POST',
	path: '/v1/enrich/company',
	permission: PERMISSIONS.writeEnrich,
	change: 'enriched',
	label: () => 'the company',
	errors: ENRICH_ERRORS,
	// LeadLex deduplicates retries by Idempotency-Key within 24 h (§6): one credit, one enrichment.
	idempotent: true,
	output: { property: 'data', shape: 'object' },
	body({ check, ids, subject }) {
		const by = check.oneOf('Enrich By', this.getNodeParameter('enrichBy', 'companyId'), ENRICH_BY);
		const body: IDataObject = {};
		if (by === 'companyId') {
			ids.companyId = requirePickerId(this, check, 'companyId');
			body.company_id = ids.companyId;
			subject.label = companyLabel(ids);
		} else {
			ids.domain = readDomain(check, this.getNodeParameter('domain', ''));
			body.domain = ids.domain;
			subject.label = `the company with the domain ${quoteId(ids.domain)}`;
		}
		const fields = this.getNodeParameter('additionalFields', {}) as IDataObject;
		if ('fields' in fields) body.fields = readFields(check, fields.fields);
		if ('overwrite' in fields) body.overwrite = check.boolean('Overwrite', fields.overwrite);
		return body;
	},
	mayHaveChangedHint:
		'if it was, one credit was spent. A new run sends a new Idempotency-Key, which LeadLex does not deduplicate: check the company in LeadLex (Company → Get Many) before running the workflow again.',
});

export const enrichDescription: INodeProperties[] = [
	{
		displayName: 'Enrich By',
		name: 'enrichBy',
		type: 'options',
		options: [
			{
				name: 'Company',
				value: 'companyId',
				description: 'A company of the workspace, from the list or by its ID',
			},
			{
				name: 'Domain',
				value: 'domain',
				description: 'The company’s web domain, e.g. acme.com',
			},
		],
		default: 'companyId',
		description: 'How to tell LeadLex which company to enrich',
		displayOptions: { show: showFor('enrich') },
	},
	{
		...companyLocator,
		displayOptions: { show: { ...showFor('enrich'), enrichBy: ['companyId'] } },
	},
	{
		displayName: 'Domain',
		name: 'domain',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. acme.com',
		description: 'The web domain of the company to enrich, without https:// or www',
		displayOptions: { show: { ...showFor('enrich'), enrichBy: ['domain'] } },
	},
	{
		displayName:
			'Each successful enrichment costs one LeadLex credit. When LeadLex’s data provider finds no match, nothing changes and no credit is charged.',
		name: 'enrichNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: showFor('enrich') },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showFor('enrich') },
		options: [
			{
				displayName: 'Fields',
				name: 'fields',
				type: 'multiOptions',
				options: ENRICHABLE_FIELDS,
				default: [],
				description:
					'Only these company fields may be filled (default: every field LeadLex has data for)',
			},
			{
				displayName: 'Overwrite',
				name: 'overwrite',
				type: 'boolean',
				default: false,
				description:
					'Whether to replace fields that already have a value. Off (LeadLex’s default), only empty fields are filled.',
			},
		],
	},
	optionsField('enrich'),
];
