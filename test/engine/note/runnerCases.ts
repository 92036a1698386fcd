import type { INodeParameters } from 'n8n-workflow';
import { byId, fromList } from '../fixtures';
import { JANE_ID } from '../contact/fixtures';
import { ACME_LEGAL, op } from '../company/fixtures';
import { HARBOR_DEAL_ID } from '../deal/fixtures';

/** Note → Create with every kind of parameter value its fields allow (layer.test.ts). */
export const noteRunnerCases: Array<[string, INodeParameters]> = [
	[
		'note create, for a contact, every field',
		op('note', 'create', {
			title: 'Layer note',
			content: 'Text',
			contactId: fromList(JANE_ID),
			additionalFields: {
				noteType: 'call',
				tags: 'a, b',
				isPinned: true,
				createdDate: '2026-01-02T03:04:05',
			},
		}),
	],
	[
		'note create, for a company and a deal',
		op('note', 'create', { title: 'T', companyId: byId(ACME_LEGAL), dealId: byId(HARBOR_DEAL_ID) }),
	],
	[
		'note create, by names',
		op('note', 'create', { title: 'T', contactName: 'Jane Example', companyName: 'Acme Legal' }),
	],
];
