import fs from 'node:fs';
import { expect, hydrated, plantOnce, sections, test } from './fixtures';

const all = sections();
const BOOKMARKS_KEY = 'backend-guide:v1:bookmarks';

test('add, annotate, remove with undo, and clear bookmarks; they persist', async ({ page, context }) => {
  await page.goto('/guide/skills');
  await hydrated(page);
  const sectionStar = page.getByRole('button', { name: 'Bookmark the section “Essential skills”' });
  await expect(sectionStar).toHaveAttribute('aria-pressed', 'false');
  // A touch target of at least 44 px, and a confirmation when pressed.
  const box = await sectionStar.boundingBox();
  expect(box!.width).toBeGreaterThanOrEqual(44);
  expect(box!.height).toBeGreaterThanOrEqual(44);
  await sectionStar.click();
  await expect(sectionStar).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('status').filter({ hasText: 'Bookmarked' }).first()).toBeVisible();

  const headingStar = page.getByRole('button', { name: /^Bookmark the heading “Databases”/ });
  await headingStar.click();
  await expect(headingStar).toHaveAttribute('aria-pressed', 'true');
  const badge = page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: /Bookmarks/ });
  await expect(badge).toHaveText(/Bookmarks\s*\(?2\)?/);

  // The list, newest first.
  await badge.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bookmarks');
  const items = page.locator('.bookmark');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText('Essential skills › Databases');
  await expect(items.nth(1)).toContainText('Essential skills');
  await expect(items.nth(0)).toContainText(/Saved \d{4}-\d{2}-\d{2}/);

  // A note.
  await items.nth(0).getByRole('button', { name: 'Add a note' }).click();
  await expect(page.getByLabel(/Note for Essential skills › Databases/)).toBeFocused();
  await page.keyboard.type('Compare with MongoDB');
  await page.getByRole('button', { name: 'Save note' }).click();
  await expect(items.nth(0).locator('.note')).toHaveText('Compare with MongoDB');
  // The note shows beside the bookmarked heading in the guide.
  await items.nth(0).getByRole('link', { name: /Databases/ }).click();
  await hydrated(page);
  await expect(page.locator('.bookmark-note').filter({ hasText: 'Compare with MongoDB' })).toBeVisible();
  await page.goBack();
  await hydrated(page);

  // Kept after a reload and in a new page.
  await page.reload();
  await hydrated(page);
  await expect(items).toHaveCount(2);
  await expect(items.nth(0).locator('.note')).toHaveText('Compare with MongoDB');
  const other = await context.newPage();
  await other.goto('/guide/skills');
  await hydrated(other);
  await expect(other.getByRole('button', { name: /^Bookmark the heading “Databases”/ })).toHaveAttribute('aria-pressed', 'true');
  await other.close();

  // Remove, undo, remove again.
  await items.nth(1).getByRole('button', { name: 'Remove' }).click();
  await expect(items).toHaveCount(1);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(items).toHaveCount(2);
  await items.nth(1).getByRole('button', { name: 'Remove' }).click();
  await expect(items).toHaveCount(1);

  // Clear all asks first.
  await page.getByRole('button', { name: 'Clear all bookmarks' }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(items).toHaveCount(1);
  await page.getByRole('button', { name: 'Clear all bookmarks' }).click();
  await page.getByRole('button', { name: 'Yes, remove all' }).click();
  await expect(page.getByText('No bookmarks yet')).toBeVisible();
  await page.reload();
  await expect(page.getByText('No bookmarks yet')).toBeVisible();
});

test('two open tabs stay in step', async ({ context }) => {
  const one = await context.newPage();
  const two = await context.newPage();
  await one.goto('/guide/tools');
  await two.goto('/bookmarks');
  await hydrated(one);
  await hydrated(two);
  await expect(two.getByText('No bookmarks yet')).toBeVisible();
  await one.getByRole('button', { name: 'Bookmark the section “Common tools and technologies”' }).click();
  await expect(two.locator('.bookmark')).toHaveCount(1);
  await expect(two.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: /Bookmarks/ })).toContainText('1');
  await two.locator('.bookmark').getByRole('button', { name: 'Remove' }).click();
  await expect(one.getByRole('button', { name: 'Bookmark the section “Common tools and technologies”' })).toHaveAttribute(
    'aria-pressed',
    'false',
  );
});

test('corrupt saved bookmarks are set aside under a backup key with a notice', async ({ page }) => {
  await plantOnce(page, BOOKMARKS_KEY, '{"version":1,"data":{"items":[{"section":');
  await page.goto('/bookmarks');
  const notice = page.getByRole('status').getByText(/Your saved bookmarks could not be read because it is not valid JSON/);
  await expect(notice).toBeVisible();
  const backup = await page.evaluate(() => Object.keys(localStorage).find((k) => k.startsWith('backend-guide:backup:bookmarks:')));
  expect(backup).toBeTruthy();
  expect(await page.evaluate((k) => localStorage.getItem(k!), backup)).toContain('"section":');
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
  // Bookmarking works again.
  await page.goto('/guide/careers');
  await page.getByRole('button', { name: /^Bookmark the section/ }).click();
  await expect(page.getByRole('button', { name: /^Bookmark the section/ })).toHaveAttribute('aria-pressed', 'true');
});

test('a newer format is not overwritten: it is backed up and reported', async ({ page }) => {
  await plantOnce(page, BOOKMARKS_KEY, '{"version":7,"data":{"future":true}}');
  await page.goto('/bookmarks');
  await expect(page.getByText(/saved by a newer version of the site/)).toBeVisible();
  const backup = await page.evaluate(() => Object.keys(localStorage).find((k) => k.startsWith('backend-guide:backup:bookmarks:')));
  expect(await page.evaluate((k) => localStorage.getItem(k!), backup)).toContain('"future":true');
});

test('a bookmark whose heading was removed stays listed, marked as moved', async ({ page }) => {
  await page.addInitScript((key) => {
    localStorage.setItem(
      key,
      JSON.stringify({ version: 1, data: { items: [{ section: 'skills', heading: 'a-heading-that-was-removed', note: 'old', saved_at: 1 }] } }),
    );
  }, BOOKMARKS_KEY);
  await page.goto('/bookmarks');
  const item = page.locator('.bookmark');
  await expect(item).toContainText('moved');
  await expect(item.getByRole('link', { name: 'Essential skills' })).toHaveAttribute('href', '/guide/skills');
});

test('a bookmark of a heading that became part of another section follows it there', async ({ page }) => {
  // Databases was a part of Essential skills before it became a section.
  await plantOnce(
    page,
    BOOKMARKS_KEY,
    JSON.stringify({
      version: 1,
      data: { items: [{ section: 'skills', heading: 'transactions-and-isolation', note: 'read the anomalies table', saved_at: 1 }] },
    }),
  );
  await page.goto('/bookmarks');
  const item = page.locator('.bookmark');
  const link = item.getByRole('link', { name: 'Databases › Transactions and isolation' });
  await expect(link).toHaveAttribute('href', '/guide/databases#transactions-and-isolation');
  await expect(item).not.toContainText('moved');
  await expect(item).toContainText('read the anomalies table');
  // Stored where the heading is now, once, with its note.
  await expect
    .poll(() => page.evaluate((k) => JSON.parse(localStorage.getItem(k)!).data.items, BOOKMARKS_KEY))
    .toEqual([{ section: 'databases', heading: 'transactions-and-isolation', note: 'read the anomalies table', saved_at: 1 }]);
  await link.click();
  await hydrated(page);
  await expect(page.getByRole('button', { name: /^Bookmark the heading “Transactions and isolation”/ })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
});

test('jumping to the end at once is not reading: a section is marked read after time on it', async ({ page }) => {
  const target = all[1];
  await page.clock.install();
  await page.goto(`/guide/${target.slug}`);
  await hydrated(page);
  const contents = page.getByRole('navigation', { name: 'Contents' });
  await expect(contents.getByRole('link', { name: `${target.title} (read)` })).toHaveCount(0);
  await page.locator('.section-end').scrollIntoViewIfNeeded();
  await page.mouse.wheel(0, 200);
  await expect(page.getByRole('button', { name: 'Mark as read' })).toBeVisible();
  await expect(page.getByText('You have read this section.')).toHaveCount(0);
  // A reader who spends a fair part of the reading time on it has read it.
  await page.clock.fastForward(30 * 60 * 1000);
  await page.mouse.wheel(0, -200);
  await page.mouse.wheel(0, 200);
  await expect(page.getByText('You have read this section.')).toBeVisible();
  await expect(contents.getByRole('link', { name: `${target.title} (read)` })).toBeVisible();

  // The overview shows the progress and where to continue.
  await page.goto('/');
  await hydrated(page);
  await expect(page.getByText(`You have read 1 of ${all.length} sections.`)).toBeVisible();
  await expect(page.getByText('Continue reading:').getByRole('link')).toHaveText(all[2].title);

  await page.goto(`/guide/${target.slug}`);
  await page.getByRole('button', { name: 'Mark as unread' }).click();
  await expect(contents.getByRole('link', { name: `${target.title} (read)` })).toHaveCount(0);
  await page.getByRole('button', { name: 'Mark as read' }).click();
  await expect(contents.getByRole('link', { name: `${target.title} (read)` })).toBeVisible();
});

test('export, then import into a fresh browser, restores bookmarks and progress', async ({ page, browser }, info) => {
  await page.goto('/guide/teamwork');
  await hydrated(page);
  await page.getByRole('button', { name: /^Bookmark the section/ }).click();
  await page.getByRole('button', { name: /^Bookmark the heading “Communication”/ }).click();
  await page.getByRole('button', { name: 'Mark as read' }).click();
  await expect(page.getByText('You have read this section.')).toBeVisible();
  await page.goto('/bookmarks');
  await hydrated(page);
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export all saved data' }).click();
  const download = await downloading;
  const file = info.outputPath('export.json');
  await download.saveAs(file);
  const exported = JSON.parse(fs.readFileSync(file, 'utf8'));
  expect(exported.app).toBe('backend-guide');
  expect(exported.bookmarks).toHaveLength(2);
  expect(exported.progress.read).toEqual(['teamwork']);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto('/bookmarks');
  await hydrated(other);
  await expect(other.getByText('No bookmarks yet')).toBeVisible();
  await other.getByLabel('Import saved data').setInputFiles(file);
  await expect(other.getByText('Import finished: added 2 bookmarks and 1 section marked as read.')).toBeVisible();
  await expect(other.locator('.bookmark')).toHaveCount(2);
  await expect(
    other.getByRole('navigation', { name: 'Contents' }).getByRole('link', { name: 'Working in a team (read)' }),
  ).toBeVisible();
  // A second import adds nothing.
  await other.getByLabel('Import saved data').setInputFiles(file);
  await expect(other.getByText('Import finished: added 0 bookmarks and 0 sections marked as read.')).toBeVisible();
  await expect(other.locator('.bookmark')).toHaveCount(2);
  // Something that is not an export is refused.
  await other.getByLabel('Import saved data').setInputFiles({
    name: 'x.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"hello":1}'),
  });
  await expect(other.getByText('Nothing was imported: the file is not a Backend Guide export.')).toBeVisible();
  await fresh.close();
});

test('with storage unavailable the site works in memory and says so', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('denied', 'SecurityError');
      },
    });
  });
  await page.goto('/guide/skills');
  await hydrated(page);
  await expect(page.getByText(/not letting this site save data/).first()).toBeVisible();
  const star = page.getByRole('button', { name: 'Bookmark the section “Essential skills”' });
  await star.click();
  await expect(star).toHaveAttribute('aria-pressed', 'true');
});

test('a full storage quota is reported, not dropped silently', async ({ page }) => {
  await page.goto('/guide/skills');
  await hydrated(page);
  await page.evaluate(() => {
    let size = 1024 * 1024;
    let n = 0;
    while (size >= 8) {
      try {
        localStorage.setItem(`filler-${n++}`, 'x'.repeat(size));
      } catch {
        size = Math.floor(size / 2);
      }
    }
  });
  await page.getByRole('button', { name: 'Bookmark the section “Essential skills”' }).click();
  await expect(page.getByText(/could not be saved: the browser's storage for this site is full/)).toBeVisible();
});
