import {
	recordNotFound,
	refused,
	what,
	type ErrorExplainer,
	type ErrorTable,
} from '../../../shared/errors/codes';

const dealNotFound = recordNotFound('Deal', 'dealId');

const VALIDATION_HINT =
	'Check the values LeadLex names: a deal needs a name; the IDs must be records of the workspace; Create Many takes at most 50 deals per request, Update Many 100 IDs and Delete Many 500.';

/**
 * One deal by its ID (§9.3): `deal_not_found` on delete, the generic `not_found` on update (and,
 * undocumented, on get): both are the deal named by the Deal picker.
 */
export const DEAL_ERRORS: ErrorTable = {
	'404 deal_not_found': dealNotFound,
	'404 not_found': dealNotFound,
	'400 validation_error': refused(what, VALIDATION_HINT),
};

/**
 * Update: the generic `not_found` may be the deal or a record its fields name (a contact, an
 * owner, a company), so the message names both; `deal_not_found` is the deal.
 */
export const DEAL_UPDATE_ERRORS: ErrorTable = {
	...DEAL_ERRORS,
	'404 not_found': (subject, said) => ({
		...dealNotFound(subject, said),
		message: `${dealNotFound(subject, said).message.replace(/ \(HTTP 404.*$/, '')}, or a record the update names was not (HTTP 404 not_found)`,
		hint: 'Check the deal ID and the IDs the update names (contact, owner, related company, partner, matter lead, team members): a key only sees the records of its own workspace.',
		showSaid: Boolean(said.text),
	}),
};

/** A record the request names (a contact, the bulk requests' deals) that LeadLex does not know. */
const namedRecordNotFound: ErrorExplainer = (subject, said) => ({
	message: `LeadLex could not find a record named in the request for ${subject.label} (HTTP 404${said.code ? ` ${said.code}` : ''})`,
	hint: 'Check the IDs the request names (contact, owner, company, deals): a key only sees the records of its own workspace, and a deleted record is gone.',
	outcome: 'unchanged',
	showSaid: Boolean(said.text),
});

/** The requests without a Deal picker: create, the bulk requests, the list. */
export const DEAL_LIST_ERRORS: ErrorTable = {
	'404 deal_not_found': namedRecordNotFound,
	'404 not_found': namedRecordNotFound,
	'400 validation_error': refused(what, VALIDATION_HINT),
};
