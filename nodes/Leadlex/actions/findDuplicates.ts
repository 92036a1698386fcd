import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { PERMISSIONS } from '../../shared/constants';
import { optionsField, showFor } from '../../shared/descriptions';
import { creditErrors, refused, what, type ErrorTable } from '../../shared/errors/codes';
import { locatorValue } from '../../shared/itemParameter';
import { listLocator } from './list/listFields';
import { leadlexOperation } from './operation';

/** LeadLex's bounds of a detection (§9.5): `threshold` 0–1, `limit` at most 1,000 pairs. */
export const DEFAULT_THRESHOLD = 0.85;
export const DEFAULT_PAIRS = 100;
export const MAX_PAIRS = 1000;

/** What a run costs, by the workspace's size (§9.5). */
const COST =
	'3 to 10 credits by the workspace’s size (3 up to 10,000 records, 5 up to 100,000, 10 above)';

/** The request and its errors are the same for the three resources but for entity_type and List. */
function duplicateErrors(listScope: boolean): ErrorTable {
	const list = listScope ? ', and List a contact list of the workspace' : '';
	return {
		...creditErrors({
			balance: 'too few credits left for duplicate detection',
			cost: `Each run of duplicate detection costs ${COST}.`,
			refusedTo: 'run',
		}),
		'400 validation_error': refused(
			what,
			`Check the values LeadLex names: Threshold is a number from 0 to 1, Limit a whole number from 1 to 1,000, Created After a date${list}.`,
		),
	};
}

export interface FindDuplicatesSpec {
	/** The resource, also LeadLex's `entity_type`. */
	resource: 'contact' | 'company' | 'deal';
	/** Whether Additional Fields offers List (`scope.list_id`): LeadLex's lists hold contacts. */
	listScope?: boolean;
}

/**
 * Find Duplicates of a resource: `POST /v1/ai/detect-duplicates` with its `entity_type`, one item
 * per pair LeadLex found (none when it found none), each with the run's `total_candidates` and
 * `credits_remaining`. LeadLex keeps a run's result for 60 minutes by its Idempotency-Key (§6): a
 * repeat of the item's request (a 429, a lost answer) is served from it and not charged again.
 */
export function findDuplicates(spec: FindDuplicatesSpec): {
	operation: INodePropertyOptions;
	description: INodeProperties[];
} {
	const plural = spec.resource === 'company' ? 'companies' : `${spec.resource}s`;
	const operation = leadlexOperation({
		name: 'Find Duplicates',
		value: 'findDuplicates',
		action: `Find duplicate ${plural} (costs 3 to 10 credits, changes nothing)`,
		description: `Ask LeadLex's AI for likely duplicate ${plural}, one item per pair; costs 3 to 10 credits per run and changes no record`,
		method: 'POST',
		path: '/v1/ai/detect-duplicates',
		permission: PERMISSIONS.writeAi,
		change: 'run',
		label: () => `duplicate detection over the ${plural}`,
		errors: duplicateErrors(spec.listScope === true),
		idempotent: true,
		output: { property: 'data', shape: 'object', requiredField: { name: 'pairs', type: 'list' } },
		body({ check }) {
			const fields = this.getNodeParameter('additionalFields', {}) as IDataObject;
			const body: IDataObject = { entity_type: spec.resource };
			if ('threshold' in fields) body.threshold = check.number('Threshold', fields.threshold, 0, 1);
			if ('limit' in fields) body.limit = check.integer('Limit', fields.limit, 1, MAX_PAIRS);
			const scope: IDataObject = {};
			if ('createdAfter' in fields) {
				scope.created_after = check.dateTime(
					'Created After',
					fields.createdAfter,
					this.getTimezone(),
				);
			}
			if ('tag' in fields) scope.tag = check.text('Tag', fields.tag).trim();
			if (spec.listScope && 'listId' in fields) {
				scope.list_id = check.id('List ID', locatorValue(fields.listId));
			}
			if (Object.keys(scope).length > 0) body.scope = scope;
			return body;
		},
		async run(_item, send) {
			const [data] = (await send()).records;
			const run = {
				total_candidates: data.total_candidates ?? null,
				credits_remaining: data.credits_remaining ?? null,
			};
			// readOutput checked that pairs is a list; entries that are not objects are dropped.
			return (data.pairs as unknown[])
				.filter(
					(pair): pair is IDataObject =>
						typeof pair === 'object' && pair !== null && !Array.isArray(pair),
				)
				.map((pair) => ({ ...pair, ...run }));
		},
		mayHaveChangedHint:
			'if it was, it cost 3 to 10 credits and changed no record. A new run sends a new Idempotency-Key, which LeadLex does not answer from its cache: it runs and is charged again.',
	});
	const show = showFor(spec.resource, 'findDuplicates');
	const scopeFields: INodeProperties[] = [
		{
			displayName: 'Created After',
			name: 'createdAfter',
			type: 'dateTime',
			default: '',
			description: `Only compare ${plural} created after this time`,
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_PAIRS },
			// n8n's convention for a Limit (its lint): 50, as any Limit of the node.
			default: 50,
			description: 'Max number of results to return',
			hint: `Pairs, 1 to ${MAX_PAIRS.toLocaleString('en-US')}. Without Limit, LeadLex returns at most ${DEFAULT_PAIRS}.`,
		},
		...(spec.listScope
			? [
					{
						displayName: 'List',
						name: 'listId',
						type: 'resourceLocator',
						default: { mode: 'list', value: '' },
						description: `Only compare the ${plural} in this list, from the list or by its ID`,
						modes: listLocator.modes,
					} satisfies INodeProperties,
				]
			: []),
		{
			displayName: 'Tag',
			name: 'tag',
			type: 'string',
			default: '',
			placeholder: 'e.g. estate-planning',
			description: `Only compare ${plural} with this tag`,
		},
		{
			displayName: 'Threshold',
			name: 'threshold',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
			default: DEFAULT_THRESHOLD,
			description: `The lowest similarity (0 to 1) a pair needs to be returned; LeadLex's default ${DEFAULT_THRESHOLD}`,
		},
	];
	const description: INodeProperties[] = [
		{
			displayName: `Each run costs ${COST}. It only reads: no ${spec.resource} is changed. LeadLex keeps a run's result for 60 minutes, and a repeat of the same item's request (after a lost answer or a rate limit) gets it without a second charge.`,
			name: 'findDuplicatesNotice',
			type: 'notice',
			default: '',
			displayOptions: { show },
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: { show },
			options: scopeFields,
		},
		optionsField(spec.resource, 'findDuplicates'),
	];
	return { operation, description };
}
