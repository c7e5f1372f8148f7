import { SERVED, expect, hydrated, test } from './fixtures';

test('the quiz start screen is served as HTML and says when JavaScript is needed', SERVED, async ({ page }, info) => {
  const response = await page.goto('/quiz');
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle('Skills quiz · Backend Guide');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Skills quiz');
  await expect(page.getByRole('group', { name: 'Length' })).toBeVisible();
  const note = page.getByText('The quiz runs in your browser and needs JavaScript');
  const start = page.getByRole('button', { name: 'Start the quiz' });
  if (info.project.name === 'no-js') {
    await expect(note).toBeVisible();
    await expect(start).toBeDisabled();
  } else {
    await hydrated(page);
    await expect(note).toBeHidden();
    await expect(start).toBeEnabled();
  }
});
