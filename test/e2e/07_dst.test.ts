// Feature under test: the agency time zone across daylight-saving changes (America/New_York) —
// stop times count from "noon minus 12 h" of the service day, ISO outputs carry the offset in
// force at each instant (−04:00 EDT / −05:00 EST) and durations are real elapsed seconds.
//
// Timetable (test/fixtures/e2e/dst, see its README.md), A → B:
//   SPR1  2026-03-08 01:00:00 → 03:30:00  = 03-08 00:00 −05:00 → 03:30 −04:00 (9000 s)
//   SPR2  2026-03-08 08:00:00 → 09:00:00  = 08:00 −04:00 → 09:00 −04:00 (3600 s)
//   SAT1  2026-10-31 24:30:00 → 26:30:00  = 11-01 00:30 −04:00 → 01:30 −05:00 (7200 s)
//   FALL1 2026-11-01 00:30:00 → 03:30:00  = 11-01 01:30 −04:00 → 03:30 −05:00 (10800 s)
//   FALL2 2026-11-01 08:00:00 → 09:00:00  = 08:00 −05:00 → 09:00 −05:00 (3600 s)
import { describe, expect, it, test } from 'vitest';
import { planOptions } from '../../src/app/params.js';
import { ask, datedLines, expectCleanImport, feedDir, useFeeds } from './helpers.js';

const feeds = useFeeds(feedDir('dst'));
const go = (depart: string) => ask(feeds.net, { from: 'A', to: 'B', depart });
const times = (depart: string) => {
  const it = go(depart).itineraries[0];
  return { departure: it.departure, arrival: it.arrival, durationSeconds: it.durationSeconds, serviceDate: it.legs[0].serviceDate };
};

describe('agency time zone across DST (America/New_York)', () => {
  it('imports without issues, in the agency zone', () => {
    expectCleanImport(feeds);
    expect(feeds.net.input.feeds[0].timezone).toBe('America/New_York');
  });

  describe('fall back, Sun 2026-11-01', () => {
    it('a Saturday trip past midnight crosses the change: 2 h real, 1 h on the clock', () => {
      expect(datedLines(go('2026-11-01T00:00'))).toEqual(['2026-11-01 00:30 A —BUS N→ B 01:30']);
      expect(times('2026-11-01T00:00')).toEqual({
        departure: '2026-11-01T00:30:00-04:00',
        arrival: '2026-11-01T01:30:00-05:00',
        durationSeconds: 7200,
        serviceDate: '2026-10-31',
      });
    });

    it('00:30:00 on the fall-back day is 01:30 EDT (noon − 12 h = 01:00 EDT); 3 h real', () => {
      expect(datedLines(go('2026-11-01T01:15'))).toEqual(['2026-11-01 01:30 A —BUS N→ B 03:30']);
      expect(times('2026-11-01T01:15')).toEqual({
        departure: '2026-11-01T01:30:00-04:00',
        arrival: '2026-11-01T03:30:00-05:00',
        durationSeconds: 10800,
        serviceDate: '2026-11-01',
      });
    });

    it('an explicit offset picks which 01:15 is meant (the ambiguous hour)', () => {
      expect(times('2026-11-01T01:15-04:00').departure).toBe('2026-11-01T01:30:00-04:00');
      // the second 01:15 (EST) is after FALL1 left: the next is FALL2
      expect(datedLines(go('2026-11-01T01:15-05:00'))).toEqual(['2026-11-01 08:00 A —BUS D→ B 09:00']);
    });

    it('a daytime trip after the change is in EST', () => {
      expect(times('2026-11-01T07:00')).toEqual({
        departure: '2026-11-01T08:00:00-05:00',
        arrival: '2026-11-01T09:00:00-05:00',
        durationSeconds: 3600,
        serviceDate: '2026-11-01',
      });
    });
  });

  describe('spring forward, Sun 2026-03-08', () => {
    it('01:00:00 on the spring-forward day is 00:00 EST (noon − 12 h = Sat 23:00 EST); 2 h 30 real', () => {
      expect(datedLines(go('2026-03-07T23:30'))).toEqual(['2026-03-08 00:00 A —BUS N→ B 03:30']);
      expect(times('2026-03-07T23:30')).toEqual({
        departure: '2026-03-08T00:00:00-05:00',
        arrival: '2026-03-08T03:30:00-04:00',
        durationSeconds: 9000,
        serviceDate: '2026-03-08',
      });
    });

    it('a daytime trip after the change is in EDT', () => {
      expect(times('2026-03-08T07:00')).toEqual({
        departure: '2026-03-08T08:00:00-04:00',
        arrival: '2026-03-08T09:00:00-04:00',
        durationSeconds: 3600,
        serviceDate: '2026-03-08',
      });
    });

    // The non-existent 02:30 is read with the offset before the change (EST): 02:30−05:00 =
    // 03:30 EDT (Temporal's "compatible"), and SPR1 (arriving 03:30 EDT) arrives by then.
    test('a local time in the skipped hour (02:30) is read with the earlier offset (−05:00 = 03:30 EDT)', () => {
      const opts = planOptions({ from: 'A', to: 'B', arrive: '2026-03-08T02:30' }, 'America/New_York');
      expect(opts.time).toBe(Date.parse('2026-03-08T03:30:00-04:00') / 1000);
      expect(datedLines(ask(feeds.net, { from: 'A', to: 'B', arrive: '2026-03-08T02:30' }))).toEqual([
        '2026-03-08 00:00 A —BUS N→ B 03:30',
      ]);
    });
  });
});
