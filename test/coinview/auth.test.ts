/**
 * CoinView signing and PIN encryption against vectors computed independently (vectors.json, made
 * with Python's `cryptography` by vectors.py), plus jose verification and a hand-written
 * decryption of the encrypted PIN on the server's side.
 */
import { createDecipheriv, createPublicKey, generateKeyPairSync, privateDecrypt, constants } from 'crypto';
import { decodeJwt, importSPKI, jwtVerify } from 'jose';

import {
	decodeBackupSecretKey,
	edwardsToMontgomery,
	encodeQuery,
	encryptPin,
	nextPinIterator,
	parseSessionKey,
	requestSignature,
	sessionValuesOf,
	signCoinViewRequest,
	signRequestToken,
	ENCRYPTED_PIN,
} from '../../nodes/CoinView/transport/auth';
import { PIN, SESSION_ID, USER_ID, edCredentials, rsaCredentials, vectors } from './fixtures';

const IAT = 1764579600;
const JTI = '0f6a4c1e-7d2b-4b8e-9a51-3c2d1e0f9a8b';
const IV = Buffer.from([...Array(16).keys()]);
const ITERATOR = BigInt('1764579600123456789');

describe('request signature (sig claim)', () => {
	it('matches the spec vectors', () => {
		expect(requestSignature('GET', '/assets')).toBe(
			'8573ec5a47c691db3073f922506879989baa20b82fcd1e126c07db6b4b9e079e',
		);
		expect(
			requestSignature('GET', '/snapshots?limit=500&offset=2018-09-11T05%3A39%3A25.429083062Z'),
		).toBe('8c48c5972cecda14304761bbfb168337978d80ad241fd95124ee424726cc31c7');
	});

	it('encodes the query as Python quote_plus does', () => {
		expect(encodeQuery({ limit: 500, offset: '2018-09-11T05:39:25.429083062Z' })).toBe(
			'limit=500&offset=2018-09-11T05%3A39%3A25.429083062Z',
		);
		expect(encodeQuery({ a: "x y*!'()~", b: undefined, c: '' })).toBe('a=x+y%2A%21%27%28%29~');
	});
});

describe('session keys', () => {
	it('detects RSA PKCS#1 PEM, base64 DER PKCS#1 and PKCS#8', () => {
		for (const text of [vectors.rsaPem, vectors.rsaDerPkcs1, vectors.rsaDerPkcs8]) {
			expect(parseSessionKey(text).kind).toBe('rsa');
		}
	});

	it('detects Ed25519 as hex seed, base64url seed, base64 seed and seed‖public', () => {
		const seed = Buffer.from(vectors.edSeedHex, 'hex');
		const full = Buffer.concat([seed, Buffer.from(vectors.edPublicHex, 'hex')]);
		for (const text of [
			vectors.edSeedHex,
			seed.toString('base64url'),
			seed.toString('base64'),
			full.toString('hex'),
			full.toString('base64url'),
		]) {
			const key = parseSessionKey(text);
			expect(key.kind).toBe('ed25519');
			expect(key.seed?.toString('hex')).toBe(vectors.edSeedHex);
		}
	});

	it('rejects a 64-byte key whose second half is not its public key', () => {
		const bad = Buffer.concat([Buffer.from(vectors.edSeedHex, 'hex'), Buffer.alloc(32, 7)]);
		expect(() => parseSessionKey(bad.toString('hex'))).toThrow(/not a seed followed by its own public key/);
	});

	it('rejects keys of the wrong kind with a clear message and no key text', () => {
		const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
			.privateKey.export({ type: 'pkcs8', format: 'pem' })
			.toString();
		expect(() => parseSessionKey(ec)).toThrow(/this is a EC key.*RSA or Ed25519/);
		expect(() => parseSessionKey('not a key, at all!')).toThrow(/not a key this credential understands/);
		expect(() => parseSessionKey(Buffer.alloc(40, 1).toString('base64'))).toThrow(/40 bytes/);
		expect(() => parseSessionKey('')).toThrow(/Private Key is missing/);
		const broken = vectors.rsaPem.replace('MII', 'XXX');
		expect(() => parseSessionKey(broken)).toThrow(/PEM text cannot be read/);
		expect(() => parseSessionKey(broken)).not.toThrow(/XXX/);
	});
});

describe('backup secret key', () => {
	it('decodes an RSA backup (base64 JSON with camelCase keys, base64 DER key)', () => {
		const values = decodeBackupSecretKey(vectors.rsaBackup, PIN);
		expect(values).toEqual({
			userId: USER_ID,
			sessionId: SESSION_ID,
			pin: PIN,
			pinToken: vectors.rsaPinToken,
			privateKey: vectors.rsaDerPkcs8,
		});
		expect(parseSessionKey(values.privateKey).kind).toBe('rsa');
	});

	it('decodes an Ed25519 backup', () => {
		const values = decodeBackupSecretKey(vectors.edBackup, PIN);
		expect(values.pinToken).toBe(vectors.edPinTokenEdwardsHex);
		expect(parseSessionKey(values.privateKey).kind).toBe('ed25519');
	});

	it('names what is wrong with a bad backup', () => {
		expect(() => decodeBackupSecretKey('%%%', PIN)).toThrow(/not base64/);
		expect(() => decodeBackupSecretKey(Buffer.from('hello').toString('base64'), PIN)).toThrow(/JSON/);
		expect(() =>
			decodeBackupSecretKey(Buffer.from('{"id":"x"}').toString('base64'), PIN),
		).toThrow(/no sessionId, pinToken, privateKey/);
	});

	it('checks the PIN of a backup credential (6 digits)', () => {
		for (const pin of ['12345', '1234567', '12345a', '１２３４５６', '']) {
			expect(() =>
				sessionValuesOf({ source: 'backup', backupSecretKey: vectors.rsaBackup, pinSecret: pin }),
			).toThrow(/PIN must be exactly 6 digits/);
		}
	});
});

describe('JWT', () => {
	it('RS512 token equals the independently computed one and verifies with jose', async () => {
		const key = parseSessionKey(vectors.rsaPem);
		const { token } = signRequestToken(
			key,
			{ userId: USER_ID, sessionId: SESSION_ID },
			{ method: 'GET', uri: '/assets' },
			{ nowSeconds: IAT, jti: JTI },
		);
		expect(token).toBe(vectors.rsaJwtGetAssets);
		const publicPem = createPublicKey(vectors.rsaPem).export({ type: 'spki', format: 'pem' }).toString();
		const { payload, protectedHeader } = await jwtVerify(token, await importSPKI(publicPem, 'RS512'), {
			currentDate: new Date(IAT * 1000),
		});
		expect(protectedHeader.alg).toBe('RS512');
		expect(payload).toMatchObject({ uid: USER_ID, sid: SESSION_ID, scp: 'FULL', exp: IAT + 3600 });
	});

	it('EdDSA token equals the independently computed one', () => {
		const key = parseSessionKey(vectors.edSeedHex);
		const { token } = signRequestToken(
			key,
			{ userId: USER_ID, sessionId: SESSION_ID },
			{ method: 'POST', uri: '/payments', body: vectors.edJwtBody },
			{ nowSeconds: IAT, jti: JTI },
		);
		expect(token).toBe(vectors.edJwtPostPayments);
	});

	it('a fresh jti (random UUID v4) for every token', () => {
		const key = parseSessionKey(vectors.edSeedHex);
		const jtis = new Set<string>();
		for (let i = 0; i < 200; i++) {
			const { jti } = signRequestToken(key, { userId: USER_ID, sessionId: SESSION_ID }, { method: 'GET', uri: '/assets' });
			expect(jti).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
			jtis.add(jti);
		}
		expect(jtis.size).toBe(200);
	});
});

describe('PIN encryption', () => {
	const options = { nowSeconds: IAT, iterator: ITERATOR, iv: IV };

	it('RSA: equals the independent vector (OAEP SHA-256, session ID label, AES-256-CBC, base64)', () => {
		const key = parseSessionKey(vectors.rsaPem);
		expect(encryptPin(key, { sessionId: SESSION_ID, pin: PIN, pinToken: vectors.rsaPinToken }, options)).toBe(
			vectors.rsaEncryptedPin,
		);
	});

	it('Ed25519 with a Curve25519 PIN token: equals the independent vector (base64url)', () => {
		const key = parseSessionKey(vectors.edSeedHex);
		expect(encryptPin(key, { sessionId: SESSION_ID, pin: PIN, pinToken: vectors.edPinTokenCurve }, options)).toBe(
			vectors.edEncryptedPinCurve,
		);
	});

	it('Ed25519 with an Ed25519 server key (hex): equals the independent vector', () => {
		const key = parseSessionKey(vectors.edSeedHex);
		expect(
			encryptPin(key, { sessionId: SESSION_ID, pin: PIN, pinToken: vectors.edPinTokenEdwardsHex }, options),
		).toBe(vectors.edEncryptedPinEdwards);
	});

	it('Edwards → Montgomery agrees with X25519 of the clamped SHA-512 of the seed', () => {
		// Two different formulas for the same point: u from y, and the X25519 base-point product.
		const { x25519PrivateFromSeed } = jest.requireActual('../../nodes/CoinView/transport/auth');
		const { createPrivateKey } = jest.requireActual('crypto');
		const scalar: Buffer = x25519PrivateFromSeed(Buffer.from(vectors.edSeedHex, 'hex'));
		const x = createPrivateKey({
			key: Buffer.concat([Buffer.from('302e020100300506032b656e04220420', 'hex'), scalar]),
			format: 'der',
			type: 'pkcs8',
		});
		const spki = createPublicKey(x).export({ type: 'spki', format: 'der' });
		expect(edwardsToMontgomery(Buffer.from(vectors.edPublicHex, 'hex')).toString('hex')).toBe(
			spki.subarray(spki.length - 32).toString('hex'),
		);
	});

	it('RSA: the server side decrypts a fresh PIN (random IV) to PIN ‖ time ‖ iterator', () => {
		const key = parseSessionKey(vectors.rsaPem);
		const encrypted = encryptPin(key, { sessionId: SESSION_ID, pin: PIN, pinToken: vectors.rsaPinToken });
		const aesKey = privateDecrypt(
			{
				key: vectors.rsaPem,
				padding: constants.RSA_PKCS1_OAEP_PADDING,
				oaepHash: 'sha256',
				oaepLabel: Buffer.from(SESSION_ID),
			},
			Buffer.from(vectors.rsaPinToken, 'base64'),
		);
		expect(aesKey.toString('hex')).toBe(vectors.rsaAesKeyHex);
		const sealed = Buffer.from(encrypted, 'base64');
		expect(sealed).toHaveLength(48);
		expect(encrypted).toHaveLength(64);
		const decipher = createDecipheriv('aes-256-cbc', aesKey, sealed.subarray(0, 16));
		const plain = Buffer.concat([decipher.update(sealed.subarray(16)), decipher.final()]);
		expect(plain).toHaveLength(22);
		expect(plain.subarray(0, 6).toString('ascii')).toBe(PIN);
		const seconds = Number(plain.readBigUInt64LE(6));
		expect(Math.abs(seconds - Date.now() / 1000)).toBeLessThan(600);
		expect(plain.readBigUInt64LE(14) > BigInt(2) ** BigInt(60)).toBe(true);
	});

	it('iterators strictly increase per session, past 2^53, also when the clock stands still', () => {
		const session = `iter-${Date.now()}`;
		const values = [0, 1, 2, 3].map(() => nextPinIterator(session, 1764579600000));
		expect(values[0]).toBe(BigInt('1764579600000000000'));
		for (let i = 1; i < values.length; i++) expect(values[i]).toBe(values[i - 1] + BigInt(1));
		// a later time (a new process) starts above every earlier value
		expect(nextPinIterator(`${session}-other`, 1764579600001) > values[3]).toBe(true);
		// another session starts on its own
		expect(nextPinIterator(`${session}-b`, 1764579600000)).toBe(BigInt('1764579600000000000'));
	});

	it('wrong PIN token kind for the key is a clear credential error', () => {
		const rsa = parseSessionKey(vectors.rsaPem);
		const ed = parseSessionKey(vectors.edSeedHex);
		expect(() => encryptPin(ed, { sessionId: SESSION_ID, pin: PIN, pinToken: vectors.rsaPinToken })).toThrow(
			/looks like one for an RSA session/,
		);
		expect(() => encryptPin(rsa, { sessionId: SESSION_ID, pin: PIN, pinToken: vectors.edPinTokenCurve })).toThrow(
			/too short/,
		);
		expect(() =>
			encryptPin(rsa, { sessionId: '00000000-0000-4000-8000-000000000000', pin: PIN, pinToken: vectors.rsaPinToken }),
		).toThrow(/cannot be decrypted with this private key and session ID/);
	});
});

describe('signCoinViewRequest', () => {
	it('direct mode: Bearer token over method + URI with query; X-Request-Id = jti', async () => {
		const signed = signCoinViewRequest(rsaCredentials, {
			method: 'GET',
			url: '/snapshots',
			qs: { limit: 500, offset: '2018-09-11T05:39:25.429083062Z' },
		});
		expect(signed.url).toBe('/snapshots?limit=500&offset=2018-09-11T05%3A39%3A25.429083062Z');
		expect(signed.baseURL).toBe('http://coinview.test');
		const token = signed.headers.Authorization.replace(/^Bearer /, '');
		const claims = decodeJwt(token);
		expect(claims.sig).toBe('8c48c5972cecda14304761bbfb168337978d80ad241fd95124ee424726cc31c7');
		expect(signed.headers['X-Request-Id']).toBe(claims.jti);
	});

	it('relay mode: POST <root>/wallet with {method, uri, content, signature}; sig over the content as sent', () => {
		const signed = signCoinViewRequest(
			{ ...edCredentials, customMode: 'relay', baseUrl: 'http://relay.test/v1/api/' },
			{ method: 'POST', url: '/transfers', body: { asset_id: 'a', pin: ENCRYPTED_PIN } },
		);
		expect(signed.method).toBe('POST');
		expect(signed.baseURL).toBe('http://relay.test/v1/api');
		expect(signed.url).toBe('/wallet');
		expect(signed.headers.Authorization).toBeUndefined();
		const envelope = JSON.parse(signed.body as string);
		expect(Object.keys(envelope)).toEqual(['method', 'uri', 'content', 'signature']);
		expect(envelope.method).toBe('POST');
		expect(envelope.uri).toBe('/transfers');
		const content = JSON.parse(envelope.content);
		expect(content.pin).not.toBe(ENCRYPTED_PIN);
		expect(content.pin).toMatch(/^[A-Za-z0-9_-]{64}$/);
		expect(decodeJwt(envelope.signature).sig).toBe(requestSignature('POST', '/transfers', envelope.content));
	});

	it('an empty object as the body of a GET is no body (nothing signed, nothing sent)', () => {
		const signed = signCoinViewRequest(rsaCredentials, { method: 'GET', url: '/assets', body: {}, qs: {} });
		expect(signed.body).toBeUndefined();
		expect(signed.url).toBe('/assets');
		expect(decodeJwt(signed.headers.Authorization.replace('Bearer ', '')).sig).toBe(
			'8573ec5a47c691db3073f922506879989baa20b82fcd1e126c07db6b4b9e079e',
		);
	});

	it('Mixin and CoinView relay endpoints', () => {
		const mixin = signCoinViewRequest({ ...rsaCredentials, endpoint: 'mixin' }, { url: '/assets' });
		expect(mixin.baseURL).toBe('https://api.mixin.one');
		const relay = signCoinViewRequest({ ...rsaCredentials, endpoint: 'relay' }, { url: '/assets' });
		expect(relay.baseURL).toBe('https://wallet.coinjinja.com/v1/api');
		expect(JSON.parse(relay.body as string)).not.toHaveProperty('content');
	});

	it('a new encrypted PIN and jti every time the same request is signed', () => {
		const request = { method: 'POST', url: '/transfers', body: { pin: ENCRYPTED_PIN } };
		const a = signCoinViewRequest(edCredentials, request);
		const b = signCoinViewRequest(edCredentials, request);
		expect(a.signed.jti).not.toBe(b.signed.jti);
		expect(JSON.parse(a.body as string).pin).not.toBe(JSON.parse(b.body as string).pin);
	});

	it('rejects unusable credentials without putting secrets in the message', () => {
		const cases: Array<[Record<string, unknown>, RegExp]> = [
			[{ userId: 'nope' }, /User ID must be a UUID/],
			[{ sessionId: '123' }, /Session ID must be a UUID/],
			[{ pinSecret: '12345' }, /PIN must be exactly 6 digits/],
			[{ baseUrl: 'ftp://x' }, /Base URL/],
			[{ privateKey: 'zzz' }, /Private Key/],
		];
		for (const [override, message] of cases) {
			try {
				signCoinViewRequest({ ...rsaCredentials, ...override }, { url: '/assets' });
				throw new Error('no error');
			} catch (error) {
				expect((error as Error).message).toMatch(message);
				expect((error as Error).message).not.toContain(PIN);
				expect((error as Error).name).toBe('CredentialConfigurationError');
			}
		}
	});
});
