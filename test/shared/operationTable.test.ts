/**
 * The builders of nodes/shared/operationTable.ts over a small table written here: pickers sorted
 * by name with their defaults, fields spread in picker order, write/sequential marks in the router
 * table, and the subtitle expression (compared with a literal written by hand).
 */
import type { INodeProperties } from 'n8n-workflow';

import {
	defineOperationTable,
	nodeProperties,
	operationSubtitle,
	resourceMap,
	titleOfAction,
	writeOperations,
} from '../../nodes/shared/operationTable';
import type { OperationModule, ResourceMap } from '../../nodes/shared/router';
import type { OperationTable } from '../../nodes/shared/operationTable';
import { coinViewTable } from '../../nodes/CoinView/actions/node.table';
import { resources as coinViewResources } from '../../nodes/CoinView/actions/router';
import { cryptoCoinTable } from '../../nodes/CryptoCoin/actions/node.table';
import { resources as cryptoCoinResources } from '../../nodes/CryptoCoin/actions/router';
import { quoineTable } from '../../nodes/Quoine/actions/node.table';
import { resources as quoineResources } from '../../nodes/Quoine/actions/router';
import { walletServiceTable } from '../../nodes/WalletService/actions/node.table';
import { resources as walletServiceResources } from '../../nodes/WalletService/actions/router';
import { zerocapTable } from '../../nodes/Zerocap/actions/node.table';
import { resources as zerocapResources } from '../../nodes/Zerocap/actions/router';
import { nodeTypes } from '../helpers/registry';

function module(field: string): OperationModule {
	const description: INodeProperties[] = [
		{ displayName: field, name: field, type: 'string', default: '' },
	];
	return { description, execute: async () => ({ field }) };
}

const table = defineOperationTable({
	default: 'order',
	resources: {
		order: {
			name: 'Order',
			default: 'create',
			operations: {
				getAll: { name: 'Get Many', action: 'Get many orders', description: 'List', module: module('limit') },
				create: {
					name: 'Create',
					action: 'Create an order',
					description: 'Place',
					module: module('amount'),
					write: true,
				},
				get: {
					name: 'Get',
					action: 'Get an order by its ID',
					description: 'One',
					module: module('orderId'),
					sequential: true,
				},
			},
		},
		account: {
			name: 'Account',
			default: 'getBalances',
			operations: {
				getBalances: {
					name: 'Get Balances',
					action: 'Get the balances of an account',
					description: 'Balances',
					module: module('currency'),
				},
			},
		},
	},
});

describe('operation table', () => {
	it('builds the Resource picker sorted by name, with its default', () => {
		const [resource] = nodeProperties(table);
		expect(resource).toEqual({
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Account', value: 'account' },
				{ name: 'Order', value: 'order' },
			],
			default: 'order',
		});
	});

	it('builds each Operation picker sorted by name, followed by its operations’ fields in table order', () => {
		const properties = nodeProperties(table);
		expect(properties.map((property) => property.name)).toEqual([
			'resource',
			'operation',
			'currency',
			'operation',
			'limit',
			'amount',
			'orderId',
		]);
		expect(properties[3]).toEqual({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: ['order'] } },
			options: [
				{ name: 'Create', value: 'create', action: 'Create an order', description: 'Place' },
				{ name: 'Get', value: 'get', action: 'Get an order by its ID', description: 'One' },
				{ name: 'Get Many', value: 'getAll', action: 'Get many orders', description: 'List' },
			],
			default: 'create',
		});
	});

	it('builds the router table with write and sequential marks', () => {
		const map = resourceMap(table);
		expect(Object.keys(map).sort()).toEqual(['account', 'order']);
		expect(map.order.create.write).toBe(true);
		expect(map.order.create.sequential).toBeUndefined();
		expect(map.order.get.sequential).toBe(true);
		expect(map.order.get.write).toBeUndefined();
		expect(map.order.getAll.write).toBeUndefined();
		expect(map.account.getBalances.description[0].name).toBe('currency');
		expect(writeOperations(table)).toEqual(['create']);
	});

	it('builds the subtitle from the action texts', () => {
		expect(operationSubtitle(table)).toBe(
			'={{ {"account:getBalances":"Get Balances of Account","order:create":"Create Order","order:get":"Get Order by Its ID","order:getAll":"Get Many Orders"}[$parameter["resource"] + ":" + $parameter["operation"]] || $parameter["operation"] }}',
		);
		expect(titleOfAction('Mark an item as used')).toBe('Mark Item as Used');
	});

	it('refuses defaults that name nothing in the table', () => {
		expect(() =>
			defineOperationTable({ default: 'nope', resources: table.resources }),
		).toThrow('default resource "nope"');
		expect(() =>
			defineOperationTable({
				default: 'account',
				resources: { account: { ...table.resources.account, default: 'missing' } },
			}),
		).toThrow('default operation "missing" of "account"');
	});
});

const NODES: Array<[string, OperationTable, ResourceMap]> = [
	['walletService', walletServiceTable, walletServiceResources],
	['zerocap', zerocapTable, zerocapResources],
	['coinView', coinViewTable, coinViewResources],
	['cryptoCoin', cryptoCoinTable, cryptoCoinResources],
	['quoine', quoineTable, quoineResources],
];

describe.each(NODES)('the %s node', (name, nodeTable, resources) => {
	const description = nodeTypes[name].description;

	it('shows the pickers and fields its table describes, before its own options', () => {
		const built = nodeProperties(nodeTable);
		expect(description.properties.slice(0, built.length)).toEqual(built);
		expect(description.properties.slice(built.length).map((p) => p.name)).not.toContain('operation');
	});

	it('routes exactly the operations of its table, with their write and sequential marks', () => {
		const marks = (map: ResourceMap) =>
			Object.entries(map).flatMap(([resource, operations]) =>
				Object.entries(operations).map(
					([value, module]) => `${resource}:${value}:${module.write ? 'w' : ''}${module.sequential ? 's' : ''}`,
				),
			);
		const fromTable = Object.entries(nodeTable.resources).flatMap(([resource, entry]) =>
			Object.entries(entry.operations).map(
				([value, operation]) =>
					`${resource}:${value}:${operation.write ? 'w' : ''}${operation.sequential ? 's' : ''}`,
			),
		);
		expect(marks(resources).sort()).toEqual(fromTable.sort());
	});

	it('reads its subtitle from its table', () => {
		expect(description.subtitle).toBe(operationSubtitle(nodeTable));
	});
});
