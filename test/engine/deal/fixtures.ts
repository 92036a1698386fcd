import type { INodeParameters } from 'n8n-workflow';
import type { Sandbox } from '../../sandbox/server';
import { callSandbox } from '../fixtures';

export { apiPath, JANE_ID } from '../contact/fixtures';

/** The documented example deal (the get page's ID), seeded as JANE's estate plan. */
export const JANE_DEAL_ID = '3f8e1d2c-4b5a-6d7e-8f9a-0b1c2d3e4f5a';
/** Seeded: "Harbor Lease Dispute", active, pipeline Litigation, tag litigation. */
export const HARBOR_DEAL_ID = 'dea10000-0000-4000-8000-000000000002';
/** Seeded: "Northwind Acquisition", won. */
export const NORTHWIND_DEAL_ID = 'dea10000-0000-4000-8000-000000000003';
/** Seeded: "Trust Amendment", JANE's second deal. */
export const TRUST_DEAL_ID = 'dea10000-0000-4000-8000-000000000005';
export const SEEDED_DEALS = 5;

export function dealOp(operation: string, extra: INodeParameters = {}): INodeParameters {
	return { resource: 'deal', operation, ...extra };
}

/** A deal as LeadLex's Get shows it, read straight from the sandbox (its requests forgotten). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON of any shape
export async function readDeal(sandbox: Sandbox, id: string): Promise<any> {
	const answer = await callSandbox(sandbox, 'GET', `/v1/deals/${encodeURIComponent(id)}`);
	sandbox.requests.length = 0;
	return answer.data?.deal;
}

/** How many deals the main workspace has (meta.total), its requests forgotten. */
export async function dealCount(sandbox: Sandbox): Promise<number> {
	const answer = await callSandbox(sandbox, 'GET', '/v1/deals?per_page=1');
	sandbox.requests.length = 0;
	return answer.meta.total as number;
}
