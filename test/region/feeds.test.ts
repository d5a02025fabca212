/**
 * Feature under test: the bundled region feeds (data/gtfs/*) are consistent with their generator,
 * structurally valid, and reproduce the published facts under the reference router in
 * scripts/region (the engine's own fact test consumes test/region/facts.table.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { REGION_FACTS } from './facts.table.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FEEDS = ['connector', 'express-bus', 'intercity-rail', 'metro-line22', 'sea-rail-freight'];
const node = (script: string, ...args: string[]): string =>
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'region', script), ...args], { cwd: ROOT, encoding: 'utf8' });

describe('region feeds', () => {
  const out = mkdtempSync(join(tmpdir(), 'jjj-region-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('R01 committed feeds are byte-identical to a fresh generator run', () => {
    node('generate.mjs', '--out', out);
    for (const feed of FEEDS) {
      const dir = join(ROOT, 'data', 'gtfs', feed);
      const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
      expect(readdirSync(join(out, 'data', 'gtfs', feed)).sort()).toEqual(files);
      for (const f of files) {
        expect(readFileSync(join(out, 'data', 'gtfs', feed, f)).equals(readFileSync(join(dir, f))), `${feed}/${f}`).toBe(true);
      }
    }
    expect(readFileSync(join(out, 'test', 'region', 'facts.table.ts'), 'utf8')).toBe(readFileSync(join(ROOT, 'test', 'region', 'facts.table.ts'), 'utf8'));
  }, 60_000);

  it('R02 validator finds no problems', () => {
    expect(() => node('validate.mjs')).not.toThrow();
  }, 60_000);

  it('R03 reference router reproduces every published fact', () => {
    expect(() => node('facts.mjs')).not.toThrow();
  }, 60_000);

  it('R04 fact table rows are well formed', () => {
    expect(REGION_FACTS.length).toBeGreaterThanOrEqual(15);
    for (const f of REGION_FACTS) {
      expect(f.from).toMatch(/^[a-z0-9-]+:[a-z0-9_]+$/);
      expect(f.to).toMatch(/^[a-z0-9-]+:[a-z0-9_]+$/);
      expect(f.depart).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
      expect(f.expectMinutes !== undefined || f.maxMinutes !== undefined).toBe(true);
      expect(f.source.length).toBeGreaterThan(5);
    }
  });
});
