// Putting the shop's data (content/lab/seed.sql) into a new database, once.
//
// A seeded database holds the schema lab_meta (kept out of `public`, so
// the reader's look at their tables does not show it) with one row: which
// seed it was built from, and whether the reader has since committed a
// change (runs.js sets that). A reopened database that has the row is not
// seeded again.

const META = `
CREATE SCHEMA lab_meta;
COMMENT ON SCHEMA lab_meta IS 'The SQL lab''s bookkeeping: which seed this database was built from, and whether you have changed it since.';
CREATE TABLE lab_meta.state (
  seed       text NOT NULL,
  seeded_at  timestamptz NOT NULL DEFAULT now(),
  changed    boolean NOT NULL DEFAULT false
);`;

/** What the database holds: { seed, changed } from lab_meta, or null. */
export async function readState(pg) {
  try {
    const r = await pg.query("SELECT seed, changed FROM lab_meta.state LIMIT 1");
    return r.rows[0] ?? null;
  } catch (e) {
    if (e?.code === "42P01" || e?.code === "3F000") return null; // no such table / schema
    throw e;
  }
}

/**
 * Makes sure `pg` holds the seed. Returns
 *   { seeded: true }                   it was empty and is now seeded;
 *   { seeded: false, changed }         it already held a seed (maybe an
 *                                      older one the reader has changed:
 *                                      their work is kept);
 *   { stale: true }                    it holds an older seed, unchanged:
 *                                      the caller deletes it and starts over.
 * `seedId` names the seed (a hash of seed.sql), `persist` writes the
 * result to storage.
 */
export async function ensureSeeded(pg, { seedSql, seedId, persist, onSeeding }) {
  const state = await readState(pg);
  if (state) {
    if (state.seed === seedId || state.changed) return { seeded: false, changed: state.changed };
    return { stale: true };
  }
  if (await hasTables(pg)) {
    // Data, but no lab_meta: the reader dropped it. Keep their data and
    // say it is not the seed as it was.
    await pg.exec(`${META}\nINSERT INTO lab_meta.state (seed, changed) VALUES ('unknown', true);`);
    await persist();
    return { seeded: false, changed: true };
  }
  onSeeding?.();
  // One simple-query message runs as one transaction: seed and mark
  // together, or neither
  await pg.exec(`${seedSql}\n;\n${META}\nINSERT INTO lab_meta.state (seed) VALUES ('${seedId.replace(/'/g, "''")}');`);
  // A checkpoint now, so that the next open does not replay the seed's
  // write-ahead log
  await pg.exec("CHECKPOINT");
  await persist();
  return { seeded: true };
}

async function hasTables(pg) {
  const r = await pg.query(
    "SELECT EXISTS (SELECT 1 FROM pg_class WHERE relnamespace = 'public'::regnamespace) AS yes",
  );
  return r.rows[0].yes === true;
}
