/**
 * The random network / query generator is deterministic and, over the seeds the property test
 * uses, exercises every rule it is meant to stress.
 */
import { describe, expect, it } from 'vitest';
import { PICKUP_NONE } from '../../src/core/input.js';
import type { NetworkInput } from '../../src/core/input.js';
import { tripWithTimes, type InlineTrip } from '../../src/core/stop-times.js';
import { ALL_MODES, FORBIDDEN, modeOfRouteType } from '../../src/core/query.js';
import { addDays, serviceDayOrigin } from '../../src/core/time.js';
import { randomNetwork, randomQuery, type RandomNetwork } from '../support/random-network.js';
import { DEFAULT_PROPERTY_SEED, networkSeed, querySeed } from '../support/seeds.js';

/** Names of the stressing features present in one network. */
/** Every trip with its stop times inline. */
function inline(input: NetworkInput): InlineTrip[] {
  return input.trips.map((_, t) => tripWithTimes(input, t));
}

function features(net: RandomNetwork): Set<string> {
  const { input, transfers } = net;
  const out = new Set<string>();
  for (const feed of input.feeds) {
    for (let d = 0; d + 1 < input.dayCount; d++) {
      const a = serviceDayOrigin(addDays(input.firstDate, d), feed.timezone);
      if (serviceDayOrigin(addDays(input.firstDate, d + 1), feed.timezone) - a !== 86400) out.add('dst');
    }
  }
  if (input.feeds.length > 1) out.add('two feeds');
  for (const s of input.services) if (s.days.includes(0)) out.add('service off some day');
  for (const r of input.routes) out.add(`mode ${modeOfRouteType(r.type)}`);
  for (const t of inline(input)) {
    if (t.departures.some((x) => x >= 86400)) out.add('past midnight');
    if (new Set(t.stops).size < t.stops.length) out.add('loop');
    if (t.pickup.includes(PICKUP_NONE)) out.add('no pickup');
    if (t.dropOff.includes(PICKUP_NONE)) out.add('no drop-off');
    for (const f of t.frequencies ?? []) out.add(f.exact ? 'frequency exact' : 'frequency inexact');
  }
  const trips = inline(input);
  for (const a of trips) {
    for (const b of trips) {
      if (a.route !== b.route || a.departures[0] >= b.departures[0]) continue;
      const n = a.stops.length;
      if (a.arrivals[n - 1] > b.arrivals[n - 1]) out.add('overtaking');
    }
  }
  if (transfers.sameStopSeconds.includes(FORBIDDEN)) out.add('same-stop forbidden');
  if (transfers.sameStopSeconds.some((s) => s > 0)) out.add('same-stop positive');
  if (transfers.footSeconds.includes(0)) out.add('zero footpath');
  const foot = new Map<string, number>();
  for (let a = 0; a < input.stops.length; a++) {
    for (let f = transfers.footOffset[a]; f < transfers.footOffset[a + 1]; f++) foot.set(`${a}>${transfers.footTo[f]}`, transfers.footSeconds[f]);
  }
  for (const [key, s] of foot) {
    const [a, b] = key.split('>');
    if (foot.get(`${b}>${a}`) !== s) out.add('asymmetric footpath');
  }
  return out;
}

describe('random network generator', () => {
  it('is deterministic for a seed and varies across seeds', () => {
    expect(randomNetwork(42)).toEqual(randomNetwork(42));
    const net = randomNetwork(42);
    expect(randomQuery(7, net)).toEqual(randomQuery(7, net));
    expect(randomNetwork(43)).not.toEqual(randomNetwork(42));
  });

  it('produces valid networks: monotone times, CSR footpaths without self-loops', () => {
    for (let n = 0; n < 100; n++) {
      const { input, transfers } = randomNetwork(networkSeed(DEFAULT_PROPERTY_SEED, n));
      expect(input.stops.length).toBeGreaterThanOrEqual(10);
      expect(input.stops.length).toBeLessThanOrEqual(60);
      for (const t of inline(input)) {
        for (let i = 0; i < t.stops.length; i++) {
          expect(t.arrivals[i]).toBeLessThanOrEqual(t.departures[i]);
          if (i > 0) expect(t.departures[i - 1]).toBeLessThanOrEqual(t.arrivals[i]);
        }
      }
      expect(transfers.footOffset[input.stops.length]).toBe(transfers.footTo.length);
      for (let a = 0; a < input.stops.length; a++) {
        for (let f = transfers.footOffset[a]; f < transfers.footOffset[a + 1]; f++) expect(transfers.footTo[f]).not.toBe(a);
      }
    }
  });

  it('covers every stressing feature over the property-test seeds', () => {
    const seen = new Set<string>();
    const queries = new Set<string>();
    for (let n = 0; n < 100; n++) {
      const seed = networkSeed(DEFAULT_PROPERTY_SEED, n);
      const net = randomNetwork(seed);
      for (const f of features(net)) seen.add(f);
      for (let q = 0; q < 12; q++) {
        const req = randomQuery(querySeed(seed, q), net);
        queries.add(req.direction);
        queries.add(`maxTransfers ${req.maxTransfers}`);
        if (req.modeMask !== ALL_MODES) queries.add('restricted modes');
        if (req.transferSlack > 0) queries.add('slack');
        if (req.maxDuration < 86400) queries.add('short horizon');
        if (req.access.some((a) => a.seconds === 0)) queries.add('zero access');
      }
    }
    for (const f of ['dst', 'two feeds', 'service off some day', 'past midnight', 'loop', 'no pickup', 'no drop-off',
      'frequency exact', 'frequency inexact', 'overtaking', 'same-stop forbidden', 'same-stop positive',
      'zero footpath', 'asymmetric footpath', 'mode 1', 'mode 2', 'mode 3', 'mode 4']) {
      expect(seen, f).toContain(f);
    }
    for (const f of ['depart', 'arrive', 'maxTransfers 0', 'maxTransfers 4', 'restricted modes', 'slack', 'short horizon', 'zero access']) {
      expect(queries, f).toContain(f);
    }
  });
});
