import type { BrowserContext } from '@playwright/test';
import { SERVED, expect, hydrated, test } from './fixtures';
import { READY_MS, editor, labReady, outcome, pick, run, runButton, write } from './lab-helpers';

test('a reader runs queries, solves an exercise, stops a runaway query and resets the database', async ({ page, context }) => {
  test.setTimeout(300_000);
  await page.goto('/lab');
  await labReady(page);

  // The playground: any query, its rows as a table.
  await pick(page, 'Free query');
  await write(page, 'SELECT id, name, stock FROM products WHERE id IN (42, 57) ORDER BY id;');
  // PostgreSQL's highlighting: keywords and numbers in colours of their own.
  const colour = (text: string) =>
    editor(page)
      .getByText(text, { exact: true })
      .first()
      .evaluate((el) => getComputedStyle(el).color, undefined, { timeout: 10_000 });
  const keyword = await colour('SELECT');
  expect(keyword).not.toBe(await editor(page).evaluate((el) => getComputedStyle(el).color));
  expect(await colour('42')).not.toBe(keyword);
  await run(page, 'keys');
  await expect(outcome(page)).toHaveText('2 rows.');
  const table = page.getByRole('region', { name: /^Result: 2 rows/ });
  await expect(table.getByRole('columnheader')).toHaveText(['id', 'name', 'stock']);
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(table.getByRole('cell').first()).toHaveText('42');

  // A syntax error, with where it is.
  await write(page, 'SELECT id,\nFROM orders;');
  await run(page);
  await expect(outcome(page)).toContainText('Error at line 2, column 1: syntax error at or near "FROM"');
  await expect(outcome(page)).toContainText('SQLSTATE 42601');

  // An exercise: the starting query is wrong, and the lab says why.
  await pick(page, 'Only this customer');
  await expect(page.getByRole('heading', { level: 3, name: "Only this customer's orders" })).toBeVisible();
  await expect(editor(page)).toContainText("WHERE status = 'cancelled'");
  await run(page);
  await expect(outcome(page)).toContainText("Not yet. These 7,780 rows are every customer's cancelled orders");
  await page.getByRole('button', { name: 'Show a hint (1 of 3)' }).click();
  await expect(page.getByRole('list', { name: 'Hints' }).getByRole('listitem')).toHaveCount(1);

  // Solved, and kept.
  await write(page, "SELECT id, placed_at, total_cents\nFROM orders\nWHERE customer_id = 88213 AND status = 'cancelled';");
  await run(page);
  await expect(outcome(page)).toHaveText(/^Solved\. Correct\./);
  await expect(page.locator('.lab-count')).toContainText(/^1 of \d+ exercises solved/);

  // Another tab sees it at once: the learning path ticks the stage's exercise.
  const path = await context.newPage();
  await path.goto('/path#sql-and-data-modelling');
  await hydrated(path);
  const stage = path.locator('#sql-and-data-modelling');
  await expect(stage.getByText(/^1 of \d+ exercises solved$/)).toBeVisible({ timeout: 15_000 });
  await expect(stage.locator('.stage-lab li.solved')).toContainText("Only this customer's orders");
  await path.close();

  // After a reload: still solved, and the last query is back in the editor.
  await page.reload();
  await labReady(page);
  await pick(page, 'Only this customer');
  await expect(page.getByLabel('Exercise', { exact: true }).locator('option:checked')).toContainText('(solved)');
  await expect(editor(page)).toContainText('customer_id = 88213');

  // Stop ends a query that would run for hours; the engine comes back.
  await pick(page, 'Free query');
  await write(page, 'SELECT count(*) FROM generate_series(1, 1e10);');
  await runButton(page).click();
  await expect(outcome(page)).toHaveText('Running…');
  await page.waitForTimeout(1000);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(outcome(page)).toContainText('Stopped.', { timeout: 15_000 });
  await expect(page.locator('.lab-engine')).toContainText('PostgreSQL is ready', { timeout: READY_MS });

  // Changes to the data are kept across a reload, until Reset.
  await write(page, 'CREATE TABLE scratch (note text);\nINSERT INTO scratch VALUES (\'kept\');');
  await run(page);
  await expect(outcome(page)).toContainText('Done: INSERT 0 1');
  await page.reload();
  await labReady(page);
  await write(page, 'SELECT note FROM scratch;');
  await run(page);
  await expect(outcome(page)).toHaveText('1 row.');
  await expect(page.locator('.lab-seed-note')).toBeVisible();

  await page.getByRole('button', { name: 'Reset the database' }).click();
  await page.locator('.confirm').getByRole('button', { name: 'Reset the database' }).click();
  await expect(page.locator('.notice')).toContainText('back to how it started', { timeout: READY_MS });
  await write(page, 'SELECT note FROM scratch;');
  await run(page);
  await expect(outcome(page)).toContainText('relation "scratch" does not exist');
  await expect(page.locator('.lab-count')).toContainText(/^1 of/);
});

test('a guide "Try it" link opens its query in the lab, and reading pages load none of the lab', SERVED, async ({ page }) => {
  test.setTimeout(240_000);
  const lab: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/pkg/lab/')) lab.push(request.url());
  });
  await page.goto('/guide/what-is-back-end#checking-permissions');
  await hydrated(page);
  // The service worker installs every page and asset, but not the lab.
  const worker = await (await page.request.get('/sw.js')).text();
  const precache = JSON.parse(/const PRECACHE = (\[.*?\]);/.exec(worker)![1]) as string[];
  expect(precache).toContain('/lab');
  expect(precache.filter((url) => url.startsWith('/pkg/lab/'))).toEqual([]);
  expect(lab).toEqual([]);

  const link = page.locator('.try-sql a').first();
  await expect(link).toHaveText('Run this in the SQL lab');
  await link.click();
  await expect(page).toHaveURL(/\/lab\?sql=/);
  await labReady(page);
  await expect(page.getByLabel('Exercise', { exact: true })).toHaveValue('playground');
  await expect(editor(page)).toContainText('PREPARE');
  await run(page);
  await expect(outcome(page)).toHaveText('20 rows.');
  expect(lab.length).toBeGreaterThan(0);
});

test('an interview work sample opens its lab exercise in a new tab, for the candidate to solve live', async ({ page, context }) => {
  test.setTimeout(240_000);
  await page.goto('/interview');
  await hydrated(page);
  const question = page.locator('.bank-question').filter({ has: page.locator('.lab-link') }).first();
  await question.getByText('What to listen for, and how to score it').click();
  const link = question.locator('.lab-link a');
  await expect(link).toHaveAccessibleName(/the same skill as a SQL lab exercise .* \(opens in a new tab\)$/);
  await expect(link).toHaveAttribute('target', '_blank');
  const [lab] = await Promise.all([context.waitForEvent('page'), link.click()]);
  await expect(lab).toHaveURL(/\/lab\?exercise=[a-z0-9-]+$/);
  const exercise = new URL(lab.url()).searchParams.get('exercise')!;
  await labReady(lab);
  const title = await lab.locator(`#exercise-${exercise} h4`).textContent();
  await expect(lab.getByLabel('Exercise', { exact: true }).locator('option:checked')).toHaveText(title!);
  await expect(lab.getByRole('heading', { level: 3, name: title! })).toBeVisible();
  // The kit stays where it was, in its own tab.
  await expect(page).toHaveURL(/\/interview$/);
  await lab.close();
});

test('the lab works offline after one visit', SERVED, async ({ page, context }) => {
  test.setTimeout(240_000);
  await page.goto('/lab');
  await labReady(page);
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 20_000 })
    .toBe(true);
  // Every file of the engine is in the service worker's lab cache.
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const cache = await caches.open('backend-guide-lab');
          return (await cache.keys()).map((r) => new URL(r.url).pathname).filter((p) => /\.(wasm|data)$/.test(p)).length;
        }),
      { timeout: 60_000 },
    )
    .toBeGreaterThanOrEqual(3);
  await goOffline(context);
  try {
    await page.reload();
    await labReady(page);
    await pick(page, 'Free query');
    await write(page, 'SELECT count(*) AS orders FROM orders;');
    await run(page);
    await expect(page.getByRole('region', { name: /^Result/ }).getByRole('cell')).toHaveText('100000');
  } finally {
    await context.setOffline(false);
  }
});

async function goOffline(context: BrowserContext) {
  await context.setOffline(true);
}

test.describe('on a phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  test('a wide result scrolls in its table, not the page', async ({ page }) => {
    test.setTimeout(240_000);
    await page.goto('/lab?exercise=playground');
    await labReady(page);
    await write(page, 'SELECT * FROM orders ORDER BY id LIMIT 30;');
    await run(page);
    await expect(outcome(page)).toHaveText('30 rows.');
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      view: document.documentElement.clientWidth,
      table: document.querySelector('.lab-table')!.scrollWidth,
    }));
    expect(widths.page).toBeLessThanOrEqual(widths.view);
    expect(widths.table).toBeGreaterThan(widths.view);
  });
});

// The editor starts as a plain text box and becomes CodeMirror on first
// focus (lab/src/plain-editor.js): its 350 KB are neither fetched nor run
// at load.
const EDITOR_MODULE = /\/pkg\/lab\/lab-editor\.[0-9a-f]+\.js$/;

test.describe('the editor on demand', () => {
  // Routes do not see what the service worker fetches: once the engine is
  // ready it keeps every lab file, the editor module included.
  test.use({ serviceWorkers: 'block', allowedConsole: [/Service Worker registration blocked/] });

  test('the editor is a plain text box until first focused, then CodeMirror, and no keystroke is lost', async ({ page }) => {
    let fetched = 0;
    // A slow network: the reader types before the editor has arrived.
    await page.route(EDITOR_MODULE, async (route) => {
      fetched += 1;
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    await page.goto('/lab?exercise=playground');
    await hydrated(page);
    await expect(editor(page)).toBeVisible();
    expect(await editor(page).evaluate((el) => el.tagName)).toBe('TEXTAREA');
    expect(fetched, 'the editor module is not fetched before the reader needs it').toBe(0);

    await editor(page).focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText('SELECT 1');
    await page.keyboard.type(' + 2');
    await expect(page.locator('.lab-editor .cm-content')).toBeVisible({ timeout: 15_000 });
    await page.keyboard.type(' AS three;');
    await expect(editor(page)).toHaveText('SELECT 1 + 2 AS three;');
    expect(await editor(page).evaluate((el) => el.tagName)).toBe('DIV');
    await expect(editor(page)).toBeFocused();
    expect(fetched).toBe(1);
  });

  test.describe('on a phone', () => {
    test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

    test('a first touch fetches the editor, so a tap on the text box swaps it within the tap', async ({ page }) => {
      await page.goto('/lab?exercise=playground');
      await hydrated(page);
      expect(await editor(page).evaluate((el) => el.tagName)).toBe('TEXTAREA');
      // The reader touches the page (to scroll, say) before tapping the editor.
      const fetched = page.waitForResponse(EDITOR_MODULE);
      await page.getByRole('heading', { level: 1 }).tap();
      await fetched;
      // Its module evaluated (the next task at the latest), the swap needs no wait.
      await page.waitForTimeout(300);
      await editor(page).tap();
      const focused = await page.evaluate(() => {
        const host = document.querySelector('.lab-editor');
        const inner = host?.shadowRoot?.activeElement;
        return inner ? `${inner.tagName}.${inner.className}` : document.activeElement?.tagName;
      });
      expect(focused, 'the tap itself moved focus into CodeMirror').toContain('cm-content');
    });
  });

  test.describe('when the editor cannot be loaded', () => {
    test.use({
      allowedConsole: [/Service Worker registration blocked|the editor could not be loaded|Failed to load resource|ERR_FAILED/],
    });

    test('the plain text box still runs queries, Ctrl+Enter included', async ({ page }) => {
      test.setTimeout(180_000);
      await page.route(EDITOR_MODULE, (route) => route.abort());
      await page.goto('/lab?exercise=playground');
      await labReady(page);
      await write(page, 'SELECT 6 * 7 AS answer;');
      await run(page, 'keys');
      await expect(outcome(page)).toHaveText('1 row.');
      await expect(page.getByRole('region', { name: /^Result: 1 row/ }).getByRole('cell')).toHaveText('42');
      expect(await editor(page).evaluate((el) => el.tagName)).toBe('TEXTAREA');
    });
  });
});

test('a "Practise" link in the exercise list opens its exercise in the workbench, without leaving the page', async ({ page }) => {
  await page.goto('/lab');
  await hydrated(page);
  // A mark on the workbench: a navigation, even the router's, would replace it.
  await page.locator('.lab-bench').evaluate((el) => el.setAttribute('data-stayed', ''));
  const item = page.locator('#exercise-filter-and-or-precedence');
  await item.getByRole('link', { name: /^Practise/ }).click();
  await expect(page.getByRole('heading', { level: 3, name: 'AND before OR' }).first()).toBeVisible();
  await expect(page.getByLabel('Exercise', { exact: true }).locator('option:checked')).toHaveText('AND before OR');
  await expect(page.locator('#workbench-title')).toBeFocused();
  await expect(page.locator('.lab-bench[data-stayed]')).toHaveCount(1);
});

test('without JavaScript the lab lists every exercise with its task and the schema', SERVED, async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/lab');
  await expect(page.getByText('Running queries needs JavaScript and WebAssembly')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'The shop\'s tables' })).toBeVisible();
  await expect(page.locator('.lab-schema-sql')).toContainText('CREATE TABLE orders');
  const items = page.locator('.lab-exercise-list > li');
  expect(await items.count()).toBeGreaterThanOrEqual(30);
  await expect(items.first().getByRole('link', { name: /^Practise/ })).toBeVisible();
  await expect(page.locator('.lab-bench')).toBeHidden();
  await context.close();
});
