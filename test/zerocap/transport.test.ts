/** The Zerocap error table and duplicate detection, as pure functions. */
import { NodeApiError, NodeOperationError, type INode } from 'n8n-workflow';

import { isDuplicateClientOrderIdError } from '../../nodes/Zerocap/actions/order/create.operation';
import {
	describeError,
	errorText,
	isErrorBody,
	orderListBody,
} from '../../nodes/Zerocap/transport';

const node: INode = {
	id: 'n',
	name: 'Zerocap',
	type: 'n8n-nodes-crypto-suite.zerocap',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

describe('Zerocap error table', () => {
	it('treats only a non-empty error_message as an error body', () => {
		expect(isErrorBody({ error_message: 'Insufficient balance' })).toBe(true);
		expect(isErrorBody({ id: 'x', error_message: '' })).toBe(false);
		expect(isErrorBody({ id: 'x', error_message: '   ' })).toBe(false);
		expect(isErrorBody({ order_list: [], status: 'success' })).toBe(false);
		expect(isErrorBody('error_message')).toBe(false);
		expect(isErrorBody([{ error_message: 'x' }])).toBe(false);
	});

	it("takes the server's words from the usual keys or the text", () => {
		expect(errorText({ error_code: '400', error_message: 'invalid message' })).toBe(
			'invalid message',
		);
		expect(errorText({ detail: 'Not Found' })).toBe('Not Found');
		expect(errorText('  plain text  ')).toBe('plain text');
		expect(errorText(undefined)).toBe('');
	});

	it.each([
		[
			200,
			{ error_message: 'Insufficient balance' },
			'Zerocap rejected the request: Insufficient balance',
		],
		[
			401,
			{ error_code: '401', error_message: 'Unauthorized' },
			'Zerocap rejected the credentials (401): Unauthorized',
		],
		[403, '', 'Zerocap rejected the credentials (403)'],
		[
			400,
			{ error_message: 'Invalid amount: -1' },
			'Zerocap rejected the request as invalid (400): Invalid amount: -1',
		],
		[404, { error_message: 'Order not found: x' }, 'Zerocap: not found (404): Order not found: x'],
		[429, '', 'Zerocap: too many requests (429)'],
		[502, '<html>Bad Gateway</html>', 'Zerocap server error (502): <html>Bad Gateway</html>'],
		[418, { message: 'teapot' }, 'Zerocap answered 418: teapot'],
	])('HTTP %i %j → %s', (status, body, message) => {
		expect(describeError(status, body).message).toBe(message);
	});

	it('points at the clock when the timestamp expired, and at the scheme otherwise', () => {
		expect(
			describeError(401, {
				error_message: 'Request expired: timestamp is more than 30 seconds from server time',
			}).description,
		).toMatch(/system clock/);
		expect(describeError(401, { error_message: 'Unauthorized' }).description).toMatch(
			/Timestamp HMAC/,
		);
	});

	it('recognises duplicate client order ID rejections only', () => {
		const apiError = (message: string) => new NodeApiError(node, { message }, { message });
		expect(
			isDuplicateClientOrderIdError(
				apiError(
					'Zerocap rejected the request: Duplicate client_order_id abc: order x already exists',
				),
			),
		).toBe(true);
		expect(
			isDuplicateClientOrderIdError(
				apiError('Zerocap rejected the request as invalid (400): clientOrderId already exists'),
			),
		).toBe(true);
		expect(
			isDuplicateClientOrderIdError(apiError('Zerocap answered 409: client order id already used')),
		).toBe(true);
		expect(
			isDuplicateClientOrderIdError(apiError('Zerocap rejected the request: Insufficient balance')),
		).toBe(false);
		expect(
			isDuplicateClientOrderIdError(apiError('Zerocap rejected the request: duplicate request')),
		).toBe(false);
		expect(
			isDuplicateClientOrderIdError(new NodeOperationError(node, 'duplicate client_order_id')),
		).toBe(false);
	});

	it('builds the fetch_orders body with every key the SDK sends', () => {
		expect(orderListBody({}, 1, 500)).toEqual({
			symbol: '',
			start_datetime: 0,
			end_datetime: 0,
			page: 1,
			ids: '',
			status: '',
			sort_order: 'desc',
			order_type: '',
			side: '',
			limit: 500,
		});
	});
});
