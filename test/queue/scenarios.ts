/**
 * The queue-mode scenarios, in the order they run on one stack: A before B (A's 300 new steps
 * would each fire the trigger), C last (it reads what A and B left behind).
 */
import type { Scenario } from './context';
import { scenarioA } from './deletes';
import { scenarioC } from './secrets';
import { scenarioB } from './trigger';

export const SCENARIOS: Scenario[] = [scenarioA, scenarioB, scenarioC];
