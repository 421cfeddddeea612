/**
 * A small in-test model of Mixin's GET /snapshots served by nock (order ASC/DESC, offset, limit
 * ≤ 500, asset, opponent), with the offset exclusive or inclusive (Mixin does not say which).
 */
import nock from 'nock';

import { canonicalRfc3339Nano } from '../../nodes/shared/polling';
import { ASSET_ID, HOST } from './fixtures';

export const T0 = BigInt('1764579600000000000');

export const OTHER_ASSET = 'c6d0c728-2624-429b-8e0d-d9d19b6592fa';

export interface Snap {
	snapshot_id: string;
	created_at: string;
	amount: string;
	asset_id: string;
	type: string;
	opponent_id: string;
}

let counter = 0;
export function id(): string {
	counter++;
	return `00000000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
}

export class Ledger {
	snapshots: Snap[] = [];
	requests: Array<Record<string, string>> = [];
	/** Index (in `requests`) of a request answered with a 500. */
	failAt: number | undefined;

	constructor(readonly inclusive: boolean) {}

	add(createdAt: string, amount = '1', assetId = ASSET_ID, opponentId = '729c1eec-f03f-3a52-b391-6092cfaba3fb'): Snap {
		const snap = { snapshot_id: id(), created_at: createdAt, amount, asset_id: assetId, opponent_id: opponentId, type: 'transfer' };
		this.snapshots.push(snap);
		return snap;
	}

	/** `count` snapshots at base + i*step nanoseconds (step 0: all at the same nanosecond). */
	burst(base: bigint, count: number, step: bigint, amount = '1'): Snap[] {
		return Array.from({ length: count }, (_, i) => this.add(nsToTime(base + BigInt(i) * step), amount));
	}

	serve(): void {
		nock(HOST)
			.persist()
			.get(/^\/snapshots/)
			.reply((uri) => {
				const query = Object.fromEntries(new URL(uri, HOST).searchParams.entries());
				this.requests.push(query);
				if (this.requests.length - 1 === this.failAt) {
					return [500, { error: { status: 500, code: 500, description: 'Internal Server Error' } }];
				}
				const limit = Number(query.limit ?? 500);
				if (limit > 500) return [202, { error: { status: 202, code: 10002, description: 'limit' } }];
				const order = query.order ?? 'DESC';
				const key = (s: Snap) => canonicalRfc3339Nano(s.created_at) as string;
				const offset = query.offset ? (canonicalRfc3339Nano(query.offset) as string) : undefined;
				let list = this.snapshots.filter(
					(s) => (!query.asset || s.asset_id === query.asset) && (!query.opponent || s.opponent_id === query.opponent),
				);
				if (offset) {
					list = list.filter((s) =>
						order === 'ASC'
							? this.inclusive ? key(s) >= offset : key(s) > offset
							: this.inclusive ? key(s) <= offset : key(s) < offset,
					);
				}
				list = [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
				if (order === 'DESC') list.reverse();
				return [200, { data: list.slice(0, limit) }];
			});
	}
}

export function nsToTime(ns: bigint): string {
	const seconds = Number(ns / BigInt(1e9));
	const fraction = (ns % BigInt(1e9)).toString().padStart(9, '0');
	return new Date(seconds * 1000).toISOString().replace('.000Z', `.${fraction}Z`);
}

