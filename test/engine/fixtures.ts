import axios from 'axios';
import type { INodeParameters } from 'n8n-workflow';
import { SANDBOX_KEYS, startSandbox, type Sandbox, type SandboxOptions } from '../sandbox/server';

export const CAMPAIGN = 'cmp_abc123';

/** What a Delete of step_2 in CAMPAIGN reports about the step, by outcome. */
export const STEP_2_OUTCOME = {
	notDeleted: 'Step "step_2" of campaign "cmp_abc123" was not deleted.',
	maybeDeleted:
		'Step "step_2" of campaign "cmp_abc123" may or may not have been deleted: check it in LeadLex before running the workflow again.',
	probablyDeleted:
		'Step "step_2" of campaign "cmp_abc123" was probably deleted: check it in LeadLex before running the workflow again.',
};

/** Shaped like a LeadLex key, but no sandbox workspace has it. */
export const UNKNOWN_KEY = SANDBOX_KEYS.full.replace('_full_', '_unknown_');

/** A resource-locator value as the editor saves it. */
export function byId(value: string): INodeParameters {
	return { __rl: true, mode: 'id', value };
}

export function fromList(value: string): INodeParameters {
	return { __rl: true, mode: 'list', value, cachedResultName: value };
}

export function deleteStep(
	campaignId: INodeParameters | string,
	stepId: INodeParameters | string,
	extra: INodeParameters = {},
): INodeParameters {
	return {
		resource: 'campaignStep',
		operation: 'delete',
		campaignId: typeof campaignId === 'string' ? byId(campaignId) : campaignId,
		stepId: typeof stepId === 'string' ? byId(stepId) : stepId,
		...extra,
	};
}

/** One sandbox per test file, back to its seed before every test. */
export function useSandbox(options: SandboxOptions = {}) {
	const handle = {} as { sandbox: Sandbox; credentials: { apiKey: string; baseUrl: string } };
	beforeAll(async () => {
		handle.sandbox = await startSandbox(options);
		handle.credentials = { apiKey: handle.sandbox.keys.full, baseUrl: handle.sandbox.url };
	});
	beforeEach(() => {
		handle.sandbox.reset();
		handle.sandbox.setOptions({
			perWindowLimit: 0,
			windowMs: 60_000,
			dailyLimit: 1000,
			latencyMs: 0,
			profile: options.profile ?? 'full',
		});
	});
	afterAll(async () => handle.sandbox.close());
	return handle;
}

/** The raw path a request for these IDs must reach, with each ID as one encoded segment. */
export function stepPath(sandbox: Sandbox, campaignId: string, stepId: string): string {
	return `${new URL(sandbox.url).pathname}/v1/campaigns/${encodeURIComponent(campaignId)}/steps/${encodeURIComponent(stepId)}`;
}

/** The campaign's steps as a LeadLex client sees them through the list endpoint. */
export async function listSteps(sandbox: Sandbox, campaignId: string) {
	const response = await axios.get(
		`${sandbox.url}/v1/campaigns/${encodeURIComponent(campaignId)}/steps`,
		{
			headers: { Authorization: `Bearer ${sandbox.keys.full}` },
		},
	);
	return (response.data.data.steps as Array<{ id: string; index: number }>).map(
		({ id, index }) => ({ id, index }),
	);
}

export function createStep(
	campaignId: INodeParameters | string,
	fields: INodeParameters = { subject: 'Re: {{company_name}}', body: 'Just circling back...' },
	extra: INodeParameters = {},
): INodeParameters {
	return {
		resource: 'campaignStep',
		operation: 'create',
		campaignId: typeof campaignId === 'string' ? byId(campaignId) : campaignId,
		...fields,
		...extra,
	};
}

export function updateStep(
	campaignId: INodeParameters | string,
	stepId: INodeParameters | string,
	updateFields: INodeParameters,
	extra: INodeParameters = {},
): INodeParameters {
	return {
		resource: 'campaignStep',
		operation: 'update',
		campaignId: typeof campaignId === 'string' ? byId(campaignId) : campaignId,
		stepId: typeof stepId === 'string' ? byId(stepId) : stepId,
		updateFields,
		...extra,
	};
}

export function getSteps(
	campaignId: INodeParameters | string,
	extra: INodeParameters = {},
): INodeParameters {
	return {
		resource: 'campaignStep',
		operation: 'getAll',
		campaignId: typeof campaignId === 'string' ? byId(campaignId) : campaignId,
		...extra,
	};
}

/** The path of the campaign's step list, as the sandbox records it. */
export function stepsPath(sandbox: Sandbox, campaignId: string): string {
	return `${new URL(sandbox.url).pathname}/v1/campaigns/${encodeURIComponent(campaignId)}/steps`;
}

/** The JSON bodies the sandbox received, in order. */
export function sentBodies(sandbox: Sandbox): unknown[] {
	return sandbox.requests.map((request) =>
		request.body === undefined ? undefined : JSON.parse(request.body),
	);
}

/** Parameters of a Campaign operation; `campaignId` may be an ID (By ID) or a locator value. */
export function campaignOp(
	operation: string,
	extra: INodeParameters = {},
	campaignId?: INodeParameters | string,
): INodeParameters {
	return {
		resource: 'campaign',
		operation,
		...(campaignId === undefined
			? {}
			: { campaignId: typeof campaignId === 'string' ? byId(campaignId) : campaignId }),
		...extra,
	};
}

/** The raw path of a campaign route as the sandbox records it, e.g. `campaignPath(sb, 'cmp_1', '/pause')`. */
export function campaignPath(sandbox: Sandbox, campaignId?: string, suffix = ''): string {
	const base = `${new URL(sandbox.url).pathname}/v1/campaigns`;
	return campaignId === undefined ? base : `${base}/${encodeURIComponent(campaignId)}${suffix}`;
}

/** The method and raw path (query included) of every request the sandbox received. */
export function sentRequests(sandbox: Sandbox): Array<[string, string]> {
	return sandbox.requests.map((request) => [request.method, request.rawPath]);
}

/** A direct call to the sandbox's API with the full key (to arrange or check state). */
export async function callSandbox(
	sandbox: Sandbox,
	method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
	path: string,
	data?: unknown,
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON of any shape
): Promise<any> {
	const response = await axios.request({
		method,
		url: `${sandbox.url}${path}`,
		data,
		headers: { Authorization: `Bearer ${sandbox.keys.full}` },
		validateStatus: () => true,
	});
	return response.data;
}
