/* eslint-disable @n8n/community-nodes/no-restricted-imports --
   dev tooling, never packed: a local HTTP server (node:http) standing in for an OpenAI model. */
/**
 * A scripted, OpenAI-compatible chat-completions server: no model, every answer comes from a
 * script. n8n's OpenAI Chat Model node talks to it through an `openAiApi` credential whose `url`
 * is this server's `/v1`.
 *
 * Every request is recorded (method, path, parsed JSON body). `POST /v1/chat/completions` is
 * answered by the script, which sees the request and how many chat requests came before it; any
 * other route gets 404 (recorded too, so a client calling `/v1/responses` shows up in a check).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatToolCall {
	id: string;
	type: 'function';
	function: { name: string; arguments: string };
}

export interface ChatMessage {
	role: 'system' | 'user' | 'assistant' | 'tool';
	content: string | null | Array<{ type: string; text?: string }>;
	tool_calls?: ChatToolCall[];
	tool_call_id?: string;
	name?: string;
}

export interface ChatTool {
	type: 'function';
	function: {
		name: string;
		description?: string;
		parameters?: {
			type?: string;
			properties?: Record<string, { type?: string; description?: string }>;
			required?: string[];
			[key: string]: unknown;
		};
	};
}

export interface ChatRequest {
	model?: string;
	messages: ChatMessage[];
	tools?: ChatTool[];
	stream?: boolean;
	[key: string]: unknown;
}

export interface RecordedModelRequest {
	method: string;
	path: string;
	/** The parsed JSON body; undefined when there was none or it was not JSON. */
	body: ChatRequest | undefined;
	/** 0-based position among the chat-completion requests; -1 for other routes. */
	chatIndex: number;
	at: number;
}

/** What the script answers: tool calls, or a final text. */
export type ScriptedReply =
	| { toolCalls: Array<{ name: string; args: Record<string, unknown> }> }
	| { text: string };

export type ModelScript = (
	request: ChatRequest,
	chatIndex: number,
) => ScriptedReply | Promise<ScriptedReply>;

export interface ModelServer {
	/** http://127.0.0.1:PORT/v1, the credential's Base URL. */
	url: string;
	requests: RecordedModelRequest[];
	/** The chat-completion requests only, in arrival order. */
	chatRequests(): RecordedModelRequest[];
	/** Replaces the script (between runs). Resets nothing else. */
	setScript(script: ModelScript): void;
	/** Forgets the recorded requests. */
	clear(): void;
	/** Script errors (a thrown exception answers 500 and lands here). */
	errors: string[];
	close(): Promise<void>;
}

export const toolCall = (name: string, args: Record<string, unknown>): ScriptedReply => ({
	toolCalls: [{ name, args }],
});
export const finalText = (text: string): ScriptedReply => ({ text });

/** The text of a message's content (string, or the text parts of a list). */
export function contentText(message: ChatMessage | undefined): string {
	if (!message) return '';
	if (typeof message.content === 'string') return message.content;
	if (Array.isArray(message.content)) return message.content.map((p) => p.text ?? '').join('');
	return '';
}

/** The tool results in a request's messages, in order: `{ toolCallId, content }`. */
export function toolResults(request: ChatRequest): Array<{ toolCallId: string; content: string }> {
	return request.messages
		.filter((m) => m.role === 'tool')
		.map((m) => ({ toolCallId: m.tool_call_id ?? '', content: contentText(m) }));
}

/** The content of the last message when it is a tool result, else undefined. */
export function lastToolResult(request: ChatRequest): string | undefined {
	const last = request.messages[request.messages.length - 1];
	return last?.role === 'tool' ? contentText(last) : undefined;
}

export async function startModelServer(script: ModelScript): Promise<ModelServer> {
	let current = script;
	let chatCount = 0;
	let callCount = 0;
	const requests: RecordedModelRequest[] = [];
	const errors: string[] = [];

	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			void (async () => {
				const text = Buffer.concat(chunks).toString('utf8');
				let body: ChatRequest | undefined;
				try {
					body = text ? (JSON.parse(text) as ChatRequest) : undefined;
				} catch {
					body = undefined;
				}
				const path = (req.url ?? '').split('?')[0];
				const isChat = req.method === 'POST' && path === '/v1/chat/completions';
				const chatIndex = isChat ? chatCount++ : -1;
				requests.push({ method: req.method ?? '', path, body, chatIndex, at: Date.now() });
				const send = (status: number, payload: unknown) => {
					res.writeHead(status, { 'Content-Type': 'application/json' });
					res.end(JSON.stringify(payload));
				};
				if (!isChat || !body) {
					send(404, { error: { message: `no route ${req.method} ${path}`, type: 'not_found' } });
					return;
				}
				try {
					const reply = await current(body, chatIndex);
					send(
						200,
						completion(reply, body.model ?? 'scripted', () => `call_${++callCount}`),
					);
				} catch (error) {
					const message = error instanceof Error ? error.message : String(error);
					errors.push(`chat request ${chatIndex}: ${message}`);
					send(500, { error: { message: `script error: ${message}`, type: 'server_error' } });
				}
			})();
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/v1`,
		requests,
		chatRequests: () => requests.filter((r) => r.chatIndex >= 0),
		setScript: (next) => {
			current = next;
		},
		clear: () => {
			requests.length = 0;
			errors.length = 0;
			chatCount = 0;
		},
		errors,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** An OpenAI chat.completion object for the reply (non-streaming). */
function completion(reply: ScriptedReply, model: string, nextId: () => string): unknown {
	const message =
		'text' in reply
			? { role: 'assistant', content: reply.text }
			: {
					role: 'assistant',
					content: null,
					tool_calls: reply.toolCalls.map((call) => ({
						id: nextId(),
						type: 'function',
						function: { name: call.name, arguments: JSON.stringify(call.args) },
					})),
				};
	return {
		id: `chatcmpl-scripted-${Date.now()}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model,
		choices: [
			{
				index: 0,
				message,
				logprobs: null,
				finish_reason: 'text' in reply ? 'stop' : 'tool_calls',
			},
		],
		usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
	};
}
