/**
 * Writes a synthetic NetworkInput (bench/synthetic.ts: one feed, one service, no frequencies,
 * transfers or shapes) as a GTFS directory, so it can be imported the honest way (node-gtfs →
 * SQLite → NetworkInput) and loaded by other tools.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { NetworkInput } from '../src/core/input.js';
import { formatGtfsTime } from '../src/core/time.js';
import { tripArrivals, tripDepartures, tripStops } from '../src/core/stop-times.js';

const bare = (id: string) => id.slice(id.indexOf(':') + 1);

export function writeSyntheticGtfs(input: NetworkInput, dir: string): { stopTimes: number } {
  mkdirSync(dir, { recursive: true });
  const feed = input.feeds[0];
  writeFileSync(join(dir, 'agency.txt'), `agency_id,agency_name,agency_url,agency_timezone\nSYN,Synthetic transit,https://example.com,${feed.timezone}\n`);
  writeFileSync(
    join(dir, 'stops.txt'),
    'stop_id,stop_name,stop_lat,stop_lon,location_type\n' +
      input.stops.map((s) => `${bare(s.id)},${s.name},${s.lat.toFixed(6)},${s.lon.toFixed(6)},0`).join('\n') +
      '\n',
  );
  writeFileSync(
    join(dir, 'routes.txt'),
    'route_id,agency_id,route_short_name,route_long_name,route_type\n' +
      input.routes.map((r) => `${bare(r.id)},SYN,${r.shortName},${r.longName},${r.type}`).join('\n') +
      '\n',
  );
  const d = (x: string) => x.replace(/-/g, '');
  writeFileSync(
    join(dir, 'calendar.txt'),
    'service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n' +
      input.services.map((s) => `${bare(s.id)},1,1,1,1,1,1,1,${d(feed.startDate)},${d(feed.endDate)}`).join('\n') +
      '\n',
  );
  writeFileSync(
    join(dir, 'trips.txt'),
    'route_id,service_id,trip_id\n' +
      input.trips.map((t) => `${bare(input.routes[t.route].id)},${bare(input.services[t.service].id)},${bare(t.id)}`).join('\n') +
      '\n',
  );
  const fd = openSync(join(dir, 'stop_times.txt'), 'w');
  let buf = 'trip_id,arrival_time,departure_time,stop_id,stop_sequence\n';
  let n = 0;
  const stopIds = input.stops.map((s) => bare(s.id));
  for (let ti = 0; ti < input.trips.length; ti++) {
    const id = bare(input.trips.id(ti));
    const stops = tripStops(input, ti);
    const arrivals = tripArrivals(input, ti);
    const departures = tripDepartures(input, ti);
    for (let i = 0; i < stops.length; i++) {
      buf += `${id},${formatGtfsTime(arrivals[i])},${formatGtfsTime(departures[i])},${stopIds[stops[i]]},${i + 1}\n`;
      n++;
    }
    if (buf.length > 1 << 20) {
      writeSync(fd, buf);
      buf = '';
    }
  }
  writeSync(fd, buf);
  closeSync(fd);
  return { stopTimes: n };
}
