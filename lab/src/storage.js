// Where the reader's database lives between visits: IndexedDB, through
// PGlite's IdbFs (Emscripten's IDBFS). The files live in memory while the
// database runs; a "sync" copies every file changed since the last one into
// IndexedDB, in one IndexedDB transaction.
//
// PGlite syncs after every query. That costs 85-160 ms even for SELECT 1
// (IDBFS lists every file on both sides to compare them), and with
// `relaxedDurability` the sync runs while the next query already changes
// files, which raised ErrnoError 44 rejections (a file deleted between
// IDBFS listing it and reading it). So this class turns PGlite's syncs into
// nothing, and the worker calls flush() itself: after seeding, and after a
// run that committed a change, with no query running. Each flush is then a
// snapshot of the files at one moment; PostgreSQL recovers from such a
// snapshot on the next open as after a power cut (replaying the
// write-ahead log), and runs that changed nothing cost no sync at all.

import { IdbFs } from "@electric-sql/pglite";

export const DATA_DIR = "backend-guide-lab";
// IDBFS names its IndexedDB database after the mount point, /pglite/<dir>
const IDB_NAME = `/pglite/${DATA_DIR}`;

export class LabStorage extends IdbFs {
  constructor() {
    super(DATA_DIR);
  }

  /** PGlite's sync after every query: skipped, see above. */
  async syncToFs() {}

  /** Copies the files changed since the last flush into IndexedDB. */
  flush() {
    return super.syncToFs();
  }

  async closeFs() {
    this.closeConnections();
    await super.closeFs();
  }

  /**
   * Closes this file system's IndexedDB connections, which would block
   * deleteStorage(). IdbFs.closeFs looks its connection up under the wrong
   * name and leaves it open; and a PGlite that failed to start never calls
   * closeFs at all.
   */
  closeConnections() {
    const idbfs = this.pg?.Module?.IDBFS;
    for (const db of Object.values(idbfs?.dbs ?? {})) db.close();
    if (idbfs) idbfs.dbs = {};
  }
}

// How long deleteStorage waits for another connection to close
const DELETE_PATIENCE_MS = 10_000;

/** Deletes the stored database (the reader's Reset, or an outdated seed). */
export function deleteStorage() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(IDB_NAME);
    let timer = null;
    request.onsuccess = () => {
      clearTimeout(timer);
      resolve();
    };
    request.onerror = () => {
      clearTimeout(timer);
      reject(request.error ?? new Error("could not delete the saved database"));
    };
    // Another connection is still open (another tab's lab); success
    // follows if it closes soon
    request.onblocked = () => {
      timer = setTimeout(() => reject(new Error("the saved database is in use by another tab")), DELETE_PATIENCE_MS);
    };
  });
}
