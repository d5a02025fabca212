/**
 * Feature under test: the OpenAPI 3.1 document is generated from the request schemas (every route,
 * its parameters and bounds), /api/docs renders it with the locally served swagger-ui (nothing from
 * another host), and static files are served from their directories with the right content types
 * and no way out of them.
 */
import { describe, expect, test } from 'vitest';
import { LIMITS } from '../../src/app/params.js';
import { safeRelative } from '../../src/server/static.js';
import { json, readyApp, type ErrorJson } from './helpers.js';

type Param = { name: string; in: string; required?: boolean; schema: Record<string, unknown> };
type Doc = { openapi: string; info: { title: string; version: string }; paths: Record<string, Record<string, { parameters?: Param[]; responses: Record<string, unknown>; security?: unknown }>>; components: { securitySchemes?: Record<string, unknown> } };

describe('OpenAPI document', async () => {
  const { app } = await readyApp({ adminToken: 'secret' });
  const doc = await json<Doc>(await app.request('/api/openapi.json'));

  test('is OpenAPI 3.1 and lists every route with its method', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.version).toMatch(/^\d+\.\d+\.\d+/);
    const routes = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    expect(routes.sort()).toEqual(
      ['GET /api/plan', 'GET /api/stops', 'GET /api/stops/{id}', 'GET /api/feeds', 'GET /api/health', 'GET /api/config', 'GET /api/network', 'POST /api/admin/reload', 'GET /api/realtime', 'GET /api/realtime/vehicles', 'POST /api/admin/realtime/{feed}', 'GET /api/freight/plan', 'GET /api/freight/places', 'GET /api/isochrone'].sort(),
    );
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc); // plain JSON
  });

  test('is structurally valid: path templates declared, responses described, every $ref resolves', () => {
    const text = JSON.stringify(doc);
    for (const [, ref] of text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g))
      expect((doc.components as { schemas: Record<string, unknown> }).schemas[ref], ref).toBeDefined();
    for (const [path, ops] of Object.entries(doc.paths)) {
      expect(path).toMatch(/^\/api\//);
      for (const [method, op] of Object.entries(ops)) {
        expect(['get', 'post']).toContain(method);
        const declared = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
        const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        expect(declared.sort(), path).toEqual(templated.sort());
        for (const p of op.parameters ?? []) {
          expect(['query', 'path']).toContain(p.in);
          if (p.in === 'path') expect(p.required).toBe(true);
          expect(p.schema).toBeTypeOf('object');
        }
        expect(Object.keys(op.responses).length).toBeGreaterThan(0);
        for (const [status, r] of Object.entries(op.responses)) {
          expect(status).toMatch(/^[1-5]\d\d$/);
          expect((r as { description?: string }).description, `${method} ${path} ${status}`).toBeTruthy();
        }
      }
    }
  });

  test('parameters carry the bounds that validate requests', () => {
    const params = (p: string) => Object.fromEntries((doc.paths[p].get.parameters ?? []).map((x) => [x.name, x]));
    const plan = params('/api/plan');
    expect(Object.keys(plan).sort()).toEqual(['arrive', 'depart', 'from', 'lang', 'maxHours', 'maxTransfers', 'maxWalk', 'modes', 'to', 'transferSlack'].sort());
    expect(plan.from).toMatchObject({ in: 'query', required: true, schema: { type: 'string', maxLength: LIMITS.placeChars } });
    expect(plan.maxHours.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: LIMITS.maxHours, default: 24 });
    expect(plan.maxWalk.schema).toMatchObject({ type: 'integer', maximum: LIMITS.maxWalkMetres });
    expect(params('/api/stops').q).toMatchObject({ required: true, schema: { maxLength: 100 } });
    expect(params('/api/stops').limit.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 50, default: 10 });
    const stop = params('/api/stops/{id}');
    expect(stop.id).toMatchObject({ in: 'path', required: true });
    expect(stop.windowMinutes.schema).toMatchObject({ maximum: 1440, default: 120 });
    expect(stop.limit.schema).toMatchObject({ maximum: 100, default: 20 });
  });

  test('responses are described, errors by one shared schema; admin needs the bearer scheme', () => {
    expect(Object.keys(doc.paths['/api/plan'].get.responses).sort()).toEqual(['200', '400', '503']);
    expect(Object.keys(doc.paths['/api/stops/{id}'].get.responses).sort()).toEqual(['200', '400', '404', '503']);
    expect(doc.paths['/api/plan'].get.responses['400']).toMatchObject({ content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
    expect(doc.paths['/api/admin/reload'].post.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.components.securitySchemes?.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  test('without an admin token the admin route is not documented', async () => {
    const off = await readyApp();
    const d = await json<Doc>(await off.app.request('/api/openapi.json'));
    expect(d.paths['/api/admin/reload']).toBeUndefined();
  });

  test('/api/docs renders it with the vendored swagger-ui, nothing from another host', async () => {
    const res = await app.request('/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('/api/openapi.json');
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]).filter((r) => !r.startsWith('data:'));
    expect(refs.sort()).toEqual(['/vendor/swagger-ui/swagger-ui-bundle.js', '/vendor/swagger-ui/swagger-ui.css']);
    expect(html).not.toMatch(/https?:/);
    for (const r of refs) {
      const asset = await app.request(r);
      expect(asset.status, r).toBe(200);
      expect(asset.headers.get('content-type'), r).toMatch(r.endsWith('.css') ? /^text\/css/ : /javascript/);
    }
  });
});

describe('static files', async () => {
  const { app } = await readyApp();

  test('the web page and its files', async () => {
    const index = await app.request('/');
    // the page is written alongside; when it exists it is served as HTML
    if (index.status === 200) {
      expect(index.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await index.text()).toMatch(/<html/i);
      const css = await app.request('/web/style.css');
      expect(css.status).toBe(200);
      expect(css.headers.get('content-type')).toMatch(/^text\/css/);
      const js = await app.request('/web/app.js');
      expect(js.headers.get('content-type')).toMatch(/javascript/);
    } else expect(index.status).toBe(404);
  });

  test('Leaflet is served from the package', async () => {
    const css = await app.request('/vendor/leaflet/leaflet.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await css.text()).toContain('.leaflet-container');
    const js = await app.request('/vendor/leaflet/leaflet.js');
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    const png = await app.request('/vendor/leaflet/images/marker-icon.png');
    expect(png.headers.get('content-type')).toBe('image/png');
  });

  test('no way out of a directory, misses are JSON 404s', async () => {
    for (const p of [
      '/web/../package.json',
      '/web/%2e%2e/package.json',
      '/web/..%2fpackage.json',
      '/web/..%2F..%2Fpackage.json',
      '/web/%2e%2e%2f%2e%2e%2fpackage.json',
      '/web/..%5c..%5cpackage.json',
      '/web/%00.js',
      '/web/',
      '/web//etc/passwd',
      '/vendor/leaflet/../../package.json',
      '/vendor/leaflet/..%2f..%2fpackage.json',
      '/vendor/swagger-ui/..%2fpackage.json',
      '/vendor/leaflet/nope.css',
      '/vendor/swagger-ui/package.json.exe',
      '/web/%E4%B8',
    ]) {
      const res = await app.request(p);
      expect(res.status, p).toBe(404);
      expect((await json<ErrorJson>(res)).error.code, p).toBe('not_found');
    }
  });

  test('safeRelative refuses dot segments, separators and bad encodings', () => {
    expect(safeRelative('/web/a/b.js', '/web/')).toBe('a/b.js');
    expect(safeRelative('/web/%E7%94%B2.js', '/web/')).toBe('甲.js');
    for (const bad of ['/web/', '/web/../x', '/web/a/../../x', '/web/%2e%2e/x', '/web/a%2f..%2f..%2fx', '/web/a%5cb', '/web/a//b', '/web/%ZZ', '/web/a%00', '/other/x'])
      expect(safeRelative(bad, '/web/'), bad).toBeNull();
  });
});
