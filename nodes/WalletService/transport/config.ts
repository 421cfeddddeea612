import type { KeyObject } from 'crypto';

import { CredentialConfigurationError } from '../../shared/errors';
import { tryParsePrivateKey } from '../../shared/jwt';

/** The authority client configuration file that `create-authority` prints (spec §4). */
export interface AuthorityConfig {
	configSchemaVersion: string;
	apiBaseUrl: string;
	authorityId: string;
	privateKey: KeyObject;
}

/** The server mounts its routes under /api/v<major>; this node speaks API version 1. */
export const API_PREFIX = '/api/v1';

/**
 * Parses and checks the pasted configuration: every problem is reported by key name, so a user
 * who pasted the wrong file learns which part is wrong. Nothing here is echoed back, since the
 * file holds the private key.
 */
export function parseAuthorityConfig(text: unknown): AuthorityConfig {
	if (typeof text !== 'string' || text.trim() === '') {
		throw new CredentialConfigurationError(
			'Authority Configuration is empty: paste the JSON file the wallet service operator gave you',
		);
	}
	const raw = parseJson(text);
	if (raw === INVALID) {
		throw new CredentialConfigurationError(
			'Authority Configuration is not valid JSON: paste the whole configuration file, including the braces',
		);
	}
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
		throw new CredentialConfigurationError('Authority Configuration must be a JSON object');
	}
	const config = raw as Record<string, unknown>;
	for (const key of ['config_schema_version', 'api_base_url', 'authority_id', 'private_key']) {
		if (typeof config[key] !== 'string' || (config[key] as string).trim() === '') {
			throw new CredentialConfigurationError(
				`Authority Configuration: "${key}" is missing or not a text value`,
			);
		}
	}

	const version = /^(\d+)\.(\d+)\.(\d+)$/.exec(config.config_schema_version as string);
	// The SDK accepts schema versions 0.x with x ≥ 1 (COMPATIBLE_CONFIG_SCHEMA_VERSION = (0, 1)).
	if (!version || Number(version[1]) !== 0 || Number(version[2]) < 1) {
		throw new CredentialConfigurationError(
			`Authority Configuration: "config_schema_version" ${JSON.stringify(config.config_schema_version)} is not supported (expected 0.1.0 or a later 0.x version)`,
		);
	}

	const apiBaseUrl = (config.api_base_url as string).trim().replace(/\/+$/, '');
	if (!/^https?:\/\/[^\s/]+/i.test(apiBaseUrl)) {
		throw new CredentialConfigurationError(
			'Authority Configuration: "api_base_url" must start with http:// or https://',
		);
	}

	const privateKey = tryParsePrivateKey(config.private_key as string);
	if (!privateKey) {
		throw new CredentialConfigurationError(
			'Authority Configuration: "private_key" is not a PEM private key',
		);
	}
	const curve = privateKey.asymmetricKeyDetails?.namedCurve;
	if (privateKey.asymmetricKeyType !== 'ec' || (curve !== 'prime256v1' && curve !== 'P-256')) {
		throw new CredentialConfigurationError(
			`Authority Configuration: "private_key" must be an ECDSA P-256 key (ES256), but it is ${describeKey(privateKey)}`,
		);
	}

	return {
		configSchemaVersion: config.config_schema_version as string,
		apiBaseUrl,
		authorityId: (config.authority_id as string).trim(),
		privateKey,
	};
}

function describeKey(key: KeyObject): string {
	const curve = key.asymmetricKeyDetails?.namedCurve;
	if (key.asymmetricKeyType === 'ec') return `an EC key on curve ${curve ?? 'unknown'}`;
	if (key.asymmetricKeyType === 'rsa') return 'an RSA key';
	return `a ${key.asymmetricKeyType ?? 'unknown'} key`;
}

const INVALID = Symbol('invalid JSON');

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return INVALID;
	}
}
