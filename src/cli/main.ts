#!/usr/bin/env node
/**
 * `jjj` — the command line. Commands: plan, stops, import. Run `jjj help` for usage.
 * Exit status: 0 ok, 1 failure (feed unusable, internal), 2 bad usage or unknown place.
 */
import { parseArgs } from 'node:util';
import { runPlan } from './plan.js';
import { runStops } from './stops.js';
import { runImport } from './import.js';
import { runIsochrone } from './isochrone.js';
import { runMatrix } from './matrix.js';
import { runFreight } from './freight.js';
import { UsageError } from './common.js';

const USAGE = `jjj — Jing-Jin-Ji multimodal routing

Usage:
  jjj plan [--feeds PATH ...] [--db FILE] --from PLACE --to PLACE (--depart TIME | --arrive TIME)
           [--max-transfers N] [--modes rail,subway,bus,ferry] [--max-walk METRES]
           [--transfer-slack SECONDS] [--max-hours H] [--realtime FEED=FILE.pb ...] [--lang en] [--json]
  jjj plan [--feeds PATH ...] --batch FILE.csv [--workers N] [--realtime FEED=FILE.pb ...] [--lang en]
           (CSV header from,to,depart or from,to,arrive)
  jjj isochrone (--from PLACE --depart TIME | --to PLACE --arrive TIME) [--cutoffs 30,60]
           [--window 07:00-09:00] [--percentiles 50,90] [--cell METRES] [--max-walk-minutes M]
           [--exclude-feed NAME ...] [--exclude-route ID ...] [--realtime FEED=FILE.pb ...] [--json] [--svg FILE]
  jjj matrix --origins O.csv --destinations D.csv (--depart TIME | --arrive TIME) [--window 07:00-09:00]
           [--percentile 50] [--max-minutes 120] [--workers N] [--out FILE] [--realtime FEED=FILE.pb ...]
           (CSV: id,lat,lon or id,place)
  jjj freight --from PLACE --to PLACE --ready TIME [--teu N] [--tonnes-per-teu T] [--horizon-days D]
           [--customs direct_loading|standard] [--road DIR] [--realtime FEED=FILE.pb ...] [--lang en] [--json]
           (sea-rail vs all-road containers; --realtime: the files' alerts on rail, ship and terminal legs)
  jjj stops QUERY [--feeds PATH ...] [--json]
  jjj import [--feeds PATH ...] [--db FILE] [--json]  (import report and network statistics)

PLACE  a stop id (feed:stop_id, or a bare stop_id unique across feeds), an exact stop name in any
       language of the feed, or lat,lon. A station stands for all its platforms.
TIME   local date-time in the feed's zone (2026-11-24T08:00) or with an offset (…+08:00).
--realtime  a GTFS-Realtime FeedMessage of a feed, for live times (matched as of its header timestamp)
            and, on plan, its service alerts on the legs they inform (--lang: their language).
Without --feeds the bundled region (data/gtfs/*) is used.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'plan':
      return runPlan(rest);
    case 'stops':
      return runStops(rest);
    case 'import':
      return runImport(rest);
    case 'isochrone':
      return runIsochrone(rest);
    case 'matrix':
      return runMatrix(rest);
    case 'freight':
      return runFreight(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE + '\n');
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`jjj: unknown command "${command}"\n\n${USAGE}\n`);
      return 2;
  }
}

void parseArgs; // (each command parses its own flags with node:util parseArgs)

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UsageError) {
      process.stderr.write(`jjj: ${err.message}\n`);
      process.exitCode = 2;
      return;
    }
    const msg = err instanceof Error ? err.message : String(err);
    process.stderr.write(`jjj: ${msg}\n`);
    process.exitCode = 1;
  },
);
