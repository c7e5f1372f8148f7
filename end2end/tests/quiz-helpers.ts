import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'smol-toml';
import { expect, type Page } from '@playwright/test';

export interface BankOption {
  text: string;
  correct: boolean;
  why_wrong?: string;
}
export interface BankQuestion {
  id: string;
  area: string;
  difficulty: 'easy' | 'medium' | 'hard';
  kind: 'single' | 'multiple' | 'true-false';
  prompt: string;
  explanation: string;
  link: string;
  option: BankOption[];
}

const QUIZ_DIR = path.join(__dirname, '..', '..', 'content', 'quiz');

/** The question bank as the writers wrote it (content/quiz/*.toml, in name order). */
export const bank: BankQuestion[] = fs
  .readdirSync(QUIZ_DIR)
  .filter((f) => f.endsWith('.toml'))
  .sort()
  .flatMap(
    (f) => (parse(fs.readFileSync(path.join(QUIZ_DIR, f), 'utf8')) as unknown as { question: BankQuestion[] }).question,
  );

/** The skill areas, in the quiz's order. */
export const areas: string[] = [...new Set(bank.map((q) => q.area))];

/** A quick quiz over every area: two questions from each. */
export const QUICK = 2 * areas.length;

export const QUIZ_KEY = 'backend-guide:v1:quiz';

/** The bank entry of the question on screen (its section names the question, not its key). */
export async function currentQuestion(page: Page): Promise<BankQuestion> {
  const id = await page.locator('section.quiz-question').getAttribute('data-question');
  const q = bank.find((b) => b.id === id);
  if (!q) throw new Error(`question not in bank: ${id}`);
  return q;
}

function optionInput(page: Page, q: BankQuestion, text: string) {
  return page.getByRole(q.kind === 'multiple' ? 'checkbox' : 'radio', { name: text, exact: true });
}

/** Answers the question on screen right or wrong, checks the feedback, and returns it. */
export async function answer(page: Page, how: 'right' | 'wrong'): Promise<BankQuestion> {
  const q = await currentQuestion(page);
  const picks = how === 'right' ? q.option.filter((o) => o.correct) : [q.option.find((o) => !o.correct)!];
  for (const o of picks) await optionInput(page, q, o.text).check();
  await page.getByRole('button', { name: 'Check answer' }).click();

  const feedback = page.locator('.feedback');
  await expect(feedback).toContainText(how === 'right' ? 'Correct.' : 'Not quite.');
  await expect(feedback).toContainText(q.explanation);
  if (how === 'wrong') await expect(feedback).toContainText(`is wrong: ${picks[0].why_wrong}`);
  await expect(feedback.getByRole('link')).toHaveAttribute('href', q.link);
  return q;
}

/** Goes on from the feedback to the next question or the results. */
export async function next(page: Page) {
  await page.getByRole('button', { name: /Next question|See my results/ }).click();
}

export async function startQuiz(page: Page, seed: number, length: 'Quick' | 'Full' = 'Quick') {
  await page.goto(`/quiz?seed=${seed}`);
  await page.getByRole('radio', { name: new RegExp(`^${length}`) }).check();
  await page.getByRole('button', { name: 'Start the quiz' }).click();
}
