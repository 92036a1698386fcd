import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { fieldHelpersFor } from '../../../shared/descriptions';
import { contactInCollection, dealInCollection } from '../deal/dealFields';
import type { FieldChecker } from '../../../shared/values';

const RESOURCE = 'activity';

export const { showFor, optionsField } = fieldHelpersFor(RESOURCE);

/** The types LeadLex documents (§9.6); it takes custom types too. */
export const ACTIVITY_TYPES = [
	{ name: 'AI Action', value: 'ai_action' },
	{ name: 'Call', value: 'call' },
	{ name: 'Email', value: 'email' },
	{ name: 'Email Replied', value: 'email_replied' },
	{ name: 'Email Sent', value: 'email_sent' },
	{ name: 'Meeting', value: 'meeting' },
	{ name: 'Note', value: 'note' },
	{ name: 'Task Completed', value: 'task_completed' },
];

/** The most characters LeadLex takes in an activity's title (§9.6). */
export const MAX_ACTIVITY_TITLE = 500;

/** The most bytes of JSON LeadLex takes in an activity's metadata ("8 KB", §9.6). */
export const MAX_METADATA_BYTES = 8 * 1024;

/** Create's Additional Fields, by display name as n8n's lint wants. */
export const activityAdditionalFields: INodeProperties[] = [
	contactInCollection('The contact the activity belongs to, from the list or by its ID (a UUID)'),
	dealInCollection('The deal (matter) the activity belongs to, from the list or by its ID'),
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description: 'What happened, in Markdown',
	},
	{
		displayName: 'Entity ID',
		name: 'entityId',
		type: 'string',
		default: '',
		placeholder: 'e.g. cmp_abc123',
		description: 'The ID of another record the activity is about (set Entity Type too)',
	},
	{
		displayName: 'Entity Name',
		name: 'entityName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Estate Planning Follow-up',
		description: 'The name of that record, as the timeline shows it (set Entity Type too)',
	},
	{
		displayName: 'Entity Type',
		name: 'entityType',
		type: 'string',
		default: '',
		placeholder: 'e.g. campaign',
		description: 'The kind of record the activity is about, for one that is not a contact or deal',
	},
	{
		displayName: 'Metadata',
		name: 'metadata',
		type: 'json',
		default: '{}',
		description: `A JSON object of extra details (at most ${MAX_METADATA_BYTES} bytes as JSON)`,
	},
];

/** UTF-8 bytes of a text, without Buffer or TextEncoder. */
function utf8Length(text: string): number {
	let bytes = 0;
	for (const character of text) {
		const code = character.codePointAt(0) ?? 0;
		bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
	}
	return bytes;
}

/** Metadata: a non-empty JSON object (or its JSON text) of at most 8 KB as JSON. */
export function readMetadata(check: FieldChecker, value: unknown): IDataObject {
	let object: unknown = value;
	if (typeof object === 'string') {
		try {
			object = JSON.parse(object);
		} catch {
			throw check.fail('Metadata', 'must be a JSON object, but it is text that is not JSON');
		}
	}
	if (!object || typeof object !== 'object' || Array.isArray(object)) {
		const kind = Array.isArray(object) ? 'a list' : object === null ? 'null' : typeof object;
		throw check.fail('Metadata', `must be a JSON object, but it is ${kind}`);
	}
	if (Object.keys(object).length === 0) throw check.fail('Metadata', 'is empty');
	let json: string;
	try {
		json = JSON.stringify(object);
	} catch {
		throw check.fail('Metadata', 'must be a JSON object, but it cannot be written as JSON');
	}
	const bytes = utf8Length(json);
	if (bytes > MAX_METADATA_BYTES) {
		throw check.fail(
			'Metadata',
			`is ${bytes.toLocaleString('en-US')} bytes as JSON, but LeadLex takes at most ${MAX_METADATA_BYTES.toLocaleString('en-US')} (8 KB)`,
		);
	}
	return object as IDataObject;
}
