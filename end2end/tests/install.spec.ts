import { SERVED, expect, hydrated, sections, test } from './fixtures';

interface Icon {
  src: string;
  sizes: string;
  type: string;
  purpose?: string;
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): string {
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

test('every page links a complete web app manifest with working icons', SERVED, async ({ page, request }) => {
  for (const url of ['/', '/glossary', '/quiz', '/bookmarks', '/path', '/interview', ...sections().map((s) => `/guide/${s.slug}`)]) {
    await page.goto(url);
    await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');
    await expect(page.locator('meta[name="theme-color"]')).toHaveCount(1);
  }

  const response = await request.get('/manifest.webmanifest');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/manifest+json');
  const manifest = await response.json();
  expect(manifest.name).toContain('Backend Guide');
  expect(manifest.short_name.length).toBeGreaterThan(0);
  expect(manifest.short_name.length).toBeLessThan(manifest.name.length);
  expect(manifest.start_url).toBe('/');
  expect(manifest.display).toBe('standalone');
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/);
  expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/);

  const icons: Icon[] = manifest.icons;
  const pngs = icons.filter((i) => i.type === 'image/png');
  expect(pngs.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  expect(icons.some((i) => i.purpose === 'maskable' && i.sizes === '512x512')).toBe(true);
  for (const icon of pngs) {
    const file = await request.get(icon.src);
    expect(file.status(), icon.src).toBe(200);
    expect(pngSize(await file.body()), icon.src).toBe(icon.sizes);
  }
});

test('the service worker script is served fresh, as JavaScript, listing every page', SERVED, async ({ request }) => {
  const response = await request.get('/sw.js');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/^text\/javascript/);
  expect(response.headers()['cache-control']).toBe('no-cache');
  const script = await response.text();
  for (const url of ['/', '/glossary', '/quiz', '/bookmarks', '/path', '/interview', ...sections().map((s) => `/guide/${s.slug}`)]) {
    expect(script).toContain(`"${url}"`);
  }
});

test.describe('without service workers', SERVED, () => {
  // Blocked by policy (or, here, by the test harness): the page says nothing
  // is wrong and works online, with no error from the registration code.
  test.use({ serviceWorkers: 'block', allowedConsole: [/Service Worker registration blocked/] });

  test('the guide still hydrates and works', async ({ page }) => {
    await page.goto('/guide/tools');
    await hydrated(page);
    await page.getByRole('navigation', { name: 'Previous and next sections' }).getByRole('link', { name: /^Next/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  });
});
