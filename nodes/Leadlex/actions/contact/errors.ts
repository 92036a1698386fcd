import { recordNotFound, refused, what, type ErrorTable } from '../../../shared/errors/codes';

/** The Contact resource (§9.1): an unknown contact is the generic `404 not_found`. */
export const CONTACT_ERRORS: ErrorTable = {
	'404 not_found': recordNotFound('Contact', 'contactId'),
	'400 validation_error': refused(
		what,
		'Check the values LeadLex names: a contact needs a name or an email, and the bulk operations take at most 500 contacts per request.',
	),
};

/** Merge (§9.1): the unknown record may be the primary or a duplicate; LeadLex's text names it. */
export const CONTACT_MERGE_ERRORS: ErrorTable = {
	'404 not_found': (subject, said) => ({
		message: `LeadLex could not find one of the contacts to merge (HTTP 404 not_found)`,
		hint: 'Check the primary and the duplicate contact IDs: each must be a contact of the workspace. A contact already merged into another is gone.',
		outcome: 'unchanged',
		showSaid: Boolean(said.text),
	}),
	'400 validation_error': refused(
		what,
		'A merge takes 1 to 20 duplicates, and the primary must not be among them.',
	),
};

/** Import (§9.1): LeadLex names the rows or columns it refuses; nothing is imported on any of these. */
export const CONTACT_IMPORT_ERRORS: ErrorTable = {
	'400 validation_error': refused(
		what,
		'Check what LeadLex names: the rows, or the CSV file’s columns and the Mapping (each row needs a name or an email).',
	),
	'413': (subject) => ({
		message: `LeadLex refused ${subject.label} as too large for one request (HTTP 413)`,
		hint: 'Split the rows or the CSV file into smaller imports.',
		outcome: 'unchanged',
	}),
};

/** Export (§9.1): a refused export sends no file. The 429 message is the operation's (export.operation.ts). */
export const CONTACT_EXPORT_ERRORS: ErrorTable = {
	'400 validation_error': refused(
		what,
		'Check the values LeadLex names: Limit is 1 to 50,000, Fields are export columns, and the dates are ISO 8601.',
	),
};
