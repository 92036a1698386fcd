import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { PERMISSIONS } from '../../../shared/constants';
import { locatorValue } from '../../../shared/itemParameter';
import { readLimitedText } from '../links';
import { leadlexOperation } from '../operation';
import {
	ACTIVITY_TYPES,
	activityAdditionalFields,
	MAX_ACTIVITY_TITLE,
	optionsField,
	readMetadata,
	showFor,
} from './activityFields';
import { ACTIVITY_ERRORS } from './errors';

export const createOperation = leadlexOperation({
	name: 'Create',
	value: 'create',
	action: 'Log a call, email, meeting or other activity',
	description:
		'Log a call, email, meeting or other activity (a documented or a custom type), optionally for a contact, deal or other record',
	method: 'POST',
	path: '/v1/activities',
	permission: PERMISSIONS.activitiesWrite,
	change: 'created',
	label: () => 'a new activity',
	errors: ACTIVITY_ERRORS,
	output: {
		property: 'data.activity',
		shape: 'object',
		requiredField: { name: 'id', type: 'string' },
	},
	body({ check }) {
		const body: IDataObject = {
			// A documented type from the list, or any custom type from an expression.
			type: check.text('Type', this.getNodeParameter('type', '')).trim(),
			title: readLimitedText(
				check,
				'Title',
				this.getNodeParameter('title', ''),
				MAX_ACTIVITY_TITLE,
				true,
			),
		};
		const fields = this.getNodeParameter('additionalFields', {}) as IDataObject;
		if ('description' in fields) body.description = check.text('Description', fields.description);
		if ('contactId' in fields)
			body.contact_id = check.id('Contact ID', locatorValue(fields.contactId));
		if ('dealId' in fields) body.deal_id = check.id('Deal ID', locatorValue(fields.dealId));
		if ('entityType' in fields) {
			body.entity_type = check.text('Entity Type', fields.entityType).trim();
		}
		if ('entityId' in fields) body.entity_id = check.id('Entity ID', fields.entityId);
		if ('entityName' in fields) {
			body.entity_name = check.text('Entity Name', fields.entityName).trim();
		}
		if (('entity_id' in body || 'entity_name' in body) && !('entity_type' in body)) {
			throw check.fail(
				'Entity Type',
				`is not set: an Entity ${'entity_id' in body ? 'ID' : 'Name'} needs the type of record it is (e.g. campaign)`,
			);
		}
		if ('metadata' in fields) body.metadata = readMetadata(check, fields.metadata);
		return body;
	},
	mayHaveChangedHint:
		'running the workflow again may log the activity twice: check the timeline in LeadLex first.',
});

export const createDescription: INodeProperties[] = [
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		options: ACTIVITY_TYPES,
		default: 'call',
		description:
			'What kind of activity it is. For a custom type, use an expression, e.g. {{ "court_filing" }}.',
		displayOptions: { show: showFor('create') },
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Discovery call with Jane',
		description: `The line the timeline shows (at most ${MAX_ACTIVITY_TITLE} characters)`,
		displayOptions: { show: showFor('create') },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showFor('create') },
		options: activityAdditionalFields,
	},
	optionsField('create'),
];
