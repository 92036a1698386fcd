/* eslint-disable @n8n/community-nodes/no-restricted-imports --
   dev tooling, never packed. */
/** What the e2e scenarios share: the sandbox's main campaign, the secrets, reading executions. */
import * as assert from 'node:assert/strict';
import {
	E2E_KEYS,
	redact,
	tail,
	type Execution,
	type NodeItem,
	type SandboxRequest,
} from '../../../scripts/n8n/harness';
import { SANDBOX_KEYS } from '../../sandbox/seed';

export const FULL_KEY = SANDBOX_KEYS.full;
/** Redacted from everything printed; the suite checks they appear nowhere in n8n. */
export const SECRETS = [FULL_KEY, E2E_KEYS.invalid];
export const CAMPAIGN = 'cmp_abc123';

export function jsonOf(items: NodeItem[]): unknown[] {
	return items.map((item) => item.json);
}

/** `METHOD path status` of each recorded request, in arrival order. */
export function requestLines(requests: SandboxRequest[]): string[] {
	return requests.map((r) => `${r.method} ${r.path} ${r.status}`);
}

/** The JSON bodies of the recorded requests with that method. */
export function sentBodies(requests: SandboxRequest[], method: string): unknown[] {
	return requests
		.filter((r) => r.method === method)
		.map((r) => (r.body === undefined ? undefined : (JSON.parse(r.body) as unknown)));
}

export function show(value: unknown): string {
	return redact(JSON.stringify(value), SECRETS);
}

/** What to print when an execution does not look as expected. */
function context(execution: Execution): string {
	return (
		`execution ${execution.workflowId}: status ${execution.status ?? '(no run printed)'}, ` +
		`exit ${execution.signal ?? execution.exitCode}, error ${JSON.stringify(execution.errorMessage)}\n` +
		redact(tail(execution.output, 15), SECRETS)
	);
}

export function expectStatus(execution: Execution, status: string): void {
	assert.ok(execution.run, `n8n printed no run JSON.\n${context(execution)}`);
	assert.equal(execution.status, status, `expected status "${status}".\n${context(execution)}`);
}
