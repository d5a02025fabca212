/**
 * Seeded property test for the realtime overlay: random delays (late and early), skipped stops,
 * calls moved to other stops (assigned_stop_id),
 * cancellations and added trips on random networks. The fast router with the overlay must equal
 * the reference router run on a network where the affected runs were really rewritten — removed on
 * their day and re-added with their live times — which is exactly what the overlay promises
 * without rewriting anything. Delays make trips overtake each other: FIFO must not break.
 */
import { describe, expect, it } from 'vitest';
import { compileTimetable } from '../../src/core/compile.js';
import { Raptor } from '../../src/core/raptor.js';
import { RealtimeOverlay, type AddedTripSpec, type TripUpdateSpec } from '../../src/core/realtime.js';
import type { NetworkInput } from '../../src/core/input.js';
import { columnarTrips, tripLength, tripWithTimes, type TripWithTimes } from '../../src/core/stop-times.js';
import type { Timetable } from '../../src/core/timetable.js';
import { addDays, serviceDayOrigin } from '../../src/core/time.js';
import { randomNetwork, randomQuery } from '../support/random-network.js';
import { referenceSearch } from '../support/reference-router.js';
import { Rng } from '../support/prng.js';
import { networkSeed, propertySeed, querySeed } from '../support/seeds.js';

const NETWORKS = 60;
const QUERIES = 10;

function randomUpdates(rng: Rng, input: NetworkInput, tt: Timetable): { updates: TripUpdateSpec[]; added: AddedTripSpec[] } {
  const updates: TripUpdateSpec[] = [];
  const seen = new Set<number>();
  const tripCount = tt.tripInput.length;
  const count = rng.int(1, Math.max(1, Math.floor(tripCount / 3)));
  for (let n = 0; n < count; n++) {
    const g = rng.int(0, tripCount - 1);
    const trip = input.trips.get(tt.tripInput[g]);
    if (trip.frequencies !== undefined && trip.frequencies.length > 0) continue; // one run of a template: not modelled in the reference input
    const day = rng.int(0, input.dayCount - 1);
    if (input.services[trip.service].days[day] !== 1 || seen.has(g * input.dayCount + day)) continue;
    seen.add(g * input.dayCount + day);
    if (rng.chance(0.2)) {
      updates.push({ trip: g, day, canceled: true, updates: [] });
      continue;
    }
    const ups: TripUpdateSpec['updates'] = [];
    for (let pos = 0; pos < tripLength(input, tt.tripInput[g]); pos++) {
      if (!rng.chance(0.35)) continue;
      const delay = rng.int(-300, 1800);
      const u: TripUpdateSpec['updates'][number] = rng.chance(0.5) ? { pos, arrivalDelay: delay, departureDelay: delay + rng.int(0, 120), skipped: rng.chance(0.1) } : { pos, departureDelay: delay };
      if (rng.chance(0.1)) u.assignedStop = rng.int(0, input.stops.length - 1); // another platform (or any stop)
      ups.push(u);
    }
    updates.push({ trip: g, day, updates: ups });
  }
  const added: AddedTripSpec[] = [];
  const S = input.stops.length;
  for (let n = rng.int(0, 3); n > 0; n--) {
    const len = rng.int(2, 5);
    const stops = Int32Array.from({ length: len }, () => rng.int(0, S - 1));
    const day = rng.int(0, input.dayCount - 1);
    const line = rng.int(0, input.routes.length - 1);
    let t = serviceDayOrigin(addDays(input.firstDate, day), input.feeds[input.routes[line].feed].timezone) + rng.int(5, 22) * 3600;
    const arrivals = new Float64Array(len);
    const departures = new Float64Array(len);
    for (let i = 0; i < len; i++) {
      arrivals[i] = t;
      t += rng.int(0, 60);
      departures[i] = t;
      t += rng.int(60, 1200);
    }
    added.push({ id: `added${n}`, line, headsign: '', stops, arrivals, departures });
  }
  return { updates, added };
}

/** The network the overlay stands for: hidden runs removed on their day, live runs added. */
function rewritten(input: NetworkInput, tt: Timetable, overlay: RealtimeOverlay, updates: TripUpdateSpec[]): NetworkInput {
  const services = [...input.services];
  const trips: TripWithTimes[] = input.trips.map((_, t) => tripWithTimes(input, t));
  const onlyDay = (day: number) => {
    const days = new Uint8Array(input.dayCount);
    days[day] = 1;
    services.push({ id: `rt:${services.length}`, days });
    return services.length - 1;
  };
  for (const u of updates) {
    const t = trips[tt.tripInput[u.trip]];
    const days = Uint8Array.from(services[t.service].days);
    days[u.day] = 0;
    services.push({ id: `rt:${services.length}`, days });
    t.service = services.length - 1;
  }
  for (const e of overlay.entries) {
    const n = e.arrivals.length;
    if (e.added !== null) {
      const zone = input.feeds[input.routes[e.added.line].feed].timezone;
      const day = Array.from({ length: input.dayCount }, (_, d) => d).reverse().find((d) => serviceDayOrigin(addDays(input.firstDate, d), zone) <= e.arrivals[0])!;
      const origin = serviceDayOrigin(addDays(input.firstDate, day), zone);
      trips.push({
        id: e.added.id, route: e.added.line, service: onlyDay(day), headsign: '', shape: -1, stops: e.added.stops,
        arrivals: Int32Array.from(e.arrivals, (x) => x - origin), departures: Int32Array.from(e.departures, (x) => x - origin),
        pickup: new Uint8Array(n), dropOff: new Uint8Array(n),
      });
      continue;
    }
    const src = tripWithTimes(input, tt.tripInput[e.trip]);
    const zone = input.feeds[input.routes[src.route].feed].timezone;
    const origin = serviceDayOrigin(addDays(input.firstDate, e.day), zone);
    trips.push({
      ...src, id: `${src.id}@live`, service: onlyDay(e.day), frequencies: undefined, stops: e.stops ?? src.stops,
      arrivals: Int32Array.from(e.arrivals, (x) => x - origin), departures: Int32Array.from(e.departures, (x) => x - origin),
      pickup: Uint8Array.from(src.pickup, (p, i) => (e.skipped[i] ? 1 : p)), dropOff: Uint8Array.from(src.dropOff, (p, i) => (e.skipped[i] ? 1 : p)),
    });
  }
  return { ...input, services, ...columnarTrips(trips) };
}

describe('RAPTOR with a realtime overlay agrees with the reference on the rewritten network', () => {
  it.each([
    ['', {}, {}],
    // calendars whose days never meet, every pattern split by them: the overlay replaces a group's route on its days
    [', services that never meet (patterns split)', { disjointServices: true }, { serviceSplitMinRuns: 0 }],
  ] as const)(`random delays, skips, cancellations and added trips%s (JJJ_PROPERTY_SEED=${propertySeed()})`, { timeout: 60_000 }, (_, netOptions, compileOptions) => {
    const failures: string[] = [];
    let compared = 0;
    let withLiveLegs = 0;
    for (let n = 0; n < NETWORKS; n++) {
      const netSeed = networkSeed(propertySeed() + 7, n);
      const net = randomNetwork(netSeed, netOptions);
      const tt = compileTimetable(net.input, net.transfers, compileOptions);
      const raptor = new Raptor(tt);
      const { updates, added } = randomUpdates(new Rng(netSeed), net.input, tt);
      const overlay = new RealtimeOverlay(tt, net.input, updates, added);
      expect(overlay.rejected).toEqual([]);
      const reference = rewritten(net.input, tt, overlay, updates);
      for (let q = 0; q < QUERIES; q++) {
        const req = randomQuery(querySeed(netSeed, q), net);
        const want = referenceSearch(reference, net.transfers, req);
        const res = raptor.search({ ...req, realtime: overlay });
        const got = res.pareto.map((p) => ({ vehicles: p.vehicles, time: p.time }));
        compared++;
        if (res.journeys.some((j) => j.legs.some((l) => l.live >= 0))) withLiveLegs++;
        if (JSON.stringify(got) !== JSON.stringify(want) && failures.length < 5)
          failures.push(`net ${netSeed} query ${querySeed(netSeed, q)}: reference ${JSON.stringify(want)} raptor ${JSON.stringify(got)} req ${JSON.stringify(req)}`);
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
    expect(compared).toBe(NETWORKS * QUERIES);
    expect(withLiveLegs, "some answers must ride live runs").toBeGreaterThan(10);
    console.log(`realtime property: ${compared} queries, ${withLiveLegs} answers ride live runs`);
  });
});
