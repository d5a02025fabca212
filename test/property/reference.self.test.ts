/**
 * Self-checks of the reference router on random networks (no fast router needed):
 * - against an explicit enumeration of every journey (brute-force-router.ts) on tiny networks;
 * - its arrive-by binary search against a plain linear scan of the same candidates;
 * - depart-at / arrive-by duality and the shape of every Pareto set.
 */
import { describe, expect, it } from 'vitest';
import type { ParetoPoint, SearchRequest } from '../../src/core/query.js';
import { bruteForceSearch } from '../support/brute-force-router.js';
import { mixSeed } from '../support/prng.js';
import { randomNetwork, randomQuery, type RandomNetwork } from '../support/random-network.js';
import {
  departureCandidates,
  earliestArrivalsByVehicles,
  latestDeparturesByVehicles,
  referenceSearch,
} from '../support/reference-router.js';

const BASE = 0x5e1f;

/** Calls `check` on `networks` × `queries` seeded (network, query) pairs. */
function forPairs(
  networks: number,
  queries: number,
  check: (net: RandomNetwork, req: SearchRequest, where: string) => void,
  tiny = false,
): void {
  for (let n = 0; n < networks; n++) {
    const seed = mixSeed(BASE + (tiny ? 1 : 0), n);
    const net = tiny ? randomNetwork(seed, { minStops: 5, maxStops: 9, minRoutes: 2, maxRoutes: 4 }) : randomNetwork(seed);
    for (let q = 0; q < queries; q++) {
      const querySeed = mixSeed(seed, q);
      check(net, randomQuery(querySeed, net), `network seed ${seed}${tiny ? ' (tiny)' : ''}, query seed ${querySeed}`);
    }
  }
}

describe('reference router self-checks', () => {
  it('agrees with brute-force journey enumeration on tiny networks', { timeout: 30_000 }, () => {
    forPairs(
      100,
      6,
      (net, req, where) => {
        const capped = { ...req, maxTransfers: Math.min(req.maxTransfers, 2) };
        const want = bruteForceSearch(net.input, net.transfers, capped);
        expect(referenceSearch(net.input, net.transfers, capped), `${where}\n${JSON.stringify(capped)}`).toEqual(want);
      },
      true,
    );
  });

  it('finds the same latest departures by binary search as by a linear scan', () => {
    forPairs(30, 6, (net, req, where) => {
      const arrive: SearchRequest = { ...req, direction: 'arrive' };
      const candidates = departureCandidates(net.input, arrive).filter((t) => t >= arrive.time - arrive.maxDuration);
      const linear = [-Infinity];
      for (let k = 1; k <= arrive.maxTransfers + 1; k++) {
        let latest = -Infinity;
        for (const t of candidates) {
          if (earliestArrivalsByVehicles(net.input, net.transfers, arrive, t)[k] <= arrive.time) latest = Math.max(latest, t);
        }
        linear.push(latest);
      }
      expect(latestDeparturesByVehicles(net.input, net.transfers, arrive), where).toEqual(linear);
    });
  });

  it('answers depart-at and arrive-by consistently (duality)', () => {
    forPairs(40, 8, (net, req, where) => {
      const answer = referenceSearch(net.input, net.transfers, req);
      const flipped = req.direction === 'depart' ? 'arrive' : 'depart';
      for (const p of answer) {
        // Asking back from the answer must allow the original time with no more vehicles.
        const back = referenceSearch(net.input, net.transfers, { ...req, direction: flipped, time: p.time });
        const ok = back.some((b) => b.vehicles <= p.vehicles && (flipped === 'arrive' ? b.time >= req.time : b.time <= req.time));
        expect(ok, `${where}\n${JSON.stringify(req)}\npoint ${JSON.stringify(p)} back ${JSON.stringify(back)}`).toBe(true);
      }
    });
  });

  it('always returns a well-formed Pareto set within the horizon', () => {
    let nonEmpty = 0;
    let multi = 0;
    let total = 0;
    forPairs(50, 10, (net, req, where) => {
      const answer: ParetoPoint[] = referenceSearch(net.input, net.transfers, req);
      total++;
      if (answer.length > 0) nonEmpty++;
      if (answer.length > 1) multi++;
      for (let i = 0; i < answer.length; i++) {
        const p = answer[i];
        expect(Number.isInteger(p.time), where).toBe(true);
        expect(p.vehicles >= 1 && p.vehicles <= req.maxTransfers + 1, where).toBe(true);
        if (req.direction === 'depart') expect(p.time >= req.time && p.time <= req.time + req.maxDuration, where).toBe(true);
        else expect(p.time <= req.time && p.time >= req.time - req.maxDuration, where).toBe(true);
        if (i === 0) continue;
        expect(p.vehicles > answer[i - 1].vehicles, where).toBe(true);
        expect(req.direction === 'depart' ? p.time < answer[i - 1].time : p.time > answer[i - 1].time, where).toBe(true);
      }
    });
    // The generator must produce interesting queries, not mostly empty answers.
    expect(nonEmpty / total).toBeGreaterThan(0.4);
    expect(multi / total).toBeGreaterThan(0.04);
  });
});
