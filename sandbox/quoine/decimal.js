'use strict';
/**
 * Exact decimal arithmetic for the Quoine simulator: amounts and prices are decimal strings on the
 * wire, held here as BigInt scaled by 10^18 so fills and balances never pick up float rounding.
 */
const SCALE = 18;
const ONE = 10n ** BigInt(SCALE);

/**
 * Parses a decimal string (or a finite number) into scaled units.
 * @param {unknown} value
 * @returns {bigint | undefined} undefined when it is not a plain decimal
 */
function parse(value) {
	let text = value;
	if (typeof text === 'number') {
		if (!Number.isFinite(text)) return undefined;
		text = String(text);
	}
	if (typeof text !== 'string') return undefined;
	const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text.trim());
	if (!match) return undefined;
	const fraction = (match[3] ?? '').slice(0, SCALE).padEnd(SCALE, '0');
	const units = BigInt(match[2]) * ONE + BigInt(fraction);
	return match[1] ? -units : units;
}

/**
 * Formats scaled units as the API does: at least one decimal, no trailing zeros ("500.0", "0.01").
 * @param {bigint} units
 */
function format(units) {
	const negative = units < 0n;
	const abs = negative ? -units : units;
	const whole = abs / ONE;
	let fraction = (abs % ONE).toString().padStart(SCALE, '0').replace(/0+$/, '');
	if (fraction === '') fraction = '0';
	return `${negative ? '-' : ''}${whole}.${fraction}`;
}

/** @param {bigint} a @param {bigint} b */
const mul = (a, b) => (a * b) / ONE;
/** @param {bigint} a @param {bigint} b */
const div = (a, b) => (a * ONE) / b;
/** @param {bigint} a @param {bigint} b */
const min = (a, b) => (a < b ? a : b);
/** @param {string} text */
const d = (text) => /** @type {bigint} */ (parse(text));

module.exports = { ONE, parse, format, mul, div, min, d };
