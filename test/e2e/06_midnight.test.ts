// Feature under test: stop times past 24:00 and trips of the previous service day still running
// after midnight — found by queries before and after midnight, with output times on the next
// calendar day (+08:00) and the serviceDate of the trip.
//
// Timetable (test/fixtures/e2e/midnight, Asia/Shanghai):
//   NIGHT (service day Tue 2026-11-24 only)
//     N0  A 23:40 → C 23:55 → B 24:10     (Tue 23:40 → Wed 00:10)
//     N1  A 24:30 → C 24:45 → B 25:00     (Wed 00:30 → Wed 01:00)
//   DAY (Wed 2026-11-25 only)
//     D1  A 08:00 → C 08:15 → B 08:30
import { describe, expect, it } from 'vitest';
import { ask, datedLines, expectCleanImport, feedDir, useFeeds } from './helpers.js';

const feeds = useFeeds(feedDir('midnight'));
const go = (depart: string) => ask(feeds.net, { from: 'A', to: 'B', depart });

describe('times past 24:00 and the previous service day', () => {
  it('imports without issues', () => {
    expectCleanImport(feeds);
  });

  it('a trip arriving after midnight (24:10) arrives on the next calendar day', () => {
    const r = go('2026-11-24T23:30');
    expect(datedLines(r)).toEqual(['2026-11-24 23:40 A —BUS N→ B 00:10']);
    expect(r.itineraries[0]).toMatchObject({
      departure: '2026-11-24T23:40:00+08:00',
      arrival: '2026-11-25T00:10:00+08:00',
      durationSeconds: 1800,
    });
  });

  it('a query at 23:50 on day D catches the 24:30 trip of day D', () => {
    const r = go('2026-11-24T23:50');
    expect(datedLines(r)).toEqual(['2026-11-25 00:30 A —BUS N→ B 01:00']);
    const leg = r.itineraries[0].legs[0];
    expect(leg).toMatchObject({
      tripId: 'midnight:N1',
      serviceDate: '2026-11-24',
      departure: '2026-11-25T00:30:00+08:00',
      arrival: '2026-11-25T01:00:00+08:00',
    });
  });

  it('a query at 00:15 on D+1 finds the previous service day’s 24:30 trip (not D+1’s 08:00)', () => {
    const r = go('2026-11-25T00:15');
    expect(datedLines(r)).toEqual(['2026-11-25 00:30 A —BUS N→ B 01:00']);
    const leg = r.itineraries[0].legs[0];
    expect(leg.serviceDate).toBe('2026-11-24');
    expect(leg.intermediateStops).toEqual([
      expect.objectContaining({ id: 'midnight:C', arrival: '2026-11-25T00:45:00+08:00', departure: '2026-11-25T00:45:00+08:00' }),
    ]);
  });

  it('boarding mid-trip after midnight (C at 24:45)', () => {
    const r = ask(feeds.net, { from: 'C', to: 'B', depart: '2026-11-25T00:40' });
    expect(datedLines(r)).toEqual(['2026-11-25 00:45 C —BUS N→ B 01:00']);
  });

  it('after the night trips the next one is D+1’s day trip', () => {
    expect(datedLines(go('2026-11-25T00:31'))).toEqual(['2026-11-25 08:00 A —BUS R→ B 08:30']);
  });

  it('24:30 is not 00:30 of its own service day: at D 00:15 the first answer is D’s 23:40 trip', () => {
    // 2026-11-24 00:15 + 24 h = 11-25 00:15: N1 (arriving 11-25 01:00) is past the horizon, and no
    // NIGHT trip of service day 11-23 exists; N0 (arriving 11-25 00:10) is the only answer
    expect(datedLines(go('2026-11-24T00:15'))).toEqual(['2026-11-24 23:40 A —BUS N→ B 00:10']);
  });

  it('arrive-by after midnight: arrive by Wed 01:05 → the 24:30 trip of Tuesday', () => {
    const r = ask(feeds.net, { from: 'A', to: 'B', arrive: '2026-11-25T01:05' });
    expect(datedLines(r)).toEqual(['2026-11-25 00:30 A —BUS N→ B 01:00']);
    expect(r.itineraries[0].legs[0].serviceDate).toBe('2026-11-24');
  });
});
