/**
 * Feature under test: the engine, on the bundled region feeds, reproduces the published facts in
 * facts.table.ts (each row names its source). In-vehicle rows compare the running time of the
 * vehicle the engine picks (direct trips only); the others compare door-to-door duration from
 * `depart`. A row fails when the engine's answer drifts outside the stated tolerance.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadNetwork, bundledFeeds, PACKAGE_ROOT } from '../../src/app/load.js';
import type { Network } from '../../src/core/network.js';
import { plan, PLAN_DEFAULTS } from '../../src/core/plan.js';
import { searchStops } from '../../src/core/places.js';
import { parseDateTime } from '../../src/core/time.js';
import { parse as parseCsv } from 'csv-parse/sync';
import { REGION_FACTS } from './facts.table.js';
import { tmpdir } from 'node:os';
import { rmSync } from 'node:fs';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { isochrones } from '../../src/core/isochrone-plan.js';

let net: Network;
const DB = join(tmpdir(), `jjj-region-facts-${process.pid}.sqlite`);

afterAll(() => rmSync(DB, { force: true }));

beforeAll(async () => {
  const loaded = await loadNetwork({ feeds: bundledFeeds(), db: DB, progress: false });
  net = loaded.network;
  expect(loaded.report.issues.filter((i) => i.severity === 'error')).toEqual([]);
}, 120_000);

describe('published facts, answered by the engine', () => {
  for (const f of REGION_FACTS) {
    test(`${f.id}: ${f.from} → ${f.to} (${f.source.slice(0, 60)}…)`, () => {
      const time = parseDateTime(f.depart, 'Asia/Shanghai');
      expect(time).not.toBeNull();
      const res = plan(net, {
        from: f.from,
        to: f.to,
        time: time!,
        arriveBy: false,
        maxTransfers: f.inVehicle ? 0 : PLAN_DEFAULTS.maxTransfers,
        modes: f.mode !== undefined ? [f.mode] : null,
        maxWalkMetres: PLAN_DEFAULTS.maxWalkMetres,
        transferSlack: PLAN_DEFAULTS.transferSlack,
        maxDuration: 60 * 86400,
      });
      expect(res.itineraries.length, 'no journey found').toBeGreaterThan(0);
      const it = res.itineraries[0];
      let seconds = it.durationSeconds;
      if (f.inVehicle) {
        const rides = it.legs.filter((l) => l.mode !== 'WALK');
        expect(rides).toHaveLength(1);
        seconds = rides[0].durationSeconds;
      }
      const minutes = seconds / 60;
      if (f.maxMinutes !== undefined) expect(minutes, `${minutes.toFixed(1)} min > ${f.maxMinutes}`).toBeLessThanOrEqual(f.maxMinutes);
      if (f.expectMinutes !== undefined)
        expect(Math.abs(minutes - f.expectMinutes), `${minutes.toFixed(1)} min vs ${f.expectMinutes} ± ${f.toleranceMinutes ?? 0}`).toBeLessThanOrEqual(f.toleranceMinutes ?? 0);
      if (f.capacityTeu !== undefined) {
        const routeId = it.legs.find((l) => l.mode !== 'WALK')!.routeId!.split(':')[1];
        const rows = parseCsv(readFileSync(join(PACKAGE_ROOT, 'data/gtfs/sea-rail-freight/freight_services.txt')), { columns: true }) as Record<string, string>[];
        const dir = net.input.trips.directionId(net.input.trips.indexOf(it.legs.find((l) => l.mode !== 'WALK')!.tripId!)) ?? 0;
        const row = rows.find((r) => r.route_id === routeId && Number(r.direction_id) === dir);
        expect(Number(row?.capacity_teu)).toBe(f.capacityTeu);
      }
    });
  }

  test('jjj stops 燕郊 finds both the Line 22 and the intercity Yanjiao stations', () => {
    const ids = searchStops(net, '燕郊').map((m) => net.input.stops[m.stop].id);
    expect(ids).toContain('metro-line22:yanjiao');
    expect(ids).toContain('intercity-rail:yanjiao_rail');
  });

  test('the 60-minute arrive-by circle for 国贸 at 09:00 contains 燕郊 and not 石家庄', () => {
    const T = parseDateTime('2026-11-24T09:00', 'Asia/Shanghai')!;
    const r = isochrones(net, {
      place: '国贸', direction: 'arrive', windowStart: T, windowEnd: T, stepSeconds: 60, cutoffsMinutes: [60], percentiles: [50],
      cellMetres: 250, maxWalkMinutes: 20, maxTransfers: 4, modes: null, transferSlack: 60, excludeFeeds: [], excludeRoutes: [],
    });
    const circle = r.features.find((f) => f.properties.cutoffMinutes === 60)!;
    const at = (id: string) => {
      const s = net.input.stops[net.stopById(id)[0]];
      return booleanPointInPolygon([s.lon, s.lat], circle.geometry);
    };
    expect(at('metro-line22:yanjiao')).toBe(true);
    expect(at('intercity-rail:shijiazhuang')).toBe(false);
  });
});
