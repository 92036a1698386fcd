/* eslint-disable @n8n/community-nodes/no-restricted-imports */
/**
 * HTTP plumbing for the LeadLex sandbox: HttpError, sending (JSON) responses, reading bodies,
 * request IDs. No LeadLex rules live here.
 */
import type * as http from 'node:http';
import { randomBytes } from 'node:crypto';

import type { RecordedRequest } from './types';

export interface JsonObject {
	[key: string]: unknown;
}

/** Thrown by handlers; becomes `{"error":{code, message, details?}}` with this status. */
export class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly details?: JsonObject,
	) {
		super(message);
	}
}

export function errorPayload(err: HttpError): JsonObject {
	const error: JsonObject = { code: err.code, message: err.message };
	if (err.details) error.details = err.details;
	return { error };
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `req_` + 26 Crockford base32 characters (ULID layout: 10 time chars, 16 random chars). */
export function newRequestId(nowMs: number): string {
	let t = Math.max(0, Math.floor(nowMs));
	let time = '';
	for (let i = 0; i < 10; i++) {
		time = CROCKFORD[t % 32] + time;
		t = Math.floor(t / 32);
	}
	let rand = '';
	for (const byte of randomBytes(16)) rand += CROCKFORD[byte % 32];
	return `req_${time}${rand}`;
}

/**
 * Sends status + body. Headers are merged case-insensitively: a later header wins, an empty
 * value removes the header. Sets record.status even when the socket is already gone.
 */
export function send(
	res: http.ServerResponse,
	record: RecordedRequest,
	status: number,
	body: string,
	headers: Record<string, string>,
): void {
	record.status = status;
	if (res.destroyed || res.writableEnded) return;
	const byLower = new Map<string, [string, string]>();
	for (const [k, v] of Object.entries(headers)) byLower.set(k.toLowerCase(), [k, v]);
	const final: Record<string, string> = {};
	for (const [k, v] of byLower.values()) {
		if (v !== '') final[k] = v;
	}
	const noBody = status === 204 || status === 304 || (status >= 100 && status < 200);
	if (!noBody) final['Content-Length'] = String(Buffer.byteLength(body));
	res.writeHead(status, final);
	res.end(noBody ? undefined : body);
}

/** JSON response with `Content-Type: application/json` and the record's X-Request-ID. */
export function sendJson(
	res: http.ServerResponse,
	record: RecordedRequest,
	status: number,
	payload: JsonObject,
	headers: Record<string, string>,
): void {
	send(res, record, status, JSON.stringify(payload), {
		'Content-Type': 'application/json',
		...headers,
		'X-Request-ID': record.requestId,
	});
}

/** Admin answers: plain JSON, no rate-limit headers, not recorded. */
export function sendAdmin(res: http.ServerResponse, status: number, payload: unknown): void {
	if (res.destroyed || res.writableEnded) return;
	const body = JSON.stringify(payload);
	res.writeHead(status, {
		'Content-Type': 'application/json',
		'Content-Length': String(Buffer.byteLength(body)),
	});
	res.end(body);
}

/** A request body as read: the UTF-8 text (at most the cap) and whether the cap was exceeded. */
export interface RequestBody {
	text: string;
	/** Bytes received (all of them, also past the cap). */
	size: number;
	tooLarge: boolean;
}

export const MAX_BODY_BYTES = 1_000_000;

/**
 * Reads the whole body. Past `cap` bytes the rest is read and dropped (so the client still gets
 * an answer) and `tooLarge` is set; `text` is then the first `cap` bytes.
 */
export function collectBody(req: http.IncomingMessage, cap = MAX_BODY_BYTES): Promise<RequestBody> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let kept = 0;
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (kept < cap) {
				const part = chunk.subarray(0, cap - kept);
				chunks.push(part);
				kept += part.length;
			}
		});
		req.on('end', () =>
			resolve({ text: Buffer.concat(chunks).toString('utf8'), size, tooLarge: size > cap }),
		);
		req.on('error', reject);
	});
}

/** Admin body reader: over the cap -> rejects with 413 and destroys the request. */
export function readAdminBody(req: http.IncomingMessage, cap = MAX_BODY_BYTES): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > cap) {
				reject(new HttpError(413, 'payload_too_large', 'Body too large'));
				req.destroy();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

export const INVALID_JSON = Symbol('invalid JSON');

export function tryParseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return INVALID_JSON;
	}
}

export function isJsonObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function tryDecode(segment: string): string | undefined {
	try {
		return decodeURIComponent(segment);
	} catch {
		return undefined;
	}
}
