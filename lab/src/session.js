// The worker's connection to PGlite: one `exec` used for everything the lab
// runs (the reader's statements, runner.mjs's attempts, our own bookkeeping).
//
// It does what `pg.exec` does, one level lower (execProtocolStream with a
// simple Query message), because `pg.exec` throws away two things the
// reader should see:
//   - the exact command tag ("INSERT 0 1", "CREATE TABLE"), where pg.exec
//     keeps only the first word;
//   - the values as PostgreSQL printed them: pg.exec parses them into JS
//     values (Date, bigint, ...), which runner.mjs needs for judging but
//     which lose microseconds, time zones and the text of arrays.
// Both are kept beside each result in a WeakMap keyed by the result's `rows`
// array: runner.mjs copies that array into its attempts unchanged, so
// `printed(rows)` finds them again for whatever result ends up displayed.
// The parsed values are what runner.mjs gets, exactly as from pg.exec.
//
// No PGlite mutex is taken: the worker handles one message at a time, so
// nothing else talks to the database meanwhile.

import { parse, protocol } from "@electric-sql/pglite";

/** rows array -> { fields, raw: (string|null)[][], tag: string|null } */
const printedByRows = new WeakMap();

/** What PostgreSQL printed for a result's rows and its command tag. */
export function printed(rows) {
  return printedByRows.get(rows) ?? { raw: null, tag: null };
}

// COPY ... FROM STDIN waits for rows from the client, which here never
// come: PGlite would hang until the reader pressed Stop
const COPY_FROM_STDIN = /^copy\b[\s\S]*\bfrom\s+stdin\b/i;

/** The statement without leading blanks and comments. */
function head(text) {
  return text.replace(/^(\s+|--[^\n]*(\n|$)|\/\*[\s\S]*?\*\/)*/, "");
}

export function createSession(pg) {
  let notices = [];

  async function exec(text, options = {}) {
    if (COPY_FROM_STDIN.test(head(text))) {
      throw Object.assign(new Error("COPY ... FROM STDIN cannot run in the lab: there is no client here to send the rows. Use INSERT ... VALUES instead."), { code: "0A000" });
    }
    let messages;
    try {
      messages = await pg.execProtocolStream(protocol.serialize.query(text), {
        syncToFs: false, // storage.js decides when to write to IndexedDB
        onNotice: (n) => notices.push(`${n.severity ?? "NOTICE"}: ${n.message}`),
      });
    } finally {
      // pg.exec sends a Sync after every query too; after an error it
      // brings the protocol back to a clean state
      await pg.execProtocolStream(protocol.serialize.sync(), { syncToFs: false });
    }
    const sets = resultSets(messages);
    if (options.printedOnly) {
      // Only the printed text is wanted (the playground): skip parsing
      // every value into a JS value, a sixth of the time of a large SELECT
      return sets.map((set) => {
        const result = { fields: set.fields, rows: set.raw, command: set.tag?.split(" ")[0] };
        printedByRows.set(result.rows, set);
        return result;
      });
    }
    // parseResults makes exactly one result per CommandComplete, like sets
    const results = parse.parseResults(messages, pg.parsers, options);
    results.forEach((r, i) => {
      if (sets[i]) printedByRows.set(r.rows, sets[i]);
    });
    return results;
  }

  return {
    exec,
    /** NOTICE/WARNING lines the server sent since the last call. */
    takeNotices() {
      const out = notices;
      notices = [];
      return out;
    },
    inTransaction: () => pg.isInTransaction(),
  };
}

/** The result sets in the server's messages: { fields, raw rows, tag }. */
function resultSets(messages) {
  const sets = [];
  let fields = [];
  let raw = [];
  for (const m of messages) {
    if (m.name === "rowDescription") {
      fields = m.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID }));
      raw = [];
    } else if (m.name === "dataRow") {
      raw.push(m.fields);
    } else if (m.name === "commandComplete") {
      sets.push({ fields, raw, tag: m.text });
      fields = [];
      raw = [];
    }
  }
  return sets;
}
