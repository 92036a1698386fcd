/* eslint-disable @n8n/community-nodes/no-restricted-imports --
   dev tooling, never packed: runs real n8n releases through their CLI and reports on the console. */
/**
 * The node as a real AI Agent's tool, in real n8n (2.41.1 on Node 24 = v2, 1.123.81 on Node 20 =
 * v1): n8n's AI Agent with n8n's OpenAI Chat Model, pointed at a scripted OpenAI-compatible
 * server (./modelServer.ts: no model, it answers from a script and records every request), and
 * eight LeadLex tool nodes (`n8n-nodes-leadlex.leadlexTool`): one per campaign-step operation,
 * Contact → Create or Update and Contact → Get Many, each with a `$fromAI` field inside a
 * collection (Additional Fields → Job Title, Filters → Email), and a CRM assistant's Note → Create
 * and Task → Create (the contact by ID through the picker's By ID mode, the note's also by name).
 *
 *   npx tsx test/agent/run.ts [v1|v2|all] [--keep]
 *
 * `npm run test:agent` builds first. Per target: a fresh temp user folder, `npm install <tarball>`
 * in its .n8n/nodes, the LeadLex sandbox as a child process, the scripted model server in this
 * process, both credentials imported, two workflows (./workflow.ts) imported in one call, then two
 * `n8n execute` runs:
 *   1. the main workflow (tool nodes with On Error = Continue): the script plays the turns in
 *      TURNS one by one (one tool call per model request), snapshotting the sandbox (the
 *      campaign's steps, the contacts with Ada's email, the notes and tasks) each time a tool
 *      result comes back, then gives a final answer. The campaign-step turns come first; then the
 *      contact turns: create Ada, the same email with a new name (an update), Get Many by that
 *      email, and an email that is not one (refused before any request); then the CRM assistant:
 *      find the seeded Jane Example by her email, a note and a follow-up task on the ID it found,
 *      and a note for "Cleo Garcia", a name the sandbox's seed gives to many contacts;
 *   2. the same workflow with n8n's default error setting: one call with a bad step ID, to pin
 *      what each n8n version does with a failing tool when nobody set On Error.
 * All checks read what the model server recorded, the snapshots, and the run JSON n8n printed.
 * The contact checks (checkContacts) and the CRM assistant's (checkCrm) come last, after those of
 * both runs.
 * `--keep` keeps the temp folders (they are kept anyway on failure), with every request the model
 * received in model-requests-N.json and what n8n printed in n8n-execute-N.txt.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureRuntime, type Runtime, type RuntimeTarget } from '../../scripts/n8n/runtime';
import {
	CREDENTIAL_ID,
	CREDENTIAL_NAME,
	executeWorkflow,
	formatMs,
	importCredentials,
	importWorkflows,
	info,
	installPackage,
	isShuttingDown,
	makeTempDir,
	nodeRun,
	outputItems,
	PackageNotLoadedError,
	redact,
	startSandboxProcess,
	tail,
	type Execution,
	type SandboxContact,
	type SandboxProcess,
	type SandboxNote,
	type SandboxRequest,
	type SandboxStep,
	type SandboxTask,
} from '../../scripts/n8n/harness';
import { JANE } from '../sandbox/activity';
import { SANDBOX_KEYS } from '../sandbox/seed';
import {
	finalText,
	lastToolResult,
	startModelServer,
	toolCall,
	type ChatRequest,
	type ChatTool,
	type ModelServer,
	type RecordedModelRequest,
} from './modelServer';
import {
	AGENT_NODE,
	agentVersion,
	agentWorkflow,
	CONTACT_TOOLS,
	CRM_TOOLS,
	DEFAULTS_PROMPT,
	DEFAULTS_WORKFLOW_ID,
	MAX_ITERATIONS,
	OPENAI_CREDENTIAL_ID,
	OPENAI_CREDENTIAL_NAME,
	PROMPT,
	STEP_TOOLS,
	toolName,
	TOOLS,
	WORKFLOW_ID,
	type ToolSpec,
} from './workflow';
import {
	CheckRunner,
	indent,
	type CheckResult,
	runSuite,
	runtimeUnavailable,
} from '../../scripts/n8n/checks';

const FULL_KEY = SANDBOX_KEYS.full;
/** The scripted server ignores it; it must still never reach the model or the output. */
const FAKE_KEYS = { model: 'sk-scripted-0d9c7e3b5a1f4e2d8c6b0a9f7e5d3c1b' } as const;
const SECRETS = [FULL_KEY, FAKE_KEYS.model];
const CAMPAIGN = 'cmp_abc123';
const STEPS_PATH = `/v1/campaigns/${CAMPAIGN}/steps`;

/** What the model "chooses" for the new step. */
const NEW_STEP = {
	subject: 'Closing the loop on your estate plan, {{first_name}}',
	body: 'Hi {{first_name}}, this is my last note on the estate-planning checklist. Reply any time.',
	delayDays: 6,
};

/** The contact the model saves; then the same email with a new name and job title. */
const ADA = { email: 'ada@example.com', fullName: 'Ada Lovelace', jobTitle: 'Mathematician' };
const ADA_RENAMED = {
	email: ADA.email,
	fullName: 'Augusta Ada King',
	jobTitle: 'Analytical Engine programmer',
};
/** The email the model gets wrong: the node refuses it before any request. */
const BAD_EMAIL = 'ada at example';

/** The CRM assistant's note and follow-up task on the seeded contact it finds by email. */
const CALL_NOTE = {
	title: 'Call with Jane about the living trust',
	content: 'Jane asked for a draft of the trust deed by the end of May.',
};
const FOLLOW_UP = { title: 'Send Jane the draft trust deed', dueDate: '2026-05-29' };
/** Many seeded contacts share this name (test/sandbox/activity.ts): LeadLex cannot choose. */
const AMBIGUOUS_NAME = 'Cleo Garcia';
const AMBIGUOUS_NOTE = { title: 'Call with Cleo', content: 'Cleo called about the lease.' };

// ---------------------------------------------------------------- the script

type StepTurnKey =
	| 'badId'
	| 'createMissing'
	| 'deleteMissing'
	| 'deleteGoneStep'
	| 'create'
	| 'delete';
type ContactTurnKey = 'contactCreate' | 'contactUpdate' | 'contactFind' | 'contactBadEmail';
type CrmTurnKey = 'crmFind' | 'crmNote' | 'crmTask' | 'crmAmbiguous';

/**
 * One scripted model turn: a tool call with the arguments the "model" chose, fixed or read from
 * the tool results it received before (as a model copies an ID out of a search result).
 */
interface Turn {
	key: StepTurnKey | ContactTurnKey | CrmTurnKey;
	tool: ToolSpec;
	args:
		| Record<string, unknown>
		| ((seen: Map<Turn['key'], Observation>) => Record<string, unknown>);
}

/** The first item of a tool result that is a list of items, else undefined. */
function firstItem(observation: Observation | undefined): Record<string, unknown> | undefined {
	try {
		const items = JSON.parse(observation?.toolResult ?? 'null') as unknown;
		return Array.isArray(items) ? (items[0] as Record<string, unknown> | undefined) : undefined;
	} catch {
		return undefined;
	}
}

/** The ID of the contact the find turn returned ('' when it returned none). */
const foundContactId = (seen: Map<Turn['key'], Observation>): string =>
	String(firstItem(seen.get('crmFind'))?.id ?? '');

const TURNS: Turn[] = [
	{ key: 'badId', tool: TOOLS.delete, args: { campaignId: CAMPAIGN, stepId: '..' } },
	{ key: 'createMissing', tool: TOOLS.create, args: { campaignId: 'cmp_nope', ...NEW_STEP } },
	{ key: 'deleteMissing', tool: TOOLS.delete, args: { campaignId: 'cmp_nope', stepId: 'step_2' } },
	{ key: 'deleteGoneStep', tool: TOOLS.delete, args: { campaignId: CAMPAIGN, stepId: 'step_99' } },
	{ key: 'create', tool: TOOLS.create, args: { campaignId: CAMPAIGN, ...NEW_STEP } },
	{ key: 'delete', tool: TOOLS.delete, args: { campaignId: CAMPAIGN, stepId: 'step_2' } },
	{ key: 'contactCreate', tool: TOOLS.upsertContact, args: ADA },
	{ key: 'contactUpdate', tool: TOOLS.upsertContact, args: ADA_RENAMED },
	{ key: 'contactFind', tool: TOOLS.findContacts, args: { email: ADA.email } },
	{ key: 'contactBadEmail', tool: TOOLS.upsertContact, args: { ...ADA_RENAMED, email: BAD_EMAIL } },
	{ key: 'crmFind', tool: TOOLS.findContacts, args: { email: JANE.email } },
	{
		key: 'crmNote',
		tool: TOOLS.createNote,
		args: (seen) => ({ ...CALL_NOTE, contactId: foundContactId(seen), contactName: '' }),
	},
	{
		key: 'crmTask',
		tool: TOOLS.createTask,
		args: (seen) => ({ ...FOLLOW_UP, contactId: foundContactId(seen) }),
	},
	{
		key: 'crmAmbiguous',
		tool: TOOLS.createNote,
		args: { ...AMBIGUOUS_NOTE, contactId: '', contactName: AMBIGUOUS_NAME },
	},
];

// n8n's AI Agent fails the run once the tool calls reach its Max Iterations.
if (TURNS.length >= MAX_ITERATIONS) {
	throw new Error(`${TURNS.length} turns: raise MAX_ITERATIONS (${MAX_ITERATIONS}) in workflow.ts`);
}

/** What came back to the model for one turn, and the sandbox right then. */
interface Observation {
	/** The content of the tool message the model received. */
	toolResult: string | undefined;
	steps: SandboxStep[];
	/** The contacts with Ada's email, and how many contacts the workspace has. */
	contacts: SandboxContact[];
	contactTotal: number;
	/** The workspace's notes and tasks (none are seeded). */
	notes: SandboxNote[];
	tasks: SandboxTask[];
	/** The sandbox requests that arrived during this turn. */
	requests: SandboxRequest[];
}

/** The final answer quotes the tool results, so a check can find them in the run output. */
function finalAnswer(observations: Map<Turn['key'], Observation>): string {
	const created = observations.get('create')?.toolResult ?? '(nothing)';
	const deleted = observations.get('delete')?.toolResult ?? '(nothing)';
	const note = String(firstItem(observations.get('crmNote'))?.id ?? '(nothing)');
	const task = String(firstItem(observations.get('crmTask'))?.id ?? '(nothing)');
	return (
		`Done. Created the closing step: ${created}. Removed step_2: ${deleted}. ` +
		`Logged note ${note} and follow-up task ${task} for contact ${foundContactId(observations)}.`
	);
}

/**
 * The model: request i (i < TURNS.length) answers with TURNS[i]'s tool call; before that, the
 * tool result of TURNS[i - 1] (the last message) and the sandbox are recorded. The last request
 * gets the final answer.
 */
function agentScript(sandbox: SandboxProcess, observations: Map<Turn['key'], Observation>) {
	let requestsSeen = 0;
	return async (request: ChatRequest, chatIndex: number) => {
		if (chatIndex > 0 && chatIndex <= TURNS.length) {
			const requests = await sandbox.admin.requests();
			const { contacts, total } = await sandbox.admin.contacts(ADA.email);
			const { notes, tasks } = await sandbox.admin.crm();
			observations.set(TURNS[chatIndex - 1].key, {
				toolResult: lastToolResult(request),
				steps: await sandbox.admin.steps(CAMPAIGN),
				contacts,
				contactTotal: total,
				notes,
				tasks,
				requests: requests.slice(requestsSeen),
			});
			requestsSeen = requests.length;
		}
		const turn = TURNS[chatIndex];
		if (turn) {
			const args = typeof turn.args === 'function' ? turn.args(observations) : turn.args;
			return toolCall(toolName(turn.tool), args);
		}
		if (chatIndex === TURNS.length) return finalText(finalAnswer(observations));
		throw new Error(
			`unexpected chat request ${chatIndex + 1} (the script has ${TURNS.length + 1})`,
		);
	};
}

// ---------------------------------------------------------------- results

interface TargetReport {
	target: RuntimeTarget;
	n8nVersion: string;
	checks: CheckResult[];
	timings: Array<[string, number]>;
	totalMs: number;
	/** What reached the model for each error turn, for the summary. */
	errorTexts: Array<[string, string | undefined]>;
}

class TargetRun extends CheckRunner {
	constructor() {
		super(SECRETS);
	}
}

function show(value: unknown): string {
	return redact(JSON.stringify(value), SECRETS);
}

function context(execution: Execution): string {
	return (
		`execution ${execution.workflowId}: status ${execution.status ?? '(no run printed)'}, ` +
		`exit ${execution.signal ?? execution.exitCode}, error ${JSON.stringify(execution.errorMessage)}\n` +
		redact(tail(execution.output, 15), SECRETS)
	);
}

function requestLines(requests: SandboxRequest[]): string[] {
	return requests.map((r) => `${r.method} ${r.path} ${r.status}`);
}

// ---------------------------------------------------------------- one target

async function runTarget(
	target: RuntimeTarget,
	tarball: string,
	keep: boolean,
	workDirs: Set<string>,
): Promise<TargetReport> {
	const started = Date.now();
	const t = new TargetRun();
	const runtime: Runtime = await ensureRuntime(target);
	info(`\n=== ${target}: n8n ${runtime.n8nVersion} (${runtime.nodeBin})`);
	const work = makeTempDir(`leadlex-agent-${target}-`);
	workDirs.add(work);
	const userFolder = path.join(work, 'user');
	let sandbox: SandboxProcess | undefined;
	let model: ModelServer | undefined;
	const observations = new Map<Turn['key'], Observation>();
	try {
		await t.step('npm install <tarball> in .n8n/nodes', async () =>
			installPackage(userFolder, tarball),
		);
		sandbox = await t.step('start the sandbox', () => startSandboxProcess());
		const sb = sandbox;
		model = await t.step('start the scripted model server', () =>
			startModelServer(agentScript(sb, observations)),
		);
		info(`        sandbox at ${sb.url}, model at ${model.url}`);

		const credentialsFile = path.join(work, 'credentials.json');
		fs.writeFileSync(
			credentialsFile,
			JSON.stringify([
				{
					id: CREDENTIAL_ID,
					name: CREDENTIAL_NAME,
					type: 'leadlexApi',
					data: { apiKey: FULL_KEY, baseUrl: sb.url },
				},
				{
					id: OPENAI_CREDENTIAL_ID,
					name: OPENAI_CREDENTIAL_NAME,
					type: 'openAiApi',
					data: { apiKey: FAKE_KEYS.model, url: model.url },
				},
			]),
			{ mode: 0o600 },
		);
		await t.step('n8n import:credentials (LeadLex, OpenAI)', () =>
			importCredentials(runtime, userFolder, credentialsFile),
		);
		fs.rmSync(credentialsFile);
		const workflowDir = path.join(work, 'workflows');
		fs.mkdirSync(workflowDir);
		const workflows = [
			agentWorkflow(target, {
				id: WORKFLOW_ID,
				prompt: PROMPT,
				onError: 'continueRegularOutput',
			}),
			agentWorkflow(target, { id: DEFAULTS_WORKFLOW_ID, prompt: DEFAULTS_PROMPT }),
		];
		for (const workflow of workflows) {
			fs.writeFileSync(
				path.join(workflowDir, `${String(workflow.id)}.json`),
				JSON.stringify(workflow, null, 2),
			);
		}
		const imported = await t.step(
			`n8n import:workflow (2 workflows: AI Agent v${agentVersion(target)}, ${Object.keys(TOOLS).length} LeadLex tools)`,
			() => importWorkflows(runtime, userFolder, workflowDir),
		);
		t.check('imported both workflows', () => assert.equal(imported, 2));

		await sb.admin.reset();
		const seed = await sb.admin.steps(CAMPAIGN);
		const seedContacts = await sb.admin.contacts(ADA.email);
		const seedCrm = await sb.admin.crm();
		const namesakes = (await sb.admin.contacts()).contacts
			.filter((contact) => contact.full_name === AMBIGUOUS_NAME)
			.map((contact) => contact.id);
		const execution = await t.step(`n8n execute ${WORKFLOW_ID} (${TURNS.length} tool calls)`, () =>
			executeWorkflow(runtime, userFolder, WORKFLOW_ID),
		);
		const chats = model.chatRequests();
		keepOutputs(work, 1, execution, model);
		const finalState = await sb.admin.steps(CAMPAIGN);
		checkRun(t, execution, model, chats, observations, seed, finalState);

		// Run 2: n8n's default error setting on the tool nodes.
		await sb.admin.reset();
		model.clear();
		let defaultsResult: string | undefined;
		model.setScript((request, chatIndex) => {
			if (chatIndex === 0)
				return toolCall(toolName(TOOLS.delete), { campaignId: CAMPAIGN, stepId: '..' });
			defaultsResult = lastToolResult(request);
			return finalText(`LeadLex refused it: ${defaultsResult ?? '(nothing)'}`);
		});
		const execution2 = await t.step(`n8n execute ${DEFAULTS_WORKFLOW_ID} (default On Error)`, () =>
			executeWorkflow(runtime, userFolder, DEFAULTS_WORKFLOW_ID),
		);
		keepOutputs(work, 2, execution2, model);
		checkDefaults(
			t,
			target,
			execution2,
			model,
			defaultsResult,
			await sb.admin.requests(),
			seed,
			await sb.admin.steps(CAMPAIGN),
		);
		t.check('the API keys are absent from the output of both n8n execute runs', () => {
			for (const run of [execution, execution2]) {
				for (const secret of SECRETS) assert.ok(!run.output.includes(secret), run.workflowId);
			}
		});
		checkContacts(t, chats, observations, seedContacts);
		checkCrm(t, execution, chats, observations, seedCrm, namesakes);
	} catch (error) {
		const message = redact(error instanceof Error ? error.message : String(error), SECRETS);
		const kind = error instanceof PackageNotLoadedError ? 'PACKAGE NOT LOADED' : 'setup/run error';
		t.checks.push({ name: `${kind}: the target stopped here`, ok: false, detail: message });
		if (!isShuttingDown()) info(`  FAIL  ${kind}\n${indent(message)}`);
	} finally {
		await model?.close();
		if (sandbox) await sandbox.stop();
	}
	workDirs.delete(work);
	if (t.failed || keep) {
		info(`  (kept: ${work}: user folder, per run n8n-execute-N.txt and model-requests-N.json)`);
	} else {
		fs.rmSync(work, { recursive: true, force: true });
	}
	return {
		target,
		n8nVersion: runtime.n8nVersion,
		checks: t.checks,
		timings: t.timings,
		totalMs: Date.now() - started,
		errorTexts: (
			[
				'badId',
				'createMissing',
				'deleteMissing',
				'deleteGoneStep',
				'contactBadEmail',
				'crmAmbiguous',
			] as const
		).map((key) => [key, observations.get(key)?.toolResult]),
	};
}

/** What a run printed and what the model received, beside the user folder (keys redacted). */
function keepOutputs(work: string, run: number, execution: Execution, model: ModelServer): void {
	fs.writeFileSync(
		path.join(work, `n8n-execute-${run}.txt`),
		`# n8n execute --id=${execution.workflowId}: exit ${execution.signal ?? execution.exitCode}, ${execution.ms} ms\n` +
			redact(execution.output, SECRETS),
	);
	fs.writeFileSync(
		path.join(work, `model-requests-${run}.json`),
		redact(JSON.stringify(model.requests, null, 2), SECRETS),
	);
}

// ---------------------------------------------------------------- the checks

/** The node's error messages: n8n gives the model only the message (no description, no hint). */
const ERROR_MESSAGES = {
	badId: 'The Step ID is "..", which would change the request path. Nothing was sent to LeadLex.',
	createMissing:
		'Campaign "cmp_nope" was not found in LeadLex. A new step in campaign "cmp_nope" was not created.',
	deleteMissing:
		'Campaign "cmp_nope" was not found in LeadLex. Step "step_2" of campaign "cmp_nope" was not deleted.',
	deleteGoneStep:
		'Step "step_99" was not found in campaign "cmp_abc123". Step "step_99" of campaign "cmp_abc123" was not deleted.',
	contactBadEmail: `The Email must be an email address, but it is "${BAD_EMAIL}". Nothing was sent to LeadLex.`,
};
/** The tool result text: the failed call's one output item `{error: message}`, as JSON. */
const asToolResult = (message: string) => JSON.stringify([{ error: message }]);
const EXPECTED_ERRORS = Object.fromEntries(
	Object.entries(ERROR_MESSAGES).map(([key, message]) => [key, asToolResult(message)]),
) as Record<keyof typeof ERROR_MESSAGES, string>;
/** The error message as the model reads it, out of the tool result. */
const errorText = (toolResult: string | undefined): string =>
	(JSON.parse(toolResult ?? '[{}]') as Array<{ error?: string }>)[0]?.error ?? '';

/** One tool as the model received it: n8n's description from the action, the `$fromAI` schema. */
function checkToolDefinition(t: TargetRun, tools: ChatTool[], spec: ToolSpec): void {
	const name = toolName(spec);
	const tool = tools.find((candidate) => candidate.function.name === name);
	t.check(`${name}: description "${spec.action} in LeadLex"`, () => {
		assert.ok(tool, `no tool ${name}`);
		assert.equal(tool.function.description, `${spec.action} in LeadLex`);
	});
	t.check(
		`${name}: parameters ${spec.args.map((a) => `${a.name}: ${a.type}`).join(', ')}, all required`,
		() => {
			assert.ok(tool, `no tool ${name}`);
			const parameters = tool.function.parameters ?? {};
			assert.equal(parameters.type, 'object', show(parameters));
			assert.deepEqual(
				Object.fromEntries(
					Object.entries(parameters.properties ?? {}).map(([key, p]) => [
						key,
						{ type: p.type, description: p.description },
					]),
				),
				Object.fromEntries(
					spec.args.map((a) => [a.name, { type: a.type, description: a.description }]),
				),
				show(parameters),
			);
			assert.deepEqual(
				[...(parameters.required ?? [])].sort(),
				spec.args.map((a) => a.name).sort(),
			);
		},
	);
}

function checkRun(
	t: TargetRun,
	execution: Execution,
	model: ModelServer,
	chats: RecordedModelRequest[],
	observations: Map<Turn['key'], Observation>,
	seed: SandboxStep[],
	finalState: SandboxStep[],
): void {
	const observed = (key: Turn['key']): Observation => {
		const o = observations.get(key);
		assert.ok(o, `the model never got the result of the "${key}" call (${chats.length} requests)`);
		return o;
	};

	t.check('n8n printed the run JSON; the script answered every model request', () => {
		assert.ok(execution.run, `n8n printed no run JSON.\n${context(execution)}`);
		assert.deepEqual(model.errors, []);
		assert.equal(chats.length, TURNS.length + 1, `model requests: ${chats.length}`);
	});
	t.check('the client used POST /v1/chat/completions only (no /v1/responses, /v1/models)', () =>
		assert.deepEqual(
			[...new Set(model.requests.map((r) => `${r.method} ${r.path}`))],
			['POST /v1/chat/completions'],
		),
	);
	t.check('the first model request carries the prompt as the user message', () => {
		const messages = chats[0]?.body?.messages ?? [];
		assert.ok(
			messages.some((m) => m.role === 'user' && JSON.stringify(m.content).includes('cmp_abc123')),
			show(messages),
		);
		assert.ok(JSON.stringify(messages).includes(PROMPT.slice(0, 40)), show(messages));
	});

	// 1. The tool definitions the model received (the contact tools': checkContacts).
	const tools: ChatTool[] = chats[0]?.body?.tools ?? [];
	const specs = Object.values(TOOLS);
	t.check(`the model received ${specs.length} tools: ${specs.map(toolName).join(', ')}`, () =>
		assert.deepEqual(tools.map((tool) => tool.function.name).sort(), specs.map(toolName).sort()),
	);
	for (const spec of STEP_TOOLS) checkToolDefinition(t, tools, spec);
	t.check('every model request carried the same tool definitions', () => {
		for (const chat of chats)
			assert.deepEqual(chat.body?.tools, tools, `request ${chat.chatIndex}`);
	});
	t.check('each tool result answers the tool call it belongs to (tool_call_id)', () => {
		for (const chat of chats.slice(1)) {
			const messages = chat.body?.messages ?? [];
			const last = messages[messages.length - 1];
			const call = [...messages]
				.reverse()
				.find((m) => m.role === 'assistant' && m.tool_calls?.length)?.tool_calls?.[0];
			assert.equal(last?.role, 'tool', `request ${chat.chatIndex}: ${show(last)}`);
			assert.equal(last?.tool_call_id, call?.id, `request ${chat.chatIndex}`);
		}
	});
	t.check('the LeadLex API key reached the model in no request', () => {
		for (const chat of chats) {
			assert.ok(!JSON.stringify(chat.body).includes(FULL_KEY), `request ${chat.chatIndex}`);
		}
	});

	// 3. Errors come back as the tool result; nothing changed.
	t.check('bad step ID "..": the model got exactly the node\'s message', () =>
		assert.equal(observed('badId').toolResult, EXPECTED_ERRORS.badId),
	);
	t.check('bad step ID "..": the sandbox received no request, the steps are unchanged', () => {
		assert.deepEqual(requestLines(observed('badId').requests), []);
		assert.deepEqual(observed('badId').steps, seed);
	});
	t.check('bad step ID "..": the message alone names the ID and why it was refused', () => {
		const text = errorText(observed('badId').toolResult);
		assert.match(text, /^The Step ID is "\.\."/);
		assert.match(text, /would change the request path\. Nothing was sent to LeadLex\.$/);
	});
	t.check("Create in missing campaign cmp_nope: the model got exactly the node's message", () =>
		assert.equal(observed('createMissing').toolResult, EXPECTED_ERRORS.createMissing),
	);
	t.check(
		'... the message alone says what happened (campaign not found) and that nothing was created',
		() => {
			const text = errorText(observed('createMissing').toolResult);
			assert.match(text, /^Campaign "cmp_nope" was not found in LeadLex\./);
			assert.match(text, / was not created\.$/);
		},
	);
	t.check('... the sandbox answered POST …/cmp_nope/steps 404; cmp_abc123 unchanged', () => {
		assert.deepEqual(requestLines(observed('createMissing').requests), [
			'POST /v1/campaigns/cmp_nope/steps 404',
		]);
		assert.deepEqual(observed('createMissing').steps, seed);
	});
	t.check("Delete in missing campaign cmp_nope: the model got exactly the node's message", () =>
		assert.equal(observed('deleteMissing').toolResult, EXPECTED_ERRORS.deleteMissing),
	);
	t.check('... the message alone says what happened and that the step was not deleted', () => {
		const text = errorText(observed('deleteMissing').toolResult);
		assert.match(text, /^Campaign "cmp_nope" was not found in LeadLex\./);
		assert.match(text, / was not deleted\.$/);
	});
	t.check('... one DELETE answered 404, nothing deleted', () => {
		assert.deepEqual(requestLines(observed('deleteMissing').requests), [
			'DELETE /v1/campaigns/cmp_nope/steps/step_2 404',
		]);
		assert.deepEqual(observed('deleteMissing').steps, seed);
	});
	t.check("Delete of missing step_99: the model got exactly the node's message", () =>
		assert.equal(observed('deleteGoneStep').toolResult, EXPECTED_ERRORS.deleteGoneStep),
	);
	t.check('... the message alone says what happened and that the step was not deleted', () => {
		const text = errorText(observed('deleteGoneStep').toolResult);
		assert.match(text, /^Step "step_99" was not found in campaign "cmp_abc123"\./);
		assert.match(text, / was not deleted\.$/);
	});
	t.check('... one DELETE answered 404, nothing deleted', () => {
		assert.deepEqual(requestLines(observed('deleteGoneStep').requests), [
			`DELETE ${STEPS_PATH}/step_99 404`,
		]);
		assert.deepEqual(observed('deleteGoneStep').steps, seed);
	});

	// 4. Create through the tool.
	let createdId = '';
	t.check('Create: the tool result is the new step as JSON, with the chosen subject', () => {
		const result = JSON.parse(observed('create').toolResult ?? 'null') as SandboxStep[];
		assert.equal(result.length, 1, show(result));
		createdId = result[0].id;
		assert.match(createdId, /^step_[0-9a-f]{16}$/);
		assert.equal(result[0].subject, NEW_STEP.subject);
		assert.equal(result[0].body, NEW_STEP.body);
		assert.equal(result[0].delay_days, NEW_STEP.delayDays);
	});
	t.check(
		`Create: the sandbox appended it at index ${seed.length} with that subject, body, delay`,
		() => {
			const o = observed('create');
			assert.deepEqual(requestLines(o.requests), [`POST ${STEPS_PATH} 201`]);
			assert.deepEqual(JSON.parse(o.requests[0].body ?? 'null'), {
				subject: NEW_STEP.subject,
				body: NEW_STEP.body,
				delay_days: NEW_STEP.delayDays,
			});
			assert.deepEqual(o.steps.slice(0, -1), seed);
			const last = o.steps[o.steps.length - 1];
			assert.deepEqual(
				{ id: last.id, index: last.index, subject: last.subject },
				{ id: createdId, index: 4, subject: NEW_STEP.subject },
			);
		},
	);

	// 2. Delete through the tool.
	t.check(
		'Delete step_2: the tool result the model got is exactly [{"deleted":true,"id":"step_2"}]',
		() => assert.equal(observed('delete').toolResult, '[{"deleted":true,"id":"step_2"}]'),
	);
	t.check(
		'Delete step_2: the sandbox saw one DELETE 200; steps afterwards step_1, step_3, step_4, new',
		() => {
			const o = observed('delete');
			assert.deepEqual(requestLines(o.requests), [`DELETE ${STEPS_PATH}/step_2 200`]);
			assert.deepEqual(
				finalState.map((s) => [s.id, s.index]),
				[
					['step_1', 0],
					['step_3', 1],
					['step_4', 2],
					[createdId, 3],
				],
			);
		},
	);
	t.check("the agent's final answer (quoting both tool results) is the AI Agent's output", () => {
		const items = outputItems(execution, AGENT_NODE);
		assert.equal(items.length, 1, `AI Agent output: ${show(items)}\n${context(execution)}`);
		assert.equal(items[0].json.output, finalAnswer(observations));
		assert.match(
			String(items[0].json.output),
			/Removed step_2: \[\{"deleted":true,"id":"step_2"\}\]/,
		);
	});
	t.check('the run succeeded: status "success", the failed tool calls did not fail the run', () => {
		assert.equal(execution.status, 'success', context(execution));
		assert.equal(nodeRun(execution, AGENT_NODE)?.error, undefined);
	});
}

/**
 * Run 2, the tool nodes on n8n's default error setting: 2.x hands a failed tool call's message to
 * the model on its own (an AI tool "defaults to continue" unless On Error is Stop Workflow); 1.x
 * fails the whole run at the tool node, and the model never hears of it.
 */
function checkDefaults(
	t: TargetRun,
	target: RuntimeTarget,
	execution: Execution,
	model: ModelServer,
	toolResult: string | undefined,
	sandboxRequests: SandboxRequest[],
	seed: SandboxStep[],
	steps: SandboxStep[],
): void {
	const chats = model.chatRequests();
	if (target === 'v2') {
		t.check(
			'default On Error, 2.x: the failed call still reaches the model as its tool result; the run succeeds',
			() => {
				assert.ok(execution.run, `n8n printed no run JSON.\n${context(execution)}`);
				assert.equal(chats.length, 2, `model requests: ${chats.length}`);
				assert.equal(toolResult, EXPECTED_ERRORS.badId);
				assert.equal(execution.status, 'success', context(execution));
				assert.equal(
					outputItems(execution, AGENT_NODE)[0]?.json.output,
					`LeadLex refused it: ${EXPECTED_ERRORS.badId}`,
				);
			},
		);
	} else {
		t.check(
			'default On Error, 1.x: the failed call fails the whole run at the tool node; the model hears nothing',
			() => {
				assert.ok(execution.run, `n8n printed no run JSON.\n${context(execution)}`);
				assert.equal(chats.length, 1, `model requests: ${chats.length}`);
				assert.equal(execution.status, 'error', context(execution));
				assert.equal(execution.errorMessage, ERROR_MESSAGES.badId);
				assert.equal(execution.run.data?.resultData?.error?.node?.name, TOOLS.delete.node);
				assert.equal(outputItems(execution, AGENT_NODE).length, 0);
			},
		);
	}
	t.check('default On Error: the sandbox received no request, nothing changed', () => {
		assert.deepEqual(requestLines(sandboxRequests), []);
		assert.deepEqual(steps, seed);
	});
}

/**
 * The contact tools (run 1, after the campaign-step turns): their definitions as the model got
 * them, Create or Update creating and then updating Ada by her email, Get Many finding her by the
 * email, and an email that is not one refused before any request.
 */
function checkContacts(
	t: TargetRun,
	chats: RecordedModelRequest[],
	observations: Map<Turn['key'], Observation>,
	seed: { total: number; contacts: SandboxContact[] },
): void {
	const observed = (key: ContactTurnKey): Observation => {
		const o = observations.get(key);
		assert.ok(o, `the model never got the result of the "${key}" call (${chats.length} requests)`);
		return o;
	};
	const items = (key: ContactTurnKey) =>
		JSON.parse(observed(key).toolResult ?? 'null') as Array<Record<string, unknown>>;
	const searched = (request: SandboxRequest | undefined) =>
		new URLSearchParams(request?.query ?? '').get('search');

	const tools: ChatTool[] = chats[0]?.body?.tools ?? [];
	for (const spec of CONTACT_TOOLS) checkToolDefinition(t, tools, spec);

	// (a) Create or Update, a new email: created.
	let adaId = '';
	t.check('Contact create: the tool result is the new contact with created: true', () => {
		const result = items('contactCreate');
		assert.equal(result.length, 1, show(result));
		adaId = String(result[0].id);
		assert.match(adaId, /^[0-9a-f-]{36}$/, show(result));
		assert.deepEqual(
			[result[0].created, result[0].full_name, result[0].email],
			[true, ADA.fullName, ADA.email],
			show(result),
		);
	});
	t.check(
		'Contact create: a search by the email, then one POST with name, email and the job title (from $fromAI inside Additional Fields)',
		() => {
			const { requests } = observed('contactCreate');
			assert.deepEqual(requestLines(requests), ['GET /v1/contacts 200', 'POST /v1/contacts 201']);
			assert.equal(searched(requests[0]), ADA.email, show(requests[0]));
			assert.deepEqual(JSON.parse(requests[1].body ?? 'null'), {
				full_name: ADA.fullName,
				email: ADA.email,
				job_title: ADA.jobTitle,
			});
		},
	);
	t.check('Contact create: the sandbox had no contact with the email, now exactly that one', () => {
		const o = observed('contactCreate');
		assert.deepEqual(seed.contacts, []);
		assert.equal(o.contactTotal, seed.total + 1);
		assert.deepEqual(
			o.contacts.map((c) => [c.id, c.full_name, c.email, c.job_title]),
			[[adaId, ADA.fullName, ADA.email, ADA.jobTitle]],
		);
	});

	// (b) The same email, a new name: updated.
	t.check(
		'Contact update: the tool result is the same contact with created: false, renamed',
		() => {
			const result = items('contactUpdate');
			assert.equal(result.length, 1, show(result));
			assert.deepEqual(
				[result[0].id, result[0].created, result[0].full_name, result[0].job_title],
				[adaId, false, ADA_RENAMED.fullName, ADA_RENAMED.jobTitle],
				show(result),
			);
			assert.equal(result[0].not_updated, undefined, show(result));
		},
	);
	t.check('Contact update: a search by the email, then one PATCH of that contact (no POST)', () => {
		const { requests } = observed('contactUpdate');
		assert.deepEqual(requestLines(requests), [
			'GET /v1/contacts 200',
			`PATCH /v1/contacts/${adaId} 200`,
		]);
		assert.equal(searched(requests[0]), ADA.email, show(requests[0]));
		assert.deepEqual(JSON.parse(requests[1].body ?? 'null'), {
			full_name: ADA_RENAMED.fullName,
			job_title: ADA_RENAMED.jobTitle,
		});
	});
	t.check('Contact update: still one contact with the email, name and job title updated', () => {
		const o = observed('contactUpdate');
		assert.equal(o.contactTotal, seed.total + 1);
		assert.deepEqual(
			o.contacts.map((c) => [c.id, c.full_name, c.email, c.job_title]),
			[[adaId, ADA_RENAMED.fullName, ADA.email, ADA_RENAMED.jobTitle]],
		);
	});

	// (c) Get Many by the email.
	t.check('Contact Get Many by email: the tool result is exactly the one contact', () => {
		const result = items('contactFind');
		assert.deepEqual(
			result.map((c) => [c.id, c.full_name, c.email]),
			[[adaId, ADA_RENAMED.fullName, ADA.email]],
			show(result),
		);
	});
	t.check(
		'Contact Get Many: one GET searching the email (from $fromAI inside Filters); nothing changed',
		() => {
			const o = observed('contactFind');
			assert.deepEqual(requestLines(o.requests), ['GET /v1/contacts 200']);
			assert.equal(searched(o.requests[0]), ADA.email, show(o.requests[0]));
			assert.deepEqual(o.contacts, observed('contactUpdate').contacts);
			assert.equal(o.contactTotal, seed.total + 1);
		},
	);

	// (d) An email that is not one.
	t.check(`Contact with email "${BAD_EMAIL}": the model got exactly the node's message`, () =>
		assert.equal(observed('contactBadEmail').toolResult, EXPECTED_ERRORS.contactBadEmail),
	);
	t.check(
		'... the message alone says the Email must be an email address and nothing was sent',
		() => {
			const text = errorText(observed('contactBadEmail').toolResult);
			assert.match(text, /^The Email must be an email address, but it is "ada at example"\./);
			assert.match(text, / Nothing was sent to LeadLex\.$/);
		},
	);
	t.check('... the sandbox received no request; the contact is unchanged', () => {
		const o = observed('contactBadEmail');
		assert.deepEqual(requestLines(o.requests), []);
		assert.deepEqual(o.contacts, observed('contactFind').contacts);
		assert.equal(o.contactTotal, seed.total + 1);
	});
}

/**
 * The message the model gets for a note by a name many contacts share: LeadLex's (the sandbox's)
 * text, then the first 10 of the candidates it lists (at most 50, in its order) to choose by ID.
 */
function ambiguousNoteMessage(namesakes: string[]): string {
	const listed = namesakes.slice(0, 50);
	const shown = listed
		.slice(0, 10)
		.map((id) => `"${id}"`)
		.join(', ');
	const more = listed.length > 10 ? ` and ${listed.length - 10} more` : '';
	return (
		'LeadLex matched the name to more than one record (HTTP 400 ambiguous_reference): ' +
		`LeadLex said "contact_name "${AMBIGUOUS_NAME}" matches ${namesakes.length} contacts: send contact_id instead"; ` +
		`choose one by ID: ${shown}${more}. A new note was not created.`
	);
}

/**
 * The CRM assistant (run 1, last): the note and task tools as the model got them; Get Many finding
 * the seeded Jane Example by her email, a note and a follow-up task on the ID it returned, both in
 * the sandbox linked to her; then a note for a name many contacts share, which creates nothing and
 * tells the model the candidates' IDs.
 */
function checkCrm(
	t: TargetRun,
	execution: Execution,
	chats: RecordedModelRequest[],
	observations: Map<Turn['key'], Observation>,
	seed: { notes: SandboxNote[]; tasks: SandboxTask[] },
	namesakes: string[],
): void {
	const observed = (key: CrmTurnKey): Observation => {
		const o = observations.get(key);
		assert.ok(o, `the model never got the result of the "${key}" call (${chats.length} requests)`);
		return o;
	};
	const items = (key: CrmTurnKey) =>
		JSON.parse(observed(key).toolResult ?? 'null') as Array<Record<string, unknown>>;
	const body = (request: SandboxRequest | undefined) =>
		JSON.parse(request?.body ?? 'null') as unknown;

	const tools: ChatTool[] = chats[0]?.body?.tools ?? [];
	for (const spec of CRM_TOOLS) checkToolDefinition(t, tools, spec);

	// 1. Find Jane by her email, then a note and a follow-up task on the ID found.
	t.check(`CRM find by ${JANE.email}: one GET searching it; the model got exactly Jane`, () => {
		const { requests } = observed('crmFind');
		assert.deepEqual(requestLines(requests), ['GET /v1/contacts 200']);
		assert.equal(new URLSearchParams(requests[0].query ?? '').get('search'), JANE.email);
		assert.deepEqual(
			items('crmFind').map((c) => [c.id, c.full_name, c.email]),
			[[JANE.id, JANE.name, JANE.email]],
			observed('crmFind').toolResult,
		);
	});
	let noteId = '';
	t.check(
		'CRM note: one POST /v1/notes 201 with the title, content and the contact ID found',
		() => {
			const { requests } = observed('crmNote');
			assert.deepEqual(requestLines(requests), ['POST /v1/notes 201']);
			assert.deepEqual(body(requests[0]), { ...CALL_NOTE, contact_id: JANE.id });
			const result = items('crmNote');
			assert.equal(result.length, 1, show(result));
			noteId = String(result[0].id);
			assert.deepEqual(
				[result[0].title, result[0].contact_id],
				[CALL_NOTE.title, JANE.id],
				show(result),
			);
		},
	);
	t.check("CRM note: the sandbox holds exactly that note, linked to Jane's contact_id", () => {
		assert.deepEqual(seed, { notes: [], tasks: [], activities: [] });
		assert.deepEqual(
			observed('crmNote').notes.map((n) => [n.id, n.title, n.content, n.contact_id]),
			[[noteId, CALL_NOTE.title, CALL_NOTE.content, JANE.id]],
		);
		assert.deepEqual(observed('crmNote').tasks, []);
	});
	let taskId = '';
	t.check(
		'CRM task: one POST /v1/tasks 201 with the title, the contact ID found, the due date',
		() => {
			const { requests } = observed('crmTask');
			assert.deepEqual(requestLines(requests), ['POST /v1/tasks 201']);
			assert.deepEqual(body(requests[0]), {
				title: FOLLOW_UP.title,
				contact_id: JANE.id,
				due_date: FOLLOW_UP.dueDate,
			});
			const result = items('crmTask');
			assert.equal(result.length, 1, show(result));
			taskId = String(result[0].id);
			assert.deepEqual(
				[result[0].title, result[0].contact_id],
				[FOLLOW_UP.title, JANE.id],
				show(result),
			);
		},
	);
	t.check("CRM task: the sandbox holds the note and that task, both on Jane's contact_id", () => {
		const o = observed('crmTask');
		assert.deepEqual(
			o.tasks.map((task) => [task.id, task.title, task.due_date, task.contact_id]),
			[[taskId, FOLLOW_UP.title, FOLLOW_UP.dueDate, JANE.id]],
		);
		assert.deepEqual(o.notes, observed('crmNote').notes);
	});
	t.check("CRM: the agent's final answer came back naming the note, the task and Jane", () => {
		const output = String(outputItems(execution, AGENT_NODE)[0]?.json.output);
		assert.ok(noteId && taskId, 'no note or task was created');
		assert.ok(
			output.endsWith(`Logged note ${noteId} and follow-up task ${taskId} for contact ${JANE.id}.`),
			output,
		);
	});

	// 2. A note by a name many contacts share: nothing created, the candidates' IDs to choose from.
	t.check(
		`Note for "${AMBIGUOUS_NAME}" (${namesakes.length} seeded contacts): the model got exactly the node's message`,
		() => {
			assert.ok(namesakes.length > 10, `${namesakes.length} contacts named ${AMBIGUOUS_NAME}`);
			assert.equal(
				observed('crmAmbiguous').toolResult,
				asToolResult(ambiguousNoteMessage(namesakes)),
			);
		},
	);
	t.check("... the message alone lists the candidates' IDs and says nothing was created", () => {
		const text = errorText(observed('crmAmbiguous').toolResult);
		const listed = /choose one by ID: (.*) and \d+ more\./.exec(text)?.[1] ?? '';
		assert.deepEqual(
			listed.split(', ').map((id) => id.replace(/"/g, '')),
			namesakes.slice(0, 10),
			text,
		);
		assert.match(text, / A new note was not created\.$/);
	});
	t.check('... one POST /v1/notes answered 400; the sandbox holds no new note', () => {
		const o = observed('crmAmbiguous');
		assert.deepEqual(requestLines(o.requests), ['POST /v1/notes 400']);
		assert.deepEqual(body(o.requests[0]), {
			...AMBIGUOUS_NOTE,
			contact_name: AMBIGUOUS_NAME,
		});
		assert.deepEqual(o.notes, observed('crmTask').notes);
		assert.deepEqual(o.tasks, observed('crmTask').tasks);
	});
}

// ---------------------------------------------------------------- summary

function printSummary(report: TargetReport): void {
	const passed = report.checks.filter((c) => c.ok).length;
	const failed = report.checks.length - passed;
	const width = Math.max(...report.checks.map((c) => c.name.length), 20);
	info(
		`\n--- ${report.target} (n8n ${report.n8nVersion}): ${passed} passed, ${failed} failed, ${formatMs(report.totalMs)}`,
	);
	for (const c of report.checks) info(`  ${c.name.padEnd(width)}  ${c.ok ? 'PASS' : 'FAIL'}`);
	info('  what the model received for the failed tool calls:');
	for (const [key, text] of report.errorTexts)
		info(`    ${key.padEnd(15)} ${JSON.stringify(text)}`);
	info('  timings:');
	for (const [label, ms] of report.timings) info(`    ${formatMs(ms).padStart(7)}  ${label}`);
}

const workDirs = new Set<string>();

runSuite<TargetReport>({
	name: 'agent',
	script: 'test/agent/run.ts',
	slug: 'agent',
	workDirs,
	secrets: SECRETS,
	runTarget: (target, tarball, keep) => runTarget(target, tarball, keep, workDirs),
	unavailable: (target, message) => ({
		target,
		n8nVersion: '?',
		checks: runtimeUnavailable(message),
		timings: [],
		totalMs: 0,
		errorTexts: [],
	}),
	printSummary,
});
