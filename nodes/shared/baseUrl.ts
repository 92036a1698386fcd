import { NodeOperationError, type INode } from 'n8n-workflow';
import { DEFAULT_BASE_URL } from './constants';
import { NOTHING_SENT } from './ids';

const LOOPBACK_HOSTS = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Checks the credential's Base URL before the API key is sent to it, and returns it without
 * trailing slashes. Plain http is refused for anything but this machine: the key would travel in
 * clear text.
 */
export function checkBaseUrl(node: INode, raw: unknown, sayNothingSent = true): string {
	const value = typeof raw === 'string' ? raw.trim().replace(/\/+$/, '') : '';
	const message = (problem: string) => `The Base URL in the LeadLex credential ${problem}`;
	const fail = (problem: string) =>
		new NodeOperationError(
			node,
			sayNothingSent ? `${message(problem)}. ${NOTHING_SENT}` : message(problem),
			{
				description: `Nothing was sent. Set the credential's Base URL to ${DEFAULT_BASE_URL} (without /v1), or to your LeadLex gateway.`,
			},
		);
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw fail(value ? 'is not a valid URL' : 'is empty');
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') throw fail('must start with https://');
	if (url.protocol === 'http:' && !LOOPBACK_HOSTS.test(url.hostname)) {
		throw fail(
			'uses http:// to another machine, which would send the API key unencrypted: use https://',
		);
	}
	if (url.search || url.hash || value.includes('?') || value.includes('#')) {
		throw fail('must not contain a query (?) or fragment (#)');
	}
	if (url.username || url.password) throw fail('must not contain a user name or password');
	if (/\/v1$/i.test(url.pathname))
		throw fail('ends with /v1, which the node adds itself: remove it');
	return value;
}
