/**
 * Which Quoine orders carry a client_order_id, and its shape: a derived one by default on the
 * Liquid exchange (pinned to Python's uuid.uuid5), none by default elsewhere, a custom one only
 * when it fits the exchange's rule, checked before anything is sent.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { resetRateWindows } from '../../nodes/shared/rateLimit';
import { forgetSentKeys } from '../../nodes/shared/idempotency';
import { runNode } from '../helpers/engine';
import { HOST, SECRET, TOKEN_ID, noPacing } from './fixtures';

const LIQUID = 'https://api.liquid.com';
// python3 -c "import uuid; print(uuid.uuid5(uuid.UUID('6c1f0e52-9b0f-4c8e-a3e4-2f7d5b9c1a60'), 'test-instance\ntest-workflow\nnode-0\ntest-execution\n0\n0'))"
const DERIVED_ITEM_0 = '0cc7cfc0-d344-5c18-982d-2c11f21e3556';

const credentialsFor = (exchange: string) => ({
	quoineApi: { apiTokenId: TOKEN_ID, apiSecret: SECRET, exchange, baseUrl: HOST, vendorId: '', language: '' },
});
const limit = (extra: IDataObject = {}) => ({
	resource: 'order',
	operation: 'createLimit',
	productId: { __rl: true, mode: 'id', value: '1' },
	side: 'buy',
	quantity: '0.01',
	price: '500.5',
	...noPacing,
	...extra,
});

describe('Quoine client order IDs', () => {
	beforeEach(() => {
		nock.disableNetConnect();
		resetRateWindows();
		forgetSentKeys();
	});
	afterEach(() => {
		nock.cleanAll();
		nock.enableNetConnect();
	});

	function capture(host: string) {
		const bodies: IDataObject[] = [];
		nock(host)
			.post('/orders')
			.reply(200, (_uri, body) => {
				bodies.push(body as IDataObject);
				return { id: 7, ...((body as { order: IDataObject }).order ?? {}) };
			});
		return bodies;
	}

	it('on Liquid, Automatic sends a client order ID derived from instance, workflow, node, execution, run and item', async () => {
		const bodies = capture(LIQUID);
		const result = await runNode({ type: 'quoine', parameters: limit(), credentials: credentialsFor('liquid') });
		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([
			{
				order: {
					order_type: 'limit',
					product_id: 1,
					side: 'buy',
					quantity: '0.01',
					price: '500.5',
					client_order_id: DERIVED_ITEM_0,
				},
			},
		]);
		expect(result.json[0]).toMatchObject({ id: 7, client_order_id: DERIVED_ITEM_0, alreadyExisted: false });
	});

	it('elsewhere, Automatic sends none; Derived and Custom send one; None never does', async () => {
		const plain = capture(HOST);
		await runNode({ type: 'quoine', parameters: limit(), credentials: credentialsFor('custom') });
		expect((plain[0].order as IDataObject).client_order_id).toBeUndefined();

		const derived = capture(HOST);
		await runNode({
			type: 'quoine',
			parameters: limit({ clientOrderIdMode: 'derived' }),
			credentials: credentialsFor('custom'),
			executionId: 'other-execution',
		});
		expect((derived[0].order as IDataObject).client_order_id).toMatch(/^[0-9a-f-]{36}$/);
		expect((derived[0].order as IDataObject).client_order_id).not.toBe(DERIVED_ITEM_0);

		const custom = capture(HOST);
		await runNode({
			type: 'quoine',
			parameters: limit({ clientOrderIdMode: 'custom', clientOrderId: 'my-order-1' }),
			credentials: credentialsFor('custom'),
		});
		expect((custom[0].order as IDataObject).client_order_id).toBe('my-order-1');

		const none = capture(LIQUID);
		await runNode({
			type: 'quoine',
			parameters: limit({ clientOrderIdMode: 'none' }),
			credentials: credentialsFor('liquid'),
		});
		expect((none[0].order as IDataObject).client_order_id).toBeUndefined();
	});

	it.each([
		['a space', 'has space'],
		['an underscore', 'under_score'],
		['37 characters', 'a'.repeat(37)],
		['full-width letters', 'ｍｙ-order'],
		['100,000 characters', 'x'.repeat(100_000)],
	])(
		'refuses a custom client order ID with %s before sending',
		async (_what, clientOrderId) => {
			const result = await runNode({
				type: 'quoine',
				parameters: limit({ clientOrderIdMode: 'custom', clientOrderId }),
				credentials: credentialsFor('liquid'),
			});
			expect(result.error?.message).toBe('Custom Client Order ID: must be 1 to 36 letters, digits or -');
			expect(nock.pendingMocks()).toEqual([]);
		},
	);
});
