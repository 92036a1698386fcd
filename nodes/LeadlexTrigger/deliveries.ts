import { createHash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

/** How many accepted delivery IDs each trigger node remembers. */
export const REMEMBERED_DELIVERIES = 1000;

/** Longer delivery IDs are remembered by their SHA-256, so 1,000 of them stay small. */
const LONGEST_KEPT_ID = 128;

function keptId(deliveryId: string): string {
	return deliveryId.length <= LONGEST_KEPT_ID
		? deliveryId
		: `sha256:${createHash('sha256').update(deliveryId).digest('hex')}`;
}

/** The static-data field that mirrors the remembered IDs (oldest first). */
export const STATIC_FIELD = 'recentDeliveryIds';

/**
 * Accepted delivery IDs per trigger node (workflow ID + node ID), in this n8n process. Only n8n's
 * main process receives webhooks (also in queue mode), so this survives between deliveries; it is
 * lost on restart. n8n 1.x also saves what `webhook()` writes to static data, 2.x does not: the two
 * are merged, so whichever survived is used.
 */
const memory = new Map<string, string[]>();

function fromStatic(staticData: IDataObject): string[] {
	const stored = staticData[STATIC_FIELD];
	return Array.isArray(stored)
		? stored
				.slice(-REMEMBERED_DELIVERIES)
				.filter((id): id is string => typeof id === 'string' && id.length <= LONGEST_KEPT_ID + 7)
		: [];
}

/** The remembered IDs: the process's list, plus any from static data it does not have. */
function remembered(key: string, staticData: IDataObject): string[] {
	const inMemory = memory.get(key) ?? [];
	const known = new Set(inMemory);
	const extra = fromStatic(staticData).filter((id) => !known.has(id));
	return extra.length ? [...extra, ...inMemory].slice(-REMEMBERED_DELIVERIES) : inMemory;
}

export function deliveryKey(workflowId: string | undefined, nodeId: string): string {
	return `${workflowId ?? ''}\u0000${nodeId}`;
}

/** Whether this delivery ID was accepted recently. */
export function isRepeat(key: string, staticData: IDataObject, deliveryId: string): boolean {
	return remembered(key, staticData).includes(keptId(deliveryId));
}

/** Remembers an accepted delivery ID, in memory and in static data (bounded, oldest dropped). */
export function remember(key: string, staticData: IDataObject, deliveryId: string): void {
	const kept = keptId(deliveryId);
	const ids = remembered(key, staticData).filter((id) => id !== kept);
	ids.push(kept);
	const latest = ids.slice(-REMEMBERED_DELIVERIES);
	memory.set(key, latest);
	staticData[STATIC_FIELD] = [...latest];
}

/** Tests only: forget what this process remembered (as a restart would). */
export function forgetProcessMemory(): void {
	memory.clear();
}
