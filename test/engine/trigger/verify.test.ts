import type { IDataObject } from 'n8n-workflow';
import { createHmac } from 'node:crypto';
import {
	checkDeliveryAge,
	isSignatureValid,
	rawBodyBytes,
} from '../../../nodes/LeadlexTrigger/verify';
import {
	deliveryKey,
	forgetProcessMemory,
	isRepeat,
	remember,
	REMEMBERED_DELIVERIES,
} from '../../../nodes/LeadlexTrigger/deliveries';
import { LEADLEX_EVENTS } from '../../../nodes/LeadlexTrigger/events';
import { WEBHOOK_EVENTS } from '../../sandbox/server';

const secret = 'whsec_test';
const body = Buffer.from('{"event":"x"}');
const good = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('isSignatureValid', () => {
	test('accepts the HMAC of the exact bytes, hex in either case, surrounding spaces', () => {
		expect(isSignatureValid(body, good, secret)).toBe(true);
		expect(isSignatureValid(body, good.toUpperCase().replace('SHA256=', 'sha256='), secret)).toBe(
			true,
		);
		expect(isSignatureValid(body, ` ${good} `, secret)).toBe(true);
	});

	test.each([
		['no header', undefined],
		['an array of headers', [good, good]],
		['an empty header', ''],
		['another secret', `sha256=${createHmac('sha256', 'other').update(body).digest('hex')}`],
		['a truncated signature', good.slice(0, -2)],
		['a longer signature', `${good}00`],
		['no prefix', good.slice(7)],
		['two signatures', `${good},${good}`],
	])('refuses %s', (_name, header) => {
		expect(isSignatureValid(body, header as string | undefined, secret)).toBe(false);
	});

	test('refuses everything without a secret', () => {
		expect(isSignatureValid(body, good, undefined)).toBe(false);
		expect(isSignatureValid(body, good, '')).toBe(false);
	});

	test('rawBodyBytes takes a Buffer, a Uint8Array or a string', () => {
		expect(rawBodyBytes(body)).toBe(body);
		expect(rawBodyBytes(new Uint8Array(body))?.equals(body)).toBe(true);
		expect(rawBodyBytes('é')?.equals(Buffer.from('é', 'utf8'))).toBe(true);
		expect(rawBodyBytes(undefined)).toBeUndefined();
		expect(rawBodyBytes({})).toBeUndefined();
	});
});

describe('checkDeliveryAge', () => {
	const now = Date.parse('2026-04-17T14:30:00Z');
	test.each([
		['2026-04-17T14:30:00Z', 'ok'],
		['2026-04-17T14:25:00.000Z', 'ok'],
		['2026-04-17T14:24:59Z', 'stale'],
		['2026-04-17T14:35:00Z', 'ok'],
		['2026-04-17T14:35:01Z', 'future'],
		['2026-04-17T16:30:00+02:00', 'ok'],
		['2026-04-17', 'invalid'],
		['1713364200', 'invalid'],
		['', 'missing'],
	])('%s → %s (5 minutes)', (header, verdict) => {
		expect(checkDeliveryAge(header, 5, now)).toBe(verdict);
	});

	test('0 turns the check off, also for missing and future timestamps', () => {
		expect(checkDeliveryAge(undefined, 0, now)).toBe('ok');
		expect(checkDeliveryAge('2030-01-01T00:00:00Z', 0, now)).toBe('ok');
	});
});

describe('remembered delivery IDs', () => {
	beforeEach(() => forgetProcessMemory());

	test(`keeps the last ${REMEMBERED_DELIVERIES}, in memory and mirrored into static data`, () => {
		const key = deliveryKey('wf', 'node');
		const staticData: IDataObject = {};
		for (let i = 0; i <= REMEMBERED_DELIVERIES; i++) remember(key, staticData, `id-${i}`);
		expect(isRepeat(key, staticData, 'id-0')).toBe(false);
		expect(isRepeat(key, staticData, 'id-1')).toBe(true);
		expect(isRepeat(key, staticData, `id-${REMEMBERED_DELIVERIES}`)).toBe(true);
		expect((staticData.recentDeliveryIds as string[]).length).toBe(REMEMBERED_DELIVERIES);
	});

	test('memory alone (static data lost) and static data alone (process restarted) both work', () => {
		const key = deliveryKey('wf', 'node');
		const staticData: IDataObject = {};
		remember(key, staticData, 'a');
		expect(isRepeat(key, {}, 'a')).toBe(true);
		forgetProcessMemory();
		expect(isRepeat(key, staticData, 'a')).toBe(true);
		expect(isRepeat(key, { recentDeliveryIds: 'garbage' }, 'a')).toBe(false);
	});
});

test("the node's events are exactly the ones the sandbox (LeadLex's docs) accepts", () => {
	expect(LEADLEX_EVENTS.map((e) => e.value).sort()).toEqual([...WEBHOOK_EVENTS].sort());
	expect(LEADLEX_EVENTS).toHaveLength(29);
	for (const event of LEADLEX_EVENTS) expect(event.description).toBeTruthy();
});
