/**
 * CryptoCoin node and credential in n8n-core's execution engine against the simulator: the whole
 * documented partner flow, token reuse and refresh, expired quotes, a lost answer to Quote →
 * Confirm under Retry On Fail, bad input, and no secret in any output or error.
 */
import { generateKeyPairSync } from 'crypto';
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData } from 'n8n-workflow';

import { forgetSessions } from '../../nodes/CryptoCoin/transport';
import { CryptoCoinSimulator, SANDBOX_PLATFORM } from '../../sandbox/cryptocoin';
import { runWorkflow, type RunResult, type TestNode } from '../helpers/engine';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const CODE = '123456';
const NEW_PASSWORD = 'New-user-pass-1';
const NOT_THE_USERS = 'Not-the-right-one-1';
/** A key that is not RSA. */
const EC_KEY = generateKeyPairSync('ec', { namedCurve: 'P-256' })
	.privateKey.export({ type: 'pkcs8', format: 'pem' })
	.toString();

describe('CryptoCoin in the n8n engine', () => {
	const sim = new CryptoCoinSimulator({ fixedCode: CODE });
	/** Every run of this file, checked for secrets at the end. */
	const runs: RunResult[] = [];
	/** Every bearer token the simulator issued in this file. */
	const issuedTokens = new Set<string>();

	beforeAll(async () => {
		await sim.listen();
	});
	afterAll(async () => {
		await sim.close();
	});
	beforeEach(async () => {
		sim.reset();
		await sim.ready();
		forgetSessions();
	});

	const platformCredential = (): ICredentialDataDecryptedObject => ({
		environment: 'custom',
		baseUrl: `${sim.url}/api/v1`,
		authType: 'platform',
		platform: SANDBOX_PLATFORM.platform_id,
		privateKey: SANDBOX_PLATFORM.private_key,
		algorithm: 'RS512',
		actFor: SANDBOX_PLATFORM.user.email,
		// n8n fills the hidden fields with their defaults (applyDefaultsAndOverwrites).
		sessionToken: '',
		sessionUserId: '',
		sessionUntil: '',
		sessionFor: '',
	});

	const userCredential = (): ICredentialDataDecryptedObject => ({
		environment: 'custom',
		baseUrl: `${sim.url}/api/v1`,
		authType: 'user',
		email: SANDBOX_PLATFORM.user.email,
		password: SANDBOX_PLATFORM.user.password,
		sessionToken: '',
		sessionUserId: '',
		sessionUntil: '',
		sessionFor: '',
	});

	async function run(
		nodes: TestNode[],
		options: {
			credential?: ICredentialDataDecryptedObject;
			input?: IDataObject[];
			inputItems?: INodeExecutionData[];
		} = {},
	) {
		const result = await runWorkflow({
			nodes,
			credentials: { cryptoCoinApi: options.credential ?? platformCredential() },
			input: options.input,
			inputItems: options.inputItems,
		});
		runs.push(result);
		for (const token of sim.tokens.keys()) issuedTokens.add(token);
		return result;
	}

	const node = (
		name: string,
		parameters: IDataObject,
		extra: Partial<TestNode> = {},
	): TestNode => ({
		name,
		type: 'cryptoCoin',
		parameters,
		...extra,
	});

	const apiRequests = (pattern: RegExp, method?: string) =>
		sim.requests.filter(
			(request) => pattern.test(request.path) && (!method || request.method === method),
		);

	const errorText = (result: RunResult) =>
		`${result.error?.message ?? ''} ${(result.error as { description?: string } | undefined)?.description ?? ''}`;

	/** Steps 1–10 of the implementation flow, up to the KYC address, for a new user. */
	async function flowUntilAddress(email: string) {
		const actFor = { actForUser: email };
		const first = await run([
			node('Create User', {
				resource: 'user',
				operation: 'create',
				email,
				password: NEW_PASSWORD,
				platformId: SANDBOX_PLATFORM.platform_id,
			}),
			node('Verify Email', { resource: 'user', operation: 'verifyEmail', email, code: CODE }),
			node('Add Phone', { resource: 'phone', operation: 'add', phone: '40730000001', ...actFor }),
			node('Verify Phone', { resource: 'phone', operation: 'verify', code: CODE, ...actFor }),
			node('Add Wallet', {
				resource: 'wallet',
				operation: 'add',
				address: '0x52908400098527886E0F7030069857D2E4169EE7',
				network: 'ETH',
				...actFor,
			}),
			node('Add Bank', {
				resource: 'bank',
				operation: 'add',
				iban: 'RO49AAAA1B31007593840000',
				swift: 'AAAAROBU',
				...actFor,
			}),
			node('Create Quote', {
				resource: 'quote',
				operation: 'create',
				quoteOperation: 'buy_with_fiat',
				symbol: 'eth',
				secondSymbol: 'EUR',
				amountSide: 'secondAmount',
				amount: '1500',
				method: 'bank',
				...actFor,
			}),
			node('Confirm Quote', {
				resource: 'quote',
				operation: 'confirm',
				quoteId: '={{ $json.id }}',
				...actFor,
			}),
			node('Confirm Payment', {
				resource: 'order',
				operation: 'confirmPayment',
				orderId: '={{ $json.id }}',
				proofType: 'json',
				additionalFields: '{"reference": "TRX-1500"}',
				...actFor,
			}),
			node('Get Profile', { resource: 'user', operation: 'getProfile', ...actFor }),
			node('Personal Data', {
				resource: 'kyc',
				operation: 'personalData',
				firstName: 'Ana',
				lastName: 'Pop',
				dateOfBirth: '1990-05-17',
				...actFor,
			}),
			node('Address', {
				resource: 'kyc',
				operation: 'address',
				country: 'RO',
				city: 'Cluj',
				street: 'Str. Exemplu 1',
				zip: '400000',
				...actFor,
			}),
		]);
		return { first, actFor, u: sim.user(email)! };
	}

	it('walks the documented flow for a new user: register, verify, phone, wallet, bank, quote → order, bank proof, KYC parts', async () => {
		const email = 'flow.user@example.com';
		const { first } = await flowUntilAddress(email);
		expect(first.error).toBeUndefined();
		const u = sim.user(email)!;
		expect(first.output('Create User')[0]).toMatchObject({
			id: u.id,
			email,
			platform: { id: SANDBOX_PLATFORM.platform_id },
		});
		expect(u.emailVerified).toBe(true);
		expect(u.phone).toMatchObject({ phone: '40730000001', verified: true });
		expect(u.wallets).toHaveLength(1);
		expect(u.banks).toHaveLength(1);
		const quote = first.output('Create Quote')[0];
		expect(quote).toMatchObject({
			status: 'available',
			symbol: 'ETH',
			secondAmount: '1500.00',
			amount: '0.75000000',
			method: 'bank',
		});
		const order = first.output('Confirm Quote')[0];
		expect(order).toMatchObject({ quoteId: quote.id, status: 'PAYMENT_WAITING' });
		expect(first.output('Confirm Payment')[0]).toMatchObject({
			id: order.id,
			status: 'PROCESSING_PAYMENT',
		});
		const stored = u.orders[0];
		expect(stored.paymentConfirmation.fields).toEqual({ reference: 'TRX-1500' });
		// 1500 EUR needs KYC: the profile marks the parts required.
		const profile = first.output('Get Profile')[0] as Json;
		expect(profile.kyc.personalData.required).toBe(true);
		expect(profile.kyc.documents).toMatchObject({ required: true, submitted: false });
		expect(u.kyc.parts.personalData.data).toMatchObject({
			first_name: 'Ana',
			last_name: 'Pop',
			dob: '1990-05-17',
		});
		expect(u.kyc.parts.address.submitted).toBe(true);
		// Every item in that run kept its pairing.
		for (const name of ['Create User', 'Confirm Quote', 'Address']) {
			expect(first.items(name).map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
		}
		// The documents are not submitted yet: the order waits.
		expect(sim.allOrders()[0].status).toBe('PROCESSING_PAYMENT');
	});

	// The documents step needs a binary file on its input item: a second workflow run starts with it.
	it('walks the whole documented flow to the end: documents as a binary file, KYC accepted, the order approved', async () => {
		const email = 'flow.docs@example.com';
		const { first, actFor, u } = await flowUntilAddress(email);
		expect(first.error).toBeUndefined();
		const order = first.output('Confirm Quote')[0];
		const quote = first.output('Create Quote')[0];
		expect(sim.allOrders()[0].status).toBe('PROCESSING_PAYMENT');

		// Step 10, documents as a binary file, then the order is approved.
		const scan = Buffer.from([
			0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x0d, 0x0a,
		]);
		const second = await run(
			[
				node('Documents', {
					resource: 'kyc',
					operation: 'documents',
					documentType: 'passport',
					frontBinaryPropertyName: 'scan',
					...actFor,
				}),
				node('KYC Status', { resource: 'kyc', operation: 'getStatus', ...actFor }),
				node('Get Order', { resource: 'order', operation: 'get', orderId: order.id, ...actFor }),
				node('Orders', { resource: 'order', operation: 'getAll', returnAll: true, ...actFor }),
			],
			{
				inputItems: [
					{
						json: {},
						binary: {
							scan: {
								data: scan.toString('base64'),
								mimeType: 'image/jpeg',
								fileName: 'passport.jpg',
							},
						},
					},
				],
			},
		);
		expect(second.error).toBeUndefined();
		expect(u.kyc.parts.documents.files).toEqual([
			{ field: 'front', filename: 'passport.jpg', contentType: 'image/jpeg', size: scan.length },
		]);
		expect(u.kyc.parts.documents.data).toMatchObject({ type: 'passport' });
		expect(second.output('KYC Status')[0]).toMatchObject({ status: 'ACCEPTED' });
		expect(second.output('Get Order')[0]).toMatchObject({
			id: order.id,
			status: 'APPROVED',
			quoteId: quote.id,
		});
		expect(second.output('Orders').map((entry) => entry.id)).toEqual([order.id]);
		expect(sim.user(email)!.orders).toHaveLength(1);
	});

	it('a card order carries its payment URL; paying there approves a small order', async () => {
		const result = await run([
			node('Create Quote', {
				resource: 'quote',
				operation: 'create',
				quoteOperation: 'buy_with_fiat',
				symbol: 'BTC',
				secondSymbol: 'EUR',
				amountSide: 'secondAmount',
				amount: '100',
				method: 'card',
			}),
			node('Confirm Quote', {
				resource: 'quote',
				operation: 'confirm',
				quoteId: '={{ $json.id }}',
			}),
		]);
		expect(result.error).toBeUndefined();
		const order = result.output('Confirm Quote')[0];
		expect(order.paymentUrl).toBe(`${sim.url}/checkout/pay/${order.id}`);
		expect((await fetch(order.paymentUrl as string)).status).toBe(200);
		const after = await run([
			node('Get Order', { resource: 'order', operation: 'get', orderId: order.id as string }),
		]);
		expect(after.output('Get Order')[0]).toMatchObject({ status: 'APPROVED' });
	});

	describe('tokens', () => {
		it('logs in once for many items and many nodes, with either authentication type', async () => {
			const items = Array.from({ length: 6 }, (_unused, index) => ({ index }));
			for (const [kind, credential] of [
				['platform', platformCredential()],
				['user', userCredential()],
			] as const) {
				sim.reset();
				await sim.ready();
				const result = await run(
					[
						node('Profile', { resource: 'user', operation: 'getProfile' }),
						node('Wallets', { resource: 'wallet', operation: 'getAll', returnAll: true }),
						node('Orders', { resource: 'order', operation: 'getAll', returnAll: true }),
					],
					{ credential, input: items },
				);
				expect(result.error).toBeUndefined();
				expect(result.output('Profile')).toHaveLength(6);
				expect(
					result.output('Profile').every((entry) => entry.id === SANDBOX_PLATFORM.user.id),
				).toBe(true);
				expect(sim.loginCount()).toBe(1);
				expect(sim.loginCount({ kind })).toBe(1);
				expect(apiRequests(/^\/api\/v1\/user\//, 'GET').length).toBeGreaterThanOrEqual(6);
			}
		});

		// With a Concurrency above 1, the items that start together all find the token field empty;
		// only the first may log in, the others wait for its token.
		it('logs in once when the first items of a node run start in parallel', async () => {
			const result = await run(
				[
					node('Profile', {
						resource: 'user',
						operation: 'getProfile',
						requestOptions: { concurrency: 3 },
					}),
				],
				{
					input: Array.from({ length: 6 }, () => ({})),
				},
			);
			expect(result.error).toBeUndefined();
			expect(result.output('Profile')).toHaveLength(6);
			expect(sim.loginCount()).toBe(1);
		});

		it('after the token expires in the middle of a workflow, logs in exactly once more and every item succeeds', async () => {
			let profileAnswers = 0;
			sim.afterRequest = ({ method, path, status }) => {
				if (
					method === 'GET' &&
					path === `/api/v1/user/${SANDBOX_PLATFORM.user.id}` &&
					status === 200
				) {
					profileAnswers += 1;
					if (profileAnswers === 4) sim.expireTokens();
				}
			};
			const result = await run(
				[
					node('Profile', { resource: 'user', operation: 'getProfile' }),
					node('Wallets', {
						resource: 'wallet',
						operation: 'getAll',
						returnAll: true,
						requestOptions: { concurrency: 4 },
					}),
				],
				{ input: Array.from({ length: 8 }, () => ({})) },
			);
			expect(result.error).toBeUndefined();
			expect(result.output('Profile')).toHaveLength(8);
			expect(result.items('Wallets').length).toBe(0); // no wallets: an empty list per item
			expect(sim.loginCount()).toBe(2);
			expect(apiRequests(/^\/api\/v1\/authenticate-jwt\//)).toHaveLength(2);
			// Only the answers right after the expiry were 401, then the new token was used.
			const refused = sim.requests.filter((request) => request.status === 401);
			expect(refused.length).toBeGreaterThanOrEqual(1);
			expect(refused.length).toBeLessThanOrEqual(4);
			expect(
				sim.requests.filter((request) => request.status === 200 && request.path.endsWith('/wallet'))
					.length,
			).toBe(8);
		});

		// A token whose whole lifetime is shorter than the 60 s refresh margin is used until it
		// really expires, not refreshed for every request.
		it(
			'a token that lives less than the refresh margin is still used for more than one request',
			async () => {
				sim.setTokenTtl(30);
				const first = await run([node('Profile', { resource: 'user', operation: 'getProfile' })], {
					input: [{}, {}, {}],
				});
				expect(first.error).toBeUndefined();
				expect(sim.loginCount()).toBe(1);
			},
		);

		it("keeps each Act for User user's token apart: one login per user, never a token of another user", async () => {
			const emails = ['a.user@example.com', 'b.user@example.com'];
			for (const email of emails) {
				sim.addUser({ email, platformId: SANDBOX_PLATFORM.platform_id, emailVerified: true });
			}
			const input = Array.from({ length: 6 }, (_unused, index) => ({ email: emails[index % 2] }));
			const result = await run(
				[
					node('Profile', {
						resource: 'user',
						operation: 'getProfile',
						actForUser: '={{ $json.email }}',
						requestOptions: { concurrency: 2 },
					}),
				],
				{ input },
			);
			expect(result.error).toBeUndefined();
			expect(result.output('Profile').map((entry) => entry.email)).toEqual(
				input.map((entry) => entry.email),
			);
			for (const email of emails) expect(sim.loginCount({ user: email })).toBe(1);
			// Every request of a user carried a token of that user (the simulator answers 403 otherwise).
			expect(sim.requests.filter((request) => request.status === 403)).toHaveLength(0);
		});

		it('an Act for User token that expires is replaced with exactly one login of that user', async () => {
			const email = 'c.user@example.com';
			sim.addUser({ email, platformId: SANDBOX_PLATFORM.platform_id, emailVerified: true });
			let answers = 0;
			sim.afterRequest = ({ path, status }) => {
				if (/\/api\/v1\/user\/[^/]+$/.test(path) && status === 200 && ++answers === 2)
					sim.expireTokens(email);
			};
			const result = await run(
				[node('Profile', { resource: 'user', operation: 'getProfile', actForUser: email })],
				{
					input: Array.from({ length: 5 }, () => ({})),
				},
			);
			expect(result.error).toBeUndefined();
			expect(result.output('Profile')).toHaveLength(5);
			expect(sim.loginCount({ user: email })).toBe(2);
		});
	});

	describe('quotes and money', () => {
		const createQuote = node('Create Quote', {
			resource: 'quote',
			operation: 'create',
			quoteOperation: 'buy',
			symbol: 'ETH',
			secondSymbol: 'EUR',
			amountSide: 'amount',
			amount: '0.1',
		});

		it('an expired quote gives a clear error that says what to do, and no order', async () => {
			sim.afterRequest = ({ method, path, status }) => {
				if (method === 'POST' && path.endsWith('/quote') && status === 201) sim.expireQuotes();
			};
			const result = await run([
				createQuote,
				node('Confirm Quote', {
					resource: 'quote',
					operation: 'confirm',
					quoteId: '={{ $json.id }}',
				}),
			]);
			expect(result.error).toBeDefined();
			expect(result.error?.message).toMatch(/expired/i);
			expect(errorText(result)).toMatch(/Create a new quote/i);
			expect(sim.allOrders()).toHaveLength(0);
			expect(apiRequests(/\/quote\/[^/]+$/, 'POST')).toHaveLength(0);
		});

		it('an expired quote the API refuses at confirmation (422) also reads clearly', async () => {
			// The quote is still available when looked up, and expires right before the confirmation.
			sim.afterRequest = ({ method, path, status }) => {
				if (method === 'GET' && /\/quote\/[^/]+$/.test(path) && status === 200) sim.expireQuotes();
			};
			const result = await run([
				createQuote,
				node('Confirm Quote', {
					resource: 'quote',
					operation: 'confirm',
					quoteId: '={{ $json.id }}',
				}),
			]);
			expect(result.error?.message).toMatch(/expired/i);
			expect(sim.allOrders()).toHaveLength(0);
		});

		it('a lost answer to Quote → Confirm with Retry On Fail yields one order per quote', async () => {
			const quotes = await run([createQuote], { input: [{}, {}] });
			const quoteIds = quotes.output('Create Quote').map((quote) => quote.id as string);
			expect(quoteIds).toHaveLength(2);
			// The second item's confirmation is executed, but its answer never arrives.
			sim.loseAnswer({ method: 'POST', path: `/quote/${quoteIds[1]}$` });
			const result = await run(
				[
					node(
						'Confirm Quote',
						{ resource: 'quote', operation: 'confirm', quoteId: '={{ $json.quoteId }}' },
						{ retryOnFail: true, maxTries: 3, waitBetweenTries: 0 },
					),
				],
				{ input: quoteIds.map((quoteId) => ({ quoteId })) },
			);
			expect(result.error).toBeUndefined();
			const orders = sim.allOrders();
			expect(orders).toHaveLength(2);
			expect(result.output('Confirm Quote').map((order) => order.quoteId)).toEqual(quoteIds);
			expect(
				result
					.output('Confirm Quote')
					.map((order) => order.id)
					.sort(),
			).toEqual(orders.map((order) => order.id).sort());
			// Each quote was confirmed exactly once.
			for (const quoteId of quoteIds)
				expect(apiRequests(new RegExp(`/quote/${quoteId}$`), 'POST')).toHaveLength(1);
			expect(result.output('Confirm Quote')[1]).toMatchObject({ alreadyConfirmed: true });
		});

		it('without Retry On Fail, a lost answer is an error that says the confirmation may have happened', async () => {
			const quotes = await run([createQuote]);
			const quoteId = quotes.output('Create Quote')[0].id as string;
			sim.loseAnswer({ method: 'POST', path: `/quote/${quoteId}$` });
			const result = await run([
				node('Confirm Quote', { resource: 'quote', operation: 'confirm', quoteId }),
			]);
			expect(result.error).toBeDefined();
			expect(errorText(result)).toMatch(/may have|might have|was (maybe|perhaps)/i);
			expect(sim.allOrders()).toHaveLength(1);
		});
	});

	describe('lost answers to other writes', () => {
		it('a lost answer to the bank proof under Retry On Fail sends the proof once and returns the order', async () => {
			const setup = await run([
				node('Create Quote', {
					resource: 'quote',
					operation: 'create',
					quoteOperation: 'buy_with_fiat',
					symbol: 'BTC',
					secondSymbol: 'EUR',
					amountSide: 'secondAmount',
					amount: '200',
					method: 'bank',
				}),
				node('Confirm Quote', {
					resource: 'quote',
					operation: 'confirm',
					quoteId: '={{ $json.id }}',
				}),
			]);
			const orderId = setup.output('Confirm Quote')[0].id as string;
			sim.loseAnswer({ method: 'POST', path: '/payment-confirmation$' });
			const result = await run([
				node(
					'Confirm Payment',
					{
						resource: 'order',
						operation: 'confirmPayment',
						orderId,
						proofType: 'json',
						additionalFields: '{"reference": "TRX-200"}',
					},
					{ retryOnFail: true, maxTries: 2, waitBetweenTries: 0 },
				),
			]);
			expect(result.error).toBeUndefined();
			expect(result.output('Confirm Payment')[0]).toMatchObject({
				id: orderId,
				alreadyConfirmed: true,
			});
			expect(apiRequests(/\/payment-confirmation$/, 'POST')).toHaveLength(1);
			expect(sim.allOrders()[0].paymentConfirmation.fields).toEqual({ reference: 'TRX-200' });
		});

		it('a lost answer to Add Bank or Create User is not sent again: a clear refusal, one record', async () => {
			sim.loseAnswer({ method: 'POST', path: '/bank$' });
			const bank = await run([
				node(
					'Add Bank',
					{ resource: 'bank', operation: 'add', iban: 'RO49AAAA1B31007593840000' },
					{ retryOnFail: true, maxTries: 2, waitBetweenTries: 0 },
				),
			]);
			expect(bank.error?.message).toMatch(/not sent again|may have been/i);
			expect(errorText(bank)).toMatch(/Get Many/);
			expect(sim.user(SANDBOX_PLATFORM.user.email)!.banks).toHaveLength(1);
			expect(apiRequests(/\/bank$/, 'POST')).toHaveLength(1);

			sim.loseAnswer({ method: 'POST', path: '^/api/v1/user$' });
			const user = await run([
				node(
					'Create User',
					{
						resource: 'user',
						operation: 'create',
						email: 'lost@example.com',
						password: NEW_PASSWORD,
						platformId: SANDBOX_PLATFORM.platform_id,
					},
					{ retryOnFail: true, maxTries: 2, waitBetweenTries: 0 },
				),
			]);
			expect(user.error?.message).toMatch(/not sent again|may have been/i);
			expect(sim.user('lost@example.com')).toBeDefined();
			expect(apiRequests(/^\/api\/v1\/user$/, 'POST')).toHaveLength(1);
		});

		it('a user token that expired by time is refreshed with one new password login', async () => {
			let answers = 0;
			sim.afterRequest = ({ method, path, status }) => {
				// After the third profile answer, two weeks pass: the token is past its until.
				if (method === 'GET' && /\/user\/[^/]+$/.test(path) && status === 200 && ++answers === 3)
					sim.advanceClock(15 * 24 * 3600 * 1000);
			};
			const result = await run([node('Profile', { resource: 'user', operation: 'getProfile' })], {
				credential: userCredential(),
				input: Array.from({ length: 6 }, () => ({})),
			});
			expect(result.error).toBeUndefined();
			expect(result.output('Profile')).toHaveLength(6);
			expect(sim.loginCount({ kind: 'user' })).toBe(2);
			expect(apiRequests(/^\/api\/v1\/authenticate$/, 'POST')).toHaveLength(2);
		});
	});

	describe('refusals', () => {
		it('rejects bad input before anything is sent', async () => {
			const cases: Array<[IDataObject, RegExp, ICredentialDataDecryptedObject?]> = [
				[
					{
						resource: 'user',
						operation: 'create',
						email: 'not-an-email',
						password: NEW_PASSWORD,
						platformId: SANDBOX_PLATFORM.platform_id,
					},
					/Email/,
				],
				// An expression that gives nothing: an empty literal would already stop n8n (required parameter).
				[
					{
						resource: 'user',
						operation: 'create',
						email: 'x@example.com',
						password: NEW_PASSWORD,
						platformId: '={{ "" }}',
					},
					/Platform ID/,
				],
				[
					{
						resource: 'user',
						operation: 'create',
						email: 'x@example.com',
						password: NEW_PASSWORD,
						platformId: SANDBOX_PLATFORM.platform_id,
						additionalFields: '[1, 2]',
					},
					/Additional Fields/,
				],
				[
					{
						resource: 'quote',
						operation: 'create',
						quoteOperation: 'buy',
						symbol: 'ETH',
						secondSymbol: 'EUR',
						amountSide: 'amount',
						amount: '0x10',
					},
					/Amount/,
				],
				[
					{
						resource: 'quote',
						operation: 'create',
						quoteOperation: 'buy',
						symbol: 'ETH',
						secondSymbol: 'EUR',
						amountSide: 'amount',
						amount: '1e3',
					},
					/Amount/,
				],
				[
					{
						resource: 'phone',
						operation: 'add',
						phone: '+40 730 000 000',
						actForUser: 'not an email',
					},
					/Act for User|Phone/,
				],
				[
					{ resource: 'user', operation: 'getProfile' },
					/key|RSA/i,
					{
						...platformCredential(),
						privateKey: EC_KEY,
					},
				],
				[
					{ resource: 'user', operation: 'getProfile', actForUser: 'someone@example.com' },
					/Platform authentication/,
					userCredential(),
				],
			];
			for (const [parameters, message, credential] of cases) {
				sim.reset();
				await sim.ready();
				const result = await run([node('Node', parameters)], { credential });
				expect({ parameters, error: result.error?.message }).toEqual({
					parameters,
					error: expect.stringMatching(message),
				});
				expect({ parameters, requests: sim.requests.length }).toEqual({ parameters, requests: 0 });
			}
		});

		it('turns 401, 403, 423 and validation errors into readable messages', async () => {
			// A wrong password (403), a locked account (423), an inactive one (401).
			const wrong = await run([node('Profile', { resource: 'user', operation: 'getProfile' })], {
				credential: { ...userCredential(), password: NOT_THE_USERS },
			});
			expect(wrong.error?.message).toMatch(/credential|password|rejected|incorrect/i);
			sim.setUserStatus(SANDBOX_PLATFORM.user.email, 'locked');
			const locked = await run([node('Profile', { resource: 'user', operation: 'getProfile' })]);
			expect(locked.error?.message).toMatch(/locked/i);
			sim.setUserStatus(SANDBOX_PLATFORM.user.email, 'inactive');
			const inactive = await run([node('Profile', { resource: 'user', operation: 'getProfile' })]);
			expect(inactive.error?.message).toMatch(/inactive/i);
			sim.setUserStatus(SANDBOX_PLATFORM.user.email, 'active');
			// A Laravel 422 names the field.
			const invalid = await run([
				node('Phone', { resource: 'phone', operation: 'add', phone: '4073' }),
			]);
			expect(errorText(invalid)).toMatch(/phone/i);
		});

		it('with Continue On Fail, a failing item becomes an error item paired with it and the others go on', async () => {
			const result = await run(
				[
					node(
						'Confirm Quote',
						{ resource: 'quote', operation: 'confirm', quoteId: '={{ $json.quoteId }}' },
						{ continueOnFail: true },
					),
				],
				{ input: [{ quoteId: '00000000-0000-4000-8000-000000000000' }, { quoteId: 'bad id!' }] },
			);
			expect(result.error).toBeUndefined();
			const items = result.items('Confirm Quote');
			expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			expect(items.every((item) => typeof item.json.error === 'string')).toBe(true);
		});
	});

	it('no token, password, private key or signed JWT appears in any output or error of these runs', () => {
		expect(runs.length).toBeGreaterThan(10);
		expect(issuedTokens.size).toBeGreaterThan(10);
		const keyBody = SANDBOX_PLATFORM.private_key.split('\n').slice(1, 3).join('');
		const secrets = [
			SANDBOX_PLATFORM.user.password,
			NEW_PASSWORD,
			NOT_THE_USERS,
			keyBody.slice(0, 40),
			...issuedTokens,
		];
		for (const result of runs) {
			// n8n attaches the node (with the parameters the user typed, e.g. a new user's password) to
			// its errors; that copy of the workflow is not output of the node and is left out.
			const text = JSON.stringify(
				{
					runData: result.run.data.resultData.runData,
					error: result.error,
					message: result.error?.message,
					description: (result.error as { description?: string } | undefined)?.description,
				},
				(key, value) =>
					key === 'node' && typeof value === 'object' && value !== null && 'parameters' in value
						? '[node]'
						: value,
			);
			for (const secret of secrets) {
				const at = text.indexOf(secret);
				expect(at === -1 ? 'absent' : text.slice(Math.max(0, at - 300), at + 60)).toBe('absent');
			}
			expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/);
			expect(text).not.toMatch(/\d+\|[A-Za-z0-9]{40}/);
			expect(text).not.toContain('PRIVATE KEY');
		}
	});
});
