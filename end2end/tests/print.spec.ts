import { expect, hydrated, sections, test } from './fixtures';

test('a section prints as text alone, without navigation or controls', async ({ page }) => {
  const section = sections()[2];
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(`/guide/${section.slug}`);
  await hydrated(page);
  await page.emulateMedia({ media: 'print', colorScheme: 'dark' });

  await expect(page.getByRole('heading', { level: 1 })).toHaveText(section.title);
  await expect(page.locator('.prose').first()).toBeVisible();
  for (const hidden of [
    page.locator('.site-header'),
    page.getByRole('navigation', { name: 'Site' }),
    page.locator('.section-nav'),
    page.locator('.on-this-page'),
    page.locator('.pager'),
    page.locator('.site-footer'),
  ]) {
    await expect(hidden).toBeHidden();
  }
  // Controls are hidden; a glossary term (a button that opens its
  // definition on screen) prints as the word it is.
  const buttons = page.locator('button:not(.term)');
  expect(await buttons.count()).toBeGreaterThan(3);
  for (const button of await buttons.all()) {
    await expect(button).toBeHidden();
  }
  const terms = page.locator('.prose button.term');
  if ((await terms.count()) > 0) await expect(terms.first()).toBeVisible();
  // Black on white, whatever the screen theme.
  const colours = await page.evaluate(() => {
    const style = getComputedStyle(document.body);
    return [style.color, style.backgroundColor];
  });
  expect(colours).toEqual(['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);

  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
});
