/**
 * The steps the resource checks (contactChecks.ts, dealChecks.ts, campaignChecks.ts) share: a
 * LeadLex node added by its action, its form's outline and notice, the Operation list, a picker's
 * From List searched and an entry chosen, the chosen entry's ID. Each asserts as it goes, with a
 * message that names what the editor showed and what was expected.
 */
import type { BrowserContext, Locator, Page } from 'playwright-core';

import {
	addLeadlexNode,
	assert,
	chooseMode,
	closeNdv,
	formOutline,
	inputValue,
	itemTexts,
	ndvTitle,
	openList,
	parameterOptions,
	poll,
	rlcInput,
	sel,
} from './dom';
import type { UiStack } from './stack';

/** What the resource checks need of test/ui/run.ts's Run. */
export interface FormCheckRun {
	readonly stack: UiStack;
	check(name: string, page: Page, body: () => Promise<string>): Promise<boolean>;
	screenshot(page: Page, name: string): Promise<string>;
	sandboxRequests(): Promise<Array<{ method: string; rawPath: string; status: number }>>;
}

const FORM_VIEWPORT = { width: 1440, height: 1100 };

/** One check of a form tab: its name and body; `continues` runs it on what the previous left open. */
export interface FormCheck {
	name: string;
	body: (page: Page) => Promise<string>;
	continues?: boolean;
}

/**
 * Runs `checks` in order in a tab of their own (closed after), sized for the docs screenshots.
 * Before each check but the first (and those that continue), whatever is open is closed.
 */
export async function runInFormTab(
	context: BrowserContext,
	run: FormCheckRun,
	checks: FormCheck[],
): Promise<void> {
	const page = await context.newPage();
	await page.setViewportSize(FORM_VIEWPORT);
	try {
		for (const [index, check] of checks.entries()) {
			if (index > 0 && !check.continues) {
				await page.keyboard.press('Escape');
				await closeNdv(page).catch(() => undefined);
			}
			await run.check(check.name, page, () => check.body(page));
		}
	} finally {
		await page.close();
	}
}

/** An operation's form as a LeadLex node added by `action` shows it. */
export interface FormSpec {
	action: string;
	resource: string;
	operation: string;
	/** The form top to bottom (formOutline's lines, a notice as `notice`). */
	form: string[];
}

/**
 * A LeadLex node added by `spec.action`: Resource, Operation and the form are the spec's; returns
 * the form as shown and its first notice's text.
 */
export async function addNodeWithForm(
	page: Page,
	spec: FormSpec,
): Promise<{ ndv: Locator; title: string; shown: string[]; notice: string }> {
	const { ndv, title } = await addNodeAs(page, spec.action, spec.resource, spec.operation);
	const form = await expectForm(ndv, spec.form, `${spec.resource} → ${spec.operation}`);
	return { ndv, title, ...form };
}

/** A LeadLex node added by its `action`: its NDV shows Resource `resource`, Operation `operation`. */
export async function addNodeAs(
	page: Page,
	action: string,
	resource: string,
	operation: string,
): Promise<{ ndv: Locator; title: string }> {
	const ndv = await addLeadlexNode(page, action);
	const title = await ndvTitle(ndv);
	const shownResource = await inputValue(page, 'resource');
	const shownOperation = await inputValue(page, 'operation');
	assert(
		shownResource === resource && shownOperation === operation,
		`the node added as "${action}" shows Resource "${shownResource}", Operation "${shownOperation}"`,
	);
	return { ndv, title };
}

/**
 * The Operation field offers exactly `expected`, plus what n8n itself adds (`n8nAdds`); returns
 * all it offers. The dropdown stays open.
 */
export async function expectOperations(
	page: Page,
	expected: string[],
	n8nAdds: string[] = [],
): Promise<string[]> {
	const options = await parameterOptions(page, 'operation');
	const own = options.filter((option) => !n8nAdds.includes(option));
	assert(
		JSON.stringify(own) === JSON.stringify(expected),
		`Operation offers ${JSON.stringify(options)}, expected ${JSON.stringify(expected)}` +
			(n8nAdds.length ? ` (plus n8n's ${JSON.stringify(n8nAdds)})` : ''),
	);
	return options;
}

/** A form outline with each notice shown as `notice`. */
export function withoutNoticeTexts(outline: string[]): string[] {
	return outline.map((line) => (line.startsWith('notice: ') ? 'notice' : line));
}

/**
 * The form of `ndv` shows `expected` top to bottom (a notice as `notice`); returns what it shows
 * and the first notice's text.
 */
export async function expectForm(
	ndv: Locator,
	expected: string[],
	name: string,
): Promise<{ shown: string[]; notice: string }> {
	const outline = await formOutline(ndv);
	const shown = withoutNoticeTexts(outline);
	assert(
		JSON.stringify(shown) === JSON.stringify(expected),
		`the ${name} form shows ${JSON.stringify(outline)}, expected ${JSON.stringify(expected)}`,
	);
	const notice =
		outline.find((line) => line.startsWith('notice: '))?.slice('notice: '.length) ?? '';
	return { shown, notice };
}

/** The notice says each of `parts`. */
export function assertNoticeSays(notice: string, parts: string[]): void {
	const missing = parts.filter((part) => !notice.includes(part));
	assert(
		missing.length === 0,
		`the notice reads "${notice}": it does not say ${missing.map((m) => `"${m}"`).join(', ')}`,
	);
}

/** A picker's modes offer From List and By ID (n8n writes the first "From list"). */
export function assertPickerModes(modes: string[], label: string): void {
	const lower = modes.map((mode) => mode.toLowerCase());
	assert(
		lower.includes('from list') && lower.includes('by id'),
		`${label} offers the modes ${JSON.stringify(modes)}, expected "From List" and "By ID"`,
	);
}

/** Chooses the list entry `entry` of the open picker `parameter`; waits until the field shows it. */
export async function chooseEntry(
	page: Page,
	parameter: string,
	items: Locator,
	entry: string,
): Promise<void> {
	await items.filter({ hasText: entry }).first().click();
	await poll(
		() => rlcInput(page, parameter).inputValue(),
		(v) => v === entry,
		(v) => `after choosing "${entry}", the ${parameter} field shows "${v}"`,
	);
}

/** Switches the picker to By ID: the chosen `entry`'s value must be `expectedId`; returns it. */
export async function expectChosenId(
	page: Page,
	parameter: string,
	entry: string,
	expectedId: string,
	label: string,
): Promise<string> {
	await chooseMode(page, parameter, 'id');
	const id = await rlcInput(page, parameter).inputValue();
	assert(
		id === expectedId,
		`choosing "${entry}" set the ${label} ID to "${id}", expected "${expectedId}"`,
	);
	return id;
}

export interface PickerSearch {
	/** The mode selector's options. */
	modes: string[];
	/** The open list's entries. */
	items: Locator;
	/** What From List showed before the search. */
	unfiltered: string[];
	/** What it showed once the search gave `expected`. */
	shown: string[];
	/** The sandbox's GETs of `path` the picker sent meanwhile, as `search=<search> → <status>`. */
	searches: string[];
}

/**
 * The picker `parameter` in From List: its modes checked, the list opened, `search` typed until
 * the list shows exactly `expected`; what the sandbox was asked for `path` (e.g. /v1/deals)
 * meanwhile. The list stays open.
 */
export async function searchPicker(
	page: Page,
	run: FormCheckRun,
	picker: { parameter: string; label: string; path: string },
	search: string,
	expected: string[],
): Promise<PickerSearch> {
	const requestsBefore = (await run.sandboxRequests()).length;
	const modes = await chooseMode(page, picker.parameter, 'list');
	assertPickerModes(modes, picker.label);
	const items = await openList(page, picker.parameter);
	const unfiltered = await itemTexts(items);
	await page.locator(sel.rlcSearch).filter({ visible: true }).fill(search);
	const shown = await poll(
		() => itemTexts(items),
		(texts) => JSON.stringify(texts) === JSON.stringify(expected),
		(texts) =>
			`searching "${search}" lists ${JSON.stringify(texts)}, expected ${JSON.stringify(expected)}`,
	);
	const searches = (await run.sandboxRequests())
		.slice(requestsBefore)
		.filter((r) => r.method === 'GET' && r.rawPath.includes(`${picker.path}?`))
		.map((r) => ({ status: r.status, query: new URL(r.rawPath, 'http://x').searchParams }))
		.map((r) => `search=${r.query.get('search') ?? '(none)'} → ${r.status}`);
	return { modes, items, unfiltered, shown, searches };
}
