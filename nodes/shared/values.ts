import { NodeOperationError, type INode } from 'n8n-workflow';

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
		return new NodeOperationError(this.node, `The ${field} ${problem}`, {
			itemIndex: this.itemIndex,
			description: `Nothing was sent to LeadLex for item ${this.itemIndex + 1}. Check the ${field} field and the expression that fills it.`,
		});
	}

	/** Text that must not be blank; numbers from expressions are taken as text. */
	text(field: string, value: unknown): string {
		if (typeof value === 'number' && Number.isFinite(value)) return String(value);
		if (typeof value !== 'string')
			throw this.fail(field, `must be text, but it is ${describe(value)}`);
		if (value.trim() === '') throw this.fail(field, 'is empty');
		return value;
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

	/** One of LeadLex's documented values (an expression can produce anything). */
	oneOf(field: string, value: unknown, allowed: readonly string[]): string {
		if (typeof value !== 'string' || !allowed.includes(value)) {
			throw this.fail(field, `must be one of ${allowed.join(', ')}, but it is ${describe(value)}`);
		}
		return value;
	}
}

function describe(value: unknown): string {
	if (value === null) return 'null';
	if (value === undefined) return 'missing';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'string')
		return `"${value.length > 40 ? `${value.slice(0, 37)}...` : value}"`;
	return String(value);
}
