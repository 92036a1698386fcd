/**
 * Request checks shared by the API routes: JSON bodies, query integers, field checks that
 * collect `details.fields.<field>` messages.
 */
import {
	HttpError,
	INVALID_JSON,
	isJsonObject,
	MAX_BODY_BYTES,
	tryParseJson,
	type JsonObject,
	type RequestBody,
} from '../http';

/**
 * The body as a JSON object. Over the cap -> 413 payload_too_large; not JSON (an empty body
 * included) or not an object -> 400 validation_error. The Content-Type is not checked.
 */
export function jsonObjectBody(body: RequestBody): JsonObject {
	if (body.tooLarge) {
		throw new HttpError(
			413,
			'payload_too_large',
			`Request body is larger than ${MAX_BODY_BYTES} bytes`,
		);
	}
	const parsed = tryParseJson(body.text);
	if (parsed === INVALID_JSON) {
		throw new HttpError(400, 'validation_error', 'Request body must be valid JSON');
	}
	if (!isJsonObject(parsed)) {
		throw new HttpError(400, 'validation_error', 'Request body must be a JSON object');
	}
	return parsed;
}

/** A query parameter that must be a plain positive integer (optionally <= max) when present. */
export function parsePositiveInt(
	params: URLSearchParams,
	name: string,
	dflt: number,
	max?: number,
): number {
	const raw = params.get(name);
	if (raw === null) return dflt;
	const range = max === undefined ? 'a positive integer' : `an integer between 1 and ${max}`;
	if (!/^\d+$/.test(raw) || Number(raw) < 1 || (max !== undefined && Number(raw) > max)) {
		throw new HttpError(400, 'validation_error', `${name} must be ${range}`, {
			fields: { [name]: `Must be ${range}` },
		});
	}
	return Number(raw);
}

/** ISO 8601 to the second, like the docs' examples (`2026-04-17T14:30:10Z`). */
export function isoSeconds(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** An ISO 8601 date or date-time (any offset) as ms since the epoch; NaN when it is not one. */
export function parseIsoDate(raw: string): number {
	return /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(raw)
		? Date.parse(raw)
		: NaN;
}

/** An ISO 8601 date-time query parameter, or 400 validation_error naming it. */
export function dateParam(query: URLSearchParams, name: string): number | undefined {
	const raw = query.get(name);
	if (raw === null) return undefined;
	const ms = parseIsoDate(raw);
	if (Number.isNaN(ms)) {
		throw new HttpError(400, 'validation_error', `${name} must be an ISO 8601 date-time`, {
			fields: { [name]: 'Must be an ISO 8601 date-time' },
		});
	}
	return ms;
}

/** A query parameter that must be one of `allowed` when present, or 400 validation_error. */
export function oneOfParam(
	query: URLSearchParams,
	name: string,
	allowed: readonly string[],
): string | undefined {
	const raw = query.get(name);
	if (raw === null) return undefined;
	if (!allowed.includes(raw)) {
		throw new HttpError(400, 'validation_error', `${name} must be one of ${allowed.join(', ')}`, {
			fields: { [name]: `Must be one of ${allowed.join(', ')}` },
		});
	}
	return raw;
}

/** Field -> message; `throwIfAny` raises one 400 with every collected field. */
export class FieldErrors {
	readonly fields: Record<string, string> = {};

	add(field: string, message: string): void {
		if (!(field in this.fields)) this.fields[field] = message;
	}

	get empty(): boolean {
		return Object.keys(this.fields).length === 0;
	}

	throwIfAny(code: string, message: (fields: string[]) => string): void {
		if (this.empty) return;
		const names = Object.keys(this.fields);
		throw new HttpError(400, code, message(names), { fields: { ...this.fields } });
	}
}

/** Adds `<prefix><name>: "Unknown field"` for every key of `input` not in `allowed`. */
export function checkKnownFields(
	errors: FieldErrors,
	input: JsonObject,
	allowed: readonly string[],
	prefix = '',
): void {
	for (const name of Object.keys(input)) {
		if (!allowed.includes(name)) errors.add(`${prefix}${name}`, 'Unknown field');
	}
}

/** Adds an error unless `value` is an array of 1 to `max` non-blank strings (IDs). */
export function checkIdList(errors: FieldErrors, field: string, value: unknown, max: number): void {
	if (value === undefined || value === null) errors.add(field, 'Required');
	else if (!Array.isArray(value)) errors.add(field, 'Must be an array of IDs');
	else if (value.length === 0) errors.add(field, `Must contain 1 to ${max} IDs`);
	else if (value.length > max) errors.add(field, `At most ${max} IDs (got ${value.length})`);
	else if (value.some((id) => typeof id !== 'string' || id.trim() === '')) {
		errors.add(field, 'Every entry must be a non-empty string');
	}
}

/** Adds an error unless `value` is a non-blank string. */
export function checkNonBlankString(errors: FieldErrors, field: string, value: unknown): void {
	if (value === undefined || value === null) errors.add(field, 'Required');
	else if (typeof value !== 'string') errors.add(field, 'Must be a string');
	else if (value.trim() === '') errors.add(field, 'Required');
}

/** Adds an error unless `value` is a safe integer in [min, max]. */
export function checkInteger(
	errors: FieldErrors,
	field: string,
	value: unknown,
	min: number,
	max?: number,
): void {
	const ok =
		typeof value === 'number' &&
		Number.isSafeInteger(value) &&
		value >= min &&
		(max === undefined || value <= max);
	if (ok) return;
	errors.add(
		field,
		max === undefined
			? `Must be an integer >= ${min}`
			: `Must be an integer between ${min} and ${max}`,
	);
}

/** `{a, b}` -> "a and b"; `{a, b, c}` -> "a, b and c". */
export function listNames(names: string[]): string {
	return names.length <= 1
		? (names[0] ?? '')
		: `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * `page`/`per_page` (default 50, max 100) over a whole list, with `meta` (§5): each list route
 * filters and sorts its records, then hands them here (`view` shapes one record for the answer).
 */
export function paged<T>(
	query: URLSearchParams,
	all: T[],
	key: string,
	view: (record: T) => unknown = (record) => record,
): JsonObject {
	const page = parsePositiveInt(query, 'page', 1);
	const perPage = parsePositiveInt(query, 'per_page', 50, 100);
	const start = (page - 1) * perPage;
	return {
		data: { [key]: all.slice(start, start + perPage).map(view) as unknown as JsonObject[] },
		meta: { page, per_page: perPage, total: all.length },
	};
}
