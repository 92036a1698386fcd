import type {
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { campaignLocator, rateLimitOptions, stepLocator } from '../../shared/descriptions';
import { errorFromResponse, errorFromUnreadableSuccess } from '../../shared/httpErrors';
import { parseJsonBody } from '../../shared/transport';
import { readStepTarget } from './stepTarget';

const showOnlyForDelete = { resource: ['campaignStep'], operation: ['delete'] };

const IGNORE_NOT_FOUND_HINT = 'To treat that as success, turn on Options → Ignore Not Found.';

export const campaignStepDeleteDescription: INodeProperties[] = [
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
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: showOnlyForDelete },
		options: [
			{
				displayName: 'Ignore Not Found',
				name: 'ignoreNotFound',
				type: 'boolean',
				default: false,
				description:
					'Whether a step that does not exist (for example already deleted) gives {"deleted": false} instead of an error. A missing campaign is still an error.',
			},
			...rateLimitOptions,
		],
	},
];

export function prepareDeleteStep(this: IExecuteSingleFunctions) {
	return readStepTarget(this, {
		change: 'deleted',
		permission: 'campaigns:write',
		stepNotFoundHint: IGNORE_NOT_FOUND_HINT,
	});
}

/** Turns LeadLex's answer into the output item, or into an error that says what happened. */
export async function parseDeleteStepResponse(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const target = prepareDeleteStep.call(this);
	const node = this.getNode();
	const itemIndex = this.getItemIndex();
	if (response.statusCode >= 200 && response.statusCode <= 299) {
		if (isEmptyBody(response.body)) return [{ json: { deleted: true, id: target.stepId } }];
		const data = (parseJsonBody(response.body) as { data?: IDataObject } | null)?.data;
		if (typeof data?.deleted !== 'boolean') {
			const problem =
				typeof data === 'object' ? 'without data.deleted' : 'with a body that is not LeadLex JSON';
			throw errorFromUnreadableSuccess(node, response, target.subject, problem, itemIndex);
		}
		return [{ json: data }];
	}
	const error = errorFromResponse(node, response, target.subject, itemIndex);
	const options = this.getNodeParameter('options', {}) as { ignoreNotFound?: boolean };
	if (
		options.ignoreNotFound &&
		error.httpStatus === 404 &&
		error.leadlexCode === 'step_not_found'
	) {
		return [{ json: { deleted: false, id: target.stepId } }];
	}
	throw error;
}

function isEmptyBody(body: unknown): boolean {
	if (body === undefined || body === null) return true;
	if (typeof body === 'string') return body.trim() === '';
	if (body instanceof Uint8Array) return body.length === 0;
	return false;
}
