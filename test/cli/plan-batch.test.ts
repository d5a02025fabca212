/**
 * Feature under test: `jjj plan --batch` spread over threads (`--workers`), end to end through the
 * built CLI on the bundled region: a seeded batch of 300 rows (stop ids with and without their feed,
 * names, lat,lon, depart-at and arrive-by, bad rows) prints the same bytes on one thread and on two,
 * one line per row in row order, an error exactly on the bad rows.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/app/load.js';
import { batchCsv, batchRows } from '../../bench/batch.bench.js';

const CLI = join(PACKAGE_ROOT, 'dist/src/cli/main.js');
const dir = mkdtempSync(join(tmpdir(), 'jjj-batch-'));
const db = join(dir, 'region.sqlite');

function jjj(args: string[], env: Record<string, string> = {}) {
  if (!existsSync(CLI)) throw new Error(`${CLI} missing: run npm run build (npm test does)`);
  return spawnSync(process.execPath, [CLI, ...args, '--db', db], { encoding: 'utf8', cwd: dir, timeout: 120_000, maxBuffer: 1 << 28, env: { ...process.env, ...env } });
}

describe('jjj plan --batch --workers', () => {
  const rows = batchRows(300, 8);
  const csv = join(dir, 'batch.csv');
  writeFileSync(csv, batchCsv(rows));

  test('two worker threads print exactly the single-thread output, in row order, errors on the bad rows', () => {
    const one = jjj(['plan', '--batch', csv, '--max-transfers', '3', '--workers', '1']);
    expect(one.status, one.stderr).toBe(0);
    expect(one.stderr).toMatch(/^plan --batch 300 rows in [\d.]+ s on 1 thread, /m);
    // the main thread would plan 300 rows before a worker has loaded: keep it to handing them out,
    // so every row is planned by one of the two workers, in interleaved chunks of 10
    const two = jjj(['plan', '--batch', csv, '--max-transfers', '3', '--workers', '2'], { JJJ_POOL_MAIN: '0' });
    expect(two.status, two.stderr).toBe(0);
    // the cache is up to date (the first run imported it): the workers loaded it alongside the main thread
    expect(two.stderr).toMatch(/^plan --batch 300 rows in [\d.]+ s on 2 threads \((workers ready [\d.]+ s into the run|rows done before every worker was ready), networks loaded alongside this thread's in [\d.]+ s; 0 rows in the main thread\)/m);
    expect(two.stdout).toBe(one.stdout); // the command's flags (here --max-transfers) reach the workers too

    const lines = one.stdout.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(rows.length);
    let found = 0;
    lines.forEach((line, i) => {
      const out = JSON.parse(line) as Record<string, unknown> & { error?: { code: string; field: string }; itineraries?: unknown[] };
      const { bad, ...fields } = rows[i];
      expect(out, `row ${i + 2}`).toMatchObject(fields);
      if (bad) {
        expect(out.error, `row ${i + 2}`).toMatchObject({ code: expect.stringMatching(/^(bad_parameter|unknown_place)$/) });
        expect(out).not.toHaveProperty('itineraries');
      } else {
        expect(out, `row ${i + 2}: ${line.slice(0, 300)}`).not.toHaveProperty('error');
        if (out.itineraries!.length > 0) found++;
      }
    });
    expect(rows.filter((r) => r.bad).length).toBeGreaterThan(5); // the seed gives each kind of bad row a chance
    expect(found).toBeGreaterThan(rows.length / 2); // mostly real journeys, not empty answers
  }, 120_000); // spawns the CLI twice (three network loads): slow on a loaded machine

  test('with no cache yet, the workers wait for the main thread to import it, then give the same bytes', () => {
    const fresh = join(dir, 'fresh.sqlite');
    const args = ['plan', '--batch', csv, '--max-transfers', '3', '--workers', '3'];
    const three = spawnSync(process.execPath, [CLI, ...args, '--db', fresh], { encoding: 'utf8', cwd: dir, timeout: 120_000, maxBuffer: 1 << 28, env: { ...process.env, JJJ_POOL_MAIN: '0' } });
    expect(three.status, three.stderr).toBe(0);
    expect(three.stderr).toMatch(/^plan --batch 300 rows in [\d.]+ s on 3 threads \((workers ready [\d.]+ s into the run|rows done before every worker was ready), networks loaded after this thread's in [\d.]+ s; 0 rows in the main thread\)/m);
    expect(three.stdout).toBe(jjj(['plan', '--batch', csv, '--max-transfers', '3', '--workers', '1']).stdout);
  }, 120_000);

  test('by default a small batch stays on one thread; bad --workers is a usage error', () => {
    const small = join(dir, 'small.csv');
    writeFileSync(small, batchCsv(batchRows(20, 9)));
    const r = jjj(['plan', '--batch', small]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('on 1 thread');
    for (const bad of ['0', 'two', '65']) {
      const e = jjj(['plan', '--batch', small, '--workers', bad]);
      expect(e.status).toBe(2);
      expect(e.stderr).toContain('--workers');
    }
    const single = jjj(['plan', '--from', '燕郊', '--to', '国贸', '--depart', '2026-11-24T07:30', '--workers', '2']);
    expect(single.status).toBe(2);
    expect(single.stderr).toContain('--workers goes with --batch');
  }, 60_000);
});
