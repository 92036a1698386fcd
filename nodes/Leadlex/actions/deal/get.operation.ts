import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import { leadlexOperation } from '../operation';
import {
	dealField,
	dealLabel,
	optionsField,
	SIMPLE_DEAL_FIELDS,
	simplifyField,
} from './dealFields';
import { DEAL_ERRORS } from './errors';

/** Simplify (on by default): the ten fields of SIMPLE_DEAL_FIELDS that LeadLex sent. */
export function simplifyDeals(
	this: { getNodeParameter(name: string, fallback: unknown): unknown },
	items: IDataObject[],
): IDataObject[] {
	const simplify = this.getNodeParameter('simplify', true);
	if (simplify === false || simplify === 'false') return items;
	return items.map((deal) =>
		Object.fromEntries(
			SIMPLE_DEAL_FIELDS.filter((key) => key in deal).map((key) => [key, deal[key]]),
		),
	);
}

export const getOperation = leadlexOperation({
	name: 'Get',
	value: 'get',
	action: 'Get a deal',
	description: 'Read one deal (reads only)',
	method: 'GET',
	path: '/v1/deals/{dealId}',
	permission: PERMISSIONS.dealsRead,
	label: dealLabel,
	errors: DEAL_ERRORS,
	// GET answers with `data.deal` (§9.3), its status `open` where the other pages say `active`.
	output: { property: 'data.deal', shape: 'object' },
	qs({ check }) {
		// Read before any request: Simplify is applied to the answer.
		check.boolean('Simplify', this.getNodeParameter('simplify', true));
		return {};
	},
	shapeItems: simplifyDeals,
});

export const getDescription: INodeProperties[] = [
	dealField('get', 'The deal to read, by its ID (a UUID)'),
	simplifyField('get'),
	optionsField('get'),
];
