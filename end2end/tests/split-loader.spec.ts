import { SERVED, expect, hydrated, test } from './fixtures';

/**
 * W16 (docs/framework-workarounds.md): the loader of the split WASM files
 * starts the downloads of a lazy island's code in slices, not all in one
 * task. Here every download's start is made slow (1.5 ms of busy main
 * thread per `fetch` of a split file, as on a slow phone) and the loader's
 * pauses are counted, as the island walk's test counts its own. Without the
 * workaround, all the island's files (about thirty) start in one run.
 */
// The page's own fetch calls are counted; no service worker is needed.
test.use({ serviceWorkers: 'block', allowedConsole: [/Service Worker registration blocked/] });

test('a lazy island starts the downloads of its code in slices, and runs', SERVED, async ({ page }) => {
  await page.addInitScript(() => {
    const log: string[] = [];
    (window as unknown as { __splitLog: string[] }).__splitLog = log;
    const realFetch = window.fetch.bind(window);
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      if (/\/pkg\/(chunk|split)_[^/]*\.wasm$/.test(url)) {
        const until = performance.now() + 1.5;
        while (performance.now() < until) {
          // A slow phone's fetch call.
        }
        log.push('fetch');
      }
      return realFetch(input, init);
    };
    if (globalThis.scheduler?.yield) {
      const realYield = scheduler.yield.bind(scheduler);
      scheduler.yield = () => {
        log.push('pause');
        return realYield();
      };
    }
  });
  await page.goto('/interview');
  await hydrated(page);
  // The island's code arrived and runs: the kit form is live.
  await expect(page.getByRole('button', { name: 'Suggest questions' })).toBeEnabled({ timeout: 15_000 });

  const log = await page.evaluate(() => (window as unknown as { __splitLog: string[] }).__splitLog);
  const fetches = log.filter((entry) => entry === 'fetch').length;
  expect(fetches, 'the interview kit is split into many files').toBeGreaterThan(10);
  // Downloads started between two pauses. The loader starts its own file
  // first, then the others while its slice is under 4 ms: with 1.5 ms per
  // start, the own file and three more at most.
  const runs = log.join(' ').split('pause').map((run) => run.split(' ').filter((e) => e === 'fetch').length);
  expect(Math.max(...runs), `downloads started per slice: ${runs.join(' ')}`).toBeLessThanOrEqual(4);
});

/**
 * W6 (src/framework/minify.rs): the build minifies the hydration script and
 * the split loader with esbuild, renaming their local names, and the server
 * serves those twins. Names that only the readable scripts hold must be
 * gone; what the page relies on from outside stays.
 */
test('the framework scripts are served as the build minified them', SERVED, async ({ request }) => {
  const html = await (await request.get('/guide/what-is-back-end')).text();
  const hydration = html.match(/<script type="module" src="(\/pkg\/hydration\.[^"]+\.js)"/)?.[1];
  expect(hydration, 'the page links the hydration file').toBeTruthy();
  const script = await (await request.get(hydration!)).text();
  expect(script).not.toContain('MOST_RECENT_CHILDREN_CB');
  expect(script).not.toContain('sliceStart');
  for (const kept of ['$$on_hydrate', '__hydrateIsland', 'first-contentful-paint', 'leptos-island']) {
    expect(script, kept).toContain(kept);
  }

  const worker = await (await request.get('/sw.js')).text();
  const loaderUrl = worker.match(/"(\/pkg\/__wasm_split\.[^"]+\.js)"/)?.[1];
  expect(loaderUrl, 'the build has a split loader').toBeTruthy();
  const loader = await (await request.get(loaderUrl!)).text();
  expect(loader).not.toContain('makeLoad');
  expect(loader).toMatch(/as __wasm_split_load_\w+/);
});
