/**
 * Feature under test: the CLI's `--realtime FEED=FILE.pb` messages (src/cli/realtime-files.ts): read
 * once, one overlay of all of them, a DIFFERENTIAL file applied to the same feed's file before it,
 * and usage errors naming the flag for a malformed spec, an unreadable file or bytes that do not
 * decode.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import GtfsRealtimeBindings from 'gtfs-realtime-bindings';
import { Network } from '../../src/core/network.js';
import { parseDateTime } from '../../src/core/time.js';
import { offlineOverlay, readRealtimeFiles } from '../../src/cli/realtime-files.js';
import { UsageError } from '../../src/cli/common.js';
import { tiny } from '../core/helpers.js';

const { transit_realtime: rt } = GtfsRealtimeBindings;
const net = new Network(
  tiny({
    stops: ['A', 'B'],
    trips: [
      { id: 'T1', route: 'R', times: 'A 8:00, B 8:10' },
      { id: 'T2', route: 'R', times: 'A 8:30, B 8:40' },
    ],
  }),
);
const now = parseDateTime('2026-11-24T07:50', 'Asia/Shanghai')!;
const dir = mkdtempSync(join(tmpdir(), 'jjj-rtfiles-'));
const file = (name: string, incrementality: number, entity: object[]) => {
  const path = join(dir, name);
  writeFileSync(path, rt.FeedMessage.encode(rt.FeedMessage.fromObject({ header: { gtfsRealtimeVersion: '2.0', timestamp: now, incrementality }, entity })).finish());
  return `f=${path}`;
};
const late = (id: string, trip: string, delay: number) => ({ id, tripUpdate: { trip: { tripId: trip, startDate: '20261124' }, stopTimeUpdate: [{ stopSequence: 0, departure: { delay } }] } });

describe('--realtime files', () => {
  test('one overlay of every file; a DIFFERENTIAL file updates the same feed’s file before it', () => {
    const full = file('full.pb', 0, [late('a', 'T1', 300), late('b', 'T2', 600)]);
    const diff = file('diff.pb', 1, [late('a', 'T1', 60), { id: 'b', isDeleted: true }]);
    const delays = (specs: string[]) => offlineOverlay(net, readRealtimeFiles(specs), now)!.entries.map((e) => [net.input.trips.id(net.timetable.tripInput[e.trip]), e.departures[0] - parseDateTime(e.trip === 0 ? '2026-11-24T08:00' : '2026-11-24T08:30', 'Asia/Shanghai')!]);
    expect(delays([full])).toEqual([['f:T1', 300], ['f:T2', 600]]);
    expect(delays([full, diff])).toEqual([['f:T1', 60]]);
    expect(offlineOverlay(net, [], now)).toBeNull();
  });

  test('a malformed spec, an unreadable file and bytes that do not decode are usage errors naming the flag', () => {
    expect(() => readRealtimeFiles(['nofile'])).toThrow(UsageError);
    expect(() => readRealtimeFiles([`f=${join(dir, 'missing.pb')}`])).toThrow(/--realtime f=/);
    const junk = join(dir, 'junk.pb');
    writeFileSync(junk, Uint8Array.of(0x0a, 0xff, 0xff, 0x01));
    expect(() => offlineOverlay(net, readRealtimeFiles([`f=${junk}`]), now)).toThrow(/--realtime f=.*not a GTFS-Realtime FeedMessage/);
    const ok = file('ok.pb', 0, [late('a', 'T1', 60)]).slice(2);
    expect(() => offlineOverlay(net, readRealtimeFiles([`nosuchfeed=${ok}`]), now)).toThrow(/--realtime nosuchfeed=.*unknown feed "nosuchfeed"/);
  });
});
