import type { INodeProperties } from 'n8n-workflow';

export { mergeRepeatedEntries } from './merge';

const idLabels = new Map<string, string>();

/**
 * Declares the picker of a record's ID. Its display name is how messages name the ID ("The
 * Campaign ID is empty"), so a new resource's picker needs no entry anywhere else.
 */
export function idLocator(property: INodeProperties): INodeProperties {
	idLabels.set(property.name, property.displayName);
	return property;
}

/** How messages name an ID parameter: its picker's display name, else the parameter's name. */
export function idLabel(name: string): string {
	return idLabels.get(name) ?? name;
}

export const campaignLocator: INodeProperties = idLocator({
	displayName: 'Campaign',
	name: 'campaignId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The LeadLex campaign, by its ID (e.g. cmp_abc123)',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a campaign...',
			typeOptions: {
				searchListMethod: 'searchCampaigns',
				searchable: true,
				searchFilterRequired: false,
			},
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. cmp_abc123',
		},
	],
});

export const stepLocator: INodeProperties = idLocator({
	displayName: 'Step',
	name: 'stepId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The step, by its ID (e.g. step_2), not by its position in the sequence',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a step...',
			typeOptions: {
				searchListMethod: 'searchSteps',
				searchable: true,
				searchFilterRequired: false,
			},
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. step_2',
		},
	],
});

/** Options every LeadLex operation offers for the rate limit (see shared/rateLimitRetry.ts). */
export const rateLimitOptions: INodeProperties[] = [
	{
		displayName: 'Retry On Rate Limit',
		name: 'retryOnRateLimit',
		type: 'boolean',
		default: true,
		description:
			"Whether to wait and send again when LeadLex's per-minute limit refuses a request. A refused request changed nothing, so sending it again is safe. A used-up daily quota is never waited for.",
	},
	{
		displayName: 'Max Rate Limit Wait',
		name: 'maxRateLimitWait',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 86400 },
		default: 300,
		description:
			'The longest time, in seconds (at most 86400, a day), one item may keep trying against the rate limit, counted from its first request. Used when Retry On Rate Limit is on.',
	},
];

/** The display options of one operation's fields. */
export const showFor = (resource: string, operation: string) => ({
	resource: [resource],
	operation: [operation],
});

/** The Options collection: the rate-limit options, after any of the operation's own. */
export function optionsField(
	resource: string,
	operation: string,
	own: INodeProperties[] = [],
): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: showFor(resource, operation) },
		options: [...own, ...rateLimitOptions],
	};
}

/** Options → Ignore Not Found: a record that does not exist gives a result instead of an error. */
export function ignoreNotFoundOption(description: string): INodeProperties {
	return {
		displayName: 'Ignore Not Found',
		name: 'ignoreNotFound',
		type: 'boolean',
		default: false,
		description,
	};
}

/** Return All and Limit (default 50) for a list (checked before any request: actions/paging.ts). */
export function returnAllFields(resource: string, operation: string): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show: showFor(resource, operation) },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...showFor(resource, operation), returnAll: [false] } },
		},
	];
}

/**
 * n8n's declarative engine resolves every property's value for every item, once per property
 * entry (and on 2.x a second time to find the Base URL), whether or not the property is shown.
 * A picker declared once per operation therefore evaluates its expression once per operation
 * for each item. This declares each given parameter once per resource instead: its entries are
 * merged into one, shown for all their operations, at the place of the first, so the per-item
 * cost does not grow as the resource gains operations.
 */
export function declareOncePerResource(
	properties: INodeProperties[],
	shared: INodeProperties[],
): INodeProperties[] {
	const merged = new Map<string, INodeProperties>();
	const result: INodeProperties[] = [];
	for (const property of properties) {
		const base = shared.find((candidate) => candidate.name === property.name);
		if (!base) {
			result.push(property);
			continue;
		}
		const show = property.displayOptions?.show ?? {};
		const first = merged.get(property.name);
		if (!first) {
			const copy: INodeProperties = { ...base, displayOptions: { show: { ...show } } };
			merged.set(property.name, copy);
			result.push(copy);
			continue;
		}
		const firstShow = first.displayOptions!.show!;
		if (String(firstShow.resource) !== String(show.resource) || property.displayOptions?.hide) {
			throw new Error(`${property.name} can only be merged within one resource`);
		}
		firstShow.operation = [...(firstShow.operation ?? []), ...(show.operation ?? [])];
	}
	return result;
}

/** Contact IDs for a bulk request: comma-separated or a list from an expression (`check.idList`). */
/** What an ID-list field is about: its records' noun and the field's name and example. */
export interface IdListSubject {
	/** `contact` (the field is `contactIds`, "Contact IDs"). */
	record: string;
	placeholder: string;
}

/**
 * A list of record IDs that one item sends in chunks (bulk operations): text separated by commas
 * or a list from an expression, named `<record>Ids`.
 */
export function idListField(
	{ record, placeholder }: IdListSubject,
	resource: string,
	operation: string,
	purpose: string,
	perRequest: number,
): INodeProperties {
	const label = record.charAt(0).toUpperCase() + record.slice(1);
	return {
		displayName: `${label} IDs`,
		name: `${record}Ids`,
		type: 'string',
		required: true,
		default: '',
		placeholder,
		description: `The ${record}s to ${purpose}: IDs separated by commas, or a list of IDs from an expression`,
		hint: `Blanks and repeats are dropped. More than ${perRequest} IDs are sent in requests of ${perRequest}. For one ${record} per input item, put an Aggregate node before this one.`,
		displayOptions: { show: showFor(resource, operation) },
	};
}

export const CONTACT_IDS: IdListSubject = {
	record: 'contact',
	placeholder: 'e.g. 123e4567-e89b-12d3-a456-426614174000, 223e4567-e89b-12d3-a456-426614174001',
};

export function contactIdsField(
	resource: string,
	operation: string,
	purpose: string,
	perRequest: number,
): INodeProperties {
	return idListField(CONTACT_IDS, resource, operation, purpose, perRequest);
}

/** Filters → Search for a list whose records are found by name (matched on this side: paging.ts). */
export function nameSearchFilter(
	resource: string,
	operation: string,
	records: string,
	placeholder: string,
): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: showFor(resource, operation) },
		options: [
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				placeholder,
				description: `Only ${records} whose name contains this text (not case-sensitive), or whose ID is exactly this`,
			},
		],
	};
}

/** `showFor`, `optionsField` and `returnAllFields` bound to one resource. */
export function fieldHelpersFor(resource: string) {
	return {
		showFor: (operation: string) => showFor(resource, operation),
		optionsField: (operation: string, own: INodeProperties[] = []) =>
			optionsField(resource, operation, own),
		returnAllFields: (operation: string) => returnAllFields(resource, operation),
		simplifyField: (operation: string) => simplifyField(resource, operation),
	};
}

/** Simplify, on by default (n8n's convention): the record's most used fields only. */
export function simplifyField(resource: string, operation: string): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
		displayOptions: { show: showFor(resource, operation) },
	};
}
