/**
 * Feature under test: `jjj freight` end to end through the built CLI (dist/src/cli/main.js) on the
 * bundled region — the seed case as a table and as JSON, places by name in either language, and
 * exit status 2 with a message naming the flag for bad input or an unknown place. (R08 in
 * test/freight/region.test.ts covers runFreight in-process.)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/app/load.js';
import type { FreightPlanResult } from '../../src/core/freight/plan.js';
import { feedMessage, zhEn } from '../support/realtime-message.js';

const CLI = join(PACKAGE_ROOT, 'dist/src/cli/main.js');
const dir = mkdtempSync(join(tmpdir(), 'jjj-cli-freight-'));
const db = join(dir, 'region.sqlite');

function jjj(...args: string[]) {
  if (!existsSync(CLI)) throw new Error(`${CLI} missing: run npm run build (npm test does)`);
  return spawnSync(process.execPath, [CLI, ...args, '--db', db], { encoding: 'utf8', cwd: dir, timeout: 120_000 });
}

describe('jjj freight', () => {
  test('seed case, 78 TEU 石家庄国际陆港 → Valencia: a readable table with the all-road option marked', () => {
    const r = jjj('freight', '--from', '石家庄国际陆港', '--to', 'Valencia', '--ready', '2026-11-27T08:00', '--teu', '78');
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('石家庄国际陆港 → 瓦伦西亚港: 78 TEU × 16 t, ready 2026-11-27 08:00 (times Asia/Shanghai, UTC+08:00)');
    expect(lines[2]).toMatch(/^ #\s+kind\s+departure\s+arrival\s+hours\s+cost CNY\s+CO2e kg \(WTW\)\s+vs all-road$/);
    const rows = lines.slice(3, lines.indexOf('', 3));
    expect(rows.some((l) => /all-road .*\(all-road\)$/.test(l))).toBe(true);
    const sea = rows.find((l) => /sea-rail/.test(l))!;
    expect(sea).toMatch(/\+\d[\d,.]* h, -[\d,]+ CNY, -[\d,]+ kg$/); // slower, cheaper, cleaner
    expect(r.stdout).toMatch(/RAIL {6}石家庄国际陆港—天津港 海铁联运班列: 石家庄国际陆港 → 天津港 新港北集装箱中心站/);
    expect(r.stdout).toMatch(/SHIP .* → 瓦伦西亚港/);
    expect(r.stdout).toMatch(/TRUCK {5}石家庄国际陆港 → 天津港 北疆港区集装箱码头 .* 78 trucks/);
  }, 120_000);

  test('--json: the documented shape; times ISO with +08:00', () => {
    const r = jjj('freight', '--from', 'sjz_dry_port', '--to', 'port_sines', '--ready', '2026-11-27T08:00', '--teu', '78', '--tonnes-per-teu', '18', '--json');
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as FreightPlanResult;
    expect(j).toMatchObject({ teu: 78, tonnesPerTeu: 18, ready: '2026-11-27T08:00:00+08:00', to: { id: 'sea-rail-freight:port_sines' } });
    const road = j.options.find((o) => o.allRoad)!;
    const sea = j.options.find((o) => o.kind === 'sea-rail')!;
    expect(sea.co2eKg).toBeLessThan(road.co2eKg);
    for (const o of j.options) {
      expect(Object.keys(o)).toEqual(expect.arrayContaining(['departure', 'arrival', 'durationHours', 'costCny', 'co2eKg', 'legs', 'allRoad']));
      for (const l of o.legs) {
        expect(['TRUCK', 'RAIL', 'SHIP', 'TERMINAL']).toContain(l.mode);
        expect(l.departure).toMatch(/\+08:00$/);
        expect(l.arrival).toMatch(/\+08:00$/);
      }
    }
  }, 60_000);

  test('--realtime: the file\'s alerts on the legs at the port they inform, JSON and table, in --lang', () => {
    const pb = join(dir, 'fog.pb');
    const ts = Date.parse('2026-11-27T07:00:00+08:00') / 1000;
    writeFileSync(
      pb,
      feedMessage(ts, [{ id: 'fog', alert: { informedEntity: [{ stopId: 'tianjin_port' }], headerText: zhEn('天津港大雾封航', 'Fog: Tianjin port closed to shipping'), descriptionText: zhEn('预计延误一天', 'About a day late') } }]),
    );
    const args = ['freight', '--from', 'sjz_dry_port', '--to', 'port_valencia', '--ready', '2026-11-27T08:00', '--teu', '78', '--realtime', `sea-rail-freight=${pb}`];
    const j = jjj(...args, '--json');
    expect(j.status, j.stderr).toBe(0);
    const legs = (JSON.parse(j.stdout) as FreightPlanResult).options.flatMap((o) => o.legs);
    const informed = legs.filter((l) => l.alerts !== undefined);
    expect(informed.length).toBeGreaterThan(0);
    for (const l of legs) expect(l.alerts !== undefined, `${l.mode} ${l.from.id} → ${l.to.id}`).toBe(l.mode !== 'TRUCK' && [l.from.id, l.to.id].some((id) => id?.startsWith('sea-rail-freight:tianjin_port')));
    expect(informed[0].alerts![0]).toMatchObject({ id: 'sea-rail-freight:fog', header: '天津港大雾封航' });
    const table = jjj(...args, '--lang', 'en');
    expect(table.status, table.stderr).toBe(0);
    expect(table.stdout).toContain('⚠ Fog: Tianjin port closed to shipping — About a day late');
    expect(jjj(...args, '--lang', '!').stderr).toMatch(/--lang: lang must be a language tag/);
  }, 120_000);

  test('bad input and unknown places exit 2 naming the flag', () => {
    const base = ['freight', '--from', 'sjz_dry_port', '--to', 'port_sines', '--ready', '2026-11-27T08:00'];
    const cases: [string[], RegExp][] = [
      [['freight', '--from', 'Atlantis', '--to', 'port_sines', '--ready', '2026-11-27T08:00'], /--from: unknown place "Atlantis"/],
      [['freight', '--from', 'sjz_dry_port', '--to', 'Atlantis', '--ready', '2026-11-27T08:00'], /--to: unknown place "Atlantis"/],
      [['freight', '--from', 'sjz_dry_port', '--to', 'port_sines'], /--ready is required/],
      [[...base.slice(0, 5), '--ready', 'tomorrow'], /--ready: invalid time "tomorrow"/],
      [[...base, '--teu', '0'], /--teu: must be an integer 1 … 10000/],
      [[...base, '--teu', 'many'], /--teu must be a number, got "many"/],
      [[...base, '--tonnes-per-teu', '40'], /--tonnes-per-teu: must be > 0 and ≤ 28/],
      [[...base, '--horizon-days', '500'], /--horizon-days: must be 1 … 120/],
      [[...base, '--customs', 'fast'], /--customs must be direct_loading or standard/],
    ];
    for (const [args, message] of cases) {
      const r = jjj(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stdout).toBe('');
    }
  }, 120_000);

  test('listed in jjj help', () => {
    const r = spawnSync(process.execPath, [CLI, 'help'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/jjj freight --from PLACE --to PLACE --ready TIME \[--teu N\] \[--tonnes-per-teu T\]/);
  });
});
