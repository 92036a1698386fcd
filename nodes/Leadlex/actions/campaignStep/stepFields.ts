import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { fieldHelpersFor } from '../../../shared/descriptions';
import { SEND_CONDITIONS } from './errors';
import { quoteId } from '../../../shared/errors/LeadlexApiError';
import type { FieldChecker } from '../../../shared/values';
import type { Ids } from '../operation';

const RESOURCE = 'campaignStep';

export const { showFor, optionsField, returnAllFields } = fieldHelpersFor(RESOURCE);

/** The shared field helpers (shared/descriptions), for the Campaign Step resource. */

export const stepLabel = (ids: Ids) =>
	`step ${quoteId(ids.stepId)} of campaign ${quoteId(ids.campaignId)}`;
export const newStepLabel = (ids: Ids) => `a new step in campaign ${quoteId(ids.campaignId)}`;
export const stepsLabel = (ids: Ids) => `the steps of campaign ${quoteId(ids.campaignId)}`;

const MERGE_VARIABLES = '{{first_name}}, {{last_name}}, {{company_name}} and {{job_title}}';

export const subjectField: INodeProperties = {
	displayName: 'Subject',
	name: 'subject',
	type: 'string',
	default: '',
	placeholder: 'e.g. Re: {{company_name}}',
	description: `The email subject. LeadLex fills in the merge variables ${MERGE_VARIABLES}.`,
};

export const bodyField: INodeProperties = {
	displayName: 'Body',
	name: 'body',
	type: 'string',
	typeOptions: { rows: 6 },
	default: '',
	placeholder: 'e.g. Hi {{first_name}}, just circling back on my note from last week...',
	description: `The email body, as plain text or HTML. LeadLex fills in the merge variables ${MERGE_VARIABLES}.`,
};

/** The step's schedule and condition; create and update offer the same fields. */
export const stepSettingFields: INodeProperties[] = [
	{
		displayName: 'Delay Days',
		name: 'delayDays',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 0 },
		default: 0,
		description:
			'Days to wait after the previous step before this one is sent (a whole number, 0 or more)',
	},
	{
		displayName: 'Delay Hours',
		name: 'delayHours',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 23, numberPrecision: 0 },
		default: 0,
		description: 'Hours to wait on top of Delay Days (a whole number from 0 to 23)',
	},
	{
		displayName: 'Send Condition',
		name: 'sendCondition',
		type: 'options',
		default: 'always',
		description: 'Which contacts get this step, by what they did with the previous one',
		options: [
			{
				name: 'Always',
				value: 'always',
				description: 'Send to every contact who reaches this step',
			},
			{
				name: 'If Clicked',
				value: 'if_clicked',
				description: 'Only if the contact clicked a link in the previous step',
			},
			{
				name: 'If No Open',
				value: 'if_no_open',
				description: 'Only if the contact did not open the previous step',
			},
			{
				name: 'If No Reply',
				value: 'if_no_reply',
				description: 'Only if the contact has not replied',
			},
			{
				name: 'If Opened',
				value: 'if_opened',
				description: 'Only if the contact opened the previous step',
			},
		],
	},
];

/** The fields set in a collection, checked, in LeadLex's snake_case. Unset fields are not sent. */
export function readStepFields(check: FieldChecker, fields: IDataObject): IDataObject {
	const body: IDataObject = {};
	if ('subject' in fields) body.subject = check.text('Subject', fields.subject);
	if ('body' in fields) body.body = check.text('Body', fields.body);
	if ('delayDays' in fields) body.delay_days = check.integer('Delay Days', fields.delayDays, 0);
	if ('delayHours' in fields)
		body.delay_hours = check.integer('Delay Hours', fields.delayHours, 0, 23);
	if ('sendCondition' in fields) {
		body.send_condition = check.oneOf('Send Condition', fields.sendCondition, SEND_CONDITIONS);
	}
	return body;
}
