/**
 * Polling trigger framework: the machinery of every polling trigger of this package.
 *
 * - `runPolling` runs one poll of a `PollingSource`: manual mode ("Fetch Test Event") returns
 *   sample items and never creates or moves the cursor; static data holds one cursor per scope
 *   (event and filters), so another event or filter starts afresh; the cursor is written only
 *   after every request of the poll succeeded, so a failed poll (429 after the allowed wait, 5xx,
 *   timeout, malformed answer) leaves it where it was.
 * - Time cursors (`BoundaryCursor`: the boundary time and the IDs emitted at it, bounded by
 *   MAX_BOUNDARY_IDS) are generic over the key type of the time and of the IDs (`KeyType`):
 *   `finiteNumber` / `safeInteger` (Unix seconds, integer IDs), `rfc3339Nano` (RFC 3339 times
 *   to the nanosecond, kept as canonical text that compares in time order; never a JS number
 *   or Date), `uuid` / `textId` (text IDs). Any other key type is `{ read, compare }`.
 * - `startFromNewest`: on first activation the cursor starts at the newest item, and only the
 *   last N items are emitted when the user asked for them ("Include Last N Items").
 * - `readNewestFirst` (newest-first lists paged by number) and `readForward` (lists read from a
 *   time, oldest first) emit each item once, oldest first, across page boundaries and equal times.
 * - `detectChanges` + `capWatched`: status-change detection by signature for records that can
 *   still change (bounded by MAX_WATCHED).
 * Nothing here uses the local clock, timers or `process`: cursors hold only service values, and
 * nothing depends on the poll interval (n8n allows no less than a minute).
 *
 * Usage (a trigger on snapshots with RFC 3339 nanosecond times and UUID IDs, oldest first):
 *
 * ```ts
 * const order: CursorOrder<string, string> = { key: rfc3339Nano, id: uuid };
 * const fields = { ts: 'created_at', id: 'snapshot_id' };
 * const ORIGIN = '1970-01-01T00:00:00.000000000Z';
 *
 * async poll(this: IPollFunctions) {
 *   const settings = readSettings(this); // validated before any request
 *   const list = async (query: IDataObject) => stampAll(asArray(await request.call(this, query)), order, fields);
 *   const items = await runPolling.call(this, {
 *     scope: scopeOf('incomingSnapshot', { asset: settings.asset }),
 *     readCursor: (stored) => readBoundaryCursor(stored, order),
 *     start: async () => startFromNewest(await list({ limit: 500, order: 'DESC' }), order, settings.includeLast, ORIGIN),
 *     next: async (cursor) =>
 *       await readForward(cursor, order, {
 *         pageSize: 500,
 *         maxRequests: 20,
 *         what: 'CoinView Trigger',
 *         fetch: async (since) => {
 *           const body = await request.call(this, { limit: 500, order: 'ASC', offset: since });
 *           return { rows: stampAll(asArray(body), order, fields), count: asArray(body).length };
 *         },
 *       }),
 *     sample: async () => (await list({ limit: 1, order: 'DESC' })).map((item) => item.json),
 *   });
 *   return pollOutput.call(this, items);
 * }
 * ```
 */
export * from './keys';
export * from './cursor';
export * from './changes';
export * from './run';
