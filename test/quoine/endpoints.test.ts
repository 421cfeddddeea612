/**
 * The endpoint table (nodes/Quoine/transport/endpoints.ts) against the node and the simulator:
 * every operation the node offers has exactly one row, every row is routed by the simulator with
 * the method listed, private rows are refused without a signature and public rows are not.
 */
import type { INodeProperties } from 'n8n-workflow';

import { Quoine } from '../../nodes/Quoine/Quoine.node';
import { endpointPath, endpointRequest, pagedRequest, QUOINE_ENDPOINTS } from '../../nodes/Quoine/transport/endpoints';
import { QuoineSimulator } from '../../sandbox/quoine';

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
		expect(endpointPath(QUOINE_ENDPOINTS['order.cancel'], { id: 2157474 })).toBe('/orders/2157474/cancel');
		expect(endpointPath(QUOINE_ENDPOINTS['interestRate.getLadder'], { currency: 'a/b' })).toBe('/ir_ladders/a%2Fb');
		expect(() => endpointPath(QUOINE_ENDPOINTS['order.get'])).toThrow(':id');
	});

	it('gives the request parts an operation spreads: isPublic only on public rows', () => {
		expect(endpointRequest('product.get', { id: 5 })).toStrictEqual({ method: 'GET', path: '/products/5', isPublic: true });
		expect(endpointRequest('trade.close', { id: 7 })).toStrictEqual({ method: 'PUT', path: '/trades/7/close' });
		expect(pagedRequest('execution.getAll')).toStrictEqual({ path: '/executions', isPublic: true });
		expect(pagedRequest('order.getAll')).toStrictEqual({ path: '/orders' });
	});

	it.each(Object.entries(QUOINE_ENDPOINTS))('%s is routed with its method and access', async (_key, endpoint) => {
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
	});

	it('marks as paged exactly the public rows that answer a page', async () => {
		for (const endpoint of Object.values(QUOINE_ENDPOINTS)) {
			if (endpoint.access !== 'public' || endpoint.method !== 'GET') continue;
			const path = endpointPath(endpoint, { id: 1, currency: 'USD' });
			const query = endpoint.paged ? '?product_id=1' : path === '/executions' ? '?product_id=1&timestamp=0' : '';
			const response = await fetch(`${sim.url}${path}${query}`, { headers: { 'X-Quoine-API-Version': '2' } });
			const body = (await response.json()) as Record<string, unknown>;
			expect({ path, paged: 'models' in body && 'total_pages' in body }).toEqual({ path, paged: endpoint.paged });
		}
	});
});
