import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { SERVED, expect, hydrated, plantOnce, test } from './fixtures';
import { OwnServer, ownPort } from './own-server';

/** The interview tool has read storage (its lazy island is running). */
async function kitsReady(page: Page) {
  await hydrated(page);
  await expect(page.getByRole('button', { name: 'Suggest questions' })).toBeEnabled({ timeout: 15_000 });
}

/** The path page has read storage. */
async function pathReady(page: Page) {
  await hydrated(page);
  await expect(page.locator('.path-progress')).toContainText(/\d+ of \d+ checks done/, { timeout: 15_000 });
}

async function newKit(page: Page, name: string, level: string, areas: string[]) {
  const form = page.getByRole('form', { name: 'New kit' });
  await form.getByLabel('Kit name').fill(name);
  await form.getByRole('radio', { name: level, exact: true }).check();
  for (const area of areas) await form.getByRole('checkbox', { name: area, exact: true }).check();
  await form.getByLabel('Interview length').selectOption('45');
  await form.getByRole('button', { name: 'Suggest questions' }).click();
  await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
}

const prompts = (page: Page) => page.locator('.kit .kit-question .kit-prompt').allTextContents();

// An interviewer's day, in three tests (one ran 19-25 s against the 30 s
// limit): build and edit a kit; run two interviews on it; share it.
test('an interviewer builds a kit, reorders and removes questions, and finds it after a reload', SERVED, async ({ page }) => {
  await page.goto('/');
  await hydrated(page);
  await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Interviews' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Interview kit');
  await kitsReady(page);
  await expect(page.getByText('No kits yet')).toBeVisible();

  // "Suggest questions" shows the new kit and takes the reader to it.
  await newKit(page, 'Senior API hire', 'Senior', ['APIs', 'Databases']);
  await expect(page.getByRole('heading', { level: 2, name: 'Senior API hire' })).toBeFocused();
  const meta = page.locator('.kit > .kit-meta');
  await expect(meta).toContainText('Senior ·');
  await expect(meta).not.toContainText('Senior level');
  await expect(meta).toContainText('for introductions');
  await expect(meta).toContainText("for the candidate's own questions (45 minutes in all)");
  const questions = page.locator('.kit .kit-question');
  const before = await prompts(page);
  expect(before.length).toBeGreaterThanOrEqual(3);
  const metas = await page.locator('.kit-questions .kit-question-meta').allTextContents();
  expect(metas.every((m) => /^(APIs|Databases) /.test(m))).toBe(true);

  // Reorder: the second question moves up, and the keyboard stays with it
  // (on its "Move down" at the top, where "Move up" is disabled).
  await questions.nth(1).getByRole('button', { name: 'Move up' }).click();
  await expect.poll(() => prompts(page)).toEqual([before[1], before[0], ...before.slice(2)]);
  await expect(questions.nth(0).getByRole('button', { name: 'Move down' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect.poll(() => prompts(page)).toEqual(before);
  await questions.nth(1).getByRole('button', { name: 'Move up' }).click();
  await expect.poll(() => prompts(page)).toEqual([before[1], before[0], ...before.slice(2)]);
  // Remove the last one: it can be undone, and the keyboard lands on "Undo".
  const reordered = await prompts(page);
  await questions.last().getByRole('button', { name: 'Remove' }).click();
  await expect(questions).toHaveCount(before.length - 1);
  await expect(page.getByRole('button', { name: 'Undo' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect.poll(() => prompts(page)).toEqual(reordered);
  await questions.last().getByRole('button', { name: 'Remove' }).click();
  await expect(questions).toHaveCount(before.length - 1);
  const edited = await prompts(page);

  // Kept after a reload.
  await page.reload();
  await kitsReady(page);
  await page.getByRole('button', { name: 'Senior API hire' }).click();
  await expect.poll(() => prompts(page)).toEqual(edited);
});

test('an interviewer runs two interviews on one kit, compares them and prints the sheet', async ({ page }) => {
  await page.goto('/interview');
  await kitsReady(page);
  await newKit(page, 'Senior API hire', 'Senior', ['APIs', 'Databases']);
  const edited = await prompts(page);

  // The first interview: its own scorecard, anchors beside the scores.
  await page.getByLabel('Candidate').fill('Ada Example');
  await page.getByLabel('Interviewer').fill('Grace');
  await page.getByRole('button', { name: 'Start the interview' }).click();
  await expect(page.getByRole('heading', { level: 2, name: /Interview: Ada Example/ })).toBeFocused();
  const scored = page.locator('.scored-question');
  await expect(scored).toHaveCount(edited.length);
  await expect(scored.first().locator('.score-choice .anchor')).toHaveCount(4);
  await expect(scored.first().locator('.must-points li').first()).toBeVisible();
  expect(await scored.first().locator('.red-flags li').count()).toBeGreaterThanOrEqual(2);
  await scored.nth(0).getByRole('radio', { name: /^4 Excellent/ }).check();
  await scored.nth(1).getByRole('radio', { name: /^2 Partial/ }).check();
  await scored.nth(1).getByRole('button', { name: 'Clear the score' }).click();
  await expect(scored.nth(1).getByRole('radio', { name: /^2 Partial/ })).not.toBeChecked();
  await scored.nth(1).getByRole('radio', { name: /^3 Solid/ }).check();
  // Notes are saved as they are typed: a reload straight after keeps them.
  await scored.nth(0).getByLabel('Notes').pressSequentially('Clear on idempotency keys.');
  await page.reload();
  await kitsReady(page);
  await page.getByRole('button', { name: 'Senior API hire' }).click();
  await page.getByRole('button', { name: /Ada Example/ }).click();
  await expect(scored.nth(0).getByLabel('Notes')).toHaveValue('Clear on idempotency keys.');
  await expect(scored.nth(1).getByRole('radio', { name: /^3 Solid/ })).toBeChecked();
  const summary = page.locator('.kit-summary');
  await expect(summary.getByRole('row', { name: /All areas/ })).toContainText('3.5 of 4');
  await expect(summary.locator('.evidence dd')).toHaveCount(2);
  await page.getByRole('radio', { name: /^Yes/ }).check();

  // The printed sheet: this candidate, anchors beside the score boxes, room for notes; no controls.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('heading', { level: 2, name: /Interview: Ada Example/ })).toBeVisible();
  await expect(scored.first().locator('.score-choice .anchor').first()).toBeVisible();
  await expect(scored.first().getByLabel('Notes')).toBeVisible();
  await expect(page.getByLabel('Candidate')).toHaveValue('Ada Example');
  for (const hidden of [
    page.locator('.site-header'),
    page.locator('.new-kit'),
    page.locator('.bank'),
    page.locator('.kit-list-section'),
    page.getByRole('button', { name: 'Back to the kit' }),
  ]) {
    await expect(hidden).toBeHidden();
  }
  await page.emulateMedia({ media: 'screen' });

  // The next candidate starts blank.
  await page.getByRole('button', { name: 'Back to the kit' }).click();
  await page.getByLabel('Candidate').fill('Alan Example');
  await page.getByRole('button', { name: 'Start the interview' }).click();
  await expect(page.getByRole('heading', { level: 2, name: /Interview: Alan Example/ })).toBeVisible();
  await expect(scored.nth(0).getByRole('radio', { name: /^4 Excellent/ })).not.toBeChecked();
  await expect(scored.nth(0).getByLabel('Notes')).toHaveValue('');
  await scored.nth(0).getByRole('radio', { name: /^2 Partial/ }).check();

  // Side by side.
  await page.getByRole('button', { name: 'Back to the kit' }).click();
  const compare = page.getByRole('table', { name: /Candidates side by side/ });
  await expect(compare).toContainText('Ada Example');
  await expect(compare).toContainText('Alan Example');
  await expect(compare.getByRole('row', { name: /All areas/ })).toContainText('3.5 of 4');
  await expect(compare.getByRole('row', { name: /All areas/ })).toContainText('2.0 of 4');
});

test('a kit is shared by a link without its candidates or notes, and a colleague saves it', SERVED, async ({ page, browser, baseURL, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/interview');
  await kitsReady(page);
  await newKit(page, 'Senior API hire', 'Senior', ['APIs', 'Databases']);
  const edited = await prompts(page);
  // An interview with a note, neither of which may travel.
  await page.getByLabel('Candidate').fill('Ada Example');
  await page.getByRole('button', { name: 'Start the interview' }).click();
  await page.locator('.scored-question').first().getByLabel('Notes').fill('Clear on idempotency keys.');
  await page.getByRole('button', { name: 'Back to the kit' }).click();
  await expect(page.locator('.kit-interviews')).toContainText('Ada Example');

  // Share: the link is copied, and says so; it carries no candidates or notes.
  await page.getByRole('button', { name: 'Copy share link' }).click();
  await expect(page.getByText('Link copied to the clipboard.')).toBeVisible();
  const link = await page.getByLabel('Link to this kit').inputValue();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  expect(link).toContain('/interview?kit=1');
  expect(link).not.toContain('Ada');
  expect(link).not.toContain('idempotency');

  const other = await browser.newContext({ baseURL });
  const colleague = await other.newPage();
  await colleague.goto('/interview');
  await kitsReady(colleague);
  await newKit(colleague, 'My own kit', 'Junior', ['Security']);
  await colleague.goto(link);
  await kitsReady(colleague);
  const offer = colleague.locator('section.shared-kit');
  await expect(offer).toContainText('Senior API hire');
  await expect(offer).toContainText(`${edited.length} questions`);
  // Nothing changed yet.
  await expect(colleague.locator('.kit-list li')).toHaveCount(1);
  await offer.getByRole('button', { name: 'Save to my kits' }).click();
  await expect(colleague.locator('.kit-list li')).toHaveCount(2);
  await expect(colleague.getByRole('button', { name: 'My own kit' })).toBeVisible();
  await expect.poll(() => prompts(colleague)).toEqual(edited);
  // No interviews travel.
  await expect(colleague.locator('.kit-interviews')).toContainText('No interviews yet.');
  await other.close();
});

test('kits with scores from before scorecards keep them as an earlier interview', async ({ page }) => {
  await page.goto('/interview');
  await kitsReady(page);
  const bank = await page.evaluate(async () => (await fetch('/interview-bank.json')).json());
  const id = bank[0].id;
  await page.evaluate(
    (kit) => localStorage.setItem('backend-guide:v1:interview', JSON.stringify({ version: 1, data: { kits: [kit] } })),
    { name: 'Old kit', level: 'mid', areas: [bank[0].area], minutes: 45, questions: [{ id, score: 3, notes: 'Kept note' }] },
  );
  await page.reload();
  await kitsReady(page);
  await page.getByRole('button', { name: 'Old kit' }).click();
  await page.getByRole('button', { name: /Earlier interview/ }).click();
  await expect(page.locator('.scored-question').first().getByLabel('Notes')).toHaveValue('Kept note');
  await expect(page.locator('.scored-question').first().getByRole('radio', { name: /^3 Solid/ })).toBeChecked();
});

test('a malformed share link is explained and changes nothing', SERVED, async ({ page }) => {
  await page.goto('/interview?kit=1&level=boss&q=nothing');
  await kitsReady(page);
  await expect(page.getByRole('alert').filter({ hasText: 'could not be opened' })).toContainText('no valid level');
  await expect(page.getByText('No kits yet')).toBeVisible();
});

test('practice mode hides strong-answer points until revealed and keeps self-ratings', async ({ page }) => {
  await page.goto('/interview');
  await kitsReady(page);
  await page.getByRole('button', { name: 'Practice as a candidate' }).click();
  await page.getByLabel('Area').selectOption({ label: 'Security' });
  await page.getByLabel('Level').selectOption({ label: 'Junior' });
  const first = page.locator('.practice-question').first();
  await expect(first.locator('.kit-question-meta')).toContainText('Junior');
  const reveal = first.getByRole('button', { name: 'Show what a strong answer covers' });
  await expect(reveal).toHaveAttribute('aria-expanded', 'false');
  await expect(first.locator('.strong-points')).toBeHidden();
  await reveal.click();
  await expect(first.locator('.strong-points')).toBeVisible();
  await first.getByRole('radio', { name: '2 Partial' }).check();
  await expect(page.getByText('You have rated yourself on 1 questions.')).toBeVisible();

  await page.reload();
  await kitsReady(page);
  await page.getByRole('button', { name: 'Practice as a candidate' }).click();
  await page.getByLabel('Area').selectOption({ label: 'Security' });
  await page.getByLabel('Level').selectOption({ label: 'Junior' });
  await expect(page.locator('.practice-question').first().getByRole('radio', { name: '2 Partial' })).toBeChecked();
  await expect(page.locator('.practice-question').first().locator('.strong-points')).toBeHidden();
});

test('path checks persist, show on the overview and in a second tab', async ({ page, context }) => {
  await page.goto('/path');
  await pathReady(page);
  const second = await context.newPage();
  await second.goto('/path');
  await pathReady(second);

  const stage = page.locator('.stage').first();
  const boxes = stage.getByRole('checkbox');
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await expect(stage.locator('.stage-count')).toContainText('2 of');
  // The other tab follows.
  await expect(second.locator('.stage').first().getByRole('checkbox').nth(1)).toBeChecked();
  await expect(second.locator('.path-progress')).toContainText('2 of');

  await page.reload();
  await pathReady(page);
  await expect(page.locator('.stage').first().getByRole('checkbox').nth(0)).toBeChecked();
  await expect(page.locator('.path-progress')).toContainText('2 of');

  await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Overview' }).click();
  await expect(page.locator('.path-summary')).toContainText(/Learning path: 2 of \d+ checks done/);
});

test('the quiz study plan names a path stage, and the path shows the latest quiz score', async ({ page }) => {
  const finished = {
    version: 1,
    data: {
      history: [
        { finished_at: 1, mode: 'quick', percent: 40, by_area: [['apis', 25], ['security', 50]], missed: [] },
      ],
    },
  };
  await page.goto('/path');
  await page.evaluate((v) => localStorage.setItem('backend-guide:v1:quiz', v), JSON.stringify(finished));
  await page.reload();
  await pathReady(page);
  await expect(page.locator('.stage-quiz').filter({ hasText: 'APIs 25%' }).first()).toBeVisible();
  await expect(page.locator('.stage-quiz').filter({ hasText: 'Security 50%' }).first()).toBeVisible();
});

test('export then import restores path checks and kits', async ({ page, browser, baseURL }) => {
  await page.goto('/path');
  await pathReady(page);
  await page.locator('.stage').nth(2).getByRole('checkbox').first().check();
  await page.goto('/interview');
  await kitsReady(page);
  await newKit(page, 'Exported kit', 'Mid-level', ['Databases']);

  await page.goto('/bookmarks');
  await hydrated(page);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export all saved data' }).click();
  const file = await (await download).path();
  const json = JSON.parse(fs.readFileSync(file!, 'utf8'));
  expect(json.path.done).toHaveLength(1);
  expect(json.interview.kits[0].name).toBe('Exported kit');

  const other = await browser.newContext({ baseURL });
  const fresh = await other.newPage();
  await fresh.goto('/bookmarks');
  await hydrated(fresh);
  await fresh.getByLabel('Import saved data').setInputFiles(file!);
  await expect(fresh.locator('.import-report')).toContainText('1 learning path check and 1 interview kit');
  await fresh.goto('/path');
  await pathReady(fresh);
  await expect(fresh.locator('.stage').nth(2).getByRole('checkbox').first()).toBeChecked();
  await fresh.goto('/interview');
  await kitsReady(fresh);
  await expect(fresh.getByRole('button', { name: 'Exported kit' })).toBeVisible();
  await other.close();
});

test('unreadable or newer saved kits and path checks are set aside with a notice', async ({ page }) => {
  await plantOnce(page, 'backend-guide:v1:interview', '{"version":1,"data":{"kits":[{"name":');
  await page.goto('/interview');
  await kitsReady(page);
  await expect(page.getByText(/Your saved interview kits could not be read because it is not valid JSON/)).toBeVisible();
  const backup = await page.evaluate(() => Object.keys(localStorage).find((k) => k.startsWith('backend-guide:backup:interview:')));
  expect(await page.evaluate((k) => localStorage.getItem(k!), backup)).toContain('"kits":');
  // Making a kit works again.
  await newKit(page, 'After recovery', 'Junior', ['Databases']);

  await page.evaluate(() => localStorage.setItem('backend-guide:v1:path', '{"version":9,"data":{"done":[]}}'));
  await page.goto('/path');
  await pathReady(page);
  await expect(page.getByText(/learning path progress .*saved by a newer version of the site/)).toBeVisible();
  const pathBackup = await page.evaluate(() => Object.keys(localStorage).find((k) => k.startsWith('backend-guide:backup:path:')));
  expect(await page.evaluate((k) => localStorage.getItem(k!), pathBackup)).toContain('"version":9');
});

test('on a 360 px phone the kit and the path fit the width', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/interview');
  await kitsReady(page);
  await newKit(page, 'Phone kit', 'Senior', ['Security', 'APIs']);
  await page.getByRole('button', { name: 'Copy share link' }).click();
  await page.getByLabel('Candidate').fill('Phone candidate');
  await page.getByRole('button', { name: 'Start the interview' }).click();
  await expect(page.locator('.scored-question').first()).toBeVisible();
  const wide = () => page.evaluate(() => document.documentElement.scrollWidth);
  expect(await wide()).toBeLessThanOrEqual(360);
  await page.goto('/path');
  await pathReady(page);
  expect(await wide()).toBeLessThanOrEqual(360);
});

test.describe('offline', SERVED, () => {
  test('the path and the interview kit work offline after one visit', async ({ page, context }) => {
    const server = new OwnServer(ownPort(13));
    await server.start('offline-learning');
    try {
      await page.goto(server.url + '/');
      await hydrated(page);
      await expect
        .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 20_000 })
        .toBe(true);
      await server.stop();
      await context.setOffline(true);

      await page.goto(server.url + '/path');
      await pathReady(page);
      await page.locator('.stage').first().getByRole('checkbox').first().check();
      await expect(page.locator('.path-progress')).toContainText('1 of');

      await page.goto(server.url + '/interview');
      await kitsReady(page);
      await newKit(page, 'Offline kit', 'Lead', ['Security']);
      await expect(page.locator('.kit .kit-question').first()).toBeVisible();
    } finally {
      await context.setOffline(false);
      await server.stop();
    }
  });
});

test('ticks saved under the path ids of before the reorder are kept on the checks they became', async ({ page }) => {
  await plantOnce(
    page,
    'backend-guide:v1:path',
    JSON.stringify({ version: 1, data: { done: ['web-and-http/explain-request', 'testing/ci-blocks-merge', 'web-and-http/read-curl-output'] } }),
  );
  await page.goto('/path');
  await pathReady(page);
  await expect(page.locator('#check-web-and-http-request-timed')).toBeChecked();
  await expect(page.locator('#check-continuous-integration-ci-blocks-merge')).toBeChecked();
  await expect(page.locator('#check-web-and-http-read-curl-output')).toBeChecked();
  await expect(page.locator('.path-progress')).toContainText('3 of');
  // Saved under the ids of today, so the next visit needs no migration.
  const saved = await page.evaluate(() => localStorage.getItem('backend-guide:v1:path'));
  expect(saved).toContain('continuous-integration/ci-blocks-merge');
  expect(saved).not.toContain('testing/ci-blocks-merge');
});

test('the path lists its stages with times to jump to', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/path');
  const index = page.getByRole('navigation', { name: 'Stages' });
  const links = index.getByRole('link');
  expect(await links.count()).toBeGreaterThanOrEqual(10);
  await expect(index).toContainText(/about \d+ hours/);
  const last = links.last();
  const target = (await last.getAttribute('href'))!;
  await last.click();
  await expect(page.locator(target)).toBeInViewport();
});
