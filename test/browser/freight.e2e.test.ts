// Feature under test: the web page's freight mode end to end in a real browser (issue 6, part 4).
// The built server (dist/src/server/main.js) runs as a child process on a free port with the
// bundled region; headless Debian chromium driven by playwright-core opens `/`, switches to the
// freight tab, plans the seed case — 78 TEU from the Shijiazhuang dry port to Valencia, ready
// 2026-11-27 08:00 — through the form, and must show a sea-rail option and the all-road option with
// time / cost / CO2e bars, and the selected chain on the map; leaving the tab removes the chain.
// Screenshots go to test/artifacts/freight.png (and freight-en.png). The page must not reach any
// host but the server, nor log errors. Launch flags and the server start are those of
// plan.e2e.test.ts.
//
// Without /usr/bin/chromium the suite is skipped locally and fails under CI (CI must install it).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, CHROMIUM, CJK, REPO_ROOT, browserSession, skip } from './harness.js';
import { feedMessage, zhEn } from '../support/realtime-message.js';

const TOKEN = 'freight-e2e-token';
const SCREENSHOT = path.join(ARTIFACTS, 'freight.png');
const SCREENSHOT_EN = path.join(ARTIFACTS, 'freight-en.png');

describe.skipIf(skip)(`web page in headless chromium: freight mode${skip ? ` (skipped: no ${CHROMIUM})` : ''}`, () => {
  const s = browserSession({ tmpPrefix: 'jjj-browser-freight-', viewport: { width: 1280, height: 960 }, env: () => ({ JJJ_ADMIN_TOKEN: TOKEN }) });
  const { serverLog, requests, external, consoleErrors } = s;
  const logTail = () => s.logTail();
  let page: Page;
  let base = '';
  beforeAll(() => {
    page = s.page;
    base = s.base;
  });

  it('plans 78 TEU 石家庄国际陆港 → Valencia: sea-rail and all-road options with bars, the chain on the map', async () => {
    const t0 = Date.now();
    await page.goto(`${base}/`, { waitUntil: 'load' });
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });

    const tab = page.locator('#mode-tabs [data-mode="freight"]');
    expect(await tab.isVisible(), 'the freight tab is shown').toBe(true);
    const placesLoaded = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/freight/places');
    await tab.click();
    expect((await placesLoaded).status()).toBe(200);
    await page.waitForSelector('#freight-panel:not([hidden])');
    expect(await page.locator('#plan-panel').isVisible()).toBe(false);
    expect(new URL(page.url()).searchParams.get('mode')).toBe('freight');
    await page.waitForFunction(() => (document.querySelector('#freight-from') as HTMLSelectElement | null)?.options.length);

    // the form offers the freight places: dry ports, ports, overseas ports (destinations only), cities
    const fromValues = await page.locator('#freight-from option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    const toValues = await page.locator('#freight-to option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(fromValues).toContain('sea-rail-freight:sjz_dry_port');
    expect(fromValues).toContain('shijiazhuang');
    expect(fromValues).not.toContain('sea-rail-freight:port_valencia');
    expect(toValues).toEqual(expect.arrayContaining(['sea-rail-freight:port_valencia', 'sea-rail-freight:port_sines', 'sea-rail-freight:tianjin_port']));

    // a map click makes the clicked point the origin (a "point on map" option, selected)
    await page.locator('#map').click({ position: { x: 120, y: 760 } });
    expect(await page.locator('#freight-from').inputValue()).toMatch(/^-?\d+\.\d{5},-?\d+\.\d{5}$/);
    expect(await page.locator('.leaflet-marker-pane .pin-from').count()).toBe(1);

    await page.locator('#freight-from').selectOption('sea-rail-freight:sjz_dry_port');
    expect(await page.locator('.leaflet-marker-pane .pin-from').count(), 'the point pin goes with the point').toBe(0);
    await page.locator('#freight-to').selectOption('sea-rail-freight:port_valencia');
    await page.locator('#freight-ready').fill('2026-11-27T08:00');
    await page.locator('#freight-teu').fill('78');
    await page.locator('#freight-tonnes').fill('16');

    const planned = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/freight/plan');
    await page.locator('#freight-plan-button').click();
    const res = await planned;
    expect(res.status(), `GET ${res.url()}`).toBe(200);
    const q = new URL(res.url()).searchParams;
    expect(Object.fromEntries(q)).toMatchObject({ from: 'sea-rail-freight:sjz_dry_port', to: 'sea-rail-freight:port_valencia', ready: '2026-11-27T08:00', teu: '78', tonnesPerTeu: '16' });
    const api = (await res.json()) as { options: { kind: string; allRoad: boolean; durationHours: number; costCny: number; co2eKg: number }[] };

    const state = await page.waitForFunction(() => {
      const s = document.querySelector('#freight-results')?.getAttribute('data-state');
      return s === 'done' || s === 'error' ? s : false;
    });
    expect(await state.jsonValue(), await page.locator('#freight-status').innerText()).toBe('done');

    // one card per option: a sea-rail one and the marked all-road one
    const cards = page.locator('#freight-results .freight-option');
    expect(await cards.count()).toBe(api.options.length);
    expect(await page.locator('.freight-option[data-kind="sea-rail"]').count()).toBeGreaterThan(0);
    const roadCard = page.locator('.freight-option[data-all-road="true"]');
    expect(await roadCard.count()).toBe(1);
    expect(await roadCard.locator('.freight-badge.all-road').count()).toBe(1);
    expect(await page.locator('.freight-option[data-kind="sea-rail"] .freight-leg[data-mode="RAIL"]').count()).toBeGreaterThan(0);
    expect(await page.locator('.freight-option[data-kind="sea-rail"] .freight-leg[data-mode="SHIP"]').count()).toBeGreaterThan(0);

    // bars: time, cost and CO2e for every option, lengths proportional to the API's figures
    for (const metric of ['time', 'cost', 'co2'] as const) {
      const bars = page.locator(`.freight-bars .freight-bar[data-metric="${metric}"]`);
      expect(await bars.count(), metric).toBe(api.options.length);
      const widths = await bars.evaluateAll((bs) => bs.map((b) => (b.querySelector('.freight-bar-fill') as HTMLElement).getBoundingClientRect().width));
      const values = api.options.map((o) => (metric === 'time' ? o.durationHours : metric === 'cost' ? o.costCny : o.co2eKg));
      const max = Math.max(...values);
      const track = await bars.first().evaluate((b) => (b.querySelector('.freight-bar-track') as HTMLElement).getBoundingClientRect().width);
      widths.forEach((w, i) => expect(w, `${metric} bar ${i}`).toBeCloseTo((values[i] / max) * track, -0.5));
    }
    const seaIndex = api.options.findIndex((o) => o.kind === 'sea-rail');
    const roadIndex = api.options.findIndex((o) => o.allRoad);
    const co2Width = async (i: number) =>
      page.locator(`.freight-bar[data-metric="co2"][data-index="${i}"] .freight-bar-fill`).evaluate((e) => e.getBoundingClientRect().width);
    expect(await co2Width(seaIndex), 'the sea-rail CO2e bar is shorter than the all-road one').toBeLessThan(await co2Width(roadIndex));

    // the selected chain is drawn on the map: rail (green), ship (blue) and truck legs
    const strokes = async () =>
      page.locator('.leaflet-journey-pane path').evaluateAll((ps) => ps.map((p) => p.getAttribute('stroke')).filter((s) => s !== '#fff'));
    const drawn = await strokes();
    expect(drawn, 'chain legs on the map').toEqual(expect.arrayContaining(['#2e7d32', '#1565c0']));
    expect(await page.locator('.freight-option[aria-current="true"]').getAttribute('data-kind')).toBe('sea-rail');
    // selecting the all-road option redraws: trucks, no rail
    await roadCard.locator('.freight-option-head').click();
    expect(await page.locator('.freight-option[aria-current="true"]').getAttribute('data-all-road')).toBe('true');
    const road = await strokes();
    expect(road).toContain('#d9730d');
    expect(road).not.toContain('#2e7d32');
    await page.locator(`.freight-option[data-index="${seaIndex}"] .freight-option-head`).click();

    await page.waitForTimeout(300);
    await page.locator('.panel').evaluate((p) => p.scrollTo(0, 0)); // the form and the bars in view
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    // every option card in one picture: a tall viewport, then back
    await page.setViewportSize({ width: 1280, height: 2400 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'freight-options.png') });
    await page.setViewportSize({ width: 1280, height: 960 });

    // the chain leaves the region: "whole chain" zooms out to the sailing, and back
    const railWidth = () => page.locator('.leaflet-journey-pane path[stroke="#2e7d32"]').first().evaluate((p) => p.getBoundingClientRect().width);
    const regionWidth = await railWidth();
    await page.locator('#freight-fit').click();
    expect(await railWidth()).toBeLessThan(regionWidth / 4);
    await page.waitForTimeout(200);
    await page.screenshot({ path: path.join(ARTIFACTS, 'freight-whole-chain.png') });
    await page.locator('#freight-fit').click();
    expect(await railWidth()).toBeCloseTo(regionWidth, 0);

    // English labels
    const before = (await page.locator('#freight-plan-button').innerText()).trim();
    expect(before).toMatch(CJK);
    await page.locator('#lang-toggle').click();
    await page.waitForFunction((old) => document.querySelector('#freight-plan-button')?.textContent?.trim() !== old, before);
    expect((await page.locator('#freight-plan-button').innerText()).trim()).not.toMatch(CJK);
    expect(await page.locator('.freight-bars .freight-metric-label').first().innerText()).toBe('Time');
    expect(await page.locator('.freight-option[data-kind="sea-rail"] .freight-option-kind').first().innerText()).toBe('Sea-rail');
    await page.waitForTimeout(200);
    await page.screenshot({ path: SCREENSHOT_EN, fullPage: true });

    // back to journeys: the chain leaves the map, the journey form is back
    await page.locator('#mode-tabs [data-mode="plan"]').click();
    expect(await page.locator('#plan-panel').isVisible()).toBe(true);
    expect(await page.locator('#freight-panel').isVisible()).toBe(false);
    expect(await strokes(), 'no freight chain left on the map').toEqual([]);
    console.log(`[browser e2e] freight planned and screenshotted in ${Date.now() - t0} ms → ${path.relative(REPO_ROOT, SCREENSHOT)}`);
  }, 90_000);

  it('a service alert pushed for 天津港 shows on the rail, ship and terminal legs at the port, the description on click', async () => {
    const body = feedMessage(Math.floor(Date.now() / 1000), [
      { id: 'fog', alert: { informedEntity: [{ stopId: 'tianjin_port' }], headerText: zhEn('天津港大雾封航', 'Fog: Tianjin port closed to shipping'), descriptionText: zhEn('预计延误一天', 'Sailings about a day late') } },
    ]);
    const push = await fetch(`${base}/api/admin/realtime/sea-rail-freight`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/x-protobuf' }, body: Buffer.from(body) });
    expect(push.status, await push.clone().text()).toBe(200);
    // the page is in English since the test before; plan the same shipment again
    await page.locator('#mode-tabs [data-mode="freight"]').click();
    await page.waitForSelector('#freight-panel:not([hidden])');
    const planned = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/freight/plan');
    await page.locator('#freight-plan-button').click();
    const res = await planned;
    expect(new URL(res.url()).searchParams.get('lang')).toBe('en');
    await page.waitForFunction(() => document.querySelector('#freight-results')?.getAttribute('data-state') === 'done');
    const fog = page.locator('.freight-option[data-kind="sea-rail"] .freight-leg .leg-alert[data-alert-id="sea-rail-freight:fog"]');
    expect(await fog.count(), 'legs at the port carry the alert').toBeGreaterThan(0);
    const modes = await fog.evaluateAll((as) => as.map((a) => a.closest('.freight-leg')?.getAttribute('data-mode')));
    expect(modes).toEqual(expect.arrayContaining(['SHIP', 'TERMINAL']));
    expect(modes).not.toContain('TRUCK');
    expect(await page.locator('.freight-leg[data-mode="TRUCK"] .leg-alert').count()).toBe(0);
    expect((await fog.first().locator('.alert-header').innerText()).trim()).toBe('Fog: Tianjin port closed to shipping');
    expect(await fog.first().locator('.alert-description').isVisible()).toBe(false);
    await fog.first().locator('summary').click();
    expect((await fog.first().locator('.alert-description').innerText()).trim()).toBe('Sailings about a day late');
    await page.screenshot({ path: path.join(ARTIFACTS, 'freight-alert.png'), fullPage: true });
  }, 60_000);

  it('made no request beyond the local server and logged no console error', () => {
    expect(requests.length, 'the page made requests').toBeGreaterThan(0);
    expect(external, 'requests to hosts other than the local server').toEqual([]);
    expect(consoleErrors, 'console errors / uncaught page errors').toEqual([]);
  });
});
