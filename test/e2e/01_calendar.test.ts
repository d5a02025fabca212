// Feature under test: calendar.txt weekdays + calendar_dates.txt exceptions (1 = added, 2 = removed)
// and a service defined only in calendar_dates.txt, through the real import and planner.
//
// Timetable (test/fixtures/e2e/calendar, Asia/Shanghai):
//   WK1   R1  A 08:00 → B 08:20   Mon–Fri 2026-11-01…30, removed Thu 11-26, added Sat 11-28
//   ONLY1 R2  A 10:00 → B 10:20   only Sun 11-29 (calendar_dates.txt only)
// The search horizon is 24 h, so "nothing the next 24 h" shows as an empty answer.
import { describe, expect, it } from 'vitest';
import { ask, datedLines, expectCleanImport, feedDir, useFeeds } from './helpers.js';

const feeds = useFeeds(feedDir('calendar'));
const AtoB = (depart: string) => datedLines(ask(feeds.net, { from: 'A', to: 'B', depart }));

describe('calendar.txt + calendar_dates.txt', () => {
  it('imports without issues', () => {
    expectCleanImport(feeds);
  });

  it('runs the weekday service on an ordinary weekday (Tue 11-24)', () => {
    expect(AtoB('2026-11-24T07:00')).toEqual(['2026-11-24 08:00 A —BUS R1→ B 08:20']);
  });

  it('reaches the next weekday overnight (Mon 11-23 09:00 → Tue 08:00)', () => {
    expect(AtoB('2026-11-23T09:00')).toEqual(['2026-11-24 08:00 A —BUS R1→ B 08:20']);
  });

  it('does not run on a date removed by exception_type 2 (Thu 11-26)', () => {
    // from Wed 09:00 the Thursday 08:00 trip would be within the 24 h horizon
    expect(AtoB('2026-11-25T09:00')).toEqual([]);
    expect(AtoB('2026-11-26T07:00')).toEqual([]);
  });

  it('runs on a date added by exception_type 1 (Sat 11-28)', () => {
    const r = ask(feeds.net, { from: 'A', to: 'B', depart: '2026-11-28T07:00' });
    expect(datedLines(r)).toEqual(['2026-11-28 08:00 A —BUS R1→ B 08:20']);
    expect(r.itineraries[0].legs[0].serviceDate).toBe('2026-11-28');
    expect(r.itineraries[0].legs[0].tripId).toBe('calendar:WK1');
  });

  it('does not run on an ordinary Saturday (Sat 11-21): nothing until Sunday', () => {
    expect(AtoB('2026-11-21T07:00')).toEqual([]);
  });

  it('runs a service defined only in calendar_dates.txt on its date (Sun 11-29)', () => {
    const r = ask(feeds.net, { from: 'A', to: 'B', depart: '2026-11-29T07:00' });
    expect(datedLines(r)).toEqual(['2026-11-29 10:00 A —BUS R2→ B 10:20']);
    expect(r.itineraries[0].legs[0].tripId).toBe('calendar:ONLY1');
  });

  it('does not run the calendar_dates-only service on other Sundays (Sun 11-22)', () => {
    // from Sun 09:00 a 10:00 ONLY1 would come first; the next trip is Monday's WK1
    expect(AtoB('2026-11-22T09:00')).toEqual(['2026-11-23 08:00 A —BUS R1→ B 08:20']);
  });
});
