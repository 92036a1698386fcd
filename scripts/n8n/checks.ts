// Dev tooling, never packed: the check runner of the suites in real n8n.
import type { RuntimeTarget } from './runtime';
import { formatMs, info, isShuttingDown, redact, timed } from './harness';

export interface CheckResult {
	name: string;
	ok: boolean;
	detail?: string;
}

/** What every suite reports per n8n version. */
export interface TargetVerdict {
	target: RuntimeTarget;
	n8nVersion: string;
	checks: CheckResult[];
	totalMs: number;
}

/** Runs one suite's checks for one n8n version: each passes or fails with a redacted detail. */
export class CheckRunner {
	readonly checks: CheckResult[] = [];

	readonly timings: Array<[string, number]> = [];

	constructor(private readonly secrets: string[]) {}

	check(name: string, fn: () => void): boolean {
		if (isShuttingDown()) return false; // Ctrl-C: whatever fails now fails because of it
		try {
			fn();
			return this.passed(name);
		} catch (error) {
			return this.failedWith(name, error);
		}
	}

	async checkAsync(name: string, fn: () => void | Promise<void>): Promise<boolean> {
		if (isShuttingDown()) return false;
		try {
			await fn();
			return this.passed(name);
		} catch (error) {
			return this.failedWith(name, error);
		}
	}

	async step<T>(label: string, fn: () => Promise<T>): Promise<T> {
		const { value, ms } = await timed(fn);
		this.timings.push([label, ms]);
		info(`  ....  ${label} (${formatMs(ms)})`);
		return value;
	}

	get failed(): boolean {
		return this.checks.some((c) => !c.ok);
	}

	private passed(name: string): boolean {
		this.checks.push({ name, ok: true });
		info(`  PASS  ${name}`);
		return true;
	}

	private failedWith(name: string, error: unknown): boolean {
		const detail = redact(error instanceof Error ? error.message : String(error), this.secrets);
		this.checks.push({ name, ok: false, detail });
		info(`  FAIL  ${name}\n${indent(detail)}`);
		return false;
	}
}

export function indent(text: string): string {
	return text
		.split('\n')
		.map((line) => `        ${line}`)
		.join('\n');
}

/** The closing lines of a suite: one verdict per version, the total, the failed checks; the exit code. */
export function finalVerdict(reports: TargetVerdict[], startedAt: number): number {
	const failures = reports.flatMap((r) =>
		r.checks.filter((c) => !c.ok).map((c) => `${r.target}: ${c.name}`),
	);
	info('');
	for (const report of reports) {
		const passed = report.checks.filter((c) => c.ok).length;
		info(
			`${report.checks.length === passed ? 'PASS' : 'FAIL'}  ${report.target}  n8n ${report.n8nVersion}  ` +
				`${passed}/${report.checks.length} checks  ${formatMs(report.totalMs)}`,
		);
	}
	info(`Total ${formatMs(Date.now() - startedAt)}.`);
	if (failures.length === 0) return 0;
	info(`\n${failures.length} check(s) FAILED:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
	return 1;
}
