/**
 * One summary table for the hostile suite (faults, secrets, triggers, and any other file that
 * records into it). Every case adds a row; at the end of each file its rows are saved next to the
 * rows of the other files of the same jest run, and the table of everything recorded so far is
 * printed, so the last file to finish prints the whole suite. `finish()` throws (failing the file)
 * when any bad column is not zero: a case that did not pass, a request that should not have been
 * sent, a duplicated write or event, a lost event, or a leaked secret.
 */
// Test tooling, not part of the package: the rows of the files of one jest run meet on disk.
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'fs';
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports
import { tmpdir } from 'os';
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports
import { join } from 'path';

export interface SummaryRow {
	/** The service or trigger. */
	service: string;
	/** What was tried (operation and fault). */
	case: string;
	passed: boolean;
	/** Requests (or records) that should not exist: a write executed where none should be. */
	wronglySent: number;
	/** Writes recorded more than once, or events emitted more than once. */
	duplicates: number;
	/** Events produced by the server and never emitted. */
	lost: number;
	/** Secrets, key slices, tokens or signatures found in outputs, errors or logs. */
	leaks: number;
}

interface Totals {
	cases: number;
	passed: number;
	wronglySent: number;
	duplicates: number;
	lost: number;
	leaks: number;
}

/** Jest workers are child processes of the jest run; in band, the test runs in the jest process. */
function runDirectory(): string {
	// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals
	const runId = typeof process.send === 'function' ? process.ppid : process.pid;
	return join(tmpdir(), `n8n-crypto-suite-hostile-${runId}`);
}

function totalsOf(rows: SummaryRow[]): Totals {
	return {
		cases: rows.length,
		passed: rows.filter((row) => row.passed).length,
		wronglySent: rows.reduce((sum, row) => sum + row.wronglySent, 0),
		duplicates: rows.reduce((sum, row) => sum + row.duplicates, 0),
		lost: rows.reduce((sum, row) => sum + row.lost, 0),
		leaks: rows.reduce((sum, row) => sum + row.leaks, 0),
	};
}

const COLUMNS = 'cases  passed  wrongly-sent  duplicates  lost  leaks';

function line(label: string, totals: Totals): string {
	return `${label.padEnd(34)} ${String(totals.cases).padStart(5)}  ${String(totals.passed).padStart(6)}  ${String(totals.wronglySent).padStart(12)}  ${String(totals.duplicates).padStart(10)}  ${String(totals.lost).padStart(4)}  ${String(totals.leaks).padStart(5)}`;
}

/** The table: one line per suite and service, then the total; failing rows listed below it. */
export function formatSummary(bySuite: Record<string, SummaryRow[]>): string {
	const lines = [`${'suite / service'.padEnd(34)} ${COLUMNS}`];
	const all: SummaryRow[] = [];
	for (const [suite, rows] of Object.entries(bySuite).sort(([a], [b]) => a.localeCompare(b))) {
		const services = [...new Set(rows.map((row) => row.service))];
		for (const service of services) {
			lines.push(
				line(`${suite} / ${service}`, totalsOf(rows.filter((row) => row.service === service))),
			);
		}
		all.push(...rows);
	}
	lines.push(line('TOTAL', totalsOf(all)));
	const bad = all.filter(
		(row) => !row.passed || row.wronglySent || row.duplicates || row.lost || row.leaks,
	);
	for (const row of bad.slice(0, 50)) {
		lines.push(
			`  BAD ${row.service} / ${row.case}: passed=${row.passed} wrongly-sent=${row.wronglySent} duplicates=${row.duplicates} lost=${row.lost} leaks=${row.leaks}`,
		);
	}
	return lines.join('\n');
}

export class HostileSummary {
	readonly rows: SummaryRow[] = [];

	private readonly unhandled: unknown[] = [];

	private readonly onUnhandled = (reason: unknown) => {
		this.unhandled.push(reason);
	};

	constructor(private readonly suite: string) {}

	/** Counts unhandled promise rejections until finish() (a node must never leave one behind). */
	watchUnhandledRejections(): void {
		// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals
		process.on('unhandledRejection', this.onUnhandled);
	}

	/** Adds a row that counts as failed until `pass()` is called on it. */
	add(row: Partial<SummaryRow> & { service: string; case: string }): SummaryRow {
		const full: SummaryRow = {
			passed: false,
			wronglySent: 0,
			duplicates: 0,
			lost: 0,
			leaks: 0,
			...row,
		};
		this.rows.push(full);
		return full;
	}

	/** Saves this file's rows, prints the table of the run so far, and throws on any bad column. */
	finish(): void {
		// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals
		if (process.listeners('unhandledRejection').includes(this.onUnhandled)) {
			// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals
			process.off('unhandledRejection', this.onUnhandled);
			const row = this.add({
				service: 'all',
				case: `unhandled promise rejections: ${this.unhandled.length}`,
			});
			row.passed = this.unhandled.length === 0;
		}
		const directory = runDirectory();
		let bySuite: Record<string, SummaryRow[]> = { [this.suite]: this.rows };
		try {
			mkdirSync(directory, { recursive: true });
			writeFileSync(join(directory, `${this.suite}.json`), JSON.stringify(this.rows));
			bySuite = {};
			for (const file of readdirSync(directory).filter((name) => name.endsWith('.json'))) {
				bySuite[file.replace(/\.json$/, '')] = JSON.parse(
					readFileSync(join(directory, file), 'utf8'),
				) as SummaryRow[];
			}
			bySuite[this.suite] = this.rows;
		} catch {
			// A read-only temporary directory: print this file's rows only.
		}
		// The summary table of the suite (tests are not part of the package). Through jest's console,
		// which reports it with the file's results: a worker's own stdout can be cut off when jest
		// force-exits right after the last file.
		// eslint-disable-next-line no-console
		console.log(`Hostile suite summary (after ${this.suite}):\n${formatSummary(bySuite)}`);
		const mine = totalsOf(this.rows);
		if (
			mine.passed !== mine.cases ||
			mine.wronglySent ||
			mine.duplicates ||
			mine.lost ||
			mine.leaks
		) {
			throw new Error(
				`${this.suite}: ${mine.cases - mine.passed} failed cases, ${mine.wronglySent} wrongly sent, ${mine.duplicates} duplicates, ${mine.lost} lost, ${mine.leaks} leaks`,
			);
		}
	}
}
