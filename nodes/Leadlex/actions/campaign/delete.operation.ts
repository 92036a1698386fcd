import type { INodeProperties } from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import { ignoreNotFoundOption } from '../../../shared/descriptions';
import { CAMPAIGN_DELETE_ERRORS } from './errors';
import { leadlexOperation } from '../operation';
import { campaignField, campaignLabel, optionsField, showFor } from './campaignFields';

export const deleteOperation = leadlexOperation({
	name: 'Delete',
	value: 'delete',
	action: 'Delete a campaign',
	description: 'Permanently delete a draft campaign; LeadLex refuses to delete any other campaign',
	method: 'DELETE',
	path: '/v1/campaigns/{campaignId}',
	permission: PERMISSIONS.campaignsWrite,
	change: 'deleted',
	label: campaignLabel,
	errors: CAMPAIGN_DELETE_ERRORS,
	output: {
		property: 'data',
		shape: 'object',
		requiredField: { name: 'deleted', type: 'boolean' },
		whenEmpty: (ids) => ({ deleted: true, id: ids.campaignId }),
	},
	recover(error, ids) {
		const options = this.getNodeParameter('options', {}) as { ignoreNotFound?: boolean };
		const gone =
			error.httpStatus === 404 &&
			(error.leadlexCode === 'campaign_not_found' || error.leadlexCode === 'not_found');
		return options.ignoreNotFound && gone ? { deleted: false, id: ids.campaignId } : undefined;
	},
	codeHints: {
		campaign_not_found: 'To treat that as success, turn on Options → Ignore Not Found.',
		not_found: 'To treat that as success, turn on Options → Ignore Not Found.',
	},
});

export const deleteDescription: INodeProperties[] = [
	campaignField('delete', 'The draft campaign to delete, by its ID (e.g. cmp_abc123)'),
	{
		displayName:
			'LeadLex deletes draft campaigns only. Active, paused and completed campaigns are kept so that their metrics stay attributable: pause an active campaign to stop its sends.',
		name: 'draftOnlyNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: showFor('delete') },
	},
	optionsField('delete', [
		ignoreNotFoundOption(
			'Whether a campaign that does not exist (for example already deleted) gives {"deleted": false} instead of an error',
		),
	]),
];
