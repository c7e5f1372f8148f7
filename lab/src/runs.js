// What a "run" does, on an open and seeded database. Plain JavaScript with
// no worker or browser API, so it can be tried under Node as well.
//
// Two kinds of run:
//   - with an exercise: runner.mjs's runAttempt on the reader's SQL and on
//     the exercise's reference, then judge(). Everything is rolled back.
//   - without (the playground, the guide's "Try it" links): the statements
//     run one by one for real, so the reader's BEGIN/COMMIT/ROLLBACK work
//     natively and committed changes stay.

import { judge, runAttempt, statementSpans } from "../runner.mjs";
import { commandOf, errorReply, table } from "./display.js";
import { createSession } from "./session.js";

// Past this many transaction ids in one run, checking each one's status
// costs more than it is worth: assume something was committed.
const MAX_XIDS_TO_CHECK = 10000;

export class LabRuns {
  /**
   * @param pg an open PGlite holding the seed (see seeding.js)
   * @param exercises Map of exercise id to the exercise (exercises.json)
   * @param changed whether the reader had already changed the seed's data
   * @param persist async function writing committed changes to storage
   */
  constructor(pg, { exercises, changed, persist }) {
    this.pg = pg;
    this.session = createSession(pg);
    this.exercises = exercises;
    this.changed = changed;
    this.persist = persist;
    // Reference attempts by exercise id. They depend on the data, so a
    // committed playground change empties this.
    this.references = new Map();
  }

  async run(sql, exerciseId) {
    const started = performance.now();
    const reply = exerciseId == null
      ? await this.#playground(sql)
      : await this.#exercise(sql, exerciseId);
    reply.ms = Math.round(performance.now() - started);
    reply.seed_changed = this.changed;
    return reply;
  }

  // ------------------------------------------------------------- exercise

  async #exercise(sql, id) {
    const exercise = this.exercises.get(id);
    if (!exercise) throw new Error(`There is no exercise "${id}".`);
    const { exec, takeNotices } = this.session;
    // A playground run may have left prepared statements or SET values in
    // the session: start every attempt from a clean one
    await exec("DEALLOCATE ALL");
    await exec("RESET ALL");
    const options = {
      setup: exercise.setup ?? null,
      check: exercise.check ?? null,
      settings: exercise.settings ?? [],
    };
    let reference = this.references.get(id);
    if (!reference) {
      reference = await runAttempt(this.session, { ...options, sql: exercise.reference });
      this.references.set(id, reference);
    }
    takeNotices();
    const attempt = await runAttempt(this.session, { ...options, sql });
    const notices = [...takeNotices(), ...attempt.notices];

    // runAttempt records each statement that succeeded, so the failing one
    // is the next
    const spans = statementSpans(sql);
    const last = attempt.statements.at(-1);
    return {
      ...table(attempt.last),
      command: last ? (last.result ? commandOf(last.result) : controlTag(last.text)) : null,
      statements: attempt.statements.length,
      error: attempt.error ? errorReply(attempt.error, sql, spans[attempt.statements.length]) : null,
      verdict: judge(exercise, attempt, reference),
      notices,
    };
  }

  // ----------------------------------------------------------- playground

  async #playground(sql) {
    const { exec, takeNotices, inTransaction } = this.session;
    const spans = statementSpans(sql);
    const xidBefore = await this.#nextXid();
    takeNotices();
    let last = null; // the last result with columns
    let final = null; // the last statement's result
    let ran = 0;
    let error = null;
    for (const span of spans) {
      try {
        const results = await exec(span.text, { printedOnly: true });
        const r = results.at(-1) ?? { fields: [], rows: [] };
        final = { fields: r.fields.map((f) => f.name), types: r.fields.map((f) => f.dataTypeID), rows: r.rows };
        if (final.fields.length > 0) last = final;
        ran++;
      } catch (e) {
        error = errorReply(e, sql, span);
        break;
      }
    }
    const notices = takeNotices();
    // Never leave a transaction open between runs: the next run (or an
    // exercise's own BEGIN) would land inside it
    if (inTransaction()) {
      await exec("ROLLBACK");
      notices.push(error
        ? "The statement failed inside your transaction, so the whole transaction was rolled back."
        : "The script ended inside a transaction (BEGIN without COMMIT), so it was rolled back.");
    }
    if (await this.#committedSince(xidBefore)) await this.#committed();
    return {
      ...table(last),
      command: commandOf(final),
      statements: ran,
      error,
      verdict: null,
      notices,
    };
  }

  /** The next transaction id to be handed out (reading it assigns none). */
  async #nextXid() {
    const [r] = await this.session.exec("SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS x");
    return BigInt(r.rows[0].x);
  }

  /**
   * Did a transaction that got its id at or after `before` commit? Every
   * transaction that writes anything (rows, schema, statistics) gets an
   * id, and reading does not, so this tells a committed change from a
   * SELECT, a rolled-back attempt or a failed statement, whatever the
   * statements' words.
   */
  async #committedSince(before) {
    const after = await this.#nextXid();
    if (after === before) return false;
    if (after - before > BigInt(MAX_XIDS_TO_CHECK)) return true;
    const [r] = await this.session.exec(
      `SELECT EXISTS (SELECT 1 FROM generate_series(${before}::bigint, ${after - 1n}::bigint) AS x
                      WHERE pg_xact_status(x::text::xid8) = 'committed') AS yes`,
    );
    return r.rows[0].yes === true;
  }

  async #committed() {
    this.references.clear();
    if (!this.changed) {
      this.changed = true;
      try {
        await this.session.exec("UPDATE lab_meta.state SET changed = true");
      } catch {
        // the reader dropped lab_meta: seeding.js then re-seeds on the next open
      }
    }
    await this.persist();
  }
}

/** The tag PostgreSQL gives BEGIN/COMMIT/ROLLBACK, which runner.mjs plays itself. */
function controlTag(text) {
  const word = text.replace(/^(\s|--[^\n]*\n?|\/\*[\s\S]*?\*\/)*/, "").split(/\s+/)[0].toUpperCase();
  return { START: "START TRANSACTION", END: "COMMIT", ABORT: "ROLLBACK" }[word] ?? word;
}
