import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import { contactIdsField } from '../../../shared/descriptions';
import { CAMPAIGN_RESOURCE_ERRORS } from './errors';
import { chunkedRequests, sumOf } from '../chunks';
import { leadlexOperation } from '../operation';
import { campaignField, campaignLabel, optionsField, showFor } from './campaignFields';

/** The most contact IDs LeadLex takes in one request (§8.18). */
export const MAX_CONTACTS_PER_REQUEST = 500;

export const addContactsOperation = leadlexOperation({
	name: 'Add Contacts',
	value: 'addContacts',
	action: 'Add contacts to a campaign',
	description:
		'Enroll contacts in a campaign (contacts already enrolled are skipped). In an active campaign they start receiving its emails.',
	method: 'POST',
	path: '/v1/campaigns/{campaignId}/contacts',
	permission: PERMISSIONS.campaignsWrite,
	change: 'changed',
	label: campaignLabel,
	errors: CAMPAIGN_RESOURCE_ERRORS,
	output: { property: 'data', shape: 'object' },
	run: chunkedRequests({
		size: MAX_CONTACTS_PER_REQUEST,
		noun: 'contacts',
		verb: 'added',
		rerun: 'Running the item again is safe: LeadLex skips contacts already enrolled.',
		prepare({ check }) {
			const ids = check.idList('Contact IDs', this.getNodeParameter('contactIds', ''));
			const fields = this.getNodeParameter('additionalFields', {}) as IDataObject;
			const source = 'source' in fields ? check.text('Source', fields.source) : undefined;
			return {
				ids,
				body: (chunk) =>
					source === undefined ? { contact_ids: chunk } : { contact_ids: chunk, source },
			};
		},
		combine(answers) {
			return [
				{
					added: sumOf(answers, 'added'),
					skipped: sumOf(answers, 'skipped'),
					contact_ids: answers.flatMap((answer) =>
						Array.isArray(answer.contact_ids) ? answer.contact_ids : [],
					),
				},
			];
		},
		done: ([combined]) =>
			`${String(combined.added)} contacts had already been added (${String(combined.skipped)} were enrolled before)`,
	}),
});

export const addContactsDescription: INodeProperties[] = [
	campaignField(
		'addContacts',
		'The campaign to enroll the contacts in, by its ID (e.g. cmp_abc123)',
	),
	contactIdsField('campaign', 'addContacts', 'enroll', MAX_CONTACTS_PER_REQUEST),

	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showFor('addContacts') },
		options: [
			{
				displayName: 'Source',
				name: 'source',
				type: 'string',
				default: '',
				placeholder: 'e.g. list:cold-outreach-q2',
				description: 'A free-form tag stored on each enrollment, for analytics',
			},
		],
	},
	optionsField('addContacts'),
];
