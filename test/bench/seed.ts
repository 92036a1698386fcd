/**
 * The benchmark's sandbox data, shared by the in-process benchmark (bench.ts) and the one in real
 * n8n (n8n.ts): 200 campaigns of 10 steps, 2,000 deletable steps, more than any single run needs.
 * The sandbox adds the contacts the campaigns' enrollments and its seeded lists refer to (783 in
 * this workspace); Contact → Update runs find them through the API (`contactTargets`).
 */
import {
	DEFAULT_CAMPAIGN_SETTINGS,
	SANDBOX_KEYS,
	type SeedCampaign,
	type SeedData,
	type Step,
} from '../sandbox/server';

export const CAMPAIGNS = 200;
export const STEPS_PER_CAMPAIGN = 10;
export const WORKSPACE_ID = 'ws_bench';

export interface Target {
	campaign: string;
	step: string;
}

export function benchSeed(): SeedData {
	const created = '2026-01-05T09:00:00Z';
	const campaigns: SeedCampaign[] = [];
	for (let c = 1; c <= CAMPAIGNS; c++) {
		const num = String(c).padStart(4, '0');
		const steps: Step[] = [];
		for (let s = 0; s < STEPS_PER_CAMPAIGN; s++) {
			steps.push({
				id: `step_b${num}_${s + 1}`,
				index: s,
				subject: `Follow-up ${s + 1} for {{company_name}}`,
				body: `Hi {{first_name}}, this is message ${s + 1} of benchmark sequence ${num}.`,
				delay_days: s === 0 ? 0 : 2,
				delay_hours: 0,
				send_condition: s === 0 ? 'always' : 'if_no_reply',
				created_at: created,
			});
		}
		campaigns.push({
			id: `cmp_b${num}`,
			name: `Benchmark campaign ${num}`,
			...DEFAULT_CAMPAIGN_SETTINGS,
			description: 'Benchmark data',
			status: 'active',
			created_at: created,
			steps,
		});
	}
	return {
		workspaces: [{ id: WORKSPACE_ID, name: 'Benchmark LLP', campaigns }],
		apiKeys: [
			{
				value: SANDBOX_KEYS.full,
				name: 'Benchmark key',
				workspaceId: WORKSPACE_ID,
				permissions: ['campaigns:read', 'campaigns:write', 'contacts:read', 'contacts:write'],
				expiresAt: null,
			},
		],
	};
}

/** N different steps, spread over the campaigns (the first step of each, then the second...). */
export function targets(n: number): Target[] {
	if (n > CAMPAIGNS * STEPS_PER_CAMPAIGN) throw new Error(`The seed holds fewer than ${n} steps`);
	return Array.from({ length: n }, (_, i) => {
		const num = String((i % CAMPAIGNS) + 1).padStart(4, '0');
		return { campaign: `cmp_b${num}`, step: `step_b${num}_${Math.floor(i / CAMPAIGNS) + 1}` };
	});
}

/** One contact to update: its ID, and the job title the run sets. */
export interface ContactTarget {
	id: string;
	title: string;
}

/** The job title a Contact → Update run gives the i-th contact: no seeded contact has it. */
export const benchJobTitle = (index: number) =>
	`Benchmark title ${String(index + 1).padStart(4, '0')}`;

/**
 * The first N contacts of the sandbox's workspace as `GET /v1/contacts` pages them (oldest first),
 * each with a new job title.
 */
export async function contactTargets(
	baseUrl: string,
	apiKey: string,
	n: number,
): Promise<ContactTarget[]> {
	const ids: string[] = [];
	for (let page = 1; ids.length < n; page++) {
		const response = await fetch(`${baseUrl}/v1/contacts?page=${page}&per_page=100`, {
			headers: { Authorization: `Bearer ${apiKey}`, Accept: 'application/json' },
		});
		if (!response.ok) throw new Error(`GET /v1/contacts page ${page}: HTTP ${response.status}`);
		const { data } = (await response.json()) as { data: { contacts: Array<{ id: string }> } };
		if (data.contacts.length === 0) throw new Error(`the sandbox holds fewer than ${n} contacts`);
		ids.push(...data.contacts.map((contact) => contact.id));
	}
	return ids.slice(0, n).map((id, index) => ({ id, title: benchJobTitle(index) }));
}
