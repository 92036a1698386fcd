import { NodeOperationError } from 'n8n-workflow';
import { PERMISSIONS } from '../../shared/constants';
import { quoteId } from '../../shared/errors/LeadlexApiError';
import { toPathSegment } from '../../shared/ids';
import { STEP_ERRORS } from '../actions/campaignStep/errors';
import { CONTACT_ERRORS } from '../actions/contact/errors';
import { LIST_ERRORS } from '../actions/list/errors';
import { listPicker, recordId } from './picker';

/** Campaigns, newest first, shown with their status; searched by name. */
export const searchCampaigns = listPicker({
	list: () => ({
		path: '/v1/campaigns',
		subject: { label: 'the campaign list', permission: PERMISSIONS.campaignsRead },
	}),
	listProperty: 'data.campaigns',
	paged: true,
	errors: STEP_ERRORS,
	entry: (campaign) => {
		const id = recordId(campaign);
		if (!id) return undefined;
		const name = String(campaign.name ?? id);
		const status = typeof campaign.status === 'string' ? ` (${campaign.status})` : '';
		return { name: `${name}${status}`, value: id, searchText: name };
	},
});

/** The chosen campaign's steps in send order, shown by position and subject. */
export const searchSteps = listPicker({
	list() {
		const campaign = toPathSegment(this.getNodeParameter('campaignId', '', { extractValue: true }));
		if (!('segment' in campaign)) {
			throw new NodeOperationError(this.getNode(), 'Choose a campaign first', {
				description: `The steps are listed per campaign, and the Campaign ID ${campaign.problem}.`,
			});
		}
		return {
			path: `/v1/campaigns/${campaign.segment}/steps`,
			subject: {
				label: `the steps of campaign ${quoteId(campaign.id)}`,
				permission: PERMISSIONS.campaignsRead,
				ids: { campaignId: campaign.id },
			},
		};
	},
	listProperty: 'data.steps',
	errors: STEP_ERRORS,
	entry: (step, position) => {
		const id = recordId(step);
		if (!id) return undefined;
		const order = typeof step.index === 'number' ? step.index + 1 : position + 1;
		const subject =
			typeof step.subject === 'string' && step.subject.trim() ? step.subject : '(no subject)';
		return { name: `Step ${order}: ${subject}`, value: id, order };
	},
});

/** Contacts found by LeadLex's search (name or email), shown with their email. */
export const searchContacts = listPicker({
	list: () => ({
		path: '/v1/contacts',
		subject: { label: 'the contact list', permission: PERMISSIONS.contactsRead },
	}),
	listProperty: 'data.contacts',
	paged: true,
	errors: CONTACT_ERRORS,
	entry: (contact) => {
		const id = recordId(contact);
		if (!id) return undefined;
		const name =
			typeof contact.full_name === 'string' && contact.full_name.trim()
				? contact.full_name
				: '(no name)';
		const email = typeof contact.email === 'string' && contact.email ? contact.email : '';
		return { name: email ? `${name} (${email})` : name, value: id, searchText: `${name} ${email}` };
	},
});

/** The workspace's lists, searched by name here (GET /v1/lists is assumed to page like every list). */
export const searchLists = listPicker({
	list: () => ({
		path: '/v1/lists',
		subject: { label: 'the lists', permission: PERMISSIONS.contactsRead },
	}),
	listProperty: 'data.lists',
	paged: true,
	errors: LIST_ERRORS,
	entry: (list) => {
		const id = recordId(list);
		if (!id) return undefined;
		const name = String(list.name ?? id);
		const count = typeof list.contact_count === 'number' ? ` (${list.contact_count} contacts)` : '';
		return { name: `${name}${count}`, value: id, searchText: name };
	},
});
