import { generateKeyPairSync, type KeyObject } from 'crypto';
import { importSPKI, jwtVerify } from 'jose';

import { signJwt, tryParsePrivateKey } from '../../nodes/shared/jwt';

describe('signJwt', () => {
	it('HS256 matches a token computed independently (PyJWT key order, raw UTF-8 secret)', () => {
		const token = signJwt(
			'HS256',
			{ path: '/orders?product_id=1', nonce: 1700000000000, token_id: '123' },
			'test-secret',
		);
		expect(token).toBe(
			'eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJwYXRoIjoiL29yZGVycz9wcm9kdWN0X2lkPTEiLCJub25jZSI6MTcwMDAwMDAwMDAwMCwidG9rZW5faWQiOiIxMjMifQ.BsZhb7txz7dktmyyaJwDqtqB4SOtlzzFr0nxjR7ivU0',
		);
	});

	it.each([
		['ES256', () => generateKeyPairSync('ec', { namedCurve: 'prime256v1' })],
		['RS512', () => generateKeyPairSync('rsa', { modulusLength: 2048 })],
		['EdDSA', () => generateKeyPairSync('ed25519')],
	] as const)('%s tokens verify with jose', async (algorithm, makePair) => {
		const { privateKey, publicKey } = makePair();
		const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
		const token = signJwt(algorithm, { sub: 'abc', n: 1 }, pem);
		const key = await importSPKI(publicKey.export({ type: 'spki', format: 'pem' }).toString(), algorithm);
		const { payload, protectedHeader } = await jwtVerify(token, key, { algorithms: [algorithm] });
		expect(payload).toEqual({ sub: 'abc', n: 1 });
		expect(protectedHeader).toEqual({ typ: 'JWT', alg: algorithm });
	});

	it('ES256 signatures are raw r‖s (64 bytes), not DER', () => {
		const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
		const token = signJwt('ES256', { sub: 'x' }, privateKey);
		expect(Buffer.from(token.split('.')[2], 'base64url')).toHaveLength(64);
	});
});

describe('tryParsePrivateKey', () => {
	const pemOf = () =>
		generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
			.privateKey.export({ type: 'pkcs8', format: 'pem' })
			.toString();

	it('parses a PEM text once: the same text gives the same key object, for every request', () => {
		const pem = pemOf();
		const first = tryParsePrivateKey(pem);
		expect(first?.asymmetricKeyType).toBe('ec');
		expect(tryParsePrivateKey(pem)).toBe(first);
	});

	it('another text is another key; text that is no key is undefined and never remembered', () => {
		const a = tryParsePrivateKey(pemOf());
		const b = tryParsePrivateKey(pemOf());
		expect(a).toBeDefined();
		expect(b).toBeDefined();
		expect(a).not.toBe(b);
		expect(a?.equals(b as KeyObject)).toBe(false);
		expect(tryParsePrivateKey('-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----')).toBeUndefined();
		expect(tryParsePrivateKey('')).toBeUndefined();
	});

	it('keeps a bounded number of keys: an old one is parsed anew after many others', () => {
		const pem = pemOf();
		const first = tryParsePrivateKey(pem);
		for (let i = 0; i < 20; i++) tryParsePrivateKey(pemOf());
		const again = tryParsePrivateKey(pem);
		expect(again).not.toBe(first);
		expect(again?.equals(first as KeyObject)).toBe(true);
	});
});
