import { NodeOperationError, type INode } from 'n8n-workflow';
import { idProblem, NOTHING_SENT } from './ids';

/**
 * Checks of the values a user (or an expression, or an AI agent) puts into a field. Each failure
 * names the field and happens before anything is sent.
 */
export class FieldChecker {
	constructor(
		private readonly node: INode,
		private readonly itemIndex: number,
	) {}

	fail(field: string, problem: string): NodeOperationError {
		return new NodeOperationError(this.node, `The ${field} ${problem}. ${NOTHING_SENT}`, {
			itemIndex: this.itemIndex,
			description: `Nothing was sent to LeadLex for item ${this.itemIndex + 1}. Check the ${field} field and the expression that fills it.`,
		});
	}

	/** Text that must not be blank (unless `allowEmpty`); numbers from expressions are taken as text. */
	text(field: string, value: unknown, allowEmpty = false): string {
		if (typeof value === 'number' && Number.isFinite(value)) return String(value);
		if (typeof value !== 'string')
			throw this.fail(field, `must be text, but it is ${describe(value)}`);
		if (!allowEmpty && value.trim() === '') throw this.fail(field, 'is empty');
		return value;
	}

	/** true or false; the strings "true" and "false" from expressions are accepted. */
	boolean(field: string, value: unknown): boolean {
		if (typeof value === 'boolean') return value;
		if (value === 'true' || value === 'false') return value === 'true';
		throw this.fail(field, `must be true or false, but it is ${describe(value)}`);
	}

	/** An IANA time zone name that this runtime knows (e.g. Europe/Berlin). */
	timezone(field: string, value: unknown): string {
		const zone = this.text(field, value).trim();
		try {
			new Intl.DateTimeFormat('en-US', { timeZone: zone });
		} catch {
			throw this.fail(
				field,
				`must be an IANA time zone such as Europe/Berlin or America/New_York, but it is ${describe(value)}`,
			);
		}
		return zone;
	}

	/** One ID sent in a body or query: trimmed text, not blank, not too long, no control characters. */
	id(field: string, value: unknown): string {
		const id = this.text(field, value).trim();
		const problem = idProblem(id);
		if (problem) throw this.fail(field, problem);
		return id;
	}

	/**
	 * A list of IDs: an array (from an expression) or text separated by commas or line breaks.
	 * Each ID is trimmed; blanks and repeats are dropped; an empty result is refused.
	 */
	idList(field: string, value: unknown): string[] {
		let parts: unknown[];
		if (Array.isArray(value)) parts = value;
		else if (typeof value === 'string') parts = value.split(/[,\r\n]+/);
		else if (typeof value === 'number') parts = [value];
		else
			throw this.fail(
				field,
				`must be a list of IDs or comma-separated text, but it is ${describe(value)}`,
			);
		const ids = new Set<string>();
		parts.forEach((part, position) => {
			if (typeof part === 'number' && Number.isFinite(part)) part = String(part);
			if (typeof part !== 'string') {
				throw this.fail(
					field,
					`must contain only IDs, but entry ${position + 1} is ${describe(part)}`,
				);
			}
			const id = part.trim();
			const problem = id && idProblem(id);
			if (problem) throw this.fail(field, `entry ${position + 1} ${problem}`);
			if (id) ids.add(id);
		});
		if (ids.size === 0) throw this.fail(field, 'contain no ID');
		return [...ids];
	}

	/**
	 * A date and time as ISO 8601 with the offset of `zone` (the workflow's time zone). A value
	 * without an offset (as n8n's date picker saves it) is a wall-clock time in that zone; a value
	 * with one (or a Date, or a Luxon DateTime from an expression) is that instant.
	 */
	dateTime(field: string, value: unknown, zone: string): string {
		let instant: number | undefined;
		if (value instanceof Date) instant = value.getTime();
		else if (
			value &&
			typeof value === 'object' &&
			typeof (value as { toISO?: unknown }).toISO === 'function'
		) {
			instant = Date.parse(String((value as { toISO: () => unknown }).toISO()));
		} else if (typeof value === 'string') {
			const text = value.trim();
			const match =
				/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(
					text,
				);
			if (match) {
				const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '0', offset] = match;
				const wall = Date.UTC(
					+y,
					+mo - 1,
					+d,
					+h,
					+mi,
					+s,
					Math.round(Number(`0.${fraction}`) * 1000),
				);
				const valid = new Date(wall).getUTCDate() === +d && +h < 24 && +mi < 60 && +s < 60;
				if (valid)
					instant = offset ? wall - offsetMinutes(offset) * 60_000 : fromWallClock(wall, zone);
			}
		}
		if (instant === undefined || !Number.isFinite(instant)) {
			throw this.fail(
				field,
				`must be a date and time such as 2026-04-17T14:30:00, but it is ${describe(value)}`,
			);
		}
		return formatInZone(instant, zone);
	}

	/** A whole number in a range; integer strings from expressions are accepted. */
	integer(field: string, value: unknown, min: number, max?: number): number {
		const number = typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
		const range = max === undefined ? `${min} or more` : `from ${min} to ${max}`;
		if (
			typeof number !== 'number' ||
			!Number.isInteger(number) ||
			number < min ||
			(max !== undefined && number > max)
		) {
			throw this.fail(field, `must be a whole number ${range}, but it is ${describe(value)}`);
		}
		return number;
	}

	/** A number in a range; numeric strings from expressions are accepted. */
	number(field: string, value: unknown, min: number, max: number): number {
		const number =
			typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
		if (typeof number !== 'number' || !Number.isFinite(number) || number < min || number > max) {
			throw this.fail(
				field,
				`must be a number from ${min} to ${max}, but it is ${describe(value)}`,
			);
		}
		return number;
	}

	/** An email address: text with one @ and no white space (LeadLex checks the rest). */
	email(field: string, value: unknown): string {
		const email = this.text(field, value).trim();
		if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
			throw this.fail(field, `must be an email address, but it is ${describe(value)}`);
		}
		return email;
	}

	/** A web address starting with http:// or https://. */
	url(field: string, value: unknown): string {
		const url = this.text(field, value).trim();
		if (!/^https?:\/\/[^\s/]+\S*$/i.test(url)) {
			throw this.fail(
				field,
				`must be a web address starting with https://, but it is ${describe(value)}`,
			);
		}
		return url;
	}

	/**
	 * Words such as tags: a list (from an expression) or text separated by commas. Each is trimmed;
	 * blanks and repeats are dropped; an empty result is refused.
	 */
	textList(field: string, value: unknown): string[] {
		const parts = Array.isArray(value)
			? value
			: typeof value === 'string'
				? value.split(',')
				: undefined;
		if (!parts) {
			throw this.fail(
				field,
				`must be a list or comma-separated text, but it is ${describe(value)}`,
			);
		}
		const words = new Set<string>();
		parts.forEach((part, position) => {
			if (typeof part !== 'string') {
				throw this.fail(
					field,
					`must contain only text, but entry ${position + 1} is ${describe(part)}`,
				);
			}
			if (part.trim()) words.add(part.trim());
		});
		if (words.size === 0) throw this.fail(field, 'contain no value');
		return [...words];
	}

	/** One of LeadLex's documented values (an expression can produce anything). */
	oneOf(field: string, value: unknown, allowed: readonly string[]): string {
		if (typeof value !== 'string' || !allowed.includes(value)) {
			throw this.fail(field, `must be one of ${allowed.join(', ')}, but it is ${describe(value)}`);
		}
		return value;
	}
}

function offsetMinutes(offset: string): number {
	if (/^z$/i.test(offset)) return 0;
	const digits = offset.replace(':', '');
	const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
	return digits.startsWith('-') ? -minutes : minutes;
}

/** The zone's offset from UTC at an instant, in minutes (Intl only: no date library at runtime). */
function zoneOffsetAt(instant: number, zone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone: zone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(instant));
	const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
	const asUtc = Date.UTC(
		get('year'),
		get('month') - 1,
		get('day'),
		get('hour'),
		get('minute'),
		get('second'),
	);
	return Math.round((asUtc - (instant - (((instant % 1000) + 1000) % 1000))) / 60_000);
}

/** The instant at which the zone's clocks show `wall` (given as if it were UTC). */
function fromWallClock(wall: number, zone: string): number {
	let instant = wall - zoneOffsetAt(wall, zone) * 60_000;
	instant = wall - zoneOffsetAt(instant, zone) * 60_000;
	return instant;
}

function formatInZone(instant: number, zone: string): string {
	const offset = zoneOffsetAt(instant, zone);
	const local = new Date(instant + offset * 60_000).toISOString().replace(/\.000Z$|Z$/, '');
	const sign = offset < 0 ? '-' : '+';
	const abs = Math.abs(offset);
	const hh = String(Math.floor(abs / 60)).padStart(2, '0');
	const mm = String(abs % 60).padStart(2, '0');
	return `${local}${sign}${hh}:${mm}`;
}

/** A value as a message shows it: its text (cut at 40 characters) or what kind of value it is. */
export function describe(value: unknown): string {
	if (value === null) return 'null';
	if (value === undefined) return 'missing';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'string')
		return `"${value.length > 40 ? `${value.slice(0, 37)}...` : value}"`;
	return String(value);
}
