import type { INodeParameters } from 'n8n-workflow';
import { byId, fromList } from '../fixtures';
import { ACME_LOGISTICS, CEDAR, op } from './fixtures';

/** Every Company operation with every kind of parameter value its fields allow (layer.test.ts). */
export const companyRunnerCases: Array<[string, INodeParameters]> = [
	['company getAll, Limit', op('company', 'getAll', { limit: 2 })],
	[
		'company getAll, every filter',
		op('company', 'getAll', {
			returnAll: true,
			filters: { search: 'acme', industry: 'Logistics' },
		}),
	],
	['company enrich, by ID', op('company', 'enrich', { companyId: byId(CEDAR) })],
	[
		'company enrich, from the list, every field',
		op('company', 'enrich', {
			enrichBy: 'companyId',
			companyId: fromList(ACME_LOGISTICS),
			additionalFields: { fields: ['industry', 'size'], overwrite: true },
			options: { maxRateLimitWait: 30 },
		}),
	],
	[
		'company enrich, by domain',
		op('company', 'enrich', { enrichBy: 'domain', domain: 'acmelegal.com' }),
	],
	[
		'company findDuplicates, Threshold and Created After',
		op('company', 'findDuplicates', {
			additionalFields: { threshold: 0.5, createdAfter: '2023-01-01T00:00:00' },
		}),
	],
	[
		'company import, rows',
		op('company', 'import', {
			inputDataFormat: 'rows',
			rows: '[{"name": "Runner Co", "domain": "runner.example"}]',
			additionalFields: { updateExisting: false, tags: ['runner'] },
		}),
	],
];
