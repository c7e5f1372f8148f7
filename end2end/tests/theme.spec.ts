import type { Page } from '@playwright/test';
import { SERVED, expect, hydrated, test } from './fixtures';

const THEME_KEY = 'backend-guide:theme';

/** What the page looked like at its first parse, before any WASM ran. */
async function recordFirstPaint(page: Page) {
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      const w = window as unknown as Record<string, string | undefined>;
      w.firstTheme = document.documentElement.dataset.theme;
      w.firstBackground = getComputedStyle(document.body).backgroundColor;
    });
  });
}

async function firstPaint(page: Page) {
  return page.evaluate(() => {
    const w = window as unknown as Record<string, string | undefined>;
    return { theme: w.firstTheme, background: w.firstBackground };
  });
}

async function background(page: Page) {
  return page.evaluate(() => getComputedStyle(document.body).backgroundColor);
}

test('the theme follows the system until the reader picks one', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  await hydrated(page);
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const dark = await background(page);

  await page.emulateMedia({ colorScheme: 'light' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  const light = await background(page);
  expect(light).not.toBe(dark);
});

test('the chosen theme is kept and applied before the first paint', SERVED, async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/guide/skills');
  await hydrated(page);
  const lightBackground = await background(page);
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');

  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const darkBackground = await background(page);
  expect(darkBackground).not.toBe(lightBackground);
  expect(await page.evaluate((k) => localStorage.getItem(k), THEME_KEY)).toBe('dark');

  // A new load: dark from the very first parse, although the system is light.
  await recordFirstPaint(page);
  await page.reload();
  expect(await firstPaint(page)).toEqual({ theme: 'dark', background: darkBackground });
  await hydrated(page);
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');

  // And back: light is remembered too.
  await toggle.click();
  await page.reload();
  expect(await firstPaint(page)).toEqual({ theme: 'light', background: lightBackground });
});

test('a nonsense stored theme is ignored: the system setting applies', async ({ page }) => {
  await page.addInitScript((k) => localStorage.setItem(k, 'purple'), THEME_KEY);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  await hydrated(page);
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./);
  await expect(page.getByRole('button', { name: 'Dark theme' })).toHaveAttribute('aria-pressed', 'true');
});
