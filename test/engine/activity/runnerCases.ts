import type { INodeParameters } from 'n8n-workflow';
import { byId } from '../fixtures';
import { JANE_ID } from '../contact/fixtures';
import { op } from '../company/fixtures';
import { HARBOR_DEAL_ID } from '../deal/fixtures';

/** Activity → Create with every kind of parameter value its fields allow (layer.test.ts). */
export const activityRunnerCases: Array<[string, INodeParameters]> = [
	[
		'activity create, every field',
		op('activity', 'create', {
			type: 'meeting',
			title: 'Layer activity',
			additionalFields: {
				description: '**Agenda**',
				contactId: byId(JANE_ID),
				dealId: byId(HARBOR_DEAL_ID),
				entityType: 'campaign',
				entityId: 'cmp_abc123',
				entityName: 'Estate Planning Follow-up',
				metadata: '{"minutes": 30}',
			},
		}),
	],
	[
		'activity create, a custom type from an expression',
		op('activity', 'create', { type: '={{ "court_filing" }}', title: 'Filed' }),
	],
];
