import type { INodeProperties } from 'n8n-workflow';

import * as address from './address.operation';
import * as documents from './documents.operation';
import * as edd from './edd.operation';
import * as getStatus from './getStatus.operation';
import * as personalData from './personalData.operation';
import * as video from './video.operation';

export { address, documents, edd, getStatus, personalData, video };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['kyc'] } },
		options: [
			{
				name: 'Get Status',
				value: 'getStatus',
				action: 'Get the KYC status',
				description: 'Get the KYC status of the user (ACCEPTED, REJECTED, NOT COMPLETED, WAITING ADMIN APPROVAL)',
			},
			{
				name: 'Submit Address',
				value: 'address',
				action: 'Submit the KYC address',
				description: 'Submit the home address of the user',
			},
			{
				name: 'Submit Documents',
				value: 'documents',
				action: 'Submit KYC documents',
				description: 'Upload identity documents as binary files',
			},
			{
				name: 'Submit EDD',
				value: 'edd',
				action: 'Submit the KYC EDD answers',
				description: 'Submit the enhanced due diligence answers',
			},
			{
				name: 'Submit Personal Data',
				value: 'personalData',
				action: 'Submit KYC personal data',
				description: 'Submit name and date of birth of the user',
			},
			{
				name: 'Submit Video',
				value: 'video',
				action: 'Submit a KYC video',
				description: 'Upload the identification video as a binary file',
			},
		],
		default: 'personalData',
	},
	...address.description,
	...documents.description,
	...edd.description,
	...getStatus.description,
	...personalData.description,
	...video.description,
];
