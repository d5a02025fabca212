/**
 * The built server (dist/src/server/main.js, i.e. `npm start`) as a child process for tests: on a
 * free port, the bundled region imported into a fresh SQLite file in a temp dir, ready once
 * /api/health answers 200. Needs `npm run build` (part of `npm test`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../src/app/load.js';
import { freePort } from './free-port.js';

/** The package root, from the source tree (vitest) or from dist/ (bench/load.ts compiled). */
export const REPO_ROOT = PACKAGE_ROOT;
export const SERVER_MAIN = path.join(REPO_ROOT, 'dist', 'src', 'server', 'main.js');

export interface ServerProcess {
  base: string;
  port: number;
  child: ChildProcess;
  /** Everything the server printed. */
  log: string[];
  logTail(): string;
  stop(): Promise<void>;
}

export async function startServer(o: { env?: Record<string, string>; tmpPrefix?: string; readyMs?: number; log?: string[] } = {}): Promise<ServerProcess> {
  if (!existsSync(SERVER_MAIN)) throw new Error(`${SERVER_MAIN} is missing: run \`npm run build\` first`);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const tmp = mkdtempSync(path.join(os.tmpdir(), o.tmpPrefix ?? 'jjj-server-'));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', JJJ_DB: path.join(tmp, 'region.sqlite') };
  delete env.JJJ_FEEDS; // the bundled region
  delete env.JJJ_TILE_URL; // no map tiles: nothing may be fetched from outside
  delete env.JJJ_REALTIME;
  delete env.JJJ_WORKERS;
  Object.assign(env, o.env ?? {});
  const child = spawn(process.execPath, [SERVER_MAIN], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log: string[] = o.log ?? [];
  child.stdout?.on('data', (d: Buffer) => log.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => log.push(d.toString()));
  const logTail = () => `\n--- server output ---\n${log.join('').slice(-3000)}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(t);
    }
    rmSync(tmp, { recursive: true, force: true });
  };
  const until = Date.now() + (o.readyMs ?? 60_000);
  let last = '';
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`the server exited with status ${child.exitCode} before it was ready${logTail()}`);
    }
    try {
      const res = await fetch(`${base}/api/health`);
      last = `${res.status} ${await res.text()}`;
      if (res.status === 200) break;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    if (Date.now() > until) {
      await stop();
      throw new Error(`${base}/api/health did not answer 200 in time (last: ${last})${logTail()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { base, port, child, log, logTail, stop };
}
