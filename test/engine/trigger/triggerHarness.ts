/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: stands in for n8n's webhook server */
/**
 * Runs the built LeadLex Trigger (dist/, loaded as n8n loads it) through n8n-core's real contexts:
 * `HookContext` for the webhook lifecycle (checkExists, create, delete) and `WebhookContext` for
 * deliveries. A delivery can come from a test directly or over real HTTP from the sandbox: a local
 * server stands in for n8n's webhook endpoint and handles the request the way n8n does for a node
 * with `responseMode: 'onReceived'` (the raw body kept as `req.rawBody`, the node's own answer when
 * it sets `noWebhookResponse`, otherwise 200 with its `webhookResponse` or "Workflow was started").
 *
 * Static data: n8n loads it before each delivery and saves it afterwards. n8n 1.x saves what
 * `webhook()` wrote; 2.40.7 does not. `persistWebhookStaticData` picks which one to imitate.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HookContext, WebhookContext } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INode,
	type INodeParameters,
	type INodeType,
	type IWebhookData,
	type IWebhookResponseData,
	type WorkflowActivateMode,
	type WorkflowExecuteMode,
} from 'n8n-workflow';
import { additionalDataFor, CREDENTIAL_TYPE, loadPackage, nodeTypesOf } from '../harness';

/** n8n keeps static data as JSON in its database. */
function jsonCopy<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

export const TRIGGER_TYPE = 'n8n-nodes-leadlex.leadlexTrigger';
export const TRIGGER_NAME = 'LeadLex Trigger';

export interface TriggerOptions {
	credentials: ICredentialDataDecryptedObject;
	parameters: INodeParameters;
	/** n8n's WEBHOOK_URL + "webhook" (production) or + "webhook-test" (test URLs). */
	webhookBaseUrl?: string;
	workflowId?: string;
	workflowName?: string;
	nodeId?: string;
	/** The node's webhook ID (a UUID in n8n), part of its URL. */
	webhookId?: string;
	/** n8n 1.x saves what webhook() writes to static data; 2.40.7 does not. Default true. */
	persistWebhookStaticData?: boolean;
}

export interface DeliveryRequest {
	headers: Record<string, string>;
	/** The raw body bytes; `undefined` leaves `rawBody` unset. */
	rawBody?: Buffer | string;
}

export interface DeliveryOutcome {
	/** The HTTP status n8n would answer with. */
	status: number;
	/** What the node returned. */
	result: IWebhookResponseData;
	/** The JSON of the output items, when the workflow was started. */
	items?: IDataObject[];
	/** Everything sent as the response body. */
	responseBody: string;
}

/** An express-like response, enough for what a node does with `getResponseObject()`. */
class FakeResponse {
	statusCode = 200;

	body = '';

	ended = false;

	status(code: number) {
		this.statusCode = code;
		return this;
	}

	send(body?: unknown) {
		this.body = typeof body === 'string' ? body : JSON.stringify(body ?? '');
		this.ended = true;
		return this;
	}

	json(body: unknown) {
		return this.send(JSON.stringify(body));
	}

	end(body?: unknown) {
		if (body !== undefined) this.body = String(body);
		this.ended = true;
		return this;
	}

	setHeader() {
		return this;
	}
}

export class TriggerFixture {
	readonly node: INode;

	/** The static data as n8n has saved it in its database. */
	saved: IDataObject = {};

	/** Items of every workflow run this trigger started, in order. */
	readonly runs: IDataObject[][] = [];

	/** Every line the node logged (message and metadata as JSON). */
	readonly logs: string[] = [];

	private workflow!: Workflow;

	private constructor(
		private readonly type: INodeType,
		private readonly nodeTypes: ReturnType<typeof nodeTypesOf>,
		private readonly options: TriggerOptions,
		private readonly additional: ReturnType<typeof additionalDataFor>,
	) {
		this.node = {
			id: options.nodeId ?? 'trigger-node',
			name: TRIGGER_NAME,
			type: TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: options.parameters,
			webhookId: options.webhookId ?? '6f0e8a3c-1d2b-4c5d-9e7f-8a9b0c1d2e3f',
			credentials: { [CREDENTIAL_TYPE]: { id: 'trigger-credential', name: 'LeadLex account' } },
		};
		this.load();
	}

	static async create(options: TriggerOptions): Promise<TriggerFixture> {
		const loader = await loadPackage();
		const nodeTypes = nodeTypesOf(loader);
		const type = nodeTypes.getByNameAndVersion(TRIGGER_TYPE, 1) as INodeType;
		const base = options.webhookBaseUrl ?? 'https://n8n.example.com/webhook';
		const additional = additionalDataFor(loader, options.credentials);
		Object.assign(additional, {
			webhookBaseUrl: base,
			webhookTestBaseUrl: base.replace(/\/webhook$/, '/webhook-test'),
		});
		return new TriggerFixture(type, nodeTypes, options, additional);
	}

	/** n8n loads the workflow (and its saved static data) for every activation and delivery. */
	private load(): void {
		this.workflow = new Workflow({
			id: this.options.workflowId ?? 'wf-trigger-1',
			name: this.options.workflowName ?? 'New step → message',
			nodes: [this.node],
			connections: {},
			active: true,
			nodeTypes: this.nodeTypes,
			staticData: jsonCopy(this.saved),
		});
	}

	private save(): void {
		this.saved = { ...jsonCopy(this.saved), [`node:${TRIGGER_NAME}`]: this.current() };
	}

	/** The node's static data as the node sees it now. */
	current(): IDataObject {
		const data = this.workflow.staticData[`node:${TRIGGER_NAME}`] as IDataObject | undefined;
		return jsonCopy({ ...(data ?? {}) });
	}

	/** The node's saved static data (what survives to the next activation or delivery). */
	nodeStaticData(): IDataObject {
		return (this.saved[`node:${TRIGGER_NAME}`] as IDataObject | undefined) ?? {};
	}

	setParameters(parameters: INodeParameters): void {
		this.node.parameters = parameters;
		this.load();
	}

	private webhookData(isTest: boolean): IWebhookData {
		const description = this.type.description.webhooks![0];
		return {
			httpMethod: 'POST',
			node: this.node.name,
			path: String(description.path),
			webhookDescription: description,
			workflowId: this.workflow.id,
			workflowExecuteAdditionalData: this.additional,
			webhookId: this.node.webhookId,
			isTest,
		};
	}

	private withLogger<T extends object>(context: T): T {
		const record =
			(level: string) =>
			(message: string, meta?: unknown): void => {
				this.logs.push(`${level} ${message} ${JSON.stringify(meta ?? {})}`);
			};
		const logger = {
			debug: record('debug'),
			info: record('info'),
			warn: record('warn'),
			error: record('error'),
		};
		Object.defineProperty(context, 'logger', { value: logger, configurable: true });
		return context;
	}

	/**
	 * Runs one webhook method as n8n does on activation (mode `trigger`), deactivation, or for the
	 * editor's "Listen for test event" (`manual`, test URL). n8n saves the static data after it.
	 */
	async hook(
		method: 'checkExists' | 'create' | 'delete',
		{ test = false }: { test?: boolean } = {},
	): Promise<boolean> {
		this.load();
		const mode: WorkflowExecuteMode = test ? 'manual' : 'trigger';
		const activation: WorkflowActivateMode = test ? 'manual' : 'activate';
		const context = this.withLogger(
			new HookContext(
				this.workflow,
				this.node,
				this.additional,
				mode,
				activation,
				this.webhookData(test),
			),
		);
		const fn = this.type.webhookMethods!.default![method];
		try {
			return await fn.call(context);
		} finally {
			this.save();
		}
	}

	webhookUrl(test = false): string {
		const base = test
			? (this.additional.webhookTestBaseUrl as string)
			: (this.additional.webhookBaseUrl as string);
		return `${base}/${this.node.webhookId}/webhook`;
	}

	/** One delivery through the node's webhook(), as n8n runs it for a production webhook. */
	async deliver(request: DeliveryRequest, { test = false } = {}): Promise<DeliveryOutcome> {
		this.load();
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(request.headers))
			headers[name.toLowerCase()] = value;
		const raw =
			request.rawBody === undefined
				? undefined
				: Buffer.isBuffer(request.rawBody)
					? request.rawBody
					: Buffer.from(request.rawBody, 'utf8');
		let body: unknown = {};
		try {
			if (raw) body = JSON.parse(raw.toString('utf8'));
		} catch {
			body = {};
		}
		const req = {
			method: 'POST',
			headers,
			body,
			rawBody: raw,
			params: {},
			query: {},
		} as unknown as http.IncomingMessage;
		const res = new FakeResponse();
		const additional = { ...this.additional, httpRequest: req, httpResponse: res };
		const context = this.withLogger(
			new WebhookContext(
				this.workflow,
				this.node,
				additional as never,
				test ? 'manual' : 'webhook',
				this.webhookData(test),
				[],
				null,
			),
		);
		const result = await this.type.webhook!.call(context);
		if (this.options.persistWebhookStaticData !== false) this.save();
		if (result.noWebhookResponse) {
			return { status: res.statusCode, result, responseBody: res.body };
		}
		if (result.workflowData) {
			const items = result.workflowData[0].map((item) => item.json);
			this.runs.push(items);
			return {
				status: 200,
				result,
				items,
				responseBody: JSON.stringify({ message: 'Workflow was started' }),
			};
		}
		return {
			status: 200,
			result,
			responseBody: JSON.stringify(result.webhookResponse ?? { message: 'Webhook call received' }),
		};
	}
}

/**
 * A local HTTP endpoint standing in for n8n's webhook server, so the sandbox can deliver to it:
 * each request goes to `target.deliver()` and gets the answer n8n would send. Start it first, then
 * create the fixture with `webhookBaseUrl: endpoint.baseUrl`.
 */
export async function startEndpoint(): Promise<{
	baseUrl: string;
	target?: TriggerFixture;
	outcomes: DeliveryOutcome[];
	close: () => Promise<void>;
}> {
	const endpoint = {
		baseUrl: '',
		target: undefined as TriggerFixture | undefined,
		outcomes: [] as DeliveryOutcome[],
		close: async () => {},
	};
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const headers: Record<string, string> = {};
			for (const [name, value] of Object.entries(req.headers)) {
				if (typeof value === 'string') headers[name] = value;
			}
			const target = endpoint.target;
			if (!target || req.url !== new URL(target.webhookUrl()).pathname) {
				res.writeHead(404, { 'Content-Type': 'application/json' });
				res.end('{"message":"The requested webhook is not registered."}');
				return;
			}
			target.deliver({ headers, rawBody: Buffer.concat(chunks) }).then(
				(outcome) => {
					endpoint.outcomes.push(outcome);
					res.writeHead(outcome.status, { 'Content-Type': 'application/json' });
					res.end(outcome.responseBody);
				},
				(error: Error) => {
					res.writeHead(500, { 'Content-Type': 'application/json' });
					res.end(JSON.stringify({ message: error.message }));
				},
			);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	endpoint.baseUrl = `http://127.0.0.1:${port}/webhook`;
	endpoint.close = async () =>
		await new Promise<void>((resolve) => {
			server.close(() => resolve());
			server.closeAllConnections();
		});
	return endpoint;
}
