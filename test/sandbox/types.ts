/**
 * Public types of the LeadLex sandbox. server.ts re-exports all of them; import from there.
 */
import type { ContactList } from './activity';
import type { Contact } from './contacts';
import type { ActivityRecord, Company, NoteRecord, TaskRecord } from './crm';
import type { Campaign, SandboxKeys, SeedData, Step } from './seed';

export type SandboxProfile = 'full' | 'docs-only';

export interface SandboxOptions {
	host?: string;
	port?: number;
	basePath?: string;
	profile?: SandboxProfile;
	perWindowLimit?: number;
	windowMs?: number;
	dailyLimit?: number;
	latencyMs?: number;
	seed?: SeedData;
	now?: () => number;
	/**
	 * Accept webhook targets on this machine (`http://127.0.0.1:<port>/...`, `localhost`, `[::1]`),
	 * e.g. a local n8n. Off by default: like LeadLex, only public https:// URLs are accepted.
	 */
	allowLoopbackWebhooks?: boolean;
	/** Waits before each retry of a failed delivery; default LeadLex's 5 s, 30 s, 5 min, 1 h, 6 h. */
	webhookRetryDelaysMs?: number[];
	/** How long a delivery attempt may take before it counts as failed; default 10 s. */
	webhookTimeoutMs?: number;
	/**
	 * The literal reading of the docs: a new X-LeadLex-Delivery-ID on every attempt. Default false:
	 * one ID per event and webhook, the same on every retry (see webhooks.ts).
	 */
	deliveryIdPerAttempt?: boolean;
}

/** A registered webhook, secret included (the API returns the secret only on create). */
export interface WebhookRecord {
	id: string;
	url: string;
	events: string[];
	description: string;
	active: boolean;
	secret: string;
	created_at: string;
	updated_at?: string;
	last_delivery_status: 'success' | 'failed' | null;
	last_delivery_at: string | null;
}

/** One delivery attempt the sandbox made (or is making). */
export interface DeliveryAttempt {
	webhookId: string;
	url: string;
	event: string;
	/** The X-LeadLex-Delivery-ID sent (after overrides), '' when removed. */
	deliveryId: string;
	/** 1 for the first attempt, 2 for the first retry, ... */
	attempt: number;
	/** Sandbox clock when the attempt was sent. */
	at: number;
	/** The headers sent, after overrides. */
	headers: Record<string, string>;
	/** The body bytes sent, as UTF-8 text. */
	body: string;
	/** HTTP status received; 0 while pending and when no answer came (see `error`). */
	status: number;
	/** What went wrong without an answer: a connection error or `timeout`. */
	error?: string;
	/** The answer's body, cut at 2,000 characters. */
	responseBody?: string;
	/** When the next retry is due (sandbox clock), if one is scheduled. */
	retryAt?: number;
}

/** `emitEvent` / `POST /__sandbox/webhooks/emit`. */
export interface EmitOptions {
	/** A documented event name (29 accepted, see webhooks.ts). */
	event: string;
	/** The envelope's `data`; default `{}`. Ignored when `body` is given. */
	data?: unknown;
	/** The workspace (ID or key); default the main one. */
	workspace?: string;
	/**
	 * Deliver to this webhook only, whatever its events and active flag. Without it the event goes
	 * to every active webhook of the workspace that subscribed to it.
	 */
	webhookId?: string;
	/** The exact body bytes (UTF-8 text) instead of the standard envelope; still signed. */
	body?: string;
	/** Header overrides for every attempt ('' removes a header), e.g. a wrong signature. */
	headers?: Record<string, string>;
	/** Retry on failure as LeadLex does; default true. */
	retry?: boolean;
}

export interface RecordedRequest {
	method: string;
	/** req.url exactly as received, query included. */
	rawPath: string;
	/** rawPath without the base path and the query (not decoded). */
	path: string;
	headers: Record<string, string | string[] | undefined>;
	/**
	 * The request body as received (UTF-8 text), for any method. Absent when no body bytes
	 * arrived; cut at 1 MB (MAX_BODY_BYTES) for a larger body.
	 */
	body?: string;
	/** Status sent; 0 while pending, and for 'reset'/'hang'/'lostAnswer' faults. */
	status: number;
	at: number;
	requestId: string;
}

export type Fault =
	| {
			type: 'response';
			status: number;
			body: string;
			contentType?: string;
			/** Any headers, e.g. `Location` for a 3xx; '' removes a standard header. */
			headers?: Record<string, string>;
	  }
	| { type: 'reset' }
	| { type: 'truncated'; status?: number; body: string }
	| { type: 'hang' }
	| { type: 'delay'; ms: number }
	/** A hostile server: sends the status and headers, then `chunk` every `intervalMs`, never ending. */
	| { type: 'drip'; status?: number; intervalMs: number; chunk?: string }
	/** A hostile server: sends the status and headers, then a body that never ends, as fast as it can. */
	| { type: 'endless'; status?: number }
	/**
	 * The request is handled as usual (state changes, events fire, quota is used), then the
	 * connection is destroyed before any byte of the answer: the change happened, the client
	 * never hears of it. Recorded with status 0.
	 */
	| { type: 'lostAnswer' };

export interface FaultMatch {
	method?: string;
	/** Substring of the raw URL (base path and query included). */
	pathIncludes?: string;
}

export type TunableOptions = Pick<
	Required<SandboxOptions>,
	'perWindowLimit' | 'windowMs' | 'dailyLimit' | 'latencyMs' | 'profile'
>;

/** A campaign as returned by `campaigns()`: its fields plus the current step count. */
export type CampaignState = Campaign & { step_count: number };

export interface Sandbox {
	url: string;
	origin: string;
	keys: SandboxKeys;
	requests: RecordedRequest[];
	/** Current campaigns (copies) in seed order; default workspace = the first one of the seed. */
	campaigns(workspaceId?: string): CampaignState[];
	/** Current steps (copies) in index order; [] when the campaign does not exist. */
	steps(campaignId: string, workspaceId?: string): Step[];
	/** Current contacts (copies, note records included); default the main workspace. */
	contacts(workspaceKeyOrId?: string): Contact[];
	/** Current contact lists (copies, members included) in creation order. */
	lists(workspaceKeyOrId?: string): ContactList[];
	/** Companies, and the notes, tasks and activities created (copies), and the credits left. */
	crm(workspaceKeyOrId?: string): {
		companies: Company[];
		notes: NoteRecord[];
		tasks: TaskRecord[];
		activities: ActivityRecord[];
		enrichCredits: number;
	};
	/**
	 * Sets the workspace's credits, which enrichment and duplicate detection share (0: both answer
	 * 402 insufficient_credits).
	 */
	setEnrichCredits(workspaceKeyOrId: string, credits: number): void;
	reset(): void;
	injectFault(fault: Fault, match?: FaultMatch, times?: number): void;
	/**
	 * Shorthand for a one-time 'response' fault with the standard error envelope
	 * `{"error":{code, message, details?}}` (JSON, standard headers) on the next request whose
	 * method matches (case-insensitive) and whose raw URL contains `pathIncludes`.
	 * The message defaults to the documented description of the code.
	 */
	failNext(
		method: string,
		pathIncludes: string,
		status: number,
		code: string,
		message?: string,
		details?: Record<string, unknown>,
	): void;
	clearFaults(): void;
	setOptions(partial: Partial<TunableOptions>): void;
	setDailyRemaining(workspaceKeyOrId: string, remaining: number): void;
	/** Current tunable options (a copy). */
	options(): TunableOptions;
	/** The workspace's webhooks (copies, secrets included); default the main workspace. */
	webhooks(workspaceKeyOrId?: string): WebhookRecord[];
	/** Every delivery attempt since the last reset, in the order they were sent. */
	deliveries: DeliveryAttempt[];
	/** Sends an event now; resolves with the first attempts once they are answered. */
	emitEvent(options: EmitOptions): Promise<DeliveryAttempt[]>;
	/** Resolves once no delivery attempt is in flight (scheduled retries do not count). */
	deliveriesSettled(): Promise<void>;
	close(): Promise<void>;
}
