import { expect, hydrated, sections, test } from './fixtures';

/**
 * Reading the guide as a new reader would, on a 390 px phone and on a
 * desktop, with scripts on and off: tables that show they scroll, terms
 * defined in place, copyable code, the glossary's A-Z index, and when each
 * section was last reviewed.
 */
const all = sections();

test.describe('on a 390 px phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('wide tables scroll inside their own box, which says so and takes the keyboard', async ({ page }) => {
    for (const slug of ['what-is-back-end', 'security']) {
      await page.goto(`/guide/${slug}`);
      const boxes = page.locator('.prose .table-scroll');
      expect(await boxes.count(), slug).toBeGreaterThan(0);
      const box = boxes.first();
      await expect(box).toHaveAttribute('role', 'region');
      await expect(box).toHaveAttribute('tabindex', '0');
      const { scroll, client } = await box.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
      expect(client).toBeLessThanOrEqual(390);
      // The page itself never scrolls sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      if (scroll > client) {
        // The shading at the right edge (scroll shadows) is drawn.
        const background = await box.evaluate((el) => getComputedStyle(el).backgroundImage);
        expect(background).toContain('gradient');
      }
    }
  });

  test('the glossary has an A-Z index whose letters are real touch targets', async ({ page }) => {
    await page.goto('/glossary');
    const index = page.getByRole('navigation', { name: 'Glossary by first letter' });
    const s = index.getByRole('link', { name: 'S', exact: true });
    const box = await s.boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(44);
    expect(box!.height).toBeGreaterThanOrEqual(44);
    const target = (await s.getAttribute('href'))!;
    await s.click();
    await expect(page).toHaveURL(new RegExp(`${target}$`));
    await expect(page.locator(target)).toBeInViewport();
    await expect(page.locator(target).locator('dt')).toHaveText(/^S/i);
  });
});

test('a glossary term in the text shows its definition in place, without leaving the page', async ({ page }) => {
  const section = all.find((s) => s.slug === 'tools')!;
  await page.goto(`/guide/${section.slug}`);
  const term = page.locator('.prose button.term').first();
  await expect(term).toBeVisible();
  const id = (await term.getAttribute('popovertarget'))!;
  const popover = page.locator(`#${id}`);
  await expect(popover).toBeHidden();
  await term.click();
  await expect(popover).toBeVisible();
  await expect(popover.getByRole('link', { name: 'In the glossary' })).toHaveAttribute('href', `/glossary#${id.replace(/^term-/, '')}`);
  expect(new URL(page.url()).pathname).toBe(`/guide/${section.slug}`);
  await page.keyboard.press('Escape');
  await expect(popover).toBeHidden();
});

test('each section says when it was last reviewed and lists its sources', async ({ page }) => {
  for (const s of all) {
    await page.goto(`/guide/${s.slug}`);
    await expect(page.locator('.reviewed'), s.slug).toContainText(/Last reviewed \d{1,2} \w+ 20\d\d/);
    await expect(page.locator('#sources'), s.slug).toHaveCount(1);
    expect(await page.locator('.heading-row:has(#sources) + .prose li').count(), s.slug).toBeGreaterThan(0);
  }
});

test('code blocks have a copy button that copies the code and says so', async ({ page, context }, info) => {
  await page.goto('/guide/skills');
  const block = page.locator('.prose .code-block').first();
  const button = block.getByRole('button', { name: 'Copy the code below' });
  if (info.project.name === 'no-js') {
    // Without scripts the button could do nothing, so it is not shown.
    await expect(button).toBeHidden();
    return;
  }
  await hydrated(page);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const size = await button.boundingBox();
  expect(size!.height).toBeGreaterThanOrEqual(44);
  await button.click();
  await expect(block.getByRole('status')).toHaveText('Copied to the clipboard.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.trim()).toBe((await block.locator('pre').innerText()).trim());
});
