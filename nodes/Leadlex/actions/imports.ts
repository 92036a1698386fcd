import type {
	IDataObject,
	IExecuteSingleFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import type { Permission } from '../../shared/constants';
import { optionsField, showFor } from '../../shared/descriptions';
import type { ErrorTable } from '../../shared/errors/codes';
import type { FieldChecker } from '../../shared/values';
import { leadlexOperation } from './operation';

/** LeadLex imports up to this many rows at once; larger imports become a queued job (§9.1). */
export const MAX_SYNC_IMPORT_ROWS = 500;

/** What differs between Contact → Import and Company → Import (§9.1, §9.4). */
export interface ImportTarget {
	resource: 'contact' | 'company';
	path: string;
	permission: Permission;
	/** The records, plural: `contacts`. */
	noun: string;
	/** LeadLex's field names a row and the mapping may use. */
	fields: readonly string[];
	/** What Update Existing matches on, as the description says it: `email or phone`. */
	matchesOn: string;
	/** An example row for the Rows field's description. */
	exampleRow: string;
	errors: ErrorTable;
}

const FORMATS = ['rows', 'csv'];

/** Rows: a list of objects in LeadLex's fields (JSON text or a list from an expression). */
function readRows(check: FieldChecker, value: unknown, target: ImportTarget): IDataObject[] {
	let list = value;
	if (typeof list === 'string') {
		try {
			list = JSON.parse(list);
		} catch {
			throw check.fail('Rows', 'must be a list of records (JSON), but it is text that is not JSON');
		}
	}
	if (!Array.isArray(list)) throw check.fail('Rows', 'must be a list of records');
	if (list.length === 0) throw check.fail('Rows', 'contain no record');
	const known = new Set(target.fields);
	list.forEach((row: unknown, index) => {
		if (!row || typeof row !== 'object' || Array.isArray(row)) {
			throw check.fail(
				'Rows',
				`must contain only records, but entry ${index + 1} is not an object`,
			);
		}
		const unknown = Object.keys(row).filter((key) => !known.has(key));
		if (unknown.length) {
			throw check.fail(
				'Rows',
				`entry ${index + 1} has fields LeadLex's ${target.resource} import does not take (${unknown.join(', ')}); it takes ${target.fields.join(', ')}`,
			);
		}
	});
	return list as IDataObject[];
}

/** Mapping: CSV column → LeadLex field pairs, each column once. */
function readMapping(check: FieldChecker, value: unknown, target: ImportTarget): IDataObject {
	const pairs = ((value as IDataObject | undefined)?.pair ?? []) as IDataObject[];
	if (!Array.isArray(pairs))
		throw check.fail('Mapping', 'must be a list of column and field pairs');
	const mapping: IDataObject = {};
	for (const [index, pair] of pairs.entries()) {
		const column = check.text(`Mapping's CSV Column ${index + 1}`, pair.column).trim();
		const field = check.oneOf(`Mapping's LeadLex Field ${index + 1}`, pair.field, target.fields);
		if (column in mapping) {
			throw check.fail('Mapping', `maps the CSV column "${column}" twice`);
		}
		mapping[column] = field;
	}
	return mapping;
}

/**
 * The item's CSV file as text: the Input Binary Field must name a file of the item that is UTF-8
 * text and not empty. A byte-order mark (as spreadsheet programs write) is dropped.
 */
async function readCsvFile(context: IExecuteSingleFunctions, check: FieldChecker): Promise<string> {
	const field = 'Input Binary Field';
	const name = check.text(field, context.getNodeParameter('binaryPropertyName', 'data')).trim();
	const files = context.getInputData().binary ?? {};
	const item = `input item ${context.getItemIndex() + 1}`;
	const file = Object.prototype.hasOwnProperty.call(files, name) ? files[name] : undefined;
	if (!file) {
		const present = Object.keys(files);
		throw check.fail(
			field,
			`is "${name}", but ${item} has no file there (${present.length ? `its files: ${present.map((key) => `"${key}"`).join(', ')}` : 'it has no file at all'}). Put the CSV file there, e.g. with n8n's Convert to File or Read/Write Files from Disk node`,
		);
	}
	const about = `"${name}" of ${item}${file.fileName ? ` (${file.fileName})` : ''}`;
	const bytes = await context.helpers.getBinaryDataBuffer(name);
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		text = '\u0000';
	}
	if (text.includes('\u0000')) {
		throw check.fail(
			field,
			`names the file ${about}, which is not text${file.mimeType ? ` (${file.mimeType})` : ''}: the import takes a CSV file in UTF-8`,
		);
	}
	if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
	if (text.trim() === '') throw check.fail(field, `names the file ${about}, which is empty`);
	return text;
}

/** Contact → Import or Company → Import: one request per item, keyed, with the item's records. */
export function importOperation(target: ImportTarget): INodePropertyOptions {
	const { noun } = target;
	return leadlexOperation({
		name: 'Import',
		value: 'import',
		action: `Import ${noun} from rows or a CSV file`,
		description: `Import ${noun} from a list of records or a CSV file; up to ${MAX_SYNC_IMPORT_ROWS} rows at once, more as a queued job`,
		method: 'POST',
		path: target.path,
		permission: target.permission,
		change: 'imported',
		label: () => `the ${noun} to import`,
		plural: true,
		errors: target.errors,
		// LeadLex returns the first result (job_id included) for a repeated key within 24 h (§6).
		idempotent: true,
		output: { property: 'data', shape: 'object' },
		async run({ check }, send) {
			const format = check.oneOf(
				'Input Data Format',
				this.getNodeParameter('inputDataFormat', 'rows'),
				FORMATS,
			);
			const fields = this.getNodeParameter('additionalFields', {}) as IDataObject;
			const body: IDataObject = {};
			if (format === 'rows') {
				body.rows = readRows(check, this.getNodeParameter('rows', []), target);
			} else {
				body.csv = await readCsvFile(this, check);
				if ('hasHeader' in fields) body.has_header = check.boolean('Has Header', fields.hasHeader);
				if ('mapping' in fields) {
					const mapping = readMapping(check, fields.mapping, target);
					if (Object.keys(mapping).length) body.mapping = mapping;
				}
			}
			if ('updateExisting' in fields) {
				body.update_existing = check.boolean('Update Existing', fields.updateExisting);
			}
			if ('tags' in fields) body.tags = check.textList('Tags', fields.tags);
			return (await send({ body })).records;
		},
		mayHaveChangedHint: `a new run sends a new Idempotency-Key, which LeadLex does not deduplicate, and may import them twice. Check the ${noun} in LeadLex first (or turn on Update Existing, so that a repeat updates them).`,
	});
}

/** The import's fields, for `resource`'s Import operation. */
export function importDescription(target: ImportTarget): INodeProperties[] {
	const show = showFor(target.resource, 'import');
	const csvOnly = { show: { '/inputDataFormat': ['csv'] } };
	return [
		{
			displayName: 'Input Data Format',
			name: 'inputDataFormat',
			type: 'options',
			options: [
				{
					name: 'Rows',
					value: 'rows',
					description: `A list of records in LeadLex's ${target.resource} fields, from an expression`,
				},
				{
					name: 'CSV File',
					value: 'csv',
					description: "A CSV file in the input item's binary data",
				},
			],
			default: 'rows',
			displayOptions: { show },
		},
		{
			displayName: 'Rows',
			name: 'rows',
			type: 'json',
			required: true,
			default: '[]',
			description: `A list of ${target.noun} in LeadLex’s fields, e.g. [${target.exampleRow}] or an expression after an Aggregate node. Fields: ${target.fields.join(', ')}.`,
			displayOptions: { show: { ...show, inputDataFormat: ['rows'] } },
		},
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			required: true,
			default: 'data',
			placeholder: 'e.g. data',
			hint: 'The name of the input binary field containing the CSV file',
			displayOptions: { show: { ...show, inputDataFormat: ['csv'] } },
		},
		{
			displayName: `Up to ${MAX_SYNC_IMPORT_ROWS} rows LeadLex imports at once and answers with the counts. Larger imports become a queued job: the output then has a job_id, and LeadLex sends the import.completed event (LeadLex Trigger) when it is done.`,
			name: 'importNotice',
			type: 'notice',
			default: '',
			displayOptions: { show },
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: { show },
			options: [
				{
					displayName: 'Has Header',
					name: 'hasHeader',
					type: 'boolean',
					default: true,
					description: 'Whether the first line of the CSV file names the columns',
					displayOptions: csvOnly,
				},
				{
					displayName: 'Mapping',
					name: 'mapping',
					type: 'fixedCollection',
					typeOptions: { multipleValues: true },
					placeholder: 'Add Column',
					default: {},
					description:
						"Which LeadLex field each CSV column fills (without a mapping, columns named like LeadLex's fields fill them)",
					displayOptions: csvOnly,
					options: [
						{
							displayName: 'Column',
							name: 'pair',
							values: [
								{
									displayName: 'CSV Column',
									name: 'column',
									type: 'string',
									default: '',
									placeholder: 'e.g. Email Address',
									description:
										'The column’s name in the header line; without a header line, its number (1 for the first column)',
								},
								{
									displayName: 'LeadLex Field',
									name: 'field',
									type: 'options',
									options: [...target.fields]
										.sort()
										.map((field) => ({ name: field, value: field })),
									default: '',
								},
							],
						},
					],
				},
				{
					displayName: 'Tags',
					name: 'tags',
					type: 'string',
					default: '',
					placeholder: 'e.g. import-2026-04, referral',
					description: `Tags for every imported ${target.resource}: separated by commas, or a list from an expression`,
				},
				{
					displayName: 'Update Existing',
					name: 'updateExisting',
					type: 'boolean',
					default: false,
					description: `Whether rows that match an existing ${target.resource} (by ${target.matchesOn}) update it. Off (LeadLex’s default), existing ones are not changed.`,
				},
			],
		},
		optionsField(target.resource, 'import'),
	];
}
