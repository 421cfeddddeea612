'use strict';
/**
 * Key handling of the CoinView / Mixin simulator, written from the spec (coinview.md §5, §6, §15)
 * with node:crypto only: Ed25519 → X25519 conversion, the PIN token a session is issued, and the
 * server side of PIN decryption. Nothing here is shared with the node's code.
 */
const crypto = require('node:crypto');

/** The field prime of Curve25519 / Ed25519: 2^255 - 19. */
const P = (1n << 255n) - 19n;
const X25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const X25519_SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');

/** @param {Buffer} bytes little-endian @returns {bigint} */
function fromLittleEndian(bytes) {
	let value = 0n;
	for (let index = bytes.length - 1; index >= 0; index--) value = (value << 8n) | BigInt(bytes[index]);
	return value;
}

/** @param {bigint} value @returns {Buffer} 32 bytes little-endian */
function toLittleEndian(value) {
	const out = Buffer.alloc(32);
	for (let index = 0; index < 32; index++) {
		out[index] = Number(value & 0xffn);
		value >>= 8n;
	}
	return out;
}

/** @param {bigint} base @param {bigint} exponent */
function modPow(base, exponent) {
	let result = 1n;
	base %= P;
	while (exponent > 0n) {
		if (exponent & 1n) result = (result * base) % P;
		base = (base * base) % P;
		exponent >>= 1n;
	}
	return result;
}

/**
 * Edwards y → Montgomery u: u = (1 + y) / (1 - y) mod p (RFC 7748 §4.1).
 * @param {Buffer} edPublic 32-byte Ed25519 public key @returns {Buffer} 32-byte X25519 public key
 */
function edwardsToMontgomery(edPublic) {
	const bytes = Buffer.from(edPublic);
	bytes[31] &= 0x7f;
	const y = fromLittleEndian(bytes);
	const numerator = (1n + y) % P;
	const denominator = (P + 1n - y) % P;
	return toLittleEndian((numerator * modPow(denominator, P - 2n)) % P);
}

/**
 * The Curve25519 private scalar of an Ed25519 seed: SHA-512(seed)[0..32], clamped (§6.2 step 1).
 * @param {Buffer} seed
 */
function curvePrivateFromSeed(seed) {
	const digest = crypto.createHash('sha512').update(seed).digest().subarray(0, 32);
	digest[0] &= 248;
	digest[31] &= 127;
	digest[31] |= 64;
	return digest;
}

/** @param {Buffer} seed 32 bytes */
function ed25519PrivateKey(seed) {
	return crypto.createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

/** @param {Buffer} raw 32 bytes */
function ed25519PublicKey(raw) {
	return crypto.createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

/** @param {import('node:crypto').KeyObject} key @returns {Buffer} raw 32-byte public key */
function rawPublic(key) {
	return key.export({ format: 'der', type: 'spki' }).subarray(-32);
}

/** @param {import('node:crypto').KeyObject} key @returns {Buffer} raw 32-byte seed */
function rawSeed(key) {
	return key.export({ format: 'der', type: 'pkcs8' }).subarray(-32);
}

/**
 * X25519 shared secret between a Curve25519 private scalar and a Montgomery public key.
 * @param {Buffer} curvePrivate @param {Buffer} montgomeryPublic
 */
function x25519(curvePrivate, montgomeryPublic) {
	return crypto.diffieHellman({
		privateKey: crypto.createPrivateKey({
			key: Buffer.concat([X25519_PKCS8_PREFIX, curvePrivate]),
			format: 'der',
			type: 'pkcs8',
		}),
		publicKey: crypto.createPublicKey({
			key: Buffer.concat([X25519_SPKI_PREFIX, montgomeryPublic]),
			format: 'der',
			type: 'spki',
		}),
	});
}

/** The X25519 public key of a Curve25519 private scalar. @param {Buffer} curvePrivate */
function x25519Public(curvePrivate) {
	const key = crypto.createPrivateKey({
		key: Buffer.concat([X25519_PKCS8_PREFIX, curvePrivate]),
		format: 'der',
		type: 'pkcs8',
	});
	return crypto.createPublicKey(key).export({ format: 'der', type: 'spki' }).subarray(-32);
}

/**
 * RSA-OAEP (SHA-256, MGF1 SHA-256) encryption of the session's AES key with the session ID as
 * label: the RSA PIN token (§6.1 step 1), standard base64.
 * @param {import('node:crypto').KeyObject | string} publicKey @param {string} sessionId @param {Buffer} aesKey
 */
function rsaPinToken(publicKey, sessionId, aesKey) {
	return crypto
		.publicEncrypt(
			{
				key: publicKey,
				padding: crypto.constants.RSA_PKCS1_OAEP_PADDING,
				oaepHash: 'sha256',
				oaepLabel: Buffer.from(sessionId, 'ascii'),
			},
			aesKey,
		)
		.toString('base64');
}

const STANDARD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const RAW_URL_BASE64 = /^[A-Za-z0-9_-]*$/;

/**
 * Decodes an encrypted PIN in the form the session kind uses: standard base64 with padding for
 * RSA sessions (§6.1 step 6), base64url without padding for Ed25519 sessions (§6.2 step 5).
 * @param {string} text @param {'rsa' | 'ed25519'} kind @returns {Buffer | undefined}
 */
function decodeEncryptedPin(text, kind) {
	if (typeof text !== 'string' || text.length === 0 || text.length > 4096) return undefined;
	if (kind === 'rsa' ? !STANDARD_BASE64.test(text) : !RAW_URL_BASE64.test(text)) return undefined;
	const bytes = Buffer.from(text, kind === 'rsa' ? 'base64' : 'base64url');
	return bytes.length >= 32 && bytes.length % 16 === 0 ? bytes : undefined;
}

/**
 * AES-256-CBC decryption of IV ‖ ciphertext with PKCS#7 padding; splits PIN ‖ time ‖ iterator.
 * @param {Buffer} aesKey @param {Buffer} blob
 * @returns {{ pin: string, time: bigint, iterator: bigint } | undefined}
 */
function decryptPin(aesKey, blob) {
	try {
		const decipher = crypto.createDecipheriv('aes-256-cbc', aesKey, blob.subarray(0, 16));
		const plain = Buffer.concat([decipher.update(blob.subarray(16)), decipher.final()]);
		if (plain.length < 17) return undefined;
		const tail = plain.length - 16;
		return {
			pin: plain.subarray(0, tail).toString('latin1'),
			time: plain.readBigUInt64LE(tail),
			iterator: plain.readBigUInt64LE(tail + 8),
		};
	} catch {
		return undefined;
	}
}

module.exports = {
	curvePrivateFromSeed,
	decodeEncryptedPin,
	decryptPin,
	ed25519PrivateKey,
	ed25519PublicKey,
	edwardsToMontgomery,
	rawPublic,
	rawSeed,
	rsaPinToken,
	x25519,
	x25519Public,
};
