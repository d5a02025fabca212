/** Human-readable renderings for the terminal. */
import type { Network } from '../core/network.js';
import type { PlanResult } from '../core/plan.js';
import type { AlertOut } from '../core/alerts.js';
import type { LegOut } from '../core/itinerary.js';
import type { RawPlanParams } from '../app/params.js';

function hm(iso: string): string {
  return iso.slice(11, 16);
}

function minutes(seconds: number): string {
  const m = Math.round(seconds / 60);
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

function legLine(l: LegOut): string {
  if (l.mode === 'WALK') return `  ${hm(l.departure)}  walk ${l.distanceMetres ?? 0} m (${minutes(l.durationSeconds)}) to ${l.to.name}`;
  const stops = (l.intermediateStops?.length ?? 0) + 1;
  const toward = l.headsign ? ` towards ${l.headsign}` : '';
  const lines = [
    `  ${hm(l.departure)}  ${l.mode.padEnd(6)} ${l.routeName ?? ''}${toward}`,
    `         board ${l.from.name} ${hm(l.departure)} → alight ${l.to.name} ${hm(l.arrival)}  (${stops} stop${stops === 1 ? '' : 's'}, ${minutes(l.durationSeconds)})`,
  ];
  if (l.realtime) lines.push(`         ${liveText(l)}`);
  for (const a of l.alerts ?? []) lines.push(`         ${alertLine(a)}`);
  return lines.join('\n');
}

/** An alert under a leg: `⚠ header — description` (the effect when the feed gave no header). */
export function alertLine(a: AlertOut): string {
  return `⚠ ${a.header || a.effect}${a.description ? ` — ${a.description}` : ''}`;
}

/** A live leg as the web page shows it (delay in whole minutes at boarding), with the timetable's times. */
function liveText(l: LegOut): string {
  if (l.added) return 'live: added trip (not in the timetable)';
  const d = Math.round((l.delaySeconds ?? 0) / 60);
  const delay = d === 0 ? 'on time' : d > 0 ? `+${d} min late` : `early −${-d} min`;
  const timetable = l.scheduledDeparture !== undefined && l.scheduledArrival !== undefined ? ` (timetable ${hm(l.scheduledDeparture)} → ${hm(l.scheduledArrival)})` : '';
  return `live: ${delay}${timetable}`;
}

export function formatPlan(_net: Network, result: PlanResult, raw: RawPlanParams): string {
  const when = raw.depart !== undefined ? `depart ${raw.depart}` : `arrive by ${raw.arrive}`;
  const head = `${raw.from} → ${raw.to}, ${when}`;
  if (result.itineraries.length === 0) return `${head}\nNo journey found.`;
  const out = [head];
  result.itineraries.forEach((it, i) => {
    const t = it.transfers === 1 ? '1 transfer' : `${it.transfers} transfers`;
    out.push('');
    out.push(`Option ${i + 1}: ${hm(it.departure)} → ${hm(it.arrival)}  ${minutes(it.durationSeconds)}, ${t}  (${it.departure.slice(0, 10)}, UTC${it.departure.slice(19)})`);
    for (const l of it.legs) out.push(legLine(l));
    out.push(`  ${hm(it.arrival)}  arrive`);
  });
  return out.join('\n');
}
