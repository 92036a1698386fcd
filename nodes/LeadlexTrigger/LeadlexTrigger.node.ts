import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { CREDENTIAL_TYPE, PACKAGE_DESCRIPTION } from '../shared/constants';
import { deliveryKey, isRepeat, remember } from './deliveries';
import { EVENT_OPTIONS } from './events';
import { checkDeliveryAge, isSignatureValid, rawBodyBytes } from './verify';
import { createWebhook, deleteWebhook, listWebhooks } from './webhookApi';

/** LeadLex allows at most 200 characters of description. */
const MAX_DESCRIPTION = 200;

export const DEFAULT_MAX_DELIVERY_AGE_MINUTES = 5;

/** What the node keeps in its static data (n8n's own signature-checking triggers do the same). */
interface TriggerState extends IDataObject {
	webhookId?: string;
	webhookSecret?: string;
	webhookUrl?: string;
}

function selectedEvents(context: IHookFunctions | IWebhookFunctions): string[] {
	const value = context.getNodeParameter('events', []) as unknown;
	const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
	return [...new Set(list.map((event) => String(event).trim()).filter(Boolean))];
}

function webhookUrl(context: IHookFunctions): string {
	const url = context.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(context.getNode(), 'n8n gave the trigger no webhook URL');
	return url;
}

function describeWorkflow(context: IHookFunctions): string {
	const workflow = context.getWorkflow();
	const text = `n8n workflow "${workflow.name ?? workflow.id ?? ''}", node "${context.getNode().name}"`;
	const chars = Array.from(text);
	return chars.length <= MAX_DESCRIPTION && text.length <= MAX_DESCRIPTION
		? text
		: `${chars.slice(0, MAX_DESCRIPTION - 1).join('')}…`.slice(0, MAX_DESCRIPTION);
}

function sameEvents(a: string[], b: string[]): boolean {
	const left = new Set(a);
	const right = new Set(b);
	return left.size === right.size && [...left].every((event) => right.has(event));
}

function headerValue(headers: IDataObject, name: string): string | undefined {
	const value = headers[name];
	const first = Array.isArray(value) ? value[0] : value;
	return typeof first === 'string' ? first : undefined;
}

export class LeadlexTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'LeadLex Trigger',
		name: 'leadlexTrigger',
		icon: { light: 'file:../../icons/leadlex.svg', dark: 'file:../../icons/leadlex.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{($parameter["events"] || []).join(", ")}}',
		description: PACKAGE_DESCRIPTION,
		defaults: {
			name: 'LeadLex Trigger',
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: CREDENTIAL_TYPE,
				required: true,
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: [],
				options: EVENT_OPTIONS,
				description: 'The LeadLex events that start the workflow. LeadLex sends only these to n8n.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Max Delivery Age (Minutes)',
						name: 'maxDeliveryAge',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: DEFAULT_MAX_DELIVERY_AGE_MINUTES,
						description:
							'Deliveries whose X-LeadLex-Timestamp is older than this, or more than 5 minutes in the future, are refused. 0 turns the check off.',
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node') as TriggerState;
				if (typeof state.webhookId !== 'string' || !state.webhookSecret) return false;
				const url = webhookUrl(this);
				const listed = (await listWebhooks(this)).find((hook) => hook.id === state.webhookId);
				return (
					listed !== undefined &&
					listed.url === url &&
					listed.active !== false &&
					sameEvents(listed.events, selectedEvents(this))
				);
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const url = webhookUrl(this);
				const events = selectedEvents(this);
				if (events.length === 0) {
					throw new NodeOperationError(this.getNode(), 'Choose at least one LeadLex event', {
						description: 'Nothing was registered with LeadLex.',
					});
				}
				const state = this.getWorkflowStaticData('node') as TriggerState;
				// A webhook for this URL whose secret we do not hold (a create whose answer was lost,
				// or an earlier activation) could never be verified: remove it first. So is this
				// trigger's own earlier webhook after n8n's webhook URL changed (not in test mode,
				// where the stored ID belongs to the active workflow).
				const listed = await listWebhooks(this, true);
				const stale = listed.filter(
					(hook) =>
						hook.url === url ||
						(hook.id === state.webhookId && this.getActivationMode() !== 'manual'),
				);
				for (const hook of stale) {
					await deleteWebhook(
						this,
						hook.id,
						`the earlier LeadLex webhook "${hook.id}" for ${hook.url}`,
					);
				}
				const created = await createWebhook(this, {
					url,
					events,
					description: describeWorkflow(this),
				});
				state.webhookId = created.id;
				state.webhookSecret = created.secret;
				state.webhookUrl = url;
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node') as TriggerState;
				if (typeof state.webhookId === 'string' && state.webhookId) {
					// Throws on any other failure: what is stored stays, so a live webhook is never forgotten.
					await deleteWebhook(this, state.webhookId);
				}
				delete state.webhookId;
				delete state.webhookSecret;
				delete state.webhookUrl;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject();
		const headers = this.getHeaderData() as IDataObject;
		const state = this.getWorkflowStaticData('node') as TriggerState;
		const refuse = (reason: string): IWebhookResponseData => {
			// The reason only: never the secret, the signature, the headers or the body.
			this.logger.debug(`LeadLex Trigger refused a delivery: ${reason}`, {
				node: this.getNode().name,
				workflowId: this.getWorkflow().id,
			});
			this.getResponseObject().status(401).send('Unauthorized');
			return { noWebhookResponse: true };
		};
		const accept = (note: string): IWebhookResponseData => ({
			webhookResponse: { received: true, started: false, note },
		});

		const secret = typeof state.webhookSecret === 'string' ? state.webhookSecret : undefined;
		if (!secret) return refuse('no signing secret is stored (activate the workflow again)');
		let raw = rawBodyBytes(request.rawBody);
		if (!raw && typeof request.readRawBody === 'function') {
			await request.readRawBody();
			raw = rawBodyBytes(request.rawBody);
		}
		if (!raw) return refuse('the raw request body is not available');
		if (!isSignatureValid(raw, headerValue(headers, 'x-leadlex-signature'), secret)) {
			return refuse('missing or wrong X-LeadLex-Signature');
		}
		let payload: unknown;
		try {
			payload = JSON.parse(raw.toString('utf8'));
		} catch {
			return refuse('the body is not JSON');
		}
		if (!payload || typeof payload !== 'object' || Array.isArray(payload)) {
			return refuse('the body is not a JSON object');
		}

		const options = this.getNodeParameter('options', {}) as { maxDeliveryAge?: unknown };
		const configured = Number(options.maxDeliveryAge ?? DEFAULT_MAX_DELIVERY_AGE_MINUTES);
		const maxAge = Number.isFinite(configured) ? configured : DEFAULT_MAX_DELIVERY_AGE_MINUTES;
		const timestamp = headerValue(headers, 'x-leadlex-timestamp');
		const age = checkDeliveryAge(timestamp, maxAge, Date.now());
		if (age !== 'ok') return refuse(`X-LeadLex-Timestamp is ${age}`);

		const event = (payload as IDataObject).event;
		if (typeof event !== 'string' || !selectedEvents(this).includes(event)) {
			return accept('event not selected in the trigger');
		}

		const deliveryId = headerValue(headers, 'x-leadlex-delivery-id')?.trim() || undefined;
		if (deliveryId) {
			const key = deliveryKey(this.getWorkflow().id, this.getNode().id);
			if (isRepeat(key, state, deliveryId)) return accept('delivery already received');
			remember(key, state, deliveryId);
		}
		const json: IDataObject = {
			...(payload as IDataObject),
			leadlexDelivery: { id: deliveryId ?? null, timestamp: timestamp ?? null },
		};
		return { workflowData: [[{ json }]] };
	}
}
