import {
	NodeApiError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { z } from 'zod';

import { createApiError, errorKind } from '../../../shared/errors';
import { earlierAttempt } from '../../../shared/runMemory';
import { validateInput } from '../../../shared/validation';
import { idOf, orderIdOfQuote, orderOutput, quoteIdOfOrder, statusOf } from '../../helpers/records';
import { cryptoCoinRequest, expectAnswerFor, listRecords, recordOf, type Acting } from '../../transport';
import { actingProperties, additionalFieldsProperty, readActing, readAdditional, recordId } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Quote ID',
		name: 'quoteId',
		type: 'string',
		required: true,
		default: '',
		description: 'The ID of the quote to confirm, as Quote → Create returned it. Confirming turns it into an order.',
	},
	additionalFieldsProperty,
	...actingProperties,
];

export const description = updateDisplayOptions({ show: { resource: ['quote'], operation: ['confirm'] } }, properties);

/** How many pages of orders are read to find the order of an already confirmed quote. */
const ORDER_SEARCH_PAGES = 5;

async function findOrderOfQuote(
	ctx: IExecuteFunctions,
	quote: IDataObject,
	quoteId: string,
	acting: Acting,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const orderId = orderIdOfQuote(quote);
	if (orderId) {
		const answer = await cryptoCoinRequest.call(
			ctx,
			{ method: 'GET', path: `/user/{user}/order/${encodeURIComponent(orderId)}` },
			acting,
			itemIndex,
		);
		const order = recordOf(ctx, answer, 'getting the order of the quote', itemIndex);
		return expectAnswerFor(
			ctx,
			order,
			[
				{ name: 'order', keys: ['id'], expected: orderId },
				{ name: 'quote', keys: ['quoteId', 'quote_id', 'quote.id', 'quote'], expected: quoteId },
			],
			`getting order ${orderId} of quote ${quoteId}`,
			itemIndex,
		);
	}
	const orders = await listRecords.call(ctx, '/user/{user}/order', acting, itemIndex, {
		returnAll: false,
		limit: ORDER_SEARCH_PAGES * 100,
		what: 'listing orders',
	});
	return orders.find((order) => quoteIdOfOrder(order) === quoteId);
}

function refusal(ctx: IExecuteFunctions, itemIndex: number, message: string, description: string): NodeApiError {
	const error = createApiError(ctx.getNode(), { message, description, kind: 'noAnswer', itemIndex });
	error.context.refusedResend = true;
	return error;
}

const schema = z.object({ quoteId: recordId });

/**
 * POST /user/{user}/quote/{quote} (spec §10.10): confirms the quote; the answer is the order.
 *
 * This moves money, and the API has no idempotency key. So the quote is looked up first (GET,
 * INFERRED path), on every try: `completed` means it is confirmed already, and its order is
 * returned (`alreadyConfirmed: true`) instead of confirming again; `expired` gives a clear
 * error. After a try whose answer was lost, a quote that cannot be looked up is not confirmed
 * again: the node refuses and says what to check.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { quoteId } = validateInput(this.getNode(), schema, { quoteId: this.getNodeParameter('quoteId', itemIndex) }, itemIndex, {
		quoteId: 'Quote ID',
	});
	const additional = readAdditional(this, itemIndex);
	const acting = await readActing(this, itemIndex);
	const lostBefore = earlierAttempt(this, itemIndex)?.outcome === 'unknown';
	const quotePath = `/user/{user}/quote/${encodeURIComponent(quoteId)}`;

	const lookup = await cryptoCoinRequest
		.call(this, { method: 'GET', path: quotePath }, acting, itemIndex)
		.then(
			(answer) => ({ answer }),
			(error: unknown) => ({ error }),
		);
	let quote: IDataObject | undefined;
	if ('answer' in lookup) {
		quote = expectAnswerFor(
			this,
			recordOf(this, lookup.answer, 'getting the quote', itemIndex),
			[{ name: 'quote', keys: ['id'], expected: quoteId }],
			`getting quote ${quoteId}`,
			itemIndex,
		);
	} else {
		// No look-up possible (the GET path is INFERRED): 404 or 405. Anything else is an error.
		const httpCode = (lookup.error as { httpCode?: string }).httpCode;
		if (errorKind(lookup.error) !== 'notFound' && httpCode !== '405') throw lookup.error as Error;
		if (lostBefore) {
			throw refusal(
				this,
				itemIndex,
				`Quote ${quoteId} was not confirmed again: an earlier try got no answer, and the quote cannot be looked up`,
				'The earlier confirmation may have created an order. Check the orders of the user (Order → Get Many) before confirming again.',
			);
		}
	}

	if (quote) {
		const status = (statusOf(quote) ?? '').toLowerCase();
		if (status === 'expired') {
			throw createApiError(this.getNode(), {
				message: `Quote ID: quote ${quoteId} has expired and can no longer be confirmed`,
				description: 'A quote is valid for a limited time only. Create a new quote (Quote → Create) and confirm it right away. Nothing was confirmed.',
				kind: 'invalidInput',
				itemIndex,
			});
		}
		if (status === 'completed') {
			const order = await findOrderOfQuote(this, quote, quoteId, acting, itemIndex);
			if (!order) {
				throw refusal(
					this,
					itemIndex,
					`Quote ${quoteId} is already confirmed (status completed), but its order was not found`,
					'It was not confirmed again. Look for the order in Order → Get Many.',
				);
			}
			return { ...orderOutput(order), alreadyConfirmed: true };
		}
		if (lostBefore && status !== 'available') {
			throw refusal(
				this,
				itemIndex,
				`Quote ${quoteId} was not confirmed again: an earlier try got no answer and the quote status is "${status || 'unknown'}"`,
				'Check the orders of the user (Order → Get Many) before confirming again.',
			);
		}
	}

	const sent = await cryptoCoinRequest
		.call(this, { method: 'POST', path: quotePath, body: additional, write: true }, acting, itemIndex)
		.then(
			(answer) => ({ answer }),
			(error: unknown) => ({ error }),
		);
	if ('error' in sent) {
		// 409: confirmed meanwhile (another run or n8n instance). Its order is the answer, if found.
		if (errorKind(sent.error) !== 'duplicate') throw sent.error as Error;
		const again = recordOf(this, await cryptoCoinRequest.call(this, { method: 'GET', path: quotePath }, acting, itemIndex), 'getting the quote', itemIndex);
		const order = (statusOf(again) ?? '').toLowerCase() === 'completed' ? await findOrderOfQuote(this, again, quoteId, acting, itemIndex) : undefined;
		if (!order) throw sent.error as Error;
		return { ...orderOutput(order), alreadyConfirmed: true };
	}
	const order = recordOf(this, sent.answer, 'confirming the quote', itemIndex);
	if (!idOf(order)) {
		throw createApiError(this.getNode(), {
			message: `CryptoCoin: the answer to confirming quote ${quoteId} is not an order (it has no id)`,
			description: 'The quote may have been confirmed. Check Quote → Get and Order → Get Many before trying again.',
			kind: 'badAnswer',
			itemIndex,
		});
	}
	// An order of another quote is not the answer to this confirmation.
	expectAnswerFor(
		this,
		order,
		[{ name: 'quote', keys: ['quoteId', 'quote_id', 'quote.id', 'quote'], expected: quoteId }],
		`confirming quote ${quoteId}`,
		itemIndex,
		'The quote may have been confirmed. Check Quote → Get and Order → Get Many before trying again.',
	);
	return orderOutput(order);
}
