/**
 * The workflows the real-n8n benchmark runs: Manual Trigger → Edit Fields (the targets as one JSON
 * list) → Split Out (one item per target) → the node under test, which deletes each item's step
 * (`benchWorkflow`) or updates each item's contact (`contactUpdateWorkflow`).
 * The node under test is either the LeadLex node or n8n's HTTP Request node configured as a
 * careful user would: the same request per item, with a predefined Bearer Auth credential.
 */
import { NODE_TYPE } from '../../scripts/n8n/harness';
import type { ContactTarget, Target } from './seed';

/** The name of the node under test in the delete workflows: its run data is what the bench reads. */
export const NODE_UNDER_TEST = 'Delete steps';
/** The node under test in the Contact → Update workflows. */
export const CONTACT_UPDATE_NODE = 'Update contacts';

export const LEADLEX_CREDENTIAL = { id: 'BenchLeadlexKey01', name: 'LeadLex bench' };
export const BEARER_CREDENTIAL = { id: 'BenchBearerKey001', name: 'LeadLex bench (Bearer Auth)' };

/** HTTP Request's version a user adds on n8n 2.40.7 (its default version). */
const HTTP_REQUEST_VERSION = 4.5;

export type Variant =
	/** The LeadLex node, default options. */
	| 'leadlex'
	/** HTTP Request, no retry. */
	| 'http'
	/** HTTP Request, Retry On Fail (5 tries, 1 s apart), On Error: continue. */
	| 'httpRetryContinue'
	/** HTTP Request, Retry On Fail (5 tries, 1 s apart), On Error: stop the workflow. */
	| 'httpRetryStop'
	/** HTTP Request, Options → Batching: one window's limit per batch, one window between batches. */
	| 'httpBatching';

export const VARIANT_LABELS: Record<Variant, string> = {
	leadlex: 'LeadLex node (default options)',
	http: 'HTTP Request',
	httpRetryContinue: 'HTTP Request, Retry On Fail (5 tries, 1 s) + On Error: continue',
	httpRetryStop: 'HTTP Request, Retry On Fail (5 tries, 1 s) + On Error: stop',
	httpBatching: 'HTTP Request, Batching (the limit per window) + On Error: continue',
};

export interface BenchWorkflow {
	id: string;
	name: string;
	/** What the node under test does to each item. */
	task: 'deleteSteps' | 'updateContacts';
	/** The node under test, whose run data the bench reads. */
	nodeName: string;
	variant: Variant;
	n: number;
	/** The steps a delete workflow deletes (none for an update workflow). */
	targets: Target[];
	/** The contacts an update workflow changes, with their new job titles (none for a delete workflow). */
	contacts: ContactTarget[];
	window?: WindowLimit;
	json: object;
}

/** n8n 2.x wants workflow ids of letters and digits; this keeps them readable and unique. */
function workflowId(variant: Variant, n: number): string {
	return `Bench${variant[0].toUpperCase()}${variant.slice(1)}N${n}`;
}

/** A per-window limit the workflow is built for: a batching HTTP Request paces itself to it. */
export interface WindowLimit {
	limit: number;
	windowMs: number;
}

function deleteNode(
	variant: Variant,
	baseUrl: string,
	window?: WindowLimit,
): Record<string, unknown> & { name: string } {
	const common = { name: NODE_UNDER_TEST, position: [660, 0] };
	if (variant === 'leadlex') {
		return {
			...common,
			type: NODE_TYPE,
			// What the editor adds today.
			typeVersion: 1.1,
			parameters: {
				resource: 'campaignStep',
				operation: 'delete',
				campaignId: { __rl: true, mode: 'id', value: '={{ $json.campaign }}' },
				stepId: { __rl: true, mode: 'id', value: '={{ $json.step }}' },
				options: {},
			},
			credentials: { leadlexApi: LEADLEX_CREDENTIAL },
			// Failed items come out as items to count instead of stopping the run.
			onError: 'continueRegularOutput',
		};
	}
	const retry =
		variant === 'httpRetryContinue' || variant === 'httpRetryStop'
			? { retryOnFail: true, maxTries: 5, waitBetweenTries: 1000 }
			: {};
	return {
		...common,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: HTTP_REQUEST_VERSION,
		parameters: {
			method: 'DELETE',
			url: `=${baseUrl}/v1/campaigns/{{ $json.campaign }}/steps/{{ $json.step }}`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpBearerAuth',
			options:
				variant === 'httpBatching'
					? {
							batching: {
								batch: { batchSize: window?.limit ?? 50, batchInterval: window?.windowMs ?? 1000 },
							},
						}
					: {},
		},
		credentials: { httpBearerAuth: BEARER_CREDENTIAL },
		...retry,
		...(variant === 'httpRetryStop' ? {} : { onError: 'continueRegularOutput' }),
	};
}

/**
 * `window`: the workflow is for a per-window limit. A Wait node before the node under test holds
 * the items until 5 ms into the next window (the sandbox's windows are aligned to multiples of its
 * length), so every limited run starts at the same point of a window, as in the in-process
 * benchmark.
 */
export function benchWorkflow(
	variant: Variant,
	list: Target[],
	baseUrl: string,
	window?: WindowLimit,
): BenchWorkflow {
	const alignToWindowMs = window?.windowMs;
	const id =
		workflowId(variant, list.length) + (window ? `L${window.limit}W${window.windowMs}` : '');
	const name =
		`bench: ${VARIANT_LABELS[variant]}, ${list.length} deletes` +
		(window ? `, ${window.limit} per ${window.windowMs} ms` : '');
	const align = alignToWindowMs
		? [
				{
					name: 'Next window',
					type: 'n8n-nodes-base.wait',
					typeVersion: 1.1,
					position: [550, 0],
					parameters: {
						resume: 'timeInterval',
						unit: 'seconds',
						amount: `={{ (${alignToWindowMs} - (Date.now() % ${alignToWindowMs}) + 5) / 1000 }}`,
					},
				},
			]
		: [];
	return {
		id,
		name,
		task: 'deleteSteps',
		nodeName: NODE_UNDER_TEST,
		variant,
		n: list.length,
		targets: list,
		contacts: [],
		window,
		json: chainWorkflow(id, name, list, [...align, deleteNode(variant, baseUrl, window)]),
	};
}

/**
 * Contact → Update of each item's contact, its new job title from the item, both by expression:
 * the LeadLex node (contactId `={{ $json.id }}`, Update Fields → Job Title `={{ $json.title }}`,
 * default options) or HTTP Request sending the same PATCH with the same body (`job_title`, what
 * the LeadLex node sends for Job Title) and the same Bearer key.
 */
export function contactUpdateWorkflow(
	variant: 'leadlex' | 'http',
	list: ContactTarget[],
	baseUrl: string,
): BenchWorkflow {
	const id = `BenchContactUpdate${variant === 'leadlex' ? 'Leadlex' : 'Http'}N${list.length}`;
	const name = `bench: ${VARIANT_LABELS[variant]}, ${list.length} contact updates`;
	const common = {
		name: CONTACT_UPDATE_NODE,
		position: [660, 0],
		// Failed items come out as items to count instead of stopping the run.
		onError: 'continueRegularOutput',
	};
	const node =
		variant === 'leadlex'
			? {
					...common,
					type: NODE_TYPE,
					typeVersion: 1.1,
					parameters: {
						resource: 'contact',
						operation: 'update',
						contactId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
						updateFields: { jobTitle: '={{ $json.title }}' },
						options: {},
					},
					credentials: { leadlexApi: LEADLEX_CREDENTIAL },
				}
			: {
					...common,
					type: 'n8n-nodes-base.httpRequest',
					typeVersion: HTTP_REQUEST_VERSION,
					parameters: {
						method: 'PATCH',
						url: `=${baseUrl}/v1/contacts/{{ $json.id }}`,
						authentication: 'genericCredentialType',
						genericAuthType: 'httpBearerAuth',
						sendBody: true,
						contentType: 'json',
						specifyBody: 'keypair',
						bodyParameters: { parameters: [{ name: 'job_title', value: '={{ $json.title }}' }] },
						options: {},
					},
					credentials: { httpBearerAuth: BEARER_CREDENTIAL },
				};
	return {
		id,
		name,
		task: 'updateContacts',
		nodeName: CONTACT_UPDATE_NODE,
		variant,
		n: list.length,
		targets: [],
		contacts: list,
		json: chainWorkflow(id, name, list, [node]),
	};
}

/** Manual Trigger → Edit Fields (`targets`, one JSON list) → Split Out → `tail`, in a chain. */
function chainWorkflow(
	id: string,
	name: string,
	list: object[],
	tail: Array<Record<string, unknown> & { name: string }>,
): object {
	const nodes = [
		{
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			name: 'Targets',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [220, 0],
			parameters: { mode: 'raw', jsonOutput: JSON.stringify({ targets: list }), options: {} },
		},
		{
			name: 'One item each',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [440, 0],
			parameters: { fieldToSplitOut: 'targets', options: {} },
		},
		...tail,
	].map((node, index) => ({ id: `${id}-${index + 1}`, ...node }));
	const chain = nodes.map((node) => node.name);
	const connections = Object.fromEntries(
		chain
			.slice(0, -1)
			.map((from, i) => [from, { main: [[{ node: chain[i + 1], type: 'main', index: 0 }]] }]),
	);
	return {
		id,
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes,
		connections,
		pinData: {},
	};
}
