import { recordNotFound, refused, what, type ErrorTable } from '../../../shared/errors/codes';
import { quoteId } from '../../../shared/errors/LeadlexApiError';

const listNotFound = recordNotFound('List', 'listId');

/** The List resource (§9.2): `list_not_found` on the newer pages, `not_found` on add contacts. */
export const LIST_ERRORS: ErrorTable = {
	'404 list_not_found': listNotFound,
	'404 not_found': listNotFound,
	'404 membership_not_found': (subject) => ({
		message: `Contact ${quoteId(subject.ids?.contactId)} is not in list ${quoteId(subject.ids?.listId)} (HTTP 404 membership_not_found)`,
		hint: 'The contact may have been removed already, or never added. To treat that as success, turn on Options → Ignore Not Found.',
		outcome: 'unchanged',
	}),
	'400 validation_error': refused(
		what,
		'Check the values LeadLex names: list names must be unique in the workspace, and IDs must be contacts of the workspace.',
	),
};
