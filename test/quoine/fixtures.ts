/** Shared values for the Quoine tests. */
export const HOST = 'http://quoine.test';
export const TOKEN_ID = '123';
export const SECRET = 'test-secret';

export const credentials = {
	quoineApi: { apiTokenId: TOKEN_ID, apiSecret: SECRET, exchange: 'custom', baseUrl: HOST, vendorId: '', language: '' },
};

/** Parameters that switch pacing off, so unit tests never wait for the request budget. */
export const noPacing = { requestOptions: { requestsPerWindow: 0 } };
