/**
 * Seed data for the LeadLex sandbox (see server.ts).
 *
 * Everything here is deterministic: the same IDs, names, timestamps and key
 * strings on every run, so demos can print them and tests can rely on them.
 * `defaultSeed()` returns a fresh deep copy each time.
 */

/** `pending_approval`: started, waiting for Lexi's approval (POST .../start, more than 100 contacts). */
export type CampaignStatus = 'draft' | 'active' | 'paused' | 'completed' | 'pending_approval';

export type SendCondition = 'always' | 'if_no_reply' | 'if_no_open' | 'if_opened' | 'if_clicked';

export const SEND_CONDITIONS: readonly SendCondition[] = [
	'always',
	'if_no_reply',
	'if_no_open',
	'if_opened',
	'if_clicked',
];

/** A campaign step, exactly as the API returns it (docs §8.1). */
export interface Step {
	id: string;
	index: number;
	subject: string;
	body: string;
	delay_days: number;
	delay_hours: number;
	send_condition: SendCondition;
	created_at: string;
}

/** A campaign's own fields (docs §8.8 plus `created_at`); steps are kept apart. */
export interface Campaign {
	id: string;
	name: string;
	description: string;
	status: CampaignStatus;
	daily_send_limit: number;
	delay_between_emails: number;
	sending_timezone: string;
	send_on_weekends: boolean;
	track_opens: boolean;
	track_clicks: boolean;
	show_unsubscribe: boolean;
	created_at: string;
}

export interface SeedCampaign extends Campaign {
	steps: Step[];
}

export interface SeedWorkspace {
	id: string;
	name: string;
	campaigns: SeedCampaign[];
	/**
	 * Contacts made up when the seed loads, beside the seeded ones (contacts.ts
	 * `generatedContacts`): the benchmark's 50,000 for Contact → Export. None by default.
	 */
	generatedContacts?: number;
}

/**
 * Permission strings: scoped (`<resource>:read`, `<resource>:write`, e.g. `contacts:write`, or the
 * bulk pages' spelling `<action>:<resource>`, e.g. `write:contacts`) or the older coarse model
 * (`read`, `write`, `lexi`). Open, so a new resource's scopes need no entry here.
 */
export type ScopedPermission = `${string}:${'read' | 'write'}` | `${'read' | 'write'}:${string}`;
export type Permission = ScopedPermission | 'read' | 'write' | 'lexi';

export interface SeedApiKey {
	/** The secret sent as `Authorization: Bearer <value>`. */
	value: string;
	name: string;
	workspaceId: string;
	permissions: Permission[];
	/** ISO 8601; the key is rejected with 401 once `now()` reaches it. null = never expires. */
	expiresAt: string | null;
}

export interface SeedData {
	workspaces: SeedWorkspace[];
	apiKeys: SeedApiKey[];
}

export const MAIN_WORKSPACE_ID = 'ws_7d1c4e2a9b3f4a6e8c0d5b7a1f2e3c4d';
export const OTHER_WORKSPACE_ID = 'ws_b2e8f4a1c7d94e3b9a6f0c5d8e1a2b3c';

/** Fixed demo keys (fake secrets that only this sandbox accepts). */
export const SANDBOX_KEYS = {
	full: 'wbk_sandbox_full_4f7c52b72d809dce79ab062ea1c9bf25e442',
	readOnly: 'wbk_sandbox_read_20ae0f8a07889f1059af4065ead65377',
	writeOnly: 'wbk_sandbox_write_326c8e364b5a8c26163f6cc1d0d354ab',
	none: 'wbk_sandbox_none_f2d1e54b969813b953e896519917119c',
	expired: 'wbk_sandbox_expired_b1dabae2fabe7a7026a41d8ff7f7a750',
	coarseReadWrite: 'wbk_sandbox_coarse_3ff34915ee3f835f0893bab567622fa6',
	otherWorkspace: 'wbk_sandbox_other_41b015612fa8112ec56d89538fc37d59',
	webhooksReadOnly: 'wbk_sandbox_hookread_9c3e1b7a5d2f48e6a0b4c8d1e7f3a925',
} as const;

export type SandboxKeyName = keyof typeof SANDBOX_KEYS;
export type SandboxKeys = { [K in SandboxKeyName]: string };

/** Human description of each demo key, for the CLI and README. */
export const SANDBOX_KEY_DESCRIPTIONS: Record<SandboxKeyName, string> = {
	full: 'campaigns:read/write, webhooks:read/write, contacts:read/write, write:contacts, read:contacts, deals:read/write, companies:read/write, write:enrich, activities:write, lexi, write:ai (main workspace)',
	readOnly: 'campaigns:read only',
	writeOnly: 'campaigns:write only',
	none: 'no permissions',
	expired: 'expired on 2025-01-01 (always 401 invalid_key)',
	coarseReadWrite: "older coarse model: ['read', 'write']",
	otherWorkspace: 'campaigns + webhooks read/write on a second workspace',
	webhooksReadOnly: 'campaigns:read + webhooks:read (no webhooks:write)',
};

/** Campaign settings every seeded campaign shares. */
export const DEFAULT_CAMPAIGN_SETTINGS = {
	description: '',
	daily_send_limit: 100,
	delay_between_emails: 120,
	sending_timezone: 'America/New_York',
	send_on_weekends: false,
	track_opens: true,
	track_clicks: true,
	show_unsubscribe: true,
} as const;

function isoPlusMinutes(iso: string, minutes: number): string {
	return new Date(Date.parse(iso) + minutes * 60_000).toISOString().replace('.000Z', 'Z');
}

function step(
	id: string,
	index: number,
	subject: string,
	body: string,
	delayDays: number,
	delayHours: number,
	sendCondition: SendCondition,
	createdAt: string,
): Step {
	return {
		id,
		index,
		subject,
		body,
		delay_days: delayDays,
		delay_hours: delayHours,
		send_condition: sendCondition,
		created_at: createdAt,
	};
}

function documentedCampaigns(): SeedCampaign[] {
	const abcCreated = '2026-03-15T08:55:00Z';
	const pausedCreated = '2026-03-10T14:00:00Z';
	const draftCreated = '2026-03-20T11:30:00Z';
	return [
		{
			...DEFAULT_CAMPAIGN_SETTINGS,
			id: 'cmp_abc123',
			name: 'Estate Planning Follow-up',
			description: 'Follow-up sequence for estate planning consultations',
			status: 'active',
			created_at: abcCreated,
			steps: [
				step(
					'step_1',
					0,
					'Quick question about {{company_name}}',
					'Hi {{first_name}}, I help families and business owners like you put a clear estate plan in place. Would a short call next week be useful?',
					0,
					0,
					'always',
					'2026-03-15T09:00:00Z',
				),
				step(
					'step_2',
					1,
					'Re: {{company_name}}',
					'Just circling back on my note from last week...',
					3,
					0,
					'if_no_reply',
					'2026-03-15T09:05:00Z',
				),
				step(
					'step_3',
					2,
					'{{first_name}}, a checklist for your estate plan',
					'Hi {{first_name}}, here is the one-page checklist we walk through with every client. Happy to go over it with you.',
					4,
					12,
					'if_no_open',
					'2026-03-15T09:10:00Z',
				),
				step(
					'step_4',
					3,
					'Closing the loop, {{first_name}}',
					'Hi {{first_name}}, I will not keep filling your inbox. If the timing is better later this year, just reply to this email.',
					7,
					0,
					'if_opened',
					'2026-03-15T09:15:00Z',
				),
			],
		},
		{
			...DEFAULT_CAMPAIGN_SETTINGS,
			id: 'cmp_paused01',
			name: 'Q3 Litigation Outreach',
			description: 'Outreach to in-house counsel about litigation support',
			status: 'paused',
			sending_timezone: 'Europe/Berlin',
			created_at: pausedCreated,
			steps: [
				step(
					'step_paused01_1',
					0,
					'Litigation support for {{company_name}}',
					'Hi {{first_name}}, as {{job_title}} you probably see disputes before anyone else. We support in-house teams with fast, fixed-fee litigation help.',
					0,
					0,
					'always',
					isoPlusMinutes(pausedCreated, 5),
				),
				step(
					'step_paused01_2',
					1,
					'Re: Litigation support for {{company_name}}',
					'Hi {{first_name}}, following up on my last note. Is there a better person at {{company_name}} to speak to?',
					2,
					6,
					'if_no_reply',
					isoPlusMinutes(pausedCreated, 10),
				),
				step(
					'step_paused01_3',
					2,
					'Case study: how we cut defence costs by 30%',
					'Hi {{first_name}}, since you opened my last email, here is a short case study you may find useful.',
					5,
					0,
					'if_clicked',
					isoPlusMinutes(pausedCreated, 15),
				),
			],
		},
		{
			...DEFAULT_CAMPAIGN_SETTINGS,
			id: 'cmp_draft01',
			name: 'Family Law Newsletter Launch',
			description: 'Draft: first issue of the family law newsletter',
			status: 'draft',
			created_at: draftCreated,
			steps: [
				step(
					'step_draft01_1',
					0,
					'New: our family law newsletter',
					'Hi {{first_name}}, we are launching a short monthly newsletter on family law changes. Here is the first issue.',
					0,
					0,
					'always',
					isoPlusMinutes(draftCreated, 5),
				),
				step(
					'step_draft01_2',
					1,
					'Did you see our newsletter, {{first_name}}?',
					'Hi {{first_name}}, just checking that our first issue reached you.',
					3,
					0,
					'if_no_open',
					isoPlusMinutes(draftCreated, 10),
				),
			],
		},
	];
}

const PRACTICE_AREAS = [
	'Estate Planning',
	'Immigration',
	'Personal Injury',
	'Family Law',
	'Business Formation',
	'Real Estate Closing',
	'Employment Law',
	'Criminal Defense',
	'Bankruptcy',
	'Intellectual Property',
	'Tax Resolution',
	'Elder Law',
] as const;

const CAMPAIGN_KINDS = [
	'Webinar Invite',
	'Follow-up',
	'Consultation Reminder',
	'Newsletter',
	'Referral Outreach',
	'Client Check-in',
	'Intake Nurture',
	'Review Request',
] as const;

const STATUS_CYCLE: readonly CampaignStatus[] = [
	'active',
	'active',
	'paused',
	'active',
	'completed',
	'active',
	'draft',
	'active',
	'paused',
	'active',
];

const TIMEZONES = ['America/New_York', 'America/Chicago', 'America/Los_Angeles', 'Europe/London'];

/** Number of generated campaigns in the main workspace (3 documented + 237 = 240). */
export const GENERATED_CAMPAIGN_COUNT = 237;

function generatedCampaign(n: number): SeedCampaign {
	const num = String(n).padStart(3, '0');
	const area = PRACTICE_AREAS[n % PRACTICE_AREAS.length];
	const kind = CAMPAIGN_KINDS[(n * 3) % CAMPAIGN_KINDS.length];
	// Oldest first: cmp_gen001 on 2025-03-01, one more roughly every day, all before the documented ones.
	const created = new Date(Date.UTC(2025, 2, 1, 9 + (n % 8), (n * 7) % 60) + (n - 1) * 86_400_000)
		.toISOString()
		.replace('.000Z', 'Z');
	const stepCount = 1 + (n % 3);
	const steps: Step[] = [];
	for (let i = 0; i < stepCount; i++) {
		const subject =
			i === 0
				? `${area}: a quick question for {{company_name}}`
				: i === 1
					? `Re: ${area} for {{company_name}}`
					: `Last note on ${area.toLowerCase()}, {{first_name}}`;
		steps.push(
			step(
				`step_gen${num}_${i + 1}`,
				i,
				subject,
				`Hi {{first_name}}, this is message ${i + 1} of our ${area.toLowerCase()} ${kind.toLowerCase()} sequence.`,
				i === 0 ? 0 : 2 + ((n + i) % 4),
				i === 0 ? 0 : (n * i) % 24,
				i === 0 ? 'always' : SEND_CONDITIONS[1 + ((n + i) % 4)],
				isoPlusMinutes(created, 5 * (i + 1)),
			),
		);
	}
	return {
		...DEFAULT_CAMPAIGN_SETTINGS,
		id: `cmp_gen${num}`,
		name: `${area} ${kind} ${num}`,
		description: `${kind} campaign for ${area.toLowerCase()} prospects`,
		status: STATUS_CYCLE[n % STATUS_CYCLE.length],
		sending_timezone: TIMEZONES[n % TIMEZONES.length],
		daily_send_limit: 50 + (n % 5) * 50,
		created_at: created,
		steps,
	};
}

function otherWorkspaceCampaigns(): SeedCampaign[] {
	const created1 = '2026-02-02T10:00:00Z';
	const created2 = '2026-02-20T16:45:00Z';
	return [
		{
			...DEFAULT_CAMPAIGN_SETTINGS,
			id: 'cmp_other01',
			name: 'Personal Injury Intake Drip',
			status: 'active',
			sending_timezone: 'America/Chicago',
			created_at: created1,
			steps: [
				step(
					'step_other01_1',
					0,
					'Thanks for reaching out, {{first_name}}',
					'Hi {{first_name}}, thank you for contacting us about your claim.',
					0,
					0,
					'always',
					isoPlusMinutes(created1, 5),
				),
				step(
					'step_other01_2',
					1,
					'Your free case review',
					'Hi {{first_name}}, have you had a chance to book your free case review?',
					1,
					0,
					'if_no_reply',
					isoPlusMinutes(created1, 10),
				),
			],
		},
		{
			...DEFAULT_CAMPAIGN_SETTINGS,
			id: 'cmp_other02',
			name: 'Workers Comp Draft',
			status: 'draft',
			sending_timezone: 'America/Chicago',
			created_at: created2,
			steps: [
				step(
					'step_other02_1',
					0,
					'Injured at work, {{first_name}}?',
					'Hi {{first_name}}, here is what to do in the first 30 days after a workplace injury.',
					0,
					0,
					'always',
					isoPlusMinutes(created2, 5),
				),
			],
		},
	];
}

/** A fresh deep copy of the default seed: 240 campaigns in the main workspace, 2 in the other. */
export function defaultSeed(): SeedData {
	const generated: SeedCampaign[] = [];
	for (let n = 1; n <= GENERATED_CAMPAIGN_COUNT; n++) generated.push(generatedCampaign(n));
	return {
		workspaces: [
			{
				id: MAIN_WORKSPACE_ID,
				name: 'Hartley & Cole LLP',
				campaigns: [...documentedCampaigns(), ...generated],
			},
			{
				id: OTHER_WORKSPACE_ID,
				name: 'Brennan Injury Law',
				campaigns: otherWorkspaceCampaigns(),
			},
		],
		apiKeys: [
			{
				value: SANDBOX_KEYS.full,
				name: 'Sandbox full access',
				workspaceId: MAIN_WORKSPACE_ID,
				permissions: [
					'campaigns:read',
					'campaigns:write',
					'webhooks:read',
					'webhooks:write',
					'contacts:read',
					'contacts:write',
					'write:contacts',
					'read:contacts',
					'deals:read',
					'deals:write',
					'companies:read',
					'companies:write',
					'write:enrich',
					'activities:write',
					'lexi',
					'write:ai',
				],
				expiresAt: null,
			},
			{
				value: SANDBOX_KEYS.readOnly,
				name: 'Sandbox read only',
				workspaceId: MAIN_WORKSPACE_ID,
				permissions: ['campaigns:read'],
				expiresAt: null,
			},
			{
				value: SANDBOX_KEYS.writeOnly,
				name: 'Sandbox write only',
				workspaceId: MAIN_WORKSPACE_ID,
				permissions: ['campaigns:write'],
				expiresAt: null,
			},
			{
				value: SANDBOX_KEYS.none,
				name: 'Sandbox no permissions',
				workspaceId: MAIN_WORKSPACE_ID,
				permissions: [],
				expiresAt: null,
			},
			{
				value: SANDBOX_KEYS.expired,
				name: 'Sandbox expired',
				workspaceId: MAIN_WORKSPACE_ID,
				permissions: ['campaigns:read', 'campaigns:write'],
				expiresAt: '2025-01-01T00:00:00Z',
			},
			{
				value: SANDBOX_KEYS.coarseReadWrite,
				name: 'Sandbox coarse read/write',
				workspaceId: MAIN_WORKSPACE_ID,
				permissions: ['read', 'write'],
				expiresAt: null,
			},
			{
				value: SANDBOX_KEYS.otherWorkspace,
				name: 'Sandbox other workspace',
				workspaceId: OTHER_WORKSPACE_ID,
				permissions: ['campaigns:read', 'campaigns:write', 'webhooks:read', 'webhooks:write'],
				expiresAt: null,
			},
			{
				value: SANDBOX_KEYS.webhooksReadOnly,
				name: 'Sandbox webhooks read only',
				workspaceId: MAIN_WORKSPACE_ID,
				permissions: ['campaigns:read', 'webhooks:read'],
				expiresAt: null,
			},
		],
	};
}
