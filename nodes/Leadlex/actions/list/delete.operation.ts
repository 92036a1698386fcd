import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import { ignoreNotFoundOption } from '../../../shared/descriptions';
import { leadlexOperation } from '../operation';
import { LIST_ERRORS } from './errors';
import { listField, listLabel, optionsField, showFor } from './listFields';

export const deleteOperation = leadlexOperation({
	name: 'Delete',
	value: 'delete',
	action: 'Delete a list',
	description: 'Permanently delete a list and its memberships; the contacts stay',
	method: 'DELETE',
	path: '/v1/lists/{listId}',
	permission: PERMISSIONS.contactsWrite,
	change: 'deleted',
	label: listLabel,
	errors: LIST_ERRORS,
	output: {
		property: 'data',
		shape: 'object',
		requiredField: { name: 'deleted', type: 'boolean' },
	},
	recover(error, ids) {
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const gone =
			error.httpStatus === 404 &&
			['list_not_found', 'not_found'].includes(String(error.leadlexCode));
		return options.ignoreNotFound && gone ? { deleted: false, id: ids.listId } : undefined;
	},
	codeHints: {
		list_not_found: 'To treat that as success, turn on Options → Ignore Not Found.',
		not_found: 'To treat that as success, turn on Options → Ignore Not Found.',
	},
});

export const deleteDescription: INodeProperties[] = [
	listField('delete', 'The list to delete, by its ID'),
	{
		displayName:
			'Deleting a list is permanent. Its memberships are removed; the contacts themselves stay in LeadLex.',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: showFor('delete') },
	},
	optionsField('delete', [
		ignoreNotFoundOption(
			'Whether a list that does not exist (for example already deleted) gives {"deleted": false} instead of an error',
		),
	]),
];
