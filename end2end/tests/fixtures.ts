import fs from 'node:fs';
import path from 'node:path';
import { expect, test as base, type Page } from '@playwright/test';

/**
 * Every test fails if the page logs a console error or warning (Leptos
 * reports hydration mismatches there) or throws (a WASM panic does).
 */
export const test = base.extend<{ allowedConsole: RegExp[]; consoleProblems: string[] }>({
  // Messages a spec expects, e.g. the browser's note that a page answered 404.
  allowedConsole: [[], { option: true }],
  consoleProblems: [
    async ({ page, allowedConsole }, use) => {
      const problems: string[] = [];
      problemsOf.set(page, problems);
      // Requests asked for and not yet answered, for the message of a
      // failed wait for hydration (the resource timings list only the
      // finished ones).
      const pending = new Set<string>();
      pendingOf.set(page, pending);
      page.on('request', (r) => pending.add(r.url()));
      page.on('requestfinished', (r) => pending.delete(r.url()));
      page.on('requestfailed', (r) => pending.delete(r.url()));
      page.on('console', (msg) => {
        if (allowedConsole.some((re) => re.test(msg.text()))) return;
        if (msg.type() === 'error' || msg.type() === 'warning') {
          problems.push(`${msg.type()}: ${msg.text()}`);
        }
      });
      page.on('pageerror', (err) => {
        // A spec may expect a page error too (the loader's, when the WASM is blocked).
        if (allowedConsole.some((re) => re.test(err.message))) return;
        problems.push(`pageerror: ${err.message}`);
      });
      await use(problems);
      expect(problems, 'console errors or warnings').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Each page's console problems so far, for the messages of failed waits. */
const problemsOf = new WeakMap<Page, string[]>();
/** Each page's requests still waiting for their answer. */
const pendingOf = new WeakMap<Page, Set<string>>();

/**
 * Waits until the WASM client has hydrated the page (it marks <html>). When
 * it does not, the failure says how far the page got: its client files as
 * the browser fetched them, and any console problem.
 */
export async function hydrated(page: Page) {
  try {
    await expect(page.locator('html[data-hydrated]')).toHaveCount(1, { timeout: 15_000 });
  } catch (error) {
    const state = await page
      .evaluate(async () => ({
        url: location.href,
        readyState: document.readyState,
        visibility: document.visibilityState,
        // Set by the framework's script once the client module is imported,
        // which it does in an idle callback.
        clientImported: typeof (window as { __hydrateIsland?: unknown }).__hydrateIsland === 'function',
        // Whether the browser runs idle callbacks at all now.
        idleProbe: await new Promise<string>((answer) => {
          const late = setTimeout(() => answer('no idle callback within 2 s'), 2000);
          requestIdleCallback(() => {
            clearTimeout(late);
            answer('an idle callback ran');
          });
        }),
        client: performance
          .getEntriesByType('resource')
          .filter((e) => new URL(e.name).pathname.startsWith('/pkg/'))
          .map((e) => {
            const r = e as PerformanceResourceTiming;
            const ms = (t: number) => Math.round(t);
            return `${new URL(r.name).pathname} (${r.initiatorType}) start ${ms(r.startTime)} ms, end ${ms(r.responseEnd)} ms, ${r.encodedBodySize} B, status ${r.responseStatus}`;
          }),
        now: Math.round(performance.now()),
      }))
      .catch((e) => `the page could not be asked: ${e}`);
    const problems = problemsOf.get(page) ?? [];
    const pending = [...(pendingOf.get(page) ?? [])];
    throw new Error(
      `the page did not hydrate in 15 s\n${JSON.stringify(state, null, 2)}\nrequests still unanswered: ${JSON.stringify(pending)}\nconsole problems: ${JSON.stringify(problems)}\n${error}`,
    );
  }
}

export interface SectionInfo {
  slug: string;
  title: string;
  file: string;
}

/** The guide's sections in reading order, read from content/guide. */
export function sections(): SectionInfo[] {
  const dir = path.join(__dirname, '..', '..', 'content', 'guide');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((file) => {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      const field = (name: string) => {
        const m = text.match(new RegExp(`^${name} = "(.*)"$`, 'm'));
        if (!m) throw new Error(`${file}: no ${name}`);
        return m[1];
      };
      return { slug: field('slug'), title: field('title'), file };
    });
}

/**
 * Puts `value` under `key` in local storage before the first load of the
 * page only, the way a visitor's old or damaged data would be waiting.
 */
export async function plantOnce(page: Page, key: string, value: string) {
  await page.addInitScript(
    ([k, v]) => {
      if (!sessionStorage.getItem('planted')) {
        localStorage.setItem(k, v);
        sessionStorage.setItem('planted', '1');
      }
    },
    [key, value],
  );
}

/**
 * The tag of tests whose outcome depends on how the site is served (headers,
 * status codes, files, the service worker, query strings, routing fetches,
 * the CSP on inline scripts): `make test` runs them against the static
 * export as well (`bench/export-test.sh --grep @served`). Every other test
 * drives the same HTML and client code, and runs against our server.
 */
export const SERVED = { tag: '@served' };
