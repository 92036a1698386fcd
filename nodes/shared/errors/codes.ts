import { DEFAULT_BASE_URL } from '../constants';
import { quoteId, type Explanation, type RequestSubject } from './LeadlexApiError';

/** What LeadLex said about an error, cleaned for display (see httpErrors.ts). */
export interface LeadlexSaid {
	code?: string;
	/** `error.message` and every `error.details.fields` entry, quoted; empty when nothing usable. */
	text: string;
	/**
	 * The records listed anywhere in `error.details` (outside `fields`), quoted, each with its name
	 * when LeadLex gave one: `"<id>" (Acme Legal LLP)`. At most MAX_CANDIDATES_SHOWN; `total` counts all.
	 */
	candidates?: { shown: string[]; total: number };
}

/** How many of the records an error lists (ambiguous_reference's candidates) a message names. */
export const MAX_CANDIDATES_SHOWN = 10;

export type ErrorExplainer = (subject: RequestSubject, said: LeadlexSaid) => Explanation;

/**
 * LeadLex's documented errors, keyed `"<status> <error.code>"`, or `"<status>"` for any code of
 * that status. The node branches on these keys only, never on LeadLex's wording.
 */
export type ErrorTable = Readonly<Record<string, ErrorExplainer>>;

/** A 400 that changed nothing: what was refused, and the advice. */
export const refused =
	(describe: (subject: RequestSubject) => string, advice: string): ErrorExplainer =>
	(subject, said) => ({
		message: `LeadLex refused ${describe(subject)} (HTTP 400${said.code ? ` ${said.code}` : ''})`,
		hint: advice,
		outcome: 'unchanged',
		showSaid: true,
	});

export const what = (subject: RequestSubject) => `the request for ${subject.label}`;

/**
 * Errors every endpoint documents. 429 is explained with its headers (see httpErrors.ts). Each
 * resource keeps its own table next to its operations (`actions/<resource>/errors.ts`).
 */
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

/**
 * 402 for a request that spends the workspace's credits (§4.3: "AI / enrichment credit balance used
 * up"): LeadLex refused it, so nothing was done and no credit was spent. `balance` completes "The
 * LeadLex workspace has …", `cost` says what the request costs, `refusedTo` completes "LeadLex
 * refused to … <label>" for a 402 with another code.
 */
export function creditErrors(credits: {
	balance: string;
	cost: string;
	refusedTo: string;
}): ErrorTable {
	return {
		'402 insufficient_credits': () => ({
			message: `The LeadLex workspace has ${credits.balance} (HTTP 402 insufficient_credits), so no credit was spent`,
			hint: `${credits.cost} Add credits to the workspace in LeadLex, then run again.`,
			outcome: 'unchanged',
		}),
		'402': (subject, said) => ({
			message: `LeadLex refused to ${credits.refusedTo} ${subject.label}: payment required (HTTP 402${said.code ? ` ${said.code}` : ''}), so no credit was spent`,
			hint: 'Check the workspace’s credits and plan in LeadLex.',
			outcome: 'unchanged',
			showSaid: true,
		}),
	};
}

/**
 * A record chosen by ID that LeadLex does not know, for a resource's own 404 code or the generic
 * `not_found` (contacts, lists): e.g. `recordNotFound('Contact', 'contactId')`.
 */
export const recordNotFound =
	(noun: string, idName: string): ErrorExplainer =>
	(subject, said) => ({
		message: `${noun} ${quoteId(subject.ids?.[idName])} was not found in LeadLex (HTTP 404${said.code ? ` ${said.code}` : ''})`,
		hint: `Check the ${noun.toLowerCase()} ID. A key only sees the records of its own workspace, and a deleted ${noun.toLowerCase()} is gone. If the ID is right, check the Base URL in the LeadLex credential.`,
		outcome: 'unchanged',
	});

/**
 * `400 ambiguous_reference` (§4, §9.6): a name LeadLex fuzzy-matches (`contact_name`,
 * `company_name`) matched more than one record, so nothing was created. The docs do not name the
 * key that holds the candidates: the IDs of every list in `error.details` are shown (httpErrors.ts),
 * so the user (or an AI agent, which reads only the message) can choose one by ID.
 */
export const ambiguousReference: ErrorExplainer = (_subject, said) => {
	const candidates = said.candidates;
	const more =
		candidates && candidates.total > candidates.shown.length
			? ` and ${candidates.total - candidates.shown.length} more`
			: '';
	const listed = candidates?.shown.length
		? `; choose one by ID: ${candidates.shown.join(', ')}${more}`
		: '; LeadLex listed no candidate IDs';
	return {
		message: `LeadLex matched the name to more than one record (HTTP 400 ambiguous_reference)${said.text ? `: LeadLex said ${said.text}` : ''}${listed}`,
		hint: 'Set the record by ID instead of by name (the Contact or Company picker, By ID): LeadLex uses the ID when both are given.',
		outcome: 'unchanged',
	};
};
