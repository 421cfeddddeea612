/** Every node and credential type of the package, as n8n would load them. */
import type { ICredentialType, INodeType } from 'n8n-workflow';

import { WalletServiceApi } from '../../credentials/WalletServiceApi.credentials';
import { WalletService } from '../../nodes/WalletService/WalletService.node';
import { ZerocapApi } from '../../credentials/ZerocapApi.credentials';
import { Zerocap } from '../../nodes/Zerocap/Zerocap.node';
import { ZerocapTrigger } from '../../nodes/Zerocap/ZerocapTrigger.node';
import { QuoineApi } from '../../credentials/QuoineApi.credentials';
import { Quoine } from '../../nodes/Quoine/Quoine.node';
import { QuoineTrigger } from '../../nodes/Quoine/QuoineTrigger.node';
import { CoinViewApi } from '../../credentials/CoinViewApi.credentials';
import { CoinView } from '../../nodes/CoinView/CoinView.node';
import { CoinViewTrigger } from '../../nodes/CoinView/CoinViewTrigger.node';
import { CryptoCoinApi } from '../../credentials/CryptoCoinApi.credentials';
import { CryptoCoin } from '../../nodes/CryptoCoin/CryptoCoin.node';

export const PACKAGE = 'n8n-nodes-crypto-suite';

export const nodeTypes: Record<string, INodeType> = {
	walletService: new WalletService(),
	zerocap: new Zerocap(),
	zerocapTrigger: new ZerocapTrigger(),
	quoine: new Quoine(),
	quoineTrigger: new QuoineTrigger(),
	coinView: new CoinView(),
	coinViewTrigger: new CoinViewTrigger(),
	cryptoCoin: new CryptoCoin(),
};

export const credentialTypes: Record<string, ICredentialType> = {
	walletServiceApi: new WalletServiceApi(),
	zerocapApi: new ZerocapApi(),
	quoineApi: new QuoineApi(),
	coinViewApi: new CoinViewApi(),
	cryptoCoinApi: new CryptoCoinApi(),
};
