import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * LeadLex's webhook event names (API reference §7.2): the 27 the webhooks page lists, plus
 * `contact.merged` and `import.completed`, which the merge and import pages say they fire. The
 * webhooks page counts 28 events; offering every name seen is the safe reading. These values are
 * saved in workflows: never rename one.
 */
export const LEADLEX_EVENTS: ReadonlyArray<{ value: string; description: string }> = [
	{ value: 'contact.created', description: 'A contact was created' },
	{ value: 'contact.updated', description: 'A contact was changed' },
	{
		value: 'contact.deleted',
		description: 'A contact was deleted (also each one of a bulk delete)',
	},
	{ value: 'contact.bulk_created', description: 'Contacts were created in bulk' },
	{ value: 'contact.merged', description: 'Contacts were merged into one' },
	{ value: 'company.created', description: 'A company was created' },
	{ value: 'company.updated', description: 'A company was changed' },
	{ value: 'company.deleted', description: 'A company was deleted' },
	{ value: 'deal.created', description: 'A deal was created' },
	{ value: 'deal.updated', description: 'A deal was changed' },
	{ value: 'deal.deleted', description: 'A deal was deleted (also each one of a bulk delete)' },
	{ value: 'deal.bulk_created', description: 'Deals were created in bulk' },
	{ value: 'deal.bulk_updated', description: 'Deals were changed in bulk' },
	{ value: 'list.created', description: 'A contact list was created' },
	{ value: 'list.deleted', description: 'A contact list was deleted' },
	{ value: 'list.contacts_added', description: 'Contacts were added to a list' },
	{ value: 'list.contacts_removed', description: 'A contact was removed from a list' },
	{ value: 'campaign.created', description: 'A campaign was created' },
	{ value: 'campaign.started', description: 'A campaign was started' },
	{ value: 'campaign.paused', description: 'A campaign was paused' },
	{ value: 'campaign.deleted', description: 'A campaign was deleted' },
	{ value: 'campaign.step_created', description: 'A step was added to a campaign' },
	{ value: 'campaign.contacts_added', description: 'Contacts were added to a campaign' },
	{ value: 'activity.created', description: 'An activity was logged' },
	{ value: 'task.created', description: 'A task was created' },
	{ value: 'task.updated', description: 'A task was changed' },
	{ value: 'task.approved', description: 'A task was approved' },
	{ value: 'task.dismissed', description: 'A task was dismissed' },
	{ value: 'import.completed', description: 'A contact or company import finished' },
];

/** The editor's choices, alphabetical. */
export const EVENT_OPTIONS: INodePropertyOptions[] = [...LEADLEX_EVENTS]
	.sort((a, b) => (a.value < b.value ? -1 : 1))
	.map(({ value, description }) => ({ name: value, value, description }));
