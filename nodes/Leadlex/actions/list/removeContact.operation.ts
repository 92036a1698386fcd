import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import { ignoreNotFoundOption } from '../../../shared/descriptions';
import { quoteId } from '../../../shared/errors/LeadlexApiError';
import { contactField } from '../contact/contactFields';
import { leadlexOperation } from '../operation';
import { LIST_ERRORS } from './errors';
import { listField, optionsField } from './listFields';

export const removeContactOperation = leadlexOperation({
	name: 'Remove Contact',
	value: 'removeContact',
	action: 'Remove a contact from a list',
	description: 'Take a contact out of a list; the contact itself stays',
	method: 'DELETE',
	path: '/v1/lists/{listId}/contacts/{contactId}',
	permission: PERMISSIONS.contactsWrite,
	change: 'removed',
	label: (ids) => `contact ${quoteId(ids.contactId)} in list ${quoteId(ids.listId)}`,
	errors: LIST_ERRORS,
	output: { property: 'data', shape: 'object' },
	recover(error, ids) {
		const options = this.getNodeParameter('options', {}) as IDataObject;
		return options.ignoreNotFound && error.leadlexCode === 'membership_not_found'
			? { removed: false, list_id: ids.listId, contact_id: ids.contactId }
			: undefined;
	},
});

export const removeContactDescription: INodeProperties[] = [
	listField('removeContact', 'The list to take the contact out of, by its ID'),
	contactField('list', 'removeContact', 'The contact to remove from the list, by its ID (a UUID)'),
	optionsField('removeContact', [
		ignoreNotFoundOption(
			'Whether a contact that is not in the list gives {"removed": false} instead of an error (an unknown list is still an error)',
		),
	]),
];
