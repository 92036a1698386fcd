/* eslint-disable @n8n/community-nodes/no-restricted-imports */
/**
 * What the contact and list contract tests share: a sandbox on a settable clock with no rate
 * limits, extra keys for the contact scopes, a plain-fetch client, and every webhook event the
 * requests fired (a webhook subscribed to all 29 events, delivered to a local receiver).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import {
	defaultSeed,
	MAIN_WORKSPACE_ID,
	OTHER_WORKSPACE_ID,
	startSandbox,
	WEBHOOK_EVENTS,
	type Permission,
	type Sandbox,
	type SeedData,
} from './server';

export const T0 = Date.UTC(2026, 3, 20, 9, 0, 0, 0); // 2026-04-20T09:00:00Z
export const JANE = '123e4567-e89b-12d3-a456-426614174000';

/** Test-only keys (added to the default seed here; the demo keys stay as they are). */
export const TEST_KEYS = {
	contactsRead: 'wbk_test_contacts_read_0000000000000001',
	contactsWrite: 'wbk_test_contacts_write_000000000000002',
	otherContacts: 'wbk_test_contacts_other_000000000000003',
	/** The older coarse read and write, on the second workspace (crm.test.ts). */
	otherCoarse: 'wbk_test_coarse_other_0000000000000004',
};

function seedWithContactKeys(): SeedData {
	const seed = defaultSeed();
	const key = (value: string, workspaceId: string, permissions: Permission[]) => ({
		value,
		name: value,
		workspaceId,
		permissions,
		expiresAt: null,
	});
	seed.apiKeys.push(
		key(TEST_KEYS.contactsRead, MAIN_WORKSPACE_ID, ['contacts:read']),
		key(TEST_KEYS.contactsWrite, MAIN_WORKSPACE_ID, ['contacts:read', 'contacts:write']),
		key(TEST_KEYS.otherContacts, OTHER_WORKSPACE_ID, [
			'contacts:read',
			'contacts:write',
			'write:contacts',
		]),
		key(TEST_KEYS.otherCoarse, OTHER_WORKSPACE_ID, ['read', 'write']),
	);
	return seed;
}

export interface Answer {
	status: number;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON of any shape
	json: any;
}

export interface FiredEvent {
	event: string;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the event's data, any shape
	data: any;
}

export interface ContractSandbox {
	sb: Sandbox;
	/** Sets the sandbox clock (ms since the epoch); `reset()` puts it back to T0. */
	setNow(ms: number): void;
	call(
		method: string,
		path: string,
		body?: unknown,
		key?: string,
		headers?: Record<string, string>,
	): Promise<Answer>;
	/** The webhook events fired since the last reset, in order. */
	events(): FiredEvent[];
	/** Seed back, clock at T0, the all-events webhook registered again. */
	reset(): Promise<void>;
	close(): Promise<void>;
}

export async function startContractSandbox(): Promise<ContractSandbox> {
	let clock = T0;
	const receiver = http.createServer((req, res) => {
		req.resume();
		req.on('end', () => res.end('{}'));
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
	const sb = await startSandbox({
		now: () => clock,
		seed: seedWithContactKeys(),
		perWindowLimit: 0,
		dailyLimit: 0,
		allowLoopbackWebhooks: true,
	});

	async function call(
		method: string,
		path: string,
		body?: unknown,
		key = sb.keys.full,
		headers: Record<string, string> = {},
	): Promise<Answer> {
		const res = await fetch(`${sb.url}${path}`, {
			method,
			headers: {
				Authorization: `Bearer ${key}`,
				...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
				...headers,
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return { status: res.status, json: await res.json() };
	}

	return {
		sb,
		setNow(ms) {
			clock = ms;
		},
		call,
		events() {
			return sb.deliveries.map((delivery) => {
				const { event, data } = JSON.parse(delivery.body) as FiredEvent;
				return { event, data };
			});
		},
		async reset() {
			await sb.deliveriesSettled();
			sb.reset();
			clock = T0;
			const hook = await call('POST', '/v1/webhooks', {
				url: receiverUrl,
				events: [...WEBHOOK_EVENTS],
			});
			if (hook.status !== 201) throw new Error(`webhook not registered: ${hook.status}`);
			sb.requests.length = 0;
		},
		async close() {
			await sb.deliveriesSettled();
			await sb.close();
			receiver.closeAllConnections();
			await new Promise<void>((resolve) => receiver.close(() => resolve()));
		},
	};
}
