import { SERVED, expect, hydrated, plantOnce, test } from './fixtures';
import { QUICK, QUIZ_KEY, answer, areas, bank, currentQuestion, next, startQuiz } from './quiz-helpers';

test('all answers right: 100%, no study plan, best score in the history', async ({ page }) => {
  await startQuiz(page, 11);
  for (let i = 1; i <= QUICK; i++) {
    await expect(page.getByRole('heading', { name: `Question ${i} of ${QUICK}` })).toBeVisible();
    await answer(page, 'right');
    await next(page);
  }
  await expect(page.getByText('You scored 100%')).toBeVisible();
  await expect(page.getByText('No study plan needed')).toBeVisible();
  await expect(page.locator('.area-bar').first()).toContainText('100%');

  await page.getByRole('button', { name: 'Back to the start' }).click();
  await expect(page.getByText('Best score: 100%')).toBeVisible();
  await expect(page.locator('.quiz-history tbody tr')).toHaveCount(1);
  await expect(page.locator('.quiz-history tbody tr')).toContainText('Quick');
});

test('all answers wrong: 0% and a study plan linking into the guide', async ({ page }) => {
  await startQuiz(page, 12);
  const seen = [];
  for (let i = 1; i <= QUICK; i++) {
    seen.push(await answer(page, 'wrong'));
    await next(page);
  }
  await expect(page.getByText('You scored 0%')).toBeVisible();
  const plan = page.locator('ol.study-plan');
  await expect(plan).toBeVisible();
  for (const q of seen) {
    // Listed under its area (a heading that teaches two areas is listed under both).
    await expect(plan.locator(`a[href="${q.link}"]`).first()).toBeVisible();
  }
  // Each weak area names its learning path stage.
  await expect(plan.locator('.plan-stage a[href^="/path#"]').first()).toBeVisible();
  // The plan's links lead into the guide.
  await plan.locator('a[href^="/guide/"]').first().click();
  await expect(page).toHaveURL(/\/guide\//);
});

test('a reload in the middle resumes at the same question with earlier answers kept', async ({ page }) => {
  await startQuiz(page, 13);
  for (let i = 0; i < 3; i++) {
    await answer(page, 'right');
    await next(page);
  }
  const fourth = await currentQuestion(page);
  await page.reload();
  await hydrated(page);
  await expect(page.getByRole('heading', { name: `Question 4 of ${QUICK}` })).toBeVisible();
  expect((await currentQuestion(page)).id).toBe(fourth.id);
  for (let i = 4; i <= QUICK; i++) {
    await answer(page, 'right');
    await next(page);
  }
  // Only possible if the three answers before the reload were kept.
  await expect(page.getByText('You scored 100%')).toBeVisible();
});

test('review my mistakes asks only the missed questions; retake starts afresh', async ({ page }) => {
  await startQuiz(page, 14);
  const missed: string[] = [];
  for (let i = 1; i <= QUICK; i++) {
    const q = await answer(page, i <= 2 ? 'wrong' : 'right');
    if (i <= 2) missed.push(q.id);
    await next(page);
  }
  await expect(page.getByText(`You scored ${Math.floor(((QUICK - 2) / QUICK) * 100)}%`)).toBeVisible();
  await page.getByRole('button', { name: 'Review my mistakes (2)' }).click();
  const reviewed: string[] = [];
  for (let i = 1; i <= 2; i++) {
    await expect(page.getByRole('heading', { name: `Question ${i} of 2` })).toBeVisible();
    reviewed.push((await answer(page, 'right')).id);
    await next(page);
  }
  expect(reviewed.sort()).toEqual(missed.sort());
  await expect(page.getByText('You scored 100%')).toBeVisible();

  await page.getByRole('button', { name: 'Retake the quiz' }).click();
  await expect(page.getByRole('heading', { name: 'Question 1 of 2' })).toBeVisible();
});

test('the same seed gives the same questions; multiple choice states its rule', SERVED, async ({ page }) => {
  await startQuiz(page, 15, 'Full');
  await expect(page.getByRole('heading', { name: `Question 1 of ${bank.length}` })).toBeVisible();
  const first = await currentQuestion(page);
  await page.evaluate((key) => localStorage.removeItem(key), QUIZ_KEY);
  await startQuiz(page, 15, 'Full');
  expect((await currentQuestion(page)).id).toBe(first.id);

  // Walk until a multiple-choice question and check the partial-credit rule.
  for (let i = 0; i < bank.length; i++) {
    const q = await currentQuestion(page);
    if (q.kind === 'multiple') {
      await expect(page.getByText(/Select all that apply/)).toBeVisible();
      const right = q.option.filter((o) => o.correct);
      await page.getByRole('checkbox', { name: right[0].text, exact: true }).check();
      await page.getByRole('button', { name: 'Check answer' }).click();
      await expect(page.locator('.feedback')).toContainText('Partly right');
      return;
    }
    await answer(page, 'right');
    await next(page);
  }
  throw new Error('no multiple-choice question found');
});

test('the quiz can be taken with the keyboard alone', async ({ page }) => {
  await page.goto('/quiz?seed=16');
  await hydrated(page);
  // Tab from the top of the page to the start button.
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const name = await page.evaluate(() => document.activeElement?.textContent?.trim());
    if (name === 'Start the quiz') break;
  }
  await expect(page.getByRole('button', { name: 'Start the quiz' })).toBeFocused();
  await page.keyboard.press('Enter');
  for (let i = 1; i <= QUICK; i++) {
    await expect(page.getByRole('heading', { name: `Question ${i} of ${QUICK}` })).toBeFocused();
    // Tab to the first option (past any code to read in the prompt).
    for (let t = 0; t < 6; t++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.tagName === 'INPUT')) break;
    }
    await page.keyboard.press('Space'); // choose it
    await page.keyboard.press('Enter'); // check the answer
    await expect(page.locator('.feedback')).toBeVisible();
    const go = page.getByRole('button', { name: i < QUICK ? 'Next question' : 'See my results' });
    await expect(go).toBeFocused();
    await page.keyboard.press('Enter');
  }
  await expect(page.getByText(/You scored \d+%/)).toBeVisible();
});

test('corrupt saved quiz data is set aside with a notice', async ({ page }) => {
  await plantOnce(page, QUIZ_KEY, '{"version":1,"data":{"history":"not a list"}');
  await page.goto('/quiz?seed=17');
  await expect(page.getByRole('status').getByText(/could not be read/)).toBeVisible();
  const backups = await page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith('backend-guide:backup:quiz:')),
  );
  expect(backups).toHaveLength(1);
  expect(await page.evaluate((k) => localStorage.getItem(k), backups[0])).toContain('not a list');
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByText(/could not be read/)).toHaveCount(0);
  // The quiz still works.
  await page.getByRole('button', { name: 'Start the quiz' }).click();
  await expect(page.getByRole('heading', { name: `Question 1 of ${QUICK}` })).toBeVisible();
});

test('a saved answer to a question that no longer exists is dropped quietly', async ({ page }) => {
  const kept = bank[0];
  await page.addInitScript(
    ([key, value]) => localStorage.setItem(key, value),
    [
      QUIZ_KEY,
      JSON.stringify({
        version: 1,
        data: {
          in_progress: {
            seed: 1,
            mode: 'full',
            questions: [
              { id: 'question-removed-from-bank', order: [0, 1], answer: [0] },
              { id: kept.id, order: kept.option.map((_, i) => i), answer: null },
            ],
          },
          history: [],
        },
      }),
    ],
  );
  await page.goto('/quiz');
  await expect(page.getByRole('heading', { name: 'Question 1 of 1' })).toBeVisible();
  expect((await currentQuestion(page)).id).toBe(kept.id);
  await expect(page.getByRole('status').getByText(/could not be read/)).toHaveCount(0);
});

test('reset quiz data asks for confirmation, then clears history', async ({ page }) => {
  await startQuiz(page, 18);
  for (let i = 1; i <= QUICK; i++) {
    await answer(page, 'right');
    await next(page);
  }
  await page.getByRole('button', { name: 'Back to the start' }).click();
  await page.getByRole('button', { name: 'Reset quiz data' }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Best score: 100%')).toBeVisible();
  await page.getByRole('button', { name: 'Reset quiz data' }).click();
  await page.getByRole('button', { name: 'Yes, delete quiz data' }).click();
  await expect(page.getByText('Best score')).toHaveCount(0);
  await page.reload();
  await hydrated(page);
  await expect(page.getByText('Best score')).toHaveCount(0);
});

test.describe('when the server cannot give the bank', SERVED, () => {
  // The browser itself logs the failed request.
  test.use({ allowedConsole: [/status of 503/] });
  test('a question bank that cannot be fetched is explained, and nothing is lost', async ({ page }) => {
    const saved = JSON.stringify({ note: 'kept as it was' });
    await page.route('**/quiz-bank.json', (route) => route.fulfill({ status: 503, body: 'down' }));
    await page.addInitScript(([key, value]) => {
      if (!sessionStorage.getItem('planted')) {
        localStorage.setItem(key, value);
        sessionStorage.setItem('planted', '1');
      }
    }, [QUIZ_KEY, saved]);
    await page.goto('/quiz');
    await hydrated(page);
    await expect(page.getByText('The quiz questions could not be loaded')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Start the quiz' })).toBeDisabled();
    // The saved quiz data was not read, so nothing was set aside or rewritten.
    expect(await page.evaluate((key) => localStorage.getItem(key), QUIZ_KEY)).toBe(saved);
  });
});

test('a quick quiz covers every area, and results say what each score rests on', async ({ page }) => {
  await startQuiz(page, 21);
  for (let i = 1; i <= QUICK; i++) {
    await answer(page, i % 2 ? 'right' : 'wrong');
    await next(page);
  }
  const bars = page.locator('.area-bar');
  await expect(bars).toHaveCount(areas.length);
  for (let i = 0; i < areas.length; i++) await expect(bars.nth(i)).toContainText('2 questions');
  // The bands and the counting rules are explained on the results page.
  const meaning = page.getByRole('region', { name: 'What your score means, and how it was counted' });
  await expect(meaning).toContainText('60% means');
  await expect(meaning).toContainText('Ticking everything scores 0');
  await expect(meaning).toContainText("I don't know");
});

test('ticking every option of a multiple-answer question scores 0', async ({ page }) => {
  await startQuiz(page, 22, 'Full');
  for (let i = 0; i < bank.length; i++) {
    const q = await currentQuestion(page);
    if (q.kind === 'multiple') {
      for (const o of q.option) await page.getByRole('checkbox', { name: o.text, exact: true }).check();
      await page.getByRole('button', { name: 'Check answer' }).click();
      await expect(page.locator('.feedback')).toContainText('Not quite.');
      return;
    }
    await answer(page, 'right');
    await next(page);
  }
  throw new Error('no multiple-choice question found');
});

test('the page does not give the key away: inputs carry their position on screen', async ({ page }) => {
  await startQuiz(page, 23, 'Full');
  for (let i = 0; i < 12; i++) {
    const q = await currentQuestion(page);
    const values = await page.locator('.options input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(values).toEqual(q.option.map((_, n) => String(n)));
    await answer(page, 'right');
    await next(page);
  }
});

test("\"I don't know\" shows the answer, scores 0 and goes into the study plan", async ({ page }) => {
  await startQuiz(page, 24);
  const q = await currentQuestion(page);
  await page.getByRole('button', { name: "I don't know" }).click();
  const feedback = page.locator('.feedback');
  await expect(feedback).toContainText("I don't know");
  await expect(feedback).toContainText(q.explanation);
  await next(page);
  for (let i = 2; i <= QUICK; i++) {
    await answer(page, 'right');
    await next(page);
  }
  await expect(page.getByText(`You scored ${Math.floor(((QUICK - 1) / QUICK) * 100)}%`)).toBeVisible();
  await expect(page.locator(`ol.study-plan a[href="${q.link}"]`).first()).toBeVisible();
});

test('the last results stay reachable after leaving the page, and a reload keeps the explanation', async ({ page }) => {
  await startQuiz(page, 25);
  await answer(page, 'wrong');
  // A reload while the explanation is on screen keeps it there.
  const first = await currentQuestion(page);
  await page.reload();
  await hydrated(page);
  await expect(page.locator('.feedback')).toContainText(first.explanation);
  await next(page);
  for (let i = 2; i <= QUICK; i++) {
    await answer(page, 'right');
    await next(page);
  }
  await expect(page.getByText(/You scored \d+%/)).toBeVisible();
  await page.goto('/');
  await page.goBack();
  await hydrated(page);
  await page.getByRole('button', { name: 'See my last results and study plan' }).click();
  await expect(page.getByText(/You scored \d+%/)).toBeVisible();
  await expect(page.locator(`ol.study-plan a[href="${first.link}"]`).first()).toBeVisible();
});

test('a beginner can start with easier questions', async ({ page }) => {
  await page.goto('/quiz?seed=26');
  await hydrated(page);
  await page.getByRole('checkbox', { name: /start with easier questions/ }).check();
  await page.getByRole('button', { name: 'Start the quiz' }).click();
  for (let i = 0; i < 5; i++) {
    expect((await currentQuestion(page)).difficulty).toBe('easy');
    await answer(page, 'right');
    await next(page);
  }
});
