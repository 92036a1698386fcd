/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
/**
 * LeadLex sandbox: a LeadLex-compatible HTTP server for tests, demos, e2e runs and benchmarks.
 * This file composes the parts (README.md has the file table) and runs the request pipeline:
 * record -> read body -> latency -> fault, or: auth -> quota -> route table -> handler.
 *
 * Contract sources: /work/shared/spec/delete-campaign-step.md and leadlex-api.md (§1-8, §9.1
 * contacts, §9.2 lists, §9.3 deals, §9.4 companies, §9.6 notes, tasks, activities, §9.7 Lexi),
 * and the contracts the node follows too (issue 19: contacts, lists; issue 20: deals, companies,
 * notes, tasks, activities; issue 21: Lexi).
 * Implemented routes (under basePath, default /functions/v1/api-gateway):
 *   GET    /v1/campaigns                        campaigns:read   (page, per_page, search)
 *   GET    /v1/campaigns/{id}                   campaigns:read
 *   DELETE /v1/campaigns/{id}                   campaigns:write  (draft only)
 *   GET    /v1/campaigns/{id}/steps             campaigns:read
 *   POST   /v1/campaigns/{id}/steps             campaigns:write  (append; 201)
 *   PATCH  /v1/campaigns/{id}/steps/{step_id}   campaigns:write  (partial update)
 *   DELETE /v1/campaigns/{id}/steps/{step_id}   campaigns:write  (index compaction)
 *   POST   /v1/webhooks                         webhooks:write   (201, secret shown once)
 *   GET    /v1/webhooks                         webhooks:read
 *   PATCH  /v1/webhooks/{id}                    webhooks:write
 *   DELETE /v1/webhooks/{id}                    webhooks:write
 *   (and the campaign routes of assumption 19)
 *   GET    /v1/contacts                         contacts:read    (page, per_page, search, list_id,
 *                                                                 created_after, sort)
 *   GET    /v1/contacts/{id}                    contacts:read    (include)
 *   POST   /v1/contacts                         contacts:write   (201)
 *   PATCH  /v1/contacts/{id}                    contacts:write
 *   POST   /v1/contacts/bulk                    contacts:write   (201)
 *   POST   /v1/contacts/bulk-delete             write:contacts   (Idempotency-Key)
 *   POST   /v1/contacts/merge                   contacts:write   (Idempotency-Key)
 *   GET    /v1/contacts/{id}/notes              contacts:read
 *   GET    /v1/lists                            contacts:read
 *   POST   /v1/lists                            contacts:write   (201)
 *   POST   /v1/lists/{id}/contacts              contacts:write
 *   DELETE /v1/lists/{list_id}/contacts/{contact_id}  contacts:write
 *   DELETE /v1/lists/{id}                       contacts:write
 *   GET    /v1/deals                            deals:read       (page, per_page, status, pipeline,
 *                                                                 stage, contact_id, owner_user_id,
 *                                                                 tags, created_after,
 *                                                                 created_before, updated_after)
 *   GET    /v1/deals/{id}                       deals:read       (data.deal, active shown as open)
 *   POST   /v1/deals                            deals:write      (201)
 *   PATCH  /v1/deals/{id}                       deals:write
 *   DELETE /v1/deals/{id}                       deals:write
 *   POST   /v1/deals/bulk                       deals:write      (201, data is an array)
 *   PATCH  /v1/deals/bulk                       deals:write
 *   POST   /v1/deals/bulk-delete                deals:write      (Idempotency-Key)
 *   GET    /v1/companies                        companies:read   (page, per_page, search, industry)
 *   POST   /v1/enrich/company                   write:enrich     (Idempotency-Key; credits)
 *   POST   /v1/notes                            contacts:write   (201)
 *   POST   /v1/tasks                            activities:write (201)
 *   POST   /v1/activities                       activities:write (201)
 *   POST   /v1/lexi/chat                        lexi             (canned answers, assumption 25)
 *   GET    /v1/lexi/tasks                       lexi             (status, page, per_page)
 *   POST   /v1/lexi/tasks/{id}/approve          lexi
 *   POST   /v1/import/contacts                  contacts:write   (200; 202 above 500 rows;
 *                                                                 Idempotency-Key)
 *   POST   /v1/import/companies                 companies:write  (the same)
 *   GET    /v1/contacts/export                  read:contacts    (text/csv; 10 per hour)
 * Admin routes (outside basePath, no auth, not recorded): /__sandbox/state, /__sandbox/requests,
 * /__sandbox/reset, /__sandbox/options, /__sandbox/faults, /__sandbox/daily-remaining,
 * /__sandbox/webhooks, /__sandbox/webhooks/emit, /__sandbox/contacts, /__sandbox/crm.
 * Webhook deliveries (signature, headers, retries, which request fires which event): the reading
 * of the docs is in webhooks.ts's header comment; the webhook routes' checks in routes/webhooks.ts.
 *
 * ASSUMPTIONS where the LeadLex docs are silent (keep this list in sync with the code):
 *  1. Order of checks under basePath: auth (401) -> daily quota (429) -> per-window limit (429)
 *     -> the request is counted -> path segments decoded (400) -> method+route (404 not_found)
 *     -> permission (403) -> the kept answer of an idempotent route (22) -> resource lookups
 *     (404 campaign_not_found, then step_not_found; contacts not_found; lists not_found or
 *     list_not_found as each page says) -> request body (413, 400) -> state checks (409). So an
 *     unknown campaign, step, contact or list is a 404 even when the body is invalid too; where
 *     the IDs come from the body (merge, add contacts to a list, enrich, notes, tasks, activities)
 *     the body is checked first.
 *  2. Only authenticated requests under basePath count against the quotas; a 401, a 429 and a
 *     path outside basePath count nothing. Every other authenticated answer (2xx, 400, 403, 404,
 *     409, 413) counts once against both the daily quota and the current window.
 *  3. Per-window limit: fixed windows aligned to multiples of windowMs since the epoch, per
 *     workspace (not per key). The daily quota resets at 00:00 UTC of `now()`.
 *  4. 429 body: {"error":{"code":"rate_limited","message":...}}. The daily quota is checked
 *     before the window. Profile 'full' adds Retry-After (whole seconds, rounded up, min 1) =
 *     time to the end of the window, or to midnight UTC for the daily quota. Profile
 *     'docs-only' sends no Retry-After (none is documented).
 *  5. X-RateLimit-* headers on a response that cannot be tied to a workspace (no, unknown or
 *     expired key) report the configured daily limit as both Limit and Remaining. With a valid
 *     key they report that workspace's remaining quota after this request. dailyLimit 0 means
 *     "unlimited" (sandbox only); then the three X-RateLimit-* headers are left out.
 *  6. Path parsing: the raw path is split on '/', then each segment is percent-decoded, so
 *     `%2F` stays inside one ID and '.'/'..' segments are ordinary (unknown) IDs. A segment that
 *     fails to decode -> 400 validation_error. Empty segments (trailing or doubled slashes) match
 *     no route -> 404 not_found. Literal segments (v1, campaigns, steps) are compared after
 *     decoding. Query strings are parsed with URLSearchParams; the first value of a repeated
 *     parameter wins. A key in the query string is ignored (only the Authorization header counts).
 *  7. The Authorization scheme `Bearer` is matched case-insensitively; anything else is 401.
 *  8. page and per_page must be plain positive integers when present (an empty value counts as
 *     invalid -> 400 validation_error with details.fields); per_page max 100. A page past the end
 *     returns an empty list with the real meta.total.
 *  9. GET /v1/campaigns (no reference page): data.campaigns[] items are
 *     {id, name, status, created_at, step_count}, ordered by created_at desc (ties: id asc),
 *     with meta {page, per_page, total}. `search` is a case-insensitive substring match on name
 *     in profile 'full' and is ignored in profile 'docs-only'.
 * 10. GET /v1/campaigns/{id} (page cut off in the docs): data.campaign = the documented settings
 *     plus created_at, step_count and steps[] (no contacts).
 * 11. DELETE /v1/campaigns/{id} on a non-draft campaign -> 409 campaign_not_draft.
 * 12. Unknown method/route -> 404 {"error":{"code":"not_found","message":"Route not found"}},
 *     including paths outside basePath (those are answered without auth or counting).
 * 13. Steps are looked up only inside the campaign in the URL (a step ID of another campaign is
 *     step_not_found). Success: 200 (201 for create step) with `Content-Type: application/json`.
 * 14. Sandbox-only behaviour: faults and latency apply to every recorded request (API routes and
 *     unknown routes); a fault response neither consumes quota nor changes state, and reports
 *     the caller's current quota in its headers. A fault header with value '' removes that header.
 *     Exception, the 'lostAnswer' fault: the request is handled as usual (quota, state, events),
 *     then the connection is destroyed before any byte of the answer (recorded status 0).
 * 15. Request bodies (POST/PATCH): read whatever the Content-Type (it is not checked), as UTF-8.
 *     Not valid JSON (an empty body included) or not a JSON object -> 400 validation_error.
 *     Over 1 MB (1,000,000 bytes) -> 413 payload_too_large (at the body step of assumption 1).
 *     Unknown fields are ignored, except where 20 and 21 say they are refused. Bodies of
 *     GET/DELETE are recorded but ignored.
 * 16. Create step: subject and body missing, null or blank (after trim) -> 400
 *     missing_required_field, details.fields.<field> = "Required" for each. Then send_condition
 *     not one of the five values (any other type included, null too) -> 400
 *     invalid_send_condition with details.fields.send_condition. Then 400 validation_error with
 *     details.fields.<field> for: subject/body not a string, delay_days not an integer >= 0,
 *     delay_hours not an integer 0-23 (strings such as "3" are not integers; null is invalid).
 *     Subject and body are stored as sent (not trimmed). The step is appended in any campaign
 *     status; id = `step_` + 16 random hex chars; created_at = now() to the second
 *     (`2026-04-17T14:30:10Z`). 201 {"data":{"step":{...all eight fields}}}.
 * 17. Update step: `index` in the body -> 400 validation_error (details.fields.index; steps
 *     cannot be reordered); a body with none of subject, body, delay_days, delay_hours,
 *     send_condition -> 400 validation_error; then the create checks (send_condition first)
 *     for the given fields, where a non-string or blank subject/body is validation_error.
 *     Only the given fields change. 200 {"data":{"step":{...}}} with created_at.
 * 18. Webhooks: url must be https:// and not a private, loopback or link-local IP literal, nor
 *     localhost / *.local / *.internal / a name without a dot (no DNS lookup is made) -> 400
 *     invalid_url (missing url too). `allowLoopbackWebhooks` also accepts http(s) to 127.x,
 *     localhost and [::1]. events: a non-empty array of the 29 names in webhooks.ts, else 400
 *     invalid_events (create too, missing events included). description <= 200 characters and
 *     active boolean, else 400 validation_error. The same URL may be registered twice. Create ->
 *     201 data.webhook {id (UUID), url, events, description, active, secret ("whsec_" + 64 hex),
 *     created_at}. The secret is never returned again. Webhooks are per workspace; reset() drops
 *     them.
 * 19. Campaign routes (POST /v1/campaigns, PATCH /v1/campaigns/{id}, POST .../start, .../pause,
 *     GET .../stats, .../events, .../contacts, POST .../contacts) and their seeded activity
 *     (activity.ts): the assumptions are listed in README.md, "Campaign routes" (paging as in 8;
 *     start -> pending_approval above 100 contacts; pause only when active). Enrollments hold the
 *     contact ID only; GET .../contacts shows the contact's full_name/email from the contact
 *     collection, null when the contact is unknown or deleted. Add contacts accepts any ID.
 * 20. Contacts (README.md "Contact routes" has the details). [ASSUMED] in the contract: merge needs
 *     contacts:write; create refuses unknown fields (400 validation_error naming them) and accepts
 *     a duplicate email; merge takes no overwrite/dry-run flag (their names are cut off in the
 *     docs) and refuses any key but primary_id/duplicate_ids. Sandbox choices: contacts:write and
 *     write:contacts are separate scopes (coarse write implies both); the seeded contacts are the
 *     IDs the seeded enrollments and lists refer to (phone, job title, company made up), JANE with
 *     four notes; null counts as not given on create; an email needs '@'; priority 1/2/3 =
 *     high/medium/low; company wins over company_name, related_company_id over company_id;
 *     "Last, First" becomes "First Last"; an email-only contact is named from the email;
 *     created_date follows the data-integrity rule (kept when ISO 8601, <= 24 h ahead, <= 5 years
 *     back, else now); search is a case-insensitive substring of full_name or email;
 *     created_after is strict; sort ties by ID ascending; include items are trimmed and '*' means
 *     all (deals are always [], tasks per 23); bulk create is all or nothing; bulk delete counts a
 *     repeated ID once and ignores other fields; merge checks the body, then 404 for the first
 *     unknown ID (primary first), fills fields from the first duplicate that has them, moves note
 *     records and notes text, drops a duplicate's membership/enrollment where the primary already
 *     is, counts.list_memberships = memberships the primary gained, and sets the primary's
 *     updated_date. Events: contact.created {contact}, contact.updated {contact},
 *     contact.bulk_created {contacts, count}, contact.deleted {contact: {id}} per deleted contact
 *     (none on a dry run), contact.merged {primary_id, merged_id} per duplicate.
 * 21. Lists (README.md "List routes"). [ASSUMED] in the contract: GET /v1/lists (no reference page)
 *     is paged, in creation order, search ignored. Sandbox choices: names are unique after trim,
 *     case-insensitively; description defaults to null; create refuses other fields, add contacts
 *     ignores them; add contacts refuses IDs that are not contacts (400 naming them, nothing
 *     added) and counts a repeat once; a deleted list's ID makes POST /v1/campaigns answer 404
 *     list_not_found, while an ID that never was a list keeps 400 validation_error "Invalid list
 *     ID". Events: list.created {list}, list.contacts_added {added, list_id, contact_count,
 *     contact_ids} (only when added > 0), list.contacts_removed {list_id, contact_id}, list.deleted
 *     {list: {id}}.
 * 22. Idempotency-Key (§6) on bulk delete, merge and enrich (RouteDef.idempotent): the first 2xx
 *     answer is kept per workspace and key for 24 h on the sandbox clock; a repeat within 24 h gets
 *     the same status and body (new X-Request-ID and rate-limit headers), applies nothing and fires
 *     nothing.
 *     [ASSUMED] in the contract: a different body with the same key gets the kept answer. Sandbox
 *     choices: the key is per workspace, not per route; a blank header is no key; 401/429/403 come
 *     before the kept answer, and a repeat counts against the quotas; errors are not kept.
 * 23. Deals (README.md "Deal routes"). [ASSUMED] in the contract: every deal route needs deals:read
 *     (GET) or deals:write (the others, bulk delete included: its page names no permission); PATCH,
 *     bulk create and bulk update take create's field names; create, update and bulk requests
 *     refuse unknown fields (400 naming them); a bulk create is all or nothing; GET /v1/deals
 *     documents no `search`: it is ignored; `tags` is one comma-separated parameter and keeps the
 *     deals that have every tag; a 404 on GET /v1/deals/{id} is `not_found`. Sandbox choices: the
 *     aliases main_contact_id/contact_id, owner_user_id/owner_id, matter_type/deal_type and
 *     company_id/related_company_id are accepted in bodies (both names with different values ->
 *     400); null counts as not given; contact_id must be a contact of the workspace (400); status
 *     active/won/lost (default active; `open` refused), priority low/medium/high/urgent, fee_model
 *     hourly/fixed/contingency/retainer, probability an integer 0-100, estimated_value a number
 *     >= 0, currency three upper-case letters, follow_up_date ISO 8601, tags and team_member_ids
 *     arrays of strings; description is kept as high_level_description and follow_up_date as
 *     next_follow_up_date; closed_date is set to now() when the status becomes won or lost and
 *     cleared when it becomes active; the list is newest first (created_date, ties by ID), with
 *     exact filters (pipeline and stage not case-sensitive, created/updated bounds strict); the
 *     create, update and bulk answers are the list fields plus notes, relationship_partner_id,
 *     matter_lead_id and team_member_ids, GET's data.deal the same with status `open` for
 *     `active`; bulk update skips unknown IDs (not counted in `updated`); bulk delete counts a
 *     repeated ID once, answers errors [] and dry_run. Events: deal.created {deal}, deal.updated
 *     {deal}, deal.deleted {deal: {id}} (per deal deleted, none on a dry run), deal.bulk_created
 *     {deals, count}, deal.bulk_updated {deals, count} (only when updated > 0).
 * 24. Companies, notes, tasks, activities (crm.ts, routes/companies.ts, routes/crm.ts; README.md
 *     "Company, note, task and activity routes"). [ASSUMED] in the contract (docs/company.md,
 *     note.md, task.md, activity.md): GET /v1/companies needs companies:read (the page names no
 *     permission; coarse read implies it); enrich by domain enriches the workspace's company with
 *     that domain (none: 404 not_found; a domain the provider does not know: 409 no_match first);
 *     a match costs one credit even when no field changes; no credits: 402 before the provider is
 *     asked; 402/409/404 change nothing and cost nothing; an unmatched contact_name/company_name is
 *     400 validation_error naming it; ambiguous_reference's candidates are details.candidates (IDs,
 *     at most 50) with details.field; the ID of a kind wins over its name; creates refuse unknown
 *     fields; content and titles count Unicode code points; metadata's 8 KB is 8,192 UTF-8 bytes of
 *     its JSON; an activity's title is required and entity_id/entity_name need entity_type; tasks
 *     take no company ID but company_name links one (answered as related_company_id).
 *     Sandbox choices: companies are listed name A-Z; search matches part of name or domain,
 *     industry is equal (not case-sensitive); six seeded companies in the main workspace (Acme
 *     Legal LLP and Acme Logistics Inc. both match "Acme"), one in the other; a stand-in provider
 *     knows five domains (PROVIDER_DATA); 25 credits in the main workspace, 0 in the other;
 *     company_id wins over domain; fuzzy matching is: not case-sensitive, spaces collapsed, the
 *     records whose name equals the term, else those containing it (every seeded name but "Jane
 *     Example" is shared by many contacts); an unknown deal_id is 404 not_found like a contact; event
 *     IDs are taken as given (no events here); a contact's note also lands in its note records (GET .../notes, include=notes,
 *     merge); include=tasks shows up to 3 tasks not completed, soonest due first; merge moves
 *     tasks, activities and notes (counts.tasks, counts.activities); a deleted contact's records
 *     stay with contact_id null. Events: task.created {task}, activity.created {activity}; none
 *     for notes and enrichment (none documented).
 * 25. Lexi (lexi.ts, routes/lexi.ts; README.md "Lexi routes"). [ASSUMED] in the contract
 *     (docs/lexi.md): the three routes need the coarse `lexi`, which neither `read` nor `write`
 *     implies; GET /v1/lexi/tasks pages as every list (profile 'docs-only': every task at once, no
 *     meta, as no paging is documented); an unknown `status` is 400 validation_error; chat's
 *     context IDs (conversation, list, campaign) must be the workspace's, else 404 not_found; an
 *     approved task runs at once (approve answers `approved`, the task is then `completed` or
 *     `failed`); approving a task that is not pending is 400 validation_error, an unknown one 404
 *     not_found. Sandbox choices: a start above 100 contacts queues a pending `campaign_start` task
 *     {campaign_id, recipient_count} whose ID is the start's task_id; approving it makes the
 *     campaign active (event campaign.started) or, when it can no longer be launched, fails the
 *     task; other task types change nothing when approved. Chat's answers are canned: a message
 *     with the word "start" or "launch" about a campaign (context.campaign_id, else a campaign ID
 *     or name in the text) queues a `campaign_start` task needing approval for a draft or paused
 *     campaign with contacts and steps, else says why not; any other message gets LEXI_HELP; a new
 *     conversation gets `conv_` + 16 hex. Five seeded tasks in the main workspace (two pending),
 *     one pending in the other.
 * 26. Duplicate detection (duplicates.ts, routes/ai.ts; README.md "AI routes"). [ASSUMED] in the
 *     contract: enrichment and AI share one credit balance per workspace (§4.3 "AI / enrichment
 *     credit balance"; crm.enrichCredits); a run costs 3/5/10 credits by the workspace's contacts +
 *     companies + deals (up to 10,000 / 100,000 / more) and 402 insufficient_credits comes when
 *     fewer are left, before anything is detected; the 60-minute cache (§6) is the Idempotency-Key's
 *     kept answer: a repeat with the key within 60 minutes gets the same answer and is not charged,
 *     a request without a key always runs and is charged; total_candidates is the number of records
 *     in scope; scope conditions all hold (created_after strictly after, tag equal not
 *     case-sensitive, list_id for entity_type contact only, else 400); an unknown list is 400
 *     validation_error (scope.list_id), as only 400/401/402/403/429 are documented; unknown fields
 *     (also in scope) are refused. Sandbox choices: the rules of duplicates.ts (contacts: email,
 *     name; companies: domain, name without legal form, first word at 0.6; deals: name + contact,
 *     contact + matter type at 0.86, name at 0.8), the oldest record of a group is the primary; no
 *     event fires.
 * 27. Imports and the contact export (routes/imports.ts, routes/export.ts, csv.ts; README.md
 *     "Import and export routes"). [ASSUMED] in the contract (docs/contact.md assumptions 13-14,
 *     docs/company.md assumption 10): the import needs contacts:write / companies:write, the export
 *     read:contacts (not granted by contacts:read); a row that cannot be imported is skipped and
 *     listed in errors {row, code, message}; with update_existing off a matching row is skipped;
 *     without a header the columns are named 1, 2, ... and need a mapping; up to 500 rows answer
 *     200 status completed with a job_id, more answer 202 status queued and the job fires
 *     import.completed {job_id, entity_type, status, counts, errors}; the export's 429 carries no
 *     documented Retry-After. Sandbox choices: the queued job runs 300 ms (real time) after the
 *     answer; contacts match on email, else phone digits; companies on domain (no www.); tags
 *     columns split on ; and ,; the export counts every call past auth, quotas and permission in
 *     fixed clock hours per workspace (Retry-After to the end of the hour in profile 'full'),
 *     lists oldest first and joins tags with ;. SeedWorkspace.generatedContacts adds made-up
 *     contacts (the benchmark's 50,000).
 */
import * as http from 'node:http';
import type { Socket } from 'node:net';

import { ADMIN_PREFIX, handleAdmin } from './admin';
import { envelopeFault, createFaults } from './faults';
import {
	collectBody,
	errorPayload,
	HttpError,
	newRequestId,
	send,
	sendJson,
	type JsonObject,
	type RequestBody,
} from './http';
import { idempotencyKeyOf } from './idempotency';
import { applyTunable, DEFAULT_BASE_PATH, initialTunable, normalizeBasePath } from './options';
import { createQuotas } from './quotas';
import { aiRoutes } from './routes/ai';
import { campaignRoutes } from './routes/campaigns';
import { companyRoutes } from './routes/companies';
import { contactRoutes } from './routes/contacts';
import { dealRoutes } from './routes/deals';
import { exportRoutes } from './routes/export';
import { importRoutes } from './routes/imports';
import { crmRoutes } from './routes/crm';
import { lexiRoutes } from './routes/lexi';
import { listRoutes } from './routes/lists';
import { stepRoutes } from './routes/steps';
import { webhookRoutes } from './routes/webhooks';
import { createRouter, type HandlerResult } from './routing';
import { defaultSeed, SANDBOX_KEYS, type SeedApiKey, type SeedData } from './seed';
import { copyCampaign, copySteps, loadWorkspaces, snapshot } from './store';
import type { RecordedRequest, Sandbox, SandboxOptions } from './types';
import {
	createDeliveries,
	DEFAULT_DELIVERY_TIMEOUT_MS,
	DEFAULT_RETRY_DELAYS_MS,
	firedEvents,
} from './webhooks';

export type {
	Campaign,
	CampaignStatus,
	Permission,
	SandboxKeyName,
	SandboxKeys,
	SeedApiKey,
	SeedCampaign,
	SeedData,
	SeedWorkspace,
	SendCondition,
	Step,
} from './seed';
export {
	DEFAULT_CAMPAIGN_SETTINGS,
	defaultSeed,
	MAIN_WORKSPACE_ID,
	OTHER_WORKSPACE_ID,
	SANDBOX_KEYS,
	SANDBOX_KEY_DESCRIPTIONS,
} from './seed';
export type { ContactList } from './activity';
export type { Contact, ContactNote, Priority } from './contacts';
export type { ActivityRecord, Company, NoteRecord, TaskRecord } from './crm';
export type {
	CampaignState,
	DeliveryAttempt,
	EmitOptions,
	Fault,
	FaultMatch,
	RecordedRequest,
	Sandbox,
	SandboxOptions,
	SandboxProfile,
	TunableOptions,
	WebhookRecord,
} from './types';
export { signBody, WEBHOOK_EVENTS } from './webhooks';
export { DEFAULT_BASE_PATH } from './options';
export { MAX_BODY_BYTES } from './http';

/** Every API route; the next resource adds its `routes/<name>.ts` table here. */
const router = createRouter([
	...campaignRoutes,
	...stepRoutes,
	...webhookRoutes,
	// Before the contact routes: /v1/contacts/export is not a contact ID.
	...exportRoutes,
	...contactRoutes,
	...listRoutes,
	...dealRoutes,
	...companyRoutes,
	...crmRoutes,
	...lexiRoutes,
	...aiRoutes,
	...importRoutes,
]);

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const host = options.host ?? '127.0.0.1';
	const basePath = normalizeBasePath(options.basePath ?? DEFAULT_BASE_PATH);
	const now = options.now ?? Date.now;
	const seed: SeedData = structuredClone(options.seed ?? defaultSeed());
	const live = initialTunable(options);

	const apiKeys = new Map<string, SeedApiKey>();
	for (const k of seed.apiKeys) apiKeys.set(k.value, k);
	const defaultWorkspaceId = seed.workspaces[0]?.id ?? '';

	let workspaces = loadWorkspaces(seed);
	const quotas = createQuotas(live);
	const requests: RecordedRequest[] = [];
	const sockets = new Set<Socket>();
	const timers = new Set<NodeJS.Timeout>();
	let closed = false;

	function later(ms: number, fn: () => void): void {
		if (ms <= 0) {
			fn();
			return;
		}
		const t = setTimeout(() => {
			timers.delete(t);
			if (!closed) fn();
		}, ms);
		timers.add(t);
	}

	function resolveKey(req: http.IncomingMessage, at: number): SeedApiKey | undefined {
		const header = req.headers.authorization;
		if (typeof header !== 'string') return undefined;
		const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
		if (!m) return undefined;
		const key = apiKeys.get(m[1]);
		if (!key) return undefined;
		if (key.expiresAt !== null && Date.parse(key.expiresAt) <= at) return undefined;
		if (!workspaces.has(key.workspaceId)) return undefined;
		return key;
	}

	const allowLoopbackWebhooks = options.allowLoopbackWebhooks === true;
	const deliveries = createDeliveries({
		now,
		later,
		workspaces: () => workspaces,
		retryDelaysMs: [...(options.webhookRetryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS)],
		timeoutMs: options.webhookTimeoutMs ?? DEFAULT_DELIVERY_TIMEOUT_MS,
		deliveryIdPerAttempt: options.deliveryIdPerAttempt === true,
	});

	const faults = createFaults({
		now,
		later,
		rateHeaders: (req, at) => quotas.headers(resolveKey(req, at)?.workspaceId, at),
	});

	/** Sends the answer (JSON, or a file), or, for a 'lostAnswer' fault, drops the connection instead. */
	type Respond = (
		status: number,
		payload: JsonObject,
		headers: Record<string, string>,
		file?: HandlerResult['file'],
	) => void;

	function handleApi(
		req: http.IncomingMessage,
		record: RecordedRequest,
		rest: string | undefined,
		query: string,
		body: RequestBody,
		respond: Respond,
	): void {
		const at = now();
		const key = resolveKey(req, at);
		const fail = (status: number, code: string, message: string, wsId?: string): void =>
			respond(status, { error: { code, message } }, quotas.headers(wsId, at));

		if (rest === undefined) return fail(404, 'not_found', 'Route not found', key?.workspaceId);
		if (!key) return fail(401, 'invalid_key', 'Invalid or expired API key');
		const wsId = key.workspaceId;
		const limited = quotas.consume(wsId, at);
		if (limited) {
			const headers = quotas.headers(wsId, at);
			if (live.profile === 'full') headers['Retry-After'] = String(limited.retryAfter);
			const payload = { error: { code: 'rate_limited', message: 'Rate limit exceeded' } };
			return respond(429, payload, headers);
		}
		const headers = quotas.headers(wsId, at);
		try {
			const result = router.dispatch(record.method, rest, {
				query: new URLSearchParams(query),
				body,
				key,
				now: at,
				profile: live.profile,
				workspaces,
				allowLoopbackWebhooks,
				idempotencyKey: idempotencyKeyOf(req.headers),
			});
			respond(result.status ?? 200, result.payload, { ...headers, ...result.headers }, result.file);
			for (const fired of firedEvents(result, result.status ?? 200)) {
				deliveries.fire(wsId, fired.event, fired.data);
			}
			const { deferred } = result;
			if (deferred && (result.status ?? 200) < 300) {
				later(deferred.afterMs, () => {
					for (const fired of deferred.run()) deliveries.fire(wsId, fired.event, fired.data);
				});
			}
		} catch (err) {
			if (err instanceof HttpError) {
				respond(err.status, errorPayload(err), headers);
				return;
			}
			const message = err instanceof Error ? err.message : String(err);
			respond(500, { error: { code: 'internal_error', message } }, headers);
		}
	}

	const server = http.createServer((req, res) => {
		const rawUrl = req.url ?? '/';
		const q = rawUrl.indexOf('?');
		const rawPathOnly = q === -1 ? rawUrl : rawUrl.slice(0, q);
		const query = q === -1 ? '' : rawUrl.slice(q + 1);

		if (rawPathOnly === ADMIN_PREFIX || rawPathOnly.startsWith(`${ADMIN_PREFIX}/`)) {
			void handleAdmin(req, res, rawPathOnly, { api, state: () => snapshot(workspaces) });
			return;
		}

		const inBase =
			basePath === '' || rawPathOnly === basePath || rawPathOnly.startsWith(`${basePath}/`);
		const method = (req.method ?? 'GET').toUpperCase();
		const at = now();
		const record: RecordedRequest = {
			method,
			rawPath: rawUrl,
			path: inBase ? rawPathOnly.slice(basePath.length) : rawPathOnly,
			headers: { ...req.headers },
			status: 0,
			at,
			requestId: newRequestId(at),
		};
		requests.push(record);

		collectBody(req).then(
			(body) => {
				if (body.size > 0) record.body = body.text;
				if (closed) return;
				const rest = inBase ? rawPathOnly.slice(basePath.length) : undefined;
				const answer: Respond = (status, payload, headers, file) =>
					file
						? send(res, record, status, file.body, {
								...headers,
								'Content-Type': file.contentType,
								'Content-Disposition': `attachment; filename="${file.fileName}"`,
								'X-Request-ID': record.requestId,
							})
						: sendJson(res, record, status, payload, headers);
				const dropAnswer: Respond = () => {
					record.status = 0;
					req.socket.destroy();
				};
				const normal = (): void => handleApi(req, record, rest, query, body, answer);
				const unanswered = (): void => handleApi(req, record, rest, query, body, dropAnswer);
				later(live.latencyMs, () => {
					const fault = faults.take(method, rawUrl);
					if (fault) faults.apply(fault, req, res, record, normal, unanswered);
					else normal();
				});
			},
			() => undefined, // the client went away while sending the body: nothing to answer
		);
	});

	server.on('connection', (socket: Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	server.on('clientError', (_err, socket) => {
		if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
		else socket.destroy();
	});

	await new Promise<void>((resolve, reject) => {
		const onError = (err: Error): void => reject(err);
		server.once('error', onError);
		server.listen(options.port ?? 0, host, () => {
			server.off('error', onError);
			resolve();
		});
	});

	const address = server.address();
	if (address === null || typeof address === 'string')
		throw new Error('Sandbox: unexpected server address');
	const urlHost =
		host === '0.0.0.0'
			? '127.0.0.1'
			: host === '::'
				? '[::1]'
				: host.includes(':')
					? `[${host}]`
					: host;
	const origin = `http://${urlHost}:${address.port}`;

	function workspaceIdFor(keyOrId: string): string {
		if (workspaces.has(keyOrId)) return keyOrId;
		const key = apiKeys.get(keyOrId);
		if (key) return key.workspaceId;
		throw new Error(`Unknown workspace or key: ${keyOrId}`);
	}

	const api: Sandbox = {
		url: `${origin}${basePath}`,
		origin,
		keys: { ...SANDBOX_KEYS },
		requests,
		campaigns(workspaceId = defaultWorkspaceId) {
			const ws = workspaces.get(workspaceIdFor(workspaceId));
			if (!ws) return [];
			return [...ws.campaigns.values()].map((e) => ({
				...copyCampaign(e.campaign),
				step_count: e.steps.length,
			}));
		},
		steps(campaignId, workspaceId = defaultWorkspaceId) {
			const entry = workspaces.get(workspaceIdFor(workspaceId))?.campaigns.get(campaignId);
			return entry ? copySteps(entry.steps) : [];
		},
		contacts(workspaceKeyOrId = defaultWorkspaceId) {
			const ws = workspaces.get(workspaceIdFor(workspaceKeyOrId));
			return ws ? [...ws.contacts.values()].map((contact) => structuredClone(contact)) : [];
		},
		lists(workspaceKeyOrId = defaultWorkspaceId) {
			const ws = workspaces.get(workspaceIdFor(workspaceKeyOrId));
			return ws ? [...ws.lists.values()].map((list) => structuredClone(list)) : [];
		},
		crm(workspaceKeyOrId = defaultWorkspaceId) {
			const crm = workspaces.get(workspaceIdFor(workspaceKeyOrId))?.crm;
			if (!crm) return { companies: [], notes: [], tasks: [], activities: [], enrichCredits: 0 };
			const { companies, ...records } = structuredClone(crm);
			return { companies: [...companies.values()], ...records };
		},
		setEnrichCredits(workspaceKeyOrId, credits) {
			if (!Number.isInteger(credits) || credits < 0)
				throw new TypeError('credits must be a whole number >= 0');
			const ws = workspaces.get(workspaceIdFor(workspaceKeyOrId));
			if (ws) ws.crm.enrichCredits = credits;
		},
		reset() {
			workspaces = loadWorkspaces(seed);
			quotas.clear();
			requests.length = 0;
			faults.clear();
			deliveries.clear();
		},
		deliveries: deliveries.attempts,
		webhooks(workspaceKeyOrId = defaultWorkspaceId) {
			const ws = workspaces.get(workspaceIdFor(workspaceKeyOrId));
			return ws ? [...ws.webhooks.values()].map((hook) => structuredClone(hook)) : [];
		},
		emitEvent(emit) {
			return deliveries.emit(workspaceIdFor(emit.workspace ?? defaultWorkspaceId), emit);
		},
		deliveriesSettled() {
			return deliveries.settled();
		},
		injectFault(fault, match, times) {
			faults.inject(fault, match, times);
		},
		failNext(method, pathIncludes, status, code, message, details) {
			faults.inject(envelopeFault(status, code, message, details), { method, pathIncludes }, 1);
		},
		clearFaults() {
			faults.clear();
		},
		setOptions(partial) {
			applyTunable(live, partial);
		},
		setDailyRemaining(workspaceKeyOrId, remaining) {
			if (!Number.isFinite(remaining) || remaining < 0)
				throw new TypeError('remaining must be a number >= 0');
			quotas.setRemaining(workspaceIdFor(workspaceKeyOrId), remaining, now());
		},
		options() {
			return { ...live };
		},
		close() {
			if (closed) return Promise.resolve();
			closed = true;
			deliveries.abort();
			for (const t of timers) clearTimeout(t);
			timers.clear();
			return new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
				for (const s of sockets) s.destroy();
				sockets.clear();
			});
		},
	};
	return api;
}
