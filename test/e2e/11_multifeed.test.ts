// Feature under test: several feeds loaded together — ids namespaced `feed:id` (both feeds use
// stop S1, route R, trip T), a journey changing between the feeds over a generated footpath
// (stops < 500 m apart), and what a bare id shared by both feeds means.
//
// Timetable (test/fixtures/e2e/multifeed/{feedA,feedB}, Asia/Shanghai, daily in Nov 2026):
//   feedA  bus A1   S1 "Alpha Square" 08:00 → S2 "Alpha End" 08:20
//   feedB  rail B1  S1 "Bravo Gate"   08:30 → S2 "Bravo End" 08:50
//   feedA:S2 — feedB:S1: 200 m apart (walk 200 m × 1.3 / 1.2 m/s = 217 s)
import { describe, expect, it, test } from 'vitest';
import { ask, expectCleanImport, feedDir, lines, rides, useFeeds } from './helpers.js';

const feeds = useFeeds(feedDir('multifeed', 'feedA'), feedDir('multifeed', 'feedB'));
const go = (from: string, to: string) => ask(feeds.net, { from, to, depart: '2026-11-24T07:55' });

describe('multiple feeds together', () => {
  it('imports both without issues, ids namespaced by feed directory name', () => {
    expectCleanImport(feeds);
    const input = feeds.net.input;
    expect(input.feeds.map((f) => f.name)).toEqual(['feedA', 'feedB']);
    expect(input.stops.map((s) => s.id).sort()).toEqual(['feedA:S1', 'feedA:S2', 'feedB:S1', 'feedB:S2']);
    expect(input.routes.map((r) => r.id).sort()).toEqual(['feedA:R', 'feedB:R']);
  });

  it('namespaced ids pick the stop of one feed', () => {
    expect(lines(go('feedA:S1', 'feedA:S2'))).toEqual(['08:00 Alpha Square —BUS A1→ Alpha End 08:20']);
    expect(lines(go('feedB:S1', 'feedB:S2'))).toEqual(['08:30 Bravo Gate —RAIL B1→ Bravo End 08:50']);
  });

  it('a journey changes feeds over the generated 200 m footpath', () => {
    const r = go('feedA:S1', 'feedB:S2');
    expect(lines(r)).toEqual([
      '08:00 Alpha Square —BUS A1→ Alpha End 08:20 | walk 3m37s → Bravo Gate 08:23 | 08:30 Bravo Gate —RAIL B1→ Bravo End 08:50',
    ]);
    expect(rides(r.itineraries[0]).map((l) => [l.routeId, l.tripId, l.agencyName])).toEqual([
      ['feedA:R', 'feedA:T', 'Alpha Bus'],
      ['feedB:R', 'feedB:T', 'Bravo Rail'],
    ]);
    expect(r.itineraries[0]).toMatchObject({ transfers: 1, walkSeconds: 217 });
    expect(r.itineraries[0].legs[1]).toMatchObject({
      mode: 'WALK',
      from: { id: 'feedA:S2' },
      to: { id: 'feedB:S1' },
      distanceMetres: 200,
    });
  });

  it('stop names are unique across the feeds and resolve as usual', () => {
    expect(lines(go('Alpha Square', 'Bravo End'))).toEqual([
      '08:00 Alpha Square —BUS A1→ Alpha End 08:20 | walk 3m37s → Bravo Gate 08:23 | 08:30 Bravo Gate —RAIL B1→ Bravo End 08:50',
    ]);
  });

  it('a bare id present in two feeds is rejected as ambiguous, naming it and its candidates', () => {
    expect(feeds.net.stopById('S1').map((s) => feeds.net.input.stops[s].id)).toEqual(['feedA:S1', 'feedB:S1']);
    expect(() => go('S1', 'Bravo End')).toThrow(/ambiguous place "S1".*feedA:S1, feedB:S1/);
    expect(lines(go('feedB:S1', 'Bravo End'))).toEqual(['08:30 Bravo Gate —RAIL B1→ Bravo End 08:50']);
  });
});
