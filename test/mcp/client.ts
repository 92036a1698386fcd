/* eslint-disable import-x/no-unresolved --
   dev tooling, never packed: the lint's resolver does not read the SDK's wildcard `exports`
   (`./*` → dist/cjs/*); Node, tsx and tsc resolve these paths. */
/**
 * A real MCP client (`@modelcontextprotocol/sdk`) for n8n's MCP Server Trigger: streamable HTTP
 * (POST on the production URL) or SSE (GET on it, then POSTs with the session ID), the Bearer
 * token in every request's headers, as an assistant's MCP connector sends it.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

export type TransportKind = 'streamable HTTP' | 'SSE';

/** A tool as `tools/list` describes it. */
export interface ListedTool {
	name: string;
	description?: string;
	inputSchema: {
		type?: string;
		properties?: Record<string, { type?: string; description?: string }>;
		required?: string[];
	};
}

/** A `tools/call` answer: `isError` marks a tool that failed. */
export interface ToolResult {
	isError?: boolean;
	content: Array<{ type: string; text?: string }>;
}

export interface McpSession {
	kind: TransportKind;
	listTools(): Promise<ListedTool[]>;
	/** `timeoutMs`: the client's request timeout (the SDK's default is 60 s). */
	call(name: string, args: Record<string, unknown>, timeoutMs?: number): Promise<ToolResult>;
	close(): Promise<void>;
}

/** Connects (the MCP `initialize` handshake) or rejects, e.g. with the HTTP status n8n refused it with. */
export async function connectMcp(
	url: string,
	kind: TransportKind,
	token: string | undefined,
): Promise<McpSession> {
	const requestInit: RequestInit = {
		headers: token === undefined ? {} : { Authorization: `Bearer ${token}` },
	};
	const transport =
		kind === 'SSE'
			? new SSEClientTransport(new URL(url), { requestInit })
			: new StreamableHTTPClientTransport(new URL(url), { requestInit });
	const client = new Client({ name: 'leadlex-mcp-check', version: '1.0.0' });
	await client.connect(transport);
	return {
		kind,
		listTools: async () => (await client.listTools()).tools as ListedTool[],
		call: async (name, args, timeoutMs) =>
			(await client.callTool({ name, arguments: args }, undefined, {
				timeout: timeoutMs,
			})) as ToolResult,
		close: () => client.close(),
	};
}

/** The text of a result's content, joined. */
export function resultText(result: ToolResult): string {
	return result.content.map((part) => part.text ?? '').join('\n');
}

/** A successful result's text parsed: the tool node's output items. */
export function resultItems(result: ToolResult): Array<Record<string, unknown>> {
	if (result.isError) throw new Error(`the tool failed: ${resultText(result)}`);
	const parsed = JSON.parse(resultText(result)) as unknown;
	return (Array.isArray(parsed) ? parsed : [parsed]) as Array<Record<string, unknown>>;
}
