import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { countExpressions } from './expressionCount';
import { runLeadlex, type RunResult } from './harness';
import { CAMPAIGN, deleteStep, sentRequests, useSandbox } from './fixtures';

const env = useSandbox();

/**
 * An ID field that is exactly `{{ $json.key }}` is read from the item without n8n's expression
 * engine (shared/itemParameter.ts). Each scenario runs that form and the same expression in
 * parentheses, which n8n evaluates: the outputs, errors and requests must be the same.
 */
const locator = (mode: string, value: string): INodeParameters => ({ __rl: true, mode, value });

const scenarios: Array<{ name: string; step: unknown; mode?: string; field?: string }> = [
	{ name: 'an ID', step: 'step_2' },
	{ name: 'an ID with spaces around it', step: '  step_2 ' },
	{ name: 'an ID with a slash (one encoded segment)', step: 'step/2' },
	{ name: 'the ID ".." (refused)', step: '..' },
	{ name: 'an empty text (refused)', step: '' },
	{ name: 'a number (through n8n)', step: 2 },
	{ name: 'an object (through n8n)', step: { id: 'step_2' } },
	{ name: 'a missing field (through n8n)', step: undefined },
	{ name: 'From List mode', step: 'step_2', mode: 'list' },
	{ name: 'a field named with a space, in brackets', step: 'step_2', field: '$json["step id"]' },
];

function outcome(result: RunResult) {
	return {
		items: result.items.map((item) => item.json),
		error: result.error && {
			message: result.error.message,
			// The sandbox gives every answer its own request ID.
			description: result.error.description?.replace(/req_\w+/, 'req_…'),
		},
		requests: sentRequests(env.sandbox),
	};
}

/** Runs the Delete and counts the expressions n8n evaluated. */
async function deleteWith(stepField: string, mode: string, json: IDataObject) {
	let result: RunResult | undefined;
	const sites = await countExpressions(async () => {
		env.sandbox.reset();
		result = await runLeadlex({
			parameters: deleteStep(CAMPAIGN, locator(mode, `={{ ${stepField} }}`)),
			items: [json],
			credentials: env.credentials,
		});
	});
	const evaluated = [...sites.values()].reduce((sum, count) => sum + count, 0);
	return { ...outcome(result!), evaluated };
}

describe('an ID field that is exactly {{ $json.key }}', () => {
	test.each(scenarios)('$name: the same result as through the expression engine', async (row) => {
		const field = row.field ?? '$json.step';
		const key = row.field ? 'step id' : 'step';
		const json: IDataObject = row.step === undefined ? {} : { [key]: row.step as string };
		const direct = await deleteWith(field, row.mode ?? 'id', json);
		const engine = await deleteWith(`(${field})`, row.mode ?? 'id', json);
		expect({ ...direct, evaluated: 0 }).toEqual({ ...engine, evaluated: 0 });
		// Read from the item only when it holds text there: one evaluation fewer per run.
		const readDirectly = typeof row.step === 'string';
		expect(engine.evaluated - direct.evaluated).toBe(readDirectly ? 1 : 0);
	});

	test('a deleted step is reported as before', async () => {
		const result = await deleteWith('$json.step', 'id', { step: 'step_2' });
		expect(result.items).toEqual([{ deleted: true, id: 'step_2' }]);
		expect(result.requests).toHaveLength(1);
	});

	test('each item is read from its own input', async () => {
		env.sandbox.reset();
		const result = await runLeadlex({
			parameters: deleteStep(
				locator('id', '={{ $json.campaign }}'),
				locator('id', '={{ $json.step }}'),
			),
			items: [
				{ campaign: CAMPAIGN, step: 'step_1' },
				{ campaign: CAMPAIGN, step: 'step_2' },
			],
			credentials: env.credentials,
		});
		expect(result.items.map((item) => item.json)).toEqual([
			{ deleted: true, id: 'step_1' },
			{ deleted: true, id: 'step_2' },
		]);
	});
});
