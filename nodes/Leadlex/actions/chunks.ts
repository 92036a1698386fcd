import { NodeOperationError, type IDataObject, type IExecuteSingleFunctions } from 'n8n-workflow';
import { LeadlexApiError, outcomeSentence } from '../../shared/errors/LeadlexApiError';
import type { ItemContext, Send } from './operation';

export interface ChunkedRequestsOptions<Entry = string> {
	/** The most entries (IDs, records) LeadLex takes in one request (e.g. 500 for campaign contacts). */
	size: number;
	/** What the IDs are, for messages: `contacts`. */
	noun: string;
	/** What a request does with its IDs, for messages: `added`. */
	verb: string;
	/** What running the item again would do, e.g. `Running the item again is safe: …`. */
	rerun: string;
	/**
	 * The item's entries, checked, and the body for one chunk of them. Runs before any request.
	 * `changesNothing`: the requests change nothing (a Dry Run), and a failure says so instead of
	 * what earlier chunks changed.
	 */
	prepare: (
		this: IExecuteSingleFunctions,
		item: ItemContext,
	) => { ids: Entry[]; body: (chunk: Entry[]) => IDataObject; changesNothing?: string };
	/** The output items from the answers of every chunk so far (one summed item, or one per record). */
	combine: (this: IExecuteSingleFunctions, answers: IDataObject[]) => IDataObject[];
	/** What the earlier chunks did, e.g. `500 contacts had already been added (2 already enrolled)`. */
	done: (combined: IDataObject[]) => string;
}

/**
 * One item, many IDs (or records): consecutive requests of at most `size` each, output items that
 * combine their answers. A chunk that fails fails the item, saying what the earlier chunks did
 * and which entries were not sent. With an idempotent operation each chunk has its own key.
 */
export function chunkedRequests<Entry = string>(options: ChunkedRequestsOptions<Entry>) {
	return async function sendChunks(
		this: IExecuteSingleFunctions,
		item: ItemContext,
		send: Send,
	): Promise<IDataObject[]> {
		const { ids, body, changesNothing } = options.prepare.call(this, item);
		const answers: IDataObject[] = [];
		const count = Math.ceil(ids.length / options.size);
		/** The message of a failed later chunk: what the earlier ones did, what was not sent. */
		const withProgress = (
			error: LeadlexApiError | NodeOperationError,
			index: number,
			size: number,
		): string => {
			// The node's own refusals (a queue too long, a cancelled execution) sent nothing.
			const outcome = error instanceof LeadlexApiError ? error.outcome : 'unchanged';
			const later = ids.length - (index + 1) * options.size;
			const notSent = later > 0 ? `, and the last ${later} ${options.noun} were not sent` : '';
			const thisChunk =
				outcome === 'unchanged'
					? `the other ${ids.length - index * options.size} ${options.noun} were not ${options.verb}`
					: `the ${size} ${options.noun} of request ${index + 1} of ${count} may or may not have been ${options.verb}${notSent}`;
			const progress = `${options.done(options.combine.call(this, answers))} by the first ${index} of ${count} requests; ${thisChunk}. ${options.rerun}`;
			const sentence = outcomeSentence(item.subject, outcome);
			return sentence && error.message.includes(sentence)
				? error.message.replace(sentence, progress)
				: `${error.message}. ${progress}`;
		};
		for (let index = 0; index < count; index++) {
			const chunk = ids.slice(index * options.size, (index + 1) * options.size);
			const { records } = await send({ body: body(chunk), changesNothing }).catch(
				(error: unknown) => {
					if (
						(error instanceof LeadlexApiError || error instanceof NodeOperationError) &&
						index > 0 &&
						!changesNothing
					) {
						error.message = withProgress(error, index, chunk.length);
					}
					throw error;
				},
			);
			answers.push(records[0] ?? {});
		}
		return options.combine.call(this, answers);
	};
}

/** A numeric field summed over the chunks' answers (a missing or odd value counts 0). */
export function sumOf(answers: IDataObject[], field: string): number {
	return answers.reduce((sum, answer) => {
		const value = answer[field];
		return sum + (typeof value === 'number' && Number.isFinite(value) ? value : 0);
	}, 0);
}
