import { SERVED, expect, test } from './fixtures';

// The browser logs the 404 status of the document itself: expected here.
test.use({ allowedConsole: [/status of 404/] });

for (const url of ['/no-such-page', '/guide/no-such-section', '/guide/tools/extra']) {
  test(`${url} answers 404 with a helpful page`, SERVED, async ({ page }) => {
    const response = await page.goto(url);
    expect(response?.status()).toBe(404);
    await expect(page).toHaveTitle('Page not found · Backend Guide');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    await expect(page.getByRole('link', { name: 'Go to the overview' })).toHaveAttribute('href', '/');
    await expect(page.getByRole('main').getByRole('link', { name: 'Glossary' })).toBeVisible();
  });
}
