/**
 * Seeded property test: the fast RAPTOR router (src/core/raptor.ts over compile.ts) must return
 * exactly the reference router's Pareto set (same vehicles, same instants) on ≥ 1,000 random
 * (network, query) pairs.
 *
 * Repeatable: seeds derive from a fixed base. Explore other cases with JJJ_PROPERTY_SEED=<int>.
 * Reproduce one failure with JJJ_PROPERTY_ONLY=<networkSeed>:<querySeed> (printed on failure).
 */
import { describe, expect, it } from 'vitest';
import { compileTimetable } from '../../src/core/compile.js';
import { Raptor } from '../../src/core/raptor.js';
import type { ParetoPoint, SearchRequest } from '../../src/core/query.js';
import { randomNetwork, randomQuery, type RandomNetwork } from '../support/random-network.js';
import { referenceSearch, tripInstancesOf } from '../support/reference-router.js';
import { networkSeed, propertySeed, querySeed } from '../support/seeds.js';

const NETWORKS = 100;
const QUERIES_PER_NETWORK = 12;
/** At most this many mismatches are described in the failure message. */
const REPORTED = 5;

/** Only `vehicles` and `time`, in order: what the contract fixes. */
function normalise(points: readonly ParetoPoint[]): ParetoPoint[] {
  return points.map((p) => ({ vehicles: p.vehicles, time: p.time }));
}

const iso = (t: number): string => (Number.isFinite(t) ? new Date(t * 1000).toISOString() : String(t));

function showPoints(points: ParetoPoint[] | string): string {
  if (typeof points === 'string') return points;
  return `[${points.map((p) => `{ vehicles: ${p.vehicles}, time: ${p.time} (${iso(p.time)}) }`).join(', ')}]`;
}

function describeMismatch(
  net: RandomNetwork,
  netSeed: number,
  qSeed: number,
  req: SearchRequest,
  want: ParetoPoint[],
  got: ParetoPoint[] | string,
): string {
  const { input } = net;
  return [
    `reproduce: JJJ_PROPERTY_ONLY=${netSeed}:${qSeed}  (net = randomNetwork(${netSeed}); req = randomQuery(${qSeed}, net))`,
    `network: firstDate ${input.firstDate}, ${input.dayCount} days, zones ${input.feeds.map((f) => f.timezone).join(' + ')}, ` +
      `${input.stops.length} stops, ${input.routes.length} routes, ${input.trips.length} trips, ${tripInstancesOf(input).length} runs`,
    `request: ${JSON.stringify(req)}  (time ${iso(req.time)})`,
    `reference: ${showPoints(want)}`,
    `raptor:    ${showPoints(got)}`,
  ].join('\n  ');
}

/** (network seed, query seeds) pairs of this run. */
function plannedPairs(): { netSeed: number; querySeeds: number[] }[] {
  const only = process.env.JJJ_PROPERTY_ONLY;
  if (only !== undefined && only.trim() !== '') {
    const [n, q] = only.split(':').map(Number);
    if (!Number.isInteger(n) || !Number.isInteger(q)) throw new Error(`JJJ_PROPERTY_ONLY must be "<networkSeed>:<querySeed>"`);
    return [{ netSeed: n, querySeeds: [q] }];
  }
  const base = propertySeed();
  return Array.from({ length: NETWORKS }, (_, n) => {
    const netSeed = networkSeed(base, n);
    return { netSeed, querySeeds: Array.from({ length: QUERIES_PER_NETWORK }, (_, q) => querySeed(netSeed, q)) };
  });
}

// every pattern split by services that never meet, however few its runs (the default leaves small ones whole)
const split0 = { serviceSplitMinRuns: 0 };

describe('RAPTOR agrees with the reference router', () => {
  it.each([
    ['', {}],
    // calendars whose days never meet (weekday / weekend): a pattern's runs become routes of their own per group
    [', services that never meet', { disjointServices: true }],
  ] as const)(`on seeded random networks and queries%s (JJJ_PROPERTY_SEED=${propertySeed()})`, { timeout: 60_000 }, (_, options) => {
    const reports: string[] = [];
    let mismatches = 0;
    let compared = 0;
    let split = 0; // networks where compile made more routes than with every service on every day
    for (const { netSeed, querySeeds } of plannedPairs()) {
      const net = randomNetwork(netSeed, options);
      if ('disjointServices' in options) {
        const everyDay = { ...net.input, services: net.input.services.map((x) => ({ ...x, days: new Uint8Array(x.days.length).fill(1) })) };
        if (compileTimetable(net.input, net.transfers, split0).forward.routeCount > compileTimetable(everyDay, net.transfers, split0).forward.routeCount) split++;
      }
      let raptor: Raptor | string;
      try {
        raptor = new Raptor(compileTimetable(net.input, net.transfers, split0));
      } catch (e) {
        raptor = `compile threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
      }
      for (const qSeed of querySeeds) {
        const req = randomQuery(qSeed, net);
        const want = referenceSearch(net.input, net.transfers, req);
        let got: ParetoPoint[] | string;
        if (typeof raptor === 'string') got = raptor;
        else {
          try {
            got = normalise(raptor.search(req).pareto);
          } catch (e) {
            got = `search threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
          }
        }
        compared++;
        if (typeof got !== 'string' && JSON.stringify(got) === JSON.stringify(want)) continue;
        mismatches++;
        if (reports.length < REPORTED) reports.push(describeMismatch(net, netSeed, qSeed, req, want, got));
      }
    }
    const message = `${mismatches} of ${compared} queries differ; first ${reports.length}:\n\n${reports.join('\n\n')}`;
    expect(mismatches, message).toBe(0);
    expect(compared).toBeGreaterThan(0);
    if ('disjointServices' in options) expect(split, 'networks whose patterns were split by service').toBeGreaterThan(plannedPairs().length / 2);
  });
});
