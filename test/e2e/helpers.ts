/**
 * Shared helpers of the end-to-end fixture tests: every test goes through the real import
 * (node-gtfs → SQLite → NetworkInput), the real Network and the real planner, and states its
 * expectations as one readable line per itinerary:
 *
 *   08:00 A —BUS R1→ C 08:20 | walk 3m → D 08:23
 *
 * Times are HH:MM local wall-clock times read off the ISO strings of the itinerary (so they are in
 * the feed's zone, exactly what a client would show). Walks show their duration (`3m`, `2m30s`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect } from 'vitest';
import { loadNetwork, type Loaded } from '../../src/app/load.js';
import { planOptions, type RawPlanParams } from '../../src/app/params.js';
import { plan, type PlanOptions, type PlanResult } from '../../src/core/plan.js';
import type { Itinerary, LegOut } from '../../src/core/itinerary.js';
import type { Network } from '../../src/core/network.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const E2E_FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'e2e');

/** Absolute path of a fixture feed directory under test/fixtures/e2e. */
export function feedDir(...parts: string[]): string {
  return path.join(E2E_FIXTURES, ...parts);
}

/** A temp dir in os.tmpdir(), removed after the test file. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `jjj-e2e-${prefix}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface Feeds {
  /** The loaded network (available inside tests, after beforeAll). */
  readonly net: Network;
  readonly loaded: Loaded;
}

/**
 * Load the given feed directories once for the test file (beforeAll), through `loadNetwork` with a
 * fresh SQLite file in a temp dir.
 */
export function useFeeds(...dirs: string[]): Feeds {
  const tmp = tempDir(path.basename(dirs[0]));
  let loaded: Loaded | undefined;
  beforeAll(async () => {
    loaded = await loadNetwork({ feeds: dirs, db: path.join(tmp, 'e2e.sqlite'), progress: false });
  });
  return {
    get net() {
      if (loaded === undefined) throw new Error('network not loaded (use inside a test)');
      return loaded.network;
    },
    get loaded() {
      if (loaded === undefined) throw new Error('network not loaded (use inside a test)');
      return loaded;
    },
  };
}

/** The import report must be clean: a fixture with a typo would silently test something else. */
export function expectCleanImport(feeds: Feeds): void {
  expect(feeds.loaded.report.issues.map((i) => `${i.feed}/${i.file}:${i.line ?? ''} ${i.code} ${i.message}`)).toEqual([]);
}

/** Plan with string parameters exactly as the CLI / HTTP API take them (local times in the first feed's zone). */
export function ask(net: Network, raw: RawPlanParams, extra: Partial<PlanOptions> = {}): PlanResult {
  return plan(net, { ...planOptions(raw, net.input.feeds[0].timezone), ...extra });
}

function hm(iso: string): string {
  return iso.slice(11, 16);
}

function duration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return s === 0 ? `${m}m` : `${m}m${String(s).padStart(2, '0')}s`;
}

function legText(l: LegOut, first: boolean): string {
  if (l.mode === 'WALK') {
    const start = first ? `${hm(l.departure)} ${l.from.name} ` : '';
    return `${start}walk ${duration(l.durationSeconds)} → ${l.to.name} ${hm(l.arrival)}`;
  }
  return `${hm(l.departure)} ${l.from.name} —${l.mode} ${l.routeName ?? '?'}→ ${l.to.name} ${hm(l.arrival)}`;
}

/** One readable line for an itinerary: `08:00 A —BUS R1→ C 08:20 | walk 3m → D 08:23`. */
export function line(it: Itinerary): string {
  return it.legs.map((l, i) => legText(l, i === 0)).join(' | ');
}

/** The same line prefixed with the local date of departure: `2026-11-24 08:00 A —BUS R1→ C 08:20`. */
export function datedLine(it: Itinerary): string {
  return `${it.departure.slice(0, 10)} ${line(it)}`;
}

/** All itineraries of a result as lines. */
export function lines(r: PlanResult): string[] {
  return r.itineraries.map(line);
}

/** All itineraries of a result as dated lines. */
export function datedLines(r: PlanResult): string[] {
  return r.itineraries.map(datedLine);
}

/** The transit legs of an itinerary. */
export function rides(it: Itinerary): LegOut[] {
  return it.legs.filter((l) => l.mode !== 'WALK');
}

/** `B 08:10` for each intermediate stop call of a leg (departure time). */
export function calls(l: LegOut): string[] {
  return (l.intermediateStops ?? []).map((c) => `${c.name} ${hm(c.departure)}`);
}
