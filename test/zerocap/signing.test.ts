/**
 * Authentication headers, environments and derived client order IDs, pinned to vectors computed
 * outside this package: the spec's vectors, `openssl dgst -sha256 -hmac` and Python's uuid.uuid5.
 */
import { ZerocapApi } from '../../credentials/ZerocapApi.credentials';
import { CredentialConfigurationError } from '../../nodes/shared/errors';
import {
	deriveClientOrderId,
	deriveToolClientOrderId,
	isToolNodeType,
	sameDecimal,
	uuidV5,
	CLIENT_ORDER_ID_NAMESPACE,
} from '../../nodes/Zerocap/helpers/clientOrderId';
import {
	hmacSha256Hex,
	zerocapAuthHeaders,
	zerocapUrls,
	ZEROCAP_ENVIRONMENTS,
} from '../../nodes/Zerocap/transport/signing';

// printf '%s' test-key | openssl dgst -sha256 -hmac test-secret (also the spec §4.2 vector)
const SPEC_SEED_HMAC = '44aa65038366988a92b488b7f92e915ba39f19c9668f69cda69d4b627c1980c6';
// printf '%s' 1700000000 | openssl dgst -sha256 -hmac test-secret (also the spec §4.1 vector)
const SPEC_TIMESTAMP_SIGNATURE = '1b74eaf87da46877ba651ac812b24a3bf01990e9ed0101b88268f60f965729e2';
// printf '%s' zc-key-0001 | openssl dgst -sha256 -hmac zc-secret-0001
const SEED_HMAC_0001 = '85c63b6748d716fe61a77ea77f90ff5e7e93980422caf74ce3763e7ffc19aaa3';
// printf '%s' 1763700000 | openssl dgst -sha256 -hmac zc-secret-0001
const TIMESTAMP_SIGNATURE_0001 = 'ca198458fb50dbdcd62ebf9f548e83d567184e681a0f985a2c2d4aa28f6137f5';

describe('Zerocap signing', () => {
	it('HMAC-SHA256 hex matches openssl', () => {
		expect(hmacSha256Hex('test-secret', 'test-key')).toBe(SPEC_SEED_HMAC);
		expect(hmacSha256Hex('test-secret', '1700000000')).toBe(SPEC_TIMESTAMP_SIGNATURE);
	});

	it('API Key HMAC scheme: api-key and signature of the key, no timestamp, independent of time', () => {
		const credentials = { apiKey: 'test-key', apiSecret: 'test-secret', signatureScheme: 'apiKey' };
		expect(zerocapAuthHeaders(credentials, 1_700_000_000_000)).toEqual({
			'api-key': 'test-key',
			signature: SPEC_SEED_HMAC,
		});
		expect(zerocapAuthHeaders(credentials, 1_800_000_000_000)).toEqual({
			'api-key': 'test-key',
			signature: SPEC_SEED_HMAC,
		});
	});

	it('defaults to the API Key HMAC scheme and trims pasted whitespace', () => {
		expect(
			zerocapAuthHeaders({ apiKey: ' zc-key-0001\n', apiSecret: 'zc-secret-0001 ' }, 0),
		).toEqual({
			'api-key': 'zc-key-0001',
			signature: SEED_HMAC_0001,
		});
	});

	it('Timestamp HMAC scheme signs whole Unix seconds and sends them as text', () => {
		const credentials = {
			apiKey: 'test-key',
			apiSecret: 'test-secret',
			signatureScheme: 'timestamp',
		};
		expect(zerocapAuthHeaders(credentials, 1_700_000_000_999)).toEqual({
			'api-key': 'test-key',
			signature: SPEC_TIMESTAMP_SIGNATURE,
			timestamp: '1700000000',
		});
		expect(
			zerocapAuthHeaders(
				{ apiKey: 'zc-key-0001', apiSecret: 'zc-secret-0001', signatureScheme: 'timestamp' },
				1_763_700_000_000,
			),
		).toEqual({
			'api-key': 'zc-key-0001',
			signature: TIMESTAMP_SIGNATURE_0001,
			timestamp: '1763700000',
		});
	});

	it('refuses empty keys and unknown schemes without naming the secret', () => {
		expect(() => zerocapAuthHeaders({ apiKey: '', apiSecret: 's' }, 0)).toThrow('API Key is empty');
		expect(() => zerocapAuthHeaders({ apiKey: 'k', apiSecret: '  ' }, 0)).toThrow(
			'API Secret is empty',
		);
		expect(() =>
			zerocapAuthHeaders({ apiKey: 'k', apiSecret: 'hidden-secret', signatureScheme: 'rsa' }, 0),
		).toThrow(CredentialConfigurationError);
		try {
			zerocapAuthHeaders({ apiKey: 'k', apiSecret: 'hidden-secret', signatureScheme: 'rsa' }, 0);
		} catch (error) {
			expect((error as Error).message).not.toContain('hidden-secret');
		}
	});

	it('resolves the hosts of each environment and a custom pair', () => {
		expect(zerocapUrls({ environment: 'production' })).toEqual({
			restBaseUrl: 'https://dma-api.zerocap.com/v2',
			webSocketUrl: 'wss://dma-ws.zerocap.com/v2',
		});
		expect(zerocapUrls({ environment: 'uat' })).toEqual({
			restBaseUrl: 'https://dma-uat-api.defi.wiki/v2',
			webSocketUrl: 'wss://dma-uat-ws.defi.wiki/v2',
		});
		expect(zerocapUrls({ environment: 'sandbox' })).toEqual({
			restBaseUrl: 'https://sandbox-api.zerocap.com/v2',
			webSocketUrl: 'wss://sandbox-ws.zerocap.com/v2',
		});
		expect(zerocapUrls({})).toEqual(ZEROCAP_ENVIRONMENTS.uat);
		expect(
			zerocapUrls({
				environment: 'custom',
				restBaseUrl: ' http://127.0.0.1:8300/v2/ ',
				webSocketUrl: 'ws://127.0.0.1:8300/v2',
			}),
		).toEqual({ restBaseUrl: 'http://127.0.0.1:8300/v2', webSocketUrl: 'ws://127.0.0.1:8300/v2' });
		expect(() => zerocapUrls({ environment: 'custom', restBaseUrl: '127.0.0.1:8300' })).toThrow(
			'REST Base URL must start with http:// or https://',
		);
		expect(() =>
			zerocapUrls({
				environment: 'custom',
				restBaseUrl: 'http://h/v2',
				webSocketUrl: 'http://h/v2',
			}),
		).toThrow('WebSocket URL must start with ws:// or wss://');
		expect(() => zerocapUrls({ environment: 'staging' })).toThrow(
			'Environment "staging" is not supported',
		);
	});
});

describe('Zerocap credential authenticate', () => {
	const credential = new ZerocapApi();
	afterEach(() => jest.restoreAllMocks());

	it("adds the seed headers and the base URL, keeping the request's own headers", async () => {
		const options = await credential.authenticate(
			{
				apiKey: 'zc-key-0001',
				apiSecret: 'zc-secret-0001',
				environment: 'production',
				signatureScheme: 'apiKey',
			},
			{
				url: '/orders/fetch_orders',
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
			},
		);
		expect(options).toEqual({
			url: '/orders/fetch_orders',
			method: 'POST',
			baseURL: 'https://dma-api.zerocap.com/v2',
			headers: {
				'Content-Type': 'application/json',
				'api-key': 'zc-key-0001',
				signature: SEED_HMAC_0001,
			},
		});
	});

	it('signs the current time with the timestamp scheme', async () => {
		jest.spyOn(Date, 'now').mockReturnValue(1_763_700_000_456);
		const options = await credential.authenticate(
			{
				apiKey: 'zc-key-0001',
				apiSecret: 'zc-secret-0001',
				environment: 'custom',
				restBaseUrl: 'http://127.0.0.1:9/v2',
				webSocketUrl: '',
				signatureScheme: 'timestamp',
			},
			{ url: '/orders/fetch_order', method: 'GET' },
		);
		expect(options.baseURL).toBe('http://127.0.0.1:9/v2');
		expect(options.headers).toEqual({
			'api-key': 'zc-key-0001',
			signature: TIMESTAMP_SIGNATURE_0001,
			timestamp: '1763700000',
		});
	});

	it('tests the credential with a signed, read-only fetch_orders call for one order', () => {
		expect(credential.test.request).toMatchObject({
			method: 'POST',
			url: '/orders/fetch_orders',
			body: expect.objectContaining({ limit: 1, page: 1 }),
		});
	});

	it('masks the key and the secret, and offers both schemes with the seed scheme first', () => {
		const byName = Object.fromEntries(
			credential.properties.map((property) => [property.name, property]),
		);
		expect(byName.apiSecret.typeOptions).toEqual({ password: true });
		expect(byName.apiKey.typeOptions).toEqual({ password: true });
		expect(byName.signatureScheme.default).toBe('apiKey');
		expect(
			byName.signatureScheme.options?.map((option) => (option as { value: string }).value),
		).toEqual(['apiKey', 'timestamp']);
		expect(byName.restBaseUrl.displayOptions).toEqual({ show: { environment: ['custom'] } });
	});
});

describe('derived client order IDs', () => {
	// python3 -c "import uuid; print(uuid.uuid5(uuid.UUID('3f0de633-e472-43a0-b141-582636dac459'), 'test-instance\ntest-workflow\nnode-0\ntest-execution\n0\n0'))"
	const PY_UUID5_ENGINE = '05c4aae7-400c-5db8-95f2-c6d6c3f37209';
	// python3 -c "import uuid; print(uuid.uuid5(uuid.UUID('3f0de633-e472-43a0-b141-582636dac459'), 'wf\nnode\n42\n0\n1'))"
	const PY_UUID5_OTHER = 'ee573064-2e25-50d7-9146-395a7da13219';

	it("is a version-5 UUID equal to Python's uuid.uuid5 for the same name", () => {
		expect(CLIENT_ORDER_ID_NAMESPACE).toBe('3f0de633-e472-43a0-b141-582636dac459');
		expect(
			deriveClientOrderId({
				instanceId: 'test-instance',
				workflowId: 'test-workflow',
				nodeId: 'node-0',
				executionId: 'test-execution',
				runIndex: 0,
				itemIndex: 0,
			}),
		).toBe(PY_UUID5_ENGINE);
		expect(uuidV5('wf\nnode\n42\n0\n1', CLIENT_ORDER_ID_NAMESPACE)).toBe(PY_UUID5_OTHER);
	});

	it('is stable for the same placement and differs for any other item, run, execution, node or instance', () => {
		const base = {
			instanceId: 'inst',
			workflowId: 'wf',
			nodeId: 'node',
			executionId: '42',
			runIndex: 0,
			itemIndex: 1,
		};
		// python3 -c "import uuid; print(uuid.uuid5(uuid.UUID('3f0de633-e472-43a0-b141-582636dac459'), 'inst\nwf\nnode\n42\n0\n1'))"
		expect(deriveClientOrderId(base)).toBe('68894962-7732-5014-9d51-c257f93746be');
		const id = deriveClientOrderId(base);
		expect(deriveClientOrderId({ ...base })).toBe(id);
		const others = [
			{ ...base, itemIndex: 2 },
			{ ...base, runIndex: 1 },
			{ ...base, executionId: '43' },
			{ ...base, nodeId: 'node-2' },
			{ ...base, workflowId: 'wf-2' },
			{ ...base, instanceId: 'other-instance' },
		].map(deriveClientOrderId);
		expect(new Set([id, ...others]).size).toBe(7);
	});

	it('as an AI tool, covers the order fields instead of the run index (Python uuid.uuid5 vector)', () => {
		// python3 -c "import uuid; print(uuid.uuid5(uuid.UUID('3f0de633-e472-43a0-b141-582636dac459'), 'tool\ninst\nwf\nnode\n42\nUSDT/AUD\nbuy\nlimit\n100\n1.5\n\ncustomer_id'))"
		const key = {
			instanceId: 'inst',
			workflowId: 'wf',
			nodeId: 'node',
			executionId: '42',
			orderFields: ['USDT/AUD', 'buy', 'limit', '100', '1.5', '', 'customer_id'],
		};
		expect(deriveToolClientOrderId(key)).toBe('c16e88f5-b4fd-5db2-ae71-0282fed408f4');
		const changed = {
			...key,
			orderFields: ['USDT/AUD', 'buy', 'limit', '101', '1.5', '', 'customer_id'],
		};
		expect(deriveToolClientOrderId(changed)).not.toBe(deriveToolClientOrderId(key));
		expect(isToolNodeType('n8n-nodes-crypto-suite.zerocapTool')).toBe(true);
		expect(isToolNodeType('n8n-nodes-crypto-suite.zerocap')).toBe(false);
	});

	it('compares decimal text without floats', () => {
		expect(sameDecimal('100', '100.000')).toBe(true);
		expect(sameDecimal('0100.50', '100.5')).toBe(true);
		expect(sameDecimal('0.1', '.1')).toBe(true);
		expect(sameDecimal('0.30000000000000001', '0.3')).toBe(false);
		expect(sameDecimal('1', '10')).toBe(false);
		expect(sameDecimal('', '0')).toBe(false);
		expect(sameDecimal(undefined, undefined)).toBe(false);
	});
});
