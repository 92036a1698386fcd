import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';
import { MAX_PAGE_SIZE } from '../../shared/constants';
import type { ErrorTable } from '../../shared/errors/codes';
import { errorFromUnreadableSuccess } from '../../shared/errors/httpErrors';
import type { RequestSubject } from '../../shared/errors/LeadlexApiError';
import { leadlexRequest, parseJsonBody } from '../../shared/transport/request';

/** One record as the picker shows it. */
export interface PickerEntry {
	name: string;
	value: string;
	/** What the search term is matched against (default: `name`). */
	searchText?: string;
	/** Where it goes in the list (default: LeadLex's order). */
	order?: number;
}

export interface PickerSpec {
	/** The list's path, its own query and what it is about, from the node's parameters (throw to refuse). */
	list: (this: ILoadOptionsFunctions) => {
		path: string;
		qs?: IDataObject;
		subject: RequestSubject;
	};
	/** Where the records are in the answer, e.g. `data.campaigns`. */
	listProperty: string;
	/** One record's entry; undefined leaves the record out. */
	entry: (record: IDataObject, position: number) => PickerEntry | undefined;
	errors: ErrorTable;
	/**
	 * LeadLex pages the list (`page`/`per_page`, `meta.total`): one page per call, n8n asks for the
	 * next as the user scrolls; the term is also sent as `search`, which LeadLex may ignore.
	 */
	paged?: boolean;
	/**
	 * The list documents no search (deals): no `search` is sent, and a call with a term reads on
	 * (at most `MAX_PAGES_PER_SEARCH` pages) until a page has a match, so that the editor does not
	 * show "no results" while later pages hold some.
	 */
	searchOnClient?: boolean;
}

/** The most pages one picker call reads looking for a match (`searchOnClient`). */
export const MAX_PAGES_PER_SEARCH = 5;

/**
 * A From List picker: the list request through the shared layer (a 429 fails at once: the editor
 * never waits), entries filtered by the term on this side too (name contains it, or the ID
 * equals it).
 */
export function listPicker(spec: PickerSpec) {
	return async function searchList(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const { path, subject, qs: own } = spec.list.call(this);
		const term = filter?.trim().toLowerCase() ?? '';
		let page = spec.paged && Number(paginationToken) > 1 ? Math.floor(Number(paginationToken)) : 1;
		const pagesToRead = spec.searchOnClient && term ? MAX_PAGES_PER_SEARCH : 1;
		for (let read = 1; ; read++, page++) {
			const qs: IDataObject = spec.paged ? { ...own, page, per_page: MAX_PAGE_SIZE } : { ...own };
			if (spec.paged && term && !spec.searchOnClient) qs.search = term;
			const response = await leadlexRequest(this, { method: 'GET', path, qs }, subject, {
				errors: spec.errors,
			});
			const body = parseJsonBody(response.body) as { meta?: { total?: unknown } } | null;
			const records = spec.listProperty
				.split('.')
				.reduce<unknown>((parent, key) => (parent as IDataObject | null)?.[key], body);
			if (!Array.isArray(records)) {
				throw errorFromUnreadableSuccess(
					this.getNode(),
					{ statusCode: 200, body },
					subject,
					`without a list (${spec.listProperty})`,
				);
			}
			const results = matching(spec, records, term);
			if (!spec.paged) return { results };
			const total = typeof body?.meta?.total === 'number' ? body.meta.total : undefined;
			const more =
				total !== undefined ? page * MAX_PAGE_SIZE < total : records.length === MAX_PAGE_SIZE;
			if (results.length || !more || read >= pagesToRead) {
				return { results, paginationToken: more ? String(page + 1) : undefined };
			}
		}
	};
}

/** The records' entries, in order, that the term finds (name contains it, or the ID equals it). */
function matching(spec: PickerSpec, records: unknown[], term: string): INodeListSearchItems[] {
	return records
		.map((record, position) =>
			record && typeof record === 'object'
				? spec.entry(record as IDataObject, position)
				: undefined,
		)
		.filter((entry): entry is PickerEntry => entry !== undefined)
		.sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
		.filter(
			(entry) =>
				!term ||
				(entry.searchText ?? entry.name).toLowerCase().includes(term) ||
				entry.value.toLowerCase() === term,
		)
		.map(({ name, value }) => ({ name, value }));
}

/** A record's ID as text, or undefined when it has none. */
export function recordId(record: IDataObject): string | undefined {
	return typeof record.id === 'string' || typeof record.id === 'number'
		? String(record.id)
		: undefined;
}
