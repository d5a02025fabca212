// Feature under test: pathways.txt — walks inside a station follow its pathways (traversal_time):
// a transfer between platforms takes the pathway time, and a coordinate origin near the entrance
// reaches a platform through the entrance and the pathway.
//
// Timetable (test/fixtures/e2e/pathways, see its README.md; Asia/Shanghai, daily in Nov 2026):
//   station STA: entrance ENT; platforms PA, PB 300 m south of it, 34 m apart
//   pathways ENT–PA 60 s, ENT–PB 120 s, PA–PB 150 s (all bidirectional)
//   T1 R1 W 08:00 → PA 08:10 → V 08:30;  T2a/T2b R2 PB 08:12 / 08:14 → Z 08:30 / 08:35
import { describe, expect, it } from 'vitest';
import { ask, expectCleanImport, feedDir, lines, useFeeds } from './helpers.js';

const feeds = useFeeds(feedDir('pathways'));
const NEAR_ENTRANCE = '39.9002,116.4000'; // 22 m north of ENT, 322 m from PA

describe('pathways.txt', () => {
  it('imports without issues', () => {
    expectCleanImport(feeds);
  });

  it('the platform-to-platform footpath is the pathway (150 s), not the 34 m straight line', () => {
    const net = feeds.net;
    const [pa] = net.stopById('PA');
    const [pb] = net.stopById('PB');
    expect(net.footpathsFrom(pa)).toContainEqual([pb, 150]);
    expect(net.footpathsFrom(pb)).toContainEqual([pa, 150]);
  });

  it('a transfer PA → PB takes the pathway time: 08:12 missed, 08:14 caught', () => {
    expect(lines(ask(feeds.net, { from: 'W', to: 'Z', depart: '2026-11-24T07:55' }))).toEqual([
      '08:00 W —BUS R1→ Platform A 08:10 | walk 2m30s → Platform B 08:12 | 08:14 Platform B —BUS R2→ Z 08:35',
    ]);
  });

  it('a point near the entrance reaches PA through the entrance (24 s + 60 s pathway)', () => {
    // maxWalk 100 m: PA itself (322 m away) is out of reach, the entrance (22 m) is not
    const r = ask(feeds.net, { from: NEAR_ENTRANCE, to: 'V', depart: '2026-11-24T08:05', maxWalk: '100' });
    expect(lines(r)).toEqual([`08:08 ${NEAR_ENTRANCE} walk 1m24s → Platform A 08:10 | 08:10 Platform A —BUS R1→ V 08:30`]);
    expect(r.itineraries[0].legs[0]).toMatchObject({ mode: 'WALK', durationSeconds: 84, to: { id: 'pathways:PA' } });
  });

  it('… and PB through the stairs (24 s + 120 s)', () => {
    const r = ask(feeds.net, { from: NEAR_ENTRANCE, to: 'Z', depart: '2026-11-24T08:05', maxWalk: '100' });
    expect(lines(r)).toEqual([`08:09 ${NEAR_ENTRANCE} walk 2m24s → Platform B 08:12 | 08:12 Platform B —BUS R2→ Z 08:30`]);
  });

  it('without pathways in reach (maxWalk 10 m) there is no way in', () => {
    expect(ask(feeds.net, { from: NEAR_ENTRANCE, to: 'V', depart: '2026-11-24T08:05', maxWalk: '10' }).itineraries).toEqual([]);
  });

  it('an entrance id is a place: the walk goes on through the pathways to a platform', () => {
    const r = ask(feeds.net, { from: 'ENT', to: 'V', depart: '2026-11-24T08:05' });
    expect(lines(r)).toEqual(['08:09 Deep Station Entrance walk 1m → Platform A 08:10 | 08:10 Platform A —BUS R1→ V 08:30']);
  });
});
