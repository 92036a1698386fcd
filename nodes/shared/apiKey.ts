/** The key as LeadLex expects it: trimmed, without a "Bearer " prefix pasted along with it. */
export function apiKeyOf(raw: unknown): string {
	return typeof raw === 'string' ? raw.trim().replace(/^bearer\s+/i, '') : '';
}
