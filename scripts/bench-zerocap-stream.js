#!/usr/bin/env node
'use strict';
/**
 * Zerocap Trigger benchmark: N order updates (default 20,000) streamed by the simulator over
 * loopback into the Zerocap Trigger, activated through n8n-core's TriggerContext as in n8n.
 *
 * Reports:
 * - messages per second from the first frame received to the last emit, for the trigger and for a
 *   plain WebSocket client that only decodes each frame (JSON.parse twice): the baseline;
 * - the latency the trigger adds between a frame arriving (the socket's message event) and its
 *   `emit` (p50 / p99 / max), measured by wrapping the socket's message handler.
 *
 * The simulator runs in a child process and replays frames it generated beforehand, so producing
 * the stream costs this process nothing and the client side is what is measured.
 *
 *   npm run bench -- zerocap   (or: node --experimental-websocket --import tsx scripts/bench-zerocap-stream.js [count])
 */
const { spawn } = require('node:child_process');
const { join } = require('node:path');
const { createHmac } = require('node:crypto');

if (typeof WebSocket !== 'function') {
	console.error('Needs a global WebSocket: run with node --experimental-websocket (Node.js 20) or Node.js 22+.');
	process.exit(1);
}

const { setWebSocketFactory } = require('../nodes/Zerocap/transport/stream.ts');
const { activateTrigger } = require('../test/zerocap/trigger-harness.ts');

const { stats, writeResult } = require('./bench-lib');

const COUNT = Number(process.argv[2] ?? (process.env.BENCH_QUICK === '1' ? 5000 : 20000));
const ROUNDS = 3;
const KEY = 'zerocap-sandbox-key';
const SECRET = 'zerocap-sandbox-secret';

function startSimulator() {
	const code = `
		const { ZerocapSimulator } = require(${JSON.stringify(join(__dirname, '..', 'sandbox', 'zerocap'))});
		const sim = new ZerocapSimulator({ heartbeatMs: 0, ladderIntervalMs: 0 });
		let frames = [];
		process.on('message', async (message) => {
			if (message.type === 'prepare') {
				// Generated once with nobody connected, then replayed: sending costs only the write.
				await sim.emitOrderUpdates(message.count, { orders: Math.ceil(message.count / 5) });
				frames = sim.orderUpdates.map((update) =>
					JSON.stringify({ type: 'message', channel: 'dma_order_info', data: JSON.stringify(update) }),
				);
				process.send({ type: 'prepared' });
			}
			if (message.type === 'emit') {
				for (const frame of frames) sim.broadcastRaw(frame);
				process.send({ type: 'emitted' });
			}
			if (message.type === 'clients') process.send({ type: 'clients', count: sim.clients.size, subscribed: [...sim.clients].filter((c) => c.orders).length });
		});
		sim.listen(0, '127.0.0.1').then((url) => process.send({ type: 'ready', url }));
	`;
	const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	/** @type {(type: string) => Promise<any>} */
	const next = (type) =>
		new Promise((resolve) => {
			const listener = (message) => {
				if (message.type !== type) return;
				child.off('message', listener);
				resolve(message);
			};
			child.on('message', listener);
		});
	return { child, next };
}

const now = () => Number(process.hrtime.bigint()) / 1e6;
const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted, p) {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Waits until the simulator has exactly one connection, subscribed to orders. */
async function waitSubscribed(sim) {
	for (;;) {
		sim.child.send({ type: 'clients' });
		const { count, subscribed } = await sim.next('clients');
		if (count === 1 && subscribed === 1) return;
		await delay(10);
	}
}

/** Waits until the previous run's connection is gone. */
async function waitIdle(sim) {
	for (;;) {
		sim.child.send({ type: 'clients' });
		const { count } = await sim.next('clients');
		if (count === 0) return;
		await delay(10);
	}
}

/** The trigger, with the socket's message handler wrapped to time each frame. */
async function runTrigger(sim, url) {
	await waitIdle(sim);
	let frameStart = 0;
	let firstFrame = 0;
	let emitted = 0;
	let lastEmit = 0;
	const latencies = new Float64Array(COUNT);
	setWebSocketFactory((wsUrl, headers) => {
		const socket = new WebSocket(wsUrl, { headers });
		let handler = null;
		Object.defineProperty(socket, 'onmessage', {
			configurable: true,
			get: () => handler,
			set: (value) => {
				handler = value;
				socket.addEventListener('message', (event) => {
					frameStart = now();
					if (firstFrame === 0) firstFrame = frameStart;
					handler?.(event);
				});
			},
		});
		return socket;
	});
	let done;
	const finished = new Promise((resolve) => (done = resolve));
	const run = await activateTrigger(
		{ event: 'orderUpdated', options: {} },
		{
			apiKey: KEY,
			apiSecret: SECRET,
			environment: 'custom',
			restBaseUrl: `${url}/v2`,
			webSocketUrl: `${url.replace('http', 'ws')}/v2`,
			signatureScheme: 'timestamp',
		},
		{
			keepItems: false,
			onEmit: () => {
				const t = now();
				if (emitted < COUNT) latencies[emitted] = t - frameStart;
				emitted += 1;
				lastEmit = t;
				if (emitted === COUNT) done();
			},
		},
	);
	await waitSubscribed(sim);
	firstFrame = 0;
	sim.child.send({ type: 'emit', count: COUNT });
	await finished;
	await run.close();
	setWebSocketFactory(undefined);
	const sorted = Array.from(latencies).sort((a, b) => a - b);
	return {
		perSecond: COUNT / ((lastEmit - firstFrame) / 1000),
		p50: percentile(sorted, 50),
		p99: percentile(sorted, 99),
		max: sorted[sorted.length - 1],
		errors: run.errors.length,
	};
}

/** A bare client: open, subscribe, JSON.parse each frame and its data. */
async function runBaseline(sim, url) {
	await waitIdle(sim);
	const timestamp = String(Math.floor(Date.now() / 1000));
	const headers = { 'api-key': KEY, signature: createHmac('sha256', SECRET).update(timestamp).digest('hex'), timestamp };
	const socket = new WebSocket(`${url.replace('http', 'ws')}/v2`, { headers });
	let received = 0;
	let firstFrame = 0;
	let lastFrame = 0;
	let done;
	const finished = new Promise((resolve) => (done = resolve));
	socket.onmessage = (event) => {
		const frame = JSON.parse(event.data);
		if (frame.channel !== 'dma_order_info') return;
		const t = now();
		if (firstFrame === 0) firstFrame = t;
		JSON.parse(frame.data);
		received += 1;
		lastFrame = t;
		if (received === COUNT) done();
	};
	await new Promise((resolve) => (socket.onopen = resolve));
	socket.send(JSON.stringify({ type: 'orders' }));
	await waitSubscribed(sim);
	sim.child.send({ type: 'emit', count: COUNT });
	await finished;
	socket.close();
	return { perSecond: COUNT / ((lastFrame - firstFrame) / 1000) };
}

async function main() {
	const sim = startSimulator();
	const { url } = await sim.next('ready');
	sim.child.send({ type: 'prepare', count: COUNT });
	await sim.next('prepared');
	const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
	try {
		await runTrigger(sim, url); // warm-up
		const triggerRuns = [];
		const baselineRuns = [];
		for (let round = 0; round < ROUNDS; round++) {
			baselineRuns.push(await runBaseline(sim, url));
			triggerRuns.push(await runTrigger(sim, url));
		}
		const fmt = (value) => Math.round(value).toLocaleString('en-US');
		const us = (value) => `${(value * 1000).toFixed(0)} µs`;
		console.log(`Zerocap Trigger, ${COUNT.toLocaleString('en-US')} order updates over loopback, median of ${ROUNDS} runs (Node ${process.version}):`);
		console.log(`  plain WebSocket client (parse only): ${fmt(median(baselineRuns.map((r) => r.perSecond)))} messages/s`);
		console.log(`  Zerocap Trigger (parse, dedupe, emit): ${fmt(median(triggerRuns.map((r) => r.perSecond)))} messages/s`);
		console.log(
			`  added latency frame → emit: p50 ${us(median(triggerRuns.map((r) => r.p50)))}, p99 ${us(median(triggerRuns.map((r) => r.p99)))}, max ${us(median(triggerRuns.map((r) => r.max)))}`,
		);
		const errors = triggerRuns.reduce((sum, r) => sum + r.errors, 0);
		if (errors > 0) throw new Error(`${errors} trigger errors`);
		const pick = (runs, key) => stats(runs.map((r) => r[key]));
		writeResult('zerocap-stream', {
			messages: COUNT,
			rounds: ROUNDS,
			baselinePerSecond: pick(baselineRuns, 'perSecond'),
			triggerPerSecond: pick(triggerRuns, 'perSecond'),
			latencyMs: { p50: pick(triggerRuns, 'p50'), p99: pick(triggerRuns, 'p99'), max: pick(triggerRuns, 'max') },
		});
	} finally {
		sim.child.kill();
	}
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
