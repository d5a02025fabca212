/**
 * Feature under test: exactness of the freight Pareto search. On seeded random small freight
 * networks (terminals with random rows, capacities, tariffs, transfers, overseas ports, a road
 * graph), the label-setting search returns exactly the Pareto set of a brute-force enumeration
 * of every chain, and no returned chain is dominated by another.
 */
import { describe, expect, test } from 'vitest';
import { searchFreight } from '../../src/core/freight/search.js';
import { bruteForce, pareto, randomCase, type Vec } from './helpers.js';

const CASES = 300;

describe('freight search = brute force on random networks', () => {
  test(`${CASES} seeded cases`, () => {
    let nonEmpty = 0;
    let splits = 0;
    let multi = 0;
    for (let seed = 1; seed <= CASES; seed++) {
      const { net, from, to, o } = randomCase(seed);
      for (const rail of [true, false]) {
        const q = { ...o, rail };
        const { chains } = searchFreight(net, from, to, q);
        const got: Vec[] = chains.map((c) => [c.arrival, c.costFen, c.co2G]);
        const rides = Math.max(0, ...chains.map((c) => c.steps.filter((s) => s.kind === 'ride').length));
        expect(rides, `seed ${seed}: a chain with more rides than the brute force enumerates`).toBeLessThan(6);
        const want = bruteForce(net, from, to, q);
        expect(pareto(got), `seed ${seed} rail=${rail}`).toEqual(want);
        expect(got.length, `seed ${seed}: duplicates or dominated chains returned`).toBe(want.length);
        if (got.length > 0) nonEmpty++;
        if (got.length > 1) multi++;
        if (chains.some((c) => c.steps.some((s) => s.kind === 'ride' && s.batch.runs.length > 1))) splits++;
      }
    }
    // the generator must exercise the interesting cases
    expect(nonEmpty).toBeGreaterThan(CASES / 2);
    expect(multi).toBeGreaterThan(CASES / 10);
    expect(splits).toBeGreaterThan(10);
  }, 60_000);

  test('every returned chain is non-dominated and the chain sums match the criteria', () => {
    for (let seed = 1000; seed < 1100; seed++) {
      const { net, from, to, o } = randomCase(seed);
      const { chains } = searchFreight(net, from, to, o);
      for (const a of chains) {
        let cost = 0;
        let co2 = 0;
        for (const s of a.steps) {
          cost += s.amount.costFen;
          co2 += s.amount.co2G;
        }
        expect([cost, co2]).toEqual([a.costFen, a.co2G]);
        for (const b of chains) {
          if (a === b) continue;
          const dominates = b.arrival <= a.arrival && b.costFen <= a.costFen && b.co2G <= a.co2G;
          expect(dominates, `seed ${seed}`).toBe(false);
        }
      }
    }
  }, 30_000);
});
