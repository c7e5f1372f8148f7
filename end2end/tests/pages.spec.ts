import { expect, sections, test } from './fixtures';

const all = sections();

test('the overview explains the guide and lists every section', async ({ page }) => {
  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle('Backend Guide');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("The back end developer's guide");
  await expect(page.getByRole('heading', { name: 'Choosing a career' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Hiring a developer' })).toBeVisible();
  const toc = page.locator('ol.toc > li');
  await expect(toc).toHaveCount(all.length);
  for (const [i, s] of all.entries()) {
    await expect(toc.nth(i).getByRole('link', { name: s.title })).toHaveAttribute('href', `/guide/${s.slug}`);
    await expect(toc.nth(i)).toContainText(/\d+ min read/);
  }
  const description = page.locator('meta[name="description"]');
  await expect(description).toHaveAttribute('content', /back end/);
});

for (const [i, s] of all.entries()) {
  test(`guide page "${s.slug}" has its title, h1, headings and links`, async ({ page }) => {
    const response = await page.goto(`/guide/${s.slug}`);
    expect(response?.status()).toBe(200);
    await expect(page).toHaveTitle(`${s.title} · Backend Guide`);
    const h1 = page.getByRole('heading', { level: 1 });
    await expect(h1).toHaveCount(1);
    await expect(h1).toHaveText(s.title);
    await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /.{60,}/);

    // Headings are linkable: each h2/h3 has an id and links to itself.
    const headings = page.locator('article .section-heading');
    expect(await headings.count()).toBeGreaterThanOrEqual(3);
    const firstId = await headings.first().getAttribute('id');
    await expect(headings.first().getByRole('link')).toHaveAttribute('href', `/guide/${s.slug}#${firstId}`);

    // The body text came with the HTML, and the contents mark this section.
    expect((await page.locator('article .prose').allInnerTexts()).join(' ').length).toBeGreaterThan(1500);
    const contents = page.getByRole('navigation', { name: 'Contents' });
    await expect(contents.getByRole('link', { name: s.title })).toHaveAttribute('aria-current', 'page');

    const pager = page.getByRole('navigation', { name: 'Previous and next sections' });
    if (i > 0) await expect(pager.getByRole('link', { name: new RegExp(`Previous ${all[i - 1].title}`) })).toBeVisible();
    if (i < all.length - 1) await expect(pager.getByRole('link', { name: new RegExp(`Next ${all[i + 1].title}`) })).toBeVisible();
  });
}

test('headings never skip a level on any page', async ({ page }) => {
  for (const url of ['/', '/glossary', ...all.map((s) => `/guide/${s.slug}`)]) {
    await page.goto(url);
    const levels = await page.locator('h1, h2, h3, h4, h5, h6').evaluateAll((els) => els.map((e) => Number(e.tagName[1])));
    expect(levels[0], `${url} starts with h1`).toBe(1);
    expect(levels.filter((l) => l === 1), `${url} has one h1`).toHaveLength(1);
    levels.forEach((l, i) => {
      if (i > 0) expect(l - levels[i - 1], `${url}: h${levels[i - 1]} then h${l}`).toBeLessThanOrEqual(1);
    });
  }
});

test('the glossary defines terms that the guide links to', async ({ page }) => {
  const response = await page.goto('/glossary');
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle('Glossary · Backend Guide');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Glossary');
  for (const id of ['api', 'nodejs', 'sql-injection', 'git']) {
    await expect(page.locator(`#${id} dt`)).toBeVisible();
  }
  await expect(page.locator('#nodejs dd')).toContainText(/runtime/i);

  await page.goto('/guide/tools');
  const glossaryLinks = page.locator('article .prose a[href^="/glossary#"]');
  expect(await glossaryLinks.count()).toBeGreaterThan(3);
});

test('the guide shows concrete examples', async ({ page }) => {
  await page.goto('/guide/what-is-back-end');
  await expect(page.locator('pre code.language-http').first()).toContainText('HTTP/');
  await page.goto('/guide/databases');
  await expect(page.locator('pre code.language-sql').filter({ hasText: /SELECT/i }).first()).toBeVisible();
  await page.goto('/guide/tools');
  await expect(page.locator('.heading-row:has(#a-git-workflow) + .prose pre code.language-shell').first()).toContainText('git commit');
});

test('no page is wider than a 360 px phone', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const url of ['/', '/glossary', '/quiz', '/bookmarks', '/path', '/interview', '/lab', ...all.map((s) => `/guide/${s.slug}`)]) {
    await page.goto(url);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `${url} scrolls sideways`).toBeLessThanOrEqual(360);
  }
});

test('the learning path and the interview bank read as plain lists', async ({ page }) => {
  await page.goto('/path');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Learning path');
  expect(await page.locator('.stage h2').count()).toBeGreaterThanOrEqual(8);
  await expect(page.locator('.stage').first().locator('.checks li').first()).toBeVisible();
  await expect(page.locator('.stage').first().getByRole('link').first()).toBeVisible();

  await page.goto('/interview');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Interview kit');
  expect(await page.locator('.bank .bank-question').count()).toBeGreaterThanOrEqual(60);
  // Every question's points are there, one click away.
  const first = page.locator('.bank .bank-question').first();
  await first.locator('summary').click();
  await expect(first.locator('.strong-points li').first()).toBeVisible();
  await expect(first.locator('.red-flags li').first()).toBeVisible();
});
