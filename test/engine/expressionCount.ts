import { Expression } from 'n8n-workflow';

/** Counts every expression n8n-workflow resolves while `run` runs, by the caller that asked. */
export async function countExpressions(run: () => Promise<void>): Promise<Map<string, number>> {
	const prototype = Expression.prototype as unknown as {
		resolveSimpleParameterValue: (value: unknown, ...rest: unknown[]) => unknown;
	};
	const original = prototype.resolveSimpleParameterValue;
	const sites = new Map<string, number>();
	prototype.resolveSimpleParameterValue = function (value: unknown, ...rest: unknown[]) {
		if (typeof value === 'string' && value.startsWith('=')) {
			const caller =
				/at (?:\w+\.)?(runNode|resolveBaseUrl|getNodeParameter|authenticate)\b/.exec(
					new Error().stack ?? '',
				)?.[1] ?? 'other';
			const site =
				{
					runNode: "engine: the item's request",
					resolveBaseUrl: 'engine: the Base URL check',
					getNodeParameter: 'the node: getNodeParameter',
					authenticate: 'the credential',
				}[caller] ?? caller;
			sites.set(site, (sites.get(site) ?? 0) + 1);
		}
		return original.call(this, value, ...rest);
	};
	try {
		await run();
	} finally {
		prototype.resolveSimpleParameterValue = original;
	}
	return sites;
}
