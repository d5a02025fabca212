// Feature under test: parent stations and child platforms — a station (by id or by name) stands
// for all its platforms, the itinerary names the platform actually used, and stop search
// (`jjj stops`, searchStops) lists the station rather than its same-named platforms.
//
// Timetable (test/fixtures/e2e/parents, Asia/Shanghai, daily in Nov 2026):
//   station CEN "Central" — platforms CEN1 and CEN2 (both named "Central", ≈ 35 m apart)
//   T1 R1 CEN1 08:10 → North 08:30
//   T2 R2 CEN2 08:05 → East 08:20
//   T3 R2 East 09:00 → CEN2 09:15
import { describe, expect, it } from 'vitest';
import { searchStops } from '../../src/core/places.js';
import { ask, expectCleanImport, feedDir, lines, useFeeds } from './helpers.js';

const feeds = useFeeds(feedDir('parents'));
const go = (from: string, to: string, depart = '2026-11-24T08:00') => ask(feeds.net, { from, to, depart });

describe('parent stations and child platforms', () => {
  it('imports without issues', () => {
    expectCleanImport(feeds);
  });

  it('origin = station id: any platform; from.id is the platform used (CEN1 for North)', () => {
    const r = go('CEN', 'N');
    expect(lines(r)).toEqual(['08:10 Central —BUS R1→ North 08:30']);
    expect(r.itineraries[0].legs[0].from.id).toBe('parents:CEN1');
  });

  it('origin = station id: the other platform for East (CEN2)', () => {
    const r = go('parents:CEN', 'E');
    expect(lines(r)).toEqual(['08:05 Central —BUS R2→ East 08:20']);
    expect(r.itineraries[0].legs[0].from.id).toBe('parents:CEN2');
  });

  it('origin = station name "Central" (shared by station and platforms): any platform', () => {
    const north = go('Central', 'North');
    expect(lines(north)).toEqual(['08:10 Central —BUS R1→ North 08:30']);
    expect(north.itineraries[0].legs[0].from.id).toBe('parents:CEN1');
    const east = go('central', 'east');
    expect(lines(east)).toEqual(['08:05 Central —BUS R2→ East 08:20']);
    expect(east.itineraries[0].legs[0].from.id).toBe('parents:CEN2');
  });

  it('origin = one platform (CEN1): the sibling platform is reached by a short walk', () => {
    const r = go('CEN1', 'E');
    expect(r.itineraries).toHaveLength(1);
    const [walk, ride] = r.itineraries[0].legs;
    // the access walk starts at the place asked for, which is exactly one stop: its id is given
    expect(walk).toMatchObject({ mode: 'WALK', from: { id: 'parents:CEN1', name: 'Central' }, to: { id: 'parents:CEN2' } });
    expect(walk.durationSeconds).toBeGreaterThan(0);
    expect(walk.durationSeconds).toBeLessThan(60);
    expect(ride).toMatchObject({ mode: 'BUS', from: { id: 'parents:CEN2' }, departure: '2026-11-24T08:05:00+08:00' });
  });

  it('destination = station: to.id is the platform alighted at', () => {
    const r = go('East', 'CEN', '2026-11-24T08:50');
    expect(lines(r)).toEqual(['09:00 East —BUS R2→ Central 09:15']);
    expect(r.itineraries[0].legs.at(-1)!.to.id).toBe('parents:CEN2');
  });

  it('stop search returns the station, not its same-named platforms', () => {
    const ids = (q: string) => searchStops(feeds.net, q).map((m) => feeds.net.input.stops[m.stop].id);
    expect(ids('Central')).toEqual(['parents:CEN']);
    expect(ids('cent')).toEqual(['parents:CEN']);
    expect(ids('North')).toEqual(['parents:N']);
    expect(feeds.net.stopModes(feeds.net.stopById('CEN')[0])).toEqual(['bus']);
  });
});
