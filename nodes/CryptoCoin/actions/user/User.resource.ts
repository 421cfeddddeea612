import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as getProfile from './getProfile.operation';
import * as verifyEmail from './verifyEmail.operation';

export { create, getProfile, verifyEmail };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a user',
				description: 'Register a new user with the platform ID; CryptoCoin.pro e-mails a code',
			},
			{
				name: 'Get Profile',
				value: 'getProfile',
				action: 'Get a user profile',
				description: 'Get the user profile, with the KYC parts still required listed in requiredKyc',
			},
			{
				name: 'Verify Email',
				value: 'verifyEmail',
				action: 'Verify a user email',
				description: 'Confirm the e-mail address with the code CryptoCoin.pro sent',
			},
		],
		default: 'create',
	},
	...create.description,
	...getProfile.description,
	...verifyEmail.description,
];
