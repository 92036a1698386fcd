import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { CREDENTIAL_TYPE } from '../shared/constants';
import { campaignStepDescription } from './actions/campaignStep/CampaignStep.resource';
import { searchCampaigns, searchSteps } from './methods/listSearch';

export class Leadlex implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'LeadLex',
		name: 'leadlex',
		icon: { light: 'file:../../icons/leadlex.svg', dark: 'file:../../icons/leadlex.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage LeadLex email campaigns: create, list, update and delete campaign steps',
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
		requestDefaults: {
			baseURL: '={{$credentials.baseUrl}}',
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
						name: 'Campaign Step',
						value: 'campaignStep',
					},
				],
				default: 'campaignStep',
			},
			...campaignStepDescription,
		],
	};

	methods = {
		listSearch: {
			searchCampaigns,
			searchSteps,
		},
	};
}
