import crypto from 'node:crypto';
import { expect, test } from '@playwright/test';
import { SERVED } from './fixtures';

// What every response carries, from our server and from nginx serving the
// static export alike (bench/export-test.sh runs this file against both).
// Requests say what the TLS proxy in front of our server says
// (deploy/nginx.conf): that the visitor came over HTTPS. Only then does our
// server send HSTS (RFC 6797 forbids it on plain HTTP); the last test
// checks that.
test.use({ extraHTTPHeaders: { 'x-forwarded-proto': 'https' } });

const SECURITY: Record<string, RegExp> = {
  'x-content-type-options': /^nosniff$/,
  'referrer-policy': /^strict-origin-when-cross-origin$/,
  'x-frame-options': /^DENY$/,
  'cross-origin-opener-policy': /^same-origin$/,
  'cross-origin-resource-policy': /^same-origin$/,
  'permissions-policy': /camera=\(\)/,
  'strict-transport-security': /^max-age=\d{8,}/,
  'content-security-policy': /script-src 'self' 'wasm-unsafe-eval'/,
};

function expectSecurityHeaders(headers: Record<string, string>, what: string) {
  for (const [name, value] of Object.entries(SECURITY)) {
    expect(headers[name], `${name} on ${what}`).toMatch(value);
  }
  const policy = headers['content-security-policy'];
  expect(policy, what).not.toContain('unsafe-inline');
  expect(policy, what).not.toContain("'unsafe-eval'");
  expect(policy, what).toContain("frame-ancestors 'none'");
  expect(policy, what).toContain("object-src 'none'");
}

/** The quoted `'sha256-...'` source of `text`. */
const sha256 = (text: string) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The `sha256-...` source of every inline script in `html`. */
function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => sha256(m[1]));
}

test('pages, assets and the 404 page carry the security headers and their cache rules', SERVED, async ({ request }) => {
  // Our server makes its brotli bodies in the background for a few seconds
  // after it starts (gzip until then): wait for them when this test runs first.
  const brotli = () => request.get('/guide/skills', { headers: { 'accept-encoding': 'br, gzip' } });
  await expect.poll(async () => (await brotli()).headers()['content-encoding'], { timeout: 20_000 }).toBe('br');
  const page = await brotli();
  expect(page.status()).toBe(200);
  const headers = page.headers();
  expectSecurityHeaders(headers, 'a page');
  expect(headers['cache-control']).toBe('no-cache');
  expect(headers['content-type']).toMatch(/^text\/html/);
  expect(headers['content-encoding']).toBe('br');
  expect(headers['x-build'], 'the service worker keeps pages of its own build').toMatch(/^[0-9a-z-]+$/);
  const html = await page.text();
  // Every inline script may run, and no other.
  for (const hash of inlineScriptHashes(html)) {
    expect(headers['content-security-policy']).toContain(hash);
  }

  // The stylesheet is in the page (no request before the first paint),
  // and only it may style the page.
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
  expect(styles, 'the page carries the stylesheet').toHaveLength(1);
  expect(styles[0]).toContain('.section-nav');
  expect(html).not.toContain('rel="stylesheet"');
  expect(headers['content-security-policy']).toContain(`style-src 'self' ${sha256(styles[0])};`);

  const js = html.match(/<link rel="modulepreload" href="(\/pkg\/[^"]+\.js)"/)?.[1];
  expect(js, 'the page preloads the client').toBeTruthy();
  const asset = await request.get(js!, { headers: { 'accept-encoding': 'gzip' } });
  expect(asset.status()).toBe(200);
  expectSecurityHeaders(asset.headers(), 'a hashed asset');
  expect(asset.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(asset.headers()['content-encoding']).toBe('gzip');
  expect(asset.headers()['content-type']).toMatch(/^text\/javascript/);

  // The service worker lists every file of the build.
  const worker = await (await request.get('/sw.js')).text();
  const wasm = worker.match(/"(\/pkg\/[^"]+\.wasm)"/)?.[1];
  expect(wasm, 'the build has a WASM module').toBeTruthy();
  expect((await request.head(wasm!)).headers()['content-type']).toBe('application/wasm');

  const missing = await request.get('/no/such/page');
  expect(missing.status()).toBe(404);
  expectSecurityHeaders(missing.headers(), 'the 404 page');
  expect(await missing.text()).toContain('Page not found');
});

test('a query string gets the page itself, and a folder without a page gets 404', SERVED, async ({ request }) => {
  const plain = await request.get('/quiz');
  const tracked = await request.get('/quiz?utm_source=newsletter&seed=4');
  expect(tracked.status()).toBe(200);
  expect(await tracked.text()).toBe(await plain.text());

  const folder = await request.get('/guide/');
  expect(folder.status()).toBe(404);
  expect(await folder.text()).toContain('Page not found');
});

test.describe('plain HTTP, no proxy in front', () => {
  test.use({ extraHTTPHeaders: {} });

  test('our server sends HSTS only to visitors who came over TLS', async ({ request }) => {
    for (const path of ['/', '/guide/what-is-back-end', '/no/such/page']) {
      const plain = await request.get(path);
      const headers = plain.headers();
      expect(headers['strict-transport-security'], `${path} over plain HTTP`).toBeUndefined();
      expect(headers['x-frame-options'], path).toBe('DENY');
      expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
      const proxied = await request.get(path, { headers: { 'x-forwarded-proto': 'https' } });
      expect(proxied.headers()['strict-transport-security'], `${path} through a TLS proxy`).toMatch(/^max-age=\d{8,}/);
    }
  });
});
