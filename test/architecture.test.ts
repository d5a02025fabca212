/**
 * Feature under test: module boundaries. src/core knows nothing of GTFS, SQLite, HTTP or the file
 * system; only src/feeds imports the GTFS libraries; only src/server imports hono.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { describe, expect, test } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const statics = [...text.matchAll(/^\s*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/gms)].map((m) => m[1]);
  const bare = [...text.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm)].map((m) => m[1]);
  const dynamic = [...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]);
  return [...statics, ...bare, ...dynamic];
}

describe('architecture', () => {
  test('src/core imports only itself and its graph, spatial and geometry libraries', () => {
    const allowed = /^(ngraph\.graph|ngraph\.path|kdbush|geokdbush|d3-contour|d3-geo|@turf\/area)$/;
    const core = resolve('src/core');
    for (const f of files('src/core'))
      for (const i of imports(f)) {
        // A relative import must stay inside src/core (src/core/freight may use ../input.js).
        const ok = i.startsWith('.') ? resolve(dirname(f), i).startsWith(core + sep) : allowed.test(i);
        expect(ok, `${f} imports ${i}`).toBe(true);
      }
  });

  test('GTFS libraries only in src/feeds, hono only in src/server', () => {
    for (const f of files('src')) {
      for (const i of imports(f)) {
        if (/^(gtfs|gtfs-realtime-bindings|better-sqlite3)$/.test(i)) expect(f.startsWith('src/feeds'), `${f} imports ${i}`).toBe(true);
        if (/^(hono|@hono\/)/.test(i)) expect(f.startsWith('src/server'), `${f} imports ${i}`).toBe(true);
      }
    }
  });
});
