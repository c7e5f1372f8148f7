// The SQL lab's page module: loaded by the /lab page as
// <script type="module">, it starts the database worker at once and hands
// the page's Rust island what it needs as window.backendGuideLab:
//
//   engine.status()            the current status: { state, loaded?, total?,
//                              ms?, first?, message? }, state being
//                              downloading | starting | seeding | ready | failed
//   engine.onStatus(cb)        cb(status) now and on every change; returns
//                              a function that unsubscribes
//   engine.run(sql, exerciseId|null)   Promise of the reply (runs.js)
//   engine.stop()              ends the running query by ending the worker,
//                              then starts a new one (reopening the stored
//                              database); the pending call rejects "stopped"
//   engine.reset()             Promise: the database is back to the seed
//   mountEditor(host, { doc, label, onRun, onChange })   a textarea now,
//                              CodeMirror on first focus: plain-editor.js
//   island                     the same for the page's Rust island (below)
//
// One call at a time: run() or reset() while another is pending rejects at
// once with Error("busy"). Then it fires the window event
// "backend-guide-lab", for an island that hydrated before this module ran.
//
// __LAB_WORKER_URL__ and __LAB_EDITOR_URL__ are replaced by build.mjs with
// the hashed URLs of the worker and of the CodeMirror editor (editor.js,
// its own module, fetched only when the reader first focuses the editor).

import { mountLazyEditor } from "./plain-editor.js";

const WORKER_URL = __LAB_WORKER_URL__;
const EDITOR_URL = __LAB_EDITOR_URL__;

let editorModule = null;
const loadEditor = () => (editorModule ??= import(EDITOR_URL).catch((error) => {
  editorModule = null; // a later focus tries again
  throw error;
}));
const mountEditor = (host, options) => mountLazyEditor(host, options, loadEditor);

// A start that makes no progress for this long has failed. Without
// 'wasm-unsafe-eval' in the CSP, for one, PGlite waits forever.
const STALL_MS = 60_000;
const STALLED = "The database did not start within a minute. Your browser may be blocking WebAssembly on this page, or be short of memory. Reload the page to try again.";
const BROKEN = "The database engine could not be loaded. Reload the page to try again.";

// One tab at a time: two workers copying the same files to IndexedDB would
// overwrite each other's changes. The page, not the worker, holds the lock,
// so that a worker ended by stop() does not keep its successor waiting
// (a terminated worker's lock was released only 1.5-2 s later).
const LOCK_NAME = "backend-guide-lab-database";
const LOCK_PATIENCE_MS = 3000;
const OTHER_TAB = "The SQL lab is open in another tab or window. Close it there and the lab starts here.";

let worker = null;
let status = Object.freeze({ state: "starting" });
const listeners = new Set();
let pending = null; // { id, resolve, reject }: the one call in progress
let nextId = 1;
let stallTimer = null;
let haveLock = false;

function setStatus(next) {
  status = Object.freeze(next);
  clearTimeout(stallTimer);
  if (status.state !== "ready" && status.state !== "failed") {
    stallTimer = setTimeout(() => fail(STALLED), STALL_MS);
  }
  for (const cb of listeners) {
    try {
      cb(status);
    } catch (e) {
      console.error(e);
    }
  }
}

/** Starts the worker once this page holds the lock (at once without locks). */
function takeLockAndStart() {
  if (!navigator.locks) {
    haveLock = true;
    startWorker();
    return;
  }
  const otherTab = setTimeout(() => fail(OTHER_TAB), LOCK_PATIENCE_MS);
  navigator.locks.request(LOCK_NAME, () => {
    clearTimeout(otherTab);
    haveLock = true;
    startWorker();
    return new Promise(() => {}); // held while this page is open
  }).catch(() => fail(BROKEN));
}

function startWorker() {
  setStatus({ state: "starting" });
  let w;
  try {
    w = new Worker(WORKER_URL, { type: "module", name: "backend-guide-lab" });
  } catch {
    fail(BROKEN);
    return;
  }
  worker = w;
  // A message from a worker that stop() has replaced is ignored
  w.onmessage = ({ data }) => { if (w === worker) fromWorker(data); };
  // The script failed to load, or an exception escaped inside the worker
  w.onerror = (e) => {
    if (w !== worker) return;
    e.preventDefault();
    if (e.message) console.error(`SQL lab worker: ${e.message}`);
    fail(BROKEN);
  };
}

function fromWorker(data) {
  if (data.type === "status") {
    const { type, ...rest } = data;
    setStatus(rest);
    if (rest.state === "failed") rejectPending(new Error(rest.message));
  } else if (data.type === "reply" || data.type === "error") {
    if (!pending || pending.id !== data.id) return;
    const { resolve, reject } = pending;
    pending = null;
    if (data.type === "reply") resolve(data.reply);
    else reject(new Error(data.message));
  } else if (data.type === "problem") {
    console.error(`SQL lab worker: ${data.message}`);
  }
}

function fail(message) {
  if (worker) worker.terminate();
  worker = null;
  setStatus({ state: "failed", message });
  rejectPending(new Error(message));
}

function rejectPending(error) {
  if (!pending) return;
  const { reject } = pending;
  pending = null;
  reject(error);
}

function request(message) {
  if (pending) return Promise.reject(new Error("busy"));
  if (!worker) return Promise.reject(new Error(status.message ?? BROKEN));
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pending = { id, resolve, reject };
    worker.postMessage({ id, ...message });
  });
}

const engine = {
  status: () => status,
  onStatus(cb) {
    listeners.add(cb);
    cb(status);
    return () => listeners.delete(cb);
  },
  run: (sql, exerciseId = null) => request({ type: "run", sql: String(sql), exercise: exerciseId ?? null }),
  stop() {
    // Terminating is the only way to end a query that is running: the
    // worker is busy inside WebAssembly and reads no messages meanwhile
    if (worker) worker.terminate();
    worker = null;
    rejectPending(new Error("stopped"));
    if (haveLock) startWorker();
  },
  reset: () => request({ type: "reset" }).then(() => undefined),
};

// The status line the island shows, in words (here rather than in Rust:
// the island's strings would sit in the WASM that every page downloads).
function words(s) {
  const mb = (bytes) => `${(bytes / 1_000_000).toFixed(1)} MB`;
  const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
  switch (s.state) {
    case "downloading":
      return s.total > 0
        ? `Downloading the database engine (once): ${mb(s.loaded)} of ${mb(s.total)}, ${mb(Math.max(0, s.total - s.loaded))} left.`
        : "Downloading the database engine (once).";
    case "starting":
      return "Starting PostgreSQL…";
    case "seeding":
      return "Filling the shop's database (100,000 orders)…";
    case "ready":
      if (s.ms == null) return "PostgreSQL is ready.";
      return s.first
        ? `PostgreSQL is ready (set up in ${seconds(s.ms)}). Your changes are kept in this browser.`
        : `PostgreSQL is ready (opened in ${seconds(s.ms)}).`;
    case "failed":
      return `The database engine could not start: ${s.message ?? "unknown error"}`;
    default:
      return "Loading the lab…";
  }
}

// The same, as the page's Rust island calls it (src/pages/lab/engine.rs):
// every function takes one argument and answers in JSON text, so the island
// needs no WebAssembly bindings beyond the ones every page already has.
// Status changes and Ctrl+Enter reach the island as window events (the
// island listens the way it listens to any DOM event: no callback of its own
// crosses into JavaScript, which would add glue to every page's code).
const STATUS_EVENT = "backend-guide-lab-status";
const RUN_EVENT = "backend-guide-lab-run";
const statusText = (s) => JSON.stringify({ ...s, words: words(s) });
engine.onStatus((s) => window.dispatchEvent(new CustomEvent(STATUS_EVENT, { detail: statusText(s) })));

const island = {
  status: () => statusText(engine.status()),
  run(request) {
    const [sql, exercise] = JSON.parse(request);
    return engine.run(sql, exercise).then((reply) => JSON.stringify(reply));
  },
  stop: () => engine.stop(),
  reset: () => engine.reset(),
  // A plain object from [doc, label]; the island adds `host`.
  options(request) {
    const [doc, label] = JSON.parse(request);
    return { doc, label };
  },
  mountEditor: (options) =>
    mountEditor(options.host, { ...options, onRun: () => window.dispatchEvent(new Event(RUN_EVENT)) }),
  setQuery: (query) => history.replaceState(history.state, "", `${location.pathname}${query}`),
  // The service worker keeps the lab's files for offline use (it may not
  // have controlled this page when they were first fetched).
  keepOffline() {
    navigator.serviceWorker?.ready.then((registration) => registration.active?.postMessage("keep-lab"));
  },
};

takeLockAndStart();
// Handed over in a task of its own: the island mounts the editor as soon as
// it sees the API, and that mount, in the same task as this module's
// evaluation, made one long task of both (360 ms on a throttled phone,
// most of the page's blocking time).
setTimeout(() => {
  window.backendGuideLab = { engine, mountEditor, island };
  window.dispatchEvent(new Event("backend-guide-lab"));
});
