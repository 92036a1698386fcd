/* eslint-disable @n8n/community-nodes/no-restricted-globals --
   dev tooling, never packed: what the queue-mode scenarios share. */
import { CheckRunner } from '../../scripts/n8n/checks';
import { info, redact, type ExecutionSummary } from '../../scripts/n8n/harness';
import type { RedisEntry } from '../../scripts/n8n/services';
import type { QueueStack } from './stack';

/** The checks of one suite run, plus what it observed and measured (printed at the end). */
export class QueueRun extends CheckRunner {
	readonly observations: string[] = [];

	readonly figures: string[] = [];

	/** Redacted from everything printed; scenarios add secrets as they learn them. */
	constructor(readonly redactions: string[]) {
		super(redactions);
	}

	observe(text: string): void {
		const clean = redact(text, this.redactions);
		this.observations.push(clean);
		info(`  NOTE  ${clean}`);
	}

	figure(text: string): void {
		this.figures.push(text);
		info(`  ....  ${text}`);
	}
}

export interface Context {
	t: QueueRun;
	stack: QueueStack;
	apiKey: string;
	/** The webhook secret, once scenario B registered the webhook. */
	webhookSecret?: string;
	/** Step IDs scenario A deleted: they pass through Redis and PostgreSQL (a positive control). */
	deletedStepIds: string[];
	/** Redis's keys and values while scenario A's executions ran (a snapshot mid-run). */
	redisDuringRun?: RedisEntry[];
	/** While the trigger was active (scenario B): Redis's keys and values, and a pg_dump. */
	whileActive?: { redis: RedisEntry[]; pgDump: string };
	/** --rounds N: how many times scenario A measures 2 workers, then 1. */
	rounds: number;
	/** --break: one check is made to fail on purpose (to see the suite fail and clean up). */
	breakOnPurpose: boolean;
}

export interface Scenario {
	id: string;
	title: string;
	run(ctx: Context): Promise<void>;
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

export function show(ctx: Context, value: unknown): string {
	return redact(JSON.stringify(value) ?? String(value), ctx.t.redactions);
}

export const UNFINISHED = ['new', 'running', 'waiting', 'queued'];

export function finished(list: ExecutionSummary[]): boolean {
	return list.every((e) => !UNFINISHED.includes(e.status));
}
