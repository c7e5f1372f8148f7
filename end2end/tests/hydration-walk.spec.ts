import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * Our island walk (src/server/framework/hydrate_in_slices.js, W4 in
 * docs/framework-workarounds.md) must keep the framework's semantics. No
 * page of the guide nests an island in another's children or has two lazy
 * islands, so the walk runs here on markup that does, with a stand-in for
 * the client module: each island function records what it saw. The
 * stand-in keeps tachys's protocol: hydrating an island that has children
 * leaves a callback on its <leptos-children> that makes the island's owner
 * the current one, and a lazy island returns a promise.
 */
const WALK = fs.readFileSync(path.join(__dirname, '../../src/server/framework/hydrate_in_slices.js'), 'utf8');

interface Walked {
  /** What the island functions saw, in the order they ran. */
  log: string[];
  /** How many log lines there were when `<html data-hydrated>` was set. */
  atHydrated: number;
  /** Tasks of 50 ms or more while the walk ran (the Long Tasks API). */
  longTasks: number;
}

/** Runs the walk over `markup` with island functions that log. */
async function walk(page: Page, markup: string, busyMs = 0): Promise<Walked> {
  await page.setContent(`<!DOCTYPE html><html><body>${markup}</body></html>`);
  return page.evaluate(
    async ({ source, busyMs }) => {
      const log: string[] = [];
      let owner = 'root';
      const busy = () => {
        const until = performance.now() + busyMs;
        while (performance.now() < until) {
          // A slow island: the walk must pause between such islands.
        }
      };
      const island = (name: string) => (el: HTMLElement) => {
        busy();
        log.push(`${name} under ${owner}`);
        owner = 'root';
        const children = el.querySelector(':scope > leptos-children') as (HTMLElement & { $$on_hydrate?: () => void }) | null;
        if (children) children.$$on_hydrate = () => (owner = name);
      };
      const lazy = (name: string, ms: number) => (el: HTMLElement) => {
        log.push(`${name} starts`);
        return new Promise<void>((done) =>
          setTimeout(() => {
            island(name)(el);
            done();
          }, ms),
        );
      };
      const mod = new Proxy({} as Record<string, unknown>, {
        get: (_, name: string) => {
          if (name.startsWith('Lazy')) return lazy(name, name.endsWith('Slow') ? 80 : 5);
          if (name.startsWith('Missing')) return undefined;
          return island(name);
        },
      });
      let longTasks = 0;
      new PerformanceObserver((list) => (longTasks += list.getEntries().length)).observe({ type: 'longtask' });
      let atHydrated = -1;
      const done = new Promise<void>((resolve) =>
        new MutationObserver(() => {
          if (document.documentElement.hasAttribute('data-hydrated')) {
            atHydrated = log.length;
            resolve();
          }
        }).observe(document.documentElement, { attributes: true }),
      );
      new Function('mod', source)(mod);
      await done;
      // Long task entries are delivered after the task ends.
      await new Promise((resume) => setTimeout(resume, 50));
      return { log, atHydrated, longTasks };
    },
    { source: WALK, busyMs },
  );
}

test('an island inside another island’s children sees that island’s owner, and only there', async ({ page }) => {
  const { log, atHydrated } = await walk(
    page,
    `<leptos-island data-component="Outer"><p>text</p>
       <leptos-children><div><leptos-island data-component="Inner">
         <leptos-children><leptos-island data-component="Innermost"></leptos-island></leptos-children>
       </leptos-island></div>
       <leptos-island data-component="Second"></leptos-island></leptos-children>
     </leptos-island>
     <leptos-island data-component="Sibling"></leptos-island>`,
  );
  expect(log).toEqual([
    'Outer under root',
    'Inner under Outer',
    'Innermost under Inner',
    // Back in Outer's children after Inner's have ended.
    'Second under Outer',
    // Outside any children: no parent's owner.
    'Sibling under root',
  ]);
  expect(atHydrated).toBe(5);
});

test.describe('with an island the client has no code for', () => {
  test.use({ allowedConsole: [/No client code for the island Missing/] });

  test('lazy islands hydrate in page order, each before the islands after it', async ({ page }) => {
    const { log, atHydrated } = await walk(
      page,
      `<leptos-island data-component="Header"></leptos-island>
       <leptos-island data-component="LazySlow"><leptos-children>
         <leptos-island data-component="InsideLazy"></leptos-island>
       </leptos-children></leptos-island>
       <leptos-island data-component="LazyQuick"></leptos-island>
       <leptos-island data-component="Missing"></leptos-island>
       <leptos-island data-component="Footer"></leptos-island>`,
    );
    expect(log).toEqual([
      'Header under root',
      // The slow one's code arrives after the quick one's would have, yet
      // it hydrates first, and the island in its children gets its owner.
      'LazySlow starts',
      'LazySlow under root',
      'InsideLazy under LazySlow',
      'LazyQuick starts',
      'LazyQuick under root',
      'Footer under root',
    ]);
    // data-hydrated waits for every island, the lazy ones included.
    expect(atHydrated).toBe(log.length);
  });
});

test('slow islands are hydrated in slices, with no long task', async ({ page }) => {
  // Control: the observer does see a task of 120 ms.
  await page.setContent('<p>control</p>');
  const seen = await page.evaluate(async () => {
    let count = 0;
    new PerformanceObserver((list) => (count += list.getEntries().length)).observe({ type: 'longtask' });
    await new Promise((resume) => setTimeout(resume));
    const until = performance.now() + 120;
    while (performance.now() < until) {
      // one long task
    }
    await new Promise((resume) => setTimeout(resume, 50));
    return count;
  });
  expect(seen).toBe(1);

  // 40 islands of 3 ms each: one task of 120 ms in upstream's walk.
  const islands = Array.from({ length: 40 }, (_, i) => `<leptos-island data-component="Slow${i}"></leptos-island>`);
  const { log, atHydrated, longTasks } = await walk(page, islands.join(''), 3);
  expect(log).toHaveLength(40);
  expect(atHydrated).toBe(40);
  expect(longTasks).toBe(0);
});
