import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import type { FormPart } from './multipart';

/** Largest file the node uploads (INFERRED: no limit is documented). */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** Reads an input item's binary file as a multipart file part, checked before anything is sent. */
export async function binaryPart(
	ctx: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	partName: string,
	label: string,
): Promise<FormPart> {
	const name = propertyName.trim();
	if (!/^[A-Za-z0-9_.-]{1,100}$/.test(name)) {
		throw new NodeOperationError(ctx.getNode(), `${label}: must be the name of a binary property, such as data`, {
			itemIndex,
			description: 'Nothing was sent.',
		});
	}
	const binary = ctx.getInputData()[itemIndex]?.binary?.[name];
	if (!binary) {
		throw new NodeOperationError(ctx.getNode(), `${label}: the input item has no binary property "${name}"`, {
			itemIndex,
			description: 'Read the file first (e.g. with Read/Write Files from Disk or an HTTP Request), and name its binary property here. Nothing was sent.',
		});
	}
	const data = ctx.helpers.assertBinaryData(itemIndex, name);
	const file = await ctx.helpers.getBinaryDataBuffer(itemIndex, name);
	if (file.length === 0) {
		throw new NodeOperationError(ctx.getNode(), `${label}: the file "${name}" is empty`, { itemIndex, description: 'Nothing was sent.' });
	}
	if (file.length > MAX_UPLOAD_BYTES) {
		throw new NodeOperationError(ctx.getNode(), `${label}: the file is larger than 20 MB`, { itemIndex, description: 'Nothing was sent.' });
	}
	return {
		name: partName,
		file,
		fileName: data.fileName ?? `${partName}${data.fileExtension ? `.${data.fileExtension}` : ''}`,
		mimeType: data.mimeType || 'application/octet-stream',
	};
}
