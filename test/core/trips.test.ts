import { describe, expect, it } from 'vitest';
import type { TripInput } from '../../src/core/input.js';
import { TripTable, TripTableBuilder } from '../../src/core/trips.js';
import { Rng } from '../support/prng.js';

const sample: TripInput[] = [
  { id: 'rail:G1', route: 0, service: 0, headsign: '天津', shape: -1 },
  { id: 'rail:G2', route: 0, service: 1, headsign: '天津', shape: 3, directionId: 1, shortName: 'G2', stopSequenceStart: 5 },
  { id: 'bus:京津冀快巴-07', route: 2, service: 0, headsign: '国贸', shape: 0, directionId: 0, frequencies: [{ start: 25200, end: 32400, headway: 600, exact: false }] },
  { id: 'no-prefix', route: 1, service: 2, headsign: '', shape: -1, stopSequenceStart: 0 },
];

describe('TripTable', () => {
  it('gives every trip back as it was added, field by field and whole', () => {
    const t = TripTable.from(sample);
    expect(t.length).toBe(4);
    expect([...t]).toEqual(sample);
    expect(t.map((trip) => trip.id)).toEqual(sample.map((s) => s.id));
    sample.forEach((s, i) => {
      expect(t.get(i)).toEqual(s);
      expect([t.id(i), t.route(i), t.service(i), t.shape(i), t.headsign(i)]).toEqual([s.id, s.route, s.service, s.shape, s.headsign]);
      expect([t.shortName(i), t.directionId(i), t.stopSequenceStart(i), t.frequencies(i)]).toEqual([s.shortName, s.directionId, s.stopSequenceStart, s.frequencies]);
    });
    expect(() => t.get(4)).toThrow(/no trip 4/);
  });

  it('finds trips by id, non-ASCII and unprefixed ids included; unknown ids give −1', () => {
    const t = TripTable.from(sample);
    sample.forEach((s, i) => expect(t.indexOf(s.id)).toBe(i));
    for (const id of ['rail:G3', 'bus:G1', 'G1', 'rail:', '', 'bus:京津冀快巴-0', 'nope:no-prefix']) expect(t.indexOf(id)).toBe(-1);
    expect(TripTable.empty().indexOf('rail:G1')).toBe(-1);
  });

  it('finds the first of repeated ids, and every one of many random ids (columns grown from a small start)', () => {
    const rnd = new Rng(7);
    const b = new TripTableBuilder(1);
    const ids: string[] = [];
    for (let i = 0; i < 5000; i++) {
      const id = `f${i % 3}:${rnd.int(0, 1e9).toString(36)}${i % 7 === 0 ? '站' : ''}`;
      ids.push(id);
      b.add({ id, route: i, service: i % 5, headsign: `h${i % 11}`, shape: -1 });
    }
    b.add({ id: ids[42], route: -1, service: 0, headsign: '', shape: -1 });
    const t = b.finish();
    expect(t.length).toBe(5001);
    ids.forEach((id, i) => {
      expect(t.indexOf(id)).toBe(ids.indexOf(id));
      expect(t.id(i)).toBe(id);
      expect(t.route(i)).toBe(i);
    });
    expect(t.indexOf(ids[42])).toBe(42);
    expect(t.id(5000)).toBe(ids[42]);
  });

  it('crosses threads as its columns (a structured clone keeps no class)', () => {
    const t = TripTable.from(sample);
    const back = new TripTable(structuredClone(t.columns()));
    expect([...back]).toEqual(sample);
    expect(back.indexOf('bus:京津冀快巴-07')).toBe(2);
  });
});
