/**
 * CryptoCoin pure helpers: multipart bodies written out byte for byte, Laravel form fields,
 * the card payment URL, the KYC parts a profile marks required, login answers and user identities.
 */
import { formFields, multipartBody } from '../../nodes/CryptoCoin/helpers/multipart';
import { orderIdOfQuote, paymentUrlOf, quoteIdOfOrder, requiredKycOf } from '../../nodes/CryptoCoin/helpers/records';
import { fillUserPath, parseLoginAnswer, parseUserIdentity } from '../../nodes/CryptoCoin/transport/auth';
import { describeError, fieldProblems, isErrorBody } from '../../nodes/CryptoCoin/transport/errors';

describe('multipart', () => {
	it('writes fields and files as RFC 7578 parts', () => {
		const { body, contentType } = multipartBody(
			[
				{ name: 'type', value: 'passport' },
				{ name: 'front', file: Buffer.from([0xff, 0xd8, 0x00]), fileName: 'a "b".jpg', mimeType: 'image/jpeg' },
			],
			'XyZ',
		);
		expect(contentType).toBe('multipart/form-data; boundary=XyZ');
		expect(body.equals(Buffer.concat([
			Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="type"\r\n\r\npassport\r\n'),
			Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="front"; filename="a _b_.jpg"\r\nContent-Type: image/jpeg\r\n\r\n'),
			Buffer.from([0xff, 0xd8, 0x00]),
			Buffer.from('\r\n--XyZ--\r\n'),
		]))).toBe(true);
	});

	it('uses a fresh random boundary by default', () => {
		const a = multipartBody([{ name: 'x', value: '1' }]).contentType;
		const b = multipartBody([{ name: 'x', value: '1' }]).contentType;
		expect(a).toMatch(/^multipart\/form-data; boundary=----n8nCryptoCoin[0-9a-f]{24}$/);
		expect(a).not.toBe(b);
	});

	it('flattens nested JSON the Laravel way', () => {
		expect(formFields({ a: 'x', b: { c: 1, d: [true, { e: 'y' }] }, n: null })).toEqual([
			{ name: 'a', value: 'x' },
			{ name: 'b[c]', value: '1' },
			{ name: 'b[d][0]', value: 'true' },
			{ name: 'b[d][1][e]', value: 'y' },
		]);
	});
});

describe('records', () => {
	it.each([
		[{ paymentUrl: 'https://p.example/1' }, 'https://p.example/1'],
		[{ payment_url: 'https://p.example/2' }, 'https://p.example/2'],
		[{ cardPaymentLink: 'http://p.example/3' }, 'http://p.example/3'],
		[{ payment: { url: 'https://p.example/4' } }, 'https://p.example/4'],
		[{ data: { links: { payment_url: 'https://p.example/5' } } }, 'https://p.example/5'],
		[{ paymentUrl: 'javascript:alert(1)' }, undefined],
		[{ url: 'https://not-a-payment.example' }, undefined],
		[{}, undefined],
	])('finds the payment URL of %j', (order, url) => {
		expect(paymentUrlOf(order)).toBe(url);
	});

	it('links quotes and orders by any of the inferred keys', () => {
		expect(orderIdOfQuote({ order_id: 5 })).toBe('5');
		expect(orderIdOfQuote({ order: { id: 'o' } })).toBe('o');
		expect(orderIdOfQuote({})).toBeUndefined();
		expect(quoteIdOfOrder({ quoteId: 'q' })).toBe('q');
		expect(quoteIdOfOrder({ quote: 'q2' })).toBe('q2');
	});

	it('lists the KYC parts marked required, by their path', () => {
		expect(
			requiredKycOf({
				id: 'u',
				kyc: {
					personalData: { required: true, submitted: false },
					address: { required: false },
					documents: [{ type: 'passport', required: true }, { required: true }],
				},
				required: true,
			}),
		).toEqual(['kyc.personalData', 'kyc.documents.passport', 'kyc.documents.1']);
	});
});

describe('auth helpers', () => {
	it.each([
		['ana@example.com', { kind: 'email', value: 'ana@example.com' }],
		[' 42 ', { kind: 'id', value: '42' }],
		['9b7d4c1e-1111-4222-8333-444455556666', { kind: 'id', value: '9b7d4c1e-1111-4222-8333-444455556666' }],
		['ana@', undefined],
		['a b', undefined],
		['../x', undefined],
		['ａｎａ@example.com', undefined],
		['', undefined],
	])('reads %j as a user', (raw, identity) => {
		expect(parseUserIdentity(raw)).toEqual(identity);
	});

	it('reads login answers strictly', () => {
		expect(parseLoginAnswer({ data: { id: 't', userId: 'u', until: '2030-01-01T00:00:00Z' } })).toEqual({
			token: 't',
			userId: 'u',
			untilMs: Date.parse('2030-01-01T00:00:00Z'),
		});
		expect(parseLoginAnswer({ data: { id: '', userId: 'u' } })).toBeUndefined();
		expect(parseLoginAnswer({ data: { id: 't' } })).toBeUndefined();
		expect(parseLoginAnswer({ id: 't', userId: 'u' })).toBeUndefined();
		expect(parseLoginAnswer('<html>')).toBeUndefined();
	});

	it('fills the {user} segment, encoded', () => {
		expect(fillUserPath('/user/{user}/kyc', 'a/b c')).toBe('/user/a%2Fb%20c/kyc');
		expect(fillUserPath('/user/%7Buser%7D', 'u')).toBe('/user/u');
	});
});

describe('errors', () => {
	it('names up to five fields by their editor label', () => {
		expect(fieldProblems({ errors: { 'platform.id': ['The platform.id field is required.'], zzz: 'odd' } })).toEqual([
			'Platform ID (platform.id): The platform.id field is required.',
			'zzz (zzz): odd',
		]);
	});

	it.each([
		[401, {}, 'auth'],
		[403, { error: 'Forbidden' }, 'auth'],
		[423, { error: 'The account is locked.' }, 'auth'],
		[404, {}, 'notFound'],
		[422, { message: 'x', errors: { amount: ['bad'] } }, 'invalidInput'],
		[429, {}, 'rateLimited'],
		[503, 'Service Unavailable', 'serverError'],
	])('gives HTTP %s the kind %s', (status, body, kind) => {
		expect(describeError(status, body).kind).toBe(kind);
	});

	it('treats a 2xx answer with an error and no data as an error', () => {
		expect(isErrorBody({ error: 'The account is inactive.' })).toBe(true);
		expect(isErrorBody({ data: {}, error: null })).toBe(false);
		expect(isErrorBody([])).toBe(false);
	});
});
