/**
 * The Campaign resource in n8n 2.40.7's editor: the Operation list, Get Many run from the NDV, and
 * Update's Update Fields. In a tab of its own on a new, empty workflow (2.40.7 autosaves and locks
 * a workflow that is open in another tab), with the nodes added from the node panel.
 */
import type { BrowserContext, Page } from 'playwright-core';

import {
	assert,
	closeNdv,
	closeNodeCreator,
	collection,
	collectionChoices,
	CheckError,
	openLeadlexActions,
	openNewWorkflow,
	outputTable,
	sel,
} from './dom';
import { addNodeAs, expectOperations, runInFormTab, type FormCheckRun } from './forms';

/** What these checks need of test/ui/run.ts's Run. */
export interface CampaignCheckRun extends FormCheckRun {
	sandboxState(): Promise<{
		campaigns: Array<{ id: string; name: string; status: string; created_at?: string }>;
	}>;
}

/** The Campaign resource's operations, as nodes/Leadlex/actions/campaign/Campaign.resource.ts lists them. */
export const CAMPAIGN_OPERATIONS = [
	'Add Contacts',
	'Create',
	'Delete',
	'Get',
	'Get Contacts',
	'Get Events',
	'Get Many',
	'Get Stats',
	'Pause',
	'Start',
	'Update',
];
/** The same operations' actions, as the node panel lists them under "Campaign Actions". */
export const CAMPAIGN_ACTIONS = [
	'Add contacts to a campaign',
	'Create a campaign',
	'Delete a campaign',
	'Get a campaign',
	'Get the contacts of a campaign',
	'Get the events of a campaign',
	'Get many campaigns',
	'Get the stats of a campaign',
	'Pause a campaign',
	'Start a campaign',
	'Update a campaign',
];
/** What n8n itself adds to the Operation list (the credential can sign HTTP requests). */
const N8N_OPERATIONS = ['Custom API Call'];
/** campaignSettingFields in nodes/Leadlex/actions/campaign/campaignFields.ts, in its order. */
export const CAMPAIGN_UPDATE_FIELDS = [
	'Daily Send Limit',
	'Delay Between Emails',
	'Description',
	'Name',
	'Send On Weekends',
	'Sending Timezone',
	'Show Unsubscribe',
	'Track Clicks',
	'Track Opens',
];
const GET_MANY_LIMIT = 5;

/**
 * A new workflow → node panel → LeadLex: the 11 Campaign actions (the docs screenshot); then
 * "Get many campaigns": its Operation list.
 */
async function checkCampaignOperations(page: Page, run: CampaignCheckRun): Promise<string> {
	await openNewWorkflow(page, run.stack.n8nUrl);
	await openLeadlexActions(page);
	const actionNames = page.locator(
		`${sel.nodeCreator} ${sel.creatorItem}[data-keyboard-nav-type="action"] ${sel.creatorItemName}`,
	);
	await actionNames
		.filter({ hasText: /^Get many campaigns$/ })
		.first()
		.waitFor();
	const actions = (await actionNames.allInnerTexts())
		.map((a) => a.trim())
		.filter((a) => / campaigns?$/.test(a));
	assert(
		JSON.stringify(actions) === JSON.stringify(CAMPAIGN_ACTIONS),
		`the node panel's Campaign actions are ${JSON.stringify(actions)}, expected ${JSON.stringify(CAMPAIGN_ACTIONS)}`,
	);
	await page.mouse.move(0, 0);
	// n8n 2.41 slides the node's details in: the docs screenshot waits for the panel to settle.
	await page.waitForTimeout(600);
	await run.screenshot(page, 'campaign-operations');
	await closeNodeCreator(page);
	const { title } = await addNodeAs(page, 'Get many campaigns', 'Campaign', 'Get Many');
	const options = await expectOperations(page, CAMPAIGN_OPERATIONS, N8N_OPERATIONS);
	await run.screenshot(page, 'campaign-operation-dropdown');
	await page.keyboard.press('Escape');
	return (
		`node panel → LeadLex: ${actions.length} Campaign actions (${actions.join(', ')})\n` +
		`node "${title}" (Resource "Campaign"): Operation offers ${options.map((o) => `"${o}"`).join(', ')}`
	);
}

/** The same node, Limit 5, "Execute step": the output panel lists the sandbox's newest 5 campaigns. */
async function checkCampaignGetMany(page: Page, run: CampaignCheckRun): Promise<string> {
	const ndv = page.locator(sel.ndv);
	if (!(await ndv.isVisible())) {
		throw new CheckError('skipped: the Get Many node is not open (the previous check failed)');
	}
	const state = await run.sandboxState();
	const expected = [...state.campaigns]
		.sort((a, b) => String(b.created_at).localeCompare(String(a.created_at)))
		.slice(0, GET_MANY_LIMIT);
	const limit = ndv.locator('[data-test-id="parameter-input-limit"] input');
	await limit.fill(String(GET_MANY_LIMIT));
	await limit.press('Tab');
	const requestsBefore = (await run.sandboxRequests()).length;
	await ndv.locator(sel.executeNode).click();
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
	const shown = rows.map((r) => `${r.id} ${r.name} (${r.status})`);
	const wanted = expected.map((c) => `${c.id} ${c.name} (${c.status})`);
	assert(
		JSON.stringify(shown) === JSON.stringify(wanted),
		`the output panel shows ${JSON.stringify(shown)}, expected the sandbox's newest ${GET_MANY_LIMIT}: ${JSON.stringify(wanted)}`,
	);
	const requests = (await run.sandboxRequests())
		.slice(requestsBefore)
		.map((r) => `${r.method} ${r.rawPath.replace(/^.*\/v1/, '/v1')} → ${r.status}`);
	assert(
		requests.length === 1 && /^GET \/v1\/campaigns\?.*per_page=5\b.* → 200$/.test(requests[0]),
		`the sandbox saw ${JSON.stringify(requests)}, expected one GET /v1/campaigns with per_page=5`,
	);
	await page.mouse.move(0, 0);
	await run.screenshot(page, 'campaign-get-many-output');
	await closeNdv(page);
	return `Limit ${GET_MANY_LIMIT} → output (table): ${shown.join(' | ')}\nsandbox: ${requests.join(', ')}`;
}

/** "Update a campaign" from the node panel: Update Fields → Add Field. */
async function checkCampaignUpdateFields(page: Page): Promise<string> {
	const { ndv, title } = await addNodeAs(page, 'Update a campaign', 'Campaign', 'Update');
	const choices = await collectionChoices(page, collection(ndv, 'Update Fields'));
	assert(
		JSON.stringify(choices) === JSON.stringify(CAMPAIGN_UPDATE_FIELDS),
		`Update Fields → Add Field offers ${JSON.stringify(choices)}, expected ${JSON.stringify(CAMPAIGN_UPDATE_FIELDS)}`,
	);
	await page.keyboard.press('Escape');
	await closeNdv(page);
	return `node "${title}": Update Fields → Add Field offers ${choices.join(', ')}`;
}

/** Three checks, in a tab of their own on a new workflow. */
export async function checkCampaignForms(
	context: BrowserContext,
	run: CampaignCheckRun,
): Promise<void> {
	await runInFormTab(context, run, [
		{
			name: `Campaign: the node panel lists its ${CAMPAIGN_ACTIONS.length} actions; the Operation field offers ${CAMPAIGN_OPERATIONS.join(', ')}`,
			body: (page) => checkCampaignOperations(page, run),
		},
		{
			name: `Campaign → Get Many (Limit ${GET_MANY_LIMIT}): executing it shows the sandbox's newest campaigns in the output panel`,
			body: (page) => checkCampaignGetMany(page, run),
			continues: true,
		},
		{
			name: `Campaign → Update: Update Fields offers the ${CAMPAIGN_UPDATE_FIELDS.length} campaign settings`,
			body: (page) => checkCampaignUpdateFields(page),
		},
	]);
}
