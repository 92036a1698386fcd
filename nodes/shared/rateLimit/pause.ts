import * as n8nWorkflow from 'n8n-workflow';

type AbortableSleep = (ms: number, signal: AbortSignal) => Promise<void>;

/**
 * Waits `ms`, or rejects as soon as `signal` aborts (the execution was cancelled).
 * The node runs on the user's own n8n-workflow: 1.x exports `sleepWithAbort` and a `sleep` that
 * takes no signal; 2.x dropped `sleepWithAbort` and gave `sleep` the signal.
 */
export async function pause(ms: number, signal?: AbortSignal): Promise<void> {
	if (ms <= 0 && !signal?.aborted) return;
	const legacy = (n8nWorkflow as unknown as { sleepWithAbort?: AbortableSleep }).sleepWithAbort;
	if (signal && typeof legacy === 'function') return await legacy(ms, signal);
	return await (
		n8nWorkflow.sleep as unknown as (ms: number, signal?: AbortSignal) => Promise<void>
	)(Math.max(0, ms), signal);
}
