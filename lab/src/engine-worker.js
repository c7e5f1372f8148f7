// The SQL lab's database: PostgreSQL (PGlite) in a dedicated module worker,
// so a long query never freezes the page, and the page can end a runaway
// one by terminating the worker (lab-page.js).
//
// Messages in:  { id, type: "run", sql, exercise }   exercise: id or null
//               { id, type: "reset" }
// Messages out: { type: "status", state, ... }  downloading (loaded, total),
//                 starting, seeding, ready (ms, first), failed (message)
//               { id, type: "reply", reply }     reply: runs.js, or null for reset
//               { id, type: "error", message }
//               { type: "problem", message }     something went wrong inside
//                 the worker that no reply reports (the page logs it)
//
// __LAB_BUILD__ is replaced by build.mjs with the hashed URLs of the files
// below and the seed's id.

import { PGlite } from "@electric-sql/pglite";
import { fetchText, loadEngine, ReaderError } from "./engine-load.js";
import { LabRuns } from "./runs.js";
import { ensureSeeded } from "./seeding.js";
import { deleteStorage, LabStorage } from "./storage.js";

const BUILD = __LAB_BUILD__;

// PostgreSQL settings for a small database that is copied to IndexedDB
// file by file: 1 MB write-ahead log segments instead of 16 MB, few of them
// kept, and wal_level=minimal, under which the seed's tables, created and
// filled in one transaction, are written once instead of also to the log.
// Together they shrink the stored files from 149 MB to 71 MB.
const INITDB_PARAMS = ["--wal-segsize=1"];
const START_PARAMS = [
  ...PGlite.defaultStartParams,
  "-c", "wal_level=minimal",
  "-c", "max_wal_senders=0",
  "-c", "min_wal_size=2MB",
  "-c", "max_wal_size=16MB",
];

const post = (message) => self.postMessage(message);
const status = (state, extra = {}) => post({ type: "status", state, ...extra });

// Report what would otherwise only reach this worker's console
self.addEventListener("unhandledrejection", (e) => {
  post({ type: "problem", message: `unhandled rejection: ${e.reason?.message ?? e.reason}` });
});
self.addEventListener("securitypolicyviolation", (e) => {
  post({ type: "problem", message: `CSP violation in the worker: ${e.violatedDirective} ${e.blockedURI}` });
});

let engine; // compiled modules and file system bundle, kept for reset
let seedSql;
let exercises; // Map id -> exercise
let db = null; // { pg, storage, runs }

async function download() {
  status("downloading", { loaded: 0, total: BUILD.engine.bytes });
  const [loadedEngine, seed, exerciseList] = await Promise.all([
    loadEngine(BUILD.engine, (loaded, total) => status("downloading", { loaded, total })),
    fetchText(BUILD.seed),
    fetchText(BUILD.exercises).then((text) => JSON.parse(text)),
  ]);
  engine = loadedEngine;
  seedSql = seed;
  exercises = new Map(exerciseList.map((ex) => [ex.id, ex]));
}

async function start() {
  status("starting");
  let first;
  try {
    first = await open();
  } catch (e) {
    if (e instanceof ReaderError) throw e;
    throw new ReaderError(`The database saved in this browser could not be opened (${e?.message ?? e}). ` +
      "Reset the lab to start again from the shop's original data.");
  }
  status("ready", { ms: Math.round(performance.now()), first });
}

/** Opens the stored database, seeding it when new. True when it seeded. */
async function open({ retried = false } = {}) {
  const storage = new LabStorage();
  let pg;
  try {
    pg = await PGlite.create({
      fs: storage,
      pgliteWasmModule: engine.pgliteWasmModule,
      initdbWasmModule: engine.initdbWasmModule,
      fsBundle: engine.fsBundle,
      initDbStartParams: INITDB_PARAMS,
      startParams: START_PARAMS,
    });
  } catch (e) {
    storage.closeConnections(); // else they would block a reset's delete
    throw e;
  }
  const persist = () => storage.flush();
  let outcome;
  try {
    outcome = await ensureSeeded(pg, {
      seedSql,
      seedId: BUILD.seedId,
      persist,
      onSeeding: () => status("seeding"),
    });
  } catch (e) {
    await close(pg, storage);
    throw e;
  }
  if (outcome.stale && !retried) {
    // Built from an older seed.sql and never changed: start again from the
    // current one
    await close(pg, storage);
    await deleteStorage();
    return open({ retried: true });
  }
  db = { pg, storage, runs: new LabRuns(pg, { exercises, changed: outcome.changed === true, persist }) };
  return outcome.seeded === true;
}

async function close(pg, storage) {
  try {
    await pg.close();
  } catch {
    // a database that cannot shut down cleanly is deleted next anyway
  }
  storage.closeConnections();
}

async function reset() {
  status("starting");
  const old = db;
  db = null;
  if (old) await close(old.pg, old.storage);
  await deleteStorage();
  const t0 = performance.now();
  const first = await open();
  status("ready", { ms: Math.round(performance.now() - t0), first });
}

function readerMessage(e) {
  if (e instanceof ReaderError) return e.message;
  return `The database could not start: ${e?.message ?? e}. Reload the page to try again.`;
}

// Messages are handled one at a time, in order, after the start. A reset
// needs only the download: it is the way out when the stored database
// cannot be opened.
const downloaded = download();
const started = downloaded.then(start);
started.catch((e) => status("failed", { message: readerMessage(e) }));
let queue = started.catch(() => {});

self.onmessage = ({ data }) => {
  queue = queue.then(() => handle(data));
};

async function handle({ id, type, sql, exercise }) {
  try {
    await (type === "reset" ? downloaded : started);
  } catch (e) {
    // A run goes ahead if a reset has opened a database since
    if (type === "reset" || !db) {
      post({ id, type: "error", message: readerMessage(e) });
      return;
    }
  }
  try {
    if (type === "run") {
      if (!db) throw new ReaderError("The database is not open. Reload the page.");
      post({ id, type: "reply", reply: await db.runs.run(String(sql ?? ""), exercise ?? null) });
    } else if (type === "reset") {
      await reset();
      post({ id, type: "reply", reply: null });
    } else {
      throw new Error(`unknown message type ${type}`);
    }
  } catch (e) {
    if (type === "reset" && !db) status("failed", { message: readerMessage(e) });
    post({ id, type: "error", message: e instanceof ReaderError ? e.message : String(e?.message ?? e) });
  }
}
