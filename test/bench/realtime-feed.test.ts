/**
 * The live GTFS-Realtime source of `npm run load -- --realtime` (bench/realtime-feed.ts): the runs
 * of a day from the bundled feeds' own text (calendar, calendar_dates, frequency-based trips left
 * out), messages whose every TripUpdate the engine matches, and the HTTP side (new message, new
 * ETag; the same ETag answered 304).
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path, { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bundledFeeds, loadNetwork } from '../../src/app/load.js';
import type { Network } from '../../src/core/network.js';
import { decodeRealtime } from '../../src/feeds/realtime.js';
import { feedNameOf } from '../../src/feeds/source.js';
import { localClock, runsOn, startLiveFeeds, tripUpdates } from '../../bench/realtime-feed.js';

const DB = join(tmpdir(), `jjj-live-feed-${process.pid}.sqlite`);
let net: Network;
afterAll(() => rmSync(DB, { force: true }));
beforeAll(async () => {
  net = (await loadNetwork({ feeds: bundledFeeds(), db: DB, progress: false })).network;
}, 120_000);

const dir = (feed: string) => bundledFeeds().find((d) => path.basename(d) === feed)!;
const TUESDAY_0800 = Date.parse('2026-11-24T08:00:00+08:00');

describe('bench live feed', () => {
  test('local clock of a zone', () => {
    expect(localClock(TUESDAY_0800, 'Asia/Shanghai')).toEqual({ ymd: '20261124', iso: '2026-11-24', seconds: 8 * 3600, weekday: 2 });
    expect(localClock(Date.parse('2026-11-24T23:30:00Z'), 'Asia/Shanghai')).toMatchObject({ ymd: '20261125', seconds: 7 * 3600 + 1800, weekday: 3 });
  });

  test('the runs of a day follow calendar.txt and calendar_dates.txt; frequency-based trips are left out', () => {
    const tuesday = runsOn(dir('metro-line22'), 'metro-line22', '20261124', 2);
    expect(tuesday.zone).toBe('Asia/Shanghai');
    expect(tuesday.runs.length).toBeGreaterThan(100);
    expect(tuesday.runs.every((r) => r.tripId.includes('_wd_'))).toBe(true);
    // 2027-01-01 is a Friday whose weekday service calendar_dates.txt removes
    expect(runsOn(dir('metro-line22'), 'metro-line22', '20270101', 5).runs.some((r) => r.tripId.includes('_wd_'))).toBe(false);
    expect(runsOn(dir('connector'), 'connector', '20261124', 2).runs).toEqual([]);
    const r = tuesday.runs[0];
    expect(r.seqs).toEqual([...r.seqs].sort((a, b) => a - b));
    expect(r.first).toBeLessThan(r.last);
  });

  test('every TripUpdate of a message matches a run of the bundled region, for the runs under way or leaving soon', () => {
    for (const feed of ['metro-line22', 'intercity-rail', 'express-bus']) {
      const runs = runsOn(dir(feed), feed, '20261124', 2);
      const m = tripUpdates(runs, '20261124', 8 * 3600, TUESDAY_0800 / 1000, 3600, 1);
      const expected = runs.runs.filter((x) => x.last >= 8 * 3600 - 300 && x.first <= 9 * 3600).length;
      expect(m.runs, feed).toBe(expected);
      expect(m.runs, feed).toBeGreaterThan(0);
      const d = decodeRealtime(net, feed, m.bytes, TUESDAY_0800 / 1000);
      expect(d.counts, feed).toMatchObject({ tripUpdates: m.runs, matched: m.runs, unmatched: 0 });
      expect(d.timestamp, feed).toBe(TUESDAY_0800 / 1000);
    }
  });

  test('served over HTTP: a new message every interval with a new ETag; the same ETag gets 304', async () => {
    const feeds = await startLiveFeeds([{ dir: dir('express-bus'), feed: feedNameOf(dir('express-bus')) }], 1100);
    try {
      const url = feeds.urls.get('express-bus')!;
      const first = await fetch(url);
      expect(first.status).toBe(200);
      const etag = first.headers.get('etag')!;
      await first.arrayBuffer();
      const again = await fetch(url, { headers: { 'if-none-match': etag } });
      expect(again.status).toBe(304);
      await new Promise((r) => setTimeout(r, 1300));
      const next = await fetch(url, { headers: { 'if-none-match': etag } });
      expect(next.status).toBe(200);
      expect(next.headers.get('etag')).not.toBe(etag);
      await next.arrayBuffer();
      expect(feeds.published.length).toBeGreaterThanOrEqual(2);
      expect(feeds.published[1].timestamp).toBeGreaterThan(feeds.published[0].timestamp);
      expect((await fetch(url.replace('express-bus', 'nofeed'))).status).toBe(404);
    } finally {
      await feeds.stop();
    }
  });
});
