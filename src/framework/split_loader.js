// Appended to cargo-leptos's loader of the split WASM files
// (`__wasm_split.*.js`, W16 in docs/framework-workarounds.md), so that
// loading a lazy island's code makes no long task on a slow phone. Short
// names: every page downloads this file.

/** Hands the main thread back to the browser until a later task. */
function nextTask() {
  return self.scheduler?.yield ? scheduler.yield() : new Promise((go) => setTimeout(go));
}

// A lazy island's code comes in about thirty small files, and upstream's
// loader starts every download (`fetch`, then a streaming compile) in one
// go: 9-18 ms of one task on our 2-core machine, four times that on
// Lighthouse's slow phone. The loader calls this instead: it starts them in
// order and yields whenever a slice passes 4 ms. Each download still starts
// at once within its slice, and they run side by side as before.
async function startInSlices(loads) {
  const started = [];
  let slice = performance.now();
  for (const load of loads) {
    if (performance.now() - slice > 4) {
      await nextTask();
      slice = performance.now();
    }
    // Awaited together by the loader. Each has a handler already (the
    // loader's memo forgets a failed download), so a failure is not
    // reported as unhandled while the others start.
    started.push(load());
  }
  return started;
}
