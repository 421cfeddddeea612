/**
 * Node subtitles as the editor shows them: each node's subtitle expression evaluated by
 * n8n-workflow's own expression engine, for every resource and operation it offers. The literal in
 * each node file must equal the table built from the operations' action texts, so a new or renamed
 * operation cannot leave a raw value ("createLimit: order") on the canvas.
 */
import { Workflow, type INode, type INodeType, type INodeTypes } from 'n8n-workflow';

import { Quoine } from '../../nodes/Quoine/Quoine.node';
import { QuoineTrigger } from '../../nodes/Quoine/QuoineTrigger.node';
import { WalletService } from '../../nodes/WalletService/WalletService.node';
import { Zerocap } from '../../nodes/Zerocap/Zerocap.node';
import { ZerocapTrigger } from '../../nodes/Zerocap/ZerocapTrigger.node';
import { operationSubtitle, titleOfAction } from '../helpers/subtitle';

function subtitleOf(type: INodeType, parameters: Record<string, string>): unknown {
	const node: INode = {
		id: 'node',
		name: 'Node',
		type: `n8n-nodes-crypto-suite.${type.description.name}`,
		typeVersion: 1,
		position: [0, 0],
		parameters,
	};
	const nodeTypes: INodeTypes = {
		getByName: () => type,
		getByNameAndVersion: () => type,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getSimpleParameterValue(
		node,
		type.description.subtitle as string,
		'internal',
		{},
	);
}

const actionNodes: Array<[string, INodeType]> = [
	['Quoine', new Quoine()],
	['Wallet Service', new WalletService()],
	['Zerocap', new Zerocap()],
];

describe('node subtitles', () => {
	it('title-cases an action text without its articles', () => {
		expect(titleOfAction('Create a limit order')).toBe('Create Limit Order');
		expect(titleOfAction('Get many orders')).toBe('Get Many Orders');
		expect(titleOfAction('Get the trades of an order')).toBe('Get Trades of Order');
		expect(titleOfAction('Mark an item as used')).toBe('Mark Item as Used');
		expect(titleOfAction('Get an order by its ID')).toBe('Get Order by Its ID');
	});

	const cases: Array<[string, Record<string, string>, string, INodeType]> = [
		['Quoine', { resource: 'order', operation: 'createLimit' }, 'Create Limit Order', new Quoine()],
		['Quoine', { resource: 'order', operation: 'getAll' }, 'Get Many Orders', new Quoine()],
		['Quoine', { resource: 'trade', operation: 'getAll' }, 'Get Many Trades', new Quoine()],
		['Zerocap', { resource: 'order', operation: 'create' }, 'Create Order', new Zerocap()],
		[
			'Wallet Service',
			{ resource: 'service', operation: 'checkHealth' },
			'Check Service Health',
			new WalletService(),
		],
		[
			'Quoine Trigger',
			{ event: 'orderStatusChanged' },
			'Order Status Changed',
			new QuoineTrigger(),
		],
		['Zerocap Trigger', { event: 'tradeExecuted' }, 'Trade Executed', new ZerocapTrigger()],
		['Zerocap Trigger', { event: 'priceLadder' }, 'Price Ladder', new ZerocapTrigger()],
	];
	it.each(cases)('%s with %j reads "%s"', (_name, parameters, expected, type) => {
		expect(subtitleOf(type, parameters)).toBe(expected);
	});

	it.each(actionNodes)(
		'the subtitle of %s is the table built from its action texts',
		(_name, type) => {
			// On failure, paste the expected value into the node's `subtitle`.
			expect(type.description.subtitle).toBe(operationSubtitle(type.description.properties));
		},
	);

	it.each(actionNodes)(
		'every operation of %s has a readable subtitle, never a raw value',
		(_name, type) => {
			const resources = type.description.properties.find(
				(property) => property.name === 'resource',
			);
			const operations = type.description.properties.filter(
				(property) => property.name === 'operation',
			);
			let checked = 0;
			for (const resource of resources?.options ?? []) {
				const resourceValue = String((resource as { value: string }).value);
				const picker = operations.find((property) =>
					((property.displayOptions?.show?.resource ?? []) as string[]).includes(resourceValue),
				);
				for (const option of picker?.options ?? []) {
					const { value, action } = option as { value: string; action?: string };
					const subtitle = subtitleOf(type, { resource: resourceValue, operation: value });
					expect(subtitle).toBe(titleOfAction(action ?? ''));
					expect(subtitle).toMatch(/^[A-Z][A-Za-z]*( [A-Za-z]+)*$/);
					checked++;
				}
			}
			expect(checked).toBeGreaterThan(0);
		},
	);

	it.each([
		['Quoine Trigger', new QuoineTrigger()],
		['Zerocap Trigger', new ZerocapTrigger()],
	] as Array<[string, INodeType]>)('every event of %s reads as its picker name', (_name, type) => {
		const event = type.description.properties.find((property) => property.name === 'event');
		expect(event?.options?.length).toBeGreaterThan(0);
		for (const option of event?.options ?? []) {
			const { value, name } = option as { value: string; name: string };
			expect(subtitleOf(type, { event: value })).toBe(name);
		}
	});
});
