import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from './fixtures';

// The download budgets of bench/budget.json (reading pages at most 100 KB of
// JS + WASM, tool pages their own caps), checked on every `make test` so a
// change that breaks one fails here rather than at the next benchmark run.
// bench/size.mjs does the measuring; it only makes HTTP requests, so it runs
// against the server under test in a few seconds.
test('every page kind keeps to its download budget (bench/size.mjs)', async ({ baseURL }) => {
  test.setTimeout(180_000);
  const script = path.join(__dirname, '..', '..', 'bench', 'size.mjs');
  const measure = () =>
    promisify(execFile)(process.execPath, [script], {
      env: { ...process.env, BENCH_URL: baseURL },
      maxBuffer: 4 * 1024 * 1024,
    }).then(
      (out) => ({ code: 0, ...out }),
      (err) => ({ code: err.code as number, stdout: String(err.stdout ?? ''), stderr: String(err.stderr ?? err.message) }),
    );
  // The server compresses its bodies with brotli in the background after
  // it starts (about 20 s for the test build's server); until then it sends
  // them as they are and every page is over budget. So the measurement is
  // repeated until it passes, and a real excess fails with its table.
  let run = await measure();
  const until = Date.now() + 150_000;
  while (run.code !== 0 && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 3_000));
    run = await measure();
  }
  expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
  // It measured every page kind, and each is within budget.
  expect(run.stdout).toContain('PASS: within budget');
  expect(run.stdout).toMatch(/first load of \/guide\/what-is-back-end/);
  expect(run.stdout).not.toMatch(/\bOVER\b/);
});
