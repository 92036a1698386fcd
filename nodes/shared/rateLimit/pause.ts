import * as n8nWorkflow from 'n8n-workflow';

type AbortableSleep = (ms: number, signal: AbortSignal) => Promise<void>;

/** The longest delay a timer takes (about 24.8 days): a longer one would fire at once. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

async function sleepOnce(ms: number, signal?: AbortSignal): Promise<void> {
	const legacy = (n8nWorkflow as unknown as { sleepWithAbort?: AbortableSleep }).sleepWithAbort;
	if (signal && typeof legacy === 'function') return await legacy(ms, signal);
	return await (
		n8nWorkflow.sleep as unknown as (ms: number, signal?: AbortSignal) => Promise<void>
	)(ms, signal);
}

/**
 * Waits `ms`, or rejects as soon as `signal` aborts (the execution was cancelled).
 * The node runs on the user's own n8n-workflow: 1.x exports `sleepWithAbort` and a `sleep` that
 * takes no signal; 2.x dropped `sleepWithAbort` and gave `sleep` the signal.
 */
export async function pause(ms: number, signal?: AbortSignal): Promise<void> {
	if (!(ms > 0) && !signal?.aborted) return;
	let left = Number.isFinite(ms) ? Math.max(0, ms) : LONGEST_TIMER_MS;
	do {
		const step = Math.min(left, LONGEST_TIMER_MS);
		await sleepOnce(step, signal);
		left -= step;
	} while (left > 0);
}
