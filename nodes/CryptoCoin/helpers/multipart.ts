import { randomBytes } from 'crypto';

/** One part of a multipart/form-data body: a text field or a file. */
export type FormPart =
	| { name: string; value: string }
	| { name: string; file: Buffer; fileName: string; mimeType: string };

/** Quotes and line breaks would end the header line early: they are replaced. */
function headerSafe(text: string): string {
	return text.replace(/["\r\n\\]/g, '_');
}

/**
 * Builds a multipart/form-data body (RFC 7578) by hand: runtime code may not import a form-data
 * library, and n8n sends a Buffer body as it is. Returns the body and its Content-Type.
 */
export function multipartBody(parts: FormPart[], boundary = `----n8nCryptoCoin${randomBytes(12).toString('hex')}`): {
	body: Buffer;
	contentType: string;
} {
	const chunks: Buffer[] = [];
	for (const part of parts) {
		let head = `--${boundary}\r\nContent-Disposition: form-data; name="${headerSafe(part.name)}"`;
		if ('file' in part) {
			head += `; filename="${headerSafe(part.fileName)}"\r\nContent-Type: ${headerSafe(part.mimeType)}\r\n\r\n`;
			chunks.push(Buffer.from(head, 'utf8'), part.file, Buffer.from('\r\n', 'utf8'));
		} else {
			head += '\r\n\r\n';
			chunks.push(Buffer.from(head, 'utf8'), Buffer.from(part.value, 'utf8'), Buffer.from('\r\n', 'utf8'));
		}
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
	return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/**
 * Flattens a JSON object into form fields the Laravel way: `a[b]`, lists as `a[0]`. Values that
 * are not text are sent as their JSON text.
 */
export function formFields(object: Record<string, unknown>, prefix = ''): Array<{ name: string; value: string }> {
	const result: Array<{ name: string; value: string }> = [];
	for (const [key, value] of Object.entries(object)) {
		const name = prefix ? `${prefix}[${key}]` : key;
		if (value === undefined || value === null) continue;
		if (Array.isArray(value)) {
			value.forEach((entry, index) => {
				if (typeof entry === 'object' && entry !== null) result.push(...formFields(entry as Record<string, unknown>, `${name}[${index}]`));
				else result.push({ name: `${name}[${index}]`, value: String(entry) });
			});
		} else if (typeof value === 'object') {
			result.push(...formFields(value as Record<string, unknown>, name));
		} else {
			result.push({ name, value: typeof value === 'string' ? value : JSON.stringify(value) });
		}
	}
	return result;
}
