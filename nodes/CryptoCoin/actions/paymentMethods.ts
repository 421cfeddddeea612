import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { z } from 'zod';

import { errorKind } from '../../shared/errors';
import { sendUnkeyedWrite } from '../../shared/idempotency';
import { earlierAttempt } from '../../shared/runMemory';
import { returnAllOrLimit } from '../../shared/descriptions';
import { readReturnAllAndLimit, validateInput } from '../../shared/validation';
import { cryptoCoinRequest, listRecords, recordOf } from '../transport';
import { actingProperties, additionalFieldsProperty, readActing, readAdditional, recordId } from './common';

/** Bank accounts, cards and wallets share one shape: add, list, delete (spec §10.6–10.8, §10.14). */
export type PaymentMethodKind = 'bank' | 'card' | 'wallet';

const NAMES: Record<PaymentMethodKind, { one: string; many: string }> = {
	bank: { one: 'bank account', many: 'bank accounts' },
	card: { one: 'card', many: 'cards' },
	wallet: { one: 'wallet', many: 'wallets' },
};

export interface NamedField {
	property: INodeProperties;
	/** Body key. */
	key: string;
	schema: z.ZodTypeAny;
}

export function addOperation(kind: PaymentMethodKind, named: NamedField[]) {
	const names = NAMES[kind];
	const properties: INodeProperties[] = [
		...named.map((field) => field.property),
		{ ...additionalFieldsProperty, description: `${additionalFieldsProperty.description} The ${names.one} fields are UNDOCUMENTED publicly; put them here.` },
		...actingProperties,
	];
	const description = updateDisplayOptions({ show: { resource: [kind], operation: ['add'] } }, properties);
	const schema = z.object(Object.fromEntries(named.map((field) => [field.property.name, field.schema])));
	const labels = Object.fromEntries(named.map((field) => [field.property.name, field.property.displayName]));
	const reserved = Object.fromEntries(named.map((field) => [field.key, field.property.displayName]));

	async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const input = validateInput(
			this.getNode(),
			schema,
			Object.fromEntries(named.map((field) => [field.property.name, this.getNodeParameter(field.property.name, itemIndex, '')])),
			itemIndex,
			labels,
		) as Record<string, unknown>;
		const additional = readAdditional(this, itemIndex, reserved);
		const body: IDataObject = { ...additional };
		for (const field of named) if (input[field.property.name] !== undefined) body[field.key] = input[field.property.name] as string;
		if (Object.keys(body).length === 0) {
			throw new NodeOperationError(this.getNode(), `Additional Fields (JSON): give the ${names.one} fields to send`, {
				itemIndex,
				description: 'The request would have no body. Nothing was sent.',
			});
		}
		const acting = await readActing(this, itemIndex);
		// No idempotency key: a lost answer is not resent by Retry On Fail (it could add the method twice).
		const answer = await sendUnkeyedWrite({
			ctx: this,
			itemIndex,
			what: `new ${names.one}`,
			check: `the user's ${names.many} (${kind[0].toUpperCase()}${kind.slice(1)} → Get Many)`,
			send: async () =>
				await cryptoCoinRequest.call(this, { method: 'POST', path: `/user/{user}/${kind}`, body, write: true }, acting, itemIndex),
		});
		return recordOf(this, answer, `adding a ${names.one}`, itemIndex);
	}
	return { description, execute };
}

export function getAllOperation(kind: PaymentMethodKind) {
	const names = NAMES[kind];
	const show = { resource: [kind], operation: ['getAll'] };
	const description = [
		...returnAllOrLimit(show),
		...updateDisplayOptions({ show }, actingProperties),
	];
	async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const { returnAll, limit } = readReturnAllAndLimit(this, itemIndex, { max: 100_000 });
		const acting = await readActing(this, itemIndex);
		return await listRecords.call(this, `/user/{user}/${kind}`, acting, itemIndex, {
			returnAll,
			limit,
			what: `listing ${names.many}`,
		});
	}
	return { description, execute };
}

export function deleteOperation(kind: PaymentMethodKind) {
	const names = NAMES[kind];
	const label = `${kind[0].toUpperCase()}${kind.slice(1)} ID`;
	const properties: INodeProperties[] = [
		{
			displayName: label,
			name: 'recordId',
			type: 'string',
			required: true,
			default: '',
			description: `The ID of the ${names.one}, as Get Many returns it`,
		},
		...actingProperties,
	];
	const description = updateDisplayOptions({ show: { resource: [kind], operation: ['delete'] } }, properties);
	const schema = z.object({ recordId });
	async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const { recordId: id } = validateInput(
			this.getNode(),
			schema,
			{ recordId: this.getNodeParameter('recordId', itemIndex) },
			itemIndex,
			{ recordId: label },
		);
		const acting = await readActing(this, itemIndex);
		// Deleting twice deletes nothing more: after a lost answer, "not found" means it is gone.
		const lostBefore = earlierAttempt(this, itemIndex)?.outcome === 'unknown';
		const failure = await cryptoCoinRequest
			.call(
				this,
				{ method: 'DELETE', path: `/user/{user}/${kind}/${encodeURIComponent(id)}`, write: true, expect: 'jsonOrEmpty' },
				acting,
				itemIndex,
			)
			.then(
				() => undefined,
				(error: unknown) => error,
			);
		if (failure !== undefined) {
			if (lostBefore && errorKind(failure) === 'notFound') return { id, deleted: true, alreadyDeleted: true };
			throw failure as Error;
		}
		return { id, deleted: true };
	}
	return { description, execute };
}
