/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals --
   dev tooling, never packed: the check runner and command line of the suites in real n8n. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RuntimeTarget } from './runtime';
import {
	formatMs,
	info,
	installSignalHandlers,
	isShuttingDown,
	makeTempDir,
	packProject,
	PROJECT_ROOT,
	redact,
	timed,
} from './harness';

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

export interface SuiteSpec<Report extends TargetVerdict> {
	/** In messages: `e2e`, `agent`, `MCP`, ... */
	name: string;
	/** The script, for the usage line: `test/e2e/run.ts`. */
	script: string;
	/** What the suite's temporary folders are called: `e2e` gives `leadlex-e2e-pack-…`. */
	slug: string;
	/** Work folders the targets make; removed (or kept with --keep) when a signal stops the run. */
	workDirs: Set<string>;
	secrets: string[];
	runTarget(target: RuntimeTarget, tarball: string, keep: boolean): Promise<Report>;
	/** The report of a target whose n8n could not be installed. */
	unavailable(target: RuntimeTarget, message: string): Report;
	printSummary(report: Report): void;
}

/**
 * A suite's command line (`[v1|v2|all] [--keep]`): packs the project once, runs each n8n version's
 * target, prints the summaries and the verdict, and exits with its code.
 */
export function runSuite<Report extends TargetVerdict>(spec: SuiteSpec<Report>): void {
	const main = async (): Promise<number> => {
		const args = process.argv.slice(2);
		const keep = args.includes('--keep');
		const choice = args.find((a) => !a.startsWith('--')) ?? 'all';
		if (!['v1', 'v2', 'all'].includes(choice)) {
			info(`usage: npx tsx ${spec.script} [v1|v2|all] [--keep]   (got "${choice}")`);
			return 2;
		}
		const targets: RuntimeTarget[] = choice === 'all' ? ['v2', 'v1'] : [choice as RuntimeTarget];
		const packDir = makeTempDir(`leadlex-${spec.slug}-pack-`);
		installSignalHandlers(() => {
			fs.rmSync(packDir, { recursive: true, force: true });
			for (const dir of spec.workDirs) {
				if (keep) info(`kept ${dir}`);
				else fs.rmSync(dir, { recursive: true, force: true });
			}
		});
		const started = Date.now();
		try {
			const packed = packProject(packDir);
			info(
				`Packed ${path.basename(packed.tarball)} (${packed.files.length} files) from ${PROJECT_ROOT}; targets: ${targets.join(', ')}`,
			);
			const reports: Report[] = [];
			for (const target of targets) {
				try {
					reports.push(await spec.runTarget(target, packed.tarball, keep));
				} catch (error) {
					// ensureRuntime failed: no n8n to test with.
					const message = error instanceof Error ? error.message : String(error);
					info(`  FAIL  ${target}: n8n runtime unavailable\n${indent(message)}`);
					reports.push(spec.unavailable(target, message));
				}
			}
			info(`\n================ ${spec.name} summary`);
			for (const report of reports) spec.printSummary(report);
			return finalVerdict(reports, started);
		} finally {
			fs.rmSync(packDir, { recursive: true, force: true });
		}
	};
	main().then(
		(code) => process.exit(code),
		(error: Error) => {
			info(`${spec.name}: ${redact(error.stack ?? error.message, spec.secrets)}`);
			process.exit(1);
		},
	);
}

/** The check that stands for a target whose n8n could not be installed. */
export function runtimeUnavailable(message: string): CheckResult[] {
	return [{ name: 'n8n runtime available', ok: false, detail: message }];
}
