import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import { ignoreNotFoundOption } from '../../../shared/descriptions';
import { leadlexOperation } from '../operation';
import { dealField, dealLabel, optionsField, showFor } from './dealFields';
import { DEAL_ERRORS } from './errors';

const IGNORE_HINT = 'To treat that as success, turn on Options → Ignore Not Found.';

export const deleteOperation = leadlexOperation({
	name: 'Delete',
	value: 'delete',
	action: 'Delete a deal',
	description:
		'Permanently delete a deal; its activities, tasks and notes stay, no longer linked to it',
	method: 'DELETE',
	path: '/v1/deals/{dealId}',
	permission: PERMISSIONS.dealsWrite,
	change: 'deleted',
	label: dealLabel,
	errors: DEAL_ERRORS,
	output: {
		property: 'data',
		shape: 'object',
		requiredField: { name: 'deleted', type: 'boolean' },
		whenEmpty: (ids) => ({ deleted: true, id: ids.dealId }),
	},
	qs({ check }) {
		const options = this.getNodeParameter('options', {}) as IDataObject;
		if ('ignoreNotFound' in options) check.boolean('Ignore Not Found', options.ignoreNotFound);
		return {};
	},
	recover(error, ids) {
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const ignore = options.ignoreNotFound === true || options.ignoreNotFound === 'true';
		const gone =
			error.httpStatus === 404 &&
			['deal_not_found', 'not_found'].includes(String(error.leadlexCode));
		return ignore && gone ? { deleted: false, id: ids.dealId } : undefined;
	},
	codeHints: { deal_not_found: IGNORE_HINT, not_found: IGNORE_HINT },
});

export const deleteDescription: INodeProperties[] = [
	dealField('delete', 'The deal to delete, by its ID (a UUID)'),
	{
		displayName:
			'Deleting a deal is permanent. Its activities, tasks and notes stay in LeadLex, no longer linked to it.',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: showFor('delete') },
	},
	optionsField('delete', [
		ignoreNotFoundOption(
			'Whether a deal that does not exist (for example already deleted) gives {"deleted": false} instead of an error',
		),
	]),
];
