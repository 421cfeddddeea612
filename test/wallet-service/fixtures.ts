import { generateKeyPairSync } from 'crypto';

import { sandboxAuthority } from '../../sandbox/wallet-service';

export const BASE_URL = 'http://wallet.test';

/** The sandbox authority's client configuration, pointed at a nock host. */
export const config = { ...sandboxAuthority.client_config, api_base_url: BASE_URL };

export const credentials = {
	walletServiceApi: { authorityConfigSecret: JSON.stringify(config), baseUrl: '' },
};

export function credentialsWith(overrides: Record<string, unknown>) {
	return {
		walletServiceApi: {
			authorityConfigSecret: JSON.stringify({ ...config, ...overrides }),
			baseUrl: '',
		},
	};
}

export function pem(type: 'rsa' | 'ec-p384' | 'ed25519'): string {
	const pair =
		type === 'rsa'
			? generateKeyPairSync('rsa', { modulusLength: 2048 })
			: type === 'ed25519'
				? generateKeyPairSync('ed25519')
				: generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
	return pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}
