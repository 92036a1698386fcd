import type { INodeParameters } from 'n8n-workflow';

/** Seeded sandbox companies (test/sandbox/crm.ts). */
const company = (n: number) => `c0c00000-0000-4000-8000-${String(n).padStart(12, '0')}`;
/** "Acme" matches Acme Legal LLP and Acme Logistics Inc. */
export const ACME_LEGAL = company(1);
export const ACME_LOGISTICS = company(2);
export const NORTHWIND = company(3);
/** Only its name and domain are set: enrichment fills six fields. */
export const CEDAR = company(4);
/** Its domain is unknown to the enrichment provider: 409 no_match. */
export const HARBOR = company(5);

/** Parameters of an operation of a resource, e.g. `op('company', 'getAll', { limit: 2 })`. */
export function op(
	resource: string,
	operation: string,
	extra: INodeParameters = {},
): INodeParameters {
	return { resource, operation, ...extra };
}
