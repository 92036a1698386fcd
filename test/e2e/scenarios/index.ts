/**
 * Every scenario of the e2e suite, in the order they run on each target. A resource's scenarios:
 * one file exporting its list, and one line here.
 */
import { CAMPAIGN_SCENARIOS } from './campaign';
import { CAMPAIGN_STEP_SCENARIOS } from './campaignStep';
import { CLIENT_CALL_SCENARIOS } from './clientCall';
import { CONTACT_SCENARIOS } from './contact';
import { CRM_SCENARIOS } from './crm';
import { LEXI_SCENARIOS } from './lexi';
import { DUPLICATES_SCENARIOS } from './duplicates';
import { DATA_IN_OUT_SCENARIOS } from './dataInOut';
import type { Scenario } from './scenario';

export const SCENARIOS: Scenario[] = [
	...CAMPAIGN_STEP_SCENARIOS,
	...CAMPAIGN_SCENARIOS,
	...CONTACT_SCENARIOS,
	...CRM_SCENARIOS,
	...CLIENT_CALL_SCENARIOS,
	...LEXI_SCENARIOS,
	...DUPLICATES_SCENARIOS,
	...DATA_IN_OUT_SCENARIOS,
];
