/**
 * Several server processes on one port (JJJ_WORKERS=N, node:cluster): the primary forks N
 * workers, each loading its own network and answering requests (the kernel spreads connections
 * over them), and relays admin actions between them — a reload or an accepted realtime push that
 * one worker took is repeated by every other, so all serve the same network and live data. A
 * worker that dies is replaced (at most once a second).
 *
 * Each worker polls the JJJ_REALTIME URLs itself.
 */
import cluster, { type Worker } from 'node:cluster';
import type { AdminEvent } from './config.js';

/** The IPC message of a relayed admin action (realtime bytes travel as base64). */
interface Relay {
  type: 'jjj-admin';
  event: { kind: 'reload' } | { kind: 'realtime'; feed: string; base64: string };
}

const isRelay = (m: unknown): m is Relay => typeof m === 'object' && m !== null && (m as Relay).type === 'jjj-admin';

/** JJJ_WORKERS as a whole number ≥ 1 (1 = one process, no cluster); throws on anything else. */
export function workersFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const t = env.JJJ_WORKERS?.trim();
  if (t === undefined || t === '') return 1;
  const n = Number(t);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error(`JJJ_WORKERS must be a whole number from 1 to 64, got "${env.JJJ_WORKERS}"`);
  return n;
}

/** In the primary: fork the workers and relay between them. */
export function runPrimary(n: number, log: (line: string) => void = console.error): void {
  let lastFork = 0;
  const fork = () => {
    const w = cluster.fork();
    w.on('message', (m: unknown) => {
      if (!isRelay(m)) return;
      for (const other of Object.values(cluster.workers ?? {})) if (other !== undefined && other !== w) other.send(m);
    });
    return w;
  };
  // The first worker imports the feeds into the SQLite cache (if it is cold); the others start
  // when it serves, and then only read the cache — never two imports into one file at once.
  let othersStarted = false;
  cluster.on('message', (_w, m: unknown) => {
    if (othersStarted || typeof m !== 'object' || m === null || (m as { type?: string }).type !== 'jjj-ready') return;
    othersStarted = true;
    for (let i = 1; i < n; i++) fork();
  });
  fork();
  cluster.on('exit', (w: Worker, code, signal) => {
    if (stopping) return;
    log(`jjj-router: worker ${w.process.pid} exited (${signal ?? code}); starting another`);
    const wait = Math.max(0, lastFork + 1000 - Date.now());
    setTimeout(() => {
      lastFork = Date.now();
      fork();
    }, wait);
  });
  let stopping = false;
  const stop = () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

/** In a worker: tell the primary this process serves (the first one's cue to start the others). */
export function ready(): void {
  if (cluster.isWorker && process.send !== undefined) process.send({ type: 'jjj-ready' });
}

/** In a worker: send an admin action to the siblings (no-op outside a cluster). */
export function relay(event: AdminEvent): void {
  if (!cluster.isWorker || process.send === undefined) return;
  const m: Relay =
    event.kind === 'reload'
      ? { type: 'jjj-admin', event: { kind: 'reload' } }
      : { type: 'jjj-admin', event: { kind: 'realtime', feed: event.feed, base64: Buffer.from(event.bytes).toString('base64') } };
  process.send(m);
}

/** In a worker: repeat the siblings' admin actions with `apply`. */
export function onRelayed(apply: (event: AdminEvent) => void): void {
  if (!cluster.isWorker) return;
  process.on('message', (m: unknown) => {
    if (!isRelay(m)) return;
    const e = m.event;
    apply(e.kind === 'reload' ? e : { kind: 'realtime', feed: e.feed, bytes: new Uint8Array(Buffer.from(e.base64, 'base64')) });
  });
}

export const isPrimary = (): boolean => cluster.isPrimary;
