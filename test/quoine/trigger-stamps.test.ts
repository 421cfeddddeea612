/** The Quoine Trigger reads IDs and times of answers strictly: hex or exponent forms are not numbers. */
import type { IDataObject } from 'n8n-workflow';

import { stampOf } from '../../nodes/Quoine/trigger/cursor';
import { pollOrders, type Send } from '../../nodes/Quoine/trigger/events';

describe('Quoine Trigger answer fields', () => {
	it('reads execution IDs and seconds as numbers or plain digits only', () => {
		expect(stampOf({ id: 7, created_at: 1700000000.9 })).toMatchObject({ id: 7, ts: 1700000000 });
		expect(stampOf({ id: '7', created_at: '1700000000' })).toMatchObject({ id: 7, ts: 1700000000 });
		for (const bad of [
			{ id: '0x10', created_at: 1700000000 },
			{ id: '1e3', created_at: 1700000000 },
			{ id: 7, created_at: '0x6553f100' },
			{ id: 7, created_at: '1.7e9' },
			{ id: 7.5, created_at: 1700000000 },
			{ id: 7 },
		]) {
			expect(stampOf(bad as IDataObject)).toBeUndefined();
		}
	});

	it('leaves out orders whose ID is not a whole number', async () => {
		const send: Send = async () => ({
			models: [
				{ id: '0x10', status: 'filled', filled_quantity: '1.0', updated_at: 5 },
				{ id: 17, status: 'filled', filled_quantity: '1.0', updated_at: 5 },
			],
			current_page: 1,
			total_pages: 1,
		});
		const result = await pollOrders(send, { statuses: ['filled'] }, 10, { maxId: 10, open: {} });
		expect(result.items.map((order) => order.id)).toEqual([17]);
		expect(result.cursor.maxId).toBe(17);
	});
});
