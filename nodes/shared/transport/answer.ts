import { pause } from '../rateLimit/pause';

export type ResponseHeaders = Record<string, unknown>;

/** The most of a JSON answer the node reads: a page of 100 records is far below it. */
export const MAX_ANSWER_BYTES = 16 * 1024 * 1024;

/** LeadLex's objects are a few levels deep; anything far deeper is not LeadLex. */
export const MAX_JSON_DEPTH = 64;

/** The longest header value the node looks at (LeadLex's are a few dozen characters). */
const MAX_HEADER_LENGTH = 256;

/** Why an answer could not be read in full. */
export class AnswerNotRead extends Error {
	constructor(
		readonly reason: 'deadline' | 'tooLarge',
		/** The HTTP status, when the answer had begun. */
		readonly status?: number,
		/** For `tooLarge`: the most bytes the node read. */
		readonly maxBytes = MAX_ANSWER_BYTES,
	) {
		super(reason === 'deadline' ? 'answer deadline passed' : 'answer too large');
	}
}

/** The body as n8n's HTTP helper hands it over with `encoding: 'stream'`. */
interface BodyStream {
	on(event: 'data', listener: (chunk: Uint8Array | string) => void): unknown;
	on(event: 'end' | 'close', listener: () => void): unknown;
	on(event: 'error', listener: (error: Error) => void): unknown;
	destroy(error?: Error): unknown;
}

function isStream(body: unknown): body is BodyStream {
	return (
		typeof body === 'object' &&
		body !== null &&
		typeof (body as BodyStream).on === 'function' &&
		typeof (body as BodyStream).destroy === 'function'
	);
}

/**
 * Reads a streamed body in full, or fails: at `deadline` (ms since epoch) with reason `deadline`,
 * past `maxBytes` with `tooLarge`. Either way the stream is destroyed, which closes the connection.
 * A body that is not a stream (a test double, an older helper) is returned as it is.
 */
export async function readBody(
	body: unknown,
	limits: { deadline: number; maxBytes: number; status: number },
): Promise<Buffer | unknown> {
	if (!isStream(body)) return body;
	const stream = body;
	const timer = new AbortController();
	try {
		return await new Promise<Buffer>((resolve, reject) => {
			const chunks: Buffer[] = [];
			let size = 0;
			let settled = false;
			const fail = (error: Error) => {
				if (settled) return;
				settled = true;
				stream.destroy();
				reject(error);
			};
			stream.on('data', (chunk) => {
				if (settled) return;
				const bytes = Buffer.from(chunk);
				size += bytes.length;
				if (size > limits.maxBytes) {
					fail(new AnswerNotRead('tooLarge', limits.status, limits.maxBytes));
				} else chunks.push(bytes);
			});
			stream.on('end', () => {
				if (settled) return;
				settled = true;
				resolve(Buffer.concat(chunks));
			});
			// `response.status` tells the transport errors that an answer had begun.
			const brokeOff = () =>
				Object.assign(new Error('the answer broke off before it was complete'), {
					response: { status: limits.status },
				});
			stream.on('error', () => fail(brokeOff()));
			stream.on('close', () => fail(brokeOff()));
			pause(limits.deadline - Date.now(), timer.signal).then(
				() => fail(new AnswerNotRead('deadline', limits.status)),
				() => undefined,
			);
		});
	} finally {
		timer.abort();
	}
}

/** The deepest nesting of objects and arrays in JSON text, counted without parsing it. */
function jsonDepth(text: string): number {
	let depth = 0;
	let deepest = 0;
	let inString = false;
	for (let index = 0; index < text.length; index++) {
		const char = text.charCodeAt(index);
		if (inString) {
			if (char === 0x5c) index++;
			else if (char === 0x22) inString = false;
		} else if (char === 0x22) inString = true;
		else if (char === 0x7b || char === 0x5b) {
			depth++;
			if (depth > deepest) deepest = depth;
		} else if (char === 0x7d || char === 0x5d) depth--;
	}
	return deepest;
}

/** What a body holds once read: JSON (no deeper than MAX_JSON_DEPTH) or text. */
export type ParsedBody = { value: unknown; tooDeep?: false } | { value: string; tooDeep: true };

/**
 * Text that looks like JSON is parsed (as n8n's HTTP client would), unless it is nested deeper
 * than LeadLex ever nests: such a body stays text and is marked `tooDeep`.
 */
export function parseBody(body: unknown): ParsedBody {
	const text = body instanceof Uint8Array ? Buffer.from(body).toString('utf8') : (body as unknown);
	if (typeof text !== 'string') return { value: text };
	const start = text.trimStart().charAt(0);
	if (start !== '{' && start !== '[' && start !== '"') return { value: text };
	if (jsonDepth(text) > MAX_JSON_DEPTH) return { value: text, tooDeep: true };
	try {
		return { value: JSON.parse(text) };
	} catch {
		return { value: text };
	}
}

/**
 * One header's value as text, cut to a length worth reading. A header sent twice (an array, or
 * values a proxy joined with commas) gives its first value; `all` gives every value.
 */
export function header(headers: ResponseHeaders | undefined, name: string): string | undefined {
	return headerValues(headers, name)[0];
}

export function headerValues(headers: ResponseHeaders | undefined, name: string): string[] {
	if (!headers || typeof headers !== 'object') return [];
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() !== wanted) continue;
		const list = Array.isArray(value) ? value : [value];
		return list
			.filter((entry) => entry !== undefined && entry !== null)
			.map((entry) => String(entry).slice(0, MAX_HEADER_LENGTH))
			.slice(0, 8);
	}
	return [];
}
