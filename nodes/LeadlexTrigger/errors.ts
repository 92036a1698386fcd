import { refused, type ErrorTable } from '../shared/errors/codes';

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
