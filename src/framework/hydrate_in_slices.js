(async () => {
  // Hydrates the page's islands as the framework's own walk does, but hands
  // the main thread back to the browser whenever a slice of work passes a
  // few milliseconds, so that no task is long enough to hold up a tap or a
  // scroll on a slow phone. `mod` is the client module the surrounding
  // framework script has just started.
  //
  // What stays as upstream has it (docs/framework-workarounds.md, W4):
  // - islands hydrate in document order, a parent before those inside it;
  // - an island inside another island's <leptos-children> runs under that
  //   island's reactive owner, so it sees the context the outer one
  //   provides: hydrating the outer island leaves a callback on its
  //   <leptos-children> (`$$on_hydrate`), called before each island inside;
  // - a lazy island returns a promise, and the walk waits for it (its code
  //   is downloaded then) before it goes on to the next island.
  const SLICE_MS = 5;
  const pause = globalThis.scheduler && scheduler.yield
    ? () => scheduler.yield()
    : () => new Promise((resume) => setTimeout(resume));
  await pause();
  let sliceStart = performance.now();
  // The <leptos-children> elements the walk is inside, innermost last.
  const open = [];
  for (const element of document.body.querySelectorAll("leptos-island, leptos-children")) {
    while (open.length && !open[open.length - 1].element.contains(element)) open.pop();
    if (element.localName === "leptos-children") {
      // Read now: its island, earlier in the page, has just hydrated.
      open.push({ element, onHydrate: element.$$on_hydrate });
      continue;
    }
    if (performance.now() - sliceStart > SLICE_MS) {
      await pause();
      sliceStart = performance.now();
    }
    // A page that replaced this one meanwhile hydrates its own islands.
    if (!element.isConnected) continue;
    const hydrate = mod[element.dataset.component];
    if (!hydrate) {
      console.warn(`No client code for the island ${element.dataset.component}.`);
      continue;
    }
    const inside = open[open.length - 1];
    if (inside && inside.onHydrate) inside.onHydrate();
    const started = hydrate(element);
    if (started && started.then) {
      try {
        await started;
      } catch (error) {
        // Upstream's walk would stop here; the islands after it still work.
        console.error(`The island ${element.dataset.component} did not load:`, error);
      }
      sliceStart = performance.now();
    }
  }
  document.documentElement.dataset.hydrated = "";
})();
