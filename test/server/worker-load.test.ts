/**
 * Feature under test: the server's loader imports feeds in a worker thread (the built
 * dist/src/server/import-worker.js) and compiles on the main thread — the main thread keeps
 * running while the import does, and an unusable feed rejects with the FeedError's message (what
 * /api/admin/reload reports). Runs against the build (`npm test` builds first); skipped without it.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/app/load.js';

const built = path.join(PACKAGE_ROOT, 'dist', 'src', 'server', 'worker-load.js');
const feeds = path.join(PACKAGE_ROOT, 'test', 'fixtures', 'feeds');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'jjj-worker-load-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.skipIf(!existsSync(built))('import in a worker thread', () => {
  const load = async () => ((await import(pathToFileURL(built).href)) as typeof import('../../src/server/worker-load.js')).loadInWorker;

  test('loads a feed while the main thread keeps running', async () => {
    const loadInWorker = await load();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const logs: string[] = [];
    try {
      const loaded = await loadInWorker({ feeds: [path.join(feeds, 'basic')], db: path.join(tmp, 'basic.sqlite'), log: (l) => logs.push(l) });
      expect(loaded.network.input.stops.length).toBeGreaterThan(0);
      expect(loaded.report.feeds.map((f) => f.name)).toEqual(['basic']);
      expect(loaded.reused).toBe(false);
      expect(loaded.timings.importMs).toBeGreaterThan(0);
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(2);
    expect(logs.join('\n')).toContain('basic');
  }, 60_000);

  test('an unusable feed rejects with the reason', async () => {
    const loadInWorker = await load();
    await expect(loadInWorker({ feeds: [path.join(feeds, 'nostops')], db: path.join(tmp, 'nostops.sqlite') })).rejects.toThrow(/stops\.txt/);
  }, 60_000);
});
