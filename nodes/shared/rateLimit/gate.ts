import { pause } from './pause';

/** How a request that went through the gate ended. */
export type TicketOutcome = 'succeeded' | 'refused' | 'failed';

/** A request's permission to go; `done` must be called once it has its answer. */
export interface Ticket {
	/** `retryAt`: for a refusal, when it may be sent again (ms since epoch). */
	done(outcome: TicketOutcome, retryAt?: number): void;
}

/**
 * LeadLex's Retry-After comes in whole seconds, so the refusals of one window can name ready
 * times up to a second apart for the same window end. Each is rounded up, so the first refusal's
 * ready time is already at or after that end: it sets the wait, and a later refusal moves the wait
 * only when it asks for more than this beyond it (another limit, a longer wait).
 */
const RETRY_AFTER_ROUNDING_MS = 1000;

interface Waiting {
	/** Items keep their place: a refused item goes back ahead of the ones behind it. */
	order: number;
	deadline: number;
	admit: (ticket: Ticket) => void;
	reject: (error: Error) => void;
}

/**
 * One queue per LeadLex workspace connection, shared by every item (and every execution) in this
 * n8n process. Items run freely until LeadLex answers 429; from then on they wait their turn. The
 * gate counts windows: a window ends when LeadLex refuses a request sent in it, and the next one
 * opens when that refusal's wait is over. When a window opens, as many waiting items go at once as
 * LeadLex accepted in the window before, plus one that finds the window's end without waiting for
 * the others' answers; if that one is accepted too, the next items go one at a time until one is
 * refused. So about one request is refused per window, and a window's requests do not wait for
 * each other's answers. (A first burst that LeadLex counted in two windows overstates one window's
 * share: the first retry window then sees more refusals, and the count after it is right again.)
 */
export class RateLimitGate {
	/** No request from the queue starts before this time (ms since epoch). */
	private readyAt = 0;

	private window = 0;

	/** Accepted requests by the window they were sent in. */
	private accepted = new Map<number, number>();

	/** Requests the current window sends at once: the window before's accepted ones, plus one. */
	private allowance = Infinity;

	/** Requests the current window has sent from the queue so far. */
	private sent = 0;

	/** Windows in a row that ended without LeadLex accepting any request: it keeps refusing. */
	private emptyWindows = 0;

	private inFlight = 0;

	private queue: Waiting[] = [];

	private nextOrder = 0;

	/** The timer that dispatches when the current wait ends; cancelled once nobody waits. */
	private wake?: { at: number; controller: AbortController };

	/** Whether new requests must queue (a 429 was seen and items are still waiting for it). */
	get throttled(): boolean {
		return this.queue.length > 0 || this.readyAt > Date.now();
	}

	/** How many windows in a row LeadLex refused everything (0 once it accepts a request). */
	get refusedWindows(): number {
		return this.emptyWindows;
	}

	/** A place in the queue, kept across an item's retries. */
	takeOrder(): number {
		return this.nextOrder++;
	}

	/** For a request that need not queue: counted, but never waits. */
	pass(): Ticket {
		// An idle gate starts afresh: what it learned about earlier windows no longer applies.
		if (this.queue.length === 0 && this.inFlight === 0 && this.allowance !== Infinity) {
			this.openNextWindow();
			this.allowance = Infinity;
			this.emptyWindows = 0;
		}
		return this.ticket(this.window);
	}

	/**
	 * Waits for this item's turn. Resolves with its ticket, or rejects when `deadline` passes (or
	 * the window opens too late for it) or `signal` aborts.
	 */
	async admit(order: number, deadline: number, signal?: AbortSignal): Promise<Ticket> {
		if (this.readyAt > deadline) throw new WaitBudgetExceeded();
		if (signal?.aborted) throw abortError(signal);
		const timer = new AbortController();
		try {
			return await new Promise<Ticket>((resolve, reject) => {
				const entry: Waiting = {
					order,
					deadline,
					admit: resolve,
					reject: (error) => {
						this.queue = this.queue.filter((other) => other !== entry);
						if (this.queue.length === 0) this.cancelWake();
						reject(error);
					},
				};
				const at = this.queue.findIndex((other) => other.order > order);
				this.queue.splice(at === -1 ? this.queue.length : at, 0, entry);
				signal?.addEventListener('abort', () => entry.reject(abortError(signal)), {
					once: true,
					signal: timer.signal,
				});
				pause(deadline - Date.now(), timer.signal).then(
					() => entry.reject(new WaitBudgetExceeded()),
					() => {},
				);
				this.dispatch();
			});
		} finally {
			timer.abort();
		}
	}

	private ticket(window: number): Ticket {
		this.inFlight++;
		let done = false;
		return {
			done: (outcome, retryAt = Date.now()) => {
				if (done) return;
				done = true;
				this.inFlight--;
				if (outcome === 'succeeded') {
					this.accepted.set(window, (this.accepted.get(window) ?? 0) + 1);
					this.emptyWindows = 0;
				}
				if (outcome === 'refused') this.refused(window, retryAt);
				this.dispatch();
			},
		};
	}

	/** A refusal of a request sent in the current window ends it; the next opens at readyAt. */
	private refused(window: number, retryAt: number): void {
		if (window === this.window) {
			this.readyAt = Math.max(this.readyAt, retryAt);
			this.emptyWindows = this.accepted.get(window) ? 0 : this.emptyWindows + 1;
			this.openNextWindow();
		} else if (retryAt > this.readyAt + RETRY_AFTER_ROUNDING_MS) {
			this.readyAt = retryAt;
		}
	}

	private openNextWindow(): void {
		this.accepted.delete(this.window - 1);
		this.window++;
		this.allowance = 0;
		this.sent = 0;
	}

	/** Lets waiting items go: the window's allowance at once, then one at a time. */
	private dispatch(): void {
		if (this.queue.length === 0) return;
		if (this.readyAt > Date.now()) {
			this.wakeUpAt(this.readyAt);
			return;
		}
		if (this.allowance === 0) this.allowance = (this.accepted.get(this.window - 1) ?? 0) + 1;
		while (this.queue.length > 0 && (this.sent < this.allowance || this.inFlight === 0)) {
			if (this.sent >= this.allowance) this.allowance++;
			this.sent++;
			const next = this.queue.shift()!;
			next.admit(this.ticket(this.window));
		}
		if (this.queue.length === 0) this.cancelWake();
	}

	private wakeUpAt(time: number): void {
		if (this.wake?.at === time) return;
		this.cancelWake();
		const controller = new AbortController();
		this.wake = { at: time, controller };
		pause(time - Date.now(), controller.signal).then(
			() => {
				if (this.wake?.controller === controller) this.wake = undefined;
				this.dispatch();
			},
			() => {},
		);
	}

	private cancelWake(): void {
		this.wake?.controller.abort();
		this.wake = undefined;
	}
}

export class WaitBudgetExceeded extends Error {
	constructor() {
		super('The rate-limit wait would exceed its budget');
	}
}

function abortError(signal: AbortSignal): Error {
	return signal.reason instanceof Error ? signal.reason : new Error('aborted');
}

const gates = new Map<string, RateLimitGate>();

export function gateFor(key: string): RateLimitGate {
	let gate = gates.get(key);
	if (!gate) {
		gate = new RateLimitGate();
		gates.set(key, gate);
	}
	return gate;
}
