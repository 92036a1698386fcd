import { recordNotFound, refused, what, type ErrorTable } from '../../../shared/errors/codes';
import { quoteId } from '../../../shared/errors/LeadlexApiError';

/** Approve Task (§9.7): 400 `validation_error` means the task is not pending; 404 `not_found`. */
export const LEXI_APPROVE_ERRORS: ErrorTable = {
	'404 not_found': recordNotFound('Lexi task', 'taskId'),
	'400 validation_error': (subject) => ({
		message: `Lexi task ${quoteId(subject.ids?.taskId)} is not pending, so LeadLex did not approve it (HTTP 400 validation_error)`,
		hint: 'Only a pending task can be approved: this one was already approved, dismissed, completed or failed. Lexi → Get Tasks with that status shows it.',
		outcome: 'unchanged',
		showSaid: true,
	}),
};

/**
 * Send Message: the docs list no errors for chat. A 400 is the message or its context; a 404 a
 * conversation, list or campaign of the context that LeadLex does not know (assumed: docs/lexi.md).
 */
export const LEXI_CHAT_ERRORS: ErrorTable = {
	'400 validation_error': refused(
		what,
		'The Message must not be empty; the Campaign, List and Conversation ID must be records of this workspace.',
	),
	'404 not_found': () => ({
		message:
			'LeadLex could not find the conversation, list or campaign the message names (HTTP 404 not_found)',
		hint: 'Check Additional Fields: the Conversation ID must come from an earlier Send Message with the same key, and the Campaign and List must be of this workspace.',
		outcome: 'unchanged',
		showSaid: true,
	}),
};

/** Get Tasks: a 400 is the status filter or the paging. */
export const LEXI_TASKS_ERRORS: ErrorTable = {
	'400 validation_error': refused(
		what,
		'Check Filters → Status: LeadLex knows pending, approved, dismissed, completed and failed.',
	),
};
