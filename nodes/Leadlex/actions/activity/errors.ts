import type { ErrorTable } from '../../../shared/errors/codes';
import { linkErrors } from '../links';

/** Activity → Create (§9.6): an unknown linked record, a 400 (and ambiguous_reference, as every create). */
export const ACTIVITY_ERRORS: ErrorTable = linkErrors(
	'Check the values LeadLex names: an activity needs a type and a title of at most 500 characters, and its metadata must be a JSON object of at most 8 KB.',
);
