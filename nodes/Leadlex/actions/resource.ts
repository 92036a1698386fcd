import type { ILoadOptionsFunctions, INodeListSearchResult, INodeProperties } from 'n8n-workflow';

/** One resource of the node: the node lists these and assembles its description from them. */
export interface LeadlexResource {
	/** The Resource option, e.g. `{ name: 'Contact', value: 'contact' }` (a public name). */
	name: string;
	value: string;
	/** Its Operation parameter and the operations' fields. */
	properties: INodeProperties[];
	/** Its pickers, by the `searchListMethod` names its fields use. */
	listSearch?: Record<
		string,
		(
			this: ILoadOptionsFunctions,
			filter?: string,
			paginationToken?: string,
		) => Promise<INodeListSearchResult>
	>;
}
