import { describeError } from '../../nodes/Quoine/transport/errors';

describe('Quoine error table kinds', () => {
	it.each([
		[401, 'Nonce is too small', 'nonce'],
		[401, { message: 'API Authentication failed' }, 'auth'],
		[429, { message: 'API rate limit exceeded. Please retry after 300s' }, 'rateLimited'],
		[422, { errors: { user: ['not_enough_free_balance'] } }, 'insufficientFunds'],
		[422, { message: 'not_enough_fund' }, 'insufficientFunds'],
		[404, { message: 'Order not found' }, 'notFound'],
	])('HTTP %i %j is of kind %s', (status, body, kind) => {
		expect(describeError(status, body).kind).toBe(kind);
	});

	it('leaves the kind to the HTTP status when the text is not known', () => {
		expect(describeError(500, { message: 'boom' }).kind).toBeUndefined();
		expect(describeError(422, { errors: { price: ['price_too_high'] } }).kind).toBeUndefined();
	});
});
