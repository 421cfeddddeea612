import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { listAssets } from '../transport';

/** The wallet's assets for the asset picker, searchable by symbol, name or ID (GET /assets). */
export async function searchAssets(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const assets = await listAssets.call(this);
	const needle = (filter ?? '').trim().toLowerCase();
	const results = assets
		.filter((asset) => typeof asset.asset_id === 'string')
		.filter((asset) =>
			!needle
				? true
				: [asset.symbol, asset.name, asset.asset_id].some(
						(value) => typeof value === 'string' && value.toLowerCase().includes(needle),
					),
		)
		.map((asset) => ({
			name: `${String(asset.symbol ?? '?')} · ${String(asset.name ?? '')} (balance ${String(asset.balance ?? '?')})`,
			value: String(asset.asset_id),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}
