/**
 * What `npm test` and `npm run dev` do about the browser: a Chromium that is named but missing is
 * reported with the fix; without a browser the check fails under CI=true and is skipped with a loud
 * banner elsewhere, never passed silently.
 */
type Found = { path: string } | { missing: string };

// eslint-disable-next-line @typescript-eslint/no-require-imports
const setup = require('../../scripts/setup') as {
	ensureChromium(env?: Record<string, string | undefined>): Found;
	browserPolicy(chromium: Found, env?: Record<string, string | undefined>): 'run' | 'fail' | 'skip';
	skipBanner(why: string): string;
};

// A file that exists, to stand in for a browser binary.
const EXISTING = require.resolve('../../scripts/setup');

describe('the browser check on a machine without a browser', () => {
	it('names a CHROMIUM_PATH that does not exist instead of installing anything', () => {
		const missing = `${EXISTING}.no-such-chromium`;
		expect(setup.ensureChromium({ CHROMIUM_PATH: missing })).toEqual({
			missing: `CHROMIUM_PATH=${missing} does not exist`,
		});
	});

	it('uses the CHROMIUM_PATH that exists', () => {
		expect(setup.ensureChromium({ CHROMIUM_PATH: EXISTING })).toEqual({ path: EXISTING });
	});

	it('fails with CI=true, skips loudly elsewhere, runs when there is one', () => {
		const missing = { missing: '/usr/bin/chromium is missing' };
		expect(setup.browserPolicy(missing, { CI: 'true' })).toBe('fail');
		expect(setup.browserPolicy(missing, {})).toBe('skip');
		expect(setup.browserPolicy(missing, { CI: 'false' })).toBe('skip');
		expect(setup.browserPolicy({ path: '/usr/bin/chromium' }, { CI: 'true' })).toBe('run');
		const banner = setup.skipBanner('/usr/bin/chromium is missing');
		expect(banner).toContain('BROWSER CHECK SKIPPED: /usr/bin/chromium is missing');
		expect(banner).toContain('with CI=true this fails the run');
		expect(banner.split('\n')[0]).toMatch(/^!{72}$/);
	});
});
