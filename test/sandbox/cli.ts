/* eslint-disable @n8n/community-nodes/no-restricted-globals */
/**
 * Standalone LeadLex sandbox: `npm run sandbox -- [flags]`.
 *
 * Flags: --port N (default 8787, falls back to a free port if busy), --host H,
 * --profile full|docs-only, --per-window N, --window-ms N, --daily N, --latency N,
 * --allow-loopback-webhooks, --webhook-retries MS,MS,..., --help.
 */
import {
	SANDBOX_KEY_DESCRIPTIONS,
	startSandbox,
	type Sandbox,
	type SandboxKeyName,
	type SandboxOptions,
} from './server';

const USAGE = `Usage: npm run sandbox -- [options]

  --port N          port to listen on (default 8787; a free port is used if it is busy)
  --host H          interface to bind (default 127.0.0.1)
  --profile P       full (default) | docs-only (no search filter, no Retry-After)
  --per-window N    requests per window per workspace (default 50; 0 = unlimited)
  --window-ms N     window length in ms (default 60000)
  --daily N         daily quota per workspace (default 1000; 0 = unlimited, no X-RateLimit-* headers)
  --latency N       extra latency in ms on every API response (default 0)
  --allow-loopback-webhooks
                    accept webhook targets on this machine (http://127.0.0.1:<port>/...,
                    e.g. a local n8n's /webhook/... URL); off by default (public https:// only)
  --webhook-retries L
                    waits before each delivery retry, in ms, comma-separated
                    (default 5000,30000,300000,3600000,21600000; "" = no retries)
  --help            show this help
`;

function out(text: string): void {
	process.stdout.write(`${text}\n`);
}

function fail(message: string): never {
	process.stderr.write(`sandbox: ${message}\n\n${USAGE}`);
	process.exit(2);
}

function parseArgs(argv: string[]): SandboxOptions {
	const options: SandboxOptions = { port: 8787 };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--help' || arg === '-h') {
			out(USAGE);
			process.exit(0);
		}
		const eq = arg.indexOf('=');
		const name = eq === -1 ? arg : arg.slice(0, eq);
		const value = (): string => {
			if (eq !== -1) return arg.slice(eq + 1);
			const next = argv[i + 1];
			if (next === undefined) fail(`${name} needs a value`);
			i++;
			return next;
		};
		const num = (): number => {
			const v = value();
			if (!/^\d+$/.test(v)) fail(`${name} must be a non-negative integer, got "${v}"`);
			return Number(v);
		};
		switch (name) {
			case '--port':
				options.port = num();
				break;
			case '--host':
				options.host = value();
				break;
			case '--profile': {
				const p = value();
				if (p !== 'full' && p !== 'docs-only')
					fail(`--profile must be full or docs-only, got "${p}"`);
				options.profile = p;
				break;
			}
			case '--per-window':
				options.perWindowLimit = num();
				break;
			case '--window-ms':
				options.windowMs = num();
				if (options.windowMs === 0) fail('--window-ms must be > 0');
				break;
			case '--daily':
				options.dailyLimit = num();
				break;
			case '--latency':
				options.latencyMs = num();
				break;
			case '--allow-loopback-webhooks':
				options.allowLoopbackWebhooks = true;
				break;
			case '--webhook-retries': {
				const list = value().trim();
				const parts = list === '' ? [] : list.split(',').map((part) => part.trim());
				if (parts.some((part) => !/^\d+$/.test(part)))
					fail(`--webhook-retries must be comma-separated non-negative integers, got "${list}"`);
				options.webhookRetryDelaysMs = parts.map(Number);
				break;
			}
			default:
				fail(`unknown option ${arg}`);
		}
	}
	return options;
}

async function start(options: SandboxOptions): Promise<Sandbox> {
	const first = await startSandbox(options).then(
		(sandbox) => ({ sandbox }),
		(error: NodeJS.ErrnoException) => ({ error }),
	);
	if ('sandbox' in first) return first.sandbox;
	if (first.error.code !== 'EADDRINUSE' || options.port === 0) return Promise.reject(first.error);
	process.stderr.write(`sandbox: port ${options.port} is busy, using a free port instead\n`);
	return await startSandbox({ ...options, port: 0 });
}

async function main(): Promise<void> {
	const options = parseArgs(process.argv.slice(2));
	const sandbox = await start(options);
	const o = sandbox.options();
	const keyNames = Object.keys(sandbox.keys) as SandboxKeyName[];
	const width = Math.max(...keyNames.map((k) => k.length));

	out('LeadLex sandbox is running.');
	out('');
	out(`  Base URL (put this in the LeadLex credential): ${sandbox.url}`);
	out(
		`  Profile: ${o.profile}   per-window: ${o.perWindowLimit || 'unlimited'} / ${o.windowMs} ms   ` +
			`daily: ${o.dailyLimit || 'unlimited'}   latency: ${o.latencyMs} ms`,
	);
	out('');
	out('  API keys (Authorization: Bearer <key>):');
	for (const name of keyNames) {
		out(`    ${name.padEnd(width)}  ${sandbox.keys[name]}  ${SANDBOX_KEY_DESCRIPTIONS[name]}`);
	}
	out('');
	out('  Try:');
	out(
		`    curl -H "Authorization: Bearer ${sandbox.keys.full}" ${sandbox.url}/v1/campaigns/cmp_abc123/steps`,
	);
	out(
		`    curl -X DELETE -H "Authorization: Bearer ${sandbox.keys.full}" ${sandbox.url}/v1/campaigns/cmp_abc123/steps/step_2`,
	);
	out(
		`    curl -X POST -H "Authorization: Bearer ${sandbox.keys.full}" -H "Content-Type: application/json" ` +
			`-d '{"subject":"Hello","body":"Hi {{first_name}}"}' ${sandbox.url}/v1/campaigns/cmp_abc123/steps`,
	);
	out('');
	out('  Admin routes (no auth, not recorded):');
	out(`    GET    ${sandbox.origin}/__sandbox/state            current campaigns and steps`);
	out(`    GET    ${sandbox.origin}/__sandbox/requests         recorded API requests`);
	out(
		`    POST   ${sandbox.origin}/__sandbox/reset            back to the seed, quotas/requests/faults cleared`,
	);
	out(`    GET    ${sandbox.origin}/__sandbox/options          current options`);
	out(
		`    POST   ${sandbox.origin}/__sandbox/options          {"perWindowLimit","windowMs","dailyLimit","latencyMs","profile"}`,
	);
	out(
		`    POST   ${sandbox.origin}/__sandbox/faults           {"fault":{...},"match":{"method","pathIncludes"},"times":N|"Infinity"}`,
	);
	out(`    DELETE ${sandbox.origin}/__sandbox/faults           clear faults`);
	out(
		`    POST   ${sandbox.origin}/__sandbox/daily-remaining  {"workspace":"<key or workspace id>","remaining":N}`,
	);
	out(
		`    GET    ${sandbox.origin}/__sandbox/webhooks         registered webhooks (with secrets), deliveries`,
	);
	out(
		`    POST   ${sandbox.origin}/__sandbox/webhooks/emit    {"event","data"?,"body"?,"headers"?,"webhookId"?,"workspace"?,"retry"?}`,
	);
	out('');
	out(
		`  Webhook targets: ${options.allowLoopbackWebhooks ? 'public https:// and this machine (--allow-loopback-webhooks)' : 'public https:// only (use --allow-loopback-webhooks for a local n8n)'}`,
	);
	out('');
	out('Ctrl-C to stop.');

	let stopping = false;
	const stop = (signal: NodeJS.Signals): void => {
		if (stopping) return;
		stopping = true;
		out(`\nReceived ${signal}, stopping the sandbox...`);
		sandbox.close().then(
			() => process.exit(0),
			(err: unknown) => {
				process.stderr.write(`sandbox: error while closing: ${String(err)}\n`);
				process.exit(1);
			},
		);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
	process.stderr.write(`sandbox: ${err instanceof Error ? err.message : String(err)}\n`);
	process.exit(1);
});
