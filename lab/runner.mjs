// How the SQL lab runs an attempt and judges it.
//
// The in-browser lab and check-exercises.mjs share this file, so the checker
// tests exercises under exactly the rules a reader meets. The rules are
// described for authors in content/lab/FORMAT.md ("How an attempt runs").
//
// `pg` is a PGlite instance (or anything with the same `exec` method) that
// already holds the seed.

// ---------------------------------------------------------------------------
// Splitting a script into statements
// ---------------------------------------------------------------------------

/**
 * Splits SQL text into statements at top-level semicolons, skipping those
 * inside quotes ('...', E'...', "..."), dollar quotes ($tag$...$tag$) and
 * comments (-- and nested block comments). Returns the statements' text, trimmed,
 * without the semicolon; statements holding only comments are left out.
 */
export function splitStatements(sql) {
  return statementSpans(sql).map((s) => s.text);
}

/**
 * The same split as splitStatements, with where each statement starts:
 * [{ text, start }], `start` being the index in `sql` of the statement's
 * first character. The browser lab maps an error's position inside one
 * statement back to the reader's whole script with it.
 */
export function statementSpans(sql) {
  const out = [];
  let start = 0;
  let i = 0;
  let meaningful = false; // has the current statement anything besides comments?
  const n = sql.length;
  const push = (end) => {
    const raw = sql.slice(start, end);
    const text = raw.trim();
    if (meaningful && text) out.push({ text, start: start + (raw.length - raw.trimStart().length) });
    meaningful = false;
  };
  while (i < n) {
    const c = sql[i];
    const next = sql[i + 1];
    if (c === "-" && next === "-") {
      const nl = sql.indexOf("\n", i);
      i = nl === -1 ? n : nl + 1;
    } else if (c === "/" && next === "*") {
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (sql[i] === "/" && sql[i + 1] === "*") { depth++; i += 2; }
        else if (sql[i] === "*" && sql[i + 1] === "/") { depth--; i += 2; }
        else i++;
      }
    } else if (c === "'") {
      // E'...' strings allow backslash escapes; plain ones only ''
      const prev = i > 0 ? sql[i - 1] : "";
      const escapes = (prev === "E" || prev === "e") &&
        (i < 2 || !/[A-Za-z0-9_]/.test(sql[i - 2]));
      meaningful = true;
      i++;
      while (i < n) {
        if (escapes && sql[i] === "\\") { i += 2; continue; }
        if (sql[i] === "'") {
          if (sql[i + 1] === "'") { i += 2; continue; }
          i++;
          break;
        }
        i++;
      }
    } else if (c === '"') {
      meaningful = true;
      i++;
      while (i < n) {
        if (sql[i] === '"') {
          if (sql[i + 1] === '"') { i += 2; continue; }
          i++;
          break;
        }
        i++;
      }
    } else if (c === "$" && (i === 0 || !/[A-Za-z0-9_$]/.test(sql[i - 1]))) {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i));
      meaningful = true;
      if (m) {
        const tag = m[0];
        const close = sql.indexOf(tag, i + tag.length);
        i = close === -1 ? n : close + tag.length;
      } else {
        i++; // a parameter such as $1
      }
    } else if (c === ";") {
      push(i);
      start = i + 1;
      i++;
    } else {
      if (!/\s/.test(c)) meaningful = true;
      i++;
    }
  }
  push(n);
  return out;
}

/** The statement without leading comments, for recognising its kind. */
function head(statement) {
  let s = statement;
  for (;;) {
    const t = s.replace(/^\s+/, "");
    if (t.startsWith("--")) {
      const nl = t.indexOf("\n");
      s = nl === -1 ? "" : t.slice(nl + 1);
    } else if (t.startsWith("/*")) {
      const end = t.indexOf("*/");
      s = end === -1 ? "" : t.slice(end + 2);
    } else {
      return t;
    }
  }
}

/**
 * 'begin', 'commit' or 'rollback' for the statements that start or end a
 * transaction block; null for everything else (including SAVEPOINT,
 * RELEASE and ROLLBACK TO, which pass through unchanged).
 */
export function transactionControl(statement) {
  const h = head(statement);
  if (/^(begin|start\s+transaction)\b/i.test(h)) return "begin";
  if (/^(commit|end)\b(?!\s+prepared)/i.test(h)) return "commit";
  if (/^(rollback|abort)\b(?!\s+(to|prepared)\b)/i.test(h)) return "rollback";
  return null;
}

/** True when the statement is an EXPLAIN. */
export function isExplain(statement) {
  return /^explain\b/i.test(head(statement));
}

// ---------------------------------------------------------------------------
// Running an attempt
// ---------------------------------------------------------------------------

const USER_TX = "lab_user_transaction";

function describeError(e) {
  return {
    code: e?.code ?? null,
    message: e?.message ?? String(e),
    detail: e?.detail ?? null,
    hint: e?.hint ?? null,
    constraint: e?.constraint ?? null,
    // 1-based character offset in the failing statement (PostgreSQL sends
    // it as text), or null when the error does not point at a place
    position: e?.position ? Number(e.position) : null,
  };
}

async function execOne(pg, text) {
  const results = await pg.exec(text, { rowMode: "array" });
  const r = results[results.length - 1] ?? { rows: [], fields: [] };
  return {
    fields: r.fields.map((f) => f.name),
    types: r.fields.map((f) => f.dataTypeID),
    rows: r.rows,
    affectedRows: r.affectedRows ?? 0,
  };
}

/**
 * Runs `sql` the way the lab does and returns what happened:
 *
 *   { statements: [{ text, result }], error, errorStatement, last, check, notices }
 *
 * - Everything runs inside one transaction that is rolled back at the end,
 *   so nothing the attempt does survives it.
 * - `setup` runs first, then the reader's statements one by one.
 * - The reader's own BEGIN / COMMIT / ROLLBACK are played with a savepoint,
 *   so they behave as in a real session (ROLLBACK undoes the reader's
 *   changes since BEGIN, but not the setup) without ending the lab's own
 *   transaction.
 * - The first error stops the attempt.
 * - `last` is the result of the last statement that returned columns (a
 *   SELECT, an EXPLAIN, or anything with RETURNING).
 * - `check` (when given, and when there was no error) runs after the
 *   reader's statements, inside the same transaction.
 * - Afterwards the lab rolls back and runs DEALLOCATE ALL and RESET ALL,
 *   because prepared statements and session settings outlive a rollback.
 */
export async function runAttempt(pg, { sql, setup = null, check = null, settings = [] }) {
  const attempt = { statements: [], error: null, errorStatement: null, last: null, check: null, notices: [] };
  await pg.exec("BEGIN");
  try {
    for (const s of settings) await pg.exec(s);
    if (setup) {
      for (const text of splitStatements(setup)) {
        try {
          await execOne(pg, text);
        } catch (e) {
          throw new Error(`setup failed at "${text.slice(0, 60)}": ${e.message}`);
        }
      }
    }
    let inUserTx = false;
    for (const text of splitStatements(sql)) {
      const control = transactionControl(text);
      try {
        if (control === "begin") {
          if (inUserTx) attempt.notices.push("there is already a transaction in progress");
          else { await pg.exec(`SAVEPOINT ${USER_TX}`); inUserTx = true; }
          attempt.statements.push({ text, result: null });
          continue;
        }
        if (control === "commit" || control === "rollback") {
          if (!inUserTx) attempt.notices.push("there is no transaction in progress");
          else {
            if (control === "rollback") await pg.exec(`ROLLBACK TO SAVEPOINT ${USER_TX}`);
            await pg.exec(`RELEASE SAVEPOINT ${USER_TX}`);
            inUserTx = false;
          }
          attempt.statements.push({ text, result: null });
          continue;
        }
        const result = await execOne(pg, text);
        attempt.statements.push({ text, result });
        if (result.fields.length > 0) attempt.last = { ...result, text };
      } catch (e) {
        attempt.error = describeError(e);
        attempt.errorStatement = text;
        break;
      }
    }
    if (check && !attempt.error) {
      attempt.check = await execOne(pg, check);
    }
  } finally {
    await pg.exec("ROLLBACK");
    await pg.exec("DEALLOCATE ALL");
    await pg.exec("RESET ALL");
  }
  return attempt;
}

// ---------------------------------------------------------------------------
// Comparing results
// ---------------------------------------------------------------------------

const NUMERIC = 1700;

/** A comparable string for one value: numbers by value, dates as ISO text. */
export function normaliseValue(v, type) {
  if (v === null || v === undefined) return "null";
  if (typeof v === "bigint") return `n:${v.toString()}`;
  if (typeof v === "number") return `n:${String(v)}`;
  if (v instanceof Date) return `d:${Number.isNaN(v.getTime()) ? String(v) : v.toISOString()}`;
  if (typeof v === "string" && type === NUMERIC && /^-?\d+(\.\d+)?$/.test(v)) {
    // numeric: 12.50 and 12.5 are the same number
    const t = v.includes(".") ? v.replace(/0+$/, "").replace(/\.$/, "") : v;
    return `n:${t === "-0" ? "0" : t}`;
  }
  if (typeof v === "object") return `j:${stableJson(v)}`;
  return `s:${String(v)}`;
}

function stableJson(v) {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(",")}]`;
  if (v && typeof v === "object" && !(v instanceof Date)) {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${stableJson(v[k])}`).join(",")}}`;
  }
  if (typeof v === "bigint") return v.toString();
  return JSON.stringify(v);
}

function rowKeys(result) {
  return result.rows.map((row) => JSON.stringify(row.map((v, i) => normaliseValue(v, result.types[i]))));
}

/**
 * Compares two results by value. Column names are ignored (aliases are the
 * reader's choice); the number and order of columns count. Rows are
 * compared in order when `ordered`, otherwise as a multiset.
 * Returns 'equal', 'columns', 'count', 'order' (same rows, other order) or
 * 'values'.
 */
export function compareResults(actual, expected, ordered) {
  if (actual.fields.length !== expected.fields.length) return "columns";
  if (actual.rows.length !== expected.rows.length) return "count";
  const a = rowKeys(actual);
  const b = rowKeys(expected);
  const same = (x, y) => x.every((k, i) => k === y[i]);
  if (ordered && same(a, b)) return "equal";
  const sa = [...a].sort();
  const sb = [...b].sort();
  if (!same(sa, sb)) return "values";
  return ordered ? "order" : "equal";
}

/** The text of an EXPLAIN result, one plan line per row. */
export function planText(result) {
  return result ? result.rows.map((r) => String(r[0])).join("\n") : "";
}

function mistakeMatches(m, { result, error }) {
  if (m.error !== undefined) return error?.code === m.error;
  if (!result) return false;
  if (m.rows !== undefined && result.rows.length !== m.rows) return false;
  if (m.columns !== undefined) {
    const names = result.fields.map((f) => f.toLowerCase());
    const want = m.columns.map((f) => f.toLowerCase());
    if (names.length !== want.length || names.some((f, i) => f !== want[i])) return false;
  }
  return m.rows !== undefined || m.columns !== undefined;
}

/**
 * Judges a reader's attempt against the reference attempt.
 * Returns { solved, message }: the message is what the lab shows.
 */
export function judge(exercise, attempt, reference) {
  const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;
  const hintFor = (seen) => {
    for (const m of exercise.mistakes ?? []) if (mistakeMatches(m, seen)) return m.say;
    return null;
  };

  if (exercise.expect_error) {
    if (attempt.error?.code === exercise.expect_error) {
      return { solved: true, message: `Refused, as expected: ${attempt.error.message} (SQLSTATE ${attempt.error.code}).` };
    }
    if (attempt.error) {
      return {
        solved: false,
        message: hintFor({ error: attempt.error }) ??
          `That failed, but with SQLSTATE ${attempt.error.code} (${attempt.error.message}); this task wants ${exercise.expect_error}.`,
      };
    }
    return { solved: false, message: "That ran without an error. This task asks for a statement the database refuses." };
  }

  if (attempt.error) {
    return {
      solved: false,
      message: hintFor({ error: attempt.error }) ??
        `Error: ${attempt.error.message} (SQLSTATE ${attempt.error.code}).`,
    };
  }

  if (exercise.plan_contains) {
    const last = attempt.last;
    if (!last || !isExplain(last.text)) {
      return { solved: false, message: "End with EXPLAIN (or EXPLAIN ANALYZE) followed by the query, so the lab can read the plan." };
    }
    const plan = planText(last);
    const has = plan.includes(exercise.plan_contains);
    const lacks = !exercise.plan_lacks || !plan.includes(exercise.plan_lacks);
    if (has && lacks) {
      return { solved: true, message: `The plan now shows ${exercise.plan_contains}.` };
    }
    return {
      solved: false,
      message: hintFor({ result: last }) ?? (has
        ? `The plan shows ${exercise.plan_contains}, but still has ${exercise.plan_lacks}.`
        : `The plan does not show ${exercise.plan_contains} yet.`),
    };
  }

  if (exercise.check) {
    const verdict = compareResults(attempt.check, reference.check, false);
    if (verdict === "equal") return { solved: true, message: "The data now looks exactly as it should." };
    return {
      solved: false,
      message: hintFor({ result: attempt.check }) ??
        "Afterwards the data is not what the task asks for. Compare the check query's output with what you expected.",
    };
  }

  const last = attempt.last;
  const want = reference.last;
  if (!last) return { solved: false, message: "Nothing came back: end with a statement that returns rows, such as a SELECT." };
  const verdict = compareResults(last, want, exercise.ordered === true);
  if (verdict === "equal") return { solved: true, message: "Correct." };
  const specific = hintFor({ result: last });
  if (specific) return { solved: false, message: specific };
  switch (verdict) {
    case "columns":
      return {
        solved: false,
        message: `Expected ${plural(want.fields.length, "column", "columns")} (${want.fields.join(", ")}), got ${last.fields.length}.`,
      };
    case "count":
      return { solved: false, message: `Expected ${plural(want.rows.length, "row", "rows")}, got ${last.rows.length}.` };
    case "order":
      return { solved: false, message: "The right rows, in the wrong order." };
    default:
      return { solved: false, message: "The right number of rows, but some values differ." };
  }
}
