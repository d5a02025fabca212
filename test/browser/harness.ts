/**
 * What every browser end-to-end test needs: the built server (dist/src/server/main.js) as a child
 * process on a free port with the bundled region imported into a fresh SQLite file in a temp dir
 * (≈2 s; neither depends on nor races with .cache/), and headless Debian chromium
 * (/usr/bin/chromium, installed by .ci/run) driven by playwright-core, with every request recorded
 * and any request leaving the machine aborted, console errors collected.
 *
 * `browserSession()` registers the beforeAll / afterAll hooks of the calling `describe`; the
 * returned object's `page` and `base` are set once its beforeAll has run. Without chromium a suite
 * is skipped locally (`skip`) and fails under CI (CI must install it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { freePort } from '../support/free-port.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SERVER_MAIN = path.join(REPO_ROOT, 'dist', 'src', 'server', 'main.js');
export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = path.join(REPO_ROOT, 'test', 'artifacts');
export const CJK = /[\u3400-\u9fff]/;

const haveChromium = existsSync(CHROMIUM);
/** Skip (locally) when chromium is missing; under CI the suite runs and fails instead. */
export const skip = !haveChromium && !process.env.CI;
if (skip) console.warn(`[browser e2e] skipped: ${CHROMIUM} is not installed (apt-get install chromium); under CI this fails instead`);

const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** URLs the page may load: the server itself, and URLs that never leave the browser. */
export function isLocal(url: string): boolean {
  if (/^(data|blob|about|chrome-error):/.test(url)) return true;
  try {
    const h = new URL(url).hostname;
    return h === '127.0.0.1' || h === 'localhost' || h === '[::1]';
  } catch {
    return false;
  }
}

export interface SessionOptions {
  /** Prefix of the temp dir holding the SQLite file. */
  tmpPrefix?: string;
  viewport?: { width: number; height: number };
  /** Extra environment for the server, computed in beforeAll (e.g. after starting a feed server). */
  env?: () => Promise<Record<string, string>> | Record<string, string>;
}

export interface Session {
  base: string;
  page: Page;
  context: BrowserContext | undefined;
  serverLog: string[];
  requests: string[];
  external: string[];
  consoleErrors: string[];
  logTail(): string;
}

export function browserSession(o: SessionOptions = {}): Session {
  let tmp: string | undefined;
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  const s: Session = {
    base: '',
    page: undefined as unknown as Page,
    context: undefined,
    serverLog: [],
    requests: [],
    external: [],
    consoleErrors: [],
    logTail: () => `\n--- server output ---\n${s.serverLog.join('').slice(-3000)}`,
  };

  beforeAll(async () => {
    if (!haveChromium) throw new Error(`${CHROMIUM} is missing: CI must install Debian's chromium (see .ci/run) for the browser end-to-end tests`);
    if (!existsSync(SERVER_MAIN)) throw new Error(`${SERVER_MAIN} is missing: run \`npm run build\` before the browser end-to-end tests`);
    mkdirSync(ARTIFACTS, { recursive: true });
    const port = await freePort();
    s.base = `http://127.0.0.1:${port}`;
    tmp = mkdtempSync(path.join(os.tmpdir(), o.tmpPrefix ?? 'jjj-browser-'));
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', JJJ_DB: path.join(tmp, 'region.sqlite') };
    delete env.JJJ_FEEDS; // the bundled region
    delete env.JJJ_TILE_URL; // no map tiles: nothing may be fetched from outside
    delete env.JJJ_REALTIME;
    Object.assign(env, (await o.env?.()) ?? {});
    server = spawn(process.execPath, [SERVER_MAIN], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout?.on('data', (d: Buffer) => s.serverLog.push(d.toString()));
    server.stderr?.on('data', (d: Buffer) => s.serverLog.push(d.toString()));

    // wait for /api/health 200 (the network loaded)
    const until = Date.now() + 60_000;
    let last = '';
    for (;;) {
      if (server.exitCode !== null) throw new Error(`the server exited with status ${server.exitCode} before it was ready${s.logTail()}`);
      try {
        const res = await fetch(`${s.base}/api/health`);
        last = `${res.status} ${await res.text()}`;
        if (res.status === 200) break;
      } catch (err) {
        last = err instanceof Error ? err.message : String(err);
      }
      if (Date.now() > until) throw new Error(`${s.base}/api/health did not answer 200 within 60 s (last: ${last})${s.logTail()}`);
      await new Promise((r) => setTimeout(r, 100));
    }

    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS, timeout: 30_000 });
    s.context = await browser.newContext({ viewport: o.viewport ?? { width: 1280, height: 860 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    // Nothing may leave the machine: record every request, and abort the external ones.
    await s.context.route(
      (url) => !isLocal(url.href),
      (route) => route.abort('blockedbyclient'),
    );
    s.page = await s.context.newPage();
    s.page.setDefaultTimeout(20_000);
    s.page.on('request', (r) => {
      s.requests.push(r.url());
      if (!isLocal(r.url())) s.external.push(r.url());
    });
    s.page.on('console', (m) => {
      if (m.type() === 'error') s.consoleErrors.push(`console: ${m.text()} @ ${m.location().url}`);
    });
    s.page.on('pageerror', (e) => s.consoleErrors.push(`page error: ${e.message}`));
  }, 90_000);

  afterAll(async () => {
    await s.context?.close().catch(() => {});
    await browser?.close().catch(() => {});
    if (server !== undefined && server.exitCode === null && server.signalCode === null) {
      const child = server;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(t);
    }
    if (tmp !== undefined) rmSync(tmp, { recursive: true, force: true });
  }, 30_000);

  return s;
}
