/**
 * The endpoint table (nodes/Quoine/transport/endpoints.ts) against the node and the simulator:
 * every operation the node offers has exactly one row, every row is routed by the simulator with
 * the method listed, private rows are refused without a signature and public rows are not; the
 * operation table of docs/quoine.md says the same.
 */
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports
import { readFileSync } from 'node:fs';
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports
import { join } from 'node:path';

import type { INodeProperties } from 'n8n-workflow';

import { Quoine } from '../../nodes/Quoine/Quoine.node';
import {
	endpointPath,
	endpointRequest,
	pagedRequest,
	QUOINE_ENDPOINTS,
} from '../../nodes/Quoine/transport/endpoints';
import { QuoineSimulator } from '../../sandbox/quoine';

/** `<resource>.<operation>` by the editor names: "Loan Bid|Create" → "loanBid.create". */
function keysByDisplayName(): Map<string, string> {
	const properties = new Quoine().description.properties as INodeProperties[];
	const resourceNames = new Map<string, string>();
	for (const option of (properties.find((p) => p.name === 'resource')?.options ?? []) as Array<{
		name: string;
		value: string;
	}>) {
		resourceNames.set(option.value, option.name);
	}
	const keys = new Map<string, string>();
	for (const property of properties) {
		if (property.name !== 'operation') continue;
		for (const resource of (property.displayOptions?.show?.resource ?? []) as string[]) {
			for (const option of (property.options ?? []) as Array<{ name: string; value: string }>) {
				keys.set(`${resourceNames.get(resource)}|${option.name}`, `${resource}.${option.value}`);
			}
		}
	}
	return keys;
}

function nodeOperations(): string[] {
	const properties = new Quoine().description.properties as INodeProperties[];
	const keys: string[] = [];
	for (const property of properties) {
		if (property.name !== 'operation') continue;
		const resources = (property.displayOptions?.show?.resource ?? []) as string[];
		for (const option of (property.options ?? []) as Array<{ value: string }>) {
			for (const resource of resources) keys.push(`${resource}.${option.value}`);
		}
	}
	return keys.sort();
}

describe('Quoine endpoint table', () => {
	const sim = new QuoineSimulator({ rateLimit: false });

	beforeAll(async () => {
		await sim.listen();
	});
	afterAll(async () => await sim.close());

	it('has one row for every operation of the node, and no other', () => {
		const operations = nodeOperations();
		expect(operations.length).toBeGreaterThan(30);
		expect(Object.keys(QUOINE_ENDPOINTS).sort()).toEqual(operations);
	});

	it('fills and encodes path parameters, and refuses a missing one', () => {
		expect(endpointPath(QUOINE_ENDPOINTS['order.cancel'], { id: 2157474 })).toBe(
			'/orders/2157474/cancel',
		);
		expect(endpointPath(QUOINE_ENDPOINTS['interestRate.getLadder'], { currency: 'a/b' })).toBe(
			'/ir_ladders/a%2Fb',
		);
		expect(() => endpointPath(QUOINE_ENDPOINTS['order.get'])).toThrow(':id');
	});

	it('gives every Create … Order operation the same request (one placement sends them all)', () => {
		const creates = [
			'order.createLimit',
			'order.createMarket',
			'order.createMarketWithRange',
			'order.createMargin',
		] as const;
		for (const key of creates)
			expect(QUOINE_ENDPOINTS[key]).toEqual(QUOINE_ENDPOINTS['order.createLimit']);
	});

	it('gives the request parts an operation spreads: isPublic only on public rows', () => {
		expect(endpointRequest('product.get', { id: 5 })).toStrictEqual({
			method: 'GET',
			path: '/products/5',
			isPublic: true,
		});
		expect(endpointRequest('trade.close', { id: 7 })).toStrictEqual({
			method: 'PUT',
			path: '/trades/7/close',
		});
		expect(pagedRequest('execution.getAll')).toStrictEqual({ path: '/executions', isPublic: true });
		expect(pagedRequest('order.getAll')).toStrictEqual({ path: '/orders' });
	});

	it.each(Object.entries(QUOINE_ENDPOINTS))(
		'%s is routed with its method and access',
		async (_key, endpoint) => {
			const path = endpointPath(endpoint, { id: 1, currency: 'USD' });
			const response = await fetch(`${sim.url}${path}?product_id=1`, {
				method: endpoint.method,
				headers: { 'X-Quoine-API-Version': '2', 'Content-Type': 'application/json' },
				body: endpoint.method === 'GET' ? undefined : '{}',
			});
			const text = await response.text();
			// The simulator answers {"error": "not found"} / 405 for a path or method it does not route.
			expect(response.status).not.toBe(405);
			expect(text).not.toContain('"error":"not found"');
			if (endpoint.access === 'private') {
				expect(response.status).toBe(401);
				expect(text).toBe('API Authentication failed');
			} else {
				expect(response.status).not.toBe(401);
			}
		},
	);

	it('marks as paged exactly the public rows that answer a page', async () => {
		for (const endpoint of Object.values(QUOINE_ENDPOINTS)) {
			if (endpoint.access !== 'public' || endpoint.method !== 'GET') continue;
			const path = endpointPath(endpoint, { id: 1, currency: 'USD' });
			const query = endpoint.paged
				? '?product_id=1'
				: path === '/executions'
					? '?product_id=1&timestamp=0'
					: '';
			const response = await fetch(`${sim.url}${path}${query}`, {
				headers: { 'X-Quoine-API-Version': '2' },
			});
			const body = (await response.json()) as Record<string, unknown>;
			expect({ path, paged: 'models' in body && 'total_pages' in body }).toEqual({
				path,
				paged: endpoint.paged,
			});
		}
	});

	it('agrees with the operation table of docs/quoine.md', () => {
		// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals
		const docs = readFileSync(join(__dirname, '../../docs/quoine.md'), 'utf8');
		const keys = keysByDisplayName();
		const rows = new Map<
			string,
			{ method: string; path: string; access: string; paged: boolean }
		>();
		for (const line of docs.split('\n')) {
			const cells = line.split(/(?<!\\)\|/).map((cell) => cell.trim());
			const key = keys.get(`${cells[1]}|${cells[2]}`);
			if (!key) continue;
			const match = /^`(GET|POST|PUT) ([^`?]+)(\?[^`]*)?`( \(S\))?/.exec(cells[3] ?? '');
			expect({ key, request: cells[3], parsed: match !== null }).toEqual({
				key,
				request: cells[3],
				parsed: true,
			});
			const [, method, path, query = '', signed] = match as RegExpExecArray;
			rows.set(key, {
				method,
				path: path.replace(/\{([a-zA-Z]+)\}/g, ':$1'),
				access: signed ? 'private' : 'public',
				paged: /[?&]page\b/.test(query),
			});
		}
		const expected = new Map(
			Object.entries(QUOINE_ENDPOINTS).map(([key, e]) => [
				key,
				{ method: e.method, path: e.path, access: e.access, paged: e.paged },
			]),
		);
		expect(Object.fromEntries(rows)).toEqual(Object.fromEntries(expected));
	});
});
