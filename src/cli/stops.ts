/** `jjj stops QUERY`: stops whose name (any language) contains QUERY. */
import { searchStops } from '../core/places.js';
import { FEED_OPTIONS, UsageError, load, parse, splitFeeds } from './common.js';

export async function runStops(args: string[]): Promise<number> {
  const { values, positionals } = parse(splitFeeds(args), FEED_OPTIONS, true);
  const query = positionals.join(' ').trim();
  if (query === '') throw new UsageError('stops: QUERY is required, e.g. jjj stops 燕郊');
  const { network } = await load(values);
  const rows = searchStops(network, query).map(({ stop }) => {
    const s = network.input.stops[stop];
    return { id: s.id, name: s.name, lat: s.lat, lon: s.lon, feed: network.input.feeds[s.feed].name, modes: network.stopModes(stop), ...(s.names?.en ? { nameEn: s.names.en } : {}) };
  });
  if (values.json) process.stdout.write(JSON.stringify(rows) + '\n');
  else if (rows.length === 0) process.stdout.write(`no stop matches "${query}"\n`);
  else
    for (const r of rows)
      process.stdout.write(`${r.id.padEnd(36)} ${r.name}${r.nameEn ? ` (${r.nameEn})` : ''}  [${r.modes.join(',')}]  ${r.lat.toFixed(5)},${r.lon.toFixed(5)}\n`);
  return 0;
}
