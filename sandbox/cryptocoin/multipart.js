'use strict';
/**
 * A small multipart/form-data reader for the CryptoCoin simulator (proof of payment, KYC
 * documents and video are file uploads). It works on the raw bytes, so files arrive unchanged.
 */

/**
 * @typedef {object} Part
 * @property {string} name form field name
 * @property {string} [filename] present for file parts
 * @property {string} [contentType]
 * @property {Buffer} data
 */

/**
 * @param {string | undefined} contentType the request's Content-Type header
 * @returns {string | undefined} the boundary, when the request is multipart/form-data
 */
function boundaryOf(contentType) {
	if (!contentType || !/^multipart\/form-data\s*;/i.test(contentType)) return undefined;
	const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
	return match ? (match[1] ?? match[2]) : undefined;
}

/**
 * @param {Buffer} body @param {string} boundary
 * @returns {Part[] | undefined} the parts, or undefined when the body is not well-formed
 */
function parseMultipart(body, boundary) {
	const delimiter = Buffer.from(`--${boundary}`);
	/** @type {Part[]} */
	const parts = [];
	let position = body.indexOf(delimiter);
	if (position === -1) return undefined;
	for (;;) {
		position += delimiter.length;
		// "--" after a delimiter closes the body.
		if (body.subarray(position, position + 2).toString() === '--') return parts;
		if (body.subarray(position, position + 2).toString() !== '\r\n') return undefined;
		position += 2;
		const headerEnd = body.indexOf('\r\n\r\n', position);
		if (headerEnd === -1) return undefined;
		const headers = body.subarray(position, headerEnd).toString('utf8').split('\r\n');
		const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
		if (next === -1) return undefined;
		const data = body.subarray(headerEnd + 4, next);
		/** @type {Part} */
		const part = { name: '', data };
		for (const line of headers) {
			const colon = line.indexOf(':');
			if (colon === -1) continue;
			const key = line.slice(0, colon).trim().toLowerCase();
			const value = line.slice(colon + 1).trim();
			if (key === 'content-disposition') {
				const name = /\bname="([^"]*)"/i.exec(value);
				const filename = /\bfilename="([^"]*)"/i.exec(value);
				if (name) part.name = name[1];
				if (filename) part.filename = filename[1];
			} else if (key === 'content-type') {
				part.contentType = value;
			}
		}
		parts.push(part);
		position = next + 2;
	}
}

module.exports = { boundaryOf, parseMultipart };
