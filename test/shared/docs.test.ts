/**
 * The documentation names what the editor shows: every Resource → Operation of every action node
 * has a row in its service's page, every credential and trigger field is described there, and the
 * README lists every node. Adding an operation or a field without documenting it fails here.
 */
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports
import { readFileSync } from 'fs';
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports
import { join } from 'path';
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { credentialTypes, nodeTypes } from '../helpers/registry';

// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals
const ROOT = join(__dirname, '..', '..');
/** Node or credential name (without Trigger / Api) → its page under docs/. */
const PAGES: Record<string, string> = {
	walletService: 'wallet-service.md',
	zerocap: 'zerocap.md',
	quoine: 'quoine.md',
	coinView: 'coinview.md',
	cryptoCoin: 'cryptocoin.md',
};

const page = (name: string) => readFileSync(join(ROOT, 'docs', PAGES[name]), 'utf8');
const shown = (property: INodeProperties) => property.type !== 'hidden' && property.type !== 'notice';

/** `| Bank / Card | Get Many | …` rows: the resources and the operation of each. */
function operationRows(text: string): Array<{ resources: string[]; operation: string }> {
	const rows: Array<{ resources: string[]; operation: string }> = [];
	for (const line of text.split('\n')) {
		const cells = line.split('|').map((cell) => cell.trim());
		if (cells.length < 4 || cells[0] !== '') continue;
		rows.push({ resources: cells[1].split(' / ').map((name) => name.trim()), operation: cells[2] });
	}
	return rows;
}

const actionNodes = Object.entries(nodeTypes).filter(([, type]) =>
	type.description.properties.some((property) => property.name === 'resource'),
);

describe.each(actionNodes)('docs of the %s node', (name, type) => {
	const properties = type.description.properties;
	const resource = properties.find((property) => property.name === 'resource') as INodeProperties;
	const pairs = (resource.options as INodePropertyOptions[]).flatMap((option) =>
		properties
			.filter(
				(property) =>
					property.name === 'operation' &&
					((property.displayOptions?.show?.resource as string[] | undefined) ?? []).includes(String(option.value)),
			)
			.flatMap((operation) =>
				(operation.options as INodePropertyOptions[]).map((entry) => [option.name, entry.name] as [string, string]),
			),
	);

	it('has operations to check', () => {
		expect(pairs.length).toBeGreaterThan(2);
	});

	it.each(pairs)('has a row for %s → %s', (resourceName, operationName) => {
		const rows = operationRows(page(name));
		expect(rows.some((row) => row.operation === operationName && row.resources.includes(resourceName))).toBe(true);
	});
});

describe.each(Object.entries(credentialTypes))('docs of the %s credential', (name, type) => {
	it.each(type.properties.filter(shown).map((property) => property.displayName))('describe the field %s', (field) => {
		expect(page(name.replace(/Api$/, ''))).toContain(field);
	});
});

const triggers = Object.entries(nodeTypes).filter(([name]) => name.endsWith('Trigger'));

describe.each(triggers)('docs of the %s node', (name, type) => {
	it.each(type.description.properties.filter(shown).map((property) => property.displayName))('describe the field %s', (field) => {
		expect(page(name.replace(/Trigger$/, ''))).toContain(field);
	});
});

describe('README', () => {
	const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
	it.each(Object.values(nodeTypes).map((type) => type.description.displayName))('names the %s node', (displayName) => {
		expect(readme).toContain(displayName);
	});
});
