// Feature under test: arrive-by, door to door — the latest departure that still arrives in time,
// with walks at both ends, and its JSON times.
//
// Timetable (test/fixtures/e2e/arriveby, Asia/Shanghai, daily in Nov 2026):
//   R1  A 07:00 → B 07:30,  A 07:30 → B 08:00,  A 08:00 → B 08:30
//   R2  B 08:40 → C 09:00,  B 09:10 → C 09:30
//   HOME 300 m south of A (325 s walk), WORK 200 m north of C (217 s walk); 60 s transfer slack
import { describe, expect, it } from 'vitest';
import { ask, datedLines, expectCleanImport, feedDir, lines, useFeeds } from './helpers.js';

const feeds = useFeeds(feedDir('arriveby'));
const HOME = '39.8973,116.40';
const WORK = '40.0018,116.40';

describe('arrive-by', () => {
  it('imports without issues', () => {
    expectCleanImport(feeds);
  });

  it('between stops: the latest trip arriving in time', () => {
    expect(lines(ask(feeds.net, { from: 'A', to: 'B', arrive: '2026-11-24T08:45' }))).toEqual(['08:00 A —BUS R1→ B 08:30']);
    expect(lines(ask(feeds.net, { from: 'A', to: 'B', arrive: '2026-11-24T08:29' }))).toEqual(['07:30 A —BUS R1→ B 08:00']);
    expect(lines(ask(feeds.net, { from: 'A', to: 'B', arrive: '2026-11-24T08:30' }))).toEqual(['08:00 A —BUS R1→ B 08:30']);
  });

  it('with a change: leaves as late as possible (08:00), then arrives as early as that allows', () => {
    // the latest departure is 08:00; from there the 08:40 connection arrives at 09:00, earlier
    // than the 09:10 one the backward search met first, so the planner tightens to it
    expect(lines(ask(feeds.net, { from: 'A', to: 'C', arrive: '2026-11-24T09:35' }))).toEqual([
      '08:00 A —BUS R1→ B 08:30 | 08:40 B —BUS R2→ C 09:00',
    ]);
  });

  it('door to door: latest departure from HOME to be at WORK by 09:10, and its JSON times', () => {
    const r = ask(feeds.net, { from: HOME, to: WORK, arrive: '2026-11-24T09:10' });
    expect(lines(r)).toEqual([
      `07:54 ${HOME} walk 5m25s → A 08:00 | 08:00 A —BUS R1→ B 08:30 | 08:40 B —BUS R2→ C 09:00 | walk 3m37s → ${WORK} 09:03`,
    ]);
    const it0 = r.itineraries[0];
    expect({ departure: it0.departure, arrival: it0.arrival, durationSeconds: it0.durationSeconds, transfers: it0.transfers, walkSeconds: it0.walkSeconds }).toEqual({
      departure: '2026-11-24T07:54:35+08:00',
      arrival: '2026-11-24T09:03:37+08:00',
      durationSeconds: 4142,
      transfers: 1,
      walkSeconds: 542,
    });
    expect(it0.legs.map((l) => [l.mode, l.departure, l.arrival, l.durationSeconds])).toEqual([
      ['WALK', '2026-11-24T07:54:35+08:00', '2026-11-24T08:00:00+08:00', 325],
      ['BUS', '2026-11-24T08:00:00+08:00', '2026-11-24T08:30:00+08:00', 1800],
      ['BUS', '2026-11-24T08:40:00+08:00', '2026-11-24T09:00:00+08:00', 1200],
      ['WALK', '2026-11-24T09:00:00+08:00', '2026-11-24T09:03:37+08:00', 217],
    ]);
  });

  it('the same journey is found forward from its departure time', () => {
    const back = ask(feeds.net, { from: HOME, to: WORK, arrive: '2026-11-24T09:10' });
    const fwd = ask(feeds.net, { from: HOME, to: WORK, depart: back.itineraries[0].departure });
    expect(lines(fwd)).toEqual(lines(back));
    expect(fwd.itineraries[0].arrival).toBe(back.itineraries[0].arrival);
  });

  it('the arrival time is inclusive; one second earlier it is the previous day’s journey', () => {
    expect(lines(ask(feeds.net, { from: HOME, to: WORK, arrive: '2026-11-24T09:03:37' }))).toEqual(
      lines(ask(feeds.net, { from: HOME, to: WORK, arrive: '2026-11-24T09:10' })),
    );
    // (a 48 h horizon: the previous day's departure is 25 h before the arrival time)
    expect(datedLines(ask(feeds.net, { from: HOME, to: WORK, arrive: '2026-11-24T09:03:36' }, { maxDuration: 48 * 3600 }))).toEqual([
      `2026-11-23 07:54 ${HOME} walk 5m25s → A 08:00 | 08:00 A —BUS R1→ B 08:30 | 08:40 B —BUS R2→ C 09:00 | walk 3m37s → ${WORK} 09:03`,
    ]);
  });
});
