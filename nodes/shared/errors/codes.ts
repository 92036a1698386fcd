import { DEFAULT_BASE_URL } from '../constants';
import { quoteId, type Explanation, type RequestSubject } from './LeadlexApiError';

/** What LeadLex said about an error, cleaned for display (see httpErrors.ts). */
export interface LeadlexSaid {
	code?: string;
	/** `error.message` and every `error.details.fields` entry, quoted; empty when nothing usable. */
	text: string;
}

export type ErrorExplainer = (subject: RequestSubject, said: LeadlexSaid) => Explanation;

/**
 * LeadLex's documented errors, keyed `"<status> <error.code>"`, or `"<status>"` for any code of
 * that status. The node branches on these keys only, never on LeadLex's wording.
 */
export type ErrorTable = Readonly<Record<string, ErrorExplainer>>;

export const SEND_CONDITIONS = ['always', 'if_no_reply', 'if_no_open', 'if_opened', 'if_clicked'];

const refused =
	(describe: (subject: RequestSubject) => string, advice: string): ErrorExplainer =>
	(subject, said) => ({
		message: `LeadLex refused ${describe(subject)} (HTTP 400${said.code ? ` ${said.code}` : ''})`,
		hint: advice,
		outcome: 'unchanged',
		showSaid: true,
	});

const what = (subject: RequestSubject) => `the request for ${subject.label}`;

/** Errors every endpoint documents. 429 is explained with its headers (see httpErrors.ts). */
export const COMMON_ERRORS: ErrorTable = {
	'401': () => ({
		message: 'LeadLex rejected the API key',
		hint: 'The key in the LeadLex credential is wrong, expired or revoked: create a new key in LeadLex (Settings → API & Integrations) and update the credential.',
		outcome: 'unchanged',
	}),
	'403 insufficient_permissions': (subject) => ({
		message: `The LeadLex API key lacks the ${subject.permission} permission`,
		hint: `Give the key the ${subject.permission} permission in LeadLex (Settings → API & Integrations), or use a key that has it.`,
		outcome: 'unchanged',
	}),
	'403': (subject) => ({
		message: `LeadLex refused access to ${subject.label}`,
		hint: `Give the key the ${subject.permission} permission in LeadLex (Settings → API & Integrations), or use a key that has it.`,
		outcome: 'unchanged',
	}),
	'400 validation_error': refused(what, 'Check the values LeadLex names and run again.'),
	'400': refused(what, 'Check the IDs and the node settings.'),
	'404': (subject, said) =>
		said.code
			? {
					message: `LeadLex could not find ${subject.label} (HTTP 404 ${said.code})`,
					hint: 'Check the IDs. If they are right, check the Base URL in the LeadLex credential.',
					outcome: 'unchanged',
				}
			: {
					message: 'No LeadLex API at the configured Base URL (HTTP 404)',
					hint: `The answer was not a LeadLex error. Check the Base URL in the LeadLex credential: it should be ${DEFAULT_BASE_URL}.`,
					outcome: 'unchanged',
				},
};

/** Campaigns and their steps (§8 of the API reference). */
export const CAMPAIGN_ERRORS: ErrorTable = {
	'404 campaign_not_found': (subject) => ({
		message: `Campaign ${quoteId(subject.campaignId)} was not found in LeadLex`,
		hint: 'Check the campaign ID. A key only sees the campaigns of its own workspace.',
		outcome: 'unchanged',
	}),
	'404 step_not_found': (subject) => ({
		message: `Step ${quoteId(subject.stepId)} was not found in campaign ${quoteId(subject.campaignId)}`,
		hint: 'It may have been deleted already, for example by an earlier run.',
		outcome: 'unchanged',
	}),
	'400 missing_required_field': refused(
		(subject) => `${what(subject)}: a required field is missing`,
		'Fill in the fields LeadLex names.',
	),
	'400 invalid_send_condition': refused(
		(subject) => `the send condition for ${subject.label}`,
		`Use one of ${SEND_CONDITIONS.join(', ')}.`,
	),
};

/** A campaign chosen by ID that LeadLex does not know: `campaign_not_found`, or `not_found` on older pages. */
const campaignNotFound: ErrorExplainer = (subject, said) => ({
	message: `Campaign ${quoteId(subject.campaignId)} was not found in LeadLex${said.code === 'not_found' ? ' (HTTP 404 not_found)' : ''}`,
	hint: 'Check the campaign ID. A key only sees the campaigns of its own workspace; a deleted campaign is gone. If the ID is right, check the Base URL in the LeadLex credential.',
	outcome: 'unchanged',
});

/** The Campaign resource, for operations on one campaign (§8.8, §8.11-8.18 of the API reference). */
export const CAMPAIGN_RESOURCE_ERRORS: ErrorTable = {
	'404 campaign_not_found': campaignNotFound,
	// Older pages (start campaign) answer an unknown campaign with the generic code.
	'404 not_found': campaignNotFound,
	'409 campaign_not_active': (subject) => ({
		message: `Campaign ${quoteId(subject.campaignId)} is not active, so LeadLex did not pause it (HTTP 409 campaign_not_active)`,
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

/** Webhook management (§9.8 of the API reference), for the LeadLex Trigger. */
export const WEBHOOK_ERRORS: ErrorTable = {
	'400 invalid_url': (_subject, said) => ({
		message: `LeadLex only delivers webhooks to public https:// URLs and refused this n8n's webhook URL (HTTP 400 ${said.code ?? 'invalid_url'}): set n8n's public webhook URL (the WEBHOOK_URL environment variable) to an https:// address that LeadLex can reach`,
		hint: 'LeadLex refuses http:// URLs and URLs that resolve to private addresses (localhost, 10.x, 192.168.x, ...). Set WEBHOOK_URL, restart n8n, then activate the workflow again.',
		outcome: 'unchanged',
		showSaid: true,
	}),
	'400 invalid_events': refused(
		(subject) => `the events chosen for ${subject.label}`,
		'Choose the events again in the trigger: LeadLex did not accept one of them.',
	),
	'404 webhook_not_found': (subject) => ({
		message: `LeadLex has no such webhook: ${subject.label} is already gone (HTTP 404 webhook_not_found)`,
		hint: 'It was deleted in LeadLex, or by an earlier deactivation.',
		outcome: 'unchanged',
	}),
};
