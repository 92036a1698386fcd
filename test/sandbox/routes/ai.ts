/**
 * AI routes (docs §9.5): `POST /v1/ai/detect-duplicates`, the duplicate pairs of the workspace's
 * contacts, companies or deals (duplicates.ts), paid with the workspace's credits and kept for 60
 * minutes per Idempotency-Key (§6). The assumptions where the docs are silent are listed in
 * server.ts (assumption 25) and README.md ("AI routes").
 */
import {
	detectDuplicates,
	detectionCost,
	ENTITY_TYPES,
	pairView,
	type EntityType,
} from '../duplicates';
import { HttpError, isJsonObject, type JsonObject } from '../http';
import type { HandlerContext, HandlerResult, RouteDef } from '../routing';
import type { WorkspaceState } from '../store';
import {
	checkInteger,
	checkKnownFields,
	checkNonBlankString,
	FieldErrors,
	jsonObjectBody,
	parseIsoDate,
} from './validate';

/** How long LeadLex keeps a detection's answer for its Idempotency-Key (§6: "cached for 60 minutes"). */
export const DETECTION_CACHE_MS = 60 * 60_000;

const DEFAULT_THRESHOLD = 0.85;
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

interface Detection {
	entityType: EntityType;
	threshold: number;
	limit: number;
	createdAfter?: number;
	tag?: string;
	listId?: string;
}

function checkDetection(ws: WorkspaceState, input: JsonObject): Detection {
	const errors = new FieldErrors();
	checkKnownFields(errors, input, ['entity_type', 'threshold', 'limit', 'scope']);
	const entityType = input.entity_type;
	if (entityType === undefined || entityType === null) errors.add('entity_type', 'Required');
	else if (!ENTITY_TYPES.includes(entityType as EntityType)) {
		errors.add('entity_type', `Must be one of ${ENTITY_TYPES.join(', ')}`);
	}
	const threshold = input.threshold ?? DEFAULT_THRESHOLD;
	if (typeof threshold !== 'number' || !(threshold >= 0 && threshold <= 1)) {
		errors.add('threshold', 'Must be a number between 0 and 1');
	}
	const limit = input.limit ?? DEFAULT_LIMIT;
	checkInteger(errors, 'limit', limit, 1, MAX_LIMIT);
	const detection: Detection = {
		entityType: entityType as EntityType,
		threshold: threshold as number,
		limit: limit as number,
	};
	const scope = input.scope ?? {};
	if (!isJsonObject(scope)) errors.add('scope', 'Must be an object');
	else {
		checkKnownFields(errors, scope, ['created_after', 'tag', 'list_id'], 'scope.');
		if (scope.created_after !== undefined) {
			const at = typeof scope.created_after === 'string' ? parseIsoDate(scope.created_after) : NaN;
			if (Number.isNaN(at)) errors.add('scope.created_after', 'Must be an ISO 8601 date-time');
			else detection.createdAfter = at;
		}
		if (scope.tag !== undefined) {
			checkNonBlankString(errors, 'scope.tag', scope.tag);
			if (typeof scope.tag === 'string') detection.tag = scope.tag.trim().toLowerCase();
		}
		if (scope.list_id !== undefined) {
			checkNonBlankString(errors, 'scope.list_id', scope.list_id);
			const listId = typeof scope.list_id === 'string' ? scope.list_id.trim() : '';
			if (entityType !== 'contact') {
				errors.add('scope.list_id', 'Lists hold contacts: list_id applies to entity_type contact');
			} else if (listId && !ws.lists.has(listId)) {
				errors.add('scope.list_id', 'No list with this ID');
			}
			detection.listId = listId;
		}
	}
	errors.throwIfAny(
		'validation_error',
		(names) => `Invalid or unknown fields: ${names.join(', ')}`,
	);
	return detection;
}

/** The records of the entity type that the scope keeps (every condition set must hold). */
function inScope(ws: WorkspaceState, detection: Detection) {
	const all =
		detection.entityType === 'contact'
			? [...ws.contacts.values()]
			: detection.entityType === 'company'
				? [...ws.crm.companies.values()]
				: [...ws.deals.values()];
	const members = detection.listId ? new Set(ws.lists.get(detection.listId)?.contact_ids) : null;
	return all.filter(
		(record) =>
			(detection.createdAfter === undefined ||
				Date.parse(record.created_date) > detection.createdAfter) &&
			(detection.tag === undefined ||
				record.tags.some((tag) => tag.toLowerCase() === detection.tag)) &&
			(members === null || members.has(record.id)),
	);
}

/**
 * Detect duplicates: body (400) -> the run's cost by the workspace's size, contacts + companies +
 * deals (402 insufficient_credits when fewer credits are left: nothing charged, nothing detected)
 * -> the pairs over the records in scope -> the cost taken from the workspace's credits.
 */
function detect({ ws, body }: HandlerContext): HandlerResult {
	const detection = checkDetection(ws, jsonObjectBody(body));
	const cost = detectionCost(ws.contacts.size + ws.crm.companies.size + ws.deals.size);
	if (ws.crm.enrichCredits < cost) {
		throw new HttpError(
			402,
			'insufficient_credits',
			`Duplicate detection costs ${cost} credits; ${ws.crm.enrichCredits} left`,
			{ credits_required: cost, credits_remaining: ws.crm.enrichCredits },
		);
	}
	const records = inScope(ws, detection);
	const pairs = detectDuplicates(
		detection.entityType,
		records,
		detection.threshold,
		detection.limit,
	);
	ws.crm.enrichCredits -= cost;
	return {
		payload: {
			data: {
				pairs: pairs.map(pairView),
				total_candidates: records.length,
				credits_remaining: ws.crm.enrichCredits,
			},
		},
	};
}

export const aiRoutes: RouteDef[] = [
	{
		method: 'POST',
		pattern: '/v1/ai/detect-duplicates',
		permission: 'write:ai',
		idempotent: true,
		idempotencyWindowMs: DETECTION_CACHE_MS,
		handler: detect,
	},
];
