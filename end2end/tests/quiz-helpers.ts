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
  kind: 'single' | 'multiple' | 'true-false';
  prompt: string;
  explanation: string;
  link: string;
  option: BankOption[];
}

/** The question bank as the writers wrote it (content/quiz.toml). */
export const bank: BankQuestion[] = (
  parse(fs.readFileSync(path.join(__dirname, '..', '..', 'content', 'quiz.toml'), 'utf8')) as unknown as {
    question: BankQuestion[];
  }
).question;

export const QUIZ_KEY = 'backend-guide:v1:quiz';

/** The bank entry of the question on screen, found by its prompt. */
export async function currentQuestion(page: Page): Promise<BankQuestion> {
  const prompt = (await page.locator('legend.prompt').innerText()).trim();
  const q = bank.find((b) => b.prompt === prompt);
  if (!q) throw new Error(`question not in bank: ${prompt}`);
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
