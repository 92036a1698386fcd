/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev tooling, never packed: copies a docs screenshot and asks the sandbox's API what a search finds */
/**
 * The Contact resource in n8n 2.41's editor: the Operation list once Resource is Contact, the
 * Create or Update form (its docs screenshot, docs/contact-upsert.png with --update-docs), and the
 * Contact picker's search. In a tab of its own on a new, empty workflow (as campaignChecks.ts),
 * with the nodes added from the node panel.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

import { PROJECT_ROOT } from '../../scripts/n8n/harness';
import { JANE } from '../sandbox/activity';
import { SANDBOX_KEYS } from '../sandbox/seed';
import {
	addLeadlexNode,
	assert,
	closeNdv,
	collection,
	collectionChoices,
	inputValue,
	ndvTitle,
	openNewWorkflow,
	parameterOptions,
	pickOption,
	poll,
	sel,
} from './dom';
import {
	addNodeAs,
	assertNoticeSays,
	chooseEntry,
	expectChosenId,
	addNodeWithForm,
	expectOperations,
	runInFormTab,
	searchPicker,
	type FormCheckRun,
	type FormSpec,
} from './forms';

/** What these checks need of test/ui/run.ts's Run. */
export type ContactCheckRun = FormCheckRun;

/** The Resource field's options, as nodes/Leadlex/Leadlex.node.ts lists them. */
const RESOURCES = [
	'Activity',
	'Campaign',
	'Campaign Step',
	'Company',
	'Contact',
	'Deal',
	'Lexi AI',
	'List',
	'Note',
	'Task',
];
/** The Contact resource's operations, as nodes/Leadlex/actions/contact/Contact.resource.ts lists them. */
export const CONTACT_OPERATIONS = [
	'Create',
	'Create Many',
	'Create or Update',
	'Delete',
	'Delete Many',
	'Find Duplicates',
	'Export',
	'Get',
	'Get Many',
	'Get Notes',
	'Import',
	'Merge',
	'Update',
];
/** contactCreateFields in nodes/Leadlex/actions/contact/contactFields.ts, in its order. */
const CONTACT_CREATE_FIELDS = [
	'Company',
	'Created Date',
	'Custom Fields',
	'Custom Fields (JSON)',
	'First Name',
	'Job Title',
	'Last Name',
	'LinkedIn URL',
	'Phone',
	'Priority',
	'Related Company ID',
	'Tags',
];
/** The Create or Update form, top to bottom. */
const UPSERT: FormSpec = {
	action: 'Create or update a contact',
	resource: 'Contact',
	operation: 'Create or Update',
	form: ['Resource', 'Operation', 'Email', 'Full Name', 'notice', 'Additional Fields', 'Options'],
};
/** n8n's issue for an empty required parameter (NodeHelpers.getParameterIssues). */
const EMAIL_REQUIRED = 'Parameter "Email" is required';
/** What the creationOnlyNotice must say. */
const NOTICE_PARTS = ['apply only when the contact is created', 'not_updated'];
const SEARCH = 'jane@exa';
const JANE_ENTRY = `${JANE.name} (${JANE.email})`;
const DOCS_SHOT = path.join(PROJECT_ROOT, 'docs', 'contact-upsert.png');
const CONTACT_PICKER = { parameter: 'contactId', label: 'Contact', path: '/v1/contacts' };

/** A node added as "Get the stats of a campaign", Resource switched to Contact: its Operation list. */
async function checkContactOperations(page: Page, run: ContactCheckRun): Promise<string> {
	await openNewWorkflow(page, run.stack.n8nUrl);
	const ndv = await addLeadlexNode(page, 'Get the stats of a campaign');
	const title = await ndvTitle(ndv);
	const resources = await parameterOptions(page, 'resource');
	assert(
		JSON.stringify(resources) === JSON.stringify(RESOURCES),
		`Resource offers ${JSON.stringify(resources)}, expected ${JSON.stringify(RESOURCES)}`,
	);
	await pickOption(page, 'Contact');
	const resource = await poll(
		() => inputValue(page, 'resource'),
		(value) => value === 'Contact',
		(value) => `after choosing Contact, Resource shows "${value}"`,
	);
	// Get Stats is no Contact operation: the field changes once the Contact operations are in place.
	const operation = await poll(
		() => inputValue(page, 'operation'),
		(value) => CONTACT_OPERATIONS.includes(value),
		(value) => `after choosing Contact, Operation shows "${value}", not a Contact operation`,
	);
	// Exactly these: n8n 2.41 adds nothing (no "Custom API Call") to this node's Operation list.
	const options = await expectOperations(page, CONTACT_OPERATIONS);
	await run.screenshot(page, 'contact-operation-dropdown');
	await page.keyboard.press('Escape');
	// n8n renamed the node after its new operation: it goes, so the next node gets that name.
	const renamed = await ndvTitle(ndv);
	await closeNdv(page);
	const node = page.locator(`${sel.canvasNode}[data-node-name="${renamed}"]`);
	await node.click();
	await page.keyboard.press('Delete');
	await node.waitFor({ state: 'detached' });
	// Selected, the trigger is what the next node is connected to.
	await page.locator(`${sel.canvasNode}[data-node-type="n8n-nodes-base.manualTrigger"]`).click();
	return (
		`node "${title}": Resource offers ${resources.join(', ')}; chose "${resource}" → Operation "${operation}" (node renamed "${renamed}", then deleted)\n` +
		`Operation offers ${options.map((o) => `"${o}"`).join(', ')}`
	);
}

/** "Create or update a contact": the form, its notice, Additional Fields; the docs screenshot. */
async function checkUpsertForm(page: Page, run: ContactCheckRun): Promise<string> {
	const { ndv, title, shown, notice } = await addNodeWithForm(page, UPSERT);
	assertNoticeSays(notice, NOTICE_PARTS);
	// Required: once left empty, Email (not Full Name) is marked with an issue, gone once filled.
	// (n8n hides a new node's issues until a field is left: Email, then Full Name, are focused and left.)
	const issues = (parameter: string) =>
		ndv
			.locator('[data-test-id="parameter-item"]')
			.filter({ has: page.locator(`label[for="${parameter}"]`) })
			.locator('[data-test-id="parameter-issues"]')
			.filter({ visible: true });
	const email = ndv.locator('[data-test-id="parameter-input-email"] input');
	const fullName = ndv.locator('[data-test-id="parameter-input-fullName"] input');
	await email.focus();
	await fullName.focus();
	await fullName.blur();
	await issues('email').first().waitFor();
	assert(
		(await issues('fullName').count()) === 0,
		'the empty Full Name is marked with an issue, as if it were required',
	);
	await issues('email').first().hover();
	const tooltip = page.getByText(EMAIL_REQUIRED).filter({ visible: true }).first();
	await tooltip.waitFor();
	const issue = ((await tooltip.textContent()) ?? '').trim();
	await page.mouse.move(0, 0);
	await email.fill(JANE.email);
	await fullName.fill(JANE.name);
	await issues('email').first().waitFor({ state: 'hidden' });
	const choices = await collectionChoices(page, collection(ndv, 'Additional Fields'));
	assert(
		JSON.stringify(choices) === JSON.stringify(CONTACT_CREATE_FIELDS),
		`Additional Fields → Add Field offers ${JSON.stringify(choices)}, expected ${JSON.stringify(CONTACT_CREATE_FIELDS)}`,
	);
	await page.keyboard.press('Escape');
	await page
		.locator('[data-test-id="collection-parameter-option"]')
		.filter({ visible: true })
		.first()
		.waitFor({ state: 'hidden' });
	await page.mouse.move(0, 0);
	const shot = await run.screenshot(page, 'contact-upsert');
	const updateDocs = process.argv.includes('--update-docs');
	if (updateDocs) fs.copyFileSync(shot, DOCS_SHOT);
	await closeNdv(page);
	return (
		`node "${title}": ${shown.join(' → ')}\n` +
		`empty Email marked "${issue}" (Full Name not); the mark goes once Email is filled\n` +
		`notice "${notice}"\n` +
		`Additional Fields → Add Field offers ${choices.join(', ')}` +
		(updateDocs ? `\ncopied to ${path.relative(PROJECT_ROOT, DOCS_SHOT)}` : '')
	);
}

/** The contacts the sandbox's API finds for `search`, as the picker should list them. */
async function sandboxSearch(run: ContactCheckRun, search: string): Promise<string[]> {
	const url = `${run.stack.sandbox.url}/v1/contacts?per_page=100&search=${encodeURIComponent(search)}`;
	const response = await fetch(url, { headers: { Authorization: `Bearer ${SANDBOX_KEYS.full}` } });
	assert(response.ok, `GET ${url} answered ${response.status}`);
	const body = (await response.json()) as {
		data: { contacts: Array<{ full_name: string; email: string }> };
	};
	return body.data.contacts.map((c) => `${c.full_name} (${c.email})`);
}

/** "Get a contact": From List, search part of an email, choose Jane; By ID shows her ID. */
async function checkContactPicker(page: Page, run: ContactCheckRun): Promise<string> {
	const { title } = await addNodeAs(page, 'Get a contact', 'Contact', 'Get');
	const expected = await sandboxSearch(run, SEARCH);
	assert(
		expected.includes(JANE_ENTRY),
		`the sandbox's GET /v1/contacts?search=${SEARCH} lacks ${JANE_ENTRY}: ${JSON.stringify(expected)}`,
	);
	const { modes, items, unfiltered, shown, searches } = await searchPicker(
		page,
		run,
		CONTACT_PICKER,
		SEARCH,
		expected,
	);
	assert(
		searches.includes(`search=${SEARCH} → 200`),
		`the sandbox saw no GET /v1/contacts?search=${SEARCH}: ${JSON.stringify(searches)}`,
	);
	await run.screenshot(page, 'contact-picker-search');
	await chooseEntry(page, CONTACT_PICKER.parameter, items, JANE_ENTRY);
	// The chosen entry's value is the contact's ID ("By ID" shows the raw value).
	const id = await expectChosenId(page, CONTACT_PICKER.parameter, JANE_ENTRY, JANE.id, 'Contact');
	await closeNdv(page);
	return (
		`node "${title}": Contact modes ${modes.join(' / ')}; From List showed ${unfiltered.length} contacts, ` +
		`"${SEARCH}" → ${shown.map((s) => `"${s}"`).join(', ')} (sandbox: ${searches.join(', ')})\n` +
		`chose "${JANE_ENTRY}" → By ID ${id}`
	);
}

/** Three checks, in a tab of their own on a new workflow. */
export async function checkContactForms(
	context: BrowserContext,
	run: ContactCheckRun,
): Promise<void> {
	await runInFormTab(context, run, [
		{
			name: `Contact: choosing Resource = Contact, the Operation field offers ${CONTACT_OPERATIONS.join(', ')}`,
			body: (page) => checkContactOperations(page, run),
		},
		{
			name: 'Contact → Create or Update: Email (required), Full Name, the creation-only notice, Additional Fields, Options',
			body: (page) => checkUpsertForm(page, run),
		},
		{
			name: `Contact → Get: the Contact picker's search "${SEARCH}" lists "${JANE_ENTRY}"; choosing it sets her ID`,
			body: (page) => checkContactPicker(page, run),
		},
	]);
}
