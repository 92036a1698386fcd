/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
/**
 * Runs the built package (dist/, loaded as n8n loads it) through n8n-core's real WorkflowExecute.
 * Nothing of the node is mocked: requests go over real HTTP to whatever base URL the test gives.
 * What n8n's server would provide around the engine (credential storage, generic auth) is
 * implemented here the way the server does it.
 */
import { inspect } from 'node:util';
import path from 'node:path';
import {
	ExecuteContext,
	ExecutionLifecycleHooks,
	LoadOptionsContext,
	PackageDirectoryLoader,
	RoutingNode,
	WorkflowExecute,
} from 'n8n-core';
import {
	createRunExecutionData,
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type ICredentialType,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialTestResult,
	type INodeExecutionData,
	type INodeListSearchResult,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IVersionedNodeType,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

export const PACKAGE_DIR = path.resolve(__dirname, '..', '..');
export const NODE_TYPE = 'n8n-nodes-leadlex.leadlex';
export const CREDENTIAL_TYPE = 'leadlexApi';
export const NODE_NAME = 'LeadLex';

let loaderPromise: Promise<PackageDirectoryLoader> | undefined;

/** The package as n8n loads it from dist/ (package.json → n8n section, codex, request options). */
export function loadPackage(): Promise<PackageDirectoryLoader> {
	loaderPromise ??= (async () => {
		const loader = new PackageDirectoryLoader(PACKAGE_DIR);
		await loader.loadAll();
		return loader;
	})();
	return loaderPromise;
}

/**
 * Like n8n's server (NodeTypes in its cli package, 1.x and 2.x alike), give a declarative node an
 * `execute` that runs n8n-core's RoutingNode: that path is the one that hands the node the
 * execution's cancel signal.
 */
function withDeclarativeExecute(type: INodeType): INodeType {
	if (!type.execute && type.description.requestDefaults !== undefined) {
		type.execute = async function (this: IExecuteFunctions) {
			const data = await new RoutingNode(this as ExecuteContext, type).runNode();
			return data ?? [];
		};
	}
	return type;
}

/** `override`: the node type to run as the LeadLex node (e.g. one with fewer operations). */
export function nodeTypesOf(loader: PackageDirectoryLoader, override?: INodeType): INodeTypes {
	const lookup = (name: string) => {
		const short = name.replace(/^n8n-nodes-leadlex\./, '');
		if (override && short === 'leadlex') return withDeclarativeExecute(override);
		const loaded = loader.nodeTypes[short];
		if (!loaded) throw new Error(`Unknown node type ${name}`);
		return withDeclarativeExecute(loaded.type as INodeType);
	};
	return {
		getByName: (name: string) => lookup(name),
		getByNameAndVersion: (name: string, version?: number) =>
			NodeHelpers.getVersionedNodeType(lookup(name) as INodeType | IVersionedNodeType, version),
		getKnownTypes: () => ({}),
	};
}

/** Stores the test's credential and applies `authenticate` as n8n's server does. */
class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly loader: PackageDirectoryLoader,
		private readonly data: ICredentialDataDecryptedObject,
	) {
		super();
	}

	private type(name: string): ICredentialType {
		return this.loader.getCredential(name).type;
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const authenticate = this.type(typeName).authenticate;
		// As n8n's CredentialsHelper does: a function is called, a generic template resolved.
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (!authenticate || authenticate.type !== 'generic') {
			throw new Error(
				`The test harness only implements function and generic authentication (${typeName})`,
			);
		}
		const resolve = (value: unknown) => {
			if (typeof value !== 'string' || !value.startsWith('=') || !workflow || !node) return value;
			return workflow.expression.getSimpleParameterValue(
				node,
				value,
				'internal',
				{ $credentials: credentials },
				undefined,
				'',
			);
		};
		for (const [target, entries] of Object.entries(authenticate.properties)) {
			const destination = ((requestOptions as unknown as IDataObject)[target] ??=
				{}) as IDataObject;
			for (const [key, value] of Object.entries(entries as IDataObject)) {
				destination[String(resolve(key))] = resolve(value) as IDataObject[string];
			}
		}
		return requestOptions;
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by the engine for this node');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: unknown,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const withDefaults: ICredentialDataDecryptedObject = {};
		for (const property of this.getCredentialsProperties(type)) {
			withDefaults[property.name] = property.default as ICredentialDataDecryptedObject[string];
		}
		return { ...withDefaults, ...this.data };
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.type(type).properties;
	}
}

export function additionalDataFor(
	loader: PackageDirectoryLoader,
	credentials: ICredentialDataDecryptedObject,
	hooks?: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new TestCredentialsHelper(loader, credentials),
		hooks,
		executeWorkflow: async () => {
			throw new Error('not used');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formBaseUrl: 'http://localhost:5678/form',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		formTestBaseUrl: 'http://localhost:5678/form-test',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		mcpBaseUrl: 'http://localhost:5678/mcp',
		mcpTestBaseUrl: 'http://localhost:5678/mcp-test',
		variables: {},
		userId: 'test-user',
	} as unknown as IWorkflowExecuteAdditionalData;
}

export interface RunOptions {
	/** The node's parameters (resource, operation, campaignId, stepId, options...). */
	parameters: INodeParameters;
	/** The JSON of the items fed into the node; one empty item by default. */
	items?: IDataObject[];
	/** Whole input items (with binary data), instead of `items`. */
	inputItems?: INodeExecutionData[];
	credentials: ICredentialDataDecryptedObject;
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	/**
	 * The stored credential's ID. The node shares its rate-limit state per credential within the
	 * process, as across executions in n8n; by default every run gets its own.
	 */
	credentialId?: string;
	/** Called once the run has started, with a function that cancels it. */
	onStart?: (cancel: () => void) => void;
	/** The node version the workflow was saved with: 1 unless a test says otherwise. */
	typeVersion?: number;
	/** Runs this node type instead of the loaded LeadLex node (same name), e.g. a trimmed copy. */
	nodeType?: INodeType;
}

let runCount = 0;

export interface RunResult {
	run: IRun;
	/** Items of the node's main output. */
	items: INodeExecutionData[];
	/** Items of the error output (with "Continue (using error output)"). */
	errorItems: INodeExecutionData[];
	/** The error that stopped the node, if any. */
	error?: { message: string; description?: string | null; [key: string]: unknown };
	/** Everything the run holds as text, hidden properties (cause, stack) included. */
	everything: string;
}

/** The LeadLex node as a workflow stores it. */
function leadlexNode(
	parameters: INodeParameters,
	credentialId: string,
	onError?: INode['onError'],
	typeVersion = 1,
): INode {
	return {
		id: 'leadlex-node',
		name: NODE_NAME,
		type: NODE_TYPE,
		typeVersion,
		position: [0, 0],
		parameters,
		credentials: { [CREDENTIAL_TYPE]: { id: credentialId, name: 'LeadLex account' } },
		onError,
	};
}

/** Runs a one-node workflow: the LeadLex node, fed with the given items. */
export async function runLeadlex(options: RunOptions): Promise<RunResult> {
	const loader = await loadPackage();
	const credentialId = options.credentialId ?? `credential-${++runCount}`;
	const node = leadlexNode(options.parameters, credentialId, options.onError, options.typeVersion);
	const workflow = new Workflow({
		id: 'test-workflow',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: nodeTypesOf(loader, options.nodeType),
	});
	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', {
		id: 'test-workflow',
		name: 'test',
		active: false,
		isArchived: false,
		nodes: [node],
		connections: {},
		createdAt: new Date(),
		updatedAt: new Date(),
	} as never);
	let resolveRun: (run: IRun) => void = () => {};
	const finished = new Promise<IRun>((resolve) => (resolveRun = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => resolveRun(run));
	const items = options.inputItems ?? (options.items ?? [{}]).map((json) => ({ json }));
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node, data: { main: [items] }, source: null }],
		},
	});
	const mode: WorkflowExecuteMode = 'manual';
	const execution = new WorkflowExecute(
		additionalDataFor(loader, options.credentials, hooks),
		mode,
		runExecutionData,
	).processRunExecutionData(workflow);
	options.onStart?.(() => execution.cancel());
	try {
		await execution;
	} catch {
		// A cancelled run rejects here; its data still arrives through the hook.
	}
	const run = await finished;
	const task = run.data.resultData.runData[NODE_NAME]?.[0];
	const outputs = task?.data?.main ?? [];
	return {
		run,
		items: outputs[0] ?? [],
		errorItems: outputs[1] ?? [],
		error: (task?.error ?? run.data.resultData.error) as RunResult['error'],
		everything: everythingIn(run),
	};
}

/** All text reachable from a value, non-enumerable properties such as `cause` included. */
export function everythingIn(value: unknown): string {
	const seen = new Set<unknown>();
	const parts: string[] = [
		JSON.stringify(value) ?? '',
		inspect(value, { depth: 12, showHidden: true }),
	];
	const walk = (current: unknown, depth: number) => {
		if (typeof current === 'string') {
			parts.push(current);
			return;
		}
		if (!current || typeof current !== 'object' || seen.has(current) || depth > 25) return;
		seen.add(current);
		for (const key of Object.getOwnPropertyNames(current)) {
			let child: unknown;
			try {
				child = (current as Record<string, unknown>)[key];
			} catch {
				continue;
			}
			walk(child, depth + 1);
		}
	};
	walk(value, 0);
	return parts.join('\n');
}

/**
 * The credential's "Test" button, as n8n's server runs it (CredentialsTester in n8n's cli
 * package, which is not a library): the credential's test request goes through n8n-core's
 * RoutingNode as a one-property node, then n8n's rules turn the outcome into a message.
 */
export async function testCredential(
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	const loader = await loadPackage();
	const credentialType = loader.getCredential(CREDENTIAL_TYPE).type;
	const testRequest = credentialType.test!;
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'credential-test',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [CREDENTIAL_TYPE]: { id: '1', name: 'LeadLex account' } },
	};
	const nodeType: INodeType = {
		description: {
			displayName: 'Credential test',
			name: 'credential-test',
			group: [],
			version: 1,
			description: '',
			defaults: {},
			inputs: [],
			outputs: [],
			credentials: [{ name: CREDENTIAL_TYPE, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: testRequest.request },
					default: '',
				},
			],
		},
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: {
			getByName: () => nodeType,
			getByNameAndVersion: () => nodeType,
			getKnownTypes: () => ({}),
		},
	});
	const credentialsDecrypted = { id: '1', name: 'LeadLex account', type: CREDENTIAL_TYPE, data };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalDataFor(loader, data),
		'internal',
		createRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await new RoutingNode(context, nodeType, credentialsDecrypted).runNode();
	} catch (error) {
		const status = error.cause?.response?.status;
		if (status !== undefined) {
			for (const rule of testRequest.rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === status) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (status < 199 || status > 299) {
				return {
					status: 'Error',
					message: error.cause.response.statusText || `Received HTTP status code: ${status}`,
				};
			}
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		return { status: 'Error', message: String(error.message) };
	}
	for (const rule of testRequest.rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		const json = response?.[0]?.[0]?.json as unknown;
		const value = rule.properties.key
			.split('.')
			.reduce<unknown>((current, key) => (current as IDataObject | undefined)?.[key], json);
		if (value === rule.properties.value)
			return { status: 'Error', message: rule.properties.message };
	}
	return { status: 'OK', message: 'Connection successful!' };
}

/** A resource-locator search as the editor asks n8n's server for it. */
export async function searchList(
	method: string,
	options: {
		credentials: ICredentialDataDecryptedObject;
		parameters?: INodeParameters;
		filter?: string;
		paginationToken?: string;
	},
): Promise<INodeListSearchResult> {
	const loader = await loadPackage();
	const nodeTypes = nodeTypesOf(loader);
	const node = leadlexNode(
		{ resource: 'campaignStep', operation: 'delete', ...options.parameters },
		'1',
	);
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const context = new LoadOptionsContext(
		workflow,
		node,
		additionalDataFor(loader, options.credentials),
		'parameters.campaignId',
	);
	const nodeType = nodeTypes.getByNameAndVersion(NODE_TYPE, 1);
	const search = nodeType.methods?.listSearch?.[method];
	if (!search) throw new Error(`No list search ${method}`);
	return await search.call(context, options.filter, options.paginationToken);
}
