/** The credential type every LeadLex node uses (a public name: saved workflows reference it). */
export const CREDENTIAL_TYPE = 'leadlexApi';

export const DEFAULT_BASE_URL = 'https://data.leadlex.com/functions/v1/api-gateway';

/** LeadLex's scoped permissions, as its reference pages name them. */
export const PERMISSIONS = {
	campaignsRead: 'campaigns:read',
	campaignsWrite: 'campaigns:write',
	webhooksRead: 'webhooks:read',
	webhooksWrite: 'webhooks:write',
} as const;

export type Permission = (typeof PERMISSIONS)[keyof typeof PERMISSIONS];

/** LeadLex's largest page size for list endpoints. */
export const MAX_PAGE_SIZE = 100;
