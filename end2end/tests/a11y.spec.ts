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
 *
 * The themes differ in colours only (style/main.css: `light-dark()` values,
 * no rule shows or hides anything per theme), so each page or state gets
 * every rule in the theme it opened in, then the theme button is pressed, as
 * a reader would, and the rules that read colours run again. Half the pages
 * open in the light theme and half in the dark one.
 */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
/** The rules whose outcome depends on colours. */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

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
 * Waits until nothing in the document has changed for 300 ms (5 s at most):
 * the state a reader looks at, not one caught between two renders.
 */
async function settled(page: Page) {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        let quiet: ReturnType<typeof setTimeout>;
        const observer = new MutationObserver(() => {
          clearTimeout(quiet);
          quiet = setTimeout(done, 300);
        });
        function done() {
          observer.disconnect();
          clearTimeout(limit);
          resolve();
        }
        const limit = setTimeout(done, 5000);
        observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
        quiet = setTimeout(done, 300);
      }),
  );
}

/**
 * Parts of a page that a state's clicks leave as they were, already checked
 * with the whole page in both themes: a later state skips them (the interview
 * bank's 4,000 elements, the lab's exercise list), so axe reads only what
 * the clicks changed or could have.
 */
type Unchanged = string[];

/**
 * Runs axe on the page as it is now and expects no violations. A soft check:
 * a test that visits several states goes on and reports them all.
 */
async function checkA11y(
  page: Page,
  testInfo: TestInfo,
  label: string,
  only: 'colours' | 'all' = 'all',
  unchanged: Unchanged = [],
) {
  // Legacy mode runs axe in the page itself. The default runs it per frame
  // and then once more in a new blank page to merge the frames' results,
  // which is for cross-origin frames (our pages have none) and costs half
  // the run. Only violations are checked, so only they are collected in
  // full: a long page has thousands of passing nodes to describe.
  const builder = new AxeBuilder({ page }).setLegacyMode(true).options({ resultTypes: ['violations'] });
  for (const selector of unchanged) builder.exclude(selector);
  const check = only === 'colours' ? builder.withRules(COLOUR_RULES) : builder.withTags(TAGS);
  await settled(page);
  let results: Awaited<ReturnType<AxeBuilder['analyze']>>;
  try {
    results = await check.analyze();
  } catch (error) {
    // axe walks the DOM asynchronously and can throw (not report) when a node
    // it holds is replaced mid-run: a notice or a late island. Stop 37's CI
    // lost a run that way. Once more on a settled page; a second throw fails.
    await testInfo.attach(`axe ${label} threw.txt`, { body: String(error), contentType: 'text/plain' });
    await settled(page);
    results = await check.analyze();
  }
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

/**
 * Every rule in the theme the page shows, then the colour rules in the other
 * theme, switched with its button; the page stays in that other theme.
 */
async function checkInBothThemes(page: Page, testInfo: TestInfo, label: string, unchanged: Unchanged = []) {
  const shown: Theme = (await page.locator('html').getAttribute('data-theme')) === 'dark' ? 'dark' : 'light';
  await checkA11y(page, testInfo, `${label} (${shown})`, 'all', unchanged);
  const other: Theme = shown === 'dark' ? 'light' : 'dark';
  await switchTheme(page, other);
  await checkA11y(page, testInfo, `${label} (${other}, colours)`, 'colours', unchanged);
}

// The lab is checked below, from one start of its database.
const pages = ['/', '/glossary', '/quiz', '/bookmarks', '/path', '/interview', ...sections().map((s) => `/guide/${s.slug}`)];

pages.forEach((url, index) => {
  const first: Theme = THEMES[index % 2];
  test(`${url} has no axe violations in either theme (${first} first)`, async ({ page }, testInfo) => {
    await setTheme(page, first);
    const response = await page.goto(url);
    expect(response?.status()).toBe(200);
    await hydrated(page);
    await checkInBothThemes(page, testInfo, url);
  });
});

test.describe('not found', () => {
  // The browser logs the 404 status of the document itself: expected here.
  test.use({ allowedConsole: [/status of 404/] });

  test('the 404 page has no axe violations in either theme', async ({ page }, testInfo) => {
    await setTheme(page, 'dark');
    const response = await page.goto('/no-such-page');
    expect(response?.status()).toBe(404);
    await hydrated(page);
    await checkInBothThemes(page, testInfo, '404');
  });
});

test('a quiz under way, its feedback and results have no axe violations in either theme', async ({ page }, testInfo) => {
  await setTheme(page, 'light');
  await page.goto('/quiz?seed=7');
  await hydrated(page);
  await page.getByRole('radio', { name: /^Quick/ }).check();
  await page.getByRole('button', { name: 'Start the quiz' }).click();
  await expect(page.getByRole('heading', { name: `Question 1 of ${QUICK}` })).toBeVisible();
  await checkInBothThemes(page, testInfo, 'quiz question');

  await answer(page, 'right');
  await checkInBothThemes(page, testInfo, 'quiz feedback, right');
  await next(page);
  await answer(page, 'wrong');
  await checkInBothThemes(page, testInfo, 'quiz feedback, wrong');

  for (let i = 3; i <= QUICK; i++) {
    await next(page);
    await answer(page, i % 2 ? 'right' : 'wrong');
  }
  await next(page);
  await expect(page.getByText(/You scored \d+%/)).toBeVisible();
  await checkInBothThemes(page, testInfo, 'quiz results');
});

test('a kit under way and practice mode have no axe violations in either theme', async ({ page }, testInfo) => {
  // Six axe runs on the longest page (its bank is skipped: the /interview
  // test above checks it); past the 60 s default once on a slower CI
  // machine with the other worker busy (stop 37).
  test.slow();
  const bank: Unchanged = ['.bank'];
  await setTheme(page, 'dark');
  await page.goto('/interview');
  await hydrated(page);
  const form = page.getByRole('form', { name: 'New kit' });
  await expect(form.getByRole('button', { name: 'Suggest questions' })).toBeEnabled();
  await form.getByRole('checkbox', { name: 'APIs', exact: true }).check();
  await form.getByRole('button', { name: 'Suggest questions' }).click();
  await expect(page.locator('.kit .kit-question').first()).toBeVisible();
  await checkInBothThemes(page, testInfo, 'kit editor', bank);
  await page.getByRole('button', { name: 'Copy share link' }).click();
  await page.getByLabel('Candidate').fill('Ada');
  await page.getByRole('button', { name: 'Start the interview' }).click();
  await page.locator('.scored-question').first().getByRole('radio', { name: /^3 Solid/ }).check();
  await checkInBothThemes(page, testInfo, 'kit under way with a score and the share link', bank);
  await page.getByRole('button', { name: 'Practice as a candidate' }).click();
  await page.locator('.practice-question').first().getByRole('button', { name: 'Show what a strong answer covers' }).click();
  await checkInBothThemes(page, testInfo, 'practice with points shown', bank);
});

test('the path with a ticked check has no axe violations in either theme', async ({ page }, testInfo) => {
  await setTheme(page, 'dark');
  await page.goto('/path');
  await hydrated(page);
  await expect(page.locator('.path-progress')).toContainText('0 of');
  await page.locator('.stage').first().getByRole('checkbox').first().check();
  await checkInBothThemes(page, testInfo, 'path with a ticked check');
});

test('the bookmarks page with a bookmark has no axe violations in either theme', async ({ page }, testInfo) => {
  await setTheme(page, 'light');
  await page.goto('/guide/skills');
  await hydrated(page);
  const star = page.getByRole('button', { name: 'Bookmark the section “Essential skills”' });
  await star.click();
  await expect(star).toHaveAttribute('aria-pressed', 'true');
  await checkInBothThemes(page, testInfo, 'guide page with a pressed bookmark button');

  await page.goto('/bookmarks');
  await hydrated(page);
  await expect(page.locator('.bookmark')).toHaveCount(1);
  await checkInBothThemes(page, testInfo, 'bookmarks with one entry');
});

/**
 * The lab in both themes from one start of its database (the slow part):
 * as it opens, then a run, its judgement and an SQL error. The theme button
 * switches it between the checks, as a reader would.
 */
test('/lab as it opens, a run, its judgement and an SQL error have no axe violations, in both themes', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  await setTheme(page, 'light');
  const response = await page.goto('/lab');
  expect(response?.status()).toBe(200);
  await labReady(page);
  await checkInBothThemes(page, testInfo, '/lab');
  // Checked whole just above; a run changes the workbench only.
  const labUnchanged: Unchanged = ['.lab-schema', '.lab-exercises'];
  // An exercise, picked from the list as a reader would.
  const exercise = page.getByLabel('Exercise', { exact: true });
  await exercise.selectOption({ label: "Only this customer's orders" });
  await expect(page).toHaveURL(/exercise=filter-own-cancelled-orders/);
  await run(page);
  await expect(outcome(page)).toContainText('Not yet');
  await page.getByRole('button', { name: /^Show a hint/ }).click();
  await checkInBothThemes(page, testInfo, 'lab judgement and rows', labUnchanged);
  await write(page, 'SELECT FROM WHERE;');
  await run(page);
  await expect(outcome(page)).toContainText('Error at line 1');
  await checkInBothThemes(page, testInfo, 'lab error', labUnchanged);
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
