/**
 * The agent workflow the suite imports into n8n: Manual Trigger → AI Agent, with n8n's OpenAI Chat
 * Model (pointed at the scripted model server) on `ai_languageModel` and one LeadLex tool node per
 * operation on `ai_tool`. The tool nodes are `n8n-nodes-leadlex.leadlexTool`, the type n8n builds
 * from the node's `usableAsTool`; `$fromAI(...)` marks the fields the model fills.
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
	'Tidy up the LeadLex campaign cmp_abc123: add a closing step, then remove step_2. Report what happened.';
export const DEFAULTS_PROMPT = 'Remove the step ".." from the LeadLex campaign cmp_abc123.';

/** One `$fromAI` argument as the tool node declares it. */
export interface FromAiArg {
	name: string;
	description: string;
	type: 'string' | 'number' | 'boolean';
}

export interface ToolSpec {
	/** The tool node's name; n8n's tool name is this with spaces → `_`. */
	node: string;
	operation: 'create' | 'getAll' | 'update' | 'delete';
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

/** The four tools: one per campaign-step operation, the Update tool with a fixed set of fields. */
export const TOOLS = {
	create: {
		node: 'Create step',
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
		operation: 'getAll',
		action: 'Get many campaign steps',
		args: [CAMPAIGN_ARG],
		parameters: { campaignId: byId(CAMPAIGN_ARG), returnAll: true, options: {} },
	},
	update: {
		node: 'Rename step',
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
		operation: 'delete',
		action: 'Delete a campaign step',
		args: [CAMPAIGN_ARG, STEP_ARG],
		parameters: { campaignId: byId(CAMPAIGN_ARG), stepId: byId(STEP_ARG), options: {} },
	},
} satisfies Record<string, ToolSpec>;

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
		parameters: { resource: 'campaignStep', operation: tool.operation, ...tool.parameters },
		credentials: { leadlexApi: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } },
		...(onError ? { onError } : {}),
	}));
	return {
		id,
		name: `agent: LeadLex campaign-step tools driven by a scripted model (${onError ?? 'default error setting'})`,
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
				parameters: { promptType: 'define', text: prompt, options: {} },
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
