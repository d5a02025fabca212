/**
 * Feature under test: the `jjj matrix` and `jjj isochrone` commands end to end on the bundled
 * region (built CLI in dist/): CSV in/out, workers agreeing with one thread, GeoJSON output, SVG
 * file, and errors naming the flag.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/app/load.js';

const CLI = join(PACKAGE_ROOT, 'dist/src/cli/main.js');
const dir = mkdtempSync(join(tmpdir(), 'jjj-cli-'));
const db = join(dir, 'region.sqlite');

function jjj(...args: string[]) {
  if (!existsSync(CLI)) throw new Error(`${CLI} missing: run npm run build (npm test does)`);
  // JJJ_POOL_MAIN=0: with --workers N the main thread only hands out rows, so the workers compute them all
  const env = { ...process.env, JJJ_POOL_MAIN: '0' };
  return spawnSync(process.execPath, [CLI, ...args, '--db', db], { encoding: 'utf8', cwd: dir, timeout: 120_000, env });
}

describe('jjj matrix', () => {
  const places = join(dir, 'places.csv');
  writeFileSync(places, 'id,place\nyanjiao,燕郊\nguomao,国贸\ncoords,"39.9087,116.4605"\n');

  test('CSV in, CSV out; two workers give exactly the single-thread answer', () => {
    const one = jjj('matrix', '--origins', places, '--destinations', places, '--depart', '2026-11-24T07:00', '--window', '07:00-07:30', '--workers', '1');
    const two = jjj('matrix', '--origins', places, '--destinations', places, '--depart', '2026-11-24T07:00', '--window', '07:00-07:30', '--workers', '2');
    expect(one.status, one.stderr).toBe(0);
    expect(two.status, two.stderr).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    // the workers computed every row (one of them may finish before the other has loaded)
    expect(two.stderr).toMatch(/on 2 threads \((workers ready [\d.]+ s into the run|rows done before every worker was ready), networks loaded (alongside|after) this thread's in [\d.]+ s; 0 rows in the main thread\)/);
    const rows = one.stdout.trim().split('\n');
    expect(rows[0]).toBe('origin,destination,minutes');
    expect(rows).toHaveLength(1 + 9);
    const yg = rows.find((r) => r.startsWith('yanjiao,guomao,'))!;
    expect(Number(yg.split(',')[2])).toBeGreaterThan(30);
    expect(Number(yg.split(',')[2])).toBeLessThan(70);
  }, 60_000); // spawns the CLI (each run loads the network): slow on a loaded machine

  test('unknown origins and destinations are empty cells, ids are CSV-quoted, the same on workers', () => {
    const o = join(dir, 'odd-origins.csv');
    const d = join(dir, 'odd-destinations.csv');
    writeFileSync(o, 'id,place\nyanjiao,燕郊\n"a,b",国贸\nbad,Nowhere at all\n');
    writeFileSync(d, 'id,place\nguomao,国贸\nnope,Nowhere else\n"q""x","39.9087,116.4605"\n');
    const args = ['matrix', '--origins', o, '--destinations', d, '--depart', '2026-11-24T07:00', '--window', '07:00-07:10'];
    const one = jjj(...args, '--workers', '1');
    const two = jjj(...args, '--workers', '2');
    expect(one.status).toBe(2); // some origin failed
    expect(two.status).toBe(2);
    expect(two.stdout).toBe(one.stdout);
    expect(one.stderr).toContain('1 origins failed: bad: unknown place "Nowhere at all"');
    expect(two.stderr).toContain('1 origins failed: bad: unknown place "Nowhere at all"');
    const lines = one.stdout.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(1 + 9);
    expect(lines.slice(4, 7)).toEqual([expect.stringMatching(/^"a,b",guomao,\d+\.\d$/), '"a,b",nope,', expect.stringMatching(/^"a,b","q""x",\d+\.\d$/)]);
    expect(lines.slice(7)).toEqual(['bad,guomao,', 'bad,nope,', 'bad,"q""x",']);
  }, 60_000);

  test('a missing file or a bad flag is a usage error naming it', () => {
    const r = jjj('matrix', '--origins', join(dir, 'nope.csv'), '--destinations', places, '--depart', '2026-11-24T07:00');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--origins');
  });
});

describe('jjj isochrone', () => {
  test('GeoJSON with nested circles, and an SVG map', () => {
    const svg = join(dir, 'circles.svg');
    const r = jjj('isochrone', '--to', '国贸', '--arrive', '2026-11-24T09:00', '--cutoffs', '30,60', '--json', '--svg', svg);
    expect(r.status, r.stderr).toBe(0);
    const fc = JSON.parse(r.stdout) as { type: string; features: { properties: { cutoffMinutes: number; areaKm2: number } }[] };
    expect(fc.type).toBe('FeatureCollection');
    const [a60, a30] = [60, 30].map((c) => fc.features.find((f) => f.properties.cutoffMinutes === c)!.properties.areaKm2);
    expect(a60).toBeGreaterThan(a30);
    expect(readFileSync(svg, 'utf8')).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  }, 60_000); // spawns the CLI (each run loads the network): slow on a loaded machine

  test('bad parameters name the flag', () => {
    expect(jjj('isochrone', '--to', '国贸', '--arrive', '2026-11-24T09:00', '--cutoffs', '30,abc').stderr).toContain('--cutoffs');
    expect(jjj('isochrone', '--to', '国贸', '--arrive', '2026-11-24T09:00', '--exclude-feed', 'nope').stderr).toContain('--exclude-feed');
    expect(jjj('isochrone', '--from', '国贸').stderr).toContain('--depart');
    // comma lists work as repeated flags (as in the HTTP API): the unknown one is named
    expect(jjj('isochrone', '--to', '国贸', '--arrive', '2026-11-24T09:00', '--exclude-feed', 'metro-line22,nope').stderr).toMatch(/--exclude-feed.*"nope"/);
  }, 60_000); // spawns the CLI (each run loads the network): slow on a loaded machine
});

import { feedMessage, rt, zhEn } from '../support/realtime-message.js';

describe('jjj plan --realtime', () => {
  test('a GTFS-RT file moves the Line 22 train: the itinerary shows live and scheduled times', () => {
    const pb = join(dir, 'l22.pb');
    const ts = Date.parse('2026-11-24T07:20:00+08:00') / 1000;
    writeFileSync(pb, feedMessage(ts, [{ id: 'd1', tripUpdate: { trip: { tripId: 'l22_wd_1_0700_L', startDate: '20261124' }, stopTimeUpdate: [{ stopId: 'yanjiao', departure: { delay: -120 } }] } }]));
    const r = jjj('plan', '--from', 'metro-line22:yanjiao', '--to', 'metro-line22:jintaixizhao', '--depart', '2026-11-24T07:30', '--max-transfers', '0', '--realtime', `metro-line22=${pb}`, '--json');
    expect(r.status, r.stderr).toBe(0);
    const legs = (JSON.parse(r.stdout) as { itineraries: { legs: { realtime?: boolean; delaySeconds?: number; tripId?: string }[] }[] }).itineraries.flatMap((i) => i.legs);
    const live = legs.find((l) => l.tripId === 'metro-line22:l22_wd_1_0700_L');
    expect(live).toMatchObject({ realtime: true, delaySeconds: -120, departure: '2026-11-24T07:30:45+08:00', scheduledDeparture: '2026-11-24T07:32:45+08:00' }); // two minutes early
    const bad = jjj('plan', '--from', '燕郊', '--to', '国贸', '--depart', '2026-11-24T07:30', '--realtime', `metro-line22=${join(dir, 'places.csv')}`);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--realtime');
  });

  test('alerts in the file reach the legs they inform, JSON and terminal, in the --lang asked for; the terminal shows the delay', () => {
    const pb = join(dir, 'l22-alert.pb');
    const ts = Date.parse('2026-11-24T07:20:00+08:00') / 1000;
    writeFileSync(
      pb,
      feedMessage(ts, [
        { id: 'd1', tripUpdate: { trip: { tripId: 'l22_wd_1_0700_L', startDate: '20261124' }, stopTimeUpdate: [{ stopId: 'yanjiao', departure: { delay: 180 } }] } },
        // the route, active during the trip; one for the route but over by 07:00 informs nothing
        { id: 'a1', alert: { informedEntity: [{ routeId: 'l22' }], activePeriod: [{ start: ts - 600, end: ts + 7200 }], headerText: zhEn('22号线限流', 'Line 22 crowd control'), descriptionText: zhEn('燕郊站进站限流', 'Entry is metered at Yanjiao'), effect: rt.Alert.Effect.OTHER_EFFECT } },
        { id: 'a2', alert: { informedEntity: [{ routeId: 'l22' }], activePeriod: [{ start: ts - 7200, end: ts - 1200 }], headerText: zhEn('已结束', 'Over') } },
      ]),
    );
    const args = ['plan', '--from', 'metro-line22:yanjiao', '--to', 'metro-line22:jintaixizhao', '--depart', '2026-11-24T07:30', '--max-transfers', '0', '--realtime', `metro-line22=${pb}`];
    const json = (...extra: string[]) => {
      const r = jjj(...args, '--json', ...extra);
      expect(r.status, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as { itineraries: { legs: { tripId?: string; alerts?: { id: string; header: string; description: string }[] }[] }[] }).itineraries.flatMap((i) => i.legs);
    };
    const leg = json().find((l) => l.tripId === 'metro-line22:l22_wd_1_0700_L');
    expect(leg?.alerts).toEqual([expect.objectContaining({ id: 'metro-line22:a1', header: '22号线限流', description: '燕郊站进站限流' })]);
    expect(json('--lang', 'en').find((l) => l.tripId === 'metro-line22:l22_wd_1_0700_L')?.alerts?.[0]).toMatchObject({ header: 'Line 22 crowd control' });
    const term = jjj(...args, '--lang', 'en');
    expect(term.status, term.stderr).toBe(0);
    expect(term.stdout).toContain('live: +3 min late (timetable 07:32 → ');
    expect(term.stdout).toContain('⚠ Line 22 crowd control — Entry is metered at Yanjiao');
    expect(term.stdout).not.toContain('Over');
    // without the file: no live line, no alert
    const plain = jjj('plan', '--from', 'metro-line22:yanjiao', '--to', 'metro-line22:jintaixizhao', '--depart', '2026-11-24T07:30', '--max-transfers', '0');
    expect(plain.stdout).not.toMatch(/live:|⚠/);
    const badLang = jjj(...args, '--lang', 'en_US!');
    expect(badLang.status).toBe(2);
    expect(badLang.stderr).toMatch(/--lang: lang must be a language tag/);
  }, 60_000);
});

describe('--realtime on plan --batch, matrix and isochrone', () => {
  const ts = Date.parse('2026-11-24T07:20:00+08:00') / 1000;
  const write = (name: string, entity: object[]) => {
    const file = join(dir, name);
    writeFileSync(file, feedMessage(ts, entity));
    return file;
  };
  // every weekday run of Line 22 cancelled on 2026-11-24 (a Tuesday)
  const weekday = readFileSync(join(PACKAGE_ROOT, 'data/gtfs/metro-line22/trips.txt'), 'utf8')
    .split('\n')
    .slice(1)
    .map((l) => l.split(','))
    .filter((c) => c[1] === 'wd')
    .map((c) => c[2]);
  const cancelled = write(
    'l22-cancelled.pb',
    weekday.map((id, i) => ({ id: `c${i}`, tripUpdate: { trip: { tripId: id, startDate: '20261124', scheduleRelationship: rt.TripDescriptor.ScheduleRelationship.CANCELED } } })),
  );

  test('plan --batch: every row on live times, the same on two workers', () => {
    const early = write('l22-early.pb', [
      { id: 'd1', tripUpdate: { trip: { tripId: 'l22_wd_1_0700_L', startDate: '20261124' }, stopTimeUpdate: [{ stopId: 'yanjiao', departure: { delay: -120 } }] } },
      { id: 'a1', alert: { informedEntity: [{ stopId: 'guanzhuang' }], headerText: { translation: [{ text: '管庄站出口封闭', language: 'zh' }, { text: 'Guanzhuang exit closed', language: 'en' }] } } },
    ]);
    const rows = join(dir, 'live-rows.csv');
    writeFileSync(rows, 'from,to,depart\nmetro-line22:yanjiao,metro-line22:jintaixizhao,2026-11-24T07:30\nmetro-line22:yanjiao,metro-line22:guanzhuang,2026-11-24T07:30\n');
    const args = ['plan', '--batch', rows, '--max-transfers', '0', '--realtime', `metro-line22=${early}`, '--lang', 'en'];
    const one = jjj(...args, '--workers', '1');
    const two = jjj(...args, '--workers', '2');
    expect(one.status, one.stderr).toBe(0);
    expect(two.status, two.stderr).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const lines = one.stdout.trim().split('\n').map((l) => JSON.parse(l) as { to: string; itineraries: { legs: { tripId?: string; realtime?: true; departure: string; alerts?: { header: string }[] }[] }[] });
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      const leg = line.itineraries.flatMap((i) => i.legs).find((l) => l.tripId === 'metro-line22:l22_wd_1_0700_L');
      expect(leg).toMatchObject({ realtime: true, departure: '2026-11-24T07:30:45+08:00' });
      // the stop alert on the row alighting there only, in English (on both threads: same bytes)
      expect(leg?.alerts, line.to).toEqual(line.to.endsWith('guanzhuang') ? [expect.objectContaining({ header: 'Guanzhuang exit closed' })] : undefined);
    }
    // without the message, the run leaves on time
    const plain = jjj('plan', '--batch', rows, '--max-transfers', '0');
    expect(plain.stdout).not.toContain('"realtime":true');
    const bad = jjj('plan', '--batch', rows, '--realtime', `metro-line22=${rows}`);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--realtime');
  }, 60_000);

  test('matrix and isochrone: with Line 22 cancelled, Yanjiao reaches nothing by subway', () => {
    const places = join(dir, 'l22-places.csv');
    writeFileSync(places, 'id,place\nyanjiao,metro-line22:yanjiao\njintaixizhao,metro-line22:jintaixizhao\n');
    const matrix = (...extra: string[]) => {
      const r = jjj('matrix', '--origins', places, '--destinations', places, '--depart', '2026-11-24T07:30', '--modes', 'subway', '--workers', '1', ...extra);
      expect(r.status, r.stderr).toBe(0);
      return r.stdout.trim().split('\n').find((l) => l.startsWith('yanjiao,jintaixizhao,'));
    };
    expect(matrix()).toMatch(/^yanjiao,jintaixizhao,\d+\.\d$/);
    expect(matrix('--realtime', `metro-line22=${cancelled}`)).toBe('yanjiao,jintaixizhao,');
    const stops = (...extra: string[]) => {
      const r = jjj('isochrone', '--from', 'metro-line22:yanjiao', '--depart', '2026-11-24T07:30', '--cutoffs', '60', '--modes', 'subway', '--json', ...extra);
      expect(r.status, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as { stops: unknown[]; realtime?: true };
    };
    const plain = stops();
    const live = stops('--realtime', `metro-line22=${cancelled}`);
    expect(plain.realtime).toBeUndefined();
    expect(live.realtime).toBe(true);
    expect(plain.stops.length).toBeGreaterThan(5);
    expect(live.stops.length).toBeLessThan(plain.stops.length);
  }, 90_000);
});
