/**
 * Feature under test: freight planning on the bundled region (sea-rail-freight feed + data/road).
 *   R01 the extension files and the road graph load without errors
 *   R02 truck legs: A* on the road graph equals a plain Dijkstra for every node pair
 *   R03 places: terminal ids, stations, road nodes, names in zh/en, other stops, lat,lon; unknown → error
 *   R04 seed 003: 78 TEU of PV modules, Shijiazhuang dry port → Tianjin port → Sines / Valencia:
 *       a sea-rail option emits less CO2e than all-road; its trade-off in time and cost is shown
 *   R05 the Monday train's cut-off (16:00 − 6 h) missed by a minute → Thursday's train
 *   R06 100 TEU on the 78-TEU train → split 78 + 22 over Monday and Thursday
 *   R07 every option of random regional queries is non-dominated (the all-road one excepted, flagged)
 *   R08 CLI: --json shape, readable table, unknown place → usage error
 */
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { rmSync } from 'node:fs';
import { loadNetwork, bundledFeeds, PACKAGE_ROOT } from '../../src/app/load.js';
import type { Network } from '../../src/core/network.js';
import type { FreightNetwork } from '../../src/core/freight/network.js';
import { resolveFreightPlace } from '../../src/core/freight/places.js';
import { planFreight, type FreightPlanResult } from '../../src/core/freight/plan.js';
import { UnknownPlaceError } from '../../src/core/places.js';
import { parseDateTime } from '../../src/core/time.js';
import { loadFreight, type FreightReport } from '../../src/feeds/freight.js';
import { runFreight } from '../../src/cli/freight.js';
import { seededRandom } from '../../src/core/isochrone.js';

const DB = join(tmpdir(), `jjj-freight-${process.pid}.sqlite`);
let net: Network;
let fn: FreightNetwork;
let report: FreightReport;

afterAll(() => rmSync(DB, { force: true }));

beforeAll(async () => {
  net = (await loadNetwork({ feeds: bundledFeeds(), db: DB, progress: false })).network;
  ({ freight: fn, report } = loadFreight(net.input, { feeds: bundledFeeds(), roadDir: join(PACKAGE_ROOT, 'data', 'road') }));
}, 120_000);

const at = (s: string) => parseDateTime(s, 'Asia/Shanghai')!;
function plan(from: string, to: string, ready: string, teu: number): FreightPlanResult {
  return planFreight(fn, { from: resolveFreightPlace(fn, from, 'from', net), to: resolveFreightPlace(fn, to, 'to', net), ready: at(ready), teu });
}

describe('freight on the bundled region', () => {
  test('R01 extension files and road graph load cleanly', () => {
    expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(report.counts).toMatchObject({ services: 13, terminals: 15, tariffs: 15 });
    expect(report.counts.roadNodes).toBeGreaterThanOrEqual(40);
    expect(report.issues.filter((i) => i.code === 'disconnected' || i.code === 'short_edge')).toEqual([]);
    // every regional terminal is on the road graph, overseas ports are not
    for (const t of fn.terminals) expect(t.road === null, t.id).toBe(t.id.includes(':port_'));
  });

  test('R02 A* truck paths equal Dijkstra on the road graph', () => {
    const road = fn.road;
    const n = road.nodes.length;
    for (let a = 0; a < n; a++) {
      const dist = new Array<number>(n).fill(Infinity);
      const done = new Uint8Array(n);
      dist[a] = 0;
      for (;;) {
        let u = -1;
        for (let i = 0; i < n; i++) if (!done[i] && dist[i] < Infinity && (u < 0 || dist[i] < dist[u])) u = i;
        if (u < 0) break;
        done[u] = 1;
        road.graph.forEachLinkedNode(u, (o, link) => {
          const v = o.id as number;
          if (link.fromId === u && dist[u] + link.data.seconds < dist[v]) dist[v] = dist[u] + link.data.seconds;
        }, true);
      }
      for (let b = 0; b < n; b++) expect(road.path(a, b)?.seconds ?? Infinity, `${road.nodes[a].id} → ${road.nodes[b].id}`).toBe(dist[b]);
    }
  });

  test('R03 places', () => {
    const kinds = (t: string) => resolveFreightPlace(fn, t, 'from', net).kind;
    expect(resolveFreightPlace(fn, 'sea-rail-freight:sjz_dry_port', 'from', net).terminals).toHaveLength(1);
    expect(resolveFreightPlace(fn, 'sjz_dry_port', 'from', net).id).toBe('sea-rail-freight:sjz_dry_port');
    expect(resolveFreightPlace(fn, '天津港', 'to', net).terminals).toHaveLength(2); // the station: rail + ship terminals
    expect(resolveFreightPlace(fn, 'Port of Tianjin', 'to', net).terminals).toHaveLength(2);
    expect(resolveFreightPlace(fn, 'Sines (Portugal)', 'to', net).id).toBe('sea-rail-freight:port_sines');
    expect(kinds('石家庄')).toBe('road_node');
    expect(kinds('Shijiazhuang')).toBe('road_node');
    expect(kinds('baoding')).toBe('road_node');
    expect(kinds('39.9,116.4')).toBe('point');
    expect(kinds('国贸')).toBe('point'); // a stop of another feed: its coordinates
    expect(() => resolveFreightPlace(fn, 'Atlantis', 'to', net)).toThrow(UnknownPlaceError);
    expect(() => resolveFreightPlace(fn, '10,10', 'to', net)).toThrow(/no road node/);
  });

  test('R04 seed 003: 78 TEU of PV modules, Shijiazhuang dry port → Tianjin port → Spain / Portugal', () => {
    const summary: string[] = [];
    for (const [to, ready] of [['port_sines', '2026-11-23T08:00'], ['port_sines', '2026-11-27T08:00'], ['port_valencia', '2026-11-27T08:00'], ['天津港', '2026-11-23T08:00']] as const) {
      const r = plan('sjz_dry_port', to, ready, 78);
      const road = r.options.find((o) => o.allRoad)!;
      const sea = r.options.find((o) => o.kind !== 'all-road')!;
      expect(road, `${to} ${ready}`).toBeDefined();
      expect(sea.legs.some((l) => l.mode === 'RAIL' && l.routeId === 'sea-rail-freight:fr_sjz_tjp'), `${to} ${ready}`).toBe(true);
      expect(sea.co2eKg).toBeLessThan(road.co2eKg);
      expect(sea.vsAllRoad!.co2eKg).toBeCloseTo(sea.co2eKg - road.co2eKg, 1);
      summary.push(`${to} ready ${ready}: rail ${sea.durationHours} h ${sea.costCny} CNY ${sea.co2eKg} kg | all-road ${road.durationHours} h ${road.costCny} CNY ${road.co2eKg} kg${road.dominated ? ' (dominated)' : ''}`);
    }
    // ready Friday: the next train (Monday) misses Sunday's sailing that the trucks catch — a
    // week later, cheaper and cleaner: a real trade-off, both options kept
    const fri = plan('sjz_dry_port', 'port_sines', '2026-11-27T08:00', 78);
    const road = fri.options.find((o) => o.allRoad)!;
    const sea = fri.options.find((o) => o.kind === 'sea-rail')!;
    expect(road.dominated).toBe(false);
    expect(sea.vsAllRoad!.hours).toBeCloseTo(168, 0);
    expect(sea.vsAllRoad!.costCny).toBeLessThan(0);
    // ready Monday: both catch the same sailing; sea-rail is cheaper and cleaner, all-road dominated
    const mon = plan('sjz_dry_port', 'port_sines', '2026-11-23T08:00', 78);
    expect(mon.options.find((o) => o.allRoad)!.dominated).toBe(true);
    // to the port itself: rail is slower, cheaper and cleaner
    const port = plan('sjz_dry_port', '天津港', '2026-11-23T08:00', 78);
    const rail = port.options.find((o) => o.kind === 'rail')!;
    expect(rail.vsAllRoad!.hours).toBeGreaterThan(0);
    expect(rail.vsAllRoad!.costCny).toBeLessThan(0);
    console.log(summary.join('\n'));
  });

  test('R05 cut-off missed by a minute pushes to the next train', () => {
    // Monday 16:00 departure, dry-port lead max(240 handling, 360 cut-off) = 6 h → ready by 10:00
    // (from 10:01 the fastest rail option trucks to Zhengding for Tuesday's train; the Thursday
    // train from the dry port stays in the Pareto set as the cheaper one)
    const dep = (ready: string) =>
      plan('sjz_dry_port', 'tianjin_port_rail', ready, 10)
        .options.flatMap((o) => o.legs)
        .filter((l) => l.routeId === 'sea-rail-freight:fr_sjz_tjp')
        .map((l) => l.departure)
        .sort()[0];
    expect(dep('2026-11-23T10:00')).toBe('2026-11-23T16:00:00+08:00');
    expect(dep('2026-11-23T10:01')).toBe('2026-11-26T16:00:00+08:00');
  });

  test('R06 100 TEU on the 78-TEU train: split over Monday and Thursday', () => {
    const r = plan('sjz_dry_port', 'tianjin_port_rail', '2026-11-23T08:00', 100);
    const rail = r.options.find((o) => o.kind === 'rail')!;
    expect(rail.split).toHaveLength(1);
    expect(rail.split[0].departures.map((d) => [d.departure, d.teu])).toEqual([
      ['2026-11-23T16:00:00+08:00', 78],
      ['2026-11-26T16:00:00+08:00', 22],
    ]);
    expect(rail.arrival).toBe('2026-11-27T13:00:00+08:00'); // Friday 10:00 + 3 h handling, the last box
    expect(rail.notes[0]).toMatch(/split over 2 departures/);
  });

  test('R07 random regional queries return non-dominated options', () => {
    const rnd = seededRandom(7);
    const places = ['sjz_dry_port', 'mafang_hub', 'dahongmen_yard', 'zhengding_yard', '天津港', 'port_busan', 'port_rotterdam', 'port_valencia', '北京', 'Baoding', 'tangshan', 'xiongan', '38.9,115.5', '39.9,116.6'];
    for (let k = 0; k < 40; k++) {
      const a = places[Math.floor(rnd() * places.length)];
      const b = places[Math.floor(rnd() * places.length)];
      if (a === b) continue;
      const r = plan(a, b, `2026-12-0${1 + Math.floor(rnd() * 7)}T${String(Math.floor(rnd() * 24)).padStart(2, '0')}:00`, 1 + Math.floor(rnd() * 120));
      const front = r.options.filter((o) => !o.dominated);
      for (const x of front)
        for (const y of front)
          if (x !== y) expect(y.arrival <= x.arrival && y.costCny <= x.costCny && y.co2eKg <= x.co2eKg && (y.arrival < x.arrival || y.costCny < x.costCny || y.co2eKg < x.co2eKg), `${a} → ${b}`).toBe(false);
      if (!b.startsWith('port_') && !a.startsWith('port_')) expect(r.options.some((o) => o.allRoad), `${a} → ${b}`).toBe(true);
    }
  });

  test('R08 CLI', async () => {
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => (out.push(String(s)), true));
    try {
      expect(await runFreight(['--db', DB, '--from', 'sjz_dry_port', '--to', 'port_sines', '--ready', '2026-11-27T08:00', '--teu', '78', '--json'])).toBe(0);
      const json = JSON.parse(out.join('')) as FreightPlanResult;
      expect(json.options.length).toBeGreaterThanOrEqual(2);
      for (const o of json.options) {
        expect(Object.keys(o)).toEqual(expect.arrayContaining(['departure', 'arrival', 'durationHours', 'costCny', 'co2eKg', 'legs', 'allRoad']));
        for (const l of o.legs) {
          expect(['TRUCK', 'RAIL', 'SHIP', 'TERMINAL']).toContain(l.mode);
          expect(Object.keys(l)).toEqual(expect.arrayContaining(['from', 'to', 'departure', 'arrival', 'distanceKm', 'costCny', 'co2eKg']));
        }
      }
      out.length = 0;
      expect(await runFreight(['--db', DB, '--from', '石家庄', '--to', '天津港', '--ready', '2026-11-23T08:00', '--teu', '4'])).toBe(0);
      expect(out.join('')).toMatch(/all-road/);
      await expect(runFreight(['--db', DB, '--from', 'Atlantis', '--to', '天津港', '--ready', '2026-11-23T08:00'])).rejects.toThrow(/--from: unknown place "Atlantis"/);
      await expect(runFreight(['--db', DB, '--from', '石家庄', '--to', '天津港', '--ready', 'tomorrow'])).rejects.toThrow(/--ready/);
      await expect(runFreight(['--db', DB, '--from', '石家庄', '--to', '天津港', '--ready', '2026-11-23T08:00', '--teu', '0'])).rejects.toThrow(/--teu/);
    } finally {
      spy.mockRestore();
    }
  });
});
