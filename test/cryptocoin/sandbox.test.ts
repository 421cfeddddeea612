/**
 * The CryptoCoin simulator on its own, through a hand-written client: platform JWTs are signed
 * here with `jose`, independently of the package's signing code.
 */
import { generateKeyPairSync, type KeyObject } from 'crypto';
import { SignJWT } from 'jose';

import { CryptoCoinSimulator, SANDBOX_PLATFORM } from '../../sandbox/cryptocoin';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };

interface Answer {
	status: number;
	body: Json;
	headers: Headers;
}

describe('CryptoCoin simulator', () => {
	const sim = new CryptoCoinSimulator();
	const platformKey: string = SANDBOX_PLATFORM.private_key;
	const platformId: string = SANDBOX_PLATFORM.platform_id;
	const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
	const otherPlatformId = '3c9e0c52-1111-4222-8333-444455556666';

	beforeAll(async () => {
		await sim.listen();
	});
	afterAll(async () => await sim.close());
	beforeEach(async () => {
		sim.reset();
		await sim.ready();
		await sim.addPlatform({
			id: otherPlatformId,
			code: 'OTHERPL1',
			publicKeyPem: other.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
		});
	});

	async function call(
		method: string,
		path: string,
		options: {
			body?: unknown;
			token?: string;
			headers?: Record<string, string>;
			form?: FormData;
		} = {},
	): Promise<Answer> {
		const headers: Record<string, string> = { ...JSON_HEADERS, ...(options.headers ?? {}) };
		if (options.token) headers.authorization = `Bearer ${options.token}`;
		let body: FormData | string | undefined;
		if (options.form) {
			delete headers['content-type'];
			body = options.form;
		} else if (options.body !== undefined) {
			body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
		}
		const response = await fetch(`${sim.url}/api/v1${path}`, {
			method,
			headers,
			body,
			redirect: 'manual',
		});
		const text = await response.text();
		let parsed: unknown = text;
		try {
			parsed = text === '' ? undefined : JSON.parse(text);
		} catch {
			// HTML
		}
		return { status: response.status, body: parsed, headers: response.headers };
	}

	async function platformJwt(
		payload: Record<string, unknown>,
		key: string | KeyObject = platformKey,
		alg = 'RS512',
	) {
		const { createPrivateKey } = await import('crypto');
		const keyObject = typeof key === 'string' ? createPrivateKey(key) : key;
		return await new SignJWT(payload).setProtectedHeader({ alg, typ: 'JWT' }).sign(keyObject);
	}

	const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

	async function platformLogin(
		payload: Record<string, unknown>,
		platform = platformId,
		key?: string | KeyObject,
		alg?: string,
	) {
		return await call('POST', `/authenticate-jwt/${platform}`, {
			headers: { Token: await platformJwt(payload, key, alg) },
		});
	}

	/** Creates and verifies a user of the sandbox platform, logs in as the platform: token and user ID. */
	async function newUser(email = `user${Math.floor(Math.random() * 1e9)}@example.com`) {
		const created = await call('POST', '/user', {
			body: { email, password: 'Secret-pass-1', platform: { id: platformId } },
		});
		expect(created.status).toBe(201);
		const verified = await call('POST', '/user/verify', {
			body: { email, code: sim.emailCode(email) },
		});
		expect(verified.status).toBe(200);
		const login = await platformLogin({ email, expire: inAnHour() });
		expect(login.status).toBe(200);
		return { token: login.body.data.id as string, userId: login.body.data.userId as string, email };
	}

	describe('platform authentication (POST /authenticate-jwt/{platform})', () => {
		it('accepts an RS512 JWT naming the user by email or id, by platform ID or code, and answers the documented shape', async () => {
			const byEmail = await platformLogin({
				email: SANDBOX_PLATFORM.user.email,
				expire: inAnHour(),
			});
			expect(byEmail.status).toBe(200);
			const data = byEmail.body.data;
			expect(Object.keys(data).sort()).toEqual(['created', 'id', 'ttl', 'until', 'userId']);
			expect(data.id).toMatch(/^\d+\|[A-Za-z0-9]{40}$/);
			expect(data.userId).toBe(SANDBOX_PLATFORM.user.id);
			expect(data.ttl).toBe(1209600);
			expect(data.until).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
			expect(Date.parse(data.until) - Date.parse(data.created)).toBe(1209600 * 1000);

			const byId = await platformLogin(
				{ id: SANDBOX_PLATFORM.user.id, expire: inAnHour() },
				SANDBOX_PLATFORM.platform_code,
			);
			expect(byId.status).toBe(200);
			expect(byId.body.data.userId).toBe(SANDBOX_PLATFORM.user.id);
			expect(byId.body.data.id).not.toBe(data.id);
			expect(sim.loginCount({ kind: 'platform' })).toBe(2);
			expect(sim.loginCount({ kind: 'platform', user: SANDBOX_PLATFORM.user.email })).toBe(2);
			expect(
				sim.requests.filter((request) => request.path.startsWith('/api/v1/authenticate-jwt/')),
			).toHaveLength(2);
		});

		it('a token works on the protected endpoints of its user', async () => {
			const login = await platformLogin({ email: SANDBOX_PLATFORM.user.email, expire: inAnHour() });
			const profile = await call('GET', `/user/${login.body.data.userId}`, {
				token: login.body.data.id,
			});
			expect(profile.status).toBe(200);
			expect(profile.body.data.email).toBe(SANDBOX_PLATFORM.user.email);
			expect(JSON.stringify(profile.body)).not.toContain(SANDBOX_PLATFORM.user.password);
		});

		it('rejects a missing Token header with 400 and wrong keys, algorithms and platforms with 403', async () => {
			const missing = await call('POST', `/authenticate-jwt/${platformId}`);
			expect(missing).toMatchObject({
				status: 400,
				body: { message: 'jwt must be provided', errors: {} },
			});
			const payload = { email: SANDBOX_PLATFORM.user.email, expire: inAnHour() };
			const rejected = { status: 403, body: { error: 'The provided credentials are incorrect.' } };
			// Another platform's key on the sandbox platform, and the sandbox key on the other platform.
			expect(await platformLogin(payload, platformId, other.privateKey)).toMatchObject(rejected);
			expect(await platformLogin(payload, otherPlatformId)).toMatchObject(rejected);
			// Right key, wrong algorithm; an unsigned token; an unknown platform; garbage.
			expect(await platformLogin(payload, platformId, undefined, 'RS256')).toMatchObject(rejected);
			const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.`;
			expect(
				await call('POST', `/authenticate-jwt/${platformId}`, { headers: { Token: unsigned } }),
			).toMatchObject(rejected);
			expect(await platformLogin(payload, 'NOPLATFM')).toMatchObject(rejected);
			expect(
				await call('POST', `/authenticate-jwt/${platformId}`, { headers: { Token: 'not.a.jwt' } }),
			).toMatchObject(rejected);
			// The user exists but belongs to no platform (or another one): the platform cannot act for it.
			sim.addUser({ email: 'solo@example.com', emailVerified: true });
			expect(await platformLogin({ email: 'solo@example.com', expire: inAnHour() })).toMatchObject(
				rejected,
			);
			expect(
				await platformLogin({ email: 'nobody@example.com', expire: inAnHour() }),
			).toMatchObject(rejected);
			expect(sim.loginCount()).toBe(0);
		});

		it('validates the payload: exactly one of email and id, expire in Unix seconds and not in the past', async () => {
			const email = SANDBOX_PLATFORM.user.email;
			const cases: Array<[Record<string, unknown>, string, string]> = [
				[{ expire: inAnHour() }, 'email', 'required when id is not present'],
				[{ email, id: SANDBOX_PLATFORM.user.id, expire: inAnHour() }, 'email', 'not both'],
				[{ email: 'not-an-email', expire: inAnHour() }, 'email', 'valid email'],
				[{ email }, 'expire', 'required'],
				[{ email, expire: Math.floor(Date.now() / 1000) - 10 }, 'expire', 'after or equal to now'],
				[{ email, expire: Date.now() + 3600000 }, 'expire', 'Unix timestamp in seconds'],
				[{ email, expire: String(inAnHour()) }, 'expire', 'Unix timestamp in seconds'],
			];
			for (const [payload, field, message] of cases) {
				const answer = await platformLogin(payload);
				expect(answer.status).toBe(422);
				expect(answer.body.message).toBe('The given data was invalid.');
				expect(answer.body.errors[field][0]).toContain(message);
			}
			expect(sim.loginCount()).toBe(0);
		});

		it('answers 401 for an inactive account and 423 for a locked one, also on protected endpoints', async () => {
			const login = await platformLogin({ email: SANDBOX_PLATFORM.user.email, expire: inAnHour() });
			const { id: token, userId } = login.body.data;
			sim.setUserStatus(userId, 'locked');
			expect(
				await platformLogin({ email: SANDBOX_PLATFORM.user.email, expire: inAnHour() }),
			).toMatchObject({
				status: 423,
				body: { error: 'The account is locked.' },
			});
			expect((await call('GET', `/user/${userId}`, { token })).status).toBe(423);
			sim.setUserStatus(userId, 'inactive');
			expect(
				await platformLogin({ email: SANDBOX_PLATFORM.user.email, expire: inAnHour() }),
			).toMatchObject({
				status: 401,
				body: { error: 'The account is inactive.' },
			});
			expect(sim.loginCount()).toBe(1);
		});
	});

	describe('user authentication and tokens', () => {
		it('logs a verified user in with email and password; wrong password, unverified email and bad input are refused', async () => {
			const { email } = SANDBOX_PLATFORM.user;
			const good = await call('POST', '/authenticate', {
				body: { email, password: SANDBOX_PLATFORM.user.password },
			});
			expect(good.status).toBe(200);
			expect(good.body.data.userId).toBe(SANDBOX_PLATFORM.user.id);
			expect(sim.loginCount({ kind: 'user' })).toBe(1);
			expect(
				await call('POST', '/authenticate', { body: { email, password: 'wrong-password' } }),
			).toMatchObject({
				status: 403,
				body: { error: 'The provided credentials are incorrect.' },
			});
			await call('POST', '/user', {
				body: { email: 'new@example.com', password: 'Secret-pass-1' },
			});
			expect(
				await call('POST', '/authenticate', {
					body: { email: 'new@example.com', password: 'Secret-pass-1' },
				}),
			).toMatchObject({
				status: 403,
				body: { error: 'The email address is not verified.' },
			});
			const invalid = await call('POST', '/authenticate', { body: { email: 'x' } });
			expect(invalid.status).toBe(422);
			expect(Object.keys(invalid.body.errors).sort()).toEqual(['email', 'password']);
			// A JSON body without a JSON Content-Type is not read (Laravel): the fields are missing.
			const plain = await call('POST', '/authenticate', {
				body: { email, password: SANDBOX_PLATFORM.user.password },
				headers: { 'content-type': 'text/plain' },
			});
			expect(plain.status).toBe(422);
			expect(sim.loginCount({ kind: 'user' })).toBe(1);
		});

		it("refuses missing, revoked and expired tokens with 401, and another user's {user} with 403", async () => {
			const first = await newUser();
			const second = await newUser();
			expect((await call('GET', `/user/${first.userId}`)).status).toBe(401);
			expect(
				(await call('GET', `/user/${first.userId}`, { headers: { authorization: first.token } }))
					.status,
			).toBe(401);
			expect(await call('GET', `/user/${second.userId}`, { token: first.token })).toMatchObject({
				status: 403,
				body: { message: 'This action is unauthorized.' },
			});
			expect(sim.expireTokens(first.email)).toBe(1);
			expect(await call('GET', `/user/${first.userId}`, { token: first.token })).toMatchObject({
				status: 401,
				body: { message: 'Unauthenticated.' },
			});
			expect((await call('GET', `/user/${second.userId}`, { token: second.token })).status).toBe(
				200,
			);
			sim.setTokenTtl(0);
			const short = await platformLogin({ email: second.email, expire: inAnHour() });
			expect(short.body.data.ttl).toBe(0);
			expect(
				(await call('GET', `/user/${second.userId}`, { token: short.body.data.id })).status,
			).toBe(401);
		});

		it('moving the clock expires tokens after their ttl and quotes after their lifetime', async () => {
			const { token, userId } = await newUser();
			const quote = await call('POST', `/user/${userId}/quote`, {
				token,
				body: { operation: 'buy', symbol: 'ETH', secondSymbol: 'EUR', amount: '0.1' },
			});
			sim.advanceClock(59_000);
			expect(
				(await call('GET', `/user/${userId}/quote/${quote.body.data.id}`, { token })).body.data
					.status,
			).toBe('available');
			sim.advanceClock(1_000);
			expect(
				(await call('GET', `/user/${userId}/quote/${quote.body.data.id}`, { token })).body.data
					.status,
			).toBe('expired');
			sim.advanceClock(1209600 * 1000 - 61_000);
			expect((await call('GET', `/user/${userId}`, { token })).status).toBe(200);
			await fetch(`${sim.url}/__sandbox/cryptocoin/clock/advance`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ ms: 1_000 }),
			});
			expect((await call('GET', `/user/${userId}`, { token })).status).toBe(401);
		});

		it('answers errors with a redirect page when the client does not ask for JSON (Laravel)', async () => {
			const answer = await call('GET', `/user/${SANDBOX_PLATFORM.user.id}`, {
				headers: { accept: 'text/html' },
			});
			expect(answer.status).toBe(302);
			expect(answer.headers.get('location')).toBe('/login');
			expect(answer.headers.get('content-type')).toContain('text/html');
		});
	});

	describe('registration and verification', () => {
		it('validates POST /user like Laravel and never returns the password', async () => {
			const cases: Array<[Record<string, unknown>, string, string]> = [
				[{ password: 'Secret-pass-1' }, 'email', 'The email field is required.'],
				[
					{ email: 'a@b', password: 'Secret-pass-1' },
					'email',
					'The email must be a valid email address.',
				],
				[
					{ email: 'a@example.com', password: 'short' },
					'password',
					'The password must be at least 8 characters.',
				],
				[
					{ email: 'a@example.com', password: 'Secret-pass-1', platform: { id: 'nope' } },
					'platform.id',
					'The selected platform.id is invalid.',
				],
				[
					{ email: 'a@example.com', password: 'Secret-pass-1', platform: {} },
					'platform.id',
					'required when platform is present',
				],
				[
					{ email: 'a@example.com', password: 'Secret-pass-1', 'platform.id': platformId },
					'platform.id',
					'nested object',
				],
				[
					{ email: SANDBOX_PLATFORM.user.email, password: 'Secret-pass-1' },
					'email',
					'The email has already been taken.',
				],
				[
					{ email: 'a@example.com', password: 'Secret-pass-1', dob: '2000-02-30' },
					'dob',
					'YYYY-MM-DD',
				],
				[
					{ email: 'a@example.com', password: 'Secret-pass-1', country: 'ro' },
					'country',
					'2-letter',
				],
			];
			for (const [body, field, message] of cases) {
				const answer = await call('POST', '/user', { body });
				expect(answer.status).toBe(422);
				expect(answer.body.errors[field][0]).toContain(message);
			}
			const created = await call('POST', '/user', {
				body: {
					email: 'a@example.com',
					password: 'Secret-pass-1',
					platform: { id: platformId },
					first_name: 'Ana',
					country: 'RO',
				},
			});
			expect(created.status).toBe(201);
			expect(created.body.data).toMatchObject({
				email: 'a@example.com',
				first_name: 'Ana',
				country: 'RO',
				emailVerified: false,
				platform: { id: platformId },
				kyc: { status: 'NOT COMPLETED' },
			});
			expect(JSON.stringify(created.body)).not.toContain('Secret-pass-1');
			expect((await call('POST', '/user', { body: '{"email":' })).status).toBe(400);
		});

		it('takes codes, amounts and the platform login only in their documented form: text, no body', async () => {
			const { token, userId, email } = await newUser();
			// Codes are text.
			await call('POST', '/user', {
				body: { email: 'n@example.com', password: 'Secret-pass-1', platform: { id: platformId } },
			});
			const numeric = await call('POST', '/user/verify', {
				body: { email: 'n@example.com', code: Number(sim.emailCode('n@example.com')) },
			});
			expect(numeric).toMatchObject({ status: 422, body: { errors: { code: ['The code must be a string.'] } } });
			await call('POST', `/user/${userId}/phone`, { token, body: { phone: '40730000000' } });
			const phoneCode = await call('POST', `/user/${userId}/phone/verify`, {
				token,
				body: { code: Number(sim.phoneCode(userId)) },
			});
			expect(phoneCode).toMatchObject({ status: 422, body: { errors: { code: ['The code must be a string.'] } } });
			// Amounts are text ("10" in every example), never JSON numbers.
			for (const [body, field] of [
				[{ operation: 'buy', symbol: 'ETH', secondSymbol: 'EUR', amount: 0.1 }, 'amount'],
				[{ operation: 'buy_with_fiat', symbol: 'ETH', secondSymbol: 'EUR', secondAmount: 100, method: 'card' }, 'secondAmount'],
			] as const) {
				const answer = await call('POST', `/user/${userId}/quote`, { token, body });
				expect(answer.status).toBe(422);
				expect(answer.body.errors[field][0]).toContain('must be a string');
			}
			// authenticate-jwt takes the Token header and no body.
			const withBody = await call('POST', `/authenticate-jwt/${platformId}`, {
				headers: { Token: await platformJwt({ email, expire: inAnHour() }) },
				body: { email },
			});
			expect(withBody.status).toBe(422);
			expect(Object.keys(withBody.body.errors)).toEqual(['token']);
		});

		it('verifies the email with the code that was sent', async () => {
			await call('POST', '/user', {
				body: { email: 'v@example.com', password: 'Secret-pass-1', platform: { id: platformId } },
			});
			const code = sim.emailCode('v@example.com') as string;
			expect(code).toMatch(/^\d{6}$/);
			const wrong = String((Number(code) % 900000) + 100001);
			expect(
				await call('POST', '/user/verify', { body: { email: 'v@example.com', code: wrong } }),
			).toMatchObject({
				status: 422,
				body: { errors: { code: ['The code is invalid.'] } },
			});
			const right = await call('POST', '/user/verify', { body: { email: 'v@example.com', code } });
			expect(right.status).toBe(200);
			expect(right.body.data.emailVerified).toBe(true);
			// The test hook over HTTP, for the end-to-end runs.
			const codes = await fetch(`${sim.url}/__sandbox/cryptocoin/codes?email=v@example.com`);
			expect(await codes.json()).toMatchObject({ email: code, phone: null });
		});

		it('adds a phone (digits with country code, no +) and verifies it with the SMS code', async () => {
			const { token, userId } = await newUser();
			for (const phone of [
				'+40730000000',
				'0730000000',
				'40 730 000 000',
				'4073000000000000',
				40730000000,
			]) {
				const answer = await call('POST', `/user/${userId}/phone`, { token, body: { phone } });
				expect(answer.status).toBe(422);
				expect(answer.body.errors.phone[0]).toContain('phone');
			}
			const added = await call('POST', `/user/${userId}/phone`, {
				token,
				body: { phone: '40730000000' },
			});
			expect(added).toMatchObject({
				status: 201,
				body: { data: { phone: '40730000000', verified: false } },
			});
			expect(
				(await call('POST', `/user/${userId}/phone/verify`, { token, body: { code: '000000' } }))
					.status,
			).toBe(422);
			const verified = await call('POST', `/user/${userId}/phone/verify`, {
				token,
				body: { code: sim.phoneCode(userId) },
			});
			expect(verified).toMatchObject({
				status: 200,
				body: { data: { phone: '40730000000', verified: true } },
			});
			expect((await call('GET', `/user/${userId}`, { token })).body.data).toMatchObject({
				phone: '40730000000',
				phoneVerified: true,
			});
		});
	});

	describe('banks, cards and wallets', () => {
		it('adds, lists, gets and deletes each kind, checking IBAN, Luhn and ETH addresses', async () => {
			const { token, userId } = await newUser();
			const bad: Array<[string, Record<string, unknown>, string]> = [
				['bank', { iban: 'RO49AAAA1B31007593840001' }, 'iban'],
				['bank', {}, 'iban'],
				['card', { number: '4111111111111112', expiry_month: 12, expiry_year: 2099 }, 'number'],
				[
					'card',
					{ number: '4111111111111111', expiry_month: 13, expiry_year: 2099 },
					'expiry_month',
				],
				['card', { number: '4111111111111111', expiry_month: 1, expiry_year: 2001 }, 'expiry_year'],
				[
					'card',
					{ number: '4111111111111111', expiry_month: 1, expiry_year: 2099, cvv: '123' },
					'cvv',
				],
				['wallet', { address: '0x123', network: 'ETH' }, 'address'],
				[
					'wallet',
					{ address: '0x52908400098527886E0F7030069857D2E4169EE7', network: 'eth' },
					'network',
				],
			];
			for (const [kind, body, field] of bad) {
				const answer = await call('POST', `/user/${userId}/${kind}`, { token, body });
				expect(answer.status).toBe(422);
				expect(Object.keys(answer.body.errors)).toContain(field);
			}
			const good: Array<[string, Record<string, unknown>]> = [
				[
					'bank',
					{
						iban: 'RO49 AAAA 1B31 0075 9384 0000',
						swift: 'AAAAROBU',
						name: 'Sandbox Bank',
						currency: 'EUR',
					},
				],
				[
					'card',
					{ number: '4111 1111 1111 1111', expiry_month: 12, expiry_year: 2099, holder: 'ANA POP' },
				],
				[
					'wallet',
					{ address: '0x52908400098527886E0F7030069857D2E4169EE7', network: 'ETH', symbol: 'ETH' },
				],
			];
			for (const [kind, body] of good) {
				const added = await call('POST', `/user/${userId}/${kind}`, { token, body });
				expect(added.status).toBe(201);
				const id = added.body.data.id;
				expect(id).toMatch(/^[0-9a-f-]{36}$/);
				expect((await call('POST', `/user/${userId}/${kind}`, { token, body })).status).toBe(422);
				const listed = await call('GET', `/user/${userId}/${kind}`, { token });
				expect(listed.body.data.map((entry: { id: string }) => entry.id)).toEqual([id]);
				expect(listed.body.meta).toMatchObject({
					current_page: 1,
					last_page: 1,
					total: 1,
					per_page: 15,
				});
				expect((await call('GET', `/user/${userId}/${kind}/${id}`, { token })).body.data.id).toBe(
					id,
				);
				const removed = await call('DELETE', `/user/${userId}/${kind}/${id}`, { token });
				expect(removed.status).toBe(204);
				expect(removed.body).toBeUndefined();
				expect((await call('GET', `/user/${userId}/${kind}/${id}`, { token })).status).toBe(404);
				expect((await call('DELETE', `/user/${userId}/${kind}/${id}`, { token })).status).toBe(404);
			}
			// The full card number is never returned.
			const card = await call('POST', `/user/${userId}/card`, { token, body: good[1][1] });
			expect(card.body.data).toMatchObject({
				brand: 'visa',
				last4: '1111',
				expiry_month: '12',
				expiry_year: '2099',
			});
			const cards = await call('GET', `/user/${userId}/card`, { token });
			expect(JSON.stringify(cards.body)).not.toContain('4111111111111111');
		});

		it('pages lists like Laravel: data, links, meta; ?page and ?per_page', async () => {
			const { token, userId } = await newUser();
			for (let index = 0; index < 17; index++) {
				const address = `0x${index.toString(16).padStart(40, '0')}`;
				expect(
					(
						await call('POST', `/user/${userId}/wallet`, {
							token,
							body: { address, network: 'ETH' },
						})
					).status,
				).toBe(201);
			}
			const first = await call('GET', `/user/${userId}/wallet`, { token });
			expect(first.body.data).toHaveLength(15);
			expect(first.body.meta).toMatchObject({
				current_page: 1,
				last_page: 2,
				total: 17,
				from: 1,
				to: 15,
			});
			expect(first.body.links.next).toBe(`/api/v1/user/${userId}/wallet?page=2`);
			const second = await call('GET', `/user/${userId}/wallet?page=2`, { token });
			expect(second.body.data).toHaveLength(2);
			expect(second.body.links.next).toBeNull();
			expect(
				(await call('GET', `/user/${userId}/wallet?per_page=5&page=4`, { token })).body.data,
			).toHaveLength(2);
			expect((await call('GET', `/user/${userId}/wallet?page=0x2`, { token })).status).toBe(422);
		});
	});

	describe('quotes and orders', () => {
		it('validates quotes strictly: operation, symbols as given, one plain decimal amount, method for buy_with_fiat', async () => {
			const { token, userId } = await newUser();
			const base = {
				operation: 'buy_with_fiat',
				symbol: 'ETH',
				secondSymbol: 'EUR',
				secondAmount: '100',
				method: 'card',
			};
			const cases: Array<[Record<string, unknown>, string]> = [
				[{ ...base, operation: 'BUY' }, 'operation'],
				[{ ...base, symbol: 'eth' }, 'symbol'],
				[{ ...base, symbol: 'ＥTH' }, 'symbol'],
				[{ ...base, secondSymbol: 'XYZ' }, 'secondSymbol'],
				[{ ...base, secondAmount: '0x10' }, 'secondAmount'],
				[{ ...base, secondAmount: '1e3' }, 'secondAmount'],
				[{ ...base, secondAmount: '+100' }, 'secondAmount'],
				[{ ...base, secondAmount: '-100' }, 'secondAmount'],
				[{ ...base, secondAmount: '100.001' }, 'secondAmount'],
				[{ ...base, secondAmount: '1'.repeat(100000) }, 'secondAmount'],
				[{ ...base, amount: '1' }, 'amount'],
				[{ ...base, secondAmount: undefined }, 'amount'],
				[{ ...base, method: undefined }, 'method'],
				[{ ...base, method: 'paypal' }, 'method'],
				[{ ...base, method: undefined, orderPaymentType: 'cash' }, 'orderPaymentType'],
				[{ ...base, secondAmount: '5' }, 'secondAmount'],
				[{ ...base, secondAmount: '200000' }, 'secondAmount'],
				[{ ...base, wallet: 'no-such-wallet' }, 'wallet'],
			];
			for (const [body, field] of cases) {
				const answer = await call('POST', `/user/${userId}/quote`, { token, body });
				expect({ body, status: answer.status }).toEqual({ body, status: 422 });
				expect(Object.keys(answer.body.errors)).toContain(field);
			}
			expect((await call('GET', `/user/${userId}/quote`, { token })).body.data).toEqual([]);
		});

		it('prices a quote from either side with text decimals and confirms it into one order', async () => {
			const { token, userId } = await newUser();
			const fiatSide = await call('POST', `/user/${userId}/quote`, {
				token,
				body: {
					operation: 'buy_with_fiat',
					symbol: 'ETH',
					secondSymbol: 'EUR',
					secondAmount: '100',
					orderPaymentType: 'card',
				},
			});
			expect(fiatSide.status).toBe(201);
			// 100 EUR / 2000 EUR per ETH
			expect(fiatSide.body.data).toMatchObject({
				status: 'available',
				amount: '0.05000000',
				secondAmount: '100.00',
				price: '2000.00',
				method: 'card',
			});
			const coinSide = await call('POST', `/user/${userId}/quote`, {
				token,
				body: { operation: 'buy', symbol: 'BTC', secondSymbol: 'USD', amount: '0.0015' },
			});
			// 0.0015 BTC × (50000 × 1.1) USD
			expect(coinSide.body.data).toMatchObject({
				amount: '0.00150000',
				secondAmount: '82.50',
				price: '55000.00',
				method: null,
			});
			expect(Date.parse(coinSide.body.data.expiresAt)).toBeGreaterThan(
				Date.parse(coinSide.body.data.createdAt),
			);

			const quoteId = fiatSide.body.data.id;
			const confirmed = await call('POST', `/user/${userId}/quote/${quoteId}`, { token, body: {} });
			expect(confirmed.status).toBe(201);
			const order = confirmed.body.data;
			expect(order).toMatchObject({
				quoteId,
				status: 'PAYMENT_WAITING',
				amount: '0.05000000',
				secondAmount: '100.00',
				method: 'card',
			});
			expect(order.paymentUrl).toBe(`${sim.url}/checkout/pay/${order.id}`);
			expect(
				(await call('GET', `/user/${userId}/quote/${quoteId}`, { token })).body.data,
			).toMatchObject({
				status: 'completed',
				orderId: order.id,
			});
			const again = await call('POST', `/user/${userId}/quote/${quoteId}`, { token });
			expect(again).toMatchObject({
				status: 422,
				body: { message: 'The quote has already been confirmed.' },
			});
			const byQuote = await call('GET', `/user/${userId}/order?quote=${quoteId}`, { token });
			expect(byQuote.body.data.map((entry: { id: string }) => entry.id)).toEqual([order.id]);
			expect((await call('GET', `/user/${userId}/order?status=paid`, { token })).status).toBe(422);

			// Card: the payment integrator confirms on the payment page; a small order needs no KYC.
			const page = await fetch(order.paymentUrl);
			expect(page.status).toBe(200);
			expect(
				(await call('GET', `/user/${userId}/order/${order.id}`, { token })).body.data.status,
			).toBe('APPROVED');
			expect(
				(
					await call(
						'GET',
						`/user/${userId}/order/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`,
						{ token },
					)
				).status,
			).toBe(404);
		});

		it('a quote that was not confirmed in time expires and cannot be confirmed', async () => {
			const { token, userId } = await newUser();
			const quote = await call('POST', `/user/${userId}/quote`, {
				token,
				body: { operation: 'buy', symbol: 'LTC', secondSymbol: 'EUR', amount: '1' },
			});
			expect(sim.expireQuotes(quote.body.data.id)).toBe(1);
			expect(
				(await call('GET', `/user/${userId}/quote/${quote.body.data.id}`, { token })).body.data
					.status,
			).toBe('expired');
			const confirm = await call('POST', `/user/${userId}/quote/${quote.body.data.id}`, { token });
			expect(confirm).toMatchObject({
				status: 422,
				body: {
					message: 'The quote has expired.',
					errors: { quote: [expect.stringContaining('Create a new quote')] },
				},
			});
			sim.setQuoteTtl(0);
			const instant = await call('POST', `/user/${userId}/quote`, {
				token,
				body: { operation: 'sell', symbol: 'LTC', secondSymbol: 'EUR', amount: '1' },
			});
			expect(
				(await call('POST', `/user/${userId}/quote/${instant.body.data.id}`, { token })).status,
			).toBe(422);
			expect((await call('GET', `/user/${userId}/order`, { token })).body.data).toEqual([]);
		});

		it('a bank order takes a proof of payment as JSON or as a file, byte for byte, once', async () => {
			const { token, userId } = await newUser();
			const order = async (method: string) => {
				const quote = await call('POST', `/user/${userId}/quote`, {
					token,
					body: {
						operation: 'buy_with_fiat',
						symbol: 'BTC',
						secondSymbol: 'EUR',
						secondAmount: '150',
						method,
					},
				});
				return (await call('POST', `/user/${userId}/quote/${quote.body.data.id}`, { token })).body
					.data;
			};
			const bankOrder = await order('bank');
			expect(bankOrder.status).toBe('PAYMENT_WAITING');
			expect(bankOrder.bankDetails).toMatchObject({ amount: '150.00', currency: 'EUR' });
			expect(bankOrder.paymentUrl).toBeUndefined();
			const path = `/user/${userId}/order/${bankOrder.id}/payment-confirmation`;
			expect((await call('POST', path, { token, body: {} })).status).toBe(422);
			const json = await call('POST', path, {
				token,
				body: { reference: 'TRX-1', paidAt: '2026-01-01' },
			});
			expect(json).toMatchObject({
				status: 200,
				body: { data: { id: bankOrder.id, status: 'PROCESSING_PAYMENT' } },
			});
			expect(
				(await call('POST', path, { token, body: { reference: 'TRX-1' } })).body.errors.order[0],
			).toContain('not waiting');
			expect(
				(await call('GET', `/user/${userId}/order/${bankOrder.id}`, { token })).body.data.status,
			).toBe('APPROVED');

			const second = await order('bank');
			const bytes = Buffer.from([
				0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x80, 0x0d, 0x0a, 0x2d,
				0x2d,
			]);
			const form = new FormData();
			form.append('file', new Blob([bytes], { type: 'image/png' }), 'proof.png');
			form.append('reference', 'TRX-2');
			const uploaded = await call(
				'POST',
				`/user/${userId}/order/${second.id}/payment-confirmation`,
				{ token, form },
			);
			expect(uploaded.status).toBe(200);
			const stored = sim
				.user(userId)!
				.orders.find((entry: { id: string }) => entry.id === second.id);
			expect(stored.paymentConfirmation).toMatchObject({
				fields: { reference: 'TRX-2' },
				files: [
					{ field: 'file', filename: 'proof.png', contentType: 'image/png', size: bytes.length },
				],
			});
			const emptyForm = new FormData();
			emptyForm.append('file', new Blob([]), 'empty.png');
			const third = await order('bank');
			expect(
				(
					await call('POST', `/user/${userId}/order/${third.id}/payment-confirmation`, {
						token,
						form: emptyForm,
					})
				).status,
			).toBe(422);

			const cardOrder = await order('card');
			const wrongKind = await call(
				'POST',
				`/user/${userId}/order/${cardOrder.id}/payment-confirmation`,
				{ token, body: { reference: 'x' } },
			);
			expect(wrongKind.body.errors.order[0]).toContain('bank transfer');
		});
	});

	describe('KYC', () => {
		const personal = { first_name: 'Ana', last_name: 'Pop', dob: '1990-05-17', country: 'RO' };
		const address = { country: 'RO', city: 'Cluj', street: 'Str. Exemplu 1', zip: '400000' };

		async function bigCardOrder(token: string, userId: string, secondAmount = '2000') {
			const quote = await call('POST', `/user/${userId}/quote`, {
				token,
				body: {
					operation: 'buy_with_fiat',
					symbol: 'BTC',
					secondSymbol: 'EUR',
					secondAmount,
					method: 'card',
				},
			});
			const order = (await call('POST', `/user/${userId}/quote/${quote.body.data.id}`, { token }))
				.body.data;
			expect(sim.payCard(order.id)).toBe(true);
			return order;
		}

		function documentForm() {
			const form = new FormData();
			form.append('type', 'passport');
			form.append(
				'front',
				new Blob([Buffer.from('front-bytes')], { type: 'image/jpeg' }),
				'front.jpg',
			);
			return form;
		}

		it('marks parts required from the order value and approves the order only after they are submitted and accepted', async () => {
			const { token, userId } = await newUser();
			const before = (await call('GET', `/user/${userId}`, { token })).body.data.kyc;
			expect(before.personalData).toEqual({ required: false, submitted: false, submittedAt: null });
			const order = await bigCardOrder(token, userId);
			const profile = (await call('GET', `/user/${userId}`, { token })).body.data.kyc;
			expect(profile.status).toBe('NOT COMPLETED');
			expect(
				[profile.personalData, profile.address, profile.documents, profile.video, profile.edd].map(
					(part) => part.required,
				),
			).toEqual([true, true, true, false, false]);
			const orderPath = `/user/${userId}/order/${order.id}`;
			expect((await call('GET', orderPath, { token })).body.data.status).toBe('PROCESSING_PAYMENT');

			const badPersonal = await call('POST', `/user/${userId}/kyc/personal-data`, {
				token,
				body: { ...personal, dob: '2020-01-01' },
			});
			expect(badPersonal.body.errors.dob[0]).toContain('18 years');
			expect(
				(await call('POST', `/user/${userId}/kyc/personal-data`, { token, body: personal })).body
					.data.personalData.submitted,
			).toBe(true);
			expect(
				(
					await call('POST', `/user/${userId}/kyc/address`, {
						token,
						body: { ...address, zip: '' },
					})
				).status,
			).toBe(422);
			expect(
				(await call('POST', `/user/${userId}/kyc/address`, { token, body: address })).status,
			).toBe(200);
			expect((await call('GET', orderPath, { token })).body.data.status).toBe('PROCESSING_PAYMENT');
			expect(
				(await call('POST', `/user/${userId}/kyc/documents`, { token, body: { type: 'passport' } }))
					.status,
			).toBe(422);
			const documents = await call('POST', `/user/${userId}/kyc/documents`, {
				token,
				form: documentForm(),
			});
			expect(documents.body.data.status).toBe('ACCEPTED');
			expect((await call('GET', `/user/${userId}/kyc`, { token })).body.data.status).toBe(
				'ACCEPTED',
			);
			expect((await call('GET', orderPath, { token })).body.data.status).toBe('APPROVED');
		});

		it('with manual review, waits for the administrator; a rejection rejects the open orders', async () => {
			const manual = new CryptoCoinSimulator({ kycReview: 'manual', seed: false });
			await manual.addPlatform({
				id: platformId,
				code: 'SBXPLT01',
				publicKeyPem: (await import('crypto'))
					.createPublicKey(platformKey)
					.export({ type: 'spki', format: 'pem' })
					.toString(),
			});
			// Run the same client against the second simulator by swapping the URL.
			const url = await manual.listen();
			const request = async (
				method: string,
				path: string,
				options: { token?: string; body?: unknown; form?: FormData } = {},
			) => {
				const headers: Record<string, string> = { accept: 'application/json' };
				if (!options.form) headers['content-type'] = 'application/json';
				if (options.token) headers.authorization = `Bearer ${options.token}`;
				const response = await fetch(`${url}/api/v1${path}`, {
					method,
					headers,
					body:
						options.form ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
				});
				return {
					status: response.status,
					body: (response.status === 204 ? undefined : await response.json()) as Json,
				};
			};
			try {
				const users: Array<{ token: string; userId: string; orderId: string }> = [];
				for (const email of ['m1@example.com', 'm2@example.com']) {
					await request('POST', '/user', {
						body: { email, password: 'Secret-pass-1', platform: { id: platformId } },
					});
					const jwt = await platformJwt({ email, expire: inAnHour() });
					const login = await fetch(`${url}/api/v1/authenticate-jwt/${platformId}`, {
						method: 'POST',
						headers: { Token: jwt, accept: 'application/json' },
					});
					const { id: token, userId } = (
						(await login.json()) as { data: { id: string; userId: string } }
					).data;
					const quote = await request('POST', `/user/${userId}/quote`, {
						token,
						body: {
							operation: 'buy_with_fiat',
							symbol: 'ETH',
							secondSymbol: 'EUR',
							secondAmount: '20000',
							method: 'card',
						},
					});
					const order = await request('POST', `/user/${userId}/quote/${quote.body.data.id}`, {
						token,
					});
					manual.payCard(order.body.data.id);
					// 20000 EUR: every part is required, video and EDD included.
					const kyc = (await request('GET', `/user/${userId}/kyc`, { token })).body.data;
					expect(kyc.video.required && kyc.edd.required).toBe(true);
					await request('POST', `/user/${userId}/kyc/personal-data`, { token, body: personal });
					await request('POST', `/user/${userId}/kyc/address`, { token, body: address });
					await request('POST', `/user/${userId}/kyc/documents`, { token, form: documentForm() });
					const video = new FormData();
					video.append(
						'video',
						new Blob([Buffer.from('video-bytes')], { type: 'video/mp4' }),
						'selfie.mp4',
					);
					await request('POST', `/user/${userId}/kyc/video`, { token, form: video });
					expect(
						(await request('POST', `/user/${userId}/kyc/edd`, { token, body: {} })).status,
					).toBe(422);
					const edd = await request('POST', `/user/${userId}/kyc/edd`, {
						token,
						body: { source_of_funds: 'salary' },
					});
					expect(edd.body.data.status).toBe('WAITING ADMIN APPROVAL');
					users.push({ token, userId, orderId: order.body.data.id });
				}
				const [accepted, rejected] = users;
				expect(
					(
						await request('GET', `/user/${accepted.userId}/order/${accepted.orderId}`, {
							token: accepted.token,
						})
					).body.data.status,
				).toBe('PROCESSING_PAYMENT');
				manual.reviewKyc(accepted.userId, 'ACCEPTED');
				manual.reviewKyc(rejected.userId, 'REJECTED');
				expect(
					(
						await request('GET', `/user/${accepted.userId}/order/${accepted.orderId}`, {
							token: accepted.token,
						})
					).body.data.status,
				).toBe('APPROVED');
				expect(
					(
						await request('GET', `/user/${rejected.userId}/order/${rejected.orderId}`, {
							token: rejected.token,
						})
					).body.data.status,
				).toBe('REJECTED');
				expect(
					(await request('GET', `/user/${rejected.userId}/kyc`, { token: rejected.token })).body
						.data.status,
				).toBe('REJECTED');
			} finally {
				await manual.close();
			}
		});
	});

	describe('faults', () => {
		it('loses the answer of a request after executing it: the confirmed quote has its order', async () => {
			const { token, userId } = await newUser();
			const quote = await call('POST', `/user/${userId}/quote`, {
				token,
				body: { operation: 'buy', symbol: 'ETH', secondSymbol: 'EUR', amount: '0.1' },
			});
			sim.loseAnswer({ method: 'POST', path: '/quote/[^/]+$' });
			await expect(
				call('POST', `/user/${userId}/quote/${quote.body.data.id}`, { token }),
			).rejects.toThrow();
			const orders = await call('GET', `/user/${userId}/order?quote=${quote.body.data.id}`, {
				token,
			});
			expect(orders.body.data).toHaveLength(1);
			expect(
				sim.requests.find(
					(request) => request.method === 'POST' && request.path.endsWith(quote.body.data.id),
				)?.status,
			).toBe('dropped');
		});

		it('runs the afterRequest hook once a request was handled, e.g. to expire tokens between requests', async () => {
			const { token, userId } = await newUser();
			const seen: string[] = [];
			sim.afterRequest = ({ method, path, status }) => {
				seen.push(`${method} ${path} ${status}`);
				if (seen.length === 1) sim.expireTokens();
			};
			// The first request is answered normally; its token is revoked before the second.
			expect((await call('GET', `/user/${userId}`, { token })).status).toBe(200);
			expect((await call('GET', `/user/${userId}`, { token })).status).toBe(401);
			expect(seen).toEqual([`GET /api/v1/user/${userId} 200`, `GET /api/v1/user/${userId} 401`]);
		});

		it('injects faults through the common server before anything is executed', async () => {
			const { token, userId } = await newUser();
			await fetch(`${sim.url}/__sandbox/faults`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ type: 'status', status: 503, path: '/quote$' }),
			});
			const body = { operation: 'buy', symbol: 'ETH', secondSymbol: 'EUR', amount: '0.1' };
			expect((await call('POST', `/user/${userId}/quote`, { token, body })).status).toBe(503);
			expect((await call('GET', `/user/${userId}/quote`, { token })).body.data).toEqual([]);
			expect((await call('POST', `/user/${userId}/quote`, { token, body })).status).toBe(201);
			await fetch(`${sim.url}/__sandbox/faults`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ type: 'nonjson', path: '/authenticate' }),
			});
			const html = await call('POST', '/authenticate', {
				body: { email: SANDBOX_PLATFORM.user.email, password: SANDBOX_PLATFORM.user.password },
			});
			expect(html.status).toBe(200);
			expect(typeof html.body).toBe('string');
			expect(sim.loginCount()).toBe(1); // the platform login of newUser() only
		});
	});
});
