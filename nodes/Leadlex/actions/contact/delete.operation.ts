import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import { ignoreNotFoundOption } from '../../../shared/descriptions';
import { LeadlexApiError, quoteId } from '../../../shared/errors/LeadlexApiError';
import { leadlexOperation } from '../operation';
import { contactField, contactLabel, optionsField, showFor } from './contactFields';
import { CONTACT_ERRORS } from './errors';

/** LeadLex documents no single-contact delete: this is its bulk delete with one ID (§9.1). */
export const deleteOperation = leadlexOperation({
	name: 'Delete',
	value: 'delete',
	action: 'Delete a contact',
	description:
		'Permanently delete a contact; its notes, activities and tasks stay, no longer linked to it',
	method: 'POST',
	path: '/v1/contacts/bulk-delete',
	permission: PERMISSIONS.writeContacts,
	change: 'deleted',
	label: contactLabel,
	errors: CONTACT_ERRORS,
	idempotent: true,
	output: {
		property: 'data',
		shape: 'object',
		requiredField: { name: 'deleted_count', type: 'number' },
	},
	bodyIds: ['contactId'],
	async run({ ids }, send) {
		const id = ids.contactId;
		const { records } = await send({ body: { contact_ids: [id] } });
		if (records[0].deleted_count === 1) return [{ deleted: true, id }];
		const options = this.getNodeParameter('options', {}) as IDataObject;
		if (records[0].not_found_count === 1 && options.ignoreNotFound) return [{ deleted: false, id }];
		const notFound = records[0].not_found_count === 1;
		throw new LeadlexApiError(this.getNode(), {
			message: notFound
				? `Contact ${quoteId(id)} was not found in LeadLex (not_found_count 1). Contact ${quoteId(id)} was not deleted.`
				: `LeadLex did not delete contact ${quoteId(id)} and did not say why (deleted_count ${String(records[0].deleted_count)}). Contact ${quoteId(id)} was not deleted.`,
			description: notFound
				? 'Check the contact ID: a key only sees its own workspace, and a deleted contact is gone. To treat that as success, turn on Options → Ignore Not Found.'
				: 'Look at the contact in LeadLex, then run the item again.',
			outcome: 'unchanged',
			itemIndex: this.getItemIndex(),
		});
	},
});

export const deleteDescription: INodeProperties[] = [
	contactField('contact', 'delete', 'The contact to delete, by its ID (a UUID)'),
	{
		displayName:
			'Deleting a contact is permanent. Its notes, activities and tasks stay in LeadLex, no longer linked to it; it leaves every list.',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: showFor('delete') },
	},
	optionsField('delete', [
		ignoreNotFoundOption(
			'Whether a contact that does not exist (for example already deleted) gives {"deleted": false} instead of an error',
		),
	]),
];
