import { NodeOperationError, type INode } from 'n8n-workflow';
import { DEFAULT_BASE_URL } from './constants';
import { NOTHING_SENT } from './ids';

/** Characters a Base URL may never hold: URL parsers drop control characters and white space. */
const NOT_IN_URL = '\\s\\u0000-\\u001f\\u007f-\\u009f\\\\@?#';

/**
 * The one Base URL rule, for the node, its pickers, the trigger and the credential test (which
 * can only apply it as an expression, so it is a pattern): https:// to any host, or http:// to
 * this machine; no user name, query or fragment; nothing a URL parser would silently drop, such
 * as a tab inside `ht<TAB>tp://`. Applied after trimming and removing trailing slashes.
 */
export const BASE_URL_RULE = new RegExp(
	`^(?:https://[^${NOT_IN_URL}/]+|http://(?:localhost|127(?:\\.\\d{1,3}){3}|\\[::1\\])(?::\\d{1,5})?)(?:/[^${NOT_IN_URL}]*)?$`,
	'i',
);

/** The node adds /v1 itself. */
export const ENDS_WITH_V1 = /\/v1$/i;

const LOOPBACK_HOSTS = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** The Base URL as the rule reads it: trimmed, without trailing slashes. */
function normalizeBaseUrl(raw: unknown): string {
	return typeof raw === 'string' ? raw.trim().replace(/\/+$/, '') : '';
}

/**
 * Checks the credential's Base URL before the API key is sent to it, and returns it without
 * trailing slashes. Plain http is refused for anything but this machine: the key would travel in
 * clear text.
 */
export function checkBaseUrl(node: INode, raw: unknown, sayNothingSent = true): string {
	const value = normalizeBaseUrl(raw);
	const problem = baseUrlProblem(value);
	if (!problem) return value;
	const message = `The Base URL in the LeadLex credential ${problem}`;
	throw new NodeOperationError(node, sayNothingSent ? `${message}. ${NOTHING_SENT}` : message, {
		description: `Nothing was sent. Set the credential's Base URL to ${DEFAULT_BASE_URL} (without /v1), or to your LeadLex gateway.`,
	});
}

/** What is wrong with a (normalized) Base URL, or undefined when it follows the rule. */
function baseUrlProblem(value: string): string | undefined {
	if (!value) return 'is empty';
	let url: URL | undefined;
	try {
		url = new URL(value);
	} catch {
		url = undefined;
	}
	if (new RegExp(`[${NOT_IN_URL.replace('@?#', '')}]`).test(value)) {
		return 'contains white space, control characters or a backslash, which URL parsers drop or change: type it again';
	}
	if (!url) return 'is not a valid URL';
	if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must start with https://';
	if (url.protocol === 'http:' && !LOOPBACK_HOSTS.test(url.hostname)) {
		return 'uses http:// to another machine, which would send the API key unencrypted: use https://';
	}
	if (value.includes('?') || value.includes('#')) {
		return 'must not contain a query (?) or fragment (#)';
	}
	if (value.includes('@')) return 'must not contain a user name or password';
	if (ENDS_WITH_V1.test(value)) return 'ends with /v1, which the node adds itself: remove it';
	if (!BASE_URL_RULE.test(value)) return 'is not a valid URL';
	return undefined;
}
