import type { ErrorTable } from '../../../shared/errors/codes';
import { linkErrors } from '../links';

/** Note → Create (§9.6): a name matching several records, an unknown linked record, a 400. */
export const NOTE_ERRORS: ErrorTable = linkErrors(
	'Check the values LeadLex names: a note needs a title and at least one contact, company or deal to belong to, and its content takes at most 50,000 characters.',
);
