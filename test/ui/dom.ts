/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev tooling, never packed: drives n8n's editor in Chromium and waits with timers */
/**
 * DOM helpers for n8n 2.40.7's editor. Selectors are n8n's own `data-test-id` attributes (the
 * ones n8n's Playwright suite uses), plus visible text where n8n sets no test id (the credential
 * test's failure banner).
 */
import type { Locator, Page } from 'playwright-core';

import { NODE_TYPE } from '../../scripts/n8n/harness';

export const sel = {
	canvasNode: '[data-test-id="canvas-node"]',
	leadlexCanvasNode: `[data-test-id="canvas-node"][data-node-type="${NODE_TYPE}"]`,
	nodeIssues: '[data-test-id="node-issues"]',
	ndv: '[data-test-id="ndv"]',
	nodeCreator: '[data-test-id="node-creator"]',
	nodeCreatorPlus: '[data-test-id="node-creator-plus-button"]',
	nodeCreatorSearch: '[data-test-id="node-creator-search-bar"]',
	creatorItem: '[data-test-id="item-iterator-item"]',
	creatorItemName: '[data-test-id="node-creator-item-name"]',
	executeNode: '[data-test-id="node-execute-button"]',
	outputPanel: '[data-test-id="output-panel"]',
	rlcItem: '[data-test-id="rlc-item"]',
	rlcSearch: 'input[data-test-id="rlc-search"]',
	credentialModal: '[data-test-id="editCredential-modal"]',
	credentialSave: '[data-test-id="credential-save-button"]',
	credentialTestSuccess: '[data-test-id="credentials-config-container-test-success"]',
} as const;

export class CheckError extends Error {}

/** Throws a CheckError (a failed assertion, printed without a stack) unless `ok`. */
export function assert(ok: unknown, message: string): asserts ok {
	if (!ok) throw new CheckError(message);
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Calls `probe` until `done(value)` holds; returns the last value. On timeout throws a CheckError
 * with `describe(lastValue)`.
 */
export async function poll<T>(
	probe: () => Promise<T>,
	done: (value: T) => boolean,
	describe: (value: T | undefined) => string,
	timeoutMs = 15_000,
	intervalMs = 250,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let last: T | undefined;
	for (;;) {
		try {
			last = await probe();
			if (done(last)) return last;
		} catch {
			// element detached or re-rendering: try again
		}
		if (Date.now() > deadline) throw new CheckError(describe(last));
		await sleep(intervalMs);
	}
}

export interface ImageState {
	src: string;
	complete: boolean;
	naturalWidth: number;
	width: number;
	height: number;
}

export async function imageState(img: Locator): Promise<ImageState> {
	return await img.evaluate((element) => {
		// (tsconfig has no DOM lib: the few properties used, typed here)
		const image = element as unknown as {
			currentSrc: string;
			src: string;
			complete: boolean;
			naturalWidth: number;
			getBoundingClientRect(): { width: number; height: number };
		};
		const box = image.getBoundingClientRect();
		return {
			src: image.currentSrc || image.src,
			complete: image.complete,
			naturalWidth: image.naturalWidth,
			width: Math.round(box.width),
			height: Math.round(box.height),
		};
	});
}

/** Waits until the <img> has loaded (naturalWidth > 0) and is drawn with a non-zero size. */
export async function loadedImage(img: Locator, what: string): Promise<ImageState> {
	await img.waitFor({ state: 'attached' });
	return await poll(
		() => imageState(img),
		(state) => state.complete && state.naturalWidth > 0 && state.width > 0 && state.height > 0,
		(state) =>
			`${what}: the icon <img> did not load with a non-zero size: ${JSON.stringify(state)}`,
	);
}

/** The editor's theme as n8n applies it: body[data-theme] ("dark", "light", or null = follows the OS). */
export async function bodyTheme(page: Page): Promise<string | null> {
	return await page.evaluate<string | null>("document.body.getAttribute('data-theme')");
}

export function fileName(src: string): string {
	return new URL(src).pathname.split('/').pop() ?? src;
}

// ---------------------------------------------------------------- the node details view (NDV)

export async function openNdv(page: Page): Promise<Locator> {
	const ndv = page.locator(sel.ndv);
	if (!(await ndv.isVisible())) {
		await page.locator(sel.leadlexCanvasNode).dblclick();
		await ndv.waitFor({ state: 'visible' });
	}
	return ndv;
}

/** A resource locator parameter (`campaignId`, `stepId`). */
export function rlc(page: Page, parameter: string): Locator {
	return page.locator(`[data-test-id="resource-locator-${parameter}"]`);
}

/** Switches a resource locator's parameter from an expression to a fixed value, if it holds one. */
export async function ensureFixed(page: Page, parameter: string): Promise<void> {
	const locator = rlc(page, parameter);
	if ((await locator.locator('input[data-test-id="rlc-input"]').count()) > 0) return;
	// The Fixed/Expression toggle shows while the pointer is over the parameter.
	await page.locator(`[data-test-id="parameter-input-${parameter}"]`).hover();
	await page
		.locator(
			`[data-test-id="${parameter}-parameter-input-options-container"] [data-test-id="radio-button-fixed"]`,
		)
		.click();
	await locator.locator('input[data-test-id="rlc-input"]').waitFor();
}

/** The texts of the mode selector's options; closes it again without choosing. */
export async function modeOptions(page: Page, parameter: string): Promise<string[]> {
	await rlc(page, parameter).locator('[data-test-id="rlc-mode-selector"]').click();
	const options = page.locator('[data-test-id^="mode-"]').filter({ visible: true });
	await options.first().waitFor();
	const texts = (await options.allInnerTexts()).map((text) => text.trim());
	await page.keyboard.press('Escape');
	await options.first().waitFor({ state: 'hidden' });
	return texts;
}

/** The texts of the mode selector's options, then picks `mode` ("list" or "id"). */
export async function chooseMode(
	page: Page,
	parameter: string,
	mode: 'list' | 'id',
): Promise<string[]> {
	await rlc(page, parameter).locator('[data-test-id="rlc-mode-selector"]').click();
	const options = page.locator('[data-test-id^="mode-"]').filter({ visible: true });
	await options.first().waitFor();
	const texts = (await options.allInnerTexts()).map((text) => text.trim());
	await page.locator(`[data-test-id="mode-${mode}"]`).filter({ visible: true }).click();
	await options.first().waitFor({ state: 'hidden' });
	return texts;
}

export function rlcInput(page: Page, parameter: string): Locator {
	return rlc(page, parameter).locator('input[data-test-id="rlc-input"]');
}

/** Opens the "From list" dropdown and waits for its first item (or error). */
export async function openList(page: Page, parameter: string): Promise<Locator> {
	await rlcInput(page, parameter).click();
	const items = page.locator(sel.rlcItem).filter({ visible: true });
	const error = page.locator('[data-test-id="rlc-error-container"]').filter({ visible: true });
	await items.first().or(error.first()).waitFor();
	if (await error.count()) {
		throw new CheckError(
			`the ${parameter} list shows an error: ${(await error.first().innerText()).trim()}`,
		);
	}
	return items;
}

export async function itemTexts(items: Locator): Promise<string[]> {
	return (await items.allInnerTexts()).map((text) => text.trim());
}

/** Scrolls the open list to its end until no more items arrive (n8n loads one page per scroll). */
export async function scrollListToEnd(
	items: Locator,
	expected: number,
	timeoutMs = 30_000,
): Promise<number> {
	const deadline = Date.now() + timeoutMs;
	let count = await items.count();
	let lastGrowth = Date.now();
	while (Date.now() < deadline && count < expected) {
		await items.last().evaluate((element) => {
			let box = element.parentElement;
			while (box && box.scrollHeight <= box.clientHeight) box = box.parentElement;
			if (box) box.scrollTop = box.scrollHeight;
		});
		await sleep(300);
		const now = await items.count();
		if (now > count) {
			count = now;
			lastGrowth = Date.now();
		} else if (Date.now() - lastGrowth > 8_000) {
			break;
		}
	}
	return count;
}

// ---------------------------------------------------------------- output panel

/** The output panel's table view as rows of header → cell text. */
export async function outputTable(page: Page): Promise<Array<Record<string, string>>> {
	const panel = page.locator(sel.outputPanel);
	await panel.locator('[data-test-id="radio-button-table"]').click();
	const table = panel.locator('table').first();
	await table.waitFor();
	return await table.evaluate((element) => {
		const headers = [...element.querySelectorAll('thead th')].map((th) =>
			(th.textContent ?? '').trim(),
		);
		return [...element.querySelectorAll('tbody tr')].map((tr) => {
			const row: Record<string, string> = {};
			for (const td of tr.querySelectorAll('td[data-col]')) {
				const column = Number(td.getAttribute('data-col'));
				row[headers[column] ?? String(column)] = (td.textContent ?? '').trim();
			}
			return row;
		});
	});
}

// ---------------------------------------------------------------- node panel and parameter forms

/**
 * Closes the node panel with Escape. n8n 2.41 shows a node's details as one more layer of the
 * panel, so one Escape per layer: as many as it takes (at most five).
 */
export async function closeNodeCreator(page: Page): Promise<void> {
	const creator = page.locator(sel.nodeCreator);
	for (let press = 0; press < 5 && (await creator.isVisible()); press++) {
		await page.keyboard.press('Escape');
		await creator.waitFor({ state: 'hidden', timeout: 1000 }).catch(() => undefined);
	}
	await creator.waitFor({ state: 'hidden' });
}

/**
 * A new workflow with a Manual Trigger, added from the node panel: on an empty canvas the panel
 * offers triggers only (LeadLex opens the LeadLex Trigger's events), so the trigger comes first.
 */
export async function openNewWorkflow(page: Page, n8nUrl: string): Promise<void> {
	await page.goto(`${n8nUrl}/workflow/new`, { timeout: 60_000 });
	await page.locator(sel.nodeCreatorPlus).waitFor({ state: 'visible', timeout: 60_000 });
	await page.locator(sel.nodeCreatorPlus).click();
	await page.locator(sel.nodeCreatorSearch).fill('manual');
	await page
		.locator(`${sel.nodeCreator} ${sel.creatorItem}`)
		.filter({
			has: page.locator(sel.creatorItemName, { hasText: /^(Trigger manually|Manual Trigger)$/ }),
		})
		.first()
		.click();
	await page
		.locator(`${sel.canvasNode}[data-node-type="n8n-nodes-base.manualTrigger"]`)
		.waitFor({ state: 'visible' });
	await closeNdv(page);
	await page.locator(sel.nodeCreator).waitFor({ state: 'hidden' });
}

/** `+` → search "LeadLex" → the LeadLex node: the node panel lists its actions. */
export async function openLeadlexActions(page: Page): Promise<void> {
	await page.locator(sel.nodeCreatorPlus).click();
	await page.locator(sel.nodeCreatorSearch).fill('LeadLex');
	await page
		.locator(`${sel.nodeCreator} ${sel.creatorItem}`)
		.filter({ has: page.locator(sel.creatorItemName, { hasText: /^LeadLex$/ }) })
		.first()
		.click();
}

/** `+` → search "LeadLex" → the LeadLex node → `action`: n8n adds the node and opens its NDV. */
export async function addLeadlexNode(page: Page, action: string): Promise<Locator> {
	await openLeadlexActions(page);
	await page
		.locator(`${sel.nodeCreator} ${sel.creatorItem}[data-keyboard-nav-type="action"]`)
		.filter({ has: page.locator(sel.creatorItemName, { hasText: new RegExp(`^${action}$`) }) })
		.first()
		.click();
	const ndv = page.locator(sel.ndv);
	await ndv.waitFor({ state: 'visible' });
	return ndv;
}

/** Opens the NDV of the canvas node with that name. */
export async function openNamedNdv(page: Page, nodeName: string): Promise<Locator> {
	const ndv = page.locator(sel.ndv);
	await page.locator(`${sel.canvasNode}[data-node-name="${nodeName}"]`).dblclick();
	await ndv.waitFor({ state: 'visible' });
	return ndv;
}

export async function closeNdv(page: Page): Promise<void> {
	const ndv = page.locator(sel.ndv);
	if (!(await ndv.isVisible())) return;
	await ndv.locator('[data-test-id="ndv-close-button"]').click();
	await ndv.waitFor({ state: 'hidden' });
}

/** The value an options or string parameter of the open NDV shows (an option by its name). */
export async function inputValue(page: Page, parameter: string): Promise<string> {
	return await page
		.locator(`${sel.ndv} [data-test-id="parameter-input-${parameter}"] input`)
		.first()
		.inputValue();
}

/** The NDV's node name, as its header shows it. */
export async function ndvTitle(ndv: Locator): Promise<string> {
	return (await ndv.locator('[data-test-id="node-title-container"]').innerText()).trim();
}

/**
 * The visible parameter labels and notices of the open NDV's Parameters tab, in page order: a
 * label's first line (its Fixed/Expression toggle shows beside it), a notice as `notice: <text>`.
 */
export async function formOutline(ndv: Locator): Promise<string[]> {
	return await ndv
		.locator('[data-test-id="input-label"], [data-test-id="parameter-item"] .notice')
		.filter({ visible: true })
		.evaluateAll((elements) =>
			elements.map((element) => {
				const text = ((element as unknown as { innerText: string }).innerText ?? '').trim();
				return element.classList.contains('notice')
					? `notice: ${text.replace(/\s+/g, ' ')}`
					: text.split('\n')[0].trim();
			}),
		);
}

/** The options of the open dropdown (role=option), each by its first line (its name). */
export async function openOptions(page: Page): Promise<string[]> {
	const options = page.getByRole('option').filter({ visible: true });
	await options.first().waitFor();
	return (await options.allInnerTexts()).map((text) => text.split('\n')[0].trim());
}

/** Opens an options parameter's dropdown; returns its option names (the dropdown stays open). */
export async function parameterOptions(page: Page, parameter: string): Promise<string[]> {
	await page
		.locator(`[data-test-id="parameter-input-${parameter}"]`)
		.filter({ visible: true })
		.click();
	return await openOptions(page);
}

/** Animations of dropdowns and popovers still running (a string: tsconfig has no DOM lib). */
const RUNNING_POPUP_ANIMATIONS = `document.getAnimations().filter((a) =>
	a.playState === 'running' && a.effect && a.effect.target && a.effect.target.closest &&
	a.effect.target.closest('.el-popper, .el-select-dropdown')).length`;

/**
 * Waits until no dropdown or popover is fading in or out (two probes in a row), so a screenshot
 * shows it settled rather than half-drawn.
 */
export async function popupsSettled(page: Page): Promise<void> {
	let still = 0;
	await poll(
		async () => {
			const running = await page.evaluate<number>(RUNNING_POPUP_ANIMATIONS);
			still = running === 0 ? still + 1 : 0;
			return still;
		},
		(count) => count >= 2,
		() => 'a dropdown kept animating',
		5_000,
		100,
	);
}

/** Picks the option named `name` (its first line) in the open dropdown. */
export async function pickOption(page: Page, name: string): Promise<void> {
	const options = page.getByRole('option').filter({ visible: true });
	const names = (await options.allInnerTexts()).map((text) => text.split('\n')[0].trim());
	const index = names.indexOf(name);
	if (index === -1)
		throw new CheckError(`the open list has no "${name}": ${JSON.stringify(names)}`);
	await options.nth(index).click();
	await page.getByRole('option').filter({ visible: true }).first().waitFor({ state: 'hidden' });
}

/** A collection parameter (Additional Fields, Update Fields) by its label. */
export function collection(ndv: Locator, label: string): Locator {
	return ndv
		.locator('[data-test-id="parameter-item"]')
		.filter({
			has: ndv.page().locator('[data-test-id="input-label"]', { hasText: new RegExp(`^${label}`) }),
		})
		.first();
}

/** Opens the collection's "Add Field" list; returns the field names it offers (the list stays open). */
export async function collectionChoices(page: Page, item: Locator): Promise<string[]> {
	await item.locator('[data-test-id="collection-parameter-add"]').click();
	const options = page
		.locator('[data-test-id="collection-parameter-option"]')
		.filter({ visible: true });
	await options.first().waitFor();
	return (await options.allInnerTexts()).map((text) => text.trim());
}

/** Waits until no collection's "Add Field" list is open (the next one opened would be confused with it). */
export async function collectionChoicesClosed(page: Page): Promise<void> {
	await page
		.locator('[data-test-id="collection-parameter-option"]')
		.filter({ visible: true })
		.first()
		.waitFor({ state: 'hidden' });
}

/** Adds one field to the collection through its "Add Field" list; returns once the list is closed. */
export async function addCollectionField(page: Page, item: Locator, field: string): Promise<void> {
	await collectionChoices(page, item);
	await page
		.locator('[data-test-id="collection-parameter-option"]')
		.filter({ visible: true })
		.filter({ hasText: new RegExp(`^${field}$`) })
		.click();
	await collectionChoicesClosed(page);
}
