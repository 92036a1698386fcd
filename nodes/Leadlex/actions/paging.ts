import { NodeOperationError, type IDataObject, type IExecuteSingleFunctions } from 'n8n-workflow';
import { MAX_PAGE_SIZE } from '../../shared/constants';
import { LeadlexApiError } from '../../shared/errors/LeadlexApiError';
import type { FieldChecker } from '../../shared/values';
import type { ItemContext, Send } from './operation';

/** A list that never ends (LeadLex ignoring `page`) stops here with an error instead of looping. */
export const MAX_PAGES = 1000;

export interface PagedListOptions {
	/** The field that identifies a record; records seen on an earlier page are dropped. */
	idField: string;
	/** A filter LeadLex may not apply (e.g. a search it ignores): keep paging until Limit matches. */
	matches?: (this: IExecuteSingleFunctions, record: IDataObject) => boolean;
	/** Whether `matches` narrows the list for this item (then every page may be needed). */
	filtering?: (this: IExecuteSingleFunctions) => boolean;
	/** What the records are called in messages, e.g. `campaigns`. */
	noun: string;
}

/** Filters → Search, trimmed and lower-cased; empty when not set. */
export function searchTerm(this: { getNodeParameter(name: string, fallback: unknown): unknown }) {
	const filters = this.getNodeParameter('filters', {}) as IDataObject;
	return typeof filters.search === 'string' ? filters.search.trim().toLowerCase() : '';
}

/**
 * Filters → Search over records found by name, matched on this side (LeadLex may not filter):
 * a name that contains the term, or an ID equal to it.
 */
export const byNameSearch: Pick<PagedListOptions, 'filtering' | 'matches'> = {
	filtering() {
		return searchTerm.call(this) !== '';
	},
	matches(record) {
		const term = searchTerm.call(this);
		return (
			String(record.name ?? '')
				.toLowerCase()
				.includes(term) || String(record.id ?? '').toLowerCase() === term
		);
	},
};

/**
 * Return All and Limit, checked before any request (an expression can give anything): Infinity
 * for Return All, else a whole number of at least 1.
 */
export function readLimit(this: IExecuteSingleFunctions, check: FieldChecker): number {
	const returnAll = check.boolean('Return All', this.getNodeParameter('returnAll', false));
	return returnAll ? Infinity : check.integer('Limit', this.getNodeParameter('limit', 50), 1);
}

/**
 * Return All / Limit over LeadLex's `page`/`per_page` paging (§5 of the API reference). Stops
 * after the last page by `meta.total`, or without `meta` on a short or empty page; asks only for
 * what Limit needs; a failing page fails the item, saying how much had been read.
 */
export function pagedList(options: PagedListOptions) {
	return async function readPagedList(
		this: IExecuteSingleFunctions,
		item: ItemContext,
		send: Send,
	): Promise<IDataObject[]> {
		const limit = readLimit.call(this, item.check);
		const filtering = options.filtering?.call(this) ?? false;
		const matches = options.matches;
		return await readPages.call(this, send, {
			...options,
			limit,
			perPage: limit === Infinity || filtering ? MAX_PAGE_SIZE : Math.min(MAX_PAGE_SIZE, limit),
			matches: matches && ((record) => matches.call(this, record)),
		});
	};
}

/** Reads pages until `limit` records match or the list ends (see pagedList). */
export async function readPages(
	this: IExecuteSingleFunctions,
	send: Send,
	options: {
		idField: string;
		noun: string;
		limit: number;
		perPage: number;
		matches?: (record: IDataObject) => boolean;
		/** Extra query parameters of these pages. */
		qs?: IDataObject;
	},
): Promise<IDataObject[]> {
	const { limit, perPage } = options;
	const seen = new Set<string>();
	const kept: IDataObject[] = [];
	for (let page = 1; page <= MAX_PAGES; page++) {
		const answer = await send({ qs: { ...options.qs, page, per_page: perPage } }).catch(
			(error: unknown) => {
				if ((error instanceof LeadlexApiError || error instanceof NodeOperationError) && page > 1) {
					error.message = `${error.message} (on page ${page}, after ${seen.size} ${options.noun} had been read)`;
				}
				throw error;
			},
		);
		for (const record of answer.records) {
			const id = String(record[options.idField] ?? '');
			if (id && seen.has(id)) continue;
			if (id) seen.add(id);
			if (!options.matches || options.matches(record)) kept.push(record);
			if (kept.length >= limit) return kept;
		}
		const total = (answer.body as { meta?: { total?: unknown } } | null)?.meta?.total;
		const last =
			typeof total === 'number' ? page * perPage >= total : answer.records.length < perPage;
		if (last || answer.records.length === 0) return kept;
	}
	throw new LeadlexApiError(this.getNode(), {
		message: `LeadLex kept sending pages of ${options.noun}: the node stopped after ${MAX_PAGES} pages (${seen.size} read)`,
		description:
			'LeadLex may be ignoring the page parameter. Turn off Return All and use a Limit, or check the Base URL.',
		outcome: 'unchanged',
		itemIndex: this.getItemIndex(),
	});
}
