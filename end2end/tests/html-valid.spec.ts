import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SERVED, expect, hydrated, sections, test } from './fixtures';
import { startQuiz } from './quiz-helpers';

// The W3C Nu HTML checker (npm vnu-jar, run with Java) over every page as
// the server sends it, the 404 page (rendered per request), a page with a
// query string, and the live document in the middle of a quiz. The only
// message allowed is its complaint about the framework's empty hydration
// markers, `<!>`.
const vnuJar: string = require('vnu-jar');

interface VnuMessage {
  type: string;
  subType?: string;
  message: string;
  extract?: string;
  url: string;
  lastLine?: number;
}

function check(files: Record<string, string>): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vnu-'));
  const names = Object.keys(files);
  const paths = names.map((name, i) => {
    const file = path.join(dir, `${i}.html`);
    fs.writeFileSync(file, files[name]);
    return file;
  });
  const out = execFileSync('java', ['-jar', vnuJar, '--format', 'json', '--stdout', '--exit-zero-always', ...paths], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const report = JSON.parse(out || '{"messages":[]}') as { messages: VnuMessage[] };
  return report.messages
    .filter((m) => m.type === 'error' || m.subType === 'fatal' || m.type === 'non-document-error')
    .filter((m) => !(m.message === 'Bogus comment.' && (m.extract ?? '').includes('<!>')))
    .map((m) => {
      const index = paths.findIndex((p) => m.url.endsWith(`/${path.basename(p)}`));
      return `${names[index] ?? m.url}:${m.lastLine ?? '?'}: ${m.message} [${(m.extract ?? '').trim()}]`;
    });
}

test('every page is valid HTML, as served and as the quiz leaves it', SERVED, async ({ page, request }) => {
  test.setTimeout(120_000);
  const urls = ['/', '/glossary', '/quiz', '/bookmarks', '/path', '/interview', '/lab', ...sections().map((s) => `/guide/${s.slug}`)];
  const files: Record<string, string> = {};
  for (const url of [...urls, '/no-such-page', '/quiz?seed=3']) {
    const response = await request.get(url);
    expect([200, 404]).toContain(response.status());
    files[url] = await response.text();
  }

  await startQuiz(page, 7);
  await hydrated(page);
  await page.locator('fieldset input').first().check();
  await page.getByRole('button', { name: 'Check answer' }).click();
  await expect(page.locator('.feedback')).toBeVisible();
  files['/quiz (answering, live DOM)'] = await page.content();

  // The checker itself is heard: a known mistake is reported.
  files['(known bad: a script after </html>)'] = '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body></body></html><script>1</script>';
  const errors = check(files);
  const known = errors.filter((e) => e.startsWith('(known bad'));
  expect(known.join('\n')).toContain('Stray start tag');
  const real = errors.filter((e) => !e.startsWith('(known bad'));
  expect(real, `the checker found:\n${real.join('\n')}`).toEqual([]);
});
