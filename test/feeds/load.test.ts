import { execFileSync } from 'node:child_process';
import { cpSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { E7, type NetworkInput } from '../../src/core/input.js';
import { tripWithTimes, type InlineTrip } from '../../src/core/stop-times.js';
import { addDays, daysBetween } from '../../src/core/time.js';
import { loadFeeds, type LoadFeedsResult } from '../../src/feeds/index.js';
import { haversine } from '../../src/feeds/interpolate.js';
import { fixture, tempDir } from './helpers.js';

const tmp = tempDir('feeds-load');
const quiet = { progress: false, cacheDir: tmp };

function trip(input: NetworkInput, id: string): InlineTrip {
  const t = input.trips.indexOf(id);
  if (t < 0) throw new Error(`no trip ${id}`);
  return tripWithTimes(input, t);
}

function stopIds(input: NetworkInput, t: InlineTrip): string[] {
  return Array.from(t.stops, (s) => input.stops[s].id);
}

describe('basic feed', () => {
  let r: LoadFeedsResult;
  let input: NetworkInput;
  beforeAll(async () => {
    r = await loadFeeds([fixture('basic')], quiet);
    input = r.input;
  });

  it('namespaces ids and reports the feed', () => {
    expect(r.reused).toBe(false);
    expect(r.dbPath.startsWith(tmp)).toBe(true);
    expect(input.feeds).toEqual([{ name: 'basic', timezone: 'Asia/Shanghai', startDate: '2026-03-01', endDate: '2026-04-30' }]);
    expect(input.stops.every((s) => s.id.startsWith('basic:'))).toBe(true);
    expect(input.routes.map((x) => x.id)).toEqual(['basic:R1', 'basic:R2']);
    expect(r.report.feeds[0].counts).toMatchObject({ stops: 10, routes: 2, trips: 7, stopTimes: 19, services: 3, frequencies: 3, transfers: 3, pathways: 3, shapes: 1 });
  });

  it('resolves calendar.txt + calendar_dates.txt into day bitmaps', () => {
    expect(input.firstDate).toBe('2026-03-01');
    expect(input.dayCount).toBe(daysBetween('2026-03-01', '2026-04-06') + 1);
    const day = (date: string): number => daysBetween(input.firstDate, date);
    const svc = (id: string) => input.services.find((s) => s.id === id)!.days;
    const wk = svc('basic:WK');
    expect(wk[day('2026-03-02')]).toBe(1); // Monday
    expect(wk[day('2026-03-03')]).toBe(1);
    expect(wk[day('2026-03-04')]).toBe(0); // removed
    expect(wk[day('2026-03-07')]).toBe(1); // added Saturday
    expect(wk[day('2026-03-08')]).toBe(0); // Sunday
    expect(wk[day('2026-03-31')]).toBe(1);
    expect(wk[day('2026-04-01')]).toBe(0);
    const hol = svc('basic:HOL'); // calendar_dates.txt only
    expect(Array.from(hol.keys()).filter((i) => hol[i] === 1).map((i) => addDays(input.firstDate, i))).toEqual(['2026-04-05']);
    expect(svc('basic:NONE').includes(1)).toBe(false);
    expect(r.report.issues).toContainEqual(expect.objectContaining({ code: 'no_service_days', file: 'calendar.txt', severity: 'warning' }));
  });

  it('interpolates by shape_dist_traveled, else by distance', () => {
    const t1 = trip(input, 'basic:T1');
    expect(stopIds(input, t1)).toEqual(['basic:P1', 'basic:B', 'basic:C', 'basic:D']);
    expect(Array.from(t1.arrivals)).toEqual([28800, 28800 + 450, 28800 + 1350, 30600]);
    expect(Array.from(t1.departures)).toEqual(Array.from(t1.arrivals));
    expect(Array.from(t1.shapeDist!)).toEqual([0, 1000, 3000, 4000]);
    const t2 = trip(input, 'basic:T2'); // three equal legs along a meridian
    expect(Array.from(t2.arrivals)).toEqual([28800, 29400, 30000, 30600]);
    expect(t2.shapeDist).toBeUndefined();
  });

  it('keeps times past 24:00, mirrors missing arrival/departure and reads pickup/drop-off', () => {
    const t3 = trip(input, 'basic:T3');
    expect(Array.from(t3.arrivals)).toEqual([24 * 3600 + 55 * 60, 25 * 3600 + 120, 25 * 3600 + 600]);
    expect(Array.from(t3.departures)).toEqual(Array.from(t3.arrivals));
    expect(Array.from(t3.pickup)).toEqual([0, 0, 1]);
    expect(Array.from(t3.dropOff)).toEqual([1, 0, 0]);
    expect(t3.pickup).toBeInstanceOf(Uint8Array);
    expect(Array.from(trip(input, 'basic:T6').arrivals)).toEqual([32400, 34800]); // 9:40:00
  });

  it('attaches frequencies with exact_times', () => {
    expect(trip(input, 'basic:T4').frequencies).toEqual([{ start: 21600, end: 32400, headway: 600, exact: true }]);
    expect(trip(input, 'basic:T5').frequencies).toEqual([
      { start: 36000, end: 43200, headway: 900, exact: false },
      { start: 57600, end: 64800, headway: 1200, exact: false },
    ]);
    expect(trip(input, 'basic:T1').frequencies).toBeUndefined();
  });

  it('reads trips, routes and shapes', () => {
    const t1 = trip(input, 'basic:T1');
    expect(input.routes[t1.route]).toEqual({ id: 'basic:R1', feed: 0, agencyName: 'Capital Bus', agencyId: 'basic:A', shortName: '1', longName: 'Central – Terminus', type: 3, color: 'FF0000', textColor: 'FFFFFF' });
    expect(input.routes[1].agencyName).toBe('Capital Rail');
    expect(input.services[t1.service].id).toBe('basic:WK');
    expect(t1).toMatchObject({ headsign: 'Terminus', shortName: '101', directionId: 0 });
    const shape = input.shapes[t1.shape];
    expect(shape.id).toBe('basic:SH1');
    expect(Array.from(shape.lat7, (x) => x / E7)).toEqual([39.9, 39.975, 40.05]); // sorted by shape_pt_sequence
    expect(Array.from(shape.dist!)).toEqual([0, 2000, 4000]);
    expect(trip(input, 'basic:T2').shape).toBe(-1);
  });

  it('links parents (also when listed after children), inherits coordinates, translates names', () => {
    const s = (id: string) => input.stops.find((x) => x.id === `basic:${id}`)!;
    const sta = input.stops.indexOf(s('STA'));
    expect(s('P1')).toMatchObject({ parent: sta, locationType: 0, code: '1001', platformCode: '1', name: 'Central P1' });
    expect(s('STA')).toMatchObject({ locationType: 1, parent: -1, names: { en: 'Central Station' } });
    expect(s('E1').locationType).toBe(2);
    expect(s('N1')).toMatchObject({ locationType: 3, lat: 39.9001, lon: 116.3995, parent: sta });
    expect(input.stops[s('Q1').parent].id).toBe('basic:ST2');
    expect(s('B')).toMatchObject({ name: '北', names: { en: 'North', ja: '北駅' }, locationType: 0 });
  });

  it('reads stop-level transfers and reports trip-specific ones', () => {
    const idx = (id: string) => input.stops.findIndex((x) => x.id === `basic:${id}`);
    expect(input.transfers).toEqual([
      { from: idx('P1'), to: idx('P2'), type: 2, minTime: 180 },
      { from: idx('P1'), to: idx('P1'), type: 3, minTime: -1 },
      { from: idx('B'), to: idx('C'), type: 0, minTime: -1 },
    ]);
    expect(r.report.issues).toContainEqual({ feed: 'basic', file: 'transfers.txt', line: 5, code: 'unsupported_transfer', message: expect.any(String), count: 1, severity: 'warning' });
  });

  it('reads pathways (traversal_time, else length / 1.2 m/s, else distance)', () => {
    const idx = (id: string) => input.stops.findIndex((x) => x.id === `basic:${id}`);
    expect(input.pathways.slice(0, 2)).toEqual([
      { from: idx('E1'), to: idx('P1'), seconds: 60, bidirectional: true },
      { from: idx('E1'), to: idx('P2'), seconds: 20, bidirectional: false },
    ]);
    expect(input.pathways[2]).toMatchObject({ from: idx('N1'), to: idx('P2'), bidirectional: true });
    const [n1, p2] = [input.stops[idx('N1')], input.stops[idx('P2')]];
    expect(input.pathways[2].seconds).toBe(Math.ceil(haversine(n1.lat, n1.lon, p2.lat, p2.lon) / 1.2)); // ≈ 61 m
    expect(input.pathways[2].seconds).toBe(51);
  });

  it('only reports the expected issues', () => {
    expect(r.report.issues.map((i) => i.code).sort()).toEqual(['no_service_days', 'unsupported_transfer']);
  });
});

describe('several feeds', () => {
  it('loads two feeds together with namespaced ids and one day range', async () => {
    const r = await loadFeeds([fixture('second'), fixture('basic')], quiet);
    const { input } = r;
    expect(input.feeds.map((f) => f.name)).toEqual(['second', 'basic']);
    expect(input.stops.filter((s) => s.id.endsWith(':B')).map((s) => [s.id, s.feed])).toEqual([['second:B', 0], ['basic:B', 1]]);
    expect([...input.trips].filter((t) => t.id.endsWith(':T1')).map((t) => input.routes[t.route].id)).toEqual(['basic:R1', 'second:R1']);
    expect(input.firstDate).toBe('2026-02-19');
    expect(input.feeds[0]).toMatchObject({ startDate: '2026-02-20', endDate: '2026-03-10' });
    expect(input.routes.find((x) => x.id === 'second:R1')!.agencyName).toBe('Tianjin Metro');
    expect(input.stops[0].names).toEqual({ zh: '滨海' }); // old-style translations.txt
    const wk = input.services.find((s) => s.id === 'second:WK')!;
    expect(wk.days[0]).toBe(0);
    expect(wk.days[1]).toBe(1);
    expect(wk.days.length).toBe(input.dayCount);
  });

  it('gives repeated feed names a suffix', async () => {
    const r = await loadFeeds([fixture('second'), fixture('second')], quiet);
    expect(r.input.feeds.map((f) => f.name)).toEqual(['second', 'second-2']);
    expect(r.input.stops.map((s) => s.id)).toEqual(['second:B', 'second:C', 'second-2:B', 'second-2:C']);
    expect(r.report.issues).toContainEqual(expect.objectContaining({ code: 'duplicate_feed_name', feed: 'second-2' }));
  });
});

const hasZip = (() => {
  try {
    execFileSync('zip', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasZip)('zip feeds', () => {
  it('loads a zip (files at the top level or in one sub-folder), named after the zip', async () => {
    const dir = path.join(tmp, 'zips');
    cpSync(fixture('second'), path.join(dir, 'tj'), { recursive: true });
    execFileSync('zip', ['-q', '-j', path.join(dir, 'tianjin.zip'), ...['agency', 'stops', 'routes', 'calendar', 'trips', 'stop_times'].map((f) => path.join(dir, 'tj', `${f}.txt`))]);
    execFileSync('zip', ['-q', '-r', path.join(dir, 'nested.zip'), 'tj'], { cwd: dir });
    const r = await loadFeeds([path.join(dir, 'tianjin.zip'), path.join(dir, 'nested.zip')], quiet);
    expect(r.input.feeds.map((f) => f.name)).toEqual(['tianjin', 'nested']);
    expect(r.input.stops.map((s) => s.id)).toEqual(['tianjin:B', 'tianjin:C', 'nested:B', 'nested:C']);
    expect(r.input.trips).toHaveLength(2);
    expect(r.report.issues).toEqual([]);
  });
});

describe('long calendars', () => {
  it('caps the day range and reports calendar_truncated', async () => {
    const dir = path.join(tmp, 'long');
    cpSync(fixture('second'), dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'calendar.txt'),
      'service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nWK,1,1,1,1,1,1,1,20260220,20991231\n',
    );
    const r = await loadFeeds([dir], quiet);
    expect(r.input.dayCount).toBe(800);
    expect(r.input.services[0].days.length).toBe(800);
    expect(r.input.services[0].days[799]).toBe(1);
    expect(r.report.issues).toEqual([expect.objectContaining({ code: 'calendar_truncated', feed: 'long', severity: 'warning' })]);
    expect(r.input.feeds[0].endDate).toBe('2099-12-31');
  });
});
