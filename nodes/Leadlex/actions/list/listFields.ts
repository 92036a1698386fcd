import type { INodeProperties } from 'n8n-workflow';
import { idLocator, fieldHelpersFor } from '../../../shared/descriptions';
import { quoteId } from '../../../shared/errors/LeadlexApiError';
import type { Ids } from '../operation';

const RESOURCE = 'list';

export const { showFor, optionsField, returnAllFields } = fieldHelpersFor(RESOURCE);

export const listLabel = (ids: Ids) => `list ${quoteId(ids.listId)}`;

/** The list picker: LeadLex's lists, filtered by name here. */
export const listLocator: INodeProperties = idLocator({
	displayName: 'List',
	name: 'listId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The LeadLex contact list, by its ID',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a list...',
			typeOptions: {
				searchListMethod: 'searchLists',
				searchable: true,
				searchFilterRequired: false,
			},
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. xyz98765-4321-abcd-ef01-234567890xyz',
		},
	],
});

/** The list picker, for one operation. */
export function listField(operation: string, description: string): INodeProperties {
	return { ...listLocator, description, displayOptions: { show: showFor(operation) } };
}
