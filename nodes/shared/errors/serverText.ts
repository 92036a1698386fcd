import { headerValues, type ResponseHeaders } from '../transport/answer';

/**
 * Text a server sent (an error message, a field name, an error code, a request ID, a Location),
 * made fit to show in a message: cut before any pattern runs on it, so no answer can make a check
 * slow; no markup; no API key; no control characters; capped.
 */

/** Longer text is cut before anything else looks at it. */
const READ_AT_MOST = 1024;

/** A LeadLex key, or a bearer token of any kind, as a server might echo it back. */
const SECRETS = /\bwbk_[A-Za-z0-9_-]*|\bbearer\s+\S+/gi;

// eslint-disable-next-line no-control-regex
const CONTROL_AND_SPACE = /[\u0000-\u001f\u007f-\u009f\s]+/g;

/**
 * Whether the text holds a tag such as `<b>` or `</div>`: a `<` followed by a letter, `!` or `/`,
 * with a `>` anywhere after it. One pass, so its time grows with the length only.
 */
function hasMarkup(text: string): boolean {
	const open = text.search(/<[a-z!/]/i);
	return open !== -1 && text.lastIndexOf('>') > open;
}

export function cleanServerText(
	text: unknown,
	maxLength: number,
	secrets: readonly string[] = [],
): string | undefined {
	if (typeof text !== 'string') return undefined;
	let cut = text.slice(0, READ_AT_MOST);
	if (hasMarkup(cut)) return undefined;
	for (const secret of secrets) {
		if (secret.length >= 8) cut = cut.split(secret).join('…');
	}
	const cleaned = cut
		.replace(SECRETS, (found) => (/^wbk_/i.test(found) ? 'wbk_…' : 'Bearer …'))
		.replace(CONTROL_AND_SPACE, ' ')
		.trim();
	if (!cleaned) return undefined;
	return cleaned.length > maxLength ? `${cleaned.slice(0, maxLength - 3)}...` : cleaned;
}

/** An error code as LeadLex writes them (`step_not_found`): anything else is not a code. */
export function cleanCode(code: unknown, secrets: readonly string[] = []): string | undefined {
	const cleaned = cleanServerText(code, 64, secrets);
	return cleaned && /^[A-Za-z0-9_.:-]+$/.test(cleaned) ? cleaned : undefined;
}

/** The headers the node reads, and nothing else of what the server sent. */
const READ_HEADERS = [
	'content-type',
	// Contact → Export names its file from it.
	'content-disposition',
	'location',
	'x-request-id',
	'retry-after',
	'x-ratelimit-limit',
	'x-ratelimit-remaining',
	'x-ratelimit-reset',
];

/**
 * The response headers the node uses, each value cut to a readable length; the request ID and a
 * redirect's Location, which messages quote, are cleaned as any server text is.
 */
export function cleanHeaders(
	headers: ResponseHeaders | undefined,
	secrets: readonly string[],
): Record<string, string[]> {
	const kept: Record<string, string[]> = {};
	for (const name of READ_HEADERS) {
		let values = headerValues(headers, name);
		if (name === 'x-request-id' || name === 'location') {
			values = values
				.map((value) => cleanServerText(value, name === 'location' ? 200 : 100, secrets))
				.filter((value): value is string => value !== undefined);
		}
		if (values.length) kept[name] = values;
	}
	return kept;
}
