import {
	NodeConnectionTypes,
	type INodePropertyOptions,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { CREDENTIAL_TYPE, DEFAULT_BASE_URL, PACKAGE_DESCRIPTION } from '../shared/constants';
import { mergeRepeatedEntries } from '../shared/descriptions';
import { campaignResource } from './actions/campaign/Campaign.resource';
import { campaignStepResource } from './actions/campaignStep/CampaignStep.resource';
import { contactResource } from './actions/contact/Contact.resource';
import { dealResource } from './actions/deal/Deal.resource';
import { listResource } from './actions/list/List.resource';
import { companyResource } from './actions/company/Company.resource';
import { noteResource } from './actions/note/Note.resource';
import { taskResource } from './actions/task/Task.resource';
import { activityResource } from './actions/activity/Activity.resource';
import { lexiResource } from './actions/lexi/Lexi.resource';
import type { LeadlexResource } from './actions/resource';

/**
 * Every resource, in the order of their fields. Campaign Step's come first: its Delete is the
 * shipped operation (saved workflows), and tools find its `options` first by name.
 */
const RESOURCES = [
	campaignStepResource,
	campaignResource,
	contactResource,
	listResource,
	dealResource,
	companyResource,
	noteResource,
	taskResource,
	activityResource,
	lexiResource,
];

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
				// By display name, as n8n's lint wants.
				options: RESOURCES.map(({ name, value }) => ({ name, value })).sort((a, b) =>
					a.name.localeCompare(b.name),
				),
				default: 'campaignStep',
			},
			...mergeRepeatedEntries(
				RESOURCES.flatMap((resource) => resource.properties),
				new Set(
					RESOURCES.flatMap((resource) =>
						resource.properties
							.filter((property) => property.name === 'operation')
							.flatMap((property) =>
								(property.options as INodePropertyOptions[]).map(
									(option) => `${resource.value} ${String(option.value)}`,
								),
							),
					),
				),
			),
		],
	};

	methods = {
		listSearch: Object.assign({}, ...RESOURCES.map((resource) => resource.listSearch)) as Record<
			string,
			NonNullable<LeadlexResource['listSearch']>[string]
		>,
	};
}
