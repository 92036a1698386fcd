/**
 * Option defaults and checks for the LeadLex sandbox.
 */
import type { SandboxOptions, TunableOptions } from './types';

export const DEFAULT_BASE_PATH = '/functions/v1/api-gateway';

export function normalizeBasePath(basePath: string): string {
	let p = basePath.trim();
	if (p === '' || p === '/') return '';
	if (!p.startsWith('/')) p = `/${p}`;
	while (p.endsWith('/')) p = p.slice(0, -1);
	return p;
}

export function initialTunable(options: SandboxOptions): TunableOptions {
	const live: TunableOptions = {
		profile: options.profile ?? 'full',
		perWindowLimit: options.perWindowLimit ?? 50,
		windowMs: options.windowMs ?? 60_000,
		dailyLimit: options.dailyLimit ?? 1000,
		latencyMs: options.latencyMs ?? 0,
	};
	validateTunable(live);
	return live;
}

export function validateTunable(partial: Partial<TunableOptions>): void {
	const nonNegative = ['perWindowLimit', 'dailyLimit', 'latencyMs'] as const;
	for (const name of nonNegative) {
		const v = partial[name];
		if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v < 0)) {
			throw new TypeError(`${name} must be a finite number >= 0`);
		}
	}
	if (
		partial.windowMs !== undefined &&
		(typeof partial.windowMs !== 'number' ||
			!Number.isFinite(partial.windowMs) ||
			partial.windowMs <= 0)
	) {
		throw new TypeError('windowMs must be a finite number > 0');
	}
	if (
		partial.profile !== undefined &&
		partial.profile !== 'full' &&
		partial.profile !== 'docs-only'
	) {
		throw new TypeError("profile must be 'full' or 'docs-only'");
	}
}

/** Applies the defined values of `partial` to `live` (after validating them). */
export function applyTunable(live: TunableOptions, partial: Partial<TunableOptions>): void {
	validateTunable(partial);
	const defined = Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined));
	Object.assign(live, defined);
}
