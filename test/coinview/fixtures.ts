/**
 * Keys and vectors for the CoinView tests. vectors.json was computed by vectors.py with Python's
 * `cryptography` package (not with the node's code): `python3 test/coinview/vectors.py key.pem`.
 */
import vectors from './vectors.json';

export { vectors };

export const USER_ID = 'a76d6864-a758-46e6-8abc-aa5ddf0d3a51';
export const SESSION_ID = '33057864-864b-44cd-8dda-28ab514117da';
export const PIN = '123456';
export const HOST = 'http://coinview.test';

/** Five-field RSA credential (PKCS#1 PEM) pointing at a custom direct-mode host. */
export const rsaCredentials = {
	source: 'fields',
	userId: USER_ID,
	sessionId: SESSION_ID,
	pinSecret: PIN,
	pinToken: vectors.rsaPinToken,
	privateKey: vectors.rsaPem,
	endpoint: 'custom',
	baseUrl: HOST,
	customMode: 'direct',
};

/** Five-field Ed25519 credential (hex seed, server Ed25519 public key as PIN token). */
export const edCredentials = {
	...rsaCredentials,
	pinToken: vectors.edPinTokenEdwardsHex,
	privateKey: vectors.edSeedHex,
};

export const ASSET_ID = '43d61dcd-e413-450d-80b8-101d5e903357';
export const OPPONENT_ID = 'a465ffdb-4441-4cb9-8b45-00cf79dfbc46';
