/**
 * The realtime overlay's lane index (realtime.ts LaneIndex) against brute force, on the metro
 * benchmark network with 10,000 chaotic stop-time updates, both views: every entry is a lane run
 * leaving its stop at `dep`; each stop's entries are sorted by departure; `minAfter` is the suffix
 * minimum of `after`; each bucket's first entry is the first leaving at or after the bucket's start; and the bucket bits never say "nothing to board" at a ready time some entry
 * of the stop is worth boarding at (after < ready ≤ dep). The thresholds themselves are pinned by
 * realtime.module.test.ts RT09 and, end to end, by realtime.oracle.test.ts.
 */
import { expect, test } from 'vitest';
import { Network } from '../../src/core/network.js';
import { LANE_SHIFT, RealtimeOverlay } from '../../src/core/realtime.js';
import { PICKUP_OK } from '../../src/core/timetable.js';
import { METRO_SIZED, syntheticCity, syntheticUpdates } from '../../bench/synthetic.js';

test('lane index: entries, order, suffix minima, bit-word first entries and bucket bits agree with brute force, both views', { timeout: 60_000 }, () => {
  const net = new Network(syntheticCity(METRO_SIZED, 7));
  const o = new RealtimeOverlay(net.timetable, net.input, syntheticUpdates(net, 9, 10_000, 'chaotic'));
  expect(o.laneRoute.length).toBeGreaterThan(10);
  for (const reverse of [false, true]) {
    const v = reverse ? o.reverseView() : o.forward;
    const idx = o.laneIndex(reverse);
    // every (lane run, position with pickup) once, at its stop, with its departure
    let expected = 0;
    for (const L of o.laneRoute) {
      const s0 = v.routeStopsOffset[L];
      const n = v.routeStopsOffset[L + 1] - s0;
      const nT = v.routeTripsOffset[L + 1] - v.routeTripsOffset[L];
      for (let q = 0; q < n; q++) if ((v.routeStopFlags[s0 + q] & PICKUP_OK) !== 0) expected += nT;
    }
    expect(idx.stopOffset[v.stopCount]).toBe(expected);
    let empty = 0;
    let covered = 0;
    const bad: string[] = [];
    const bitAt = (s: number, t: number) => {
      let k = (t - idx.bucketT0[s]) >> LANE_SHIFT;
      if (k >= idx.buckets[s]) return false;
      if (k < 0) k = 0;
      return (idx.bits[idx.bitStart[s] + (k >>> 5)] & (1 << (k & 31))) !== 0;
    };
    for (let s = 0; s < v.stopCount; s++) {
      const a = idx.stopOffset[s];
      const b = idx.stopOffset[s + 1];
      // each bit word's first entry: the first leaving at or after the start of the word's first bucket
      for (let w = idx.bitStart[s]; w < idx.bitStart[s + 1]; w++) {
        const start = idx.bucketT0[s] + ((w - idx.bitStart[s]) << (LANE_SHIFT + 5));
        let first = a;
        while (first < b && idx.dep[first] < start) first++;
        if (idx.wordFirst[w] !== first) bad.push(`stop ${s}, word ${w - idx.bitStart[s]}: first entry`);
      }
      let m = 0x7fffffff;
      for (let i = b - 1; i >= a; i--) {
        const L = idx.lane[i];
        const n = v.routeStopsOffset[L + 1] - v.routeStopsOffset[L];
        if (v.routeStops[v.routeStopsOffset[L] + idx.pos[i]] !== s) bad.push(`entry ${i}: not at stop ${s}`);
        if (v.dep[v.routeTimesOffset[L] + idx.run[i] * n + idx.pos[i]] !== idx.dep[i]) bad.push(`entry ${i}: departure`);
        if (i > a && idx.dep[i - 1] > idx.dep[i]) bad.push(`stop ${s}: entries out of order at ${i}`);
        m = Math.min(m, idx.after[i]);
        if (idx.minAfter[i] !== m) bad.push(`entry ${i}: minAfter`);
        if (idx.after[i] >= idx.dep[i]) {
          empty++;
          continue;
        }
        // the entry is worth boarding at every ready time in (after, dep]: each second of its last
        // two hours must read a set bit
        for (let t = Math.max(idx.after[i] + 1, idx.dep[i] - 7200); t <= idx.dep[i]; t++) {
          covered++;
          if (!bitAt(s, t)) {
            bad.push(`stop ${s}, entry ${i}, ready ${t}: no bit`);
            break;
          }
        }
      }
    }
    expect(bad.slice(0, 5)).toEqual([]);
    // the data holds lane runs dominated from every ready time (empty intervals) and many worth boarding
    expect(empty).toBeGreaterThan(0);
    expect(covered).toBeGreaterThan(100_000);
  }
});
