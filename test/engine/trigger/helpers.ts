import { createHmac } from 'node:crypto';
import type { INodeParameters } from 'n8n-workflow';

export function sign(secret: string, body: string | Buffer): string {
	return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function triggerParameters(
	events: string[] = ['campaign.step_created'],
	options: INodeParameters = {},
): INodeParameters {
	return { events, options };
}

/** Headers of a genuine delivery of `body`, signed with `secret`. */
export function deliveryHeaders(
	secret: string,
	body: string | Buffer,
	overrides: Record<string, string> = {},
): Record<string, string> {
	return {
		'content-type': 'application/json',
		'user-agent': 'LeadLex-Webhook/1.0',
		'x-leadlex-signature': sign(secret, body),
		'x-leadlex-timestamp': new Date().toISOString(),
		'x-leadlex-delivery-id': `dlv-${Math.random().toString(16).slice(2)}`,
		...overrides,
	};
}

export const STEP_EVENT = {
	event: 'campaign.step_created',
	timestamp: '2026-04-17T14:30:00Z',
	workspace_id: 'ws_7d1c4e2a9b3f4a6e8c0d5b7a1f2e3c4d',
	data: {
		campaign_id: 'cmp_abc123',
		step: { id: 'step_5', index: 4, subject: 'Hi', body: 'Text', delay_days: 0 },
	},
};
