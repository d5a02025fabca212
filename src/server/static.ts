/**
 * Static files: the web page (src/server/web), Leaflet and swagger-ui from node_modules, and the
 * API docs page. A small handler rather than a general one: the request path is decoded once,
 * any `.`/`..`/empty segment, backslash or NUL is refused, and the resolved real path must stay
 * inside the directory (symlinks included). Misses are JSON 404s like every other error.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import type { Context, Handler } from 'hono';
import { getMimeType } from 'hono/utils/mime';
import { PACKAGE_ROOT } from '../app/load.js';
import { fail } from './errors.js';

const require = createRequire(import.meta.url);

/** The directory of an installed package, or null when it is not installed. */
function packageDir(name: string): string | null {
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    return null;
  }
}

/** Where each static URL prefix is read from. */
export const STATIC_DIRS = {
  web: join(PACKAGE_ROOT, 'src', 'server', 'web'),
  leaflet: (() => {
    const d = packageDir('leaflet');
    return d === null ? null : join(d, 'dist');
  })(),
  swaggerUi: packageDir('swagger-ui-dist'),
};

/** File types served; anything else is a 404. */
const SERVED = /\.(html|js|mjs|css|map|json|png|svg|ico|woff2?|txt)$/i;

/** The path under `prefix`, decoded and checked; null when it is not a plain relative path. */
export function safeRelative(rawPath: string, prefix: string): string | null {
  if (!rawPath.startsWith(prefix)) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(rawPath.slice(prefix.length));
  } catch {
    return null;
  }
  if (rel === '' || rel.includes('\0') || rel.includes('\\')) return null;
  const parts = rel.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..')) return null;
  return rel;
}

async function sendFile(c: Context, root: string, rel: string, cacheControl: string): Promise<Response> {
  const notFound = () => fail(c, 404, 'not_found', `no file ${c.req.path}`);
  if (!SERVED.test(rel)) return notFound();
  try {
    const realRoot = await realpath(root);
    const file = await realpath(join(realRoot, rel));
    if (!file.startsWith(realRoot + sep)) return notFound();
    if (!(await stat(file)).isFile()) return notFound();
    const body = await readFile(file);
    return c.body(body, 200, {
      'content-type': getMimeType(file) ?? 'application/octet-stream',
      'cache-control': cacheControl,
      'x-content-type-options': 'nosniff',
    });
  } catch {
    return notFound();
  }
}

/** Serve files of `root` under the URL prefix `prefix` (ending with `/`). */
export function serveDir(prefix: string, root: string | null, cacheControl: string): Handler {
  return async (c) => {
    const rel = safeRelative(new URL(c.req.url).pathname, prefix);
    if (root === null || rel === null) return fail(c, 404, 'not_found', `no file ${c.req.path}`);
    return sendFile(c, root, rel, cacheControl);
  };
}

/** Serve one file of `root`. */
export function serveFile(root: string, rel: string, cacheControl: string): Handler {
  return (c) => sendFile(c, root, rel, cacheControl);
}

/** The API docs page: swagger-ui from /vendor/swagger-ui rendering /api/openapi.json. */
export const DOCS_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>jjj-router API</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="/vendor/swagger-ui/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/vendor/swagger-ui/swagger-ui-bundle.js"></script>
    <script>
      window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', validatorUrl: null, deepLinking: true });
    </script>
  </body>
</html>
`;
