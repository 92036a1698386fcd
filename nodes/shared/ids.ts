import { NodeOperationError, type INode } from 'n8n-workflow';

/** Longest ID accepted; LeadLex documents IDs as UUIDs, so anything near this is a mistake. */
export const MAX_ID_LENGTH = 1024;

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/**
 * Turns a parameter value into one safe URL path segment, or explains why it cannot be one.
 * Percent-encoding keeps `/`, `?`, `#` and `%` inside the segment, but URL parsers still collapse
 * the segments `.` and `..` (a step ID `..` would turn the request into DELETE /v1/campaigns/{id}/),
 * so those are refused outright.
 */
export function toPathSegment(
	value: unknown,
): { segment: string; id: string } | { problem: string } {
	if (typeof value === 'number' && Number.isFinite(value)) value = String(value);
	if (typeof value !== 'string') {
		return { problem: `must be text, but the value is ${describeType(value)}` };
	}
	const id = value.trim();
	if (id === '') return { problem: 'is empty' };
	if (id === '.' || id === '..') {
		return { problem: `is "${id}", which would change the request path` };
	}
	const problem = idProblem(id);
	if (problem) return { problem };
	try {
		return { segment: encodeURIComponent(id), id };
	} catch {
		return { problem: 'contains an invalid character (a broken Unicode sequence)' };
	}
}

/**
 * What is wrong with a trimmed, non-blank ID wherever it is sent (path, body, query): too long
 * for an ID, or holding control characters; undefined when nothing is.
 */
export function idProblem(id: string): string | undefined {
	if (id.length > MAX_ID_LENGTH)
		return `is ${id.length} characters long (at most ${MAX_ID_LENGTH})`;
	if (CONTROL_CHARACTERS.test(id)) return 'contains control characters';
	return undefined;
}

/** Said in the message itself: n8n's AI Agent hands only the message to the model. */
export const NOTHING_SENT = 'Nothing was sent to LeadLex.';

/** Reads one ID parameter and fails with a message naming it, before anything is sent. */
export function requirePathSegment(
	node: INode,
	label: string,
	value: unknown,
	itemIndex: number,
	sayNothingSent = true,
): { segment: string; id: string } {
	const result = toPathSegment(value);
	if ('segment' in result) return result;
	const message = `The ${label} ID ${result.problem}`;
	throw new NodeOperationError(node, sayNothingSent ? `${message}. ${NOTHING_SENT}` : message, {
		itemIndex,
		description: `Nothing was sent to LeadLex for item ${itemIndex + 1}. Choose the ${label.toLowerCase()} from the list, or enter its ID (for example from an earlier node) and check the expression.`,
	});
}

function describeType(value: unknown): string {
	if (value === null) return 'null';
	if (value === undefined) return 'missing';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'number') return 'not a finite number';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
