import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * Our island walk (src/framework/hydrate_in_slices.js, W4 in
 * docs/framework-workarounds.md) must keep the framework's semantics. No
 * page of the guide nests an island in another's children or has two lazy
 * islands, so the walk runs here on markup that does, with a stand-in for
 * the client module: each island function records what it saw. The
 * stand-in keeps tachys's protocol: hydrating an island that has children
 * leaves a callback on its <leptos-children> that makes the island's owner
 * the current one, and a lazy island returns a promise.
 */
const WALK = fs.readFileSync(path.join(__dirname, '../../src/framework/hydrate_in_slices.js'), 'utf8');

interface Walked {
  /** What the island functions saw, in the order they ran. */
  log: string[];
  /** How many log lines there were when `<html data-hydrated>` was set. */
  atHydrated: number;
  /**
   * Islands hydrated between one pause of the walk and the next (the walk
   * pauses with `scheduler.yield()`, counted here): the first entry is
   * before its first pause.
   */
  slices: number[];
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
      // Count the walk's pauses (it looks scheduler.yield up when it starts).
      const slices = [0];
      const realYield = scheduler.yield.bind(scheduler);
      scheduler.yield = () => {
        slices.push(0);
        return realYield();
      };
      const island = (name: string) => (el: HTMLElement) => {
        slices[slices.length - 1]++;
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
      return { log, atHydrated, slices };
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

test('slow islands are hydrated in slices, so no task is long', async ({ page }) => {
  // 40 islands of 3 ms each: one task of 120 ms in upstream's walk. Ours
  // pauses once a slice has passed 5 ms, so a slice holds two such islands
  // at most (fewer when the machine is busy), and the browser runs other
  // tasks in between. Counting pauses rather than timing tasks keeps the
  // test exact on a loaded machine, where a 5 ms slice can be descheduled
  // past the 50 ms of a long task.
  const islands = Array.from({ length: 40 }, (_, i) => `<leptos-island data-component="Slow${i}"></leptos-island>`);
  const { log, atHydrated, slices } = await walk(page, islands.join(''), 3);
  expect(log).toHaveLength(40);
  expect(atHydrated).toBe(40);
  expect(slices.reduce((a, b) => a + b)).toBe(40);
  expect(Math.max(...slices), `islands per slice: ${slices.join(' ')}`).toBeLessThanOrEqual(2);
  expect(slices.filter((n) => n > 0).length).toBeGreaterThanOrEqual(20);
});
