/**
 * The workflows the real-n8n benchmark runs: Manual Trigger → Edit Fields (the targets as one JSON
 * list) → Split Out (one item per step) → the node under test, which deletes each item's step.
 * The node under test is either the LeadLex node or n8n's HTTP Request node configured as a
 * careful user would: DELETE with a predefined Bearer Auth credential, the same URL per item.
 */
import { NODE_TYPE } from '../../scripts/n8n/harness';
import type { Target } from './seed';

/** The name of the node under test in every workflow: its run data is what the bench reads. */
export const NODE_UNDER_TEST = 'Delete steps';

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
	variant: Variant;
	n: number;
	targets: Target[];
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
): Record<string, unknown> {
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
		...align,
		deleteNode(variant, baseUrl, window),
	].map((node, index) => ({ id: `${id}-${index + 1}`, ...node }));
	const chain = [
		'Start',
		'Targets',
		'One item each',
		...align.map((node) => node.name),
		NODE_UNDER_TEST,
	];
	const connections = Object.fromEntries(
		chain
			.slice(0, -1)
			.map((from, i) => [from, { main: [[{ node: chain[i + 1], type: 'main', index: 0 }]] }]),
	);
	return {
		id,
		name,
		variant,
		n: list.length,
		targets: list,
		window,
		json: {
			id,
			name,
			active: false,
			settings: { executionOrder: 'v1' },
			nodes,
			connections,
			pinData: {},
		},
	};
}
