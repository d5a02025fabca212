// Feature under test: the web page end to end in a real browser (issue 4 part 3). The built server
// (dist/src/server/main.js) runs as a child process on a free port with the bundled region; headless
// Debian chromium (/usr/bin/chromium, installed by .ci/run) driven by playwright-core opens `/`,
// plans 燕郊 → 国贸 departing 2026-11-24 07:30 through the form, and must show an itinerary with a
// Line 22 subway leg; the language toggle switches the labels to English. Screenshots go to
// test/artifacts/ (gitignored). The page must not reach any host but the server, nor log errors.
//
// The server imports the bundled feeds into a fresh SQLite file in a temp dir (≈2 s) rather than
// reusing .cache/: the test then neither depends on nor races with whatever else uses the cache.
//
// Without /usr/bin/chromium the suite is skipped locally and fails under CI (CI must install it).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, CHROMIUM, CJK, REPO_ROOT, browserSession, skip } from './harness.js';

const SCREENSHOT = path.join(ARTIFACTS, 'plan-yanjiao-guomao.png');
const SCREENSHOT_EN = path.join(ARTIFACTS, 'plan-yanjiao-guomao-en.png');

describe.skipIf(skip)(`web page in headless chromium: plan 燕郊 → 国贸${skip ? ` (skipped: no ${CHROMIUM})` : ''}`, () => {
  const s = browserSession({ tmpPrefix: 'jjj-browser-' });
  const { serverLog, requests, external, consoleErrors } = s;
  const logTail = () => s.logTail();
  let page: Page;
  let base = '';
  beforeAll(() => {
    page = s.page;
    base = s.base;
  });

  it('plans 燕郊 → 国贸 through the form and shows a Line 22 leg; the language toggles to English', async () => {
    const t0 = Date.now();
    await page.goto(`${base}/`, { waitUntil: 'load' });
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached' }).catch(async (err: unknown) => {
      const status = await page.locator('#status').innerText().catch(() => '?');
      throw new Error(`the page never set body[data-ready=true] (#status: "${status}"; errors: ${consoleErrors.join('; ')}): ${String(err)}`);
    });
    expect(await page.locator('#map').isVisible(), '#map is visible').toBe(true);

    // origin: 燕郊 → the Line 22 station among the suggestions
    await page.locator('#from-input').fill('燕郊');
    const yanjiao = page.locator('#from-suggestions li[data-id="metro-line22:yanjiao"]');
    await yanjiao.waitFor({ state: 'visible' }).catch(async (err: unknown) => {
      const ids = await page.locator('#from-suggestions li').evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.id));
      throw new Error(`no suggestion metro-line22:yanjiao for 燕郊 (suggestions: ${JSON.stringify(ids)}): ${String(err)}`);
    });
    await yanjiao.click();

    // destination: 国贸 → the first suggestion
    await page.locator('#to-input').fill('国贸');
    const firstTo = page.locator('#to-suggestions li').first();
    await firstTo.waitFor({ state: 'visible' });
    const toId = await firstTo.getAttribute('data-id');
    expect(toId, 'the first 国贸 suggestion carries a stop id').toBeTruthy();
    await firstTo.click();

    // depart at 2026-11-24 07:30 (a Tuesday), not arrive-by
    await page.locator('#arrive-by').setChecked(false);
    await page.locator('#time-input').fill('2026-11-24T07:30');

    const planned = page.waitForResponse((r) => {
      const u = new URL(r.url());
      return u.pathname === '/api/plan' && (u.searchParams.get('depart') ?? '').startsWith('2026-11-24T07:30');
    });
    await page.locator('#plan-button').click();
    const res = await planned;
    expect(res.status(), `GET ${res.url()}`).toBe(200);
    const planUrl = new URL(res.url());
    expect(['metro-line22:yanjiao', '燕郊'], 'the plan request names the picked origin').toContain(planUrl.searchParams.get('from'));
    expect([toId, '国贸'], 'the plan request names the picked destination').toContain(planUrl.searchParams.get('to'));

    const state = await page.waitForFunction(() => {
      const s = document.querySelector('#itineraries')?.getAttribute('data-state');
      return s === 'done' || s === 'error' ? s : false;
    });
    const st = await state.jsonValue();
    expect(st, `#itineraries ended in state "${st}": ${await page.locator('#status').innerText()}`).toBe('done');

    const itineraries = page.locator('#itineraries .itinerary');
    expect(await itineraries.count()).toBeGreaterThan(0);
    const line22 = page.locator('#itineraries .itinerary .leg[data-mode="SUBWAY"][data-route-id^="metro-line22:"]');
    expect(await line22.count(), 'an itinerary with a Line 22 subway leg').toBeGreaterThan(0);
    expect(await line22.first().getAttribute('data-route-name')).toContain('22');

    // the page keeps its state in the URL
    const pageUrl = new URL(page.url());
    expect(pageUrl.searchParams.get('from')).toBeTruthy();
    expect(pageUrl.searchParams.get('to')).toBeTruthy();
    expect(pageUrl.searchParams.get('time')).toBe('2026-11-24T07:30');

    await page.waitForTimeout(400); // let the map finish fitting the route before the screenshot
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    // language toggle: the labels switch from Chinese to English
    const planLabel = page.locator('#plan-button');
    const fromLabel = page.locator('label[for="from-input"]');
    const before = { plan: (await planLabel.innerText()).trim(), from: (await fromLabel.innerText()).trim() };
    expect(before.plan).toMatch(CJK);
    await page.locator('#lang-toggle').click();
    await page.waitForFunction((old) => document.querySelector('#plan-button')?.textContent?.trim() !== old, before.plan);
    const after = { plan: (await planLabel.innerText()).trim(), from: (await fromLabel.innerText()).trim() };
    expect(after.plan).toMatch(/[A-Za-z]/);
    expect(after.plan).not.toMatch(CJK);
    expect(after.from).toMatch(/[A-Za-z]/);
    expect(after.from).not.toMatch(CJK);
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
    // the itineraries are still there after the switch
    expect(await page.locator('#itineraries .itinerary .leg[data-route-id^="metro-line22:"]').count()).toBeGreaterThan(0);
    await page.waitForTimeout(200);
    await page.screenshot({ path: SCREENSHOT_EN, fullPage: true });
    console.log(`[browser e2e] planned and screenshotted in ${Date.now() - t0} ms → ${path.relative(REPO_ROOT, SCREENSHOT)}`);
  }, 90_000);

  it('made no request beyond the local server and logged no console error', () => {
    expect(requests.length, 'the page made requests').toBeGreaterThan(0);
    expect(external, 'requests to hosts other than the local server').toEqual([]);
    expect(consoleErrors, 'console errors / uncaught page errors').toEqual([]);
  });
});
