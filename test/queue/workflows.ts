/* eslint-disable @n8n/community-nodes/no-restricted-imports --
   dev tooling, never packed: the queue-mode suite's workflows, written to files for n8n's import. */
/**
 * The two workflows of the queue-mode suite:
 *
 * - DELETE_WORKFLOW: n8n's Webhook trigger (POST, "respond when the last node finishes" with all
 *   its items) → Split Out over `body.steps` → LeadLex Campaign Step Delete, one item per step.
 *   A failed item goes on as an item with `error` (On Error: Continue), so every failure is
 *   counted, not just the first.
 * - TRIGGER_WORKFLOW: a test copy of examples/leadlex-new-step-message.json (LeadLex Trigger →
 *   Compose message → noOp) with its own ID.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CREDENTIAL_ID, CREDENTIAL_NAME, EXAMPLES_DIR, NODE_TYPE } from '../../scripts/n8n/harness';

export const DELETE_WORKFLOW = {
	id: 'LeadlexQueueDel01',
	path: 'leadlex-queue-delete-steps',
	/** Node names, as the run data names them. */
	webhookNode: 'Steps to delete',
	deleteNode: 'Delete campaign steps',
};

export const TRIGGER_WORKFLOW = {
	id: 'LeadlexQueueTrig1',
	example: path.join(EXAMPLES_DIR, 'leadlex-new-step-message.json'),
	triggerNode: 'New campaign step',
	composeNode: 'Compose message',
	events: ['campaign.step_created'],
};

const credentials = { leadlexApi: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } };

function deleteWorkflow(): Record<string, unknown> {
	const id = DELETE_WORKFLOW.id;
	const node = (n: number, name: string, type: string, typeVersion: number, rest: object) => ({
		id: `${id}-${n}`,
		name,
		type,
		typeVersion,
		position: [n * 220, 0],
		...rest,
	});
	const link = (to: string) => ({ main: [[{ node: to, type: 'main', index: 0 }]] });
	return {
		id,
		name: 'queue: delete the steps a webhook names',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			node(0, DELETE_WORKFLOW.webhookNode, 'n8n-nodes-base.webhook', 2, {
				webhookId: '5d0c7a3e-1b2f-4c6d-9e8f-0a1b2c3d4e51',
				parameters: {
					httpMethod: 'POST',
					path: DELETE_WORKFLOW.path,
					responseMode: 'lastNode',
					responseData: 'allEntries',
					options: {},
				},
			}),
			node(1, 'One item each', 'n8n-nodes-base.splitOut', 1, {
				parameters: { fieldToSplitOut: 'body.steps', options: {} },
			}),
			// 1.1: the version the editor adds to a new workflow.
			node(2, DELETE_WORKFLOW.deleteNode, NODE_TYPE, 1.1, {
				onError: 'continueRegularOutput',
				parameters: {
					resource: 'campaignStep',
					operation: 'delete',
					campaignId: { __rl: true, mode: 'id', value: '={{ $json.campaignId }}' },
					stepId: { __rl: true, mode: 'id', value: '={{ $json.stepId }}' },
					options: { retryOnRateLimit: true, maxRateLimitWait: 120 },
				},
				credentials,
			}),
		],
		connections: {
			[DELETE_WORKFLOW.webhookNode]: link('One item each'),
			'One item each': link(DELETE_WORKFLOW.deleteNode),
		},
		pinData: {},
	};
}

function triggerWorkflow(): Record<string, unknown> {
	const example = JSON.parse(fs.readFileSync(TRIGGER_WORKFLOW.example, 'utf8')) as {
		name: string;
		nodes: Array<{ name: string; webhookId?: string; parameters: Record<string, unknown> }>;
	};
	const trigger = example.nodes.find((n) => n.name === TRIGGER_WORKFLOW.triggerNode);
	if (!trigger?.webhookId) {
		throw new Error(
			`${TRIGGER_WORKFLOW.example} has no node "${TRIGGER_WORKFLOW.triggerNode}" with a webhookId`,
		);
	}
	trigger.parameters.events = TRIGGER_WORKFLOW.events;
	return { ...example, id: TRIGGER_WORKFLOW.id, name: `queue: ${example.name}` };
}

/** The trigger's production URL path (n8n: /webhook/<webhookId>/webhook). */
export function triggerWebhookPath(): string {
	const workflow = triggerWorkflow() as { nodes: Array<{ name: string; webhookId?: string }> };
	const trigger = workflow.nodes.find((n) => n.name === TRIGGER_WORKFLOW.triggerNode);
	return `/webhook/${trigger?.webhookId}/webhook`;
}

/** Writes both workflows into `dir`, one file each, for `n8n import:workflow --separate`. */
export function writeWorkflows(dir: string): void {
	fs.mkdirSync(dir, { recursive: true });
	for (const workflow of [deleteWorkflow(), triggerWorkflow()]) {
		fs.writeFileSync(
			path.join(dir, `${String(workflow.id)}.json`),
			JSON.stringify(workflow, null, 2),
		);
	}
}
