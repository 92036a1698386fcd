import {
	creditErrors,
	recordNotFound,
	refused,
	what,
	type ErrorExplainer,
	type ErrorTable,
} from '../../../shared/errors/codes';
import { quoteId } from '../../../shared/errors/LeadlexApiError';

/** Get Many and the Company picker (§9.4). */
export const COMPANY_ERRORS: ErrorTable = {
	'400 validation_error': refused(
		what,
		'Check the filters LeadLex names (Search and Industry are text).',
	),
};

const companyNotFound = recordNotFound('Company', 'companyId');

/** Enrich by ID names the company; enrich by domain names the domain (body() sets the ID it used). */
const enrichNotFound: ErrorExplainer = (subject, said) =>
	subject.ids?.companyId !== undefined
		? companyNotFound(subject, said)
		: {
				message: `LeadLex has no company with the domain ${quoteId(subject.ids?.domain)} in this workspace (HTTP 404${said.code ? ` ${said.code}` : ''})`,
				hint: 'Check the domain (e.g. acme.com), or choose the company with Enrich By → Company. A key only sees the companies of its own workspace.',
				outcome: 'unchanged',
			};

/** Enrich (§9.4, §4): nothing is enriched on any of these, and only a success costs a credit. */
export const ENRICH_ERRORS: ErrorTable = {
	...creditErrors({
		balance: 'no enrichment credits left',
		cost: 'Each successful enrichment costs one credit.',
		refusedTo: 'enrich',
	}),
	'409 no_match': (subject) => ({
		message: `LeadLex’s data provider found no match for ${subject.label} (HTTP 409 no_match), so no credit was charged`,
		hint: 'Check the domain (e.g. acme.com, without https:// or www.), or the company’s domain in LeadLex: enrichment looks the company up by it.',
		outcome: 'unchanged',
	}),
	'404 not_found': enrichNotFound,
	'404 company_not_found': enrichNotFound,
	'400 validation_error': refused(
		what,
		'Check the values LeadLex names: Enrich By needs a company or a domain, and Fields takes company fields only.',
	),
};

/** Import (§9.4): the contact import's model; nothing is imported on any of these. */
export const COMPANY_IMPORT_ERRORS: ErrorTable = {
	'400 validation_error': refused(
		what,
		'Check what LeadLex names: the rows, or the CSV file’s columns and the Mapping (each row needs a name).',
	),
	'413': (subject) => ({
		message: `LeadLex refused ${subject.label} as too large for one request (HTTP 413)`,
		hint: 'Split the rows or the CSV file into smaller imports.',
		outcome: 'unchanged',
	}),
};
