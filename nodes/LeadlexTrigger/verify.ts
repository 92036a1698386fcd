import { createHmac, timingSafeEqual } from 'node:crypto';

/** `sha256=<64 hex>`, the only form LeadLex documents for `X-LeadLex-Signature`. */
const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;

/** The raw request body as bytes, as n8n keeps it (`req.rawBody`: a Buffer or a string). */
export function rawBodyBytes(raw: unknown): Buffer | undefined {
	if (Buffer.isBuffer(raw)) return raw;
	if (raw instanceof Uint8Array) return Buffer.from(raw);
	if (typeof raw === 'string') return Buffer.from(raw, 'utf8');
	return undefined;
}

/**
 * Whether `header` is LeadLex's signature of exactly these body bytes: HMAC-SHA256 keyed with the
 * webhook's signing secret (its UTF-8 bytes), compared in constant time after the length check.
 */
export function isSignatureValid(
	body: Buffer,
	header: string | string[] | undefined,
	secret: string | undefined,
): boolean {
	if (!secret || typeof header !== 'string') return false;
	const match = SIGNATURE.exec(header.trim());
	if (!match) return false;
	const given = Buffer.from(match[1], 'hex');
	const expected = createHmac('sha256', secret).update(body).digest();
	if (given.length !== expected.length) return false;
	return timingSafeEqual(given, expected);
}

export type AgeVerdict = 'ok' | 'missing' | 'invalid' | 'stale' | 'future';

/** How far ahead of this n8n's clock a delivery's timestamp may be (clock skew). */
export const MAX_FUTURE_SKEW_MS = 5 * 60_000;

/**
 * The `X-LeadLex-Timestamp` check: ISO 8601, at most `maxAgeMinutes` old and at most 5 minutes in
 * the future. `maxAgeMinutes` 0 (or less) turns the whole check off.
 */
export function checkDeliveryAge(
	header: string | string[] | undefined,
	maxAgeMinutes: number,
	now: number,
): AgeVerdict {
	if (!(maxAgeMinutes > 0)) return 'ok';
	if (typeof header !== 'string' || header.trim() === '') return 'missing';
	const value = header.trim();
	// An ISO 8601 date and time with a zone; Date.parse alone also accepts "1" or "May 5".
	if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(value)) {
		return 'invalid';
	}
	const at = Date.parse(value);
	if (Number.isNaN(at)) return 'invalid';
	if (at > now + MAX_FUTURE_SKEW_MS) return 'future';
	if (now - at > maxAgeMinutes * 60_000) return 'stale';
	return 'ok';
}
