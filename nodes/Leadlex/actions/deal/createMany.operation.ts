import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import type { FieldChecker } from '../../../shared/values';
import { chunkedRequests } from '../chunks';
import { leadlexOperation } from '../operation';
import { optionsField, showFor } from './dealFields';
import { readBulkDeal } from './dealValues';
import { DEAL_LIST_ERRORS } from './errors';

/** The most deals LeadLex creates in one request (§9.3). */
export const MAX_DEALS_PER_BULK_CREATE = 50;

/** The deals, checked before any request: objects with a name each, LeadLex's fields only. */
function readDeals(check: FieldChecker, value: unknown, zone: string): IDataObject[] {
	let list = value;
	if (typeof list === 'string') {
		try {
			list = JSON.parse(list);
		} catch {
			throw check.fail('Deals', 'must be a list of deals (JSON), but it is text that is not JSON');
		}
	}
	if (!Array.isArray(list)) throw check.fail('Deals', 'must be a list of deals');
	if (list.length === 0) throw check.fail('Deals', 'contain no deal');
	const lacking: number[] = [];
	list.forEach((deal: unknown, index) => {
		if (!deal || typeof deal !== 'object' || Array.isArray(deal)) {
			throw check.fail('Deals', `must contain only deals, but entry ${index + 1} is not an object`);
		}
		const name = (deal as IDataObject).name;
		if (typeof name !== 'string' || name.trim() === '') lacking.push(index + 1);
	});
	if (lacking.length) {
		const shown =
			lacking.slice(0, 10).join(', ') +
			(lacking.length > 10 ? ` and ${lacking.length - 10} more` : '');
		throw check.fail('Deals', `need a name each, but entries ${shown} have none`);
	}
	return list.map((deal: unknown, index) => readBulkDeal(check, deal, index + 1, zone));
}

const sendChunks = chunkedRequests<IDataObject>({
	size: MAX_DEALS_PER_BULK_CREATE,
	noun: 'deals',
	verb: 'created',
	rerun:
		'Running the item again would create those deals twice: leave the ones already created out of Deals first.',
	prepare({ check }) {
		const deals = readDeals(check, this.getNodeParameter('deals', []), this.getTimezone());
		return { ids: deals, body: (chunk) => ({ deals: chunk }) };
	},
	combine: (answers) =>
		answers.flatMap((answer) =>
			Array.isArray(answer.deals) ? (answer.deals as IDataObject[]) : [],
		),
	done: (created) => `${created.length} deals had already been created`,
});

export const createManyOperation = leadlexOperation({
	name: 'Create Many',
	value: 'createMany',
	action: 'Create many deals',
	description: `Add many deals in one go (${MAX_DEALS_PER_BULK_CREATE} per request), one output item per created deal; no duplicate check`,
	method: 'POST',
	path: '/v1/deals/bulk',
	permission: PERMISSIONS.dealsWrite,
	change: 'created',
	label: () => 'the new deals',
	plural: true,
	errors: DEAL_LIST_ERRORS,
	// LeadLex answers with the created deals as `data` itself, an array (§4.1, §9.3).
	output: { property: 'data', shape: 'list' },
	async run(item, send) {
		// One answer per chunk for chunkedRequests: the chunk's deals under one key.
		return await sendChunks.call(this, item, async (overrides) => {
			const answer = await send(overrides);
			return { ...answer, records: [{ deals: answer.records }] };
		});
	},
	mayHaveChangedHint:
		'running the workflow again may create them twice. Check the deals in LeadLex first.',
});

export const createManyDescription: INodeProperties[] = [
	{
		displayName: 'Deals',
		name: 'deals',
		type: 'json',
		required: true,
		default: '[]',
		description:
			'A list of deals in LeadLex’s create fields, e.g. [{"name": "Example Estate Plan", "status": "active", "tags": ["estate"]}] or an expression after an Aggregate node. Each needs a name; main_contact_id, owner_user_id, matter_type and company_id are sent as contact_id, owner_id, deal_type and related_company_id.',
		hint: `More than ${MAX_DEALS_PER_BULK_CREATE} deals are sent in requests of ${MAX_DEALS_PER_BULK_CREATE}.`,
		displayOptions: { show: showFor('createMany') },
	},
	optionsField('createMany'),
];
