/** Unit, sandbox and engine tests. Type checking runs separately (npm run typecheck), so ts-jest only transpiles. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	testTimeout: 30000,
	// n8n-core keeps a handle open after an execution; the suites close their own servers.
	forceExit: true,
};
