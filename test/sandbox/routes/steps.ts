/**
 * Campaign step routes (docs §8.2-8.5): list, create (append), update (partial), delete
 * (with index compaction). Lookups come before body checks: 404 campaign_not_found /
 * step_not_found win over any 400.
 */
import { randomBytes } from 'node:crypto';

import { HttpError, type JsonObject } from '../http';
import type { HandlerContext, HandlerResult, RouteDef } from '../routing';
import { SEND_CONDITIONS, type SendCondition, type Step } from '../seed';
import { copySteps, findCampaign, findStepPosition, type CampaignEntry } from '../store';
import { checkInteger, FieldErrors, isoSeconds, jsonObjectBody, listNames } from './validate';

/** The writable step fields, in the order the docs list them. */
const STEP_FIELDS = ['subject', 'body', 'delay_days', 'delay_hours', 'send_condition'] as const;

function newStepId(entry: CampaignEntry): string {
	for (;;) {
		const id = `step_${randomBytes(8).toString('hex')}`;
		if (!entry.steps.some((s) => s.id === id)) return id;
	}
}

/** 400 invalid_send_condition unless absent or one of the five documented values. */
function checkSendCondition(input: JsonObject): void {
	if (!Object.hasOwn(input, 'send_condition')) return;
	const value = input.send_condition;
	if (typeof value === 'string' && (SEND_CONDITIONS as readonly string[]).includes(value)) return;
	const allowed = SEND_CONDITIONS.join(', ');
	throw new HttpError(400, 'invalid_send_condition', `send_condition must be one of ${allowed}`, {
		fields: { send_condition: `Must be one of ${allowed}` },
	});
}

/** Type and range checks of the given fields -> 400 validation_error listing every bad field. */
function checkFieldValues(input: JsonObject): void {
	const errors = new FieldErrors();
	for (const field of ['subject', 'body'] as const) {
		if (!Object.hasOwn(input, field)) continue;
		const value = input[field];
		if (typeof value !== 'string') errors.add(field, 'Must be a string');
		else if (value.trim() === '') errors.add(field, 'Must not be empty');
	}
	if (Object.hasOwn(input, 'delay_days')) checkInteger(errors, 'delay_days', input.delay_days, 0);
	if (Object.hasOwn(input, 'delay_hours'))
		checkInteger(errors, 'delay_hours', input.delay_hours, 0, 23);
	errors.throwIfAny('validation_error', (names) => `Invalid value for ${listNames(names)}`);
}

function listSteps({ ws, params }: HandlerContext): HandlerResult {
	const entry = findCampaign(ws, params.id);
	return { payload: { data: { steps: copySteps(entry.steps) } } };
}

function createStep({ ws, params, body, now }: HandlerContext): HandlerResult {
	const entry = findCampaign(ws, params.id);
	const input = jsonObjectBody(body);

	const missing = new FieldErrors();
	for (const field of ['subject', 'body'] as const) {
		const value = input[field];
		if (value === undefined || value === null || (typeof value === 'string' && !value.trim())) {
			missing.add(field, 'Required');
		}
	}
	missing.throwIfAny(
		'missing_required_field',
		(names) => `Missing required field${names.length > 1 ? 's' : ''}: ${listNames(names)}`,
	);
	checkSendCondition(input);
	checkFieldValues(input);

	const step: Step = {
		id: newStepId(entry),
		index: entry.steps.length,
		subject: input.subject as string,
		body: input.body as string,
		delay_days: (input.delay_days as number | undefined) ?? 0,
		delay_hours: (input.delay_hours as number | undefined) ?? 0,
		send_condition: (input.send_condition as SendCondition | undefined) ?? 'always',
		created_at: isoSeconds(now),
	};
	entry.steps.push(step);
	return {
		status: 201,
		payload: { data: { step: { ...step } } },
		events: [
			{ event: 'campaign.step_created', data: { campaign_id: params.id, step: { ...step } } },
		],
	};
}

function updateStep({ ws, params, body }: HandlerContext): HandlerResult {
	const entry = findCampaign(ws, params.id);
	const pos = findStepPosition(entry, params.step_id);
	const input = jsonObjectBody(body);

	if (Object.hasOwn(input, 'index')) {
		const message = 'index cannot be changed; steps cannot be reordered';
		throw new HttpError(400, 'validation_error', message, { fields: { index: message } });
	}
	const given = STEP_FIELDS.filter((f) => Object.hasOwn(input, f));
	if (given.length === 0) {
		throw new HttpError(
			400,
			'validation_error',
			`Request body must contain at least one of ${STEP_FIELDS.join(', ')}`,
		);
	}
	checkSendCondition(input);
	checkFieldValues(input);

	const step = entry.steps[pos];
	const patch: Partial<Step> = {};
	for (const field of given) (patch as JsonObject)[field] = input[field];
	Object.assign(step, patch);
	return { payload: { data: { step: { ...step } } } };
}

function deleteStep({ ws, params }: HandlerContext): HandlerResult {
	const entry = findCampaign(ws, params.id);
	const pos = findStepPosition(entry, params.step_id);
	entry.steps.splice(pos, 1);
	entry.steps.forEach((s, i) => {
		s.index = i;
	});
	return { payload: { data: { deleted: true, id: params.step_id } } };
}

export const stepRoutes: RouteDef[] = [
	{
		method: 'GET',
		pattern: '/v1/campaigns/:id/steps',
		permission: 'campaigns:read',
		handler: listSteps,
	},
	{
		method: 'POST',
		pattern: '/v1/campaigns/:id/steps',
		permission: 'campaigns:write',
		handler: createStep,
	},
	{
		method: 'PATCH',
		pattern: '/v1/campaigns/:id/steps/:step_id',
		permission: 'campaigns:write',
		handler: updateStep,
	},
	{
		method: 'DELETE',
		pattern: '/v1/campaigns/:id/steps/:step_id',
		permission: 'campaigns:write',
		handler: deleteStep,
	},
];
