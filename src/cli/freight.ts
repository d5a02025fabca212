/**
 * `jjj freight --from PLACE --to PLACE --ready TIME [--teu N] [--tonnes-per-teu T] [--json]`:
 * sea-rail vs all-road chains for a container shipment (Pareto set over arrival, cost, CO2e);
 * `--realtime FEED=FILE.pb` adds the messages' service alerts to the rail, ship and terminal legs
 * they inform (the freight timetable itself is not moved by trip updates).
 */
import { join } from 'node:path';
import { PACKAGE_ROOT, bundledFeeds } from '../app/load.js';
import { FreightParamError, planFreight, type FreightPlanResult, type LegOut } from '../core/freight/plan.js';
import { resolveFreightPlace } from '../core/freight/places.js';
import { UnknownPlaceError } from '../core/places.js';
import { parseDateTime } from '../core/time.js';
import { FreightLoadError, loadFreight } from '../feeds/freight.js';
import { FEED_OPTIONS, UsageError, langFlag, load, parse, splitFeeds } from './common.js';
import { offlineLive, readRealtimeFiles, ttyReport } from './realtime-files.js';
import { alertLine } from './table.js';

const OPTIONS = {
  ...FEED_OPTIONS,
  from: { type: 'string' },
  to: { type: 'string' },
  ready: { type: 'string' },
  teu: { type: 'string' },
  'tonnes-per-teu': { type: 'string' },
  'horizon-days': { type: 'string' },
  customs: { type: 'string' },
  road: { type: 'string' },
  realtime: { type: 'string', multiple: true },
  lang: { type: 'string' },
} as const;

export async function runFreight(args: string[]): Promise<number> {
  const { values } = parse(splitFeeds(args), OPTIONS);
  for (const f of ['from', 'to', 'ready'] as const) if (values[f] === undefined) throw new UsageError(`--${f} is required`);
  const teu = numberFlag(values.teu, 'teu') ?? 1;
  const tonnes = numberFlag(values['tonnes-per-teu'], 'tonnes-per-teu');
  const horizon = numberFlag(values['horizon-days'], 'horizon-days');
  const customs = values.customs ?? 'direct_loading';
  if (customs !== 'direct_loading' && customs !== 'standard') throw new UsageError(`--customs must be direct_loading or standard, got "${customs}"`);
  const lang = langFlag(values.lang);
  const files = readRealtimeFiles(values.realtime ?? []);
  const loaded = await load(values);
  const feeds = values.feeds !== undefined && values.feeds.length > 0 ? values.feeds : bundledFeeds();
  let freight;
  try {
    freight = loadFreight(loaded.network.input, { feeds, roadDir: values.road ?? join(PACKAGE_ROOT, 'data', 'road') }).freight;
  } catch (err) {
    if (err instanceof FreightLoadError) throw new UsageError(err.message);
    throw err;
  }
  const ready = parseDateTime(values.ready!, freight.zone);
  if (ready === null) throw new UsageError(`--ready: invalid time "${values.ready}" (expected 2026-11-24T08:00 or with an offset)`);
  let result: FreightPlanResult;
  try {
    const from = resolveFreightPlace(freight, values.from!, 'from', loaded.network);
    const to = resolveFreightPlace(freight, values.to!, 'to', loaded.network);
    result = planFreight(freight, { from, to, ready, teu, ...(tonnes !== undefined ? { tonnesPerTeu: tonnes } : {}), ...(horizon !== undefined ? { horizonDays: horizon } : {}), customs });
  } catch (err) {
    if (err instanceof UnknownPlaceError) throw new UsageError(`--${err.field}: ${err.message}`);
    if (err instanceof FreightParamError) throw new UsageError(`--${err.field === 'tonnesPerTeu' ? 'tonnes-per-teu' : err.field === 'horizonDays' ? 'horizon-days' : err.field}: ${err.message}`);
    throw err;
  }
  // matched as of each message's header timestamp, else the ready time
  offlineLive(loaded.network, files, ready, ttyReport)?.alerts.attachFreight(result.options, lang, freight.zone);
  process.stdout.write((values.json ? JSON.stringify(result) : formatFreight(result)) + '\n');
  return 0;
}

/** A numeric flag's value (undefined when absent); text that is not a number is a usage error naming the flag. */
function numberFlag(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const x = text.trim() === '' ? NaN : Number(text);
  if (!Number.isFinite(x)) throw new UsageError(`--${flag} must be a number, got "${text}"`);
  return x;
}

const num = (x: number, d = 0) => x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;

function legLine(l: LegOut): string {
  const money = `${num(l.costCny)} CNY, ${num(l.co2eKg, 1)} kg CO2e`;
  const span = `${when(l.departure)} → ${when(l.arrival)}`;
  if (l.mode === 'TRUCK')
    return `  TRUCK     ${l.from.name} → ${l.to.name}  ${span}  ${num(l.distanceKm)} km${l.roads?.length ? ' via ' + l.roads.join(' ') : ''}, ${l.trucks} truck${l.trucks === 1 ? '' : 's'}${l.restMinutes ? `, ${l.restMinutes} min rest` : ''}  (${money})`;
  if (l.mode === 'TERMINAL') {
    const t = l.terminal!;
    return `  TERMINAL  ${l.from.name}  ${span}  ${t.role}${t.flow ? ` / ${t.flow}` : ''}${t.customsMode ? ` (${t.customsMode})` : ''}  (${money})`;
  }
  const split = (l.departures?.length ?? 0) > 1 ? `  split: ${l.departures!.map((d) => `${d.teu} TEU ${when(d.departure)}`).join(', ')}` : '';
  return `  ${l.mode.padEnd(8)}  ${l.routeName}: ${l.from.name} → ${l.to.name}  ${span}  ${num(l.distanceKm)} km  (${money})${split}`;
}

/** The readable rendering: a comparison table, then each option's chain. */
export function formatFreight(r: FreightPlanResult): string {
  const head = `${r.from.name} → ${r.to.name}: ${r.teu} TEU × ${r.tonnesPerTeu} t, ready ${when(r.ready)} (times ${r.timeZone}, UTC${r.ready.slice(19)})`;
  if (r.options.length === 0) return `${head}\nNo freight chain found within the horizon.`;
  const out = [head, '', ' #  kind       departure         arrival              hours     cost CNY   CO2e kg (WTW)  vs all-road'];
  r.options.forEach((o, i) => {
    const vs = o.allRoad ? '(all-road' + (o.dominated ? ', dominated)' : ')') : o.vsAllRoad === null ? '' : `${o.vsAllRoad.hours >= 0 ? '+' : ''}${num(o.vsAllRoad.hours, 1)} h, ${o.vsAllRoad.costCny >= 0 ? '+' : ''}${num(o.vsAllRoad.costCny)} CNY, ${o.vsAllRoad.co2eKg >= 0 ? '+' : ''}${num(o.vsAllRoad.co2eKg, 0)} kg`;
    out.push(
      `${String(i + 1).padStart(2)}  ${o.kind.padEnd(9)}  ${when(o.departure)}  ${when(o.arrival)}  ${num(o.durationHours, 1).padStart(9)}  ${num(o.costCny).padStart(11)}  ${num(o.co2eKg, 0).padStart(13)}  ${vs}`,
    );
  });
  r.options.forEach((o, i) => {
    out.push('', `Option ${i + 1} (${o.kind}${o.allRoad ? ', all-road comparison' : ''}):`);
    for (const l of o.legs) {
      out.push(legLine(l));
      for (const a of l.alerts ?? []) out.push(`            ${alertLine(a)}`);
    }
    for (const n of o.notes) out.push(`  note: ${n}`);
  });
  return out.join('\n');
}
