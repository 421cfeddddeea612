import { config } from '@n8n/node-cli/eslint';

/**
 * The community-node rules as n8n's verification runs them, on everything. Tests only may use
 * what runtime code must not (timers, process, console for their summary tables): they are never
 * part of the package.
 */
export default [
	...config,
	{
		files: ['test/**/*.ts'],
		rules: {
			'@n8n/community-nodes/no-restricted-globals': 'off',
			'@n8n/community-nodes/no-restricted-imports': 'off',
			'no-console': 'off',
		},
	},
];
