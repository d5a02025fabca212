// Feature under test: frequencies.txt — exact_times=1 (departures exactly start + k·headway,
// end_time excluded) and exact_times=0 (expanded the same way by this engine; legs say
// exactTimes:false with headwaySeconds and tripStartTime), through the real import and planner.
//
// Timetable (test/fixtures/e2e/frequencies, Asia/Shanghai, every day of Nov 2026):
//   F1 R1 template A 06:00, B 06:10, C 06:25; 07:00–08:00 every 20 min, exact_times=1
//   F0 R2 template D 06:00, E 06:12;          09:00–10:00 every 15 min, exact_times=0
import { describe, expect, it } from 'vitest';
import { ask, datedLines, expectCleanImport, feedDir, lines, useFeeds } from './helpers.js';

const feeds = useFeeds(feedDir('frequencies'));

/** Every departure from `from` on 2026-11-24 found by asking again one minute after the last one. */
function departuresOfTheDay(from: string, to: string): string[] {
  const out: string[] = [];
  let time = '2026-11-24T00:00';
  for (let guard = 0; guard < 20; guard++) {
    const it = ask(feeds.net, { from, to, depart: time }).itineraries[0];
    if (it === undefined || !it.departure.startsWith('2026-11-24')) break;
    out.push(it.departure.slice(11, 16));
    const [h, m] = it.departure.slice(11, 16).split(':').map(Number);
    const next = h * 60 + m + 1;
    time = `2026-11-24T${String(Math.floor(next / 60)).padStart(2, '0')}:${String(next % 60).padStart(2, '0')}`;
  }
  return out;
}

describe('frequencies.txt', () => {
  it('imports without issues', () => {
    expectCleanImport(feeds);
  });

  describe('exact_times=1', () => {
    it('departs exactly at start + k·headway, end_time excluded, template time not used', () => {
      expect(departuresOfTheDay('A', 'B')).toEqual(['07:00', '07:20', '07:40']);
    });

    it('boards the next instance and reports it as frequency-based with exact times', () => {
      const r = ask(feeds.net, { from: 'A', to: 'B', depart: '2026-11-24T07:05' });
      expect(lines(r)).toEqual(['07:20 A —BUS R1→ B 07:30']);
      expect(r.itineraries[0].legs[0]).toMatchObject({
        tripId: 'frequencies:F1',
        tripStartTime: '07:20:00',
        headwaySeconds: 1200,
        exactTimes: true,
        departure: '2026-11-24T07:20:00+08:00',
        arrival: '2026-11-24T07:30:00+08:00',
      });
    });

    it('keeps the template offsets at later stops (board at B: 07:20 instance passes B at 07:30)', () => {
      const r = ask(feeds.net, { from: 'B', to: 'C', depart: '2026-11-24T07:25' });
      expect(lines(r)).toEqual(['07:30 B —BUS R1→ C 07:45']);
      expect(r.itineraries[0].legs[0].tripStartTime).toBe('07:20:00');
    });

    it('after the last instance (07:40) the next departure is the next day 07:00 — no 08:00', () => {
      expect(datedLines(ask(feeds.net, { from: 'A', to: 'B', depart: '2026-11-24T07:41' }))).toEqual([
        '2026-11-25 07:00 A —BUS R1→ B 07:10',
      ]);
    });
  });

  describe('exact_times=0', () => {
    it('is expanded like exact_times=1: start + k·headway, end_time excluded', () => {
      expect(departuresOfTheDay('D', 'E')).toEqual(['09:00', '09:15', '09:30', '09:45']);
    });

    it('reports exactTimes:false, the headway and the instance start time', () => {
      const r = ask(feeds.net, { from: 'D', to: 'E', depart: '2026-11-24T09:31' });
      expect(lines(r)).toEqual(['09:45 D —BUS R2→ E 09:57']);
      expect(r.itineraries[0].legs[0]).toMatchObject({
        tripId: 'frequencies:F0',
        tripStartTime: '09:45:00',
        headwaySeconds: 900,
        exactTimes: false,
      });
    });

    it('after the last instance (09:45) the next departure is the next day 09:00 — no 10:00', () => {
      expect(datedLines(ask(feeds.net, { from: 'D', to: 'E', depart: '2026-11-24T09:46' }))).toEqual([
        '2026-11-25 09:00 D —BUS R2→ E 09:12',
      ]);
    });
  });
});
