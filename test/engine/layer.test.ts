/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals --
   test code, never packed: finds each resource's runner cases on disk. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { INodeParameters, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { optionsShown } from './forms';
import { startSandbox, type Sandbox } from '../sandbox/server';
import {
	loadPackage,
	PACKAGE_DIR,
	runLeadlex,
	searchList,
	testCredential,
	NODE_TYPE,
} from './harness';
import {
	byId,
	CAMPAIGN,
	campaignOp,
	createStep,
	deleteStep,
	getSteps,
	updateStep,
	useSandbox,
} from './fixtures';
import { rateLimitedFault } from '../sandbox/faults';

const env = useSandbox();

/**
 * Every operation with every kind of parameter value its fields allow: one list per resource, in
 * `test/engine/<resource>/runnerCases.ts` (found here, so a new resource adds only its own file).
 */
const combinations: Array<[string, INodeParameters]> = fs
	.readdirSync(__dirname, { withFileTypes: true })
	.filter((entry) => entry.isDirectory())
	.filter((entry) => fs.existsSync(path.join(__dirname, entry.name, 'runnerCases.ts')))
	.flatMap((entry) => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports -- discovered per resource
		const cases = require(`./${entry.name}/runnerCases`) as Record<string, unknown>;
		return Object.values(cases).find(Array.isArray) as Array<[string, INodeParameters]>;
	});

describe('the shared operation layer', () => {
	test('only operation options route requests, each through the runner: no field can replace it', async () => {
		const loader = await loadPackage();
		const type = loader.getNode(NODE_TYPE.split('.')[1]).type as {
			description: { properties: INodeProperties[] };
		};
		const walk = (properties: INodeProperties[], inOperation: boolean): string[] =>
			properties.flatMap((property) => {
				const own = property.routing && !inOperation ? [property.name] : [];
				const nested = (property.options ?? []) as Array<INodeProperties & { routing?: unknown }>;
				const nestedRouted = nested.filter((option) => 'routing' in option && option.routing);
				const isOperation = property.name === 'operation';
				return [
					...own,
					...(isOperation ? [] : nestedRouted.map((option) => `${property.name}.${option.name}`)),
					...walk(nested.filter((option) => 'displayName' in option) as INodeProperties[], false),
				];
			});
		expect(walk(type.description.properties, false)).toEqual([]);
		const operations = type.description.properties.filter(
			(property) => property.name === 'operation',
		);
		for (const operation of operations) {
			for (const option of operation.options as INodePropertyOptions[]) {
				expect([option.value, option.routing?.send?.paginate]).toEqual([option.value, true]);
				expect([option.value, typeof option.routing?.operations?.pagination]).toEqual([
					option.value,
					'function',
				]);
				// A LeadLex path; its only parameters are IDs, each checked and encoded by the runner.
				expect(option.routing?.request?.url).toMatch(
					/^\/v1\/[a-z-]+(\/(\{[a-zA-Z]+Id\}|[a-z-]+))*$/,
				);
			}
		}
	});

	test('every operation of every resource has runner cases', async () => {
		const loader = await loadPackage();
		const type = loader.getNode(NODE_TYPE.split('.')[1]).type as {
			description: { properties: INodeProperties[] };
		};
		const operations = type.description.properties
			.filter((property) => property.name === 'operation')
			.flatMap((property) =>
				(property.options as INodePropertyOptions[]).map(
					(option) => `${String(property.displayOptions?.show?.resource)} ${String(option.value)}`,
				),
			);
		const covered = new Set(
			combinations.map(
				([, parameters]) => `${String(parameters.resource)} ${String(parameters.operation)}`,
			),
		);
		expect(operations.filter((operation) => !covered.has(operation))).toEqual([]);
		expect(operations.length).toBeGreaterThanOrEqual(15);
	});

	test.each(combinations)(
		'%s: goes through the shared runner (a 429 is waited out and sent again)',
		async (_name, parameters) => {
			const { sandbox, credentials } = env;
			sandbox.injectFault(rateLimitedFault());
			const result = await runLeadlex({ credentials, parameters });
			expect(result.error).toBeUndefined();
			const statuses = sandbox.requests.map((request) => request.status);
			expect(statuses[0]).toBe(429);
			expect(statuses.length).toBeGreaterThan(1);
			// Paged lists make more requests; Ignore Not Found / If Not Active turn a 404/409 into items.
			expect(statuses.slice(1).every((status) => status !== 429 && status !== 0)).toBe(true);
			expect(result.items.length).toBeGreaterThan(0);
		},
	);

	test('a saved Delete workflow without resource and operation (n8n leaves defaults out) still deletes', async () => {
		const { sandbox, credentials } = env;
		const saved = Object.fromEntries(
			Object.entries(deleteStep(CAMPAIGN, 'step_3')).filter(
				([name]) => !['resource', 'operation'].includes(name),
			),
		) as INodeParameters;
		const result = await runLeadlex({ credentials, parameters: saved });
		expect(result.items.map((item) => item.json)).toEqual([{ deleted: true, id: 'step_3' }]);
		expect(sandbox.requests.map((request) => request.method)).toEqual(['DELETE']);
	});

	test.each([
		['Bearer wbk_…', (key: string) => `Bearer ${key}`],
		['bearer  wbk_… (lower case, two spaces, trailing space)', (key: string) => `bearer  ${key} `],
	])(
		'a key pasted as %s is sent as one Bearer token, by the node and the credential test',
		async (_name, paste) => {
			const { sandbox, credentials } = env;
			const apiKey = paste(sandbox.keys.full);
			const result = await runLeadlex({
				credentials: { ...credentials, apiKey },
				parameters: getSteps(CAMPAIGN, { limit: 1 }),
			});
			expect(result.error).toBeUndefined();
			expect(await testCredential({ ...credentials, apiKey })).toEqual({
				status: 'OK',
				message: 'Connection successful!',
			});
			const picked = await searchList('searchSteps', {
				credentials: { ...credentials, apiKey },
				parameters: { campaignId: byId(CAMPAIGN) },
			});
			expect(picked.results).toHaveLength(4);
			expect(new Set(sandbox.requests.map((request) => request.headers.authorization))).toEqual(
				new Set([`Bearer ${sandbox.keys.full}`]),
			);
		},
	);
});

test('outside an execution (a picker) a 429 fails at once with the wait LeadLex asked for', async () => {
	const { sandbox, credentials } = env;
	sandbox.injectFault(rateLimitedFault('45'));
	const started = Date.now();
	const failure = await searchList('searchSteps', {
		credentials,
		parameters: { campaignId: byId(CAMPAIGN) },
	}).catch((error: { message: string; description: string }) => error);
	expect(Date.now() - started).toBeLessThan(5_000);
	expect(failure).toMatchObject({ message: 'LeadLex rate limit reached' });
	expect((failure as { description: string }).description).toContain('LeadLex asked to wait 45 s.');
	expect(sandbox.requests).toHaveLength(1);
});

describe('redirects: the key never leaves for another host', () => {
	let elsewhere: Sandbox;
	beforeAll(async () => {
		elsewhere = await startSandbox();
	});
	afterAll(async () => elsewhere.close());
	beforeEach(() => elsewhere.reset());

	type Attempt = (credentials: { apiKey: string; baseUrl: string }) => Promise<string>;
	const viaNode =
		(parameters: INodeParameters): Attempt =>
		async (credentials) => {
			const result = await runLeadlex({ credentials, parameters });
			return result.error?.message ?? 'no error';
		};
	const viaPicker =
		(method: 'searchCampaigns' | 'searchSteps'): Attempt =>
		async (credentials) => {
			try {
				await searchList(method, { credentials, parameters: { campaignId: byId(CAMPAIGN) } });
				return 'no error';
			} catch (error) {
				return (error as Error).message;
			}
		};
	const paths: Array<[string, Attempt]> = [
		['Create', viaNode(createStep(CAMPAIGN))],
		['Get Many', viaNode(getSteps(CAMPAIGN))],
		['Update', viaNode(updateStep(CAMPAIGN, 'step_2', { delayDays: 1 }))],
		['Delete', viaNode(deleteStep(CAMPAIGN, 'step_2'))],
		['Campaign → Get Many', viaNode(campaignOp('getAll'))],
		['Campaign → Pause', viaNode(campaignOp('pause', {}, CAMPAIGN))],
		['Campaign → Add Contacts', viaNode(campaignOp('addContacts', { contactIds: 'a' }, CAMPAIGN))],
		['campaign picker', viaPicker('searchCampaigns')],
		['step picker', viaPicker('searchSteps')],
		['credential test', async (credentials) => (await testCredential(credentials)).message],
	];
	const cases = [301, 302, 303, 307, 308].flatMap((status) =>
		(['absolute', 'scheme-relative'] as const).flatMap((form) =>
			paths.map(
				([name, attempt]) => [`${status} ${form} → ${name}`, status, form, attempt] as const,
			),
		),
	);

	test.each(cases)(
		'%s: not followed, and the error says where it pointed',
		async (_name, status, form, attempt) => {
			const { sandbox, credentials } = env;
			const target = new URL(elsewhere.url);
			const location =
				form === 'absolute'
					? `${elsewhere.url}/v1/campaigns`
					: `//${target.host}${target.pathname}/v1/campaigns`;
			sandbox.injectFault(
				{ type: 'response', status, body: '', headers: { Location: location } },
				undefined,
				Infinity,
			);
			const message = await attempt(credentials);
			expect(elsewhere.requests).toHaveLength(0);
			if (_name.endsWith('credential test')) {
				expect(message).toContain(`redirect (HTTP ${status})`);
			} else {
				expect(message).toContain(
					`redirect (HTTP ${status} to ${location}), which the node does not follow`,
				);
			}
			expect(sandbox.requests.length).toBeGreaterThan(0);
		},
	);
});

test('merged property entries change no form: every operation shows the same fields in the same order', async () => {
	const loader = await loadPackage();
	const merged = (
		loader.getNode(NODE_TYPE.split('.')[1]).type as {
			description: { properties: INodeProperties[] };
		}
	).description.properties;
	const actions = path.join(PACKAGE_DIR, 'dist', 'nodes', 'Leadlex', 'actions');
	// The resources in the node's order (each one's Operation entry comes first), as each declares
	// its fields before the node merges them.
	const order = merged
		.filter((property) => property.name === 'operation')
		.map((property) => String(property.displayOptions?.show?.resource));
	const raw = order.flatMap((folder) => {
		const file = fs.readdirSync(path.join(actions, folder)).find((f) => f.endsWith('.resource.js'));
		// eslint-disable-next-line @typescript-eslint/no-require-imports -- the built resource module
		const module = require(path.join(actions, folder, file!)) as Record<
			string,
			{ properties?: INodeProperties[] }
		>;
		return Object.values(module).find((value) => value?.properties)!.properties!;
	});
	expect(merged.length).toBeLessThan(raw.length);
	const shown = (properties: INodeProperties[], resource: string, operation: string) =>
		properties
			.filter((property) => {
				// The node's own entries (Resource, n8n's Request Options) are not a resource's.
				const show = property.displayOptions?.show ?? {};
				return (
					Array.isArray(show.resource) &&
					(show.resource as string[]).includes(resource) &&
					(!show.operation || (show.operation as string[]).includes(operation))
				);
			})
			.map((property) => {
				const rest = { ...property.displayOptions?.show };
				delete rest.resource;
				delete rest.operation;
				const options =
					property.type === 'collection'
						? optionsShown(property.options as INodeProperties[], resource, operation)
						: property.options;
				return JSON.stringify({ ...property, options, displayOptions: { show: rest } });
			});
	const operations = merged
		.filter((property) => property.name === 'operation')
		.flatMap((property) =>
			(property.options as INodePropertyOptions[]).map((option) => [
				String(property.displayOptions?.show?.resource),
				String(option.value),
			]),
		);
	expect(operations.length).toBeGreaterThanOrEqual(30);
	for (const [resource, operation] of operations) {
		expect([resource, operation, shown(merged, resource, operation)]).toEqual([
			resource,
			operation,
			shown(raw, resource, operation),
		]);
	}
});
