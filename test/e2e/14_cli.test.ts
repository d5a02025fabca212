// Feature under test: the `jjj` command-line contract, run as a real process on the built CLI
// (dist/src/cli/main.js): `plan --json` output shape, exit status 2 naming an unknown place or a
// bad --depart, `{"itineraries":[]}` for no journey, `plan --batch` CSV, and `stops --json` with a
// translations.txt name.
//
// Timetable (test/fixtures/e2e/cli, Asia/Shanghai, daily in Nov 2026):
//   subway L22 "22号线" → 国贸:  燕郊 YJ 08:00 → 高楼金 GLC 08:12/08:13 → 国贸 GM 08:40
//   translations.txt: 燕郊 = Yanjiao (record_id), 国贸 = Guomao (field_value); nothing runs GM → YJ
import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, feedDir, tempDir } from './helpers.js';

const CLI = path.join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js');
const FEED = feedDir('cli');
const tmp = tempDir('cli');
const DB = path.join(tmp, 'cli.sqlite');

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

/** Run `node dist/src/cli/main.js ARGS…` (non-TTY, so no progress output). */
function jjj(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 20_000 }, (err, stdout, stderr) => {
      const status = err === null ? 0 : typeof err.code === 'number' ? err.code : -1;
      resolve({ status, stdout, stderr });
    });
  });
}

const feedArgs = ['--feeds', FEED, '--db', DB];
const runs: Record<string, Run> = {};

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` before the CLI end-to-end test`);
  // the first run imports the feed into DB; the others reuse it and run in parallel
  runs.plan = await jjj('plan', ...feedArgs, '--from', '燕郊', '--to', '国贸', '--depart', '2026-11-24T07:30', '--json');
  const batch = path.join(tmp, 'batch.csv');
  writeFileSync(batch, 'from,to,depart\n燕郊,Guomao,2026-11-24T07:30\nNowhere,国贸,2026-11-24T07:30\nYJ,GM,tomorrow\n');
  const pending = {
    english: jjj('plan', ...feedArgs, '--from', 'Yanjiao', '--to', 'Guomao', '--depart', '2026-11-24T07:30', '--json'),
    unknown: jjj('plan', ...feedArgs, '--from', 'Nowhere', '--to', '国贸', '--depart', '2026-11-24T07:30', '--json'),
    none: jjj('plan', ...feedArgs, '--from', '国贸', '--to', '燕郊', '--depart', '2026-11-24T07:30', '--json'),
    badDepart: jjj('plan', ...feedArgs, '--from', '燕郊', '--to', '国贸', '--depart', 'tomorrow', '--json'),
    batch: jjj('plan', ...feedArgs, '--batch', batch),
    stops: jjj('stops', 'Yanjiao', ...feedArgs, '--json'),
    stopsZh: jjj('stops', '国', ...feedArgs, '--json'),
    text: jjj('plan', ...feedArgs, '--from', '燕郊', '--to', '国贸', '--depart', '2026-11-24T07:30'),
  };
  for (const [k, p] of Object.entries(pending)) runs[k] = await p;
}, 30_000);

describe('jjj plan --json', () => {
  it('prints one object with the itinerary contract', () => {
    const { status, stdout, stderr } = runs.plan;
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout.endsWith('\n')).toBe(true);
    const out = JSON.parse(stdout);
    expect(Object.keys(out)).toEqual(['itineraries']);
    expect(out.itineraries).toHaveLength(1);
    const it0 = out.itineraries[0];
    expect(it0).toMatchObject({
      departure: '2026-11-24T08:00:00+08:00',
      arrival: '2026-11-24T08:40:00+08:00',
      durationSeconds: 2400,
      transfers: 0,
    });
    expect(it0.legs).toHaveLength(1);
    const leg = it0.legs[0];
    for (const key of ['mode', 'from', 'to', 'departure', 'arrival', 'routeId', 'routeName', 'tripId', 'headsign', 'geometry'])
      expect(leg, key).toHaveProperty(key);
    expect(leg).toMatchObject({
      mode: 'SUBWAY',
      from: { id: 'cli:YJ', name: '燕郊', lat: 39.96, lon: 116.82 },
      to: { id: 'cli:GM', name: '国贸', lat: 39.9087, lon: 116.46 },
      departure: '2026-11-24T08:00:00+08:00',
      arrival: '2026-11-24T08:40:00+08:00',
      routeId: 'cli:L22',
      routeName: '22号线',
      tripId: 'cli:L22-0800',
      headsign: '国贸',
      serviceDate: '2026-11-24',
      intermediateStops: [{ id: 'cli:GLC', name: '高楼金', arrival: '2026-11-24T08:12:00+08:00', departure: '2026-11-24T08:13:00+08:00' }],
      geometry: {
        type: 'LineString',
        coordinates: [
          [116.82, 39.96],
          [116.7, 39.92],
          [116.46, 39.9087],
        ],
      },
    });
    expect(Object.keys(leg.from).sort().filter((k) => k !== 'names')).toEqual(['id', 'lat', 'lon', 'name']); // + names when translated
  });

  it('accepts the translations.txt names of both stops', () => {
    expect(runs.english.status).toBe(0);
    expect(JSON.parse(runs.english.stdout)).toEqual(JSON.parse(runs.plan.stdout));
  });

  it('an unknown place: exit status 2, stderr names it and the flag', () => {
    const { status, stdout, stderr } = runs.unknown;
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('"Nowhere"');
    expect(stderr).toContain('--from');
  });

  it('no journey: {"itineraries":[]}', () => {
    expect(runs.none.status).toBe(0);
    expect(runs.none.stdout).toBe('{"itineraries":[]}\n');
  });

  it('a bad --depart: exit status 2, stderr names --depart', () => {
    const { status, stdout, stderr } = runs.badDepart;
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('--depart');
    expect(stderr).toContain('tomorrow');
  });

  it('without --json prints a readable plan', () => {
    expect(runs.text.status).toBe(0);
    expect(runs.text.stdout).toContain('Option 1: 08:00 → 08:40  40 min, 0 transfers');
    expect(runs.text.stdout).toContain('board 燕郊 08:00 → alight 国贸 08:40');
  });
});

describe('jjj plan --batch', () => {
  it('prints one JSON line per row: itineraries, or an error naming the field', () => {
    expect(runs.batch.status).toBe(0);
    const rows = runs.batch.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ from: '燕郊', to: 'Guomao', depart: '2026-11-24T07:30' });
    expect(rows[0].itineraries.map((i: { departure: string; arrival: string }) => `${i.departure} → ${i.arrival}`)).toEqual([
      '2026-11-24T08:00:00+08:00 → 2026-11-24T08:40:00+08:00',
    ]);
    expect(rows[1]).toMatchObject({ from: 'Nowhere', error: { code: 'unknown_place', field: 'from' } });
    expect(rows[1].error.message).toContain('"Nowhere"');
    expect(rows[1]).not.toHaveProperty('itineraries');
    expect(rows[2]).toMatchObject({ depart: 'tomorrow', error: { code: 'bad_parameter', field: 'depart' } });
  });
});

describe('jjj stops --json', () => {
  it('finds a stop by its translations.txt English name', () => {
    expect(runs.stops.status).toBe(0);
    expect(JSON.parse(runs.stops.stdout)).toEqual([
      { id: 'cli:YJ', name: '燕郊', lat: 39.96, lon: 116.82, feed: 'cli', modes: ['subway'], nameEn: 'Yanjiao' },
    ]);
  });

  it('finds stops by a part of their own name', () => {
    const rows = JSON.parse(runs.stopsZh.stdout) as { id: string; nameEn?: string }[];
    expect(rows.map((r) => [r.id, r.nameEn])).toEqual([['cli:GM', 'Guomao']]);
  });
});
