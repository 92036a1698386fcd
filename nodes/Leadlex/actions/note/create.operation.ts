import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import { parentFields, readLimitedText, readParent } from '../links';
import { leadlexOperation } from '../operation';
import { NOTE_ERRORS } from './errors';
import {
	MAX_NOTE_CONTENT,
	NOTE_TYPES,
	noteAdditionalFields,
	optionsField,
	showFor,
} from './noteFields';

export const createOperation = leadlexOperation({
	name: 'Create',
	value: 'create',
	action: 'Add a note to a contact, company or deal',
	description:
		'Add a note to a contact, company or deal, chosen by ID or by a name LeadLex looks up',
	method: 'POST',
	path: '/v1/notes',
	permission: PERMISSIONS.contactsWrite,
	change: 'created',
	label: () => 'a new note',
	errors: NOTE_ERRORS,
	output: { property: 'data', shape: 'object', requiredField: { name: 'id', type: 'string' } },
	body(item) {
		const { check } = item;
		const body: IDataObject = {
			title: check.text('Title', this.getNodeParameter('title', '')).trim(),
		};
		const content = this.getNodeParameter('content', '');
		if (typeof content !== 'string' || content.trim() !== '') {
			body.content = readLimitedText(check, 'Content', content, MAX_NOTE_CONTENT);
		}
		Object.assign(body, readParent.call(this, item, ['contact', 'company', 'deal'], 'note'));
		const fields = this.getNodeParameter('additionalFields', {}) as IDataObject;
		if ('noteType' in fields)
			body.note_type = check.oneOf('Note Type', fields.noteType, NOTE_TYPES);
		if ('tags' in fields) body.tags = check.textList('Tags', fields.tags);
		if ('isPinned' in fields) body.is_pinned = check.boolean('Is Pinned', fields.isPinned);
		if ('createdDate' in fields) {
			body.created_date = check.dateTime('Created Date', fields.createdDate, this.getTimezone());
		}
		return body;
	},
	mayHaveChangedHint:
		'running the workflow again may add the note twice: check the notes in LeadLex first (Contact → Get Notes).',
});

export const createDescription: INodeProperties[] = [
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Initial consultation',
		description: 'The note’s title',
		displayOptions: { show: showFor('create') },
	},
	{
		displayName: 'Content',
		name: 'content',
		type: 'string',
		typeOptions: { rows: 5 },
		default: '',
		description: `The note’s text (at most ${MAX_NOTE_CONTENT.toLocaleString('en-US')} characters)`,
		displayOptions: { show: showFor('create') },
	},
	...parentFields('note', 'create', 'note', ['contact', 'company', 'deal']),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showFor('create') },
		options: noteAdditionalFields,
	},
	optionsField('create'),
];
