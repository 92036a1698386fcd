import type { IExecuteSingleFunctions, INodeParameterResourceLocator } from 'n8n-workflow';

/** `{{ $json.key }}` or `{{ $json["key"] }}`: what dragging an input field into a field gives. */
const ITEM_FIELD = /^=\{\{\s*\$json(?:\.([A-Za-z_$][\w$]*)|\[\s*(["'])([^"'\\]*)\2\s*\])\s*\}\}$/;

/** Picker modes whose value n8n hands over unchanged (no `extractValue` rule). */
const PLAIN_MODES = new Set(['id', 'list']);

/**
 * A resource-locator ID parameter's value for the item, as `getNodeParameter(name, undefined,
 * { extractValue: true })` gives it. n8n's declarative engine has already evaluated every
 * parameter of the item twice before the node runs, and on n8n 2.x each evaluation is a call into
 * an isolated VM (about half a millisecond), so a third evaluation per ID was most of what this
 * node added to each item. When the field is exactly `{{ $json.key }}` and the item holds text
 * there, that text is what n8n would return, read from the item directly; every other value
 * (another expression, a number, a missing field, other modes) goes through n8n.
 */
export function readItemId(context: IExecuteSingleFunctions, name: string): unknown {
	const raw = context.getNode().parameters[name] as INodeParameterResourceLocator | undefined;
	const match =
		raw && typeof raw === 'object' && PLAIN_MODES.has(String(raw.mode))
			? ITEM_FIELD.exec(String(raw.value))
			: null;
	if (match) {
		const json = context.getInputData().json;
		const key = match[1] ?? match[3];
		const value = Object.prototype.hasOwnProperty.call(json, key) ? json[key] : undefined;
		if (typeof value === 'string') return value;
	}
	return context.getNodeParameter(name, undefined, { extractValue: true });
}

/** A picker's value (`{__rl, mode, value}`) or a plain value, as it is. */
export function locatorValue(value: unknown): unknown {
	if (value && typeof value === 'object' && !Array.isArray(value) && '__rl' in value) {
		return (value as { value?: unknown }).value;
	}
	return value;
}
