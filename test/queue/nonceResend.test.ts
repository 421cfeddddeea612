/**
 * Nonce resends for n8n queue mode: several worker processes sign with the same API token, so
 * their nonces can reach the exchange out of order however each process counts. A rejected nonce
 * is signed again after a random pause that grows with each resend.
 */
import { decodeJwt } from 'jose';
import nock from 'nock';

import { quoineService } from '../../nodes/Quoine/transport';
import { nonceResendPause } from '../../nodes/shared/request';
import { resetRateWindows } from '../../nodes/shared/rateLimit';
import { runNode } from '../helpers/engine';
import { HOST, credentials, noPacing } from '../quoine/fixtures';

describe('nonceResendPause', () => {
	const highest = (below: number) => below - 1;
	const lowest = () => 0;

	it('is at most an eighth of the maximum for the first resend and doubles up to the maximum', () => {
		expect([1, 2, 3, 4, 5, 8].map((resend) => nonceResendPause(200, resend, highest))).toEqual([
			25, 50, 100, 200, 200, 200,
		]);
		expect(nonceResendPause(200, 1, lowest)).toBe(0);
	});

	it('asks the random source for a bound one above the ceiling, so the ceiling itself can come out', () => {
		const bounds: number[] = [];
		nonceResendPause(200, 2, (below) => {
			bounds.push(below);
			return 0;
		});
		expect(bounds).toEqual([51]);
	});

	it('is 0 without a maximum, and stays within the bounds with the real random source', () => {
		expect(nonceResendPause(0, 3)).toBe(0);
		for (let resend = 1; resend <= 8; resend++) {
			const pause = nonceResendPause(200, resend);
			expect(pause).toBeGreaterThanOrEqual(0);
			expect(pause).toBeLessThanOrEqual(Math.min(200, 25 * 2 ** (resend - 1)));
		}
	});

	it('Quoine declares 8 nonce resends with pauses of at most 200 ms', () => {
		expect(quoineService.retry).toMatchObject({ nonceResends: 8, nonceResendPauseMs: 200 });
	});
});

describe('a Quoine request whose nonce another worker overtook', () => {
	beforeEach(() => {
		nock.disableNetConnect();
		resetRateWindows();
	});
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('succeeds after eight rejected nonces, each resend signed with a higher nonce', async () => {
		const nonces: number[] = [];
		nock(HOST)
			.persist()
			.get('/accounts/balance')
			.reply(function () {
				nonces.push(decodeJwt(this.req.headers['x-quoine-auth'] as string).nonce as number);
				return nonces.length <= 8
					? [401, 'Nonce is too small', { 'content-type': 'text/plain' }]
					: [200, [{ currency: 'USD', balance: '1.0' }]];
			});
		const result = await runNode({
			type: 'quoine',
			parameters: { ...noPacing, resource: 'account', operation: 'getBalances' },
			credentials,
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([{ currency: 'USD', balance: '1.0' }]);
		expect(nonces).toHaveLength(9);
		expect(nonces.every((value, index) => index === 0 || value > nonces[index - 1])).toBe(true);
	});
});
