import type { ErrorTable } from '../../../shared/errors/codes';
import { linkErrors } from '../links';

/** Task → Create (§9.6): a name matching several records, an unknown linked record, a 400. */
export const TASK_ERRORS: ErrorTable = linkErrors(
	'Check the values LeadLex names: a task needs a title and a contact, deal or event to belong to; Due Date takes a date or a date and time.',
);
