import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { CREDENTIAL_TYPE, DEFAULT_BASE_URL, PACKAGE_DESCRIPTION } from '../shared/constants';
import { campaignDescription } from './actions/campaign/Campaign.resource';
import { campaignStepDescription } from './actions/campaignStep/CampaignStep.resource';
import { contactDescription } from './actions/contact/Contact.resource';
import { listDescription } from './actions/list/List.resource';
import { searchCampaigns, searchContacts, searchLists, searchSteps } from './methods/listSearch';

export class Leadlex implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'LeadLex',
		name: 'leadlex',
		icon: { light: 'file:../../icons/leadlex.svg', dark: 'file:../../icons/leadlex.dark.svg' },
		group: ['transform'],
		// 1.1: Delete's error messages also say whether the step was deleted (see OperationSpec).
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: PACKAGE_DESCRIPTION,
		defaults: {
			name: 'LeadLex',
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: CREDENTIAL_TYPE,
				required: true,
			},
		],
		// No expression here: n8n's engine evaluates requestDefaults for every item, twice (once for
		// the request, once to find the node's own host for the credential's allowed domains). Every
		// request goes to the credential's Base URL (see shared/transport/request.ts); this constant
		// only names LeadLex's host to the engine.
		requestDefaults: {
			baseURL: DEFAULT_BASE_URL,
			headers: {
				Accept: 'application/json',
			},
		},
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Campaign',
						value: 'campaign',
					},
					{
						name: 'Campaign Step',
						value: 'campaignStep',
					},
					{
						name: 'Contact',
						value: 'contact',
					},
					{
						name: 'List',
						value: 'list',
					},
				],
				default: 'campaignStep',
			},
			// Campaign Step's fields first: its Delete is the shipped operation (saved workflows).
			...campaignStepDescription,
			...campaignDescription,
			...contactDescription,
			...listDescription,
		],
	};

	methods = {
		listSearch: {
			searchCampaigns,
			searchContacts,
			searchLists,
			searchSteps,
		},
	};
}
