/** The Markdown section of BENCHMARKS.md for the benchmark in real n8n (n8n.ts). */
import type { LimitedRow, N8nResults, Side } from './n8n';
import type { N8nRun } from './n8nStack';
import { VARIANT_LABELS } from './n8nWorkflows';
import { median, perRun, seconds, secondsRange, sum } from './stats';

const nodeTimes = (runs: N8nRun[]) => runs.map((run) => run.nodeMs);

/** Failed items per run; a run whose node failed (On Error "Stop") has no output items at all. */
const failedText = (runs: N8nRun[]) =>
	runs.every((run) => !run.succeeded)
		? 'all: the node failed'
		: perRun(runs.map((run) => run.failedItems));
const ratio = (value: number) => `${value.toFixed(2)}×`;

const SIDE_LABELS: Record<Side, string> = {
	leadlex: 'LeadLex node',
	leadlexBaseline: 'LeadLex node, baseline build',
	http: 'HTTP Request',
};

function rowLabel(row: LimitedRow): string {
	const label = row.variant === 'leadlex' ? 'LeadLex node' : VARIANT_LABELS[row.variant];
	return row.install === 'baseline' ? `${label}, baseline build` : label;
}

const windowLabel = ({ windowMs }: { windowMs: number }) =>
	windowMs >= 60_000 ? `${windowMs / 60_000} min` : `${windowMs / 1000} s`;

/** Median over the runs of each run's time divided by its own lower bound. */
const boundRatio = (row: LimitedRow) =>
	median(row.runs.map((run, i) => run.nodeMs / Math.max(1, row.bounds[i])));

export function n8nReport(results: N8nResults, section: string): string[] {
	const { plan } = results;
	const baselineBuild = results.baseline
		? ` "Baseline build" is ${results.baselineLabel ?? `\`${results.baseline.replace(/^.*\//, '')}\``}, another build of this package given as LEADLEX_BENCH_BASELINE, installed in its own n8n user folder and run in the same alternation.`
		: '';
	const lines: string[] = [
		`## ${section}. In real n8n: the LeadLex node against the HTTP Request node`,
		'',
		`n8n ${results.n8nVersion} from the runtime cache (\`scripts/n8n/runtime.ts\`: Node.js 24, SQLite, its default \`vm\``,
		'expression engine), the packed package installed into a user folder as users install it. Every run is one',
		'`n8n execute --rawOutput` of a workflow Manual Trigger → Edit Fields (the targets) → Split Out → the node under',
		"test, so every run is a fresh n8n process, like the first run after a restart. Times are the node's own",
		'`executionTime` from n8n\'s run data; "first request after" is from the node\'s `startTime` to the first request the',
		'sandbox received, "first to last request" the time between the first and the last. The sandbox runs in the',
		"benchmark's process on 127.0.0.1 (n8n, the sandbox and the script share the 2 cores); it is reset before every run.",
		'HTTP Request is configured as a careful user would: version 4.5, DELETE',
		'`<Base URL>/v1/campaigns/{{ $json.campaign }}/steps/{{ $json.step }}`, Authentication "Generic Credential Type" →',
		'Bearer Auth (a predefined `httpBearerAuth` credential holding the key). The LeadLex node runs Campaign Step →',
		'Delete with both IDs by expression and default options. Both nodes use On Error "Continue", so that failed items',
		'are counted (it changes nothing for items that succeed), except where a row says otherwise.',
		`Runs alternate (each round starts with the next side)${plan.warmUp ? ', after one unreported warm-up run of each side' : ''};`,
		`medians of ${plan.repeats} runs, ranges from the fastest to the slowest run.${baselineBuild}`,
		'',
		'### Without a limit',
		'',
		'| N | node | runs | executionTime, median (s) | range (s) | vs HTTP Request | first request after (s) | first to last request (s) | failed items |',
		'|---:|---|---:|---:|---:|---:|---:|---:|---:|',
	];
	for (const row of results.unlimited) {
		const reference = median(nodeTimes(row.runs.http ?? []));
		for (const side of Object.keys(SIDE_LABELS) as Side[]) {
			const runs = row.runs[side];
			if (!runs) continue;
			lines.push(
				`| ${row.n} | ${SIDE_LABELS[side]} | ${runs.length} | ${seconds(median(nodeTimes(runs)), 2)} | ` +
					`${secondsRange(nodeTimes(runs))} | ${ratio(median(nodeTimes(runs)) / reference)} | ` +
					`${seconds(median(runs.map((r) => r.firstRequestMs)), 2)} | ` +
					`${seconds(median(runs.map((r) => r.requestSpanMs)), 2)} | ${perRun(runs.map((r) => r.failedItems))} |`,
			);
		}
	}
	if (results.contactUpdates.length) {
		lines.push(
			'',
			'### Contact → Update',
			'',
			'The same alternation and warm-up, in the same n8n: N contacts found through `GET /v1/contacts` (the first N the',
			'API pages, oldest first), each item carrying a contact ID and a new job title no seeded contact has. The LeadLex',
			'node runs Contact → Update, Contact By ID `={{ $json.id }}`, Update Fields → Job Title `={{ $json.title }}`,',
			'default options; HTTP Request (4.5, the same Bearer Auth credential) sends `PATCH <Base URL>/v1/contacts/{{ $json.id }}`',
			'with Send Body → JSON, Body Parameters `job_title` = `={{ $json.title }}`: the same request with the same body.',
			'Both use On Error "Continue". After every run the script reads the sandbox: "job titles changed" counts the N',
			'contacts that hold their new title (the sandbox is reset before each run), "PATCHes as expected" the requests',
			'that carried exactly `{"job_title": <that title>}` and the Bearer key for one of the N contacts, out of all PATCHes;',
			'a run short of N in any of them is listed under "Problems seen in this run" (it would be measuring failures).',
			'',
			'| N | node | runs | executionTime, median (s) | range (s) | vs HTTP Request | first request after (s) | first to last request (s) | failed items | job titles changed | PATCHes as expected |',
			'|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
		);
		for (const row of results.contactUpdates) {
			const reference = median(nodeTimes(row.runs.http ?? []));
			for (const side of Object.keys(SIDE_LABELS) as Side[]) {
				const runs = row.runs[side];
				if (!runs) continue;
				lines.push(
					`| ${row.n} | ${SIDE_LABELS[side]} | ${runs.length} | ${seconds(median(nodeTimes(runs)), 2)} | ` +
						`${secondsRange(nodeTimes(runs))} | ${ratio(median(nodeTimes(runs)) / reference)} | ` +
						`${seconds(median(runs.map((r) => r.firstRequestMs)), 2)} | ` +
						`${seconds(median(runs.map((r) => r.requestSpanMs)), 2)} | ${perRun(runs.map((r) => r.failedItems))} | ` +
						`${perRun(runs.map((r) => r.contactsChanged))} | ` +
						`${perRun(runs.map((r) => `${r.patchesAsExpected} / ${r.patches}`))} |`,
				);
			}
		}
	}
	lines.push(
		'',
		'### With a per-window limit',
		'',
		'The sandbox accepts the given number of requests per fixed window (aligned to multiples of its length) and',
		'answers the rest 429 with Retry-After in whole seconds. A Wait node before the node under test holds the items',
		'until 5 ms into a fresh window. "Lower bound" is the earliest any client could finish, from the node\'s actual',
		'start: the last delete cannot go before the (ceil(N / limit) − 1)-th next window opens; "vs lower bound" is the',
		'median of each run\'s time over its own bound. "Sent again after done": steps that got more than one answer other',
		'than 429 (a delete repeated after it had been done, answered 404); "never deleted": steps still there after the',
		'run; "most requests for one step" counts 429s too (Retry On Fail re-runs the whole node when it fails).',
		'',
		'| limit | N | node | runs | lower bound (s) | executionTime, median (s) | range (s) | vs lower bound | first request after (s) | failed items | sent again after done | never deleted | most requests for one step | 429s |',
		'|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
	);
	for (const row of results.limited) {
		lines.push(
			`| ${row.window.limit} / ${windowLabel(row.window)} | ${row.n} | ${rowLabel(row)} | ${row.runs.length} | ` +
				`${secondsRange(row.bounds)} | ${seconds(median(nodeTimes(row.runs)), 2)} | ` +
				`${secondsRange(nodeTimes(row.runs))} | ${ratio(boundRatio(row))} | ` +
				`${seconds(median(row.runs.map((r) => r.firstRequestMs)), 2)} | ` +
				`${failedText(row.runs)} | ${perRun(row.runs.map((r) => r.stepsSentTwice))} | ` +
				`${perRun(row.runs.map((r) => r.stepsLeft))} | ${perRun(row.runs.map((r) => r.mostRequestsForOneStep))} | ` +
				`${perRun(row.runs.map((r) => r.statuses[429] ?? 0))} |`,
		);
	}
	const runCount =
		sum(
			[...results.unlimited, ...results.contactUpdates].flatMap((r) =>
				Object.values(r.runs).map((runs) => runs.length),
			),
		) + sum(results.limited.map((row) => row.runs.length));
	lines.push(
		'',
		`${runCount} reported runs${plan.warmUp ? ' (plus warm-ups)' : ''}; the 1-minute load average before each run: median ` +
			`${median(results.loads).toFixed(2)}, ${Math.min(...results.loads).toFixed(2)}–${Math.max(...results.loads).toFixed(2)} ` +
			`(the runs themselves keep one core busy); section time ${seconds(results.totalMs, 0)} s.`,
		'',
	);
	return lines;
}

const secondsText = (ms: number) => `${seconds(ms, 2)} s`;

/** The interpretation bullets for section 5, from this run's figures. */
export function n8nInterpretation(results: N8nResults): string[] {
	const lines: string[] = [];
	const unlimited = results.unlimited.map((row) => {
		const of = (side: Side) => median(nodeTimes(row.runs[side] ?? []));
		const firstOf = (side: Side) => median((row.runs[side] ?? []).map((r) => r.firstRequestMs));
		const spanOf = (side: Side) => median((row.runs[side] ?? []).map((r) => r.requestSpanMs));
		return { row, of, firstOf, spanOf };
	});
	if (unlimited.length) {
		lines.push(
			`* **Real n8n, no limit.** The LeadLex node took ${unlimited
				.map(
					({ row, of }) =>
						`${ratio(of('leadlex') / of('http'))} the time of HTTP Request at N=${row.n} (${secondsText(of('leadlex'))} against ${secondsText(of('http'))})`,
				)
				.join(', ')}, medians of runs in the same alternation.`,
		);
		if (results.baseline) {
			lines.push(
				`  The baseline build took ${unlimited
					.map(
						({ row, of }) =>
							`${ratio(of('leadlexBaseline') / of('http'))} (N=${row.n}, ${secondsText(of('leadlexBaseline'))})`,
					)
					.join(', ')}; this build is ${unlimited
					.map(
						({ row, of }) => `${ratio(of('leadlexBaseline') / of('leadlex'))} faster at N=${row.n}`,
					)
					.join(', ')}.`,
			);
		}
		lines.push(
			"  The two spend their time differently. n8n's declarative engine prepares every item (resolving the node's",
			'  parameters, expressions included) before the first request leaves, then sends them all at once: first request',
			`  after ${unlimited.map(({ row, firstOf }) => `${secondsText(firstOf('leadlex'))} (N=${row.n})`).join(', ')}, then ${unlimited
				.map(({ row, spanOf }) => `${secondsText(spanOf('leadlex'))} (N=${row.n})`)
				.join(
					', ',
				)} from the first to the last request. HTTP Request waits for its credential read once per item,`,
			`  so its requests leave while later items are prepared (first after ${unlimited
				.map(({ firstOf }) => secondsText(firstOf('http')))
				.join(
					', ',
				)}, spread over ${unlimited.map(({ spanOf }) => secondsText(spanOf('http'))).join(', ')}).`,
			"  Each run is a fresh n8n process, so each pays n8n's cold start (compiling each distinct expression once, JIT);",
			'  a long-running n8n pays that once.',
		);
		const [small, large] = unlimited;
		if (small && large && large.row.n > small.row.n) {
			const perItem = (side: Side) =>
				(large.of(side) - small.of(side)) / (large.row.n - small.row.n);
			lines.push(
				`  Per extra item, from N=${small.row.n} to N=${large.row.n}: LeadLex node ${perItem('leadlex').toFixed(1)} ms, HTTP Request ${perItem('http').toFixed(1)} ms` +
					(results.baseline
						? `, baseline build ${perItem('leadlexBaseline').toFixed(1)} ms.`
						: '.'),
			);
		}
	}
	for (const row of results.contactUpdates) {
		const of = (side: Side) => median(nodeTimes(row.runs[side] ?? []));
		const firstOf = (side: Side) => median((row.runs[side] ?? []).map((r) => r.firstRequestMs));
		const spanOf = (side: Side) => median((row.runs[side] ?? []).map((r) => r.requestSpanMs));
		const all = [...(row.runs.leadlex ?? []), ...(row.runs.http ?? [])];
		const complete = all.every(
			(r) =>
				r.contactsChanged === row.n &&
				r.patchesAsExpected === row.n &&
				r.patches === row.n &&
				r.failedItems === 0,
		);
		lines.push(
			`* **Real n8n, Contact → Update, N=${row.n}.** The LeadLex node took ${ratio(of('leadlex') / of('http'))} the time of HTTP Request ` +
				`(${secondsText(of('leadlex'))} against ${secondsText(of('http'))}, medians of ${row.runs.leadlex?.length ?? 0} runs each in the same alternation; ` +
				`${(of('leadlex') / row.n).toFixed(1)} ms against ${(of('http') / row.n).toFixed(1)} ms per item).`,
			complete
				? `  In every run both sides changed all ${row.n} job titles in the sandbox, with one PATCH each carrying exactly the expected body and key.`
				: `  **Not every run changed all ${row.n} job titles as expected** (see "Problems seen in this run"): read these times with that in mind.`,
			`  As with the deletes, the LeadLex node sends only after preparing every item (first request after ${secondsText(firstOf('leadlex'))}, then`,
			`  ${secondsText(spanOf('leadlex'))} to the last), HTTP Request from the start (${secondsText(firstOf('http'))}, spread over ${secondsText(spanOf('http'))}).`,
			'  What the LeadLex node resolves per item for this Update is counted in section 4 ("Contact → Update" above).',
		);
	}
	const leadlexLimited = results.limited.filter(
		(row) => row.variant === 'leadlex' && row.install === 'current',
	);
	for (const row of leadlexLimited) {
		const others = results.limited.filter((other) => other.window === row.window && other !== row);
		lines.push(
			`* **Real n8n, ${row.window.limit} per ${windowLabel(row.window)}, N=${row.n}.** The LeadLex node took ${secondsText(median(nodeTimes(row.runs)))}, ` +
				`${ratio(boundRatio(row))} its lower bound, failed items ${failedText(row.runs)}; ` +
				others
					.map(
						(other) =>
							`${rowLabel(other)}: ${secondsText(median(nodeTimes(other.runs)))} (${ratio(boundRatio(other))}), ` +
							`failed items ${failedText(other.runs)}, ${perRun(other.runs.map((r) => r.stepsLeft))} never deleted` +
							(other.runs.some((r) => r.stepsSentTwice)
								? `, ${perRun(other.runs.map((r) => r.stepsSentTwice))} sent again after done`
								: ''),
					)
					.join('; ') +
				'.',
		);
	}
	if (leadlexLimited.length) {
		lines.push(
			'  The LeadLex node cannot send before n8n has prepared every item ("first request after" in the table), so its',
			'  first requests land that far into a window; Retry-After comes in whole seconds, so every later window of',
			'  retries starts about that far into its window too, and against 1-second windows that preparation is most of',
			'  the time over the bound. Each window then takes the retries that fit at once. Against longer windows the same',
			'  preparation is a small share of the bound: compare the rows for the two window lengths. HTTP Request with Retry',
			'  On Fail and On Error "Continue" never retries (a failed item is an output item, not a failure of the node), so',
			'  refused deletes are lost; with On Error "Stop" Retry On Fail re-runs the whole node, sending every delete again.',
			'  Batching paces HTTP Request, but the pause comes on top of its own per-item time, and nothing retries a refusal.',
		);
	}
	return lines;
}
