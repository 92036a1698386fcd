import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { campaignLocator, fieldHelpersFor } from '../../../shared/descriptions';
import { quoteId } from '../../../shared/errors/LeadlexApiError';
import type { FieldChecker } from '../../../shared/values';
import type { Ids } from '../operation';

export const campaignLabel = (ids: Ids) => `campaign ${quoteId(ids.campaignId)}`;

const RESOURCE = 'campaign';

export const { showFor, optionsField, returnAllFields } = fieldHelpersFor(RESOURCE);

/** The shared field helpers (shared/descriptions), for the Campaign resource. */

/** The campaign picker, for one operation. */
export function campaignField(operation: string, description: string): INodeProperties {
	return { ...campaignLocator, description, displayOptions: { show: showFor(operation) } };
}

/** The campaign settings Update can change (§8.11), in the order n8n's lint wants (by name). */
export const campaignSettingFields: INodeProperties[] = [
	{
		displayName: 'Daily Send Limit',
		name: 'dailySendLimit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 500, numberPrecision: 0 },
		default: 100,
		description: 'The most emails the campaign sends per day (a whole number from 1 to 500)',
	},
	{
		displayName: 'Delay Between Emails',
		name: 'delayBetweenEmails',
		type: 'number',
		typeOptions: { minValue: 30, numberPrecision: 0 },
		default: 120,
		description: 'Seconds between two sends within a day (a whole number, 30 or more)',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		description: 'A free-form description of the campaign (may be empty to clear it)',
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		description: 'The campaign name',
	},
	{
		displayName: 'Send On Weekends',
		name: 'sendOnWeekends',
		type: 'boolean',
		default: false,
		description: 'Whether emails go out on Saturday and Sunday',
	},
	{
		displayName: 'Sending Timezone',
		name: 'sendingTimezone',
		type: 'string',
		default: '',
		placeholder: 'e.g. Europe/Berlin',
		description:
			'The IANA time zone the sending schedule follows, e.g. Europe/Berlin or America/New_York',
	},
	{
		displayName: 'Show Unsubscribe',
		name: 'showUnsubscribe',
		type: 'boolean',
		default: true,
		description:
			'Whether to add an unsubscribe footer to every email (recommended, and required in some jurisdictions)',
	},
	{
		displayName: 'Track Clicks',
		name: 'trackClicks',
		type: 'boolean',
		default: true,
		description: 'Whether to track link clicks',
	},
	{
		displayName: 'Track Opens',
		name: 'trackOpens',
		type: 'boolean',
		default: true,
		description: 'Whether to track email opens',
	},
];

const BOOLEAN_SETTINGS = [
	['sendOnWeekends', 'Send On Weekends', 'send_on_weekends'],
	['trackOpens', 'Track Opens', 'track_opens'],
	['trackClicks', 'Track Clicks', 'track_clicks'],
	['showUnsubscribe', 'Show Unsubscribe', 'show_unsubscribe'],
] as const;

/** The settings set in Update Fields, checked, in LeadLex's snake_case. Unset fields are not sent. */
export function readCampaignSettings(check: FieldChecker, fields: IDataObject): IDataObject {
	const body: IDataObject = {};
	if ('name' in fields) body.name = check.text('Name', fields.name);
	if ('description' in fields)
		body.description = check.text('Description', fields.description, true);
	if ('dailySendLimit' in fields) {
		body.daily_send_limit = check.integer('Daily Send Limit', fields.dailySendLimit, 1, 500);
	}
	if ('delayBetweenEmails' in fields) {
		body.delay_between_emails = check.integer(
			'Delay Between Emails',
			fields.delayBetweenEmails,
			30,
		);
	}
	if ('sendingTimezone' in fields) {
		body.sending_timezone = check.timezone('Sending Timezone', fields.sendingTimezone);
	}
	for (const [name, label, key] of BOOLEAN_SETTINGS) {
		if (name in fields) body[key] = check.boolean(label, fields[name]);
	}
	return body;
}

/** Event types of the campaign event stream (§8.16). */
export const EVENT_TYPES = [
	'sent',
	'delivered',
	'opened',
	'clicked',
	'replied',
	'bounced',
	'unsubscribed',
	'complained',
];

/** Enrollment statuses of campaign contacts (§8.17). */
export const CONTACT_STATUSES = [
	'pending',
	'active',
	'paused',
	'completed',
	'bounced',
	'unsubscribed',
	'replied',
];

/** n8n options from LeadLex's own values, by display name as n8n's lint wants. */
export function valueOptions(values: string[]) {
	return values
		.map((value) => ({ name: value.charAt(0).toUpperCase() + value.slice(1), value }))
		.sort((a, b) => a.name.localeCompare(b.name));
}
