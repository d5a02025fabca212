// Feature under test: stop_times without times between timepoints — interpolated by
// shape_dist_traveled when given, else by straight-line distance — visible in the itinerary's
// intermediateStops, and boarding at an untimed stop.
//
// Timetable (test/fixtures/e2e/interpolation, Asia/Shanghai, daily in Nov 2026):
//   T1 R1  A 08:00, B —, C —, D 08:40   shape_dist 0, 1000, 3000, 4000 (stops evenly spaced)
//          → B 08:10, C 08:30 (by distance alone it would be 08:13:20, 08:26:40)
//   T2 R2  E 09:00, F —, G 09:20        no shape_dist; F a quarter of the way → F 09:05
import { describe, expect, it } from 'vitest';
import { ask, calls, expectCleanImport, feedDir, lines, useFeeds } from './helpers.js';

const feeds = useFeeds(feedDir('interpolation'));
const go = (from: string, to: string, depart: string) => ask(feeds.net, { from, to, depart });

describe('stop times interpolated between timepoints', () => {
  it('imports without issues', () => {
    expectCleanImport(feeds);
  });

  it('by shape_dist_traveled: B 08:10 and C 08:30 in intermediateStops', () => {
    const r = go('A', 'D', '2026-11-24T07:55');
    expect(lines(r)).toEqual(['08:00 A —BUS R1→ D 08:40']);
    const leg = r.itineraries[0].legs[0];
    expect(calls(leg)).toEqual(['B 08:10', 'C 08:30']);
    expect(leg.intermediateStops!.map((c) => [c.arrival, c.departure])).toEqual([
      ['2026-11-24T08:10:00+08:00', '2026-11-24T08:10:00+08:00'],
      ['2026-11-24T08:30:00+08:00', '2026-11-24T08:30:00+08:00'],
    ]);
  });

  it('boarding and alighting at untimed stops uses the interpolated times', () => {
    expect(lines(go('B', 'D', '2026-11-24T08:05'))).toEqual(['08:10 B —BUS R1→ D 08:40']);
    expect(lines(go('A', 'C', '2026-11-24T07:55'))).toEqual(['08:00 A —BUS R1→ C 08:30']);
    expect(lines(go('B', 'C', '2026-11-24T08:05'))).toEqual(['08:10 B —BUS R1→ C 08:30']);
  });

  it('an untimed stop is missed once its interpolated time has passed (B after 08:10)', () => {
    // (a 48 h horizon, as the next day's 08:40 arrival is more than 24 h away)
    const r = ask(feeds.net, { from: 'B', to: 'D', depart: '2026-11-24T08:11' }, { maxDuration: 48 * 3600 });
    expect(r.itineraries.map((i) => i.departure)).toEqual(['2026-11-25T08:10:00+08:00']);
  });

  it('by straight-line distance without shape_dist_traveled: F 09:05', () => {
    const r = go('E', 'G', '2026-11-24T08:55');
    expect(lines(r)).toEqual(['09:00 E —BUS R2→ G 09:20']);
    expect(calls(r.itineraries[0].legs[0])).toEqual(['F 09:05']);
    expect(lines(go('F', 'G', '2026-11-24T09:01'))).toEqual(['09:05 F —BUS R2→ G 09:20']);
  });
});
