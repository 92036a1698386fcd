import type { INodeParameters } from 'n8n-workflow';
import type { Sandbox } from '../../sandbox/server';

/** The documented example contact, seeded in the sandbox (enrolled in cmp_abc123). */
export const JANE_ID = '123e4567-e89b-12d3-a456-426614174000';
/** The first member of the seeded list "Q2 Outreach" (list-uuid-here). */
export const Q2_MEMBER = 'c0de9001-0000-4000-8000-000000000001';
export const Q2_LIST = 'list-uuid-here';

export function contactOp(operation: string, extra: INodeParameters = {}): INodeParameters {
	return { resource: 'contact', operation, ...extra };
}

export function listOp(operation: string, extra: INodeParameters = {}): INodeParameters {
	return { resource: 'list', operation, ...extra };
}

/** The raw path of an API route as the sandbox records it, e.g. `apiPath(sb, '/v1/contacts')`. */
export function apiPath(sandbox: Sandbox, path: string): string {
	return `${new URL(sandbox.url).pathname}${path}`;
}
