/**
 * The agent workflow the suite imports into n8n: Manual Trigger → AI Agent, with n8n's OpenAI Chat
 * Model (pointed at the scripted model server) on `ai_languageModel` and one LeadLex tool node per
 * operation on `ai_tool`: four campaign-step operations, two contact operations (Create or
 * Update, Get Many), Note → Create and Task → Create. The tool nodes are
 * `n8n-nodes-leadlex.leadlexTool`, the type n8n builds from the node's `usableAsTool`;
 * `$fromAI(...)` marks the fields the model fills, also inside a collection (Additional Fields,
 * Filters) and a picker (By ID).
 */
import type { RuntimeTarget } from '../../scripts/n8n/runtime';
import { CREDENTIAL_ID, CREDENTIAL_NAME, PACKAGE_NAME } from '../../scripts/n8n/harness';

/** The main workflow: its tool nodes have Settings → On Error = Continue (see agentWorkflow). */
export const WORKFLOW_ID = 'LeadlexAgentTool1';
/** The same workflow with n8n's default error setting on the tool nodes. */
export const DEFAULTS_WORKFLOW_ID = 'LeadlexAgentTool2';
export const OPENAI_CREDENTIAL_ID = 'scripted-openai';
export const OPENAI_CREDENTIAL_NAME = 'Scripted model';
export const AGENT_NODE = 'AI Agent';
export const MODEL_NODE = 'Scripted model';
export const TOOL_NODE_TYPE = `${PACKAGE_NAME}.leadlexTool`;
export const PROMPT =
	'Tidy up the LeadLex campaign cmp_abc123: add a closing step, then remove step_2. ' +
	'Then save Ada Lovelace (ada@example.com) as a LeadLex contact and keep her record current. ' +
	'Then find the contact jane@example.com, log a note of my call with her and a follow-up task, ' +
	'and log a note of my call with Cleo Garcia too. Report what happened.';
export const DEFAULTS_PROMPT = 'Remove the step ".." from the LeadLex campaign cmp_abc123.';
/**
 * The AI Agent's Options → Max Iterations. n8n's default, 10, stops the run with "Max iterations
 * (10) reached" once the model has made 10 tool calls; the main script makes more than 10.
 */
export const MAX_ITERATIONS = 20;

/** One `$fromAI` argument as the tool node declares it. */
export interface FromAiArg {
	name: string;
	description: string;
	type: 'string' | 'number' | 'boolean';
}

export interface ToolSpec {
	/** The tool node's name; n8n's tool name is this with spaces → `_`. */
	node: string;
	resource: 'campaignStep' | 'contact' | 'note' | 'task';
	operation: 'create' | 'getAll' | 'update' | 'delete' | 'upsert';
	/** The operation's action text: n8n's description is this + " in LeadLex". */
	action: string;
	args: FromAiArg[];
	/** The node parameters besides resource/operation, with `$fromAI` expressions in them. */
	parameters: Record<string, unknown>;
}

const fromAi = (arg: FromAiArg) =>
	`={{ $fromAI(${JSON.stringify(arg.name)}, ${JSON.stringify(arg.description)}, ${JSON.stringify(arg.type)}) }}`;
const byId = (arg: FromAiArg) => ({ __rl: true, mode: 'id', value: fromAi(arg) });

const CAMPAIGN_ARG: FromAiArg = {
	name: 'campaignId',
	description: 'The ID of the LeadLex campaign, e.g. cmp_abc123',
	type: 'string',
};
const STEP_ARG: FromAiArg = {
	name: 'stepId',
	description: 'The ID of the step (not its position), e.g. step_2',
	type: 'string',
};
const SUBJECT_ARG: FromAiArg = {
	name: 'subject',
	// No {{ }} in a $fromAI description: it ends the expression early ("invalid syntax" on every call).
	description: 'The email subject; LeadLex fills in merge variables such as first_name',
	type: 'string',
};
const BODY_ARG: FromAiArg = {
	name: 'body',
	description: 'The email body, plain text',
	type: 'string',
};
const DELAY_ARG: FromAiArg = {
	name: 'delayDays',
	description: 'Days to wait after the previous step (a whole number, 0 or more)',
	type: 'number',
};

const EMAIL_ARG: FromAiArg = {
	name: 'email',
	description:
		'The contact email address; the contact with this email is updated, or created when there is none',
	type: 'string',
};
const FULL_NAME_ARG: FromAiArg = {
	name: 'fullName',
	description: 'The contact full name, first name first, e.g. Jane Example',
	type: 'string',
};
const JOB_TITLE_ARG: FromAiArg = {
	name: 'jobTitle',
	description: 'The contact job title, e.g. General Counsel',
	type: 'string',
};
const FIND_EMAIL_ARG: FromAiArg = {
	name: 'email',
	description: 'The exact email address of the contacts to find',
	type: 'string',
};

const NOTE_TITLE_ARG: FromAiArg = {
	name: 'title',
	description: 'A short title for the note, e.g. Call about the trust',
	type: 'string',
};
const NOTE_CONTENT_ARG: FromAiArg = {
	name: 'content',
	description: 'The text of the note, plain text',
	type: 'string',
};
const NOTE_CONTACT_ID_ARG: FromAiArg = {
	name: 'contactId',
	description:
		'The ID (a UUID) of the contact the note is for, as Find contacts returned it; empty when you give contactName instead',
	type: 'string',
};
const NOTE_CONTACT_NAME_ARG: FromAiArg = {
	name: 'contactName',
	description:
		'The full name of the contact the note is for, for LeadLex to look up; empty when you give contactId',
	type: 'string',
};
const TASK_TITLE_ARG: FromAiArg = {
	name: 'title',
	description: 'What is to be done, e.g. Send the engagement letter',
	type: 'string',
};
const TASK_CONTACT_ID_ARG: FromAiArg = {
	name: 'contactId',
	description: 'The ID (a UUID) of the contact the task is for, as Find contacts returned it',
	type: 'string',
};
const DUE_DATE_ARG: FromAiArg = {
	name: 'dueDate',
	description: 'The day the task is due, as YYYY-MM-DD',
	type: 'string',
};

/**
 * The tools: one per campaign-step operation (the Update tool with a fixed set of fields),
 * Contact → Create or Update and Get Many, each with a `$fromAI` field inside a collection, and
 * the CRM assistant's Note → Create and Task → Create, with the contact by ID (a picker) and, for
 * the note, by name too.
 */
export const TOOLS = {
	create: {
		node: 'Create step',
		resource: 'campaignStep',
		operation: 'create',
		action: 'Create a campaign step',
		args: [CAMPAIGN_ARG, SUBJECT_ARG, BODY_ARG, DELAY_ARG],
		parameters: {
			campaignId: byId(CAMPAIGN_ARG),
			subject: fromAi(SUBJECT_ARG),
			body: fromAi(BODY_ARG),
			additionalFields: { delayDays: fromAi(DELAY_ARG) },
			options: {},
		},
	},
	list: {
		node: 'List steps',
		resource: 'campaignStep',
		operation: 'getAll',
		action: 'Get many campaign steps',
		args: [CAMPAIGN_ARG],
		parameters: { campaignId: byId(CAMPAIGN_ARG), returnAll: true, options: {} },
	},
	update: {
		node: 'Rename step',
		resource: 'campaignStep',
		operation: 'update',
		action: 'Update a campaign step',
		args: [CAMPAIGN_ARG, STEP_ARG, SUBJECT_ARG],
		parameters: {
			campaignId: byId(CAMPAIGN_ARG),
			stepId: byId(STEP_ARG),
			updateFields: { subject: fromAi(SUBJECT_ARG) },
			options: {},
		},
	},
	delete: {
		node: 'Delete step',
		resource: 'campaignStep',
		operation: 'delete',
		action: 'Delete a campaign step',
		args: [CAMPAIGN_ARG, STEP_ARG],
		parameters: { campaignId: byId(CAMPAIGN_ARG), stepId: byId(STEP_ARG), options: {} },
	},
	upsertContact: {
		node: 'Save contact',
		resource: 'contact',
		operation: 'upsert',
		action: 'Create or update a contact',
		args: [EMAIL_ARG, FULL_NAME_ARG, JOB_TITLE_ARG],
		parameters: {
			email: fromAi(EMAIL_ARG),
			fullName: fromAi(FULL_NAME_ARG),
			additionalFields: { jobTitle: fromAi(JOB_TITLE_ARG) },
			options: {},
		},
	},
	findContacts: {
		node: 'Find contacts',
		resource: 'contact',
		operation: 'getAll',
		action: 'Get many contacts',
		args: [FIND_EMAIL_ARG],
		parameters: {
			returnAll: false,
			limit: 5,
			filters: { email: fromAi(FIND_EMAIL_ARG) },
			options: {},
		},
	},
	createNote: {
		node: 'Add note',
		resource: 'note',
		operation: 'create',
		action: 'Add a note to a contact, company or deal',
		args: [NOTE_TITLE_ARG, NOTE_CONTENT_ARG, NOTE_CONTACT_ID_ARG, NOTE_CONTACT_NAME_ARG],
		parameters: {
			title: fromAi(NOTE_TITLE_ARG),
			content: fromAi(NOTE_CONTENT_ARG),
			contactId: byId(NOTE_CONTACT_ID_ARG),
			contactName: fromAi(NOTE_CONTACT_NAME_ARG),
			additionalFields: {},
			options: {},
		},
	},
	createTask: {
		node: 'Create task',
		resource: 'task',
		operation: 'create',
		action: 'Create a task for a contact, deal or event',
		args: [TASK_TITLE_ARG, TASK_CONTACT_ID_ARG, DUE_DATE_ARG],
		parameters: {
			title: fromAi(TASK_TITLE_ARG),
			contactId: byId(TASK_CONTACT_ID_ARG),
			additionalFields: { dueDate: fromAi(DUE_DATE_ARG) },
			options: {},
		},
	},
} satisfies Record<string, ToolSpec>;

/**
 * The campaign-step tools (the suite's first checks), the contact tools (checked after), and the
 * CRM assistant's note and task tools (with Find contacts, checked last).
 */
export const STEP_TOOLS: ToolSpec[] = [TOOLS.create, TOOLS.list, TOOLS.update, TOOLS.delete];
export const CONTACT_TOOLS: ToolSpec[] = [TOOLS.upsertContact, TOOLS.findContacts];
export const CRM_TOOLS: ToolSpec[] = [TOOLS.createNote, TOOLS.createTask];

export const toolName = (tool: ToolSpec) => tool.node.replace(/ /g, '_');

/** AI Agent v3.1 on n8n 2.x, v3 on 1.x (the newest each offers). */
export function agentVersion(target: RuntimeTarget): number {
	return target === 'v2' ? 3.1 : 3;
}

export interface AgentWorkflowOptions {
	id: string;
	prompt: string;
	/**
	 * The tool nodes' Settings → On Error. `continueRegularOutput` hands a failed call's error to
	 * the model on both versions; left out (n8n's default), 2.x still does, 1.x fails the run.
	 */
	onError?: 'continueRegularOutput';
}

export function agentWorkflow(
	target: RuntimeTarget,
	options: AgentWorkflowOptions,
): Record<string, unknown> {
	const { id, prompt, onError } = options;
	const tools: ToolSpec[] = Object.values(TOOLS);
	const toolNodes = tools.map((tool, i) => ({
		id: `${id}-tool-${i + 1}`,
		name: tool.node,
		type: TOOL_NODE_TYPE,
		// What the editor adds today; from 1.1 every message says whether anything changed.
		typeVersion: 1.1,
		position: [260 + i * 160, 240],
		parameters: { resource: tool.resource, operation: tool.operation, ...tool.parameters },
		credentials: { leadlexApi: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } },
		...(onError ? { onError } : {}),
	}));
	return {
		id,
		name: `agent: LeadLex campaign-step, contact, note and task tools driven by a scripted model (${onError ?? 'default error setting'})`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: `${id}-trigger`,
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: `${id}-agent`,
				name: AGENT_NODE,
				type: '@n8n/n8n-nodes-langchain.agent',
				typeVersion: agentVersion(target),
				position: [260, 0],
				parameters: {
					promptType: 'define',
					text: prompt,
					options: { maxIterations: MAX_ITERATIONS },
				},
			},
			{
				id: `${id}-model`,
				name: MODEL_NODE,
				type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
				typeVersion: 1.3,
				position: [100, 240],
				parameters: {
					model: { __rl: true, mode: 'id', value: 'scripted-model' },
					// Or the client calls POST /v1/responses instead of /v1/chat/completions.
					responsesApiEnabled: false,
					options: {},
				},
				credentials: { openAiApi: { id: OPENAI_CREDENTIAL_ID, name: OPENAI_CREDENTIAL_NAME } },
			},
			...toolNodes,
		],
		connections: {
			Start: { main: [[{ node: AGENT_NODE, type: 'main', index: 0 }]] },
			[MODEL_NODE]: {
				ai_languageModel: [[{ node: AGENT_NODE, type: 'ai_languageModel', index: 0 }]],
			},
			...Object.fromEntries(
				tools.map((tool) => [
					tool.node,
					{ ai_tool: [[{ node: AGENT_NODE, type: 'ai_tool', index: 0 }]] },
				]),
			),
		},
	};
}
