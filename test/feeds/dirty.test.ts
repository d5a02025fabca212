import { cpSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FeedError, loadFeeds, type ImportIssue, type LoadFeedsResult } from '../../src/feeds/index.js';
import { tripWithTimes } from '../../src/core/stop-times.js';
import { fixture, tempDir } from './helpers.js';

const tmp = tempDir('feeds-dirty');
const quiet = { progress: false, cacheDir: tmp };

describe('dirty feed', () => {
  let r: LoadFeedsResult;
  const find = (file: string, code: string, severity?: string): ImportIssue | undefined =>
    r.report.issues.find((i) => i.file === file && i.code === code && (severity === undefined || i.severity === severity));
  beforeAll(async () => {
    r = await loadFeeds([fixture('dirty')], quiet);
  });

  it('reports bad rows with file, first line, code and severity', () => {
    const expected: [string, string, string, number | undefined][] = [
      ['stops.txt', 'duplicate_id', 'error', 4],
      ['stops.txt', 'bad_coordinate', 'warning', 5],
      ['stops.txt', 'bad_coordinate', 'error', 5],
      ['stops.txt', 'column_count', 'warning', 6],
      ['stops.txt', 'bad_value', 'warning', 8],
      ['stops.txt', 'missing_field', 'error', 9],
      ['routes.txt', 'missing_field', 'error', 3],
      ['routes.txt', 'bad_value', 'error', 4],
      ['calendar.txt', 'bad_date', 'error', 3],
      ['trips.txt', 'unknown_route', 'error', 5],
      ['trips.txt', 'unknown_service', 'error', 6],
      ['trips.txt', 'duplicate_id', 'error', 7],
      ['stop_times.txt', 'bad_time', 'warning', 10],
      ['stop_times.txt', 'stop_is_station', 'error', 11],
      ['stop_times.txt', 'unknown_stop', 'error', 12],
      ['stop_times.txt', 'unknown_trip', 'error', 14],
      ['stop_times.txt', 'duplicate_id', 'error', undefined], // non-contiguous: dropped by SQLite, counted
      ['stop_times.txt', 'time_travel', 'error', undefined],
      ['stop_times.txt', 'missing_time', 'error', undefined],
      ['frequencies.txt', 'bad_time', 'error', 2],
      ['frequencies.txt', 'bad_value', 'error', 3],
    ];
    for (const [file, code, severity, line] of expected) {
      const issue = find(file, code, severity);
      expect(issue, `${file} ${code} ${severity}`).toBeDefined();
      expect(issue!.line, `${file} ${code}`).toBe(line);
      expect(issue!.count).toBe(1);
      expect(issue!.feed).toBe('dirty');
    }
    expect(r.report.issues).toHaveLength(expected.length);
    expect(find('stop_times.txt', 'time_travel')!.message).toContain('T2');
  });

  it('still loads the good rows', () => {
    const { input } = r;
    expect(input.stops.map((s) => s.id)).toEqual(['dirty:S1', 'dirty:S2', 'dirty:S4', 'dirty:ST', 'dirty:S5']);
    expect(input.stops[0].name).toBe('One, the "first"'); // quoted field with comma and quotes
    expect(input.stops[1].name).toBe('Two'); // first of the duplicates wins
    expect(input.stops[4].locationType).toBe(0); // invalid location_type ignored
    expect(input.routes.map((x) => x.id)).toEqual(['dirty:R1']);
    expect(input.routes[0]).toMatchObject({ shortName: '1', longName: '' });
    expect(input.trips.map((t) => t.id)).toEqual(['dirty:T1', 'dirty:T6']);
    const [t1, t6] = [tripWithTimes(input, 0), tripWithTimes(input, 1)];
    expect(Array.from(t1.stops, (s) => input.stops[s].id)).toEqual(['dirty:S1', 'dirty:S2', 'dirty:S4']);
    expect(Array.from(t6.stops, (s) => input.stops[s].id)).toEqual(['dirty:S1', 'dirty:S2', 'dirty:S4']);
    expect(Array.from(t6.arrivals)).toEqual([39600, 40200, 42000]); // bad arrival → departure
    expect(t1.frequencies).toBeUndefined();
    expect(r.report.feeds[0].counts).toMatchObject({ stops: 5, routes: 1, trips: 2, stopTimes: 6, services: 1 });
  });
});

describe('unusable feeds throw FeedError', () => {
  const variant = (name: string, edit: (dir: string) => void): string => {
    const dir = path.join(tmp, name);
    cpSync(fixture('second'), dir, { recursive: true });
    edit(dir);
    return dir;
  };
  const expectFeedError = async (paths: string[], feed: string, file: string, code: string, text: RegExp): Promise<void> => {
    const err = await loadFeeds(paths, quiet).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(FeedError);
    expect(err).toMatchObject({ feed, file, code });
    expect((err as Error).message).toMatch(text);
  };

  it('missing stops.txt', async () => {
    await expectFeedError([fixture('second'), fixture('nostops')], 'nostops', 'stops.txt', 'missing_file', /nostops.*stops\.txt/);
  });
  it('missing path', async () => {
    await expectFeedError([path.join(tmp, 'nowhere')], 'nowhere', '', 'unreadable', /does not exist/);
  });
  it('no calendar at all', async () => {
    const dir = variant('nocal', (d) => rmSync(path.join(d, 'calendar.txt')));
    await expectFeedError([dir], 'nocal', 'calendar.txt', 'no_calendar', /calendar/);
  });
  it('invalid agency_timezone', async () => {
    const dir = variant('badtz', (d) => writeFileSync(path.join(d, 'agency.txt'), 'agency_name,agency_url,agency_timezone\nX,http://x,Mars/Olympus\n'));
    await expectFeedError([dir], 'badtz', 'agency.txt', 'bad_timezone', /Mars\/Olympus/);
  });
  it('required column missing in a required file', async () => {
    const dir = variant('nocol', (d) => writeFileSync(path.join(d, 'trips.txt'), 'route_id,trip_id\nR1,T1\n'));
    await expectFeedError([dir], 'nocol', 'trips.txt', 'missing_field', /service_id/);
  });
  it('unreadable zip', async () => {
    const zip = path.join(tmp, 'broken.zip');
    writeFileSync(zip, 'this is not a zip');
    await expectFeedError([zip], 'broken', '', 'unreadable', /broken\.zip/);
  });
});
