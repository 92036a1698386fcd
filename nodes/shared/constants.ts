/** The credential type every LeadLex node uses (a public name: saved workflows reference it). */
export const CREDENTIAL_TYPE = 'leadlexApi';

export const DEFAULT_BASE_URL = 'https://data.leadlex.com/functions/v1/api-gateway';

/** LeadLex's scoped permissions, as its reference pages name them. */
export const PERMISSIONS = {
	campaignsRead: 'campaigns:read',
	campaignsWrite: 'campaigns:write',
	contactsRead: 'contacts:read',
	contactsWrite: 'contacts:write',
	/** The export page's spelling (CSV export). */
	readContacts: 'read:contacts',
	/** The bulk pages' spelling (bulk delete). */
	writeContacts: 'write:contacts',
	dealsRead: 'deals:read',
	dealsWrite: 'deals:write',
	/** Not documented for GET /v1/companies: assumed, as the other resources' reads (docs/company.md). */
	companiesRead: 'companies:read',
	/** Not documented for the company import: assumed, as the other resources' writes (docs/company.md). */
	companiesWrite: 'companies:write',
	/** The enrich page's spelling. */
	writeEnrich: 'write:enrich',
	/** The AI pages' spelling (detect duplicates). */
	writeAi: 'write:ai',
	/** Tasks and activities. */
	activitiesWrite: 'activities:write',
	webhooksRead: 'webhooks:read',
	webhooksWrite: 'webhooks:write',
	/** Lexi AI: the older coarse permission, the only one the Lexi pages name. */
	lexi: 'lexi',
} as const;

export type Permission = (typeof PERMISSIONS)[keyof typeof PERMISSIONS];

/** LeadLex's largest page size for list endpoints. */
export const MAX_PAGE_SIZE = 100;

/**
 * What the package does, as n8n's node panel shows it: the panel merges the LeadLex node and the
 * LeadLex Trigger into one entry with one description, so both nodes carry this one.
 */
export const PACKAGE_DESCRIPTION =
	"Automate LeadLex, the CRM for law firms: manage contacts, lists, deals, companies, notes, tasks, activities and email campaigns, import and export contacts as CSV files, approve Lexi AI's tasks, and start workflows on LeadLex's signed webhooks";
