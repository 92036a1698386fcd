/**
 * CSV as the sandbox reads (imports) and writes (the contact export) it: RFC 4180, comma
 * separated, values with a comma, a quote or a line break in double quotes (a quote doubled),
 * lines ended by CRLF or LF. No LeadLex rules live here.
 */

/** The records of a CSV text, each a list of values; blank lines are skipped. */
export function parseCsv(text: string): string[][] {
	const records: string[][] = [];
	let record: string[] = [];
	let value = '';
	let quoted = false;
	let started = false;
	const endValue = () => {
		record.push(value);
		value = '';
	};
	const endRecord = () => {
		endValue();
		if (record.length > 1 || record[0] !== '') records.push(record);
		record = [];
		started = false;
	};
	for (let index = 0; index < text.length; index++) {
		const char = text[index];
		if (quoted) {
			if (char === '"' && text[index + 1] === '"') {
				value += '"';
				index++;
			} else if (char === '"') quoted = false;
			else value += char;
			continue;
		}
		if (char === '"' && value === '') {
			quoted = true;
			started = true;
		} else if (char === ',') {
			endValue();
			started = true;
		} else if (char === '\r' || char === '\n') {
			if (char === '\r' && text[index + 1] === '\n') index++;
			endRecord();
		} else {
			value += char;
			started = true;
		}
	}
	if (started || value !== '' || record.length) endRecord();
	return records;
}

/** One value, quoted when it must be. */
function csvValue(value: unknown): string {
	const text = value === null || value === undefined ? '' : String(value);
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A header line and one line per record, each ended by CRLF. */
export function formatCsv(columns: readonly string[], rows: unknown[][]): string {
	const lines = [columns, ...rows].map((row) => row.map(csvValue).join(','));
	return `${lines.join('\r\n')}\r\n`;
}
