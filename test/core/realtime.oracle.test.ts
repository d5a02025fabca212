/**
 * Feature under test: the realtime overlay at metro scale (the benchmark's network and its 10,000
 * chaotic stop-time updates: delays jumping between −1 and +9 min, so runs overtake each other).
 * RAPTOR with the overlay must give the same Pareto sets as RAPTOR without one on a timetable
 * compiled from the network with the live runs really rewritten (removed on their day, re-added
 * with live times) — depart-at and arrive-by. Several updates of one run: the last one counts.
 */
import { expect, test } from 'vitest';
import { compileTimetable } from '../../src/core/compile.js';
import { Network } from '../../src/core/network.js';
import { Raptor } from '../../src/core/raptor.js';
import { RealtimeOverlay } from '../../src/core/realtime.js';
import type { NetworkInput } from '../../src/core/input.js';
import { columnarTrips, tripStops, tripWithTimes, type TripWithTimes } from '../../src/core/stop-times.js';
import { ALL_MODES, type SearchRequest } from '../../src/core/query.js';
import { addDays, parseDateTime, serviceDayOrigin } from '../../src/core/time.js';
import { METRO_SIZED, syntheticCity, syntheticUpdates } from '../../bench/synthetic.js';
import { mulberry32 } from '../../bench/harness.js';

test('metro-sized network, chaotic delays: the overlay equals RAPTOR on the rewritten timetable', { timeout: 60_000 }, () => {
  const net = new Network(syntheticCity(METRO_SIZED, 7));
  const input = net.input; const tt = net.timetable;
  const ups = syntheticUpdates(net, 9, 10000, 'chaotic');
  const overlay = new RealtimeOverlay(tt, input, ups);
  const runs = new Set(ups.map((u) => u.trip * input.dayCount + u.day));
  expect(overlay.entries.length).toBe(runs.size);
  expect(overlay.rejected.length).toBe(ups.length - runs.size);
  expect(overlay.rejected.every((r) => r.reason === 'superseded by a later update of the same run')).toBe(true);
  // most runs stay in their route's FIFO order; the rest need lanes of their own
  expect(overlay.replaced.keys.size).toBeGreaterThan(0);
  const services = [...input.services];
  const trips: TripWithTimes[] = input.trips.map((_, t) => tripWithTimes(input, t));
  const seen = new Set<number>();
  for (const u of ups) {
    if (seen.has(u.trip)) continue; seen.add(u.trip);
    const t = trips[tt.tripInput[u.trip]];
    const days = Uint8Array.from(services[t.service].days); days[u.day] = 0;
    services.push({ id: `rt:${services.length}`, days }); t.service = services.length - 1;
  }
  for (const e of overlay.entries) {
    const src = tripWithTimes(input, tt.tripInput[e.trip]);
    const origin = serviceDayOrigin(addDays(input.firstDate, e.day), input.feeds[0].timezone);
    const days = new Uint8Array(input.dayCount); days[e.day] = 1; services.push({ id: `rt:${services.length}`, days });
    trips.push({ ...src, id: `${src.id}@live`, service: services.length - 1, frequencies: undefined, arrivals: Int32Array.from(e.arrivals, (x) => x - origin), departures: Int32Array.from(e.departures, (x) => x - origin) });
  }
  const rw: NetworkInput = { ...input, services, ...columnarTrips(trips) };
  const oracle = new Raptor(compileTimetable(rw, net.transfers));
  const rnd = mulberry32(10);
  const served = [...new Set([...input.trips].flatMap((_, t) => Array.from(tripStops(input, t))))];
  const mid = parseDateTime('2026-11-24T00:00', input.feeds[0].timezone)!;
  let bad = 0; const msgs: string[] = [];
  for (let i = 0; i < 300; i++) {
    const q: SearchRequest = { direction: i % 2 ? 'arrive' : 'depart', time: mid + Math.floor((6 + rnd() * 14) * 3600), access: [{ stop: served[Math.floor(rnd() * served.length)], seconds: 0 }], egress: [{ stop: served[Math.floor(rnd() * served.length)], seconds: 0 }], maxTransfers: 8, modeMask: ALL_MODES, transferSlack: 60, maxDuration: 86400 };
    const a = JSON.stringify(net.router.search({ ...q, realtime: overlay }).pareto);
    const b = JSON.stringify(oracle.search(q).pareto);
    if (a !== b) { bad++; if (msgs.length < 3) msgs.push(`${i}: overlay ${a} oracle ${b}`); }
  }
  expect(msgs).toEqual([]);
  expect(bad).toBe(0);
});
