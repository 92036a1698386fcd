/** Small number helpers the benchmark reports share. */

export const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const seconds = (ms: number, digits = 3) => (ms / 1000).toFixed(digits);

/** `1.23–1.45` (seconds), or one value when every run agrees. */
export function secondsRange(values: number[], digits = 2): string {
	const low = seconds(Math.min(...values), digits);
	const high = seconds(Math.max(...values), digits);
	return low === high ? low : `${low}–${high}`;
}

/** One value when every run agrees, else each run's value. */
export const perRun = (values: ReadonlyArray<number | string>) =>
	values.every((v) => v === values[0]) ? String(values[0]) : values.join(' / ');
