import { refused, what, type ErrorExplainer, type ErrorTable } from '../../../shared/errors/codes';
import { quoteId } from '../../../shared/errors/LeadlexApiError';

/** A campaign chosen by ID that LeadLex does not know: `campaign_not_found`, or `not_found` on older pages. */
const campaignNotFound: ErrorExplainer = (subject, said) => ({
	message: `Campaign ${quoteId(subject.ids?.campaignId)} was not found in LeadLex${said.code === 'not_found' ? ' (HTTP 404 not_found)' : ''}`,
	hint: 'Check the campaign ID. A key only sees the campaigns of its own workspace; a deleted campaign is gone. If the ID is right, check the Base URL in the LeadLex credential.',
	outcome: 'unchanged',
});

/** The Campaign resource, for operations on one campaign (§8.8, §8.11-8.18 of the API reference). */
export const CAMPAIGN_RESOURCE_ERRORS: ErrorTable = {
	'404 campaign_not_found': campaignNotFound,
	// Older pages (start campaign) answer an unknown campaign with the generic code.
	'404 not_found': campaignNotFound,
	'409 campaign_not_active': (subject) => ({
		message: `Campaign ${quoteId(subject.ids?.campaignId)} is not active, so LeadLex did not pause it (HTTP 409 campaign_not_active)`,
		hint: 'Only an active campaign can be paused: this one is a draft, already paused, completed or waiting for approval. Get shows its status.',
		outcome: 'unchanged',
	}),
	'400 too_many_contacts': refused(
		(subject) => `the contacts for ${subject.label}: too many in one request`,
		'The node sends at most 500 contact IDs per request, the documented cap. If LeadLex now allows fewer, split the IDs over several items.',
	),
	'400 missing_required_field': refused(
		(subject) => `${what(subject)}: a required field is missing`,
		'Fill in the fields LeadLex names.',
	),
};

/** Start (§8.13): `validation_error` means the campaign is empty or already running. */
export const CAMPAIGN_START_ERRORS: ErrorTable = {
	...CAMPAIGN_RESOURCE_ERRORS,
	'400 validation_error': refused(
		(subject) => `to start ${subject.label}`,
		'LeadLex does not start a campaign that is empty (no contacts or no steps) or already running. Add contacts and steps first; Get shows its status.',
	),
};

/** Delete (§8.12): drafts only. The refusal's status and code are not documented: any 400 or 409. */
const notDraft: ErrorExplainer = (subject) => ({
	message: `LeadLex refused to delete ${subject.label}: only draft campaigns can be deleted`,
	hint: 'LeadLex keeps active, paused and completed campaigns so that their metrics stay attributable; pausing a campaign does not make it deletable. To stop its sends, use Pause.',
	outcome: 'unchanged',
	showSaid: true,
});

export const CAMPAIGN_DELETE_ERRORS: ErrorTable = {
	...CAMPAIGN_RESOURCE_ERRORS,
	'400 validation_error': notDraft,
	'400': notDraft,
	'409': notDraft,
};

/** Create (§8.10, an older page): `validation_error` for missing fields or an invalid list ID. */
export const CAMPAIGN_CREATE_ERRORS: ErrorTable = {
	'400 validation_error': refused(
		(subject) => `${what(subject)}`,
		'Check the List ID (the ID of a LeadLex contact list in this workspace) and that Name and Template are filled in.',
	),
	'404 list_not_found': () => ({
		message: 'The list for the new campaign was not found in LeadLex (HTTP 404 list_not_found)',
		hint: 'Check the List ID: it must be the ID of a contact list in the same workspace as the key.',
		outcome: 'unchanged',
	}),
};
