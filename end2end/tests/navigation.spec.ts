import { SERVED, expect, hydrated, sections, test } from './fixtures';

const all = sections();

test('next and previous move between sections without a full page load', SERVED, async ({ page }) => {
  await page.goto(`/guide/${all[0].slug}`);
  await hydrated(page);
  await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'still here'));

  const pager = page.getByRole('navigation', { name: 'Previous and next sections' });
  await pager.getByRole('link', { name: /^Next/ }).click();
  await expect(page).toHaveURL(`/guide/${all[1].slug}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(all[1].title);
  await expect(page).toHaveTitle(`${all[1].title} · Backend Guide`);

  await pager.getByRole('link', { name: /^Previous/ }).click();
  await expect(page).toHaveURL(`/guide/${all[0].slug}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(all[0].title);

  const marker = await page.evaluate(() => (window as unknown as { marker?: string }).marker);
  expect(marker).toBe('still here');
});

test('the table of contents follows client-side navigation', async ({ page }) => {
  await page.goto('/');
  await hydrated(page);
  await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'kept'));
  const contents = page.getByRole('navigation', { name: 'Contents' });
  const last = all[all.length - 1];
  await contents.getByRole('link', { name: last.title }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(last.title);
  await expect(contents.getByRole('link', { name: last.title })).toHaveAttribute('aria-current', 'page');
  await expect(contents.getByRole('link', { name: all[0].title })).not.toHaveAttribute('aria-current', 'page');
  expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('kept');
});

test('links inside the text and to the glossary stay in the app', SERVED, async ({ page }) => {
  await page.goto('/guide/tools');
  await hydrated(page);
  await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'kept'));
  // A term's first mention opens its definition in place; its link goes on.
  await page.locator('article .prose button.term').first().click();
  await page.locator('.term-popover:popover-open').getByRole('link', { name: 'In the glossary' }).click();
  await expect(page).toHaveURL(/\/glossary#/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Glossary');
  expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('kept');
});

test('a heading link points at its own anchor', async ({ page }) => {
  await page.goto('/guide/skills#databases');
  await hydrated(page);
  await expect(page.locator('#databases')).toBeInViewport();
});

test('on a phone the site links fold behind a menu button that closes after navigating', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto('/guide/tools');
  await hydrated(page);
  const menu = page.getByRole('button', { name: 'Menu' });
  const site = page.getByRole('navigation', { name: 'Site' });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(site.getByRole('link', { name: 'Glossary' })).toBeHidden();

  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await site.getByRole('link', { name: 'Glossary' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Glossary');
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(site.getByRole('link', { name: 'Quiz' })).toBeHidden();

  // The header fits on one row beside the folded menu: no wrapping links.
  const header = await page.locator('.site-header').boundingBox();
  expect(header!.height).toBeLessThan(140);
});

test.describe('when the WASM never arrives', SERVED, () => {
  // The blocked download is logged by the browser, the unused preload too,
  // and Leptos's loader lets the failed fetch escape as a page error.
  test.use({ allowedConsole: [/Failed to load resource|ERR_FAILED|preloaded using link preload|^Failed to fetch$/] });

  test('the phone menu still opens, leads to a page, and closes', async ({ page }) => {
    await page.route('**/*.wasm', (route) => route.abort());
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto('/guide/tools');
    const menu = page.getByRole('button', { name: 'Menu' });
    const site = page.getByRole('navigation', { name: 'Site' });
    await expect(site.getByRole('link', { name: 'Quiz' })).toBeHidden();

    await menu.click();
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    await page.keyboard.press('Escape');
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await expect(menu).toBeFocused();

    await menu.click();
    await site.getByRole('link', { name: 'Quiz' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Skills quiz');
    await expect(page.locator('html[data-hydrated]')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Menu' })).toHaveAttribute('aria-expanded', 'false');
  });
});
