import { SERVED, expect, hydrated, sections, test } from './fixtures';

// The client is islands: reading pages carry only the small main WASM, the
// quiz and bookmarks load their own code when opened, and links move between
// pages without reloading the document (Leptos's islands router plus
// src/framework/navigation.rs).

const all = sections();

/** WASM files the page has requested so far. */
function wasmRequests(page: import('@playwright/test').Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('.wasm')) seen.push(new URL(r.url()).pathname);
  });
  return seen;
}

test('reading pages load only the main WASM; the quiz loads its own code when opened', SERVED, async ({ page }) => {
  const wasm = wasmRequests(page);
  await page.goto(`/guide/${all[1].slug}`);
  await hydrated(page);
  await page.goto('/glossary');
  await hydrated(page);
  await page.goto('/');
  await hydrated(page);
  expect(wasm.length).toBeGreaterThan(0);
  expect(wasm.every((p) => /\/pkg\/backend-guide\.[^/]+\.wasm$/.test(p)), wasm.join(', ')).toBe(true);

  // Following the header link: no reload, and the quiz's code arrives and runs.
  await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'kept'));
  await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Quiz' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Skills quiz');
  const start = page.getByRole('button', { name: 'Start the quiz' });
  await expect(start).toBeEnabled();
  await start.click();
  await expect(page.getByRole('button', { name: 'Check answer' })).toBeVisible();
  expect(wasm.some((p) => p.includes('split_quiz_app')), wasm.join(', ')).toBe(true);
  expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('kept');
});

test('a new page starts at its top, or at its heading; back returns to where the reader was', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 600 });
  await page.goto(`/guide/${all[0].slug}`);
  await hydrated(page);
  await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'kept'));
  const pager = page.getByRole('navigation', { name: 'Previous and next sections' });
  await pager.scrollIntoViewIfNeeded();
  const before = await page.evaluate(() => window.scrollY);
  expect(before).toBeGreaterThan(500);

  await pager.getByRole('link', { name: /^Next/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(all[1].title);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
  await expect(page.locator('#main')).toBeFocused();
  await expect(page.locator('meta[name="description"]')).not.toHaveAttribute('content', '');

  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(all[0].title);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(before - 50);

  await page.goForward();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(all[1].title);

  // Into the middle of another page.
  await page.goto(`/guide/${all[1].slug}`);
  await hydrated(page);
  await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'kept'));
  await page.locator(`article .prose a[href^="/guide/"][href*="#"]`).first().click();
  await expect(page).toHaveURL(/#/);
  const id = decodeURIComponent(new URL(page.url()).hash.slice(1));
  await expect(page.locator(`[id="${id}"]`)).toBeInViewport();
  expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('kept');
});

test('links within the page scroll without fetching the page again', SERVED, async ({ page }) => {
  await page.goto(`/guide/${all[2].slug}`);
  await hydrated(page);
  let fetched = 0;
  page.on('request', (r) => {
    if (r.resourceType() === 'fetch' || r.resourceType() === 'document') fetched += 1;
  });
  const onThisPage = page.getByRole('navigation', { name: 'On this page' });
  const link = onThisPage.getByRole('link').nth(2);
  const href = (await link.getAttribute('href'))!;
  await link.click();
  await expect(page).toHaveURL(new RegExp(`${href.split('#')[1]}$`));
  await expect(page.locator(`[id="${href.split('#')[1]}"]`)).toBeInViewport();
  expect(fetched).toBe(0);

  await page.goto(`/guide/${all[2].slug}`);
  await hydrated(page);
  fetched = 0;
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main')).toBeFocused();
  await expect(page).toHaveURL(/#main$/);
  expect(fetched).toBe(0);
});

test('after moving to another section, its own stars, read mark and progress are live', SERVED, async ({ page }) => {
  await page.clock.install();
  await page.goto(`/guide/${all[0].slug}`);
  await hydrated(page);
  const pager = page.getByRole('navigation', { name: 'Previous and next sections' });
  await pager.getByRole('link', { name: /^Next/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(all[1].title);

  const star = page.getByRole('button', { name: `Bookmark the section “${all[1].title}”` });
  await star.click();
  await expect(star).toHaveAttribute('aria-pressed', 'true');
  const saved = await page.evaluate(() => localStorage.getItem('backend-guide:v1:bookmarks'));
  expect(saved).toContain(`"section":"${all[1].slug}"`);
  expect(saved).not.toContain(`"section":"${all[0].slug}"`);

  // Reaching the end of the new section marks it (not the previous one
  // again), and its button follows.
  const contents = page.getByRole('navigation', { name: 'Contents' });
  // After a fair part of its reading time on the page.
  await page.clock.fastForward(60 * 60 * 1000);
  await page.locator('.section-end').scrollIntoViewIfNeeded();
  await page.mouse.wheel(0, 100);
  await expect(contents.getByRole('link', { name: all[1].title })).toContainText('(read)');
  await page.getByRole('button', { name: 'Mark as unread' }).click();
  await expect(contents.getByRole('link', { name: all[1].title })).not.toContainText('(read)');
  await page.getByRole('button', { name: 'Mark as read' }).click();
  await expect(contents.getByRole('link', { name: all[1].title })).toContainText('(read)');
  // The first section was left for "Next" at once: jumping is not reading.
  await expect(contents.getByRole('link', { name: all[0].title })).not.toContainText('(read)');
  await expect(contents.getByRole('link', { name: all[2].title })).not.toContainText('(read)');

  // The header's badge, kept across pages, counts the new bookmark.
  const site = page.getByRole('navigation', { name: 'Site' });
  await site.getByRole('link', { name: 'Glossary' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Glossary');
  await expect(site.getByRole('link', { name: /Bookmarks/ })).toHaveText(/Bookmarks\s*\(?1\)?/);
  await expect(contents.getByRole('link', { name: all[1].title })).toContainText('(read)');
});
