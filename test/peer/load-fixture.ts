/**
 * Loads a hand-written GTFS fixture of test/peer/fixtures through the real import (node-gtfs →
 * SQLite → NetworkInput) into a Network built as bench/peer.bench.ts builds it for the peer
 * comparison: footpaths from transfers.txt only, transfer slack 0. The peer itself is never imported
 * here: these tests pin OUR answer where raptor-journey-planner 2.2.3 gives another one.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFeeds } from '../../src/feeds/index.js';
import { Network } from '../../src/core/network.js';
import { ALL_MODES, type SearchRequest } from '../../src/core/query.js';
import { formatIso, parseDateTime } from '../../src/core/time.js';
import { MAX_VEHICLES, type SearchResult } from '../../src/core/raptor.js';

export const ZONE = 'Asia/Shanghai';

export async function peerFixture(name: string, walk = { speed: 1.2, detour: 1.3, transferRadius: 0 }) {
  const db = join(mkdtempSync(join(tmpdir(), 'jjj-peer-fixture-')), 'db.sqlite');
  const { input } = await loadFeeds([join(import.meta.dirname, 'fixtures', name)], { db, progress: false });
  const net = new Network(input, walk);
  const stop = (id: string) => net.stopById(`${name}:${id}`)[0];
  const search = (from: string, to: string, depart: string): SearchResult => {
    const req: SearchRequest = {
      direction: 'depart',
      time: parseDateTime(depart, ZONE)!,
      access: [{ stop: stop(from), seconds: 0 }],
      egress: [{ stop: stop(to), seconds: 0 }],
      maxTransfers: MAX_VEHICLES - 1,
      modeMask: ALL_MODES,
      transferSlack: 0,
      maxDuration: 24 * 3600,
    };
    return net.router.search(req);
  };
  /** Earliest arrival of a search as local ISO time, or null. */
  const earliest = (r: SearchResult): string | null =>
    r.pareto.length === 0 ? null : formatIso(Math.min(...r.pareto.map((p) => p.time)), ZONE);
  return { net, input, stop, search, earliest };
}
