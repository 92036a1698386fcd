/**
 * The node runs on the user's own n8n-workflow (a peer dependency). 1.x has `sleepWithAbort` and a
 * `sleep` without a signal; 2.x has `sleep(ms, signal)` only. The rate-limit wait must work, and
 * stop on cancellation, on both: here the built helper runs against each version.
 */
type Pause = (ms: number, signal?: AbortSignal) => Promise<void>;

const versions: Array<[string, string, boolean]> = [
	['n8n-workflow 2.x', 'n8n-workflow', false],
	['n8n-workflow 1.x', 'n8n-workflow-1x', true],
];

describe.each(versions)('the rate-limit wait on %s', (_label, moduleName, hasSleepWithAbort) => {
	let pause: Pause;

	beforeAll(() => {
		jest.isolateModules(() => {
			jest.doMock('n8n-workflow', () => jest.requireActual(moduleName));
			expect(typeof jest.requireActual<Record<string, unknown>>(moduleName).sleepWithAbort).toBe(
				hasSleepWithAbort ? 'function' : 'undefined',
			);
			pause = jest.requireActual<{ pause: Pause }>('../../dist/nodes/shared/rateLimit/pause').pause;
		});
	});

	test('waits for the time asked', async () => {
		const started = Date.now();
		await pause(120, new AbortController().signal);
		expect(Date.now() - started).toBeGreaterThanOrEqual(110);
	});

	test('a cancelled execution ends the wait at once', async () => {
		const controller = new AbortController();
		const started = Date.now();
		const waiting = pause(20_000, controller.signal);
		controller.abort(new Error('cancelled'));
		await expect(waiting).rejects.toThrow();
		expect(Date.now() - started).toBeLessThan(1000);
	});

	test('a signal aborted before the wait rejects without waiting', async () => {
		const controller = new AbortController();
		controller.abort(new Error('already cancelled'));
		// 1.x's sleepWithAbort rejects with its own error, 2.x's sleep with the signal's reason.
		await expect(pause(20_000, controller.signal)).rejects.toThrow(
			hasSleepWithAbort ? 'The execution was cancelled manually' : 'already cancelled',
		);
	});
});
