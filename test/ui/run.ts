/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, no-console -- dev tooling, never packed: drives n8n's editor in Chromium (installing Debian's chromium when it may) and reports on the console */
/**
 * The editor experience, checked in a real browser: `npm run test:ui` (builds first), or
 *
 *   npx tsx test/ui/run.ts [--update-docs]
 *
 * The packed package in real n8n 2.41.1 (`n8n start`), the LeadLex sandbox behind a credential,
 * two example workflows, and headless Chromium (/usr/bin/chromium, or $CHROMIUM_PATH) driving the
 * editor. Every check is a DOM assertion; each saves a screenshot named after what it shows into
 * .artifacts/ui/<timestamp>/ (printed at the end, with n8n's log). `--update-docs` also copies
 * the node panel, output, Create form and Update form screenshots to docs/ for the README (and
 * contactChecks.ts, dealChecks.ts and triggerChecks.ts theirs for the resources' pages).
 *
 * Exit code 0 only if every check passed. Chromium, n8n and the sandbox are always stopped.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

import {
	E2E_KEYS,
	formatMs,
	freePort,
	installSignalHandlers,
	isShuttingDown,
	PROJECT_ROOT,
	stopAllChildren,
} from '../../scripts/n8n/harness';
import { SANDBOX_KEYS } from '../sandbox/seed';
import {
	addCollectionField,
	addLeadlexNode,
	assert,
	bodyTheme,
	CheckError,
	chooseMode,
	closeNdv,
	collection,
	collectionChoices,
	ensureFixed,
	fileName,
	closeNodeCreator,
	formOutline,
	itemTexts,
	loadedImage,
	modeOptions,
	ndvTitle,
	openList,
	openNamedNdv,
	openNdv,
	outputTable,
	parameterOptions,
	pickOption,
	poll,
	rlcInput,
	scrollListToEnd,
	sel,
} from './dom';
import { PACKAGE_DESCRIPTION } from '../../nodes/shared/constants';
import { startUiStack, type UiStack } from './stack';
import { checkTrigger } from './triggerChecks';
import { checkCampaignForms } from './campaignChecks';
import { checkContactForms } from './contactChecks';
import { checkDealForms } from './dealChecks';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
ensureChromium();

/**
 * Before anything starts: without Chromium, Playwright would fail with a raw launch error once n8n
 * is up. As root with apt-get and no CHROMIUM_PATH (as `.ci/run` runs), Debian's chromium is
 * installed; otherwise, or with LEADLEX_NO_INSTALL=1, one line says what to install, and exit 1.
 */
function ensureChromium(): void {
	const found = () => {
		try {
			fs.accessSync(CHROMIUM, fs.constants.X_OK);
			return fs.statSync(CHROMIUM).isFile();
		} catch {
			return false;
		}
	};
	if (found()) return;
	const mayInstall =
		!process.env.CHROMIUM_PATH &&
		!process.env.LEADLEX_NO_INSTALL &&
		process.getuid?.() === 0 &&
		spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
	if (mayInstall) {
		console.log(
			`${CHROMIUM} is missing: installing Debian's chromium (LEADLEX_NO_INSTALL=1 skips this)`,
		);
		spawnSync(
			'sh',
			[
				'-c',
				'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium',
			],
			{ stdio: 'inherit' },
		);
		if (found()) return;
	}
	console.error(
		`test:ui needs Debian's chromium (${CHROMIUM} not found): run 'sudo apt-get install chromium' (or set CHROMIUM_PATH)`,
	);
	process.exit(1);
}

const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	// Hermetic: every host name fails to resolve, so Chromium can reach n8n (127.0.0.1) and nothing
	// else. (A Playwright route would do it too, but intercepting n8n's ~1,000 editor assets through
	// the driver made each cold page load several times slower.)
	'--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];
const VIEWPORT = { width: 1440, height: 900 };
/** Whole run, stack included: past it everything is stopped and the run fails. */
const WATCHDOG_MS = 12 * 60_000;

const NOTICE_START = 'Deleting a step compacts the indexes of the later steps';
const CAMPAIGN = 'Estate Planning Follow-up (active)';
const CAMPAIGN_SEARCH = 'estate planning';
const FIRST_STEP = 'Step 1: Quick question about {{company_name}}';
const INVALID_KEY_MESSAGE = 'LeadLex rejected the API key';
const SUCCESS_MESSAGE = 'Connection tested successfully';
const FAILURE_TITLE = 'Couldn’t connect with these settings';

/** The Campaign Step resource: its operations, in the Operation field and in the node panel. */
const STEP_OPERATIONS = ['Create', 'Delete', 'Get Many', 'Update'];
const STEP_ACTIONS = [
	'Create a campaign step',
	'Delete a campaign step',
	'Get many campaign steps',
	'Update a campaign step',
];
/** What n8n itself adds to the Operation list of a node whose credential can sign HTTP requests. */
const N8N_OPERATIONS = ['Custom API Call'];
const APPEND_NOTICE_START = 'The new step is appended to the end of the sequence';
const FUTURE_SENDS_NOTICE_START = 'Changes affect future sends only';
const STEP_SETTINGS = ['Delay Days', 'Delay Hours', 'Send Condition'];
const SEND_CONDITIONS = ['Always', 'If Clicked', 'If No Open', 'If No Reply', 'If Opened'];
const UPDATE_FIELDS = ['Body', 'Delay Days', 'Delay Hours', 'Send Condition', 'Subject'];
/** The Create and Update forms are taller than the other views: the whole form fits in this one. */
const FORM_VIEWPORT = { width: 1440, height: 1100 };

interface Result {
	name: string;
	ok: boolean;
	detail: string;
	ms: number;
	screenshots: string[];
}

interface SandboxState {
	campaigns: Array<{
		id: string;
		name: string;
		status: string;
		steps: Array<{ id: string; index: number; subject: string }>;
	}>;
}

interface RecordedRequest {
	method: string;
	rawPath: string;
	status: number;
}

class Run {
	readonly results: Result[] = [];
	/** Requests Chromium tried to send anywhere but n8n (all refused). */
	readonly outsideRequests = new Set<string>();
	readonly consoleErrors: string[] = [];
	readonly failedResponses = new Map<string, number>();
	private shots = 0;
	private current: Result | undefined;

	constructor(
		readonly artifactsDir: string,
		readonly stack: UiStack,
	) {}

	/** Saves a full-page screenshot as NN-<name>.png and lists it under the running check. */
	async screenshot(page: Page, name: string): Promise<string> {
		this.shots += 1;
		const file = path.join(this.artifactsDir, `${String(this.shots).padStart(2, '0')}-${name}.png`);
		await page.screenshot({ path: file });
		this.current?.screenshots.push(path.basename(file));
		return file;
	}

	async check(name: string, page: Page, body: () => Promise<string>): Promise<boolean> {
		if (isShuttingDown()) return false; // interrupted: the signal handler cleans up and exits
		const result: Result = { name, ok: false, detail: '', ms: 0, screenshots: [] };
		this.current = result;
		const started = Date.now();
		try {
			result.detail = await body();
			result.ok = true;
		} catch (error) {
			result.detail =
				error instanceof CheckError
					? error.message
					: `${(error as Error).message.split('\n').slice(0, 6).join('\n')}`;
			try {
				const slug = name
					.toLowerCase()
					.replace(/[^a-z0-9]+/g, '-')
					.slice(0, 50);
				await this.screenshot(page, `FAILED-${slug}`);
				fs.writeFileSync(path.join(this.artifactsDir, `FAILED-${slug}.html`), await page.content());
			} catch {
				// the page may be gone
			}
		}
		result.ms = Date.now() - started;
		this.current = undefined;
		if (isShuttingDown()) return false; // the page went away because of the signal: say nothing
		this.results.push(result);
		const number = String(this.results.length).padStart(2, ' ');
		const lines = result.detail.split('\n');
		console.log(`${result.ok ? 'PASS' : 'FAIL'} ${number}. ${name} (${formatMs(result.ms)})`);
		for (const line of lines) console.log(`         ${line}`);
		if (result.screenshots.length > 0)
			console.log(`         screenshots: ${result.screenshots.join(', ')}`);
		return result.ok;
	}

	async sandboxState(): Promise<SandboxState> {
		return (await this.stack.sandbox.admin.state()) as SandboxState;
	}

	/** The sandbox's recorded API requests: method, path with query, status (headers left out: they hold keys). */
	async sandboxRequests(): Promise<RecordedRequest[]> {
		const response = await fetch(`${this.stack.sandbox.origin}/__sandbox/requests`);
		const { requests } = (await response.json()) as { requests: RecordedRequest[] };
		return requests.map(({ method, rawPath, status }) => ({ method, rawPath, status }));
	}
}

async function newContext(
	browser: Browser,
	run: Run,
	theme: 'light' | 'dark',
): Promise<BrowserContext> {
	const { n8nUrl, authCookie } = run.stack;
	// The OS-level scheme stays light: the dark check must come from n8n's own theme setting.
	const context = await browser.newContext({ viewport: VIEWPORT, colorScheme: 'light' });
	await context.addCookies([{ name: 'n8n-auth', value: authCookie, url: n8nUrl }]);
	if (theme === 'dark') {
		// What Settings → Personal → Theme stores; n8n 2.40.7 reads it when the editor loads.
		await context.addInitScript("window.localStorage.setItem('N8N_THEME', 'dark')");
	}
	const origin = new URL(n8nUrl).origin;
	// Chromium cannot resolve any host but n8n's (see CHROMIUM_ARGS); what it tries is recorded.
	context.on('request', (request) => {
		const url = new URL(request.url());
		if (/^(https?|wss?):$/.test(url.protocol) && url.origin !== origin)
			run.outsideRequests.add(url.origin + url.pathname);
	});
	context.on('console', (message) => {
		if (message.type() === 'error') run.consoleErrors.push(message.text().slice(0, 200));
	});
	context.on('response', (response) => {
		if (response.status() >= 400 && response.url().startsWith(origin)) {
			const key = `${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`;
			run.failedResponses.set(key, (run.failedResponses.get(key) ?? 0) + 1);
		}
	});
	context.setDefaultTimeout(20_000);
	return context;
}

async function openWorkflow(page: Page, run: Run): Promise<void> {
	await page.goto(`${run.stack.n8nUrl}/workflow/${run.stack.example.id}`);
	await page.locator(sel.leadlexCanvasNode).waitFor({ state: 'visible', timeout: 60_000 });
}

// ---------------------------------------------------------------- the checks

async function checkEditorOpensExample(page: Page, run: Run): Promise<string> {
	const { example } = run.stack;
	await openWorkflow(page, run);
	const names = await poll(
		() =>
			page
				.locator(sel.canvasNode)
				.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-node-name') ?? '')),
		(found) => example.nodeNames.every((name) => found.includes(name)),
		(found) =>
			`canvas shows nodes ${JSON.stringify(found)}, expected ${JSON.stringify(example.nodeNames)}`,
	);
	const title = (await page.locator('[data-test-id="workflow-name-input"]').innerText()).trim();
	assert(
		title.includes(example.name),
		`the workflow name shows "${title}", expected "${example.name}"`,
	);
	const leadlex = page.locator(sel.leadlexCanvasNode);
	const leadlexName = await leadlex.getAttribute('data-node-name');
	assert(
		leadlexName === example.leadlexNode,
		`the LeadLex node is "${leadlexName}", expected "${example.leadlexNode}"`,
	);
	const issues = await leadlex.locator(sel.nodeIssues).count();
	assert(
		issues === 0,
		'the LeadLex node shows issues on the canvas (credential not bound, or unknown parameters)',
	);
	await run.screenshot(page, 'editor-example-workflow');
	return `"${title}" at /workflow/${example.id}: ${names.length} nodes (${names.join(' → ')}); LeadLex node "${leadlexName}" without issues`;
}

async function checkThemes(page: Page, browser: Browser, run: Run): Promise<string> {
	const light = await loadedImage(
		page.locator(`${sel.leadlexCanvasNode} img`).first(),
		'light theme, canvas',
	);
	const lightTheme = await bodyTheme(page);
	assert(lightTheme !== 'dark', `the light page has data-theme="${lightTheme}"`);
	assert(
		fileName(light.src) === 'leadlex.svg',
		`light theme: the canvas icon is ${light.src}, expected .../leadlex.svg`,
	);
	await run.screenshot(page, 'theme-light-canvas');

	const context = await newContext(browser, run, 'dark');
	try {
		const dark = await context.newPage();
		await openWorkflow(dark, run);
		const theme = await bodyTheme(dark);
		assert(theme === 'dark', `with N8N_THEME=dark the editor has data-theme="${theme}"`);
		const canvas = await loadedImage(
			dark.locator(`${sel.leadlexCanvasNode} img`).first(),
			'dark theme, canvas',
		);
		assert(
			fileName(canvas.src) === 'leadlex.dark.svg',
			`dark theme: the canvas icon is ${canvas.src}, expected .../leadlex.dark.svg`,
		);
		await run.screenshot(dark, 'theme-dark-canvas');
		await dark.locator(sel.nodeCreatorPlus).click();
		await dark.locator(sel.nodeCreatorSearch).fill('LeadLex');
		const item = dark
			.locator(`${sel.nodeCreator} ${sel.creatorItem}`)
			.filter({ has: dark.locator(sel.creatorItemName, { hasText: /^LeadLex$/ }) });
		const panel = await loadedImage(item.locator('img').first(), 'dark theme, node panel');
		assert(
			fileName(panel.src) === 'leadlex.dark.svg',
			`dark theme: the node panel icon is ${panel.src}`,
		);
		await run.screenshot(dark, 'theme-dark-node-panel');
		return (
			`light: ${fileName(light.src)} ${light.naturalWidth}px wide, drawn ${light.width}×${light.height}\n` +
			`dark (localStorage N8N_THEME=dark → body[data-theme=dark]): canvas ${fileName(canvas.src)} ` +
			`${canvas.naturalWidth}px, drawn ${canvas.width}×${canvas.height}; node panel ${fileName(panel.src)} drawn ${panel.width}×${panel.height}`
		);
	} finally {
		await context.close();
	}
}

async function checkNodePanelSearch(page: Page, run: Run): Promise<string> {
	await page.locator(sel.nodeCreatorPlus).click();
	const search = page.locator(sel.nodeCreatorSearch);
	await search.fill('LeadLex');
	const items = page.locator(`${sel.nodeCreator} ${sel.creatorItem}`);
	const item = items.filter({ has: page.locator(sel.creatorItemName, { hasText: /^LeadLex$/ }) });
	await item.first().waitFor();
	const description = (await item.first().innerText())
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean);
	// The panel merges the node and the trigger into one entry: it must describe the package.
	assert(
		description.includes(PACKAGE_DESCRIPTION),
		`the node panel's LeadLex entry reads ${JSON.stringify(description)}, expected the package's description "${PACKAGE_DESCRIPTION}"`,
	);
	const icon = await loadedImage(item.locator('img').first(), 'node panel');
	assert(fileName(icon.src) === 'leadlex.svg', `the node panel icon is ${icon.src}`);
	await run.screenshot(page, 'node-panel-search');
	await item.first().click();
	const action = page
		.locator(`${sel.nodeCreator} ${sel.creatorItem}[data-keyboard-nav-type="action"]`)
		.filter({ has: page.locator(sel.creatorItemName, { hasText: /^Delete a campaign step$/ }) });
	await action.first().waitFor();
	const actions = await page
		.locator(
			`${sel.nodeCreator} ${sel.creatorItem}[data-keyboard-nav-type="action"] ${sel.creatorItemName}`,
		)
		.allInnerTexts();
	const stepActions = actions.map((a) => a.trim()).filter((a) => / campaign steps?$/.test(a));
	assert(
		JSON.stringify(stepActions) === JSON.stringify(STEP_ACTIONS),
		`the node panel's Campaign Step actions are ${JSON.stringify(stepActions)}, expected ${JSON.stringify(STEP_ACTIONS)}`,
	);
	await run.screenshot(page, 'node-panel-actions');
	await closeNodeCreator(page);
	return (
		`search "LeadLex" → "${description.join(' / ')}", icon ${fileName(icon.src)} loaded ` +
		`(${icon.naturalWidth}px, drawn ${icon.width}×${icon.height}); actions: ${actions.map((a) => `"${a.trim()}"`).join(', ')}`
	);
}

async function checkParameters(page: Page, run: Run): Promise<string> {
	const ndv = await openNdv(page);
	const found: string[] = [];
	for (const [parameter, label] of [
		['campaignId', 'Campaign'],
		['stepId', 'Step'],
	] as const) {
		const input = ndv.locator(`[data-test-id="parameter-input-${parameter}"]`);
		await input.waitFor();
		// The label's first line (the Fixed/Expression toggle shows in it while hovered).
		const text = (await ndv.locator(`label[for="${parameter}"]`).innerText()).split('\n')[0].trim();
		assert(text === label, `parameter ${parameter} is labelled "${text}", expected "${label}"`);
		// Only looks: the example's Step is an expression the execution check below relies on.
		const modes = await modeOptions(page, parameter);
		assert(
			modes.includes('From list') && modes.includes('By ID'),
			`${label} offers the modes ${JSON.stringify(modes)}, expected "From list" and "By ID"`,
		);
		found.push(`${label} (${modes.join(' / ')})`);
	}
	const notice = ndv
		.locator('[data-test-id="parameter-item"] .notice')
		.filter({ hasText: NOTICE_START });
	await notice.waitFor();
	const noticeText = ((await notice.textContent()) ?? '').trim();
	assert(noticeText.startsWith(NOTICE_START), `the notice reads "${noticeText}"`);
	await run.screenshot(page, 'node-parameters');
	return `pickers: ${found.join(', ')}; notice: "${noticeText}"`;
}

async function checkExecution(page: Page, run: Run): Promise<string> {
	const before = await run.sandboxState();
	await openNdv(page);
	await page.locator(sel.executeNode).click();
	const panel = page.locator(sel.outputPanel);
	const success = panel.locator('[data-test-id="node-run-status-success"]');
	const failure = panel.locator(
		'[data-test-id="node-error-message"], [data-test-id="node-error-description"]',
	);
	await success.or(failure.first()).waitFor({ timeout: 60_000 });
	if (!(await success.isVisible())) {
		throw new CheckError(
			`the node failed: ${(await panel.innerText()).replace(/\s+/g, ' ').slice(0, 400)}`,
		);
	}
	const rows = await outputTable(page);
	const after = await run.sandboxState();
	const remaining = new Set(after.campaigns.flatMap((c) => c.steps.map((s) => `${c.id}/${s.id}`)));
	const gone = before.campaigns.flatMap((c) =>
		c.steps
			.filter((s) => !remaining.has(`${c.id}/${s.id}`))
			.map((s) => ({ campaign: c.id, id: s.id })),
	);
	assert(gone.length > 0, 'GET /__sandbox/state: no step was deleted');
	assert(
		rows.length === gone.length,
		`the output panel shows ${rows.length} items, the sandbox lost ${gone.length} steps (${gone.map((g) => g.id).join(', ')})`,
	);
	for (const [i, row] of rows.entries()) {
		assert(
			row.deleted === 'true',
			`output item ${i + 1}: deleted = "${row.deleted}", expected true (${JSON.stringify(row)})`,
		);
		assert(
			row.id === gone[i].id,
			`output item ${i + 1}: id = "${row.id}", expected "${gone[i].id}"`,
		);
	}
	const campaign = gone[0].campaign;
	const left = after.campaigns.find((c) => c.id === campaign)?.steps ?? [];
	assert(
		left.every((step, i) => step.index === i),
		`the steps left in ${campaign} are not compacted: ${JSON.stringify(left.map((s) => [s.id, s.index]))}`,
	);
	await run.screenshot(page, 'output-deleted');
	// The pickers below are checked against the seed again.
	await run.stack.sandbox.admin.reset();
	return (
		`output (table): ${rows.map((r) => `{deleted: ${r.deleted}, id: ${r.id}}`).join(', ')}\n` +
		`GET /__sandbox/state: ${gone.map((g) => g.id).join(', ')} gone from ${campaign}; left ${left.map((s) => `${s.id}@${s.index}`).join(', ')} (compacted)\n` +
		`(sandbox reset afterwards, for the picker checks)`
	);
}

async function checkCampaignList(page: Page, run: Run): Promise<string> {
	await openNdv(page);
	const state = await run.sandboxState();
	const expected = state.campaigns.map((c) => `${c.name} (${c.status})`);
	const requestsBefore = (await run.sandboxRequests()).length;
	await chooseMode(page, 'campaignId', 'list');
	const items = await openList(page, 'campaignId');
	const firstTexts = await itemTexts(items);
	for (const name of [
		CAMPAIGN,
		'Q3 Litigation Outreach (paused)',
		'Family Law Newsletter Launch (draft)',
	]) {
		assert(
			firstTexts.includes(name),
			`the campaign list lacks "${name}" (first items: ${firstTexts.slice(0, 5).join(' | ')})`,
		);
	}
	await run.screenshot(page, 'campaign-list');
	const count = await scrollListToEnd(items, expected.length);
	const all = await itemTexts(items);
	const missing = expected.filter((name) => !all.includes(name));
	assert(
		count === expected.length && missing.length === 0,
		`after scrolling, ${count} of ${expected.length} campaigns are listed; missing e.g. ${missing.slice(0, 3).join(' | ')}`,
	);
	const pages = (await run.sandboxRequests())
		.slice(requestsBefore)
		.filter((r) => r.method === 'GET' && /\/v1\/campaigns\?/.test(r.rawPath))
		.map((r) => new URL(r.rawPath, 'http://x').searchParams)
		.map((q) => `page=${q.get('page')}&per_page=${q.get('per_page')}`);
	return (
		`${firstTexts.length} listed at first (incl. "${CAMPAIGN}"), all ${count} after scrolling to the end; ` +
		`GET /v1/campaigns requests: ${pages.join(', ')}`
	);
}

async function checkCampaignSearch(page: Page, run: Run): Promise<string> {
	const state = await run.sandboxState();
	const expected = state.campaigns
		.map((c) => `${c.name} (${c.status})`)
		.filter((name) => name.toLowerCase().includes(CAMPAIGN_SEARCH));
	let items = page.locator(sel.rlcItem).filter({ visible: true });
	if ((await items.count()) === 0) items = await openList(page, 'campaignId');
	await page.locator(sel.rlcSearch).filter({ visible: true }).fill(CAMPAIGN_SEARCH);
	const shown = await poll(
		() => itemTexts(items),
		(texts) =>
			texts.length === expected.length &&
			texts.every((t) => t.toLowerCase().includes(CAMPAIGN_SEARCH)),
		(texts) =>
			`searching "${CAMPAIGN_SEARCH}" lists ${texts?.length} campaigns (expected ${expected.length}), ` +
			`not matching: ${JSON.stringify((texts ?? []).filter((t) => !t.toLowerCase().includes(CAMPAIGN_SEARCH)).slice(0, 3))}`,
	);
	assert(shown.includes(CAMPAIGN), `the search results lack "${CAMPAIGN}"`);
	await run.screenshot(page, 'campaign-search');
	await items.filter({ hasText: CAMPAIGN }).first().click();
	const value = await poll(
		() => rlcInput(page, 'campaignId').inputValue(),
		(v) => v === CAMPAIGN,
		(v) => `after choosing "${CAMPAIGN}", the Campaign field shows "${v}"`,
	);
	return `"${CAMPAIGN_SEARCH}" → ${shown.length} campaigns, every one matching (of ${state.campaigns.length}); chose "${value}"`;
}

async function checkStepList(page: Page, run: Run): Promise<string> {
	await openNdv(page);
	const state = await run.sandboxState();
	const campaign = state.campaigns.find((c) => `${c.name} (${c.status})` === CAMPAIGN);
	assert(campaign, `the sandbox has no campaign "${CAMPAIGN}"`);
	const expected = [...campaign.steps]
		.sort((a, b) => a.index - b.index)
		.map((s) => `Step ${s.index + 1}: ${s.subject}`);
	assert(expected[0] === FIRST_STEP, `the sandbox's first step is "${expected[0]}"`);
	await ensureFixed(page, 'stepId');
	// An empty value first: n8n lists a chosen step at the top, and the order is what is checked.
	await chooseMode(page, 'stepId', 'id');
	await rlcInput(page, 'stepId').fill('');
	await chooseMode(page, 'stepId', 'list');
	const items = await openList(page, 'stepId');
	const shown = await poll(
		() => itemTexts(items),
		(texts) => JSON.stringify(texts) === JSON.stringify(expected),
		(texts) => `the Step list shows ${JSON.stringify(texts)}, expected ${JSON.stringify(expected)}`,
	);
	await run.screenshot(page, 'step-list');
	const choice = expected[1];
	await items.filter({ hasText: choice }).first().click();
	await poll(
		() => rlcInput(page, 'stepId').inputValue(),
		(v) => v === choice,
		(v) => `after choosing "${choice}", the Step field shows "${v}"`,
	);
	await page.mouse.move(0, 0);
	await run.screenshot(page, 'node-panel-pickers-chosen');
	// The chosen entry's value is the step's ID, not its position ("By ID" shows the raw value).
	await chooseMode(page, 'stepId', 'id');
	const id = await rlcInput(page, 'stepId').inputValue();
	const expectedId = campaign.steps.find((s) => s.index === 1)?.id;
	assert(
		id === expectedId,
		`choosing "${choice}" set the Step ID to "${id}", expected "${expectedId}"`,
	);
	return `${shown.map((s) => `"${s}"`).join(', ')}; chose "${choice}" → By ID shows ${id}`;
}

// ---------------------------------------------------------------- Campaign Step: Create and Update forms

async function openStepsWorkflow(page: Page, run: Run): Promise<void> {
	const { stepsExample } = run.stack;
	await page.goto(`${run.stack.n8nUrl}/workflow/${stepsExample.id}`, { timeout: 60_000 });
	await page
		.locator(`${sel.canvasNode}[data-node-name="${stepsExample.leadlexNode}"]`)
		.waitFor({ state: 'visible', timeout: 60_000 });
}

/** The example's Update node: its Operation list is the Campaign Step resource's. */
async function checkOperationList(page: Page, run: Run): Promise<string> {
	await openStepsWorkflow(page, run);
	const ndv = await openNamedNdv(page, 'Rewrite the last step');
	const resource = await ndv
		.locator('[data-test-id="parameter-input-resource"] input')
		.inputValue();
	assert(resource === 'Campaign Step', `Resource shows "${resource}", expected "Campaign Step"`);
	const current = await ndv
		.locator('[data-test-id="parameter-input-operation"] input')
		.inputValue();
	assert(
		current === 'Update',
		`the example's node shows Operation "${current}", expected "Update"`,
	);
	const options = await parameterOptions(page, 'operation');
	const own = options.filter((o) => !N8N_OPERATIONS.includes(o));
	assert(
		JSON.stringify(own) === JSON.stringify(STEP_OPERATIONS),
		`Operation offers ${JSON.stringify(options)}, expected ${JSON.stringify(STEP_OPERATIONS)} (plus n8n's ${JSON.stringify(N8N_OPERATIONS)})`,
	);
	await run.screenshot(page, 'operation-list');
	await page.keyboard.press('Escape');
	await closeNdv(page);
	return `"${run.stack.stepsExample.name}" → "Rewrite the last step" (Resource "${resource}", Operation "${current}"): Operation offers ${options.map((o) => `"${o}"`).join(', ')}`;
}

async function checkCreateForm(page: Page, run: Run): Promise<string> {
	const ndv = await addLeadlexNode(page, 'Create a campaign step');
	const title = await ndvTitle(ndv);
	const operation = await ndv
		.locator('[data-test-id="parameter-input-operation"] input')
		.inputValue();
	assert(
		operation === 'Create',
		`the node added as "Create a campaign step" shows Operation "${operation}"`,
	);
	const outline = await formOutline(ndv);
	const shown = outline.map((line) => (line.startsWith('notice: ') ? 'notice' : line));
	const expected = [
		'Resource',
		'Operation',
		'Campaign',
		'notice',
		'Subject',
		'Body',
		'Additional Fields',
		'Options',
	];
	assert(
		JSON.stringify(shown) === JSON.stringify(expected),
		`the Create form shows ${JSON.stringify(outline)}, expected ${JSON.stringify(expected)}`,
	);
	const notice =
		outline.find((line) => line.startsWith('notice: '))?.slice('notice: '.length) ?? '';
	assert(notice.startsWith(APPEND_NOTICE_START), `the notice reads "${notice}"`);
	const modes = await modeOptions(page, 'campaignId');
	assert(
		modes.includes('From list') && modes.includes('By ID'),
		`Campaign offers the modes ${JSON.stringify(modes)}, expected "From list" and "By ID"`,
	);
	await rlcInput(page, 'campaignId').click();
	await page
		.locator(sel.rlcItem)
		.filter({ visible: true })
		.filter({ hasText: CAMPAIGN })
		.first()
		.click();
	const subject = ndv.locator('[data-test-id="parameter-input-subject"]');
	const body = ndv.locator('[data-test-id="parameter-input-body"]');
	assert(
		(await subject.locator('input').count()) === 1 &&
			(await subject.locator('textarea').count()) === 0,
		'Subject is not a one-line input',
	);
	const textarea = body.locator('textarea');
	assert((await textarea.count()) === 1, 'Body is not a textarea');
	const rows = Number(await textarea.getAttribute('rows'));
	assert(rows >= 2, `Body's textarea has rows="${rows}", expected several`);
	await subject.locator('input').fill('One last note before the new year');
	const text =
		'Hi there,\nthis is my last note about your estate plan.\nJust reply if the timing is better later.';
	await textarea.fill(text);
	const kept = await textarea.inputValue();
	assert(kept === text, `Body kept ${JSON.stringify(kept)}, expected the three lines typed`);

	const fields = collection(ndv, 'Additional Fields');
	const choices = await collectionChoices(page, fields);
	assert(
		JSON.stringify(choices) === JSON.stringify(STEP_SETTINGS),
		`Additional Fields → Add Field offers ${JSON.stringify(choices)}, expected ${JSON.stringify(STEP_SETTINGS)}`,
	);
	await page.keyboard.press('Escape');
	for (const field of STEP_SETTINGS) await addCollectionField(page, fields, field);
	const added = await formOutline(fields);
	assert(
		JSON.stringify(added) === JSON.stringify(['Additional Fields', ...STEP_SETTINGS]),
		`after adding every field, Additional Fields shows ${JSON.stringify(added)}`,
	);
	// Filled before Send Condition is opened: the focused number field's tip would cover the form.
	await ndv.locator('[data-test-id="parameter-input-delayDays"] input').fill('5');
	const conditions = await parameterOptions(page, 'sendCondition');
	assert(
		JSON.stringify(conditions) === JSON.stringify(SEND_CONDITIONS),
		`Send Condition offers ${JSON.stringify(conditions)}, expected ${JSON.stringify(SEND_CONDITIONS)}`,
	);
	assert(
		JSON.stringify(conditions) === JSON.stringify([...conditions].sort()),
		`Send Condition's options are not in alphabetical order: ${JSON.stringify(conditions)}`,
	);
	await pickOption(page, 'If No Reply');
	await page.mouse.move(0, 0);
	await run.screenshot(page, 'create-step');
	await closeNdv(page);
	return (
		`node "${title}": ${outline.map((line) => (line.startsWith('notice: ') ? `[notice "${notice.slice(0, 40)}…"]` : line)).join(' → ')}
` +
		`Campaign modes ${modes.join(' / ')}; Subject one line; Body a textarea (rows=${rows}) keeping 3 lines; ` +
		`Add Field → ${choices.join(', ')}; Send Condition → ${conditions.join(', ')}`
	);
}

async function checkUpdateForm(page: Page, run: Run): Promise<string> {
	const ndv = await addLeadlexNode(page, 'Update a campaign step');
	const title = await ndvTitle(ndv);
	const operation = await ndv
		.locator('[data-test-id="parameter-input-operation"] input')
		.inputValue();
	assert(
		operation === 'Update',
		`the node added as "Update a campaign step" shows Operation "${operation}"`,
	);
	const state = await run.sandboxState();
	const campaign = state.campaigns.find((c) => `${c.name} (${c.status})` === CAMPAIGN);
	assert(campaign, `the sandbox has no campaign "${CAMPAIGN}"`);
	const expected = [...campaign.steps]
		.sort((a, b) => a.index - b.index)
		.map((s) => `Step ${s.index + 1}: ${s.subject}`);
	await chooseMode(page, 'campaignId', 'list');
	await rlcInput(page, 'campaignId').click();
	await page
		.locator(sel.rlcItem)
		.filter({ visible: true })
		.filter({ hasText: CAMPAIGN })
		.first()
		.click();
	await poll(
		() => rlcInput(page, 'campaignId').inputValue(),
		(v) => v === CAMPAIGN,
		(v) => `after choosing "${CAMPAIGN}", the Campaign field shows "${v}"`,
	);
	const requestsBefore = (await run.sandboxRequests()).length;
	await chooseMode(page, 'stepId', 'list');
	const items = await openList(page, 'stepId');
	const shown = await poll(
		() => itemTexts(items),
		(texts) => JSON.stringify(texts) === JSON.stringify(expected),
		(texts) => `the Step list shows ${JSON.stringify(texts)}, expected ${JSON.stringify(expected)}`,
	);
	const stepRequests = (await run.sandboxRequests())
		.slice(requestsBefore)
		.map((r) => `${r.method} ${r.rawPath.replace(/^.*\/v1/, '/v1')} → ${r.status}`);
	assert(
		stepRequests.includes(`GET /v1/campaigns/${campaign.id}/steps → 200`),
		`the sandbox saw no GET /v1/campaigns/${campaign.id}/steps for the list: ${JSON.stringify(stepRequests)}`,
	);
	await run.screenshot(page, 'update-step-picker');
	const choice = expected[expected.length - 1];
	await items.filter({ hasText: choice }).first().click();
	await poll(
		() => rlcInput(page, 'stepId').inputValue(),
		(v) => v === choice,
		(v) => `after choosing "${choice}", the Step field shows "${v}"`,
	);
	const outline = await formOutline(ndv);
	const notice =
		outline.find((line) => line.startsWith('notice: '))?.slice('notice: '.length) ?? '';
	assert(
		notice.startsWith(FUTURE_SENDS_NOTICE_START),
		`the Update form's notice reads "${notice}", expected "${FUTURE_SENDS_NOTICE_START}…"`,
	);
	const shownForm = outline.map((line) => (line.startsWith('notice: ') ? 'notice' : line));
	const expectedForm = [
		'Resource',
		'Operation',
		'Campaign',
		'Step',
		'notice',
		'Update Fields',
		'Options',
	];
	assert(
		JSON.stringify(shownForm) === JSON.stringify(expectedForm),
		`the Update form shows ${JSON.stringify(outline)}, expected ${JSON.stringify(expectedForm)}`,
	);
	const choices = await collectionChoices(page, collection(ndv, 'Update Fields'));
	assert(
		JSON.stringify(choices) === JSON.stringify(UPDATE_FIELDS),
		`Update Fields → Add Field offers ${JSON.stringify(choices)}, expected ${JSON.stringify(UPDATE_FIELDS)}`,
	);
	await run.screenshot(page, 'update-step-fields');
	await page.keyboard.press('Escape');
	// The chosen entry's value is the step's ID ("By ID" shows the raw value).
	await chooseMode(page, 'stepId', 'id');
	const id = await rlcInput(page, 'stepId').inputValue();
	const expectedId = [...campaign.steps].sort((a, b) => a.index - b.index).pop()?.id;
	assert(
		id === expectedId,
		`choosing "${choice}" set the Step ID to "${id}", expected "${expectedId}"`,
	);
	await closeNdv(page);
	return (
		`node "${title}", Campaign "${CAMPAIGN}": Step list ${shown.map((s) => `"${s}"`).join(', ')} ` +
		`(sandbox: ${stepRequests.join(', ')}); chose "${choice}" → By ID ${id}
` +
		`notice "${notice.slice(0, 40)}…"; Update Fields → Add Field offers ${choices.join(', ')}`
	);
}

/** Three checks in a tab of their own, on examples/rewrite-last-step.json; nodes are added to it. */
async function checkStepForms(context: BrowserContext, run: Run): Promise<void> {
	const page = await context.newPage();
	await page.setViewportSize(FORM_VIEWPORT);
	try {
		const listed = await run.check(
			'Campaign Step: the Operation field offers Create, Delete, Get Many, Update',
			page,
			() => checkOperationList(page, run),
		);
		if (!listed) await openStepsWorkflow(page, run).catch(() => undefined);
		await closeNdv(page).catch(() => undefined);
		await run.check(
			'Campaign Step → Create: Campaign, the append notice, Subject, a multi-line Body, Additional Fields (Delay Days, Delay Hours, Send Condition in A-Z order)',
			page,
			() => checkCreateForm(page, run),
		);
		await page.keyboard.press('Escape');
		await closeNdv(page).catch(() => undefined);
		await run.check(
			"Campaign Step → Update: the Step picker lists the sandbox's steps; the future-sends notice; Update Fields offers the five fields",
			page,
			() => checkUpdateForm(page, run),
		);
	} finally {
		await page.close();
	}
}

/** Two checks, in a tab of their own on the credentials overview (the workflow stays untouched). */
async function checkCredentialDialog(context: BrowserContext, run: Run): Promise<void> {
	const page = await context.newPage();
	try {
		const requestsBefore = (await run.sandboxRequests()).length;
		const modal = page.locator(sel.credentialModal);
		const failure = modal
			.locator('.el-tag--danger')
			.filter({ visible: true })
			.filter({ hasText: FAILURE_TITLE });
		const okInvalid = await run.check(
			'credential dialog: an invalid API key fails the test with a clear message',
			page,
			async () => {
				await page.goto(`${run.stack.n8nUrl}/home/credentials/create`);
				const select = page.locator('[data-test-id="selectCredential-modal"]');
				await select.locator('[data-test-id="new-credential-type-select"]').click();
				await page.keyboard.type('LeadLex');
				await page
					.locator('[data-test-id="new-credential-type-select-option"]')
					.filter({ hasText: /^LeadLex API$/ })
					.click();
				await select.locator('[data-test-id="new-credential-type-button"]').click();
				await modal.waitFor();
				const labels = await modal
					.locator('[data-test-id="credential-connection-parameter"]')
					.allInnerTexts();
				const fields = labels.map((l) => l.split('\n')[0].replace('*', '').trim());
				assert(
					fields.includes('API Key') && fields.includes('Base URL'),
					`the dialog's fields are ${JSON.stringify(fields)}`,
				);
				await modal.locator('[data-test-id="parameter-input-apiKey"] input').fill(E2E_KEYS.invalid);
				await modal
					.locator('[data-test-id="parameter-input-baseUrl"] input')
					.fill(run.stack.sandbox.url);
				await modal.locator(sel.credentialSave).click();
				await failure.waitFor({ timeout: 30_000 });
				await failure.getByText('More details').click();
				const text = await poll(
					async () => (await failure.innerText()).replace(/\s+/g, ' ').trim(),
					(t) => t.includes(INVALID_KEY_MESSAGE),
					(t) => `the failure banner reads "${t}", expected it to contain "${INVALID_KEY_MESSAGE}"`,
				);
				const tests = (await run.sandboxRequests())
					.slice(requestsBefore)
					.filter((r) => r.rawPath.includes('/v1/campaigns?'));
				assert(
					tests.some((r) => r.status === 401),
					`the sandbox saw no 401 for the test request: ${JSON.stringify(tests)}`,
				);
				await run.screenshot(page, 'credential-invalid-key');
				return `fields: ${fields.join(', ')}; Save → "${text.replace(/ Retry /, ' | ')}"; sandbox: ${tests.map((r) => `${r.method} ${r.rawPath.replace(/^.*\/v1/, '/v1')} → ${r.status}`).join(', ')}`;
			},
		);
		await run.check(
			'credential dialog: the sandbox key passes the test ("Connection tested successfully")',
			page,
			async () => {
				if (!okInvalid) await page.goto(`${run.stack.n8nUrl}/home/credentials/create`);
				await modal.waitFor();
				await modal
					.locator('[data-test-id="parameter-input-apiKey"] input')
					.fill(SANDBOX_KEYS.full);
				await modal
					.locator('[data-test-id="parameter-input-baseUrl"] input')
					.fill(run.stack.sandbox.url);
				await modal.locator(sel.credentialSave).click();
				const success = modal.locator(sel.credentialTestSuccess).filter({ visible: true });
				await success.waitFor({ timeout: 30_000 });
				const text = (await success.innerText()).replace(/\s+/g, ' ').trim();
				assert(text.includes(SUCCESS_MESSAGE), `the banner reads "${text}"`);
				assert(
					(await failure.count()) === 0,
					'the failure banner is still shown next to the success banner',
				);
				await run.screenshot(page, 'credential-valid-key');
				return `Save → "${text.replace(/ Retry$/, '')}"`;
			},
		);
	} finally {
		await page.close();
	}
}

// ---------------------------------------------------------------- main

async function main(): Promise<number> {
	const started = Date.now();
	const updateDocs = process.argv.includes('--update-docs');
	const stamp = new Date()
		.toISOString()
		.replace(/\.\d+Z$/, 'Z')
		.replace(/:/g, '-');
	const artifactsDir = path.join(PROJECT_ROOT, '.artifacts', 'ui', stamp);
	fs.mkdirSync(artifactsDir, { recursive: true });

	let browser: Browser | undefined;
	let stack: UiStack | undefined;
	// One cleanup, awaited by whoever comes first and by the other too (a signal arrives while
	// main() is still unwinding): the process exits only once all of it is done.
	let cleaning: Promise<void> | undefined;
	const cleanup = () =>
		(cleaning ??= (async () => {
			await browser?.close().catch(() => undefined);
			await stack?.stop();
			await stopAllChildren();
		})());
	installSignalHandlers(cleanup);
	const watchdog = setTimeout(() => {
		console.error(
			`\nFAIL: the run took longer than ${formatMs(WATCHDOG_MS)}; stopping everything.`,
		);
		void cleanup().finally(() => process.exit(1));
	}, WATCHDOG_MS);
	watchdog.unref();

	console.log('LeadLex editor checks: n8n 2.x in headless Chromium');
	try {
		stack = await startUiStack({ artifactsDir, port: await freePort() });
		const stackMs = Date.now() - started;
		browser = await chromium.launch({
			executablePath: CHROMIUM,
			args: CHROMIUM_ARGS,
			headless: true,
			// Playwright's own SIGINT handler exits (130) right after closing Chromium, before n8n,
			// the sandbox and the temp folder are cleaned up: the harness's handler does it all.
			handleSIGINT: false,
			handleSIGTERM: false,
			handleSIGHUP: false,
		});
		console.log(
			`  · Chromium ${browser.version()} (${CHROMIUM}); environment ready after ${formatMs(stackMs)}\n`,
		);

		const run = new Run(artifactsDir, stack);
		const context = await newContext(browser, run, 'light');
		const page = await context.newPage();

		const opened = await run.check(
			`the editor opens the example workflow (${path.basename(stack.example.file)})`,
			page,
			() => checkEditorOpensExample(page, run),
		);
		if (opened) {
			await run.check('the node icon renders in the light and the dark theme', page, () =>
				checkThemes(page, browser!, run),
			);
			await run.check(
				'node panel: searching "LeadLex" finds the node with its icon and the Campaign Step actions Create, Delete, Get Many, Update',
				page,
				() => checkNodePanelSearch(page, run),
			);
			await run.check(
				'the node shows the Campaign and Step pickers and the index compaction notice',
				page,
				() => checkParameters(page, run),
			);
			await run.check(
				'executing the node deletes the steps; the output panel shows deleted and id',
				page,
				() => checkExecution(page, run),
			);
			const listed = await run.check(
				'Campaign "From list" lists the sandbox\'s campaigns, a page of 100 per scroll',
				page,
				() => checkCampaignList(page, run),
			);
			const searched = await run.check(
				'Campaign search filters the list; a campaign can be chosen',
				page,
				() =>
					listed
						? checkCampaignSearch(page, run)
						: Promise.reject(new CheckError('skipped: the campaign list did not open')),
			);
			await run.check(
				'Step "From list" lists the chosen campaign\'s steps by position and subject',
				page,
				() =>
					searched
						? checkStepList(page, run)
						: Promise.reject(new CheckError('skipped: no campaign was chosen')),
			);
		}
		// Before the credential dialog adds a second credential: new nodes get "LeadLex sandbox".
		await checkStepForms(context, run);
		await checkCampaignForms(context, run);
		await checkContactForms(context, run);
		await checkDealForms(context, run);
		await checkTrigger(context, run);
		await checkCredentialDialog(context, run);
		await context.close();

		if (updateDocs) copyDocs(run);
		return summary(run, started, artifactsDir);
	} catch (error) {
		if (isShuttingDown()) return 130;
		console.error(`\nFAIL: the run stopped: ${(error as Error).message.split('\n')[0]}`);
		console.error(`Artifacts (n8n log): ${path.relative(process.cwd(), artifactsDir)}`);
		return 1;
	} finally {
		clearTimeout(watchdog);
		await cleanup();
	}
}

function copyDocs(run: Run): void {
	const docs = path.join(PROJECT_ROOT, 'docs');
	fs.mkdirSync(docs, { recursive: true });
	const pick = (pattern: RegExp) =>
		run.results
			.filter((r) => r.ok)
			.flatMap((r) => r.screenshots)
			.find((s) => pattern.test(s));
	for (const [pattern, target] of [
		[/-node-panel-pickers-chosen\.png$/, 'node-panel.png'],
		[/-output-deleted\.png$/, 'output.png'],
		[/-create-step\.png$/, 'create-step.png'],
		[/-update-step-picker\.png$/, 'update-step.png'],
		[/-campaign-operations\.png$/, 'campaign-operations.png'],
	] as const) {
		const shot = pick(pattern);
		if (!shot) {
			console.log(`  · docs/${target} not updated: its check failed`);
			continue;
		}
		fs.copyFileSync(path.join(run.artifactsDir, shot), path.join(docs, target));
		console.log(`  · docs/${target} ← ${shot}`);
	}
}

function summary(run: Run, started: number, artifactsDir: string): number {
	const failed = run.results.filter((r) => !r.ok);
	console.log('');
	if (run.outsideRequests.size > 0) {
		console.log(
			`Chromium tried to reach (unresolvable here: only n8n is reachable): ${[...run.outsideRequests].join(', ')}`,
		);
	} else {
		console.log('Chromium tried to reach nothing but n8n.');
	}
	const consoleErrors = [...new Set(run.consoleErrors)];
	if (consoleErrors.length > 0) {
		console.log(
			`Browser console errors (${consoleErrors.length} distinct): ${consoleErrors
				.slice(0, 3)
				.map((e) => `"${e}"`)
				.join(', ')}`,
		);
	}
	if (run.failedResponses.size > 0) {
		console.log(
			`n8n answered with errors: ${[...run.failedResponses].map(([k, n]) => `${k} ×${n}`).join(', ')}`,
		);
	}
	console.log(
		`\n${failed.length === 0 ? 'PASS' : 'FAIL'}: ${run.results.length - failed.length} of ${run.results.length} checks passed` +
			`${failed.length ? ` (failed: ${failed.map((r) => `"${r.name}"`).join(', ')})` : ''} in ${formatMs(Date.now() - started)}.`,
	);
	console.log(
		`Screenshots and n8n's log: ${path.relative(process.cwd(), artifactsDir) || artifactsDir}`,
	);
	return failed.length === 0 ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(error: Error) => {
		console.error(error);
		process.exit(1);
	},
);
