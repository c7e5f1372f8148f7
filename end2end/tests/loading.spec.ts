import { expect, hydrated, test } from './fixtures';

/**
 * How a reading page loads its client, seen from the network (W2 in
 * docs/framework-workarounds.md): the framework's hints would preload the
 * WASM (fetched a second time in islands mode, or left unused) and fetch
 * the JS at high priority, ahead of what paints.
 */
test('a guide page fetches its WASM once, from its module script, and hints its JS at low priority', async ({ page }) => {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const requests: { url: string; initiator: string; priority: string }[] = [];
  cdp.on('Network.requestWillBeSent', (event) =>
    requests.push({ url: event.request.url, initiator: event.initiator.type, priority: event.request.initialPriority }),
  );
  await page.goto('/guide/skills');
  await hydrated(page);

  const wasm = requests.filter((r) => /\/pkg\/backend-guide\.[^/]+\.wasm$/.test(r.url));
  expect(wasm, JSON.stringify(requests, null, 1)).toHaveLength(1);
  expect(wasm[0].initiator).toBe('script');
  const js = requests.filter((r) => /\/pkg\/backend-guide\.[^/]+\.js$/.test(r.url));
  expect(js.length, JSON.stringify(requests, null, 1)).toBeGreaterThanOrEqual(1);
  expect(js[0]).toMatchObject({ initiator: 'parser', priority: 'Low' });
});
