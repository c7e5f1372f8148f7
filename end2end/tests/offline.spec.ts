import type { Page } from '@playwright/test';
import { SERVED, expect, hydrated, sections, test } from './fixtures';
import { OwnServer, ownPort } from './own-server';
import { answer } from './quiz-helpers';

// These tests stop and restart servers of their own, each on its own port.

/** Waits until the service worker controls the page and has saved the site. */
async function workerReady(page: Page) {
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 20_000 })
    .toBe(true);
}

async function cacheNames(page: Page): Promise<string[]> {
  return page.evaluate(() => caches.keys());
}

test.describe('offline', SERVED, () => {
  // The unknown address asked for offline answers 503 on purpose.
  test.use({ allowedConsole: [/status of 503/] });
  // Each test starts its own server (one of them twice) and waits for the
  // service worker to store the whole site: 13-18 s on an idle machine,
  // and one went past the default 30 s on a busy one (2026-12-03).
  test.slow();

  test('after one visit the whole guide, the quiz and bookmarks work offline', async ({ page, context }) => {
    const server = new OwnServer(ownPort(11));
    await server.start('offline-a');
    try {
      await page.goto(server.url + '/');
      await hydrated(page);
      await workerReady(page);
      expect(await cacheNames(page)).toEqual(['backend-guide-offline-a']);

      // Really offline: the server is gone and the browser knows it.
      await server.stop();
      await context.setOffline(true);
      await expect(page.getByText('Offline. Every section, the quiz and your bookmarks still work.')).toBeVisible();

      await page.reload();
      await hydrated(page);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText("The back end developer's guide");

      // Every section, none of them opened while online, loads from the cache.
      for (const section of sections()) {
        await page.goto(`${server.url}/guide/${section.slug}`);
        await hydrated(page);
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(section.title);
      }

      // Client-side navigation too.
      await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Glossary' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Glossary');

      // Search runs in the browser: offline too.
      await page.keyboard.press('/');
      const search = page.getByRole('dialog', { name: 'Search the guide' });
      await search.getByRole('searchbox').fill('load balancer');
      await expect(search.locator('.search-results > li').first()).toBeVisible();
      await search.locator('.search-results a').first().click();
      await expect(search).toBeHidden();
      await expect(page).toHaveURL(/\/(guide|glossary)/);

      // A bookmark, kept in local storage.
      await page.goto(`${server.url}/guide/skills`);
      await hydrated(page);
      await page.getByRole('button', { name: 'Bookmark the section “Essential skills”' }).click();
      await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: /Bookmarks/ }).click();
      await expect(page.locator('.bookmark')).toHaveCount(1);
      await expect(page.locator('.bookmark')).toContainText('Essential skills');

      // The quiz, from a full load of its page.
      await page.goto(`${server.url}/quiz`);
      await hydrated(page);
      await page.getByRole('radio', { name: /^Quick/ }).check();
      await page.getByRole('button', { name: 'Start the quiz' }).click();
      await answer(page, 'right');
      await expect(page.getByRole('button', { name: 'Next question' })).toBeVisible();

      // An address the guide does not have gets a plain offline page.
      const missing = await page.goto(`${server.url}/no-such-page`);
      expect(missing?.status()).toBe(503);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('You are offline');
    } finally {
      await context.setOffline(false);
      await server.stop();
    }
  });

  test('a new build is found when back online and the reader is offered a reload', async ({ page, context }) => {
    const server = new OwnServer(ownPort(12));
    await server.start('update-a');
    try {
      await page.goto(server.url + '/guide/tools');
      await hydrated(page);
      await workerReady(page);
      await expect(page.getByRole('button', { name: 'Reload to update' })).toHaveCount(0);

      // A redeployment while the reader is offline.
      await context.setOffline(true);
      await server.stop();
      await server.start('update-b');
      await context.setOffline(false);

      // Coming back online looks for a new worker; once installed, it asks.
      const reload = page.getByRole('button', { name: 'Reload to update' });
      await expect(reload).toBeVisible({ timeout: 20_000 });
      await expect(page.getByText('A new version of the guide is ready.')).toBeVisible();
      await Promise.all([page.waitForEvent('framenavigated'), reload.click()]);

      await hydrated(page);
      const tools = sections().find((s) => s.slug === 'tools')!;
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(tools.title);
      await expect.poll(() => cacheNames(page)).toEqual(['backend-guide-update-b']);
      await expect(reload).toHaveCount(0);
    } finally {
      await server.stop();
    }
  });
});
