import type { INodeProperties } from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import { STEP_ERRORS } from './errors';
import { campaignLocator, ignoreNotFoundOption, stepLocator } from '../../../shared/descriptions';
import { leadlexOperation } from '../operation';
import { optionsField, showFor, stepLabel } from './stepFields';

const showOnlyForDelete = showFor('delete');

export const deleteOperation = leadlexOperation({
	name: 'Delete',
	value: 'delete',
	action: 'Delete a campaign step',
	description:
		'Permanently remove one step from a campaign sequence; later steps move up one position',
	method: 'DELETE',
	path: '/v1/campaigns/{campaignId}/steps/{stepId}',
	permission: PERMISSIONS.campaignsWrite,
	change: 'deleted',
	label: stepLabel,
	errors: STEP_ERRORS,
	output: {
		property: 'data',
		shape: 'object',
		requiredField: { name: 'deleted', type: 'boolean' },
		whenEmpty: (ids) => ({ deleted: true, id: ids.stepId }),
	},
	recover(error, ids) {
		const options = this.getNodeParameter('options', {}) as { ignoreNotFound?: boolean };
		const gone = error.httpStatus === 404 && error.leadlexCode === 'step_not_found';
		return options.ignoreNotFound && gone ? { deleted: false, id: ids.stepId } : undefined;
	},
	codeHints: { step_not_found: 'To treat that as success, turn on Options → Ignore Not Found.' },
	version1MessagesWithoutOutcome: true,
});

export const deleteDescription: INodeProperties[] = [
	{ ...campaignLocator, displayOptions: { show: showOnlyForDelete } },
	{
		...stepLocator,
		description: 'The step to delete, by its ID (e.g. step_2), not by its position in the sequence',
		displayOptions: { show: showOnlyForDelete },
	},
	{
		displayName:
			'Deleting a step compacts the indexes of the later steps (a step at index 3 becomes index 2), and contacts currently between steps may skip the deleted one. To keep the campaign history, pause the campaign first.',
		name: 'compactionNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: showOnlyForDelete },
	},
	optionsField('delete', [
		ignoreNotFoundOption(
			'Whether a step that does not exist (for example already deleted) gives {"deleted": false} instead of an error. A missing campaign is still an error.',
		),
	]),
];
