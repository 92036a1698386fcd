import type { CheckRunner } from '../../../scripts/n8n/checks';
import type { Execution, SandboxProcess } from '../../../scripts/n8n/harness';

/** What a scenario gets from the target it runs on (run.ts sets it up once per n8n version). */
export interface ScenarioContext {
	/** The target's checks: each passes or fails on its own, in the order they ran. */
	t: CheckRunner;
	/** The LeadLex sandbox the credentials point at, with its admin routes. */
	sandbox: SandboxProcess;
	/** `n8n execute` of one imported workflow, timed under `label`; its output is kept on failure. */
	execute(workflowId: string, label: string): Promise<Execution>;
}

export interface Scenario {
	name: string;
	/**
	 * Workflow files this scenario makes at run time, written into `dir`: run.ts imports them with
	 * the examples and test/e2e/workflows, before any scenario runs.
	 */
	extraWorkflows?(dir: string): string[];
	run(ctx: ScenarioContext): Promise<void>;
}
