/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions --
   test code: reads the package from disk and asks npm which files it would publish. */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type {
	ICredentialDataDecryptedObject,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
	INodeTypeDescription,
} from 'n8n-workflow';
import { formOf } from './forms';
import { loadPackage, PACKAGE_DIR } from './harness';

const packageJson = JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8'));

async function description(): Promise<INodeTypeDescription> {
	const loader = await loadPackage();
	return loader.getNode('leadlex').type.description as INodeTypeDescription;
}

function property(properties: INodeProperties[], name: string): INodeProperties {
	const found = properties.find((candidate) => candidate.name === name);
	if (!found) throw new Error(`no property ${name}`);
	return found;
}

describe('the built package, loaded by n8n-core as n8n loads it', () => {
	test('registers the node and the credential under their public names', async () => {
		const loader = await loadPackage();
		expect(Object.keys(loader.nodeTypes)).toEqual(['leadlex', 'leadlexTrigger']);
		expect(Object.keys(loader.credentialTypes)).toEqual(['leadlexApi']);
		expect(loader.known.credentials.leadlexApi.supportedNodes).toEqual([
			'leadlex',
			'leadlexTrigger',
		]);
		const node = await description();
		expect(node.displayName).toBe('LeadLex');
		expect(node.usableAsTool).toBe(true);
		expect(node.credentials).toEqual([{ name: 'leadlexApi', required: true }]);
		expect(node.subtitle).toBeTruthy();
	});

	test('light and dark icons are different files that exist in dist', async () => {
		const loader = await loadPackage();
		const node = (await description()) as unknown as { iconUrl: { light: string; dark: string } };
		const credential = loader.getCredential('leadlexApi').type as unknown as {
			iconUrl: { light: string; dark: string };
		};
		for (const { iconUrl } of [node, credential]) {
			expect(iconUrl).toEqual({
				light: 'icons/n8n-nodes-leadlex/dist/icons/leadlex.svg',
				dark: 'icons/n8n-nodes-leadlex/dist/icons/leadlex.dark.svg',
			});
		}
		const file = (url: string) =>
			readFileSync(path.join(PACKAGE_DIR, url.replace('icons/n8n-nodes-leadlex/', '')), 'utf8');
		const light = file(node.iconUrl.light);
		const dark = file(node.iconUrl.dark);
		expect(light).toMatch(/^<svg/);
		expect(dark).toMatch(/^<svg/);
		expect(light).not.toEqual(dark);
	});

	test('the codex (categories, documentation) is attached', async () => {
		const node = await description();
		expect(node.codex?.categories).toEqual(['Marketing', 'Sales']);
		expect(node.codex?.resources?.primaryDocumentation?.[0].url).toMatch(
			/^https:\/\/docs\.leadlex\.com\//,
		);
		expect(node.codex?.resources?.credentialDocumentation?.[0].url).toMatch(
			/^https:\/\/docs\.leadlex\.com\//,
		);
	});

	test("n8n's standard request options (timeout, batching) are added to the node", async () => {
		const node = await description();
		const requestOptions = property(node.properties, 'requestOptions');
		const names = (requestOptions.options as INodeProperties[]).map((option) => option.name);
		expect(names).toEqual(expect.arrayContaining(['batching', 'timeout']));
	});

	test('parameter names that saved workflows depend on', async () => {
		const node = await description();
		expect(property(node.properties, 'resource').options).toEqual([
			{ name: 'Activity', value: 'activity' },
			{ name: 'Campaign', value: 'campaign' },
			{ name: 'Campaign Step', value: 'campaignStep' },
			{ name: 'Company', value: 'company' },
			{ name: 'Contact', value: 'contact' },
			{ name: 'Deal', value: 'deal' },
			{ name: 'Lexi AI', value: 'lexi' },
			{ name: 'List', value: 'list' },
			{ name: 'Note', value: 'note' },
			{ name: 'Task', value: 'task' },
		]);
		const operationsOf = (resource: string) =>
			(
				node.properties.find(
					(entry) =>
						entry.name === 'operation' && String(entry.displayOptions?.show?.resource) === resource,
				)?.options as INodePropertyOptions[]
			).map((option) => [option.value, option.name]);
		expect(operationsOf('contact')).toEqual([
			['create', 'Create'],
			['createMany', 'Create Many'],
			['upsert', 'Create or Update'],
			['delete', 'Delete'],
			['deleteMany', 'Delete Many'],
			['findDuplicates', 'Find Duplicates'],
			['export', 'Export'],
			['get', 'Get'],
			['getAll', 'Get Many'],
			['getNotes', 'Get Notes'],
			['import', 'Import'],
			['merge', 'Merge'],
			['update', 'Update'],
		]);
		expect(operationsOf('deal')).toEqual([
			['create', 'Create'],
			['createMany', 'Create Many'],
			['delete', 'Delete'],
			['deleteMany', 'Delete Many'],
			['findDuplicates', 'Find Duplicates'],
			['get', 'Get'],
			['getAll', 'Get Many'],
			['update', 'Update'],
			['updateMany', 'Update Many'],
		]);
		expect(operationsOf('list')).toEqual([
			['addContacts', 'Add Contacts'],
			['create', 'Create'],
			['delete', 'Delete'],
			['getAll', 'Get Many'],
			['removeContact', 'Remove Contact'],
		]);
		expect(operationsOf('lexi')).toEqual([
			['approveTask', 'Approve Task'],
			['getTasks', 'Get Tasks'],
			['sendMessage', 'Send Message'],
		]);
		expect(operationsOf('company')).toEqual([
			['enrich', 'Enrich'],
			['findDuplicates', 'Find Duplicates'],
			['getAll', 'Get Many'],
			['import', 'Import'],
		]);
		for (const resource of ['note', 'task', 'activity']) {
			expect([resource, operationsOf(resource)]).toEqual([resource, [['create', 'Create']]]);
		}
		// n8n makes an AI tool's description from the action: each says what changes.
		const actionsOf = (resource: string) =>
			(
				node.properties.find(
					(entry) =>
						entry.name === 'operation' && String(entry.displayOptions?.show?.resource) === resource,
				)?.options as INodePropertyOptions[]
			).map((option) => option.action);
		expect(['company', 'note', 'task', 'activity'].flatMap(actionsOf)).toEqual([
			'Enrich a company’s fields from provider data (one credit)',
			'Find duplicate companies (costs 3 to 10 credits, changes nothing)',
			'Get many companies',
			'Import companies from rows or a CSV file',
			'Add a note to a contact, company or deal',
			'Create a task for a contact, deal or event',
			'Log a call, email, meeting or other activity',
		]);
		const defaults = Object.fromEntries(
			node.properties
				.filter((entry) => entry.name === 'operation')
				.map((entry) => [String(entry.displayOptions?.show?.resource), entry.default]),
		);
		expect(defaults).toMatchObject({
			company: 'getAll',
			note: 'create',
			task: 'create',
			activity: 'create',
		});
		const shownFor = (name: string, resource: string) =>
			node.properties.find(
				(entry) => entry.name === name && entry.displayOptions?.show?.resource?.includes(resource),
			);
		for (const [resource, names] of [
			['company', ['enrichBy', 'companyId', 'domain', 'additionalFields', 'filters']],
			[
				'note',
				['title', 'content', 'contactId', 'companyId', 'dealId', 'contactName', 'companyName'],
			],
			['task', ['title', 'contactId', 'dealId', 'eventId', 'contactName', 'companyName']],
			['activity', ['type', 'title', 'additionalFields']],
		] as const) {
			for (const name of names)
				expect([resource, name, !!shownFor(name, resource)]).toEqual([resource, name, true]);
		}
		const additionalOptions = (resource: string, operation = 'create') =>
			formOf(node.properties, resource, operation).find(
				(entry) => entry.name === 'additionalFields',
			)?.options as INodeProperties[];
		const additional = (resource: string, operation?: string) =>
			additionalOptions(resource, operation).map((option) => option.name);
		expect(additional('company', 'enrich')).toEqual(['fields', 'overwrite']);
		// Import (Contact, Company) and Export (Contact), by operation.
		const shownForOperation = (name: string, resource: string, operation: string) =>
			node.properties.find(
				(entry) =>
					entry.name === name &&
					entry.displayOptions?.show?.resource?.includes(resource) &&
					entry.displayOptions?.show?.operation?.includes(operation),
			);
		for (const resource of ['contact', 'company']) {
			const names = ['inputDataFormat', 'rows', 'binaryPropertyName', 'additionalFields'];
			expect(names.filter((name) => !shownForOperation(name, resource, 'import'))).toEqual([]);
			expect(additional(resource, 'import')).toEqual([
				'hasHeader',
				'mapping',
				'tags',
				'updateExisting',
			]);
		}
		expect(
			['filters', 'fields', 'limit'].filter(
				(name) => !shownForOperation(name, 'contact', 'export'),
			),
		).toEqual([]);
		expect(
			(
				formOf(node.properties, 'contact', 'export').find((entry) => entry.name === 'filters')
					?.options as INodeProperties[]
			).map((option) => option.name),
		).toEqual(['createdAfter', 'createdBefore', 'listId', 'tags']);
		expect(additional('note')).toEqual(['createdDate', 'isPinned', 'noteType', 'tags']);
		expect(additional('task')).toEqual([
			'assigneeId',
			'createdDate',
			'description',
			'dueDate',
			'priority',
			'status',
			'taskType',
		]);
		expect(additional('activity')).toEqual([
			'contactId',
			'dealId',
			'description',
			'entityId',
			'entityName',
			'entityType',
			'metadata',
		]);
		expect(
			(shownFor('type', 'activity')?.options as INodePropertyOptions[]).map((o) => o.value),
		).toEqual([
			'ai_action',
			'call',
			'email',
			'email_replied',
			'email_sent',
			'meeting',
			'note',
			'task_completed',
		]);
		expect(additionalOptions('note')[0].hint).toMatch(
			/at most 24 hours ahead and at most 5 years back; it replaces any other/,
		);
		for (const [name, label] of [
			['contactId', 'Contact'],
			['primaryContactId', 'Primary Contact'],
			['listId', 'List'],
			['dealId', 'Deal'],
			['companyId', 'Company'],
			['taskId', 'Task'],
		]) {
			const locator = node.properties.find(
				(entry) => entry.name === name && entry.type === 'resourceLocator',
			);
			expect([name, locator?.displayName, locator?.modes?.map((mode) => mode.name)]).toEqual([
				name,
				label,
				['list', 'id'],
			]);
		}
		const operation = property(node.properties, 'operation');
		expect(operation.options).toEqual([
			expect.objectContaining({
				name: 'Create',
				value: 'create',
				action: 'Create a campaign step',
			}),
			expect.objectContaining({
				name: 'Delete',
				value: 'delete',
				action: 'Delete a campaign step',
			}),
			expect.objectContaining({
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many campaign steps',
			}),
			expect.objectContaining({
				name: 'Update',
				value: 'update',
				action: 'Update a campaign step',
			}),
		]);
		expect(operation.default).toBe('delete');
		expect(property(node.properties, 'resource').default).toBe('campaignStep');
		for (const name of ['campaignId', 'stepId']) {
			const locator = property(node.properties, name);
			expect(locator.type).toBe('resourceLocator');
			expect(locator.modes?.map((mode) => [mode.name, mode.displayName])).toEqual([
				['list', 'From List'],
				['id', 'By ID'],
			]);
		}
		expect(property(node.properties, 'campaignId').displayName).toBe('Campaign');
		expect(property(node.properties, 'stepId').displayName).toBe('Step');
		// Campaign Step → Delete's Options, as the editor offers them.
		const options = property(formOf(node.properties, 'campaignStep', 'delete'), 'options');
		expect(options.options).toEqual([
			expect.objectContaining({
				name: 'ignoreNotFound',
				displayName: 'Ignore Not Found',
				type: 'boolean',
				default: false,
			}),
			expect.objectContaining({ name: 'retryOnRateLimit', type: 'boolean', default: true }),
			expect.objectContaining({ name: 'maxRateLimitWait', type: 'number', default: 300 }),
		]);
		const notice = property(node.properties, 'compactionNotice');
		expect(notice.type).toBe('notice');
		expect(notice.displayName).toMatch(/compacts the indexes/);
		expect(notice.displayName).toMatch(/pause the campaign first/);
	});

	test('the credential: password key, Base URL default, bearer header, a test request', async () => {
		const loader = await loadPackage();
		const credential = loader.getCredential('leadlexApi').type;
		expect(credential.properties.map((item) => item.name)).toEqual(['apiKey', 'baseUrl']);
		expect(property(credential.properties, 'apiKey').typeOptions?.password).toBe(true);
		expect(property(credential.properties, 'apiKey').hint).toMatch(/wbk_/);
		expect(property(credential.properties, 'baseUrl').default).toBe(
			'https://data.leadlex.com/functions/v1/api-gateway',
		);
		// A function (n8n evaluates a generic template as an expression on every request).
		expect(typeof credential.authenticate).toBe('function');
		const authenticate = credential.authenticate as (
			credentials: ICredentialDataDecryptedObject,
			requestOptions: IHttpRequestOptions,
		) => Promise<IHttpRequestOptions>;
		for (const [apiKey, header] of [
			['wbk_abc', 'Bearer wbk_abc'],
			['  wbk_abc \n', 'Bearer wbk_abc'],
			['Bearer wbk_abc', 'Bearer wbk_abc'],
			['bearer   wbk_abc', 'Bearer wbk_abc'],
			['', 'Bearer '],
		]) {
			const request = { url: '/v1/campaigns', headers: { Accept: 'application/json' } };
			await expect(authenticate({ apiKey, baseUrl: 'https://x' }, request)).resolves.toEqual({
				url: '/v1/campaigns',
				headers: { Accept: 'application/json', Authorization: header },
			});
		}
		expect(credential.documentationUrl).toMatch(/^https:\/\//);
		expect(credential.test?.request.url).toBe('/v1/campaigns');
	});
});

describe('the LeadLex Trigger, loaded as n8n loads it', () => {
	async function trigger(): Promise<INodeTypeDescription> {
		const loader = await loadPackage();
		return loader.getNode('leadlexTrigger').type.description as INodeTypeDescription;
	}

	test('public names, trigger shape, credential, webhook', async () => {
		const node = await trigger();
		expect(node.name).toBe('leadlexTrigger');
		expect(node.displayName).toBe('LeadLex Trigger');
		expect(node.group).toEqual(['trigger']);
		expect(node.inputs).toEqual([]);
		expect(node.outputs).toEqual(['main']);
		expect(node.usableAsTool).toBeUndefined();
		expect(node.credentials).toEqual([{ name: 'leadlexApi', required: true }]);
		expect(node.webhooks).toEqual([
			expect.objectContaining({ name: 'default', httpMethod: 'POST', path: 'webhook' }),
		]);
		const loader = await loadPackage();
		const type = loader.getNode('leadlexTrigger').type as {
			webhookMethods?: { default?: Record<string, unknown> };
			webhook?: unknown;
		};
		expect(Object.keys(type.webhookMethods?.default ?? {}).sort()).toEqual([
			'checkExists',
			'create',
			'delete',
		]);
		expect(typeof type.webhook).toBe('function');
		// A trigger is not declarative: n8n must not add request options to it.
		expect(node.properties.map((p) => p.name)).toEqual(['events', 'options']);
	});

	test('parameters saved workflows depend on: events (29 names) and Max Delivery Age', async () => {
		const node = await trigger();
		const events = property(node.properties, 'events');
		expect(events.type).toBe('multiOptions');
		expect(events.required).toBe(true);
		const values = (events.options as Array<{ value: string; description?: string }>).map(
			(o) => o.value,
		);
		expect(values).toHaveLength(29);
		expect(values).toEqual(
			expect.arrayContaining(['campaign.step_created', 'contact.merged', 'import.completed']),
		);
		const options = property(node.properties, 'options');
		expect(options.options).toEqual([
			expect.objectContaining({ name: 'maxDeliveryAge', type: 'number', default: 5 }),
		]);
	});

	test('icons, codex and documentation', async () => {
		const node = (await trigger()) as INodeTypeDescription & {
			iconUrl: { light: string; dark: string };
		};
		expect(node.iconUrl).toEqual({
			light: 'icons/n8n-nodes-leadlex/dist/icons/leadlex.svg',
			dark: 'icons/n8n-nodes-leadlex/dist/icons/leadlex.dark.svg',
		});
		expect(node.codex?.categories).toEqual(['Marketing', 'Sales']);
		expect(node.codex?.resources?.primaryDocumentation?.[0].url).toBe(
			'https://docs.leadlex.com/webhooks',
		);
		expect(
			existsSync(path.join(PACKAGE_DIR, 'dist/nodes/LeadlexTrigger/LeadlexTrigger.node.json')),
		).toBe(true);
	});

	test('the credential hint names the webhook permissions', async () => {
		const loader = await loadPackage();
		const credential = loader.getCredential('leadlexApi').type;
		expect(property(credential.properties, 'apiKey').hint).toMatch(
			/webhooks:read and webhooks:write/,
		);
	});
});

describe('package.json and the published tarball', () => {
	test('follows the community-node rules', () => {
		expect(packageJson.name).toBe('n8n-nodes-leadlex');
		expect(packageJson.dependencies ?? {}).toEqual({});
		expect(packageJson.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(packageJson.keywords).toContain('n8n-community-node-package');
		expect(packageJson.license).toBe('MIT');
		expect(packageJson.n8n.n8nNodesApiVersion).toBe(1);
		for (const file of [...packageJson.n8n.nodes, ...packageJson.n8n.credentials]) {
			expect(file).toMatch(/^dist\//);
			expect(existsSync(path.join(PACKAGE_DIR, file))).toBe(true);
		}
		for (const script of ['prepare', 'preinstall', 'install', 'postinstall']) {
			expect(packageJson.scripts[script]).toBeUndefined();
		}
	});

	test('npm pack holds only dist/, README, LICENSE, CHANGELOG and package.json', () => {
		const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
			cwd: PACKAGE_DIR,
			encoding: 'utf8',
		});
		const files: string[] = JSON.parse(output)[0].files.map((file: { path: string }) => file.path);
		const outside = files.filter((file) => !file.startsWith('dist/'));
		expect(outside.sort()).toEqual(['CHANGELOG.md', 'LICENSE', 'README.md', 'package.json']);
		expect(
			files.filter((file) => /(^|\/)(test|sandbox|scripts|examples)(\/|$)|\.test\./.test(file)),
		).toEqual([]);
		expect(files).toEqual(
			expect.arrayContaining(['dist/nodes/Leadlex/Leadlex.node.js', 'dist/icons/leadlex.svg']),
		);
	});
});

describe('the workflows users import and the suites run', () => {
	test('every workflow in examples/ and test/e2e/workflows has its own ID (n8n imports by ID: a repeat replaces the other)', () => {
		const ids = ['examples', path.join('test', 'e2e', 'workflows')].flatMap((folder) =>
			readdirSync(path.join(PACKAGE_DIR, folder))
				.filter((file) => file.endsWith('.json'))
				.map((file) => [
					`${folder}/${file}`,
					String(JSON.parse(readFileSync(path.join(PACKAGE_DIR, folder, file), 'utf8')).id),
				]),
		);
		expect(ids.length).toBeGreaterThanOrEqual(10);
		const repeated = ids.filter(([, id]) => ids.filter(([, other]) => other === id).length > 1);
		expect(repeated).toEqual([]);
	});
});
