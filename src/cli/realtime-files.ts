/**
 * `--realtime FEED=FILE.pb` (repeatable) of `jjj plan`, `plan --batch`, `isochrone`, `matrix` and
 * `freight`: the messages read once, then one overlay built from them offline — in the main thread
 * and, for the commands on worker threads, in each worker from the same bytes — and, for `plan` and
 * `freight`, their service alerts on the legs they inform.
 */
import { readFileSync } from 'node:fs';
import { AlertIndex, type ServiceAlert } from '../core/alerts.js';
import type { Network } from '../core/network.js';
import { RealtimeOverlay, type AddedTripSpec, type TripUpdateSpec } from '../core/realtime.js';
import { decodeRealtime, mergeDifferential, RealtimeError } from '../feeds/realtime.js';
import { UsageError } from './common.js';

export interface RealtimeFile {
  /** As given: `FEED=FILE.pb`. */
  spec: string;
  feed: string;
  bytes: Uint8Array;
}

/** Read each `FEED=FILE.pb`; a malformed spec or unreadable file is a UsageError naming it. */
export function readRealtimeFiles(specs: readonly string[]): RealtimeFile[] {
  return specs.map((spec) => {
    const eq = spec.indexOf('=');
    if (eq <= 0) throw new UsageError(`--realtime must be FEED=FILE.pb, got "${spec}"`);
    const file = spec.slice(eq + 1);
    try {
      return { spec, feed: spec.slice(0, eq), bytes: new Uint8Array(readFileSync(file)) };
    } catch (err) {
      throw new UsageError(`--realtime ${spec}: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
}

/**
 * One overlay of all the messages (a DIFFERENTIAL one applied to the same feed's message before
 * it), each matched as of its header timestamp (else `fallbackNow`,
 * epoch seconds: the query's time); null without messages. `report` gets a line of counts per
 * message and one for times put in order. A message that does not decode, or names an unknown
 * feed, is a UsageError naming it.
 */
export function offlineOverlay(net: Network, files: readonly RealtimeFile[], fallbackNow: number, report?: (line: string) => void): RealtimeOverlay | null {
  return offlineLive(net, files, fallbackNow, report)?.overlay ?? null;
}

/** What the messages give the answers: the overlay of their trip updates and their service alerts. */
export interface OfflineLive {
  overlay: RealtimeOverlay;
  alerts: AlertIndex;
}

/** offlineOverlay, and the messages' service alerts indexed against the network (for the legs they inform). */
export function offlineLive(net: Network, files: readonly RealtimeFile[], fallbackNow: number, report?: (line: string) => void): OfflineLive | null {
  if (files.length === 0) return null;
  const updates: TripUpdateSpec[] = [];
  const added: AddedTripSpec[] = [];
  const alerts: ServiceAlert[] = [];
  // a DIFFERENTIAL message applies to the feed's message before it, as the server does
  const messages: RealtimeFile[] = [];
  for (const f of files) {
    const before = messages.findLastIndex((m) => m.feed === f.feed);
    let bytes: Uint8Array;
    try {
      bytes = mergeDifferential(before >= 0 ? messages[before].bytes : null, f.bytes);
    } catch (err) {
      if (err instanceof RealtimeError) throw new UsageError(`--realtime ${f.spec}: ${err.message}`);
      throw err;
    }
    if (bytes !== f.bytes && before >= 0) messages[before] = { spec: `${messages[before].spec} + ${f.spec}`, feed: f.feed, bytes };
    else messages.push({ ...f, bytes });
  }
  for (const f of messages) {
    try {
      const d = decodeRealtime(net, f.feed, f.bytes, fallbackNow);
      const now = d.timestamp ?? fallbackNow;
      const decoded = now === fallbackNow ? d : decodeRealtime(net, f.feed, f.bytes, now);
      updates.push(...decoded.updates);
      added.push(...decoded.added);
      alerts.push(...decoded.alerts);
      const c = decoded.counts;
      report?.(`realtime ${f.feed}: ${c.matched} matched, ${c.unmatched} not (${Object.entries(c.reasons).map(([k, v]) => `${k} ×${v}`).join(', ') || 'none'})`);
    } catch (err) {
      if (err instanceof RealtimeError) throw new UsageError(`--realtime ${f.spec}: ${err.message}`);
      throw err;
    }
  }
  const overlay = new RealtimeOverlay(net.timetable, net.input, updates, added);
  if (overlay.corrected.length > 0) report?.(`realtime: ${overlay.corrected.length} run(s) with times running backwards, put in order`);
  return { overlay, alerts: new AlertIndex(net, alerts) };
}

/** Counts to the terminal only (stderr), as the commands' other progress lines. */
export const ttyReport = (line: string): void => {
  if (process.stderr.isTTY) process.stderr.write(line + '\n');
};
