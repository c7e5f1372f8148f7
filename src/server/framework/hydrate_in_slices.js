(async () => {
  // Hydrates the page's islands in document order, as the framework's own
  // walk does, but hands the main thread back to the browser whenever a
  // slice of work passes a few milliseconds, so that no task is long enough
  // to hold up a tap or a scroll on a slow phone. `mod` is the client
  // module the surrounding framework script has just started.
  const SLICE_MS = 5;
  const pause = globalThis.scheduler && scheduler.yield
    ? () => scheduler.yield()
    : () => new Promise((resume) => setTimeout(resume));
  await pause();
  const loading = [];
  let sliceStart = performance.now();
  for (const island of document.querySelectorAll("leptos-island")) {
    if (performance.now() - sliceStart > SLICE_MS) {
      await pause();
      sliceStart = performance.now();
    }
    // A page that replaced this one meanwhile hydrates its own islands.
    if (!island.isConnected) continue;
    const hydrate = mod[island.dataset.component];
    if (!hydrate) {
      console.warn(`No client code for the island ${island.dataset.component}.`);
      continue;
    }
    // A lazy island returns a promise: its code is on its way. The islands
    // after it need not wait for that, but its loader's requests start in
    // this slice, which ends here.
    const started = hydrate(island);
    if (started && started.then) {
      loading.push(started);
      sliceStart = -Infinity;
    }
  }
  await Promise.allSettled(loading);
  document.documentElement.dataset.hydrated = "";
})();
