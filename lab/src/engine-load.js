// Downloading and compiling PostgreSQL (PGlite's two WebAssembly modules and
// its file system bundle). The worker fetches these itself, rather than
// letting PGlite find them next to its own script, so that:
//   - the hashed file names from build.mjs work (PGlite looks for fixed
//     names beside its runtime chunk);
//   - the service worker sees ordinary fetches of /pkg/lab/... to cache;
//   - the page can show how far the download is.

/** An error whose message is meant for the reader. */
export class ReaderError extends Error {}

// At most one progress message per this many milliseconds
const PROGRESS_EVERY_MS = 100;

/**
 * Fetches and compiles the engine. `files` has the URLs and `bytes`, the
 * three files' total raw size known at build time; `onProgress(loaded,
 * total)` hears the bytes received so far (after any Content-Encoding is
 * undone, so they add up to `bytes`).
 */
export async function loadEngine(files, onProgress) {
  // The first failure cancels the other downloads, and their progress
  // reports, which would otherwise follow the "failed" status
  const cancel = new AbortController();
  const { signal } = cancel;
  let loaded = 0;
  let lastReport = 0;
  const count = (n) => {
    loaded += n;
    const now = performance.now();
    if (now - lastReport >= PROGRESS_EVERY_MS && !signal.aborted) {
      lastReport = now;
      onProgress(loaded, files.bytes);
    }
  };
  const cancelOthers = (e) => {
    cancel.abort();
    throw e;
  };
  const [pgliteWasmModule, initdbWasmModule, fsBundle] = await Promise.all([
    compile(files.pgliteWasm, count, signal).catch(cancelOthers),
    compile(files.initdbWasm, count, signal).catch(cancelOthers),
    download(files.fsBundle, count, signal).then((chunks) => new Blob(chunks)).catch(cancelOthers),
  ]);
  onProgress(loaded, files.bytes);
  return { pgliteWasmModule, initdbWasmModule, fsBundle };
}

/** Fetches a small text file (the seed, the exercises). */
export async function fetchText(url) {
  const response = await get(url);
  return response.text();
}

async function get(url, signal) {
  let response;
  try {
    response = await fetch(url, { signal });
  } catch {
    throw new ReaderError("The database engine could not be downloaded. Check your connection, then reload the page.");
  }
  if (!response.ok) {
    throw new ReaderError(`The database engine could not be downloaded (${url}: HTTP ${response.status}). Reload the page to try again.`);
  }
  return response;
}

/** Reads a response body to the end, counting its bytes; returns the chunks. */
async function drain(body, count) {
  const chunks = [];
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push(value);
    count(value.byteLength);
  }
}

async function download(url, count, signal) {
  const response = await get(url, signal);
  return drain(response.body, count);
}

/**
 * Compiles a .wasm file while it downloads. compileStreaming needs the
 * response itself (and Content-Type application/wasm); a clone of it is
 * read only to count the bytes. If streaming is refused (a server sending
 * another type), the counted bytes are compiled instead.
 */
async function compile(url, count, signal) {
  const response = await get(url, signal);
  const counted = drain(response.clone().body, count);
  counted.catch(() => {}); // awaited below when it matters; never unhandled
  try {
    const module = await WebAssembly.compileStreaming(response);
    await counted;
    return module;
  } catch (e) {
    if (blockedByPolicy(e)) throw blockedError();
    if (!(e instanceof TypeError)) throw e;
    try {
      return await WebAssembly.compile(await new Blob(await counted).arrayBuffer());
    } catch (e2) {
      throw blockedByPolicy(e2) ? blockedError() : e2;
    }
  }
}

function blockedByPolicy(e) {
  return /Content Security Policy|wasm-unsafe-eval|unsafe-eval|Refused to compile/i.test(String(e?.message ?? e));
}

function blockedError() {
  return new ReaderError(
    "This browser blocked WebAssembly on this page, so the database cannot run here. " +
    "A browser extension or a security setting may be blocking it.",
  );
}
