/**
 * One check over every action node of the package, present and future: the Resource and
 * Operation pickers and the router's table agree, and every operation has an action text an AI
 * agent can act on (n8n builds the tool description from it).
 */
import type { INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';

import { resources as coinView } from '../../nodes/CoinView/actions/router';
import { resources as cryptoCoin } from '../../nodes/CryptoCoin/actions/router';
import { resources as quoine } from '../../nodes/Quoine/actions/router';
import { resources as walletService } from '../../nodes/WalletService/actions/router';
import { resources as zerocap } from '../../nodes/Zerocap/actions/router';
import type { ResourceMap } from '../../nodes/shared/router';
import { nodeTypes } from '../helpers/registry';

/** Each action node's router table, by node name. A node missing here fails the first test. */
const ROUTERS: Record<string, ResourceMap> = { coinView, cryptoCoin, quoine, walletService, zerocap };

interface ActionNode {
	name: string;
	type: INodeType;
	resources: ResourceMap;
}

/** Every node of the package that is not a trigger. */
const actionNodeNames = Object.entries(nodeTypes)
	.filter(([, type]) => !type.description.group.includes('trigger'))
	.map(([name]) => name);

const nodes: ActionNode[] = actionNodeNames.map((name) => ({
	name,
	type: nodeTypes[name],
	resources: ROUTERS[name],
}));


function optionsOf(property: INodeProperties | undefined): INodePropertyOptions[] {
	return (property?.options ?? []) as INodePropertyOptions[];
}

/** resource → operation options shown for it in the editor. */
function pickerTable(type: INodeType): Record<string, INodePropertyOptions[]> {
	const properties = type.description.properties;
	const resourceProperty = properties.find((property) => property.name === 'resource');
	const table: Record<string, INodePropertyOptions[]> = {};
	for (const resource of optionsOf(resourceProperty)) {
		const operation = properties.find(
			(property) =>
				property.name === 'operation' &&
				(property.displayOptions?.show?.resource as unknown[] | undefined)?.includes(resource.value),
		);
		table[String(resource.value)] = optionsOf(operation);
	}
	return table;
}

describe('every action node', () => {
	it('has its router table in this test', () => {
		expect(actionNodeNames).toEqual(expect.arrayContaining(['quoine', 'walletService', 'zerocap']));
		expect(actionNodeNames.filter((name) => !ROUTERS[name])).toEqual([]);
	});

	describe.each(nodes.map((node) => [node.name, node] as const))('%s', (_folder, node) => {
		it('has a handler for every Resource → Operation option, and an option for every handler', () => {
			const table = pickerTable(node.type);
			const fromPickers = Object.entries(table).flatMap(([resource, operations]) =>
				operations.map((operation) => `${resource}:${String(operation.value)}`),
			);
			const fromRouter = Object.entries(node.resources).flatMap(([resource, operations]) =>
				Object.entries(operations)
					.filter(([, module]) => typeof module.execute === 'function')
					.map(([operation]) => `${resource}:${operation}`),
			);
			expect(fromPickers.sort()).toEqual(fromRouter.sort());
			expect(fromPickers.length).toBeGreaterThan(0);
		});

		it('gives every operation an action text fit to be an AI tool description', () => {
			const table = pickerTable(node.type);
			for (const [resource, operations] of Object.entries(table)) {
				for (const operation of operations) {
					const action = operation.action ?? '';
					const where = `${resource}:${String(operation.value)} "${action}"`;
					// A verb and what it acts on, e.g. "Create a limit order", not "Create".
					expect({ where, ok: /^[A-Z][a-z]+(?: [^\s]+){1,}$/.test(action) }).toEqual({ where, ok: true });
				}
			}
		});

		it('is usable as an AI tool', () => {
			expect(node.type.description.usableAsTool).toBeTruthy();
		});
	});
});
