/** `jjj isochrone`: commute circles from or to a place, as GeoJSON, a summary, or an SVG map. */
import { writeFileSync } from 'node:fs';
import { isochrones, UnknownScenarioError, type IsochroneResult } from '../core/isochrone-plan.js';
import { SurfaceTooLargeError } from '../core/isochrone.js';
import { UnknownPlaceError } from '../core/places.js';
import { isochroneSvg } from '../core/svg.js';
import { ParamError } from '../app/params.js';
import { isochroneOptions, isochroneTitle } from '../app/isochrone-params.js';
import { FEED_OPTIONS, UsageError, load, parse, splitFeeds } from './common.js';
import { offlineOverlay, readRealtimeFiles, ttyReport } from './realtime-files.js';

const OPTIONS = {
  ...FEED_OPTIONS,
  from: { type: 'string' },
  to: { type: 'string' },
  depart: { type: 'string' },
  arrive: { type: 'string' },
  cutoffs: { type: 'string' },
  window: { type: 'string' },
  percentiles: { type: 'string' },
  cell: { type: 'string' },
  'max-walk-minutes': { type: 'string' },
  'max-transfers': { type: 'string' },
  modes: { type: 'string' },
  'exclude-feed': { type: 'string', multiple: true },
  'exclude-route': { type: 'string', multiple: true },
  svg: { type: 'string' },
  realtime: { type: 'string', multiple: true },
} as const;

export async function runIsochrone(args: string[]): Promise<number> {
  const { values } = parse(splitFeeds(args), OPTIONS);
  const files = readRealtimeFiles(values.realtime ?? []);
  const loaded = await load(values);
  const net = loaded.network;
  let result: IsochroneResult;
  try {
    const raw = {
      from: values.from,
      to: values.to,
      depart: values.depart,
      arrive: values.arrive,
      cutoffs: values.cutoffs,
      window: values.window,
      percentiles: values.percentiles,
      cell: values.cell,
      maxWalkMinutes: values['max-walk-minutes'],
      maxTransfers: values['max-transfers'],
      modes: values.modes,
      excludeFeed: values['exclude-feed'],
      excludeRoute: values['exclude-route'],
    };
    const o = isochroneOptions(raw, net.input.feeds[0].timezone);
    const realtime = offlineOverlay(net, files, o.windowStart, ttyReport);
    result = isochrones(net, realtime === null ? o : { ...o, realtime });
    if (values.svg !== undefined) writeFileSync(values.svg, isochroneSvg(net, result, isochroneTitle(raw, o)));
  } catch (err) {
    if (err instanceof ParamError) throw new UsageError(`--${err.field.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}: ${err.message}`);
    if (err instanceof UnknownPlaceError) throw new UsageError(`--${err.field}: ${err.message}`);
    if (err instanceof UnknownScenarioError) throw new UsageError(`--${err.field === 'excludeFeed' ? 'exclude-feed' : 'exclude-route'}: ${err.message}`);
    if (err instanceof SurfaceTooLargeError) throw new UsageError(`--cell: ${err.message}`);
    throw err;
  }
  if (values.json) {
    process.stdout.write(JSON.stringify(result) + '\n');
    return 0;
  }
  const lines = [`${result.samples} departure instant(s), ${result.cellMetres} m cells`];
  for (const f of result.features.filter((x) => x.properties.kind === 'isochrone' && x.properties.scenario === 'network'))
    lines.push(`  p${f.properties.percentile} ≤ ${f.properties.cutoffMinutes} min: ${f.properties.areaKm2} km²`);
  for (const c of result.comparison ?? [])
    lines.push(
      `  scenario p${c.percentile} ≤ ${c.cutoffMinutes} min: ${c.areaKm2} → ${c.areaWithoutKm2} km² (lost ${c.lostKm2} km²), stops ${c.stops} → ${c.stopsWithout}` +
        (c.placesLost.length > 0 ? `; lost: ${c.placesLost.join(', ')}` : ''),
    );
  lines.push(`stops reached: ${result.stops.length}`);
  for (const s of result.stops.slice(0, 15)) lines.push(`  ${s.name.padEnd(14)} ${Object.entries(s.minutes).map(([k, v]) => `${k} ${v} min`).join(', ')}`);
  if (values.svg !== undefined) lines.push(`map written to ${values.svg}`);
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}
