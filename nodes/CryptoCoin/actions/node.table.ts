import { defineOperationTable } from '../../shared/operationTable';
import * as bankAdd from './bank/add.operation';
import * as bankDeleteOperation from './bank/delete.operation';
import * as bankGetAll from './bank/getAll.operation';
import * as cardAdd from './card/add.operation';
import * as cardDeleteOperation from './card/delete.operation';
import * as cardGetAll from './card/getAll.operation';
import * as kycAddress from './kyc/address.operation';
import * as kycDocuments from './kyc/documents.operation';
import * as kycEdd from './kyc/edd.operation';
import * as kycGetStatus from './kyc/getStatus.operation';
import * as kycPersonalData from './kyc/personalData.operation';
import * as kycVideo from './kyc/video.operation';
import * as orderConfirmPayment from './order/confirmPayment.operation';
import * as orderGet from './order/get.operation';
import * as orderGetAll from './order/getAll.operation';
import * as phoneAdd from './phone/add.operation';
import * as phoneVerify from './phone/verify.operation';
import * as quoteConfirm from './quote/confirm.operation';
import * as quoteCreate from './quote/create.operation';
import * as quoteGet from './quote/get.operation';
import * as userCreate from './user/create.operation';
import * as userGetProfile from './user/getProfile.operation';
import * as userVerifyEmail from './user/verifyEmail.operation';
import * as walletAdd from './wallet/add.operation';
import * as walletDeleteOperation from './wallet/delete.operation';
import * as walletGetAll from './wallet/getAll.operation';

/** Every resource and operation of the node: its pickers, router and subtitle are built from here. */
export const cryptoCoinTable = defineOperationTable({
	default: 'user',
	resources: {
		bank: {
			name: 'Bank',
			default: 'add',
			operations: {
				add: {
					name: 'Add',
					action: 'Add a bank account',
					description: 'Add a bank account to the user; a retry after a lost answer is not sent again',
					module: bankAdd,
					write: true,
				},
				delete: {
					name: 'Delete',
					action: 'Delete a bank account',
					description: 'Remove a bank account of the user by its ID',
					module: bankDeleteOperation,
					write: true,
				},
				getAll: {
					name: 'Get Many',
					action: 'Get many bank accounts',
					description: 'List the bank accounts of the user',
					module: bankGetAll,
				},
			},
		},
		card: {
			name: 'Card',
			default: 'add',
			operations: {
				add: {
					name: 'Add',
					action: 'Add a card',
					description: 'Add a card to the user; a retry after a lost answer is not sent again',
					module: cardAdd,
					write: true,
				},
				delete: {
					name: 'Delete',
					action: 'Delete a card',
					description: 'Remove a card of the user by its ID',
					module: cardDeleteOperation,
					write: true,
				},
				getAll: {
					name: 'Get Many',
					action: 'Get many cards',
					description: 'List the cards of the user',
					module: cardGetAll,
				},
			},
		},
		kyc: {
			name: 'KYC',
			default: 'personalData',
			operations: {
				address: {
					name: 'Submit Address',
					action: 'Submit the KYC address',
					description: 'Submit the home address of the user',
					module: kycAddress,
					write: true,
				},
				documents: {
					name: 'Submit Documents',
					action: 'Submit KYC documents',
					description: 'Upload identity documents as binary files',
					module: kycDocuments,
					write: true,
				},
				edd: {
					name: 'Submit EDD',
					action: 'Submit the KYC EDD answers',
					description: 'Submit the enhanced due diligence answers',
					module: kycEdd,
					write: true,
				},
				getStatus: {
					name: 'Get Status',
					action: 'Get the KYC status',
					description: 'Get the KYC status of the user (ACCEPTED, REJECTED, NOT COMPLETED, WAITING ADMIN APPROVAL)',
					module: kycGetStatus,
				},
				personalData: {
					name: 'Submit Personal Data',
					action: 'Submit KYC personal data',
					description: 'Submit name and date of birth of the user',
					module: kycPersonalData,
					write: true,
				},
				video: {
					name: 'Submit Video',
					action: 'Submit a KYC video',
					description: 'Upload the identification video as a binary file',
					module: kycVideo,
					write: true,
				},
			},
		},
		order: {
			name: 'Order',
			default: 'get',
			operations: {
				confirmPayment: {
					name: 'Confirm Payment',
					action: 'Confirm the payment of an order',
					description: 'Send the proof of a bank payment (file or JSON) for a Buy With Fiat order',
					module: orderConfirmPayment,
					write: true,
				},
				get: {
					name: 'Get',
					action: 'Get an order',
					description: 'Get an order, its status and its card payment URL',
					module: orderGet,
				},
				getAll: {
					name: 'Get Many',
					action: 'Get many orders',
					description: 'List the orders of the user, optionally by status',
					module: orderGetAll,
				},
			},
		},
		phone: {
			name: 'Phone',
			default: 'add',
			operations: {
				add: {
					name: 'Add',
					action: 'Add a phone number',
					description: 'Add a phone number to the user; CryptoCoin.pro sends an SMS code',
					module: phoneAdd,
					write: true,
				},
				verify: {
					name: 'Verify',
					action: 'Verify a phone number',
					description: 'Confirm the phone number with the SMS code',
					module: phoneVerify,
					write: true,
				},
			},
		},
		quote: {
			name: 'Quote',
			default: 'create',
			operations: {
				confirm: {
					name: 'Confirm',
					action: 'Confirm a quote',
					description: 'Confirm a quote and get the order; a retry never confirms twice',
					module: quoteConfirm,
					write: true,
				},
				create: {
					name: 'Create',
					action: 'Create a quote',
					description: 'Ask for a price to buy or sell; the quote expires unless confirmed',
					module: quoteCreate,
					write: true,
				},
				get: {
					name: 'Get',
					action: 'Get a quote',
					description: 'Get a quote and its status (available, completed or expired)',
					module: quoteGet,
				},
			},
		},
		user: {
			name: 'User',
			default: 'create',
			operations: {
				create: {
					name: 'Create',
					action: 'Create a user',
					description: 'Register a new user with the platform ID; CryptoCoin.pro e-mails a code',
					module: userCreate,
					write: true,
				},
				getProfile: {
					name: 'Get Profile',
					action: 'Get a user profile',
					description: 'Get the user profile, with the KYC parts still required listed in requiredKyc',
					module: userGetProfile,
				},
				verifyEmail: {
					name: 'Verify Email',
					action: 'Verify a user email',
					description: 'Confirm the e-mail address with the code CryptoCoin.pro sent',
					module: userVerifyEmail,
					write: true,
				},
			},
		},
		wallet: {
			name: 'Wallet',
			default: 'add',
			operations: {
				add: {
					name: 'Add',
					action: 'Add a wallet',
					description: 'Add a wallet to the user; a retry after a lost answer is not sent again',
					module: walletAdd,
					write: true,
				},
				delete: {
					name: 'Delete',
					action: 'Delete a wallet',
					description: 'Remove a wallet of the user by its ID',
					module: walletDeleteOperation,
					write: true,
				},
				getAll: {
					name: 'Get Many',
					action: 'Get many wallets',
					description: 'List the wallets of the user',
					module: walletGetAll,
				},
			},
		},
	},
});
