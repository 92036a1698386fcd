/** The Markdown section of BENCHMARKS.md for the benchmark in real n8n (n8n.ts). */
import type { N8nResults, Side } from './n8n';
import { VARIANT_LABELS } from './n8nWorkflows';
import { median, perRun, seconds, secondsRange, sum } from './stats';
import type { N8nRun } from './n8nStack';

const nodeTimes = (runs: N8nRun[]) => runs.map((run) => run.nodeMs);

export function n8nReport(results: N8nResults, section: string): string[] {
	const lines: string[] = [];
	lines.push(`## ${section}. In real n8n: the LeadLex node against the HTTP Request node`, '');
	lines.push(
		'| N | node | runs | executionTime median (s) | range (s) | vs HTTP Request | first request after (s) | first to last request (s) | failed items |',
		'|---:|---|---:|---:|---:|---:|---:|---:|---:|',
	);
	const sideLabels: Record<Side, string> = {
		leadlex: VARIANT_LABELS.leadlex,
		leadlexBaseline: `${VARIANT_LABELS.leadlex}, baseline build`,
		http: VARIANT_LABELS.http,
	};
	for (const row of results.unlimited) {
		const baseline = median(nodeTimes(row.runs.http ?? []));
		for (const side of Object.keys(sideLabels) as Side[]) {
			const runs = row.runs[side];
			if (!runs) continue;
			lines.push(
				`| ${row.n} | ${sideLabels[side]} | ${runs.length} | ${seconds(median(nodeTimes(runs)), 2)} | ` +
					`${secondsRange(nodeTimes(runs))} | ${(median(nodeTimes(runs)) / baseline).toFixed(2)}× | ` +
					`${seconds(median(runs.map((r) => r.firstRequestMs)), 2)} | ` +
					`${seconds(median(runs.map((r) => r.requestSpanMs)), 2)} | ${perRun(runs.map((r) => r.failedItems))} |`,
			);
		}
	}
	lines.push('');
	lines.push(
		'| node | runs | lower bound (s) | executionTime median (s) | range (s) | vs lower bound | first request after (s) | failed items | steps sent again after done | steps never deleted | node runs | 429s |',
		'|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
	);
	for (const row of results.limited) {
		const ratios = row.runs.map((run, i) => run.nodeMs / row.bounds[i]);
		lines.push(
			`| ${VARIANT_LABELS[row.variant]}${row.install === 'baseline' ? ', baseline build' : ''} | ${row.runs.length} | ${secondsRange(row.bounds)} | ` +
				`${seconds(median(nodeTimes(row.runs)), 2)} | ${secondsRange(nodeTimes(row.runs))} | ` +
				`${median(ratios).toFixed(2)}× | ${seconds(median(row.runs.map((r) => r.firstRequestMs)), 2)} | ` +
				`${perRun(row.runs.map((r) => r.failedItems))} | ${perRun(row.runs.map((r) => r.stepsSentTwice))} | ` +
				`${perRun(row.runs.map((r) => r.stepsLeft))} | ${perRun(row.runs.map((r) => r.nodeRuns))} | ` +
				`${perRun(row.runs.map((r) => r.statuses[429] ?? 0))} |`,
		);
	}
	lines.push('');
	lines.push(
		`Load (1-min average) before the runs: median ${median(results.loads).toFixed(2)}, ` +
			`${Math.min(...results.loads).toFixed(2)}–${Math.max(...results.loads).toFixed(2)}; ` +
			`${sum(results.unlimited.flatMap((r) => Object.values(r.runs).map((runs) => runs.length)))} unlimited runs; ` +
			`section time ${seconds(results.totalMs, 0)} s.`,
	);
	for (const problem of results.problems) lines.push(`* ${problem}`);
	lines.push('');
	return lines;
}
