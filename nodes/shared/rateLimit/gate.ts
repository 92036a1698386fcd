import { pause } from './pause';

/**
 * One queue per LeadLex workspace connection, shared by every item (and every execution) in this
 * n8n process. Items run freely until LeadLex answers 429; from then on they take turns, one
 * request at a time, starting when the limit window ends. Sequential retries fit the limit by
 * construction: at most one of them is refused per window, instead of every waiting item at once.
 */
export class RateLimitGate {
	private tail: Promise<void> = Promise.resolve();

	private waiters = 0;

	/** No request of this gate starts before this time (ms since epoch). */
	private readyAt = 0;

	/** Whether new requests must queue (a 429 was seen and retries are still waiting). */
	get throttled(): boolean {
		return this.waiters > 0 || this.readyAt > Date.now();
	}

	holdUntil(time: number): void {
		this.readyAt = Math.max(this.readyAt, time);
	}

	/**
	 * Waits for this item's turn, then until the window ends. Resolves with a function that gives
	 * the turn to the next item, or rejects when `deadline` passes or `signal` aborts.
	 */
	async acquire(deadline: number, signal?: AbortSignal): Promise<() => void> {
		const previous = this.tail;
		let release!: () => void;
		this.tail = new Promise<void>((resolve) => (release = resolve));
		this.waiters++;
		const done = () => {
			this.waiters--;
			release();
		};
		let acquired = false;
		try {
			await waitFor(previous, deadline, signal);
			if (this.readyAt > deadline) throw new WaitBudgetExceeded();
			await pause(this.readyAt - Date.now(), signal);
			acquired = true;
			return done;
		} finally {
			// An item that gives up must not hold up the ones queued behind it.
			if (!acquired) void previous.then(done, done);
		}
	}
}

export class WaitBudgetExceeded extends Error {
	constructor() {
		super('The rate-limit wait would exceed its budget');
	}
}

async function waitFor(turn: Promise<void>, deadline: number, signal?: AbortSignal): Promise<void> {
	const timer = new AbortController();
	const onAbort = () => timer.abort();
	signal?.addEventListener('abort', onAbort, { once: true });
	try {
		await Promise.race([
			turn,
			pause(deadline - Date.now(), timer.signal).then(
				() => {
					throw new WaitBudgetExceeded();
				},
				() => {
					if (signal?.aborted) throw signal.reason ?? new Error('aborted');
				},
			),
		]);
	} finally {
		signal?.removeEventListener('abort', onAbort);
		timer.abort();
	}
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
