/**
 * Public types of the LeadLex sandbox. server.ts re-exports all of them; import from there.
 */
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
	/** Status sent; 0 while pending, and for 'reset'/'hang' faults. */
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
	| { type: 'delay'; ms: number };

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
	close(): Promise<void>;
}
