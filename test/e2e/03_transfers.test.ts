// Feature under test: transfers.txt — min_transfer_time (type 2) making a connection impossible
// or possible; type 3 forbidding a transfer between two stops and at a single stop; station-level
// rows applying to their platforms, and stop-level rows winning over them.
//
// Timetable (test/fixtures/e2e/transfers, see its README.md; Asia/Shanghai, daily in Nov 2026).
// Every corridor: ride 1 arrives at the change point at 08:10; the planner adds 60 s slack.
//   X,X,2,300       R1 A→X 08:10; R2 X 08:12 / 08:20 → B
//   P,Q,3           R3 C→P 08:10; walk P→Q 196 m; R4 Q 08:20 → D 08:30; R5 P 09:00 → D 09:40
//   S,S,3           R6 E→S 08:10; R7 S 08:20 / 09:00 → F
//   ST,ST,2,600     R8 G→ST1 08:10; R9 ST2 08:13 / 08:25 → H      (ST1, ST2 platforms of ST)
//   SU,SU,2,600 + SU1,SU2,2,120   R10 I→SU1 08:10; R11 SU2 08:14 / 08:25 → J
import { describe, expect, it, test } from 'vitest';
import { ask, expectCleanImport, feedDir, lines, useFeeds } from './helpers.js';

const feeds = useFeeds(feedDir('transfers'));
const trip = (from: string, to: string, depart = '2026-11-24T07:55', slack?: string) =>
  lines(ask(feeds.net, { from, to, depart, ...(slack !== undefined ? { transferSlack: slack } : {}) }));

describe('transfers.txt', () => {
  it('imports without issues', () => {
    expectCleanImport(feeds);
  });

  describe('type 2, min_transfer_time', () => {
    it('5 min at X makes the 08:12 connection impossible and the 08:20 one possible', () => {
      expect(trip('A', 'B')).toEqual(['08:00 A —BUS R1→ X 08:10 | 08:20 X —BUS R2→ B 08:40']);
    });

    it('holds even with no transfer slack at all', () => {
      expect(trip('A', 'B', '2026-11-24T07:55', '0')).toEqual(['08:00 A —BUS R1→ X 08:10 | 08:20 X —BUS R2→ B 08:40']);
    });
  });

  describe('type 3, not possible', () => {
    it('between two stops: the P→Q walk is not offered; the journey waits for R5 at P', () => {
      expect(trip('C', 'D')).toEqual(['08:00 C —BUS R3→ P 08:10 | 09:00 P —BUS R5→ D 09:40']);
    });

    it('removes only the P→Q footpath (the generated Q→P one stays: type 3 is directional)', () => {
      const net = feeds.net;
      const [p] = net.stopById('P');
      const [q] = net.stopById('Q');
      const transfersFrom = (a: number) => Array.from(net.transfers.footTo.subarray(net.transfers.footOffset[a], net.transfers.footOffset[a + 1]));
      expect(transfersFrom(p)).not.toContain(q);
      expect(transfersFrom(q)).toContain(p);
      // plain walking (start and end of a journey) is not a transfer: both directions stay
      expect(net.footpathsFrom(p).map(([s]) => s)).toContain(q);
    });

    it('a coordinate origin at P may still walk to Q (no vehicle change involved)', () => {
      expect(trip('39.85,116.40', 'D', '2026-11-24T08:15')).toEqual(['08:16 39.85,116.40 walk 3m33s → Q 08:20 | 08:20 Q —BUS R4→ D 08:30']);
    });

    // type 3 forbids *transfers between vehicles*; starting at stop P and walking to Q is not one,
    // so the walks at the start and end of a journey use plain walking footpaths.
    test('starting at stop P the walk to Q is allowed, as from P’s coordinates', () => {
      expect(trip('P', 'D', '2026-11-24T08:15')).toEqual(['08:16 P walk 3m33s → Q 08:20 | 08:20 Q —BUS R4→ D 08:30']);
    });

    it('at a single stop: no change at S at all', () => {
      expect(trip('E', 'F')).toEqual([]);
    });

    it('does not stop a journey that starts at S', () => {
      expect(trip('S', 'F', '2026-11-24T08:15')).toEqual(['08:20 S —BUS R7→ F 08:30']);
    });
  });

  describe('station-level rows', () => {
    it('ST,ST,2,600 applies between its platforms ST1 → ST2 (10 min, not the 44 m walk)', () => {
      expect(trip('G', 'H')).toEqual(['08:00 G —BUS R8→ ST1 08:10 | walk 10m → ST2 08:20 | 08:25 ST2 —BUS R9→ H 08:45']);
    });

    it('a stop-level row SU1,SU2,2,120 wins over the station row SU,SU,2,600', () => {
      expect(trip('I', 'J')).toEqual(['08:00 I —BUS R10→ SU1 08:10 | walk 2m → SU2 08:12 | 08:14 SU2 —BUS R11→ J 08:30']);
    });
  });
});
