// Feature under test: pickup_type = 1 (no boarding) and drop_off_type = 1 (no alighting) in
// stop_times.txt, through the real import and planner.
//
// Timetable (test/fixtures/e2e/pickup_dropoff, Asia/Shanghai, daily in Nov 2026):
//   T1 R1  A 08:00 → B 08:10 (no pickup) → C 08:20 (no drop-off) → D 08:30
//   T2 R2  A 09:00 → C 09:20
import { describe, expect, it } from 'vitest';
import { ask, calls, expectCleanImport, feedDir, lines, useFeeds } from './helpers.js';

const feeds = useFeeds(feedDir('pickup_dropoff'));
const go = (from: string, to: string, depart = '2026-11-24T07:55') => ask(feeds.net, { from, to, depart });

describe('pickup_type / drop_off_type = 1', () => {
  it('imports without issues', () => {
    expectCleanImport(feeds);
  });

  it('rides through stops where it may not stop for the rider (A → D passes B and C)', () => {
    const r = go('A', 'D');
    expect(lines(r)).toEqual(['08:00 A —BUS R1→ D 08:30']);
    expect(calls(r.itineraries[0].legs[0])).toEqual(['B 08:10', 'C 08:20']);
  });

  it('drop_off_type=1: cannot alight from T1 at C, takes T2 at 09:00 instead', () => {
    expect(lines(go('A', 'C'))).toEqual(['09:00 A —BUS R2→ C 09:20']);
  });

  it('pickup_type=1: cannot board T1 at B (no other trip: no journey)', () => {
    expect(lines(go('B', 'D', '2026-11-24T08:05'))).toEqual([]);
  });

  it('pickup_type=1 at B still allows alighting at B', () => {
    expect(lines(go('A', 'B'))).toEqual(['08:00 A —BUS R1→ B 08:10']);
  });

  it('drop_off_type=1 at C still allows boarding at C', () => {
    expect(lines(go('C', 'D', '2026-11-24T08:15'))).toEqual(['08:20 C —BUS R1→ D 08:30']);
  });

  it('arrive-by honours them too (mirror: pickup and drop-off swapped)', () => {
    expect(lines(ask(feeds.net, { from: 'A', to: 'C', arrive: '2026-11-24T09:30' }))).toEqual(['09:00 A —BUS R2→ C 09:20']);
    expect(lines(ask(feeds.net, { from: 'B', to: 'D', arrive: '2026-11-24T09:30' }))).toEqual([]);
    expect(lines(ask(feeds.net, { from: 'C', to: 'D', arrive: '2026-11-24T09:30' }))).toEqual(['08:20 C —BUS R1→ D 08:30']);
  });
});
