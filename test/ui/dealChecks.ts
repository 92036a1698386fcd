/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev tooling, never packed: copies a docs screenshot and asks the sandbox's API for its deals */
/**
 * The Deal resource and the Deal picker of Note in n8n 2.41's editor: the Deal Operation list,
 * the Update form with Options → Tags Mode (its docs screenshot, docs/deal-update.png with
 * --update-docs), and Note → Create's parent pickers, the Deal picker's search included. In a tab
 * of its own on a new, empty workflow (as contactChecks.ts), with the nodes added from the node
 * panel.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

import { PROJECT_ROOT } from '../../scripts/n8n/harness';
import { SANDBOX_KEYS } from '../sandbox/seed';
import {
	addCollectionField,
	assert,
	chooseMode,
	closeNdv,
	collection,
	collectionChoices,
	collectionChoicesClosed,
	formOutline,
	inputValue,
	openList,
	openNewWorkflow,
	parameterOptions,
	pickOption,
	poll,
	popupsSettled,
	rlc,
} from './dom';
import {
	addNodeAs,
	assertNoticeSays,
	assertPickerModes,
	chooseEntry,
	expectChosenId,
	addNodeWithForm,
	expectOperations,
	runInFormTab,
	searchPicker,
	withoutNoticeTexts,
	type FormCheckRun,
	type FormSpec,
} from './forms';

/** What these checks need of test/ui/run.ts's Run. */
export type DealCheckRun = FormCheckRun;

/** The Deal resource's operations, as nodes/Leadlex/actions/deal/Deal.resource.ts lists them. */
export const DEAL_OPERATIONS = [
	'Create',
	'Create Many',
	'Delete',
	'Delete Many',
	'Find Duplicates',
	'Get',
	'Get Many',
	'Update',
	'Update Many',
];
/** Deal → Update, top to bottom (update.operation.ts: the picker, Update Fields, the notice, Options). */
const UPDATE: FormSpec = {
	action: 'Update a deal',
	resource: 'Deal',
	operation: 'Update',
	form: ['Resource', 'Operation', 'Deal', 'Update Fields', 'notice', 'Options'],
};
/** What update.operation.ts's tagsNotice must say. */
const TAGS_NOTICE_PARTS = [
	'LeadLex replaces all of a deal’s tags with Tags',
	'set Options → Tags Mode: the node then reads the deal first',
	'a change made to the deal’s tags between that read and the update is lost',
];
/** Options → Add Option on Deal → Update: Tags Mode, then the shared rate-limit options (optionsField). */
const UPDATE_OPTIONS = ['Tags Mode', 'Retry On Rate Limit', 'Max Rate Limit Wait'];
/** Tags Mode's options with their descriptions (name, then description, as the dropdown shows them). */
const TAGS_MODES = [
	['Add', 'Read the deal, then send its tags plus the ones given'],
	['Remove', 'Read the deal, then send its tags without the ones given'],
	['Replace', 'Send the tags given: they replace the deal’s tags (LeadLex’s behaviour)'],
];
/** Note → Create, top to bottom (note/create.operation.ts, links.ts's parentFields). */
const NOTE_CREATE: FormSpec = {
	action: 'Add a note to a contact, company or deal',
	resource: 'Note',
	operation: 'Create',
	form: [
		'Resource',
		'Operation',
		'Title',
		'Content',
		'notice',
		'Contact',
		'Company',
		'Deal',
		'Contact Name',
		'Company Name',
		'Additional Fields',
		'Options',
	],
};
const PARENT_NOTICE =
	'Link the note to at least one contact, company or deal (by ID), or give a contact or company name for LeadLex to look up';
/** The parent pickers of Note → Create: each a resource locator. */
const NOTE_PICKERS = ['contactId', 'companyId', 'dealId'];
const UPDATE_DEAL = 'Example Estate Plan';
const UPDATE_TAGS = 'referral, new-client';
const SEARCH = 'harbor';
const DOCS_SHOT = path.join(PROJECT_ROOT, 'docs', 'deal-update.png');
const DEAL_PICKER = { parameter: 'dealId', label: 'Deal', path: '/v1/deals' };

interface ListedDeal {
	id: string;
	name: string;
	status: string;
	stage: string | null;
}

/** The sandbox's deals (GET /v1/deals, first page), through its API. */
async function sandboxDeals(run: DealCheckRun): Promise<ListedDeal[]> {
	const url = `${run.stack.sandbox.url}/v1/deals?per_page=100`;
	const response = await fetch(url, { headers: { Authorization: `Bearer ${SANDBOX_KEYS.full}` } });
	assert(response.ok, `GET ${url} answered ${response.status}`);
	const body = (await response.json()) as { data: { deals: ListedDeal[] } };
	return body.data.deals;
}

/** A deal as the Deal picker lists it: its name, then its status and stage. */
function pickerEntry(deal: ListedDeal): string {
	return `${deal.name} (${[deal.status, deal.stage].filter(Boolean).join(', ')})`;
}

/** The visible options of the open dropdown as [name, description]. */
async function openOptionsWithDescriptions(page: Page): Promise<string[][]> {
	const options = page.getByRole('option').filter({ visible: true });
	await options.first().waitFor();
	return (await options.allInnerTexts()).map((text) =>
		text
			.split('\n')
			.map((line) => line.trim())
			.filter(Boolean),
	);
}

/** "Create a deal" from the node panel: its Operation list. */
async function checkDealOperations(page: Page, run: DealCheckRun): Promise<string> {
	await openNewWorkflow(page, run.stack.n8nUrl);
	const { title } = await addNodeAs(page, 'Create a deal', 'Deal', 'Create');
	// Exactly these: n8n 2.41 adds nothing (no "Custom API Call") to this node's Operation list.
	const options = await expectOperations(page, DEAL_OPERATIONS);
	await run.screenshot(page, 'deal-operation-dropdown');
	await page.keyboard.press('Escape');
	await closeNdv(page);
	return `node "${title}" (Resource "Deal"): Operation offers ${options.map((o) => `"${o}"`).join(', ')}`;
}

/**
 * "Update a deal": the picker, Update Fields, the tags notice, Options; Options → Tags Mode with
 * its three modes and what each does; the docs screenshot.
 */
async function checkDealUpdateForm(page: Page, run: DealCheckRun): Promise<string> {
	const { ndv, title, shown, notice } = await addNodeWithForm(page, UPDATE);
	assertNoticeSays(notice, TAGS_NOTICE_PARTS);

	const deals = await sandboxDeals(run);
	const deal = deals.find((d) => d.name === UPDATE_DEAL);
	assert(deal, `the sandbox's GET /v1/deals lacks "${UPDATE_DEAL}"`);
	const modes = await chooseMode(page, 'dealId', 'list');
	assertPickerModes(modes, DEAL_PICKER.label);
	await chooseEntry(page, 'dealId', await openList(page, 'dealId'), pickerEntry(deal));

	const fields = collection(ndv, 'Update Fields');
	await addCollectionField(page, fields, 'Tags');
	await ndv.locator('[data-test-id="parameter-input-tags"] input').fill(UPDATE_TAGS);

	const options = collection(ndv, 'Options');
	const choices = await collectionChoices(page, options);
	assert(
		JSON.stringify(choices) === JSON.stringify(UPDATE_OPTIONS),
		`Options → Add Option offers ${JSON.stringify(choices)}, expected ${JSON.stringify(UPDATE_OPTIONS)}`,
	);
	await page.keyboard.press('Escape');
	await collectionChoicesClosed(page);
	await addCollectionField(page, options, 'Tags Mode');
	const added = await formOutline(options);
	assert(
		JSON.stringify(added) === JSON.stringify(['Options', 'Tags Mode']),
		`after adding Tags Mode, Options shows ${JSON.stringify(added)}`,
	);
	const initial = await inputValue(page, 'tagsMode');
	assert(initial === 'Replace', `Tags Mode starts as "${initial}", expected "Replace"`);
	await parameterOptions(page, 'tagsMode');
	const tagModes = await openOptionsWithDescriptions(page);
	assert(
		JSON.stringify(tagModes) === JSON.stringify(TAGS_MODES),
		`Tags Mode offers ${JSON.stringify(tagModes)}, expected ${JSON.stringify(TAGS_MODES)}`,
	);
	// The docs screenshot: the notice, and each mode saying what it does.
	await page.mouse.move(0, 0);
	await popupsSettled(page);
	const shot = await run.screenshot(page, 'deal-update');
	const updateDocs = process.argv.includes('--update-docs');
	if (updateDocs) fs.copyFileSync(shot, DOCS_SHOT);
	await pickOption(page, 'Add');
	const mode = await poll(
		() => inputValue(page, 'tagsMode'),
		(value) => value === 'Add',
		(value) => `after choosing Add, Tags Mode shows "${value}"`,
	);
	// The notice stays beside the Options once Tags Mode is set.
	const after = withoutNoticeTexts(await formOutline(ndv));
	const expectedAfter = [
		'Resource',
		'Operation',
		'Deal',
		'Update Fields',
		'Tags',
		'notice',
		'Options',
		'Tags Mode',
	];
	assert(
		JSON.stringify(after) === JSON.stringify(expectedAfter),
		`with Tags and Tags Mode set, the Update form shows ${JSON.stringify(after)}, expected ${JSON.stringify(expectedAfter)}`,
	);
	await page.mouse.move(0, 0);
	await popupsSettled(page);
	await run.screenshot(page, 'deal-update-tags-mode-add');
	await closeNdv(page);
	return (
		`node "${title}": ${shown.join(' → ')}; Deal modes ${modes.join(' / ')}; chose "${pickerEntry(deal)}"\n` +
		`notice "${notice}"\n` +
		`Options → Add Option offers ${choices.join(', ')}; Tags Mode (default "${initial}") offers ` +
		`${tagModes.map(([name, description]) => `${name} ("${description}")`).join(', ')}; chose "${mode}"\n` +
		`with Update Fields → Tags "${UPDATE_TAGS}": ${after.join(' → ')}` +
		(updateDocs ? `\ncopied to ${path.relative(PROJECT_ROOT, DOCS_SHOT)}` : '')
	);
}

/**
 * "Add a note to a contact, company or deal": the parent notice and pickers; the Deal picker's
 * From List searched by part of a seeded deal's name; the chosen entry's value is the deal's ID.
 */
async function checkNoteDealPicker(page: Page, run: DealCheckRun): Promise<string> {
	const { title, shown, notice } = await addNodeWithForm(page, NOTE_CREATE);
	assert(notice === PARENT_NOTICE, `the notice reads "${notice}", expected "${PARENT_NOTICE}"`);
	const pickers: string[] = [];
	for (const parameter of NOTE_PICKERS) {
		assert(
			(await rlc(page, parameter).count()) === 1,
			`${parameter} is not a picker (no resource locator in the form)`,
		);
		pickers.push(parameter);
	}

	const deals = await sandboxDeals(run);
	const expected = deals
		.filter((d) => d.name.toLowerCase().includes(SEARCH))
		.map((d) => ({ entry: pickerEntry(d), id: d.id }));
	assert(
		expected.length > 0,
		`the sandbox has no deal whose name contains "${SEARCH}": ${JSON.stringify(deals.map((d) => d.name))}`,
	);
	const wanted = expected.map((e) => e.entry);
	const {
		modes,
		items,
		unfiltered,
		shown: listed,
		searches,
	} = await searchPicker(page, run, DEAL_PICKER, SEARCH, wanted);
	assert(
		JSON.stringify(unfiltered) === JSON.stringify(deals.map(pickerEntry)),
		`From List shows ${JSON.stringify(unfiltered)}, expected the sandbox's deals ${JSON.stringify(deals.map(pickerEntry))}`,
	);
	// GET /v1/deals documents no search: the node filters the pages by name and sends none.
	assert(
		searches.length > 0 && searches.every((entry) => entry === 'search=(none) → 200'),
		`the Deal list's requests were not GET /v1/deals without a search, each 200: ${JSON.stringify(searches)}`,
	);
	await run.screenshot(page, 'note-deal-picker-search');
	const [choice] = expected;
	await chooseEntry(page, DEAL_PICKER.parameter, items, choice.entry);
	// The chosen entry's value is the deal's ID ("By ID" shows the raw value).
	const id = await expectChosenId(page, DEAL_PICKER.parameter, choice.entry, choice.id, 'Deal');
	await page.mouse.move(0, 0);
	await run.screenshot(page, 'note-deal-picker-chosen');
	await closeNdv(page);
	return (
		`node "${title}": ${shown.join(' → ')}\n` +
		`notice "${notice}"; pickers (resource locators): ${pickers.join(', ')}\n` +
		`Deal modes ${modes.join(' / ')}; From List showed ${unfiltered.length} deals, "${SEARCH}" → ` +
		`${listed.map((s) => `"${s}"`).join(', ')} (sandbox: ${searches.join(', ')})\n` +
		`chose "${choice.entry}" → By ID ${id}`
	);
}

/** Three checks, in a tab of their own on a new workflow. */
export async function checkDealForms(context: BrowserContext, run: DealCheckRun): Promise<void> {
	await runInFormTab(context, run, [
		{
			name: `Deal: the Operation field offers ${DEAL_OPERATIONS.join(', ')}`,
			body: (page) => checkDealOperations(page, run),
		},
		{
			name: 'Deal → Update: the Deal picker, Update Fields, the tags notice, Options; Options → Tags Mode offers Add, Remove, Replace, each saying what it does',
			body: (page) => checkDealUpdateForm(page, run),
		},
		{
			name: `Note → Create: the parent notice and the Contact, Company and Deal pickers; the Deal picker's search "${SEARCH}" lists the sandbox's deal; choosing it sets its ID`,
			body: (page) => checkNoteDealPicker(page, run),
		},
	]);
}
