import { refused, what, type ErrorTable } from '../../../shared/errors/codes';
import { quoteId } from '../../../shared/errors/LeadlexApiError';

export const SEND_CONDITIONS = ['always', 'if_no_reply', 'if_no_open', 'if_opened', 'if_clicked'];

/** Campaigns and their steps (§8 of the API reference). */
export const STEP_ERRORS: ErrorTable = {
	'404 campaign_not_found': (subject) => ({
		message: `Campaign ${quoteId(subject.ids?.campaignId)} was not found in LeadLex`,
		hint: 'Check the campaign ID. A key only sees the campaigns of its own workspace.',
		outcome: 'unchanged',
	}),
	'404 step_not_found': (subject) => ({
		message: `Step ${quoteId(subject.ids?.stepId)} was not found in campaign ${quoteId(subject.ids?.campaignId)}`,
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
