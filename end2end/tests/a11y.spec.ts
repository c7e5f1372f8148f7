import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { expect, hydrated, sections, test } from './fixtures';
import { outcome, labReady, run, write } from './lab-helpers';
import { QUICK, answer, next } from './quiz-helpers';

/**
 * Accessibility checks with axe-core: every page in both colour schemes, plus
 * the states that only exist after some clicks (a quiz under way, its
 * feedback and results, a bookmarks list with an entry). Strict: any
 * violation of the rules below fails the test.
 */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

type Theme = 'light' | 'dark';
const THEMES: Theme[] = ['light', 'dark'];

/** Puts the page in the given theme. Call it before navigating. */
async function setTheme(page: Page, theme: Theme) {
  // The reader's choice (what the toggle stores, applied before first paint)
  // against the opposite system setting: the page must follow the choice.
  await page.emulateMedia({ colorScheme: theme === 'dark' ? 'light' : 'dark' });
  await page.addInitScript((chosen) => localStorage.setItem('backend-guide:theme', chosen), theme);
}

/** Switches to the other theme with its button, as a reader would. */
async function switchTheme(page: Page, theme: Theme) {
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  await expect(toggle).toHaveAttribute('aria-pressed', theme === 'dark' ? 'false' : 'true');
  await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

type Violation = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];

function clip(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** One readable block per violated rule: what, where, and why for each node. */
function summarise(violations: Violation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.map((n) => {
        const why = [...n.any, ...n.all, ...n.none].map((c) => `    why: ${c.message}`);
        // Not "at …": Playwright would take such a line for a stack frame.
        return [`  - element: ${n.target.join(' ')}`, `    html: ${clip(n.html)}`, ...why].join('\n');
      });
      return [`[${v.impact ?? 'unknown'}] ${v.id}: ${v.help} (${v.nodes.length} node(s))`, `  ${v.helpUrl}`, ...nodes].join(
        '\n',
      );
    })
    .join('\n\n');
}

/**
 * Runs axe on the page as it is now and expects no violations. A soft check:
 * a test that visits several states goes on and reports them all.
 */
async function checkA11y(page: Page, testInfo: TestInfo, label: string) {
  // Legacy mode runs axe in the page itself. The default runs it per frame
  // and then once more in a new blank page to merge the frames' results,
  // which is for cross-origin frames (our pages have none) and costs half
  // the run. Only violations are checked, so only they are collected in
  // full: a long page has thousands of passing nodes to describe.
  const results = await new AxeBuilder({ page })
    .setLegacyMode(true)
    .withTags(TAGS)
    .options({ resultTypes: ['violations'] })
    .analyze();
  const { violations } = results;
  if (violations.length > 0) {
    await testInfo.attach(`axe ${label}.json`, {
      body: JSON.stringify(violations, null, 2),
      contentType: 'application/json',
    });
  }
  const summary = summarise(violations);
  expect.soft(violations.length, `axe found violations on ${label} (${page.url()}):\n\n${summary}\n`).toBe(0);
}

const pages = ['/', '/glossary', '/quiz', '/bookmarks', '/path', '/interview', '/lab', ...sections().map((s) => `/guide/${s.slug}`)];

for (const theme of THEMES) {
  test.describe(`${theme} theme`, () => {
    for (const url of pages) {
      test(`${url} has no axe violations (${theme})`, async ({ page }, testInfo) => {
        await setTheme(page, theme);
        const response = await page.goto(url);
        expect(response?.status()).toBe(200);
        await hydrated(page);
        await checkA11y(page, testInfo, `${url} ${theme}`);
      });
    }

    test.describe('not found', () => {
      // The browser logs the 404 status of the document itself: expected here.
      test.use({ allowedConsole: [/status of 404/] });

      test(`the 404 page has no axe violations (${theme})`, async ({ page }, testInfo) => {
        await setTheme(page, theme);
        const response = await page.goto('/no-such-page');
        expect(response?.status()).toBe(404);
        await hydrated(page);
        await checkA11y(page, testInfo, `404 ${theme}`);
      });
    });

    test(`a quiz under way, its feedback and results have no axe violations (${theme})`, async ({ page }, testInfo) => {
      await setTheme(page, theme);
      await page.goto('/quiz?seed=7');
      await hydrated(page);
      await page.getByRole('radio', { name: /^Quick/ }).check();
      await page.getByRole('button', { name: 'Start the quiz' }).click();
      await expect(page.getByRole('heading', { name: `Question 1 of ${QUICK}` })).toBeVisible();
      await checkA11y(page, testInfo, `quiz question ${theme}`);

      await answer(page, 'right');
      await checkA11y(page, testInfo, `quiz feedback, right ${theme}`);
      await next(page);
      await answer(page, 'wrong');
      await checkA11y(page, testInfo, `quiz feedback, wrong ${theme}`);

      for (let i = 3; i <= QUICK; i++) {
        await next(page);
        await answer(page, i % 2 ? 'right' : 'wrong');
      }
      await next(page);
      await expect(page.getByText(/You scored \d+%/)).toBeVisible();
      await checkA11y(page, testInfo, `quiz results ${theme}`);
    });

    test(`a kit under way, practice mode and ticked path checks have no axe violations (${theme})`, async ({ page }, testInfo) => {
      await setTheme(page, theme);
      await page.goto('/interview');
      await hydrated(page);
      const form = page.getByRole('form', { name: 'New kit' });
      await expect(form.getByRole('button', { name: 'Suggest questions' })).toBeEnabled();
      await form.getByRole('checkbox', { name: 'APIs', exact: true }).check();
      await form.getByRole('button', { name: 'Suggest questions' }).click();
      await expect(page.locator('.kit .kit-question').first()).toBeVisible();
      await checkA11y(page, testInfo, `kit editor ${theme}`);
      await page.getByRole('button', { name: 'Copy share link' }).click();
      await page.getByLabel('Candidate').fill('Ada');
      await page.getByRole('button', { name: 'Start the interview' }).click();
      await page.locator('.scored-question').first().getByRole('radio', { name: /^3 Solid/ }).check();
      await checkA11y(page, testInfo, `kit under way with a score and the share link ${theme}`);
      await page.getByRole('button', { name: 'Practice as a candidate' }).click();
      await page.locator('.practice-question').first().getByRole('button', { name: 'Show what a strong answer covers' }).click();
      await checkA11y(page, testInfo, `practice with points shown ${theme}`);

      await page.goto('/path');
      await hydrated(page);
      await expect(page.locator('.path-progress')).toContainText('0 of');
      await page.locator('.stage').first().getByRole('checkbox').first().check();
      await checkA11y(page, testInfo, `path with a ticked check ${theme}`);
    });

    test(`the bookmarks page with a bookmark has no axe violations (${theme})`, async ({ page }, testInfo) => {
      await setTheme(page, theme);
      await page.goto('/guide/skills');
      await hydrated(page);
      const star = page.getByRole('button', { name: 'Bookmark the section “Essential skills”' });
      await star.click();
      await expect(star).toHaveAttribute('aria-pressed', 'true');
      await checkA11y(page, testInfo, `guide page with a pressed bookmark button ${theme}`);

      await page.goto('/bookmarks');
      await hydrated(page);
      await expect(page.locator('.bookmark')).toHaveCount(1);
      await checkA11y(page, testInfo, `bookmarks with one entry ${theme}`);
    });
  });
}

/**
 * The lab in both themes from one start of its database (the slow part):
 * the theme button switches it between the checks, as a reader would.
 */
test('a lab run, its judgement and an SQL error have no axe violations, in both themes', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  await setTheme(page, 'light');
  await page.goto('/lab?exercise=filter-own-cancelled-orders');
  await labReady(page);
  await run(page);
  await expect(outcome(page)).toContainText('Not yet');
  await page.getByRole('button', { name: /^Show a hint/ }).click();
  await checkA11y(page, testInfo, 'lab judgement and rows light');
  await switchTheme(page, 'dark');
  await checkA11y(page, testInfo, 'lab judgement and rows dark');
  await write(page, 'SELECT FROM WHERE;');
  await run(page);
  await expect(outcome(page)).toContainText('Error at line 1');
  await checkA11y(page, testInfo, 'lab error dark');
  await switchTheme(page, 'light');
  await checkA11y(page, testInfo, 'lab error light');
});

test('the skip link is the first stop for the keyboard and moves focus to the main content', async ({ page }) => {
  await page.goto('/guide/skills');
  await hydrated(page);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  // The focus ring is drawn.
  await page.keyboard.press('Tab');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  expect(outline).not.toBe('none');
});
