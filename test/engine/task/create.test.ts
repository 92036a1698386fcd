import type { INodeParameters } from 'n8n-workflow';
import { runLeadlex } from '../harness';
import { byId, callSandbox, fromList, sentBodies, sentRequests, useSandbox } from '../fixtures';
import { apiPath, contactOp, JANE_ID } from '../contact/fixtures';
import { ACME_LEGAL, ACME_LOGISTICS, NORTHWIND, op } from '../company/fixtures';
import { HARBOR_DEAL_ID } from '../deal/fixtures';

const env = useSandbox();
const task = (extra: INodeParameters) =>
	op('task', 'create', { title: 'Send the engagement letter', ...extra });

describe('Task → Create', () => {
	test('for a contact (picker), every field in LeadLex’s names; output data as LeadLex answers', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: task({
				contactId: fromList(JANE_ID),
				additionalFields: {
					description: 'Use the estate template',
					status: 'in_progress',
					priority: 'high',
					taskType: ' follow_up ',
					dueDate: '2026-04-24T15:00:00',
					assigneeId: ' user_7 ',
					createdDate: '2026-04-19T10:00:00',
				},
			}),
		});
		expect(result.error).toBeUndefined();
		expect(sentRequests(sandbox)).toEqual([['POST', apiPath(sandbox, '/v1/tasks')]]);
		// The harness runs in n8n's default time zone, America/New_York.
		expect(sentBodies(sandbox)).toEqual([
			{
				title: 'Send the engagement letter',
				contact_id: JANE_ID,
				description: 'Use the estate template',
				status: 'in_progress',
				priority: 'high',
				task_type: 'follow_up',
				due_date: '2026-04-24T15:00:00-04:00',
				assignee_id: 'user_7',
				created_date: '2026-04-19T10:00:00-04:00',
			},
		]);
		expect(result.items).toEqual([
			{
				json: {
					id: expect.any(String),
					title: 'Send the engagement letter',
					description: 'Use the estate template',
					status: 'in_progress',
					priority: 'high',
					task_type: 'follow_up',
					due_date: '2026-04-24T15:00:00-04:00',
					assigned_to_user_id: 'user_7',
					contact_id: JANE_ID,
					deal_id: null,
					event_id: null,
					related_company_id: null,
					created_date: '2026-04-19T10:00:00-04:00',
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test('a date alone is sent as that date; the task is among the contact’s open tasks', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: task({
				contactId: byId(JANE_ID),
				additionalFields: { dueDate: '={{ $json.due }}' },
			}),
			items: [{ due: '2026-04-24' }],
		});
		expect(sentBodies(sandbox)).toEqual([
			{ title: 'Send the engagement letter', contact_id: JANE_ID, due_date: '2026-04-24' },
		]);
		const read = await runLeadlex({
			credentials,
			parameters: contactOp('get', {
				contactId: byId(JANE_ID),
				simplify: false,
				options: { include: ['tasks'] },
			}),
		});
		expect(read.items[0].json.open_tasks).toEqual([result.items[0].json]);
	});

	test('a deal, an event, a company by name: deal_id, event_id, company_name', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials,
			parameters: task({
				dealId: byId(HARBOR_DEAL_ID),
				eventId: 'evt-9',
				companyName: 'Northwind',
			}),
		});
		expect(sentBodies(sandbox)).toEqual([
			{
				title: 'Send the engagement letter',
				deal_id: HARBOR_DEAL_ID,
				event_id: 'evt-9',
				company_name: 'Northwind',
			},
		]);
		expect(result.items[0].json).toMatchObject({
			deal_id: HARBOR_DEAL_ID,
			event_id: 'evt-9',
			related_company_id: NORTHWIND,
		});
	});

	test('Contact wins over Contact Name; Company Name stays (a task has no company ID)', async () => {
		const { sandbox, credentials } = env;
		await runLeadlex({
			credentials,
			parameters: task({
				contactId: byId(JANE_ID),
				contactName: 'Cleo',
				companyName: 'Acme Legal',
			}),
		});
		expect(sentBodies(sandbox)).toEqual([
			{ title: 'Send the engagement letter', contact_id: JANE_ID, company_name: 'Acme Legal' },
		]);
	});

	test.each<[string, INodeParameters, string]>([
		[
			'no parent',
			{},
			'The Contact, Deal, Event ID, Contact Name and Company Name are all empty: LeadLex needs at least one record to link the task to.',
		],
		['a blank title', { title: '={{ "" }}', dealId: byId(HARBOR_DEAL_ID) }, 'The Title is empty.'],
		[
			'a status from an expression that LeadLex does not know',
			{ dealId: byId(HARBOR_DEAL_ID), additionalFields: { status: '={{ "done" }}' } },
			'The Status must be one of open, in_progress, completed, but it is "done".',
		],
		[
			'a priority from an expression that LeadLex does not know',
			{ dealId: byId(HARBOR_DEAL_ID), additionalFields: { priority: '={{ "urgent" }}' } },
			'The Priority must be one of low, medium, high, but it is "urgent".',
		],
		[
			'a due date that is not one',
			{ dealId: byId(HARBOR_DEAL_ID), additionalFields: { dueDate: 'tomorrow' } },
			'The Due Date must be a date and time such as 2026-04-17T14:30:00, but it is "tomorrow".',
		],
		[
			'a date that does not exist',
			{ dealId: byId(HARBOR_DEAL_ID), additionalFields: { dueDate: '={{ "2026-02-30" }}' } },
			'The Due Date must be a date such as 2026-04-24, but it is "2026-02-30".',
		],
		[
			'a month 00',
			{ dealId: byId(HARBOR_DEAL_ID), additionalFields: { dueDate: '={{ "2026-00-15" }}' } },
			'The Due Date must be a date such as 2026-04-24, but it is "2026-00-15".',
		],
		[
			'a blank description',
			{ dealId: byId(HARBOR_DEAL_ID), additionalFields: { description: ' ' } },
			'The Description is empty.',
		],
		[
			'a blank assignee',
			{ dealId: byId(HARBOR_DEAL_ID), additionalFields: { assigneeId: '' } },
			'The Assignee ID is empty.',
		],
		[
			'a Deal ID over 1,024 characters',
			{ dealId: byId('d'.repeat(1025)) },
			'The Deal ID is 1025 characters long (at most 1024).',
		],
	])('%s: refused before any request, naming the field', async (_name, extra, message) => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({ credentials, parameters: task(extra) });
		expect(result.error?.message).toBe(`${message} Nothing was sent to LeadLex.`);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('a company name matching two: ambiguous_reference with both IDs; nothing created', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({ credentials, parameters: task({ companyName: 'acme' }) });
		expect(result.error?.message).toBe(
			`LeadLex matched the name to more than one record (HTTP 400 ambiguous_reference): LeadLex said "company_name "acme" matches 2 companies: send related_company_id instead"; choose one by ID: "${ACME_LEGAL}", "${ACME_LOGISTICS}". A new task was not created.`,
		);
		expect(sandbox.crm().tasks).toEqual([]);
	});

	test('an unknown contact or deal: 404, not created; LeadLex’s 400 quoted', async () => {
		const { sandbox, credentials } = env;
		const unknown = await runLeadlex({
			credentials,
			parameters: task({ contactId: byId('nope') }),
		});
		expect(unknown.error?.message).toBe(
			'LeadLex could not find a record to link a new task to (HTTP 404 not_found): LeadLex said "No contact with ID nope". A new task was not created.',
		);
		const unknownDeal = await runLeadlex({
			credentials,
			parameters: task({ dealId: byId('deal_gone') }),
		});
		expect(unknownDeal.error?.message).toBe(
			'LeadLex could not find a record to link a new task to (HTTP 404 not_found): LeadLex said "No deal with ID deal_gone". A new task was not created.',
		);
		expect(sandbox.crm().tasks).toEqual([]);
		sandbox.failNext('POST', '/v1/tasks', 400, 'validation_error', 'Invalid due_date', {
			fields: { due_date: 'Must be ISO 8601' },
		});
		const refused = await runLeadlex({
			credentials,
			parameters: task({ dealId: byId(HARBOR_DEAL_ID) }),
		});
		expect(refused.error?.message).toBe(
			'LeadLex refused the request for a new task (HTTP 400 validation_error): LeadLex said "Invalid due_date" (due_date: "Must be ISO 8601"). A new task was not created.',
		);
	});

	test('a key without activities:write: the permission is named, not created', async () => {
		const { sandbox, credentials } = env;
		const result = await runLeadlex({
			credentials: { ...credentials, apiKey: sandbox.keys.readOnly },
			parameters: task({ dealId: byId(HARBOR_DEAL_ID) }),
		});
		expect(result.error?.message).toBe(
			'The LeadLex API key lacks the activities:write permission. A new task was not created.',
		);
	});

	test('a 5xx: not sent again; the message says it may have been created', async () => {
		const { sandbox, credentials } = env;
		sandbox.failNext('POST', '/v1/tasks', 503, 'internal_error');
		const result = await runLeadlex({
			credentials,
			parameters: task({ dealId: byId(HARBOR_DEAL_ID) }),
		});
		expect(result.error?.message).toBe(
			'LeadLex had a server error (HTTP 503). A new task may or may not have been created: running the workflow again may create the task twice: check the tasks in LeadLex first (Contact → Get, Include → Tasks).',
		);
		expect(sandbox.requests).toHaveLength(1);
		expect(
			await callSandbox(sandbox, 'GET', `/v1/contacts/${JANE_ID}?include=tasks`),
		).toMatchObject({ data: { open_tasks: [] } });
	});
});
