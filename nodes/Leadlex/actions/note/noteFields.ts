import type { INodeProperties } from 'n8n-workflow';
import { fieldHelpersFor } from '../../../shared/descriptions';
import { createdDateField } from '../links';

const RESOURCE = 'note';

export const { showFor, optionsField } = fieldHelpersFor(RESOURCE);

/** LeadLex's note types (§9.6); `general` is its default. */
export const NOTE_TYPES = ['general', 'meeting', 'call', 'email', 'other'];

/** The most characters LeadLex takes in a note's content (§9.6). */
export const MAX_NOTE_CONTENT = 50_000;

/** Create's Additional Fields, by display name as n8n's lint wants. */
export const noteAdditionalFields: INodeProperties[] = [
	createdDateField('note'),
	{
		displayName: 'Is Pinned',
		name: 'isPinned',
		type: 'boolean',
		default: false,
		description: 'Whether LeadLex shows the note pinned on top',
	},
	{
		displayName: 'Note Type',
		name: 'noteType',
		type: 'options',
		options: [
			{ name: 'Call', value: 'call' },
			{ name: 'Email', value: 'email' },
			{ name: 'General', value: 'general' },
			{ name: 'Meeting', value: 'meeting' },
			{ name: 'Other', value: 'other' },
		],
		default: 'general',
		description: 'What kind of note it is (LeadLex’s default: General)',
	},
	{
		displayName: 'Tags',
		name: 'tags',
		type: 'string',
		default: '',
		placeholder: 'e.g. estate, follow-up',
		description: 'Tags separated by commas, or a list of tags from an expression',
	},
];
