/* eslint-disable @n8n/community-nodes/no-restricted-imports --
   dev tooling, never packed: reads the example and writes the files n8n imports. */
/**
 * examples/leadlex-mcp-server.json as the suite uses it: the tools it declares (name, action text,
 * `$fromAI` arguments), the copy n8n imports, and the two credentials it needs (the LeadLex API
 * key and the Bearer token MCP clients send).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CREDENTIAL_ID, CREDENTIAL_NAME, EXAMPLES_DIR } from '../../scripts/n8n/harness';

export const EXAMPLE_FILE = path.join(EXAMPLES_DIR, 'leadlex-mcp-server.json');
export const MCP_TRIGGER_TYPE = '@n8n/n8n-nodes-langchain.mcpTrigger';
export const BEARER_CREDENTIAL_ID = 'leadlex-mcp-bearer';
export const BEARER_CREDENTIAL_NAME = 'LeadLex MCP clients';

/** The action text of each operation the example exposes: n8n describes the tool with it. */
const ACTIONS: Record<string, string> = {
	'contact.getAll': 'Get many contacts',
	'contact.get': 'Get a contact',
	'campaign.getAll': 'Get many campaigns',
	'campaign.getStats': 'Get the stats of a campaign',
	'campaignStep.getAll': 'Get many campaign steps',
	'deal.getAll': 'Get many deals',
	'note.create': 'Add a note to a contact, company or deal',
	'task.create': 'Create a task for a contact, deal or event',
	'campaign.pause': 'Pause a campaign',
};

export interface FromAiArg {
	name: string;
	description: string;
	type: string;
}

export interface ExampleTool {
	node: string;
	/** n8n's tool name: the node name with spaces → `_`. */
	name: string;
	/** What tools/list should say: the action text + " in LeadLex". */
	description: string;
	args: FromAiArg[];
	maxRateLimitWait: unknown;
}

interface WorkflowNode {
	name: string;
	type: string;
	typeVersion: number;
	webhookId?: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
}

export interface ExampleWorkflow {
	id: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
}

export function readExample(): ExampleWorkflow {
	return JSON.parse(fs.readFileSync(EXAMPLE_FILE, 'utf8')) as ExampleWorkflow;
}

export function mcpTriggerOf(workflow: ExampleWorkflow): WorkflowNode {
	const trigger = workflow.nodes.find((node) => node.type === MCP_TRIGGER_TYPE);
	if (!trigger) throw new Error(`${EXAMPLE_FILE} has no ${MCP_TRIGGER_TYPE} node`);
	return trigger;
}

const FROM_AI = /\$fromAI\("([^"]+)", "([^"]+)", "([^"]+)"\)/g;

/** The example's LeadLex tool nodes, with what n8n should make of each. */
export function exampleTools(workflow: ExampleWorkflow): ExampleTool[] {
	return workflow.nodes
		.filter((node) => node.type === 'n8n-nodes-leadlex.leadlexTool')
		.map((node) => {
			const { resource, operation } = node.parameters as { resource: string; operation: string };
			const action = ACTIONS[`${resource}.${operation}`];
			if (!action) throw new Error(`no action text known for ${resource}.${operation}`);
			const args = [...JSON.stringify(node.parameters).replace(/\\"/g, '"').matchAll(FROM_AI)].map(
				([, name, description, type]) => ({ name, description, type }),
			);
			const options = node.parameters.options as { maxRateLimitWait?: unknown } | undefined;
			return {
				node: node.name,
				name: node.name.replace(/ /g, '_'),
				description: `${action} in LeadLex`,
				args,
				maxRateLimitWait: options?.maxRateLimitWait,
			};
		});
}

/**
 * What n8n imports: the example as it is, or with the MCP Server Trigger at another version (a
 * release without 2.1).
 */
export function workflowToImport(
	workflow: ExampleWorkflow,
	triggerVersion: number,
): ExampleWorkflow {
	return {
		...workflow,
		nodes: workflow.nodes.map((node) =>
			node.type === MCP_TRIGGER_TYPE ? { ...node, typeVersion: triggerVersion } : node,
		),
	};
}

/** The file `n8n import:credentials` takes: the LeadLex key and the MCP clients' Bearer token. */
export function writeMcpCredentials(
	file: string,
	leadlex: { apiKey: string; baseUrl: string },
	bearerToken: string,
): void {
	const entries = [
		{ id: CREDENTIAL_ID, name: CREDENTIAL_NAME, type: 'leadlexApi', data: leadlex },
		{
			id: BEARER_CREDENTIAL_ID,
			name: BEARER_CREDENTIAL_NAME,
			type: 'httpBearerAuth',
			data: { token: bearerToken },
		},
	];
	fs.writeFileSync(file, JSON.stringify(entries, null, 2) + '\n', { mode: 0o600 });
}
