// Appended to cargo-leptos's loader of the split WASM files
// (`__wasm_split.*.js`, W16 in docs/framework-workarounds.md), so that
// loading a lazy island's code makes no long task on a slow phone.

/** Hands the main thread back to the browser until a later task. */
function nextTask() {
  return globalThis.scheduler && scheduler.yield
    ? scheduler.yield()
    : new Promise((resume) => setTimeout(resume));
}

// A lazy island's code comes in about thirty small files, and upstream's
// loader starts every download (`fetch`, then a streaming compile) in one
// go: 9-18 ms of one task on our 2-core machine, four times that on
// Lighthouse's slow phone. The loader calls this instead: it starts them in
// order and yields whenever a slice passes a few milliseconds. Each
// download still starts at once within its slice, and they run side by
// side as before.
async function startInSlices(loads) {
  const SLICE_MS = 4;
  const started = [];
  let sliceStart = performance.now();
  for (const load of loads) {
    if (performance.now() - sliceStart > SLICE_MS) {
      await nextTask();
      sliceStart = performance.now();
    }
    const loading = load();
    // Awaited together by the loader; until then a failure must not be
    // reported as unhandled.
    loading.catch(() => {});
    started.push(loading);
  }
  return started;
}
