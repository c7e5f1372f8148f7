import { SERVED, expect, hydrated, test } from './fixtures';

test('the slash key opens search; results are ranked, highlighted and lead to the heading', async ({ page }) => {
  await page.goto('/');
  await hydrated(page);
  await page.keyboard.press('/');
  const dialog = page.getByRole('dialog', { name: 'Search the guide' });
  await expect(dialog).toBeVisible();
  const box = dialog.getByRole('searchbox');
  await expect(box).toBeFocused();

  await box.fill('database');
  await expect(dialog.getByRole('status')).toHaveText(/\d+ results?/);
  const results = dialog.locator('.search-results > li');
  expect(await results.count()).toBeGreaterThan(3);
  // The best match has the word in its title, highlighted.
  await expect(results.first().locator('a mark').first()).toHaveText(/^database/i);
  const href = await results.first().getByRole('link').getAttribute('href');
  expect(href).toMatch(/^\/(guide\/[a-z-]+(#[a-z0-9-]+)?|glossary#[a-z0-9-]+)$/);

  await results.first().getByRole('link').click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(href!);
  const id = href!.split('#')[1];
  if (id) await expect(page.locator(`[id="${id}"]`)).toBeInViewport();
});

test('search covers the glossary and quiz explanations, and says when nothing matches', async ({ page }) => {
  await page.goto('/guide/skills');
  await hydrated(page);
  await page.getByRole('button', { name: 'Search' }).click();
  const dialog = page.getByRole('dialog', { name: 'Search the guide' });
  const box = dialog.getByRole('searchbox');
  await box.fill('ACID');
  await expect(dialog.locator('.search-where', { hasText: 'Glossary' }).first()).toBeVisible();

  await box.fill('qqqzzzx');
  await expect(dialog.getByRole('status')).toHaveText('No results. Try fewer or shorter words.');
  await expect(dialog.locator('.search-results > li')).toHaveCount(0);

  // Typing "/" in the box is just typing.
  await box.fill('');
  await box.press('/');
  await expect(box).toHaveValue('/');
  await box.fill('');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('the search index is fetched when search is first opened, not before', SERVED, async ({ page }) => {
  const fetched: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/search-index.json')) fetched.push(request.url());
  });
  await page.goto('/guide/tools');
  await hydrated(page);
  expect(fetched, 'nothing is fetched before search is opened').toEqual([]);

  await page.getByRole('button', { name: 'Search' }).click();
  const dialog = page.getByRole('dialog', { name: 'Search the guide' });
  await dialog.getByRole('searchbox').fill('cache');
  await expect(dialog.getByRole('status')).toHaveText(/\d+ results?/);
  expect(fetched).toHaveLength(1);

  // Opening it again uses what was loaded.
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(dialog.getByRole('status')).toHaveText(/\d+ results?/);
  expect(fetched).toHaveLength(1);
});
