/**
 * Delete shipped in node version 1 with messages that leave "was the step deleted?" to the
 * description. n8n's AI Agent hands the model only the message, so from version 1.1 the message
 * says it too. Saved version-1 workflows keep their messages; new nodes get 1.1.
 */
import type { Fault, Sandbox } from '../../sandbox/server';
import { runLeadlex } from '../harness';
import { CAMPAIGN, deleteStep, STEP_2_OUTCOME, UNKNOWN_KEY, useSandbox } from '../fixtures';

const env = useSandbox();

const {
	notDeleted: NOT_DELETED,
	maybeDeleted: MAYBE_DELETED,
	probablyDeleted: PROBABLY_DELETED,
} = STEP_2_OUTCOME;
const NOTHING_SENT = 'Nothing was sent to LeadLex.';

interface Scenario {
	name: string;
	/** What the node is given; the sandbox is prepared first when `prepare` is set. */
	campaignId?: string;
	stepId?: string;
	apiKey?: (sandbox: Sandbox) => string;
	baseUrl?: string;
	prepare?: (sandbox: Sandbox) => void;
	fault?: Fault;
	/** The message as version 1 shipped it (pinned by the older tests, too). */
	v1: string;
	/** The sentence version 1.1 adds to the message. */
	outcome: string;
	/** Whether any request reached LeadLex. */
	sent: boolean;
}

const scenarios: Scenario[] = [
	{
		name: '401 invalid_key',
		apiKey: () => UNKNOWN_KEY,
		v1: 'LeadLex rejected the API key',
		outcome: NOT_DELETED,
		sent: true,
	},
	{
		name: '403 insufficient_permissions',
		apiKey: (sandbox) => sandbox.keys.readOnly,
		v1: 'The LeadLex API key lacks the campaigns:write permission',
		outcome: NOT_DELETED,
		sent: true,
	},
	{
		name: '404 campaign_not_found',
		campaignId: 'cmp_nope',
		v1: 'Campaign "cmp_nope" was not found in LeadLex',
		outcome: 'Step "step_2" of campaign "cmp_nope" was not deleted.',
		sent: true,
	},
	{
		name: '404 step_not_found',
		stepId: 'step_9',
		v1: 'Step "step_9" was not found in campaign "cmp_abc123"',
		outcome: 'Step "step_9" of campaign "cmp_abc123" was not deleted.',
		sent: true,
	},
	{
		name: '429 daily quota used up',
		prepare: (sandbox) => sandbox.setDailyRemaining(sandbox.keys.full, 0),
		v1: 'LeadLex daily API quota used up',
		outcome: NOT_DELETED,
		sent: true,
	},
	{
		name: 'a 503 without a body',
		fault: { type: 'response', status: 503, body: '' },
		v1: 'LeadLex had a server error (HTTP 503)',
		outcome: MAYBE_DELETED,
		sent: true,
	},
	{
		name: 'a 200 whose data lacks deleted',
		fault: {
			type: 'response',
			status: 200,
			body: '{"data":{"id":"step_2"}}',
			contentType: 'application/json',
		},
		v1: 'LeadLex answered HTTP 200 but without data.deleted',
		outcome: PROBABLY_DELETED,
		sent: true,
	},
	{
		name: 'a connection reset',
		fault: { type: 'reset' },
		v1: 'The connection to LeadLex broke before it answered',
		outcome: MAYBE_DELETED,
		sent: true,
	},
	{
		name: 'nothing listening',
		baseUrl: 'http://127.0.0.1:9/functions/v1/api-gateway',
		v1: 'Could not connect to LeadLex at 127.0.0.1:9',
		outcome: NOT_DELETED,
		sent: false,
	},
	{
		name: 'a step ID ".."',
		stepId: '..',
		v1: 'The Step ID is "..", which would change the request path',
		outcome: NOTHING_SENT,
		sent: false,
	},
	{
		name: 'an empty campaign ID',
		campaignId: ' ',
		v1: 'The Campaign ID is empty',
		outcome: NOTHING_SENT,
		sent: false,
	},
	{
		name: 'a Base URL with /v1',
		baseUrl: 'https://data.leadlex.com/functions/v1/api-gateway/v1',
		v1: 'The Base URL in the LeadLex credential ends with /v1, which the node adds itself: remove it',
		outcome: NOTHING_SENT,
		sent: false,
	},
];

async function runScenario(scenario: Scenario, typeVersion: number) {
	scenario.prepare?.(env.sandbox);
	if (scenario.fault) env.sandbox.injectFault(scenario.fault);
	return runLeadlex({
		typeVersion,
		credentials: {
			apiKey: scenario.apiKey?.(env.sandbox) ?? env.sandbox.keys.full,
			baseUrl: scenario.baseUrl ?? env.sandbox.url,
		},
		parameters: deleteStep(scenario.campaignId ?? CAMPAIGN, scenario.stepId ?? 'step_2'),
	});
}

describe.each(scenarios.map((s) => [s.name, s] as const))('Delete, %s', (_name, scenario) => {
	test('version 1.1: the message alone says whether the step was deleted', async () => {
		const result = await runScenario(scenario, 1.1);
		expect(result.error?.message).toBe(`${scenario.v1}. ${scenario.outcome}`);
		expect(env.sandbox.requests.length > 0).toBe(scenario.sent);
	});

	test('version 1 (saved workflows): the shipped message, the outcome in the description', async () => {
		const result = await runScenario(scenario, 1);
		expect(result.error?.message).toBe(scenario.v1);
		expect(result.error?.description).toContain(
			scenario.outcome === NOTHING_SENT ? 'Nothing was sent' : scenario.outcome,
		);
	});
});

test('version 1.1: the other operations are unchanged by the version', async () => {
	const parameters = {
		resource: 'campaignStep',
		operation: 'create',
		campaignId: { __rl: true, mode: 'id', value: 'cmp_nope' },
		subject: 'Hello',
		body: 'Hi',
	};
	const [v1, v11] = [
		await runLeadlex({ typeVersion: 1, credentials: env.credentials, parameters }),
		await runLeadlex({ typeVersion: 1.1, credentials: env.credentials, parameters }),
	];
	expect(v1.error?.message).toBe(
		'Campaign "cmp_nope" was not found in LeadLex. A new step in campaign "cmp_nope" was not created.',
	);
	expect(v11.error?.message).toBe(v1.error?.message);
});
