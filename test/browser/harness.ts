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
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { REPO_ROOT, startServer, type ServerProcess } from '../support/server-process.js';

export { REPO_ROOT };
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
  let server: ServerProcess | undefined;
  let browser: Browser | undefined;
  const s: Session = {
    base: '',
    page: undefined as unknown as Page,
    context: undefined,
    serverLog: [],
    requests: [],
    external: [],
    consoleErrors: [],
    logTail: () => server?.logTail() ?? '',
  };

  beforeAll(async () => {
    if (!haveChromium) throw new Error(`${CHROMIUM} is missing: CI must install Debian's chromium (see .ci/run) for the browser end-to-end tests`);
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startServer({ tmpPrefix: o.tmpPrefix ?? 'jjj-browser-', env: (await o.env?.()) ?? {}, log: s.serverLog });
    s.base = server.base;

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
    await server?.stop();
  }, 30_000);

  return s;
}
