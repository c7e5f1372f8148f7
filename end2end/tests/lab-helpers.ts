import type { Page } from '@playwright/test';
import { expect, hydrated } from './fixtures';

// The SQL lab runs a real PostgreSQL (PGlite) in a Web Worker. A first
// visit downloads the engine (16 MB, about 3.7 MB compressed) and fills the
// shop's database, so "ready" may take a while on a busy machine.
export const READY_MS = 120_000;

/** The lab has hydrated, its engine reports ready and the editor is in place. */
export async function labReady(page: Page) {
  await hydrated(page);
  await expect(page.locator('.lab-engine')).toContainText('PostgreSQL is ready', { timeout: READY_MS });
  await expect(editor(page)).toBeVisible();
}

export function editor(page: Page) {
  return page.getByRole('textbox', { name: 'SQL query' });
}

/** Replaces the editor's text (as a paste would, so no brackets are auto-closed). */
export async function write(page: Page, sql: string) {
  await editor(page).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(sql);
}

export const runButton = (page: Page) => page.getByRole('button', { name: /^Run/ });
export const outcome = (page: Page) => page.locator('.lab-outcome');

/** Runs with Ctrl+Enter (or the button) and waits for the reply. */
export async function run(page: Page, how: 'keys' | 'button' = 'button') {
  if (how === 'keys') {
    await editor(page).click();
    await page.keyboard.press('ControlOrMeta+Enter');
  } else {
    await runButton(page).click();
  }
  await expect(outcome(page)).not.toHaveText(/^(|Running…)$/, { timeout: 60_000 });
  await expect(runButton(page)).toBeEnabled();
}

export async function pick(page: Page, label: string | RegExp) {
  const select = page.getByLabel('Exercise', { exact: true });
  const value = await select.locator('option').filter({ hasText: label }).first().getAttribute('value');
  await select.selectOption(value!);
}

