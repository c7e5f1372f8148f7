// Turning results and errors into the plain JSON the page's Rust island
// parses: no bigint, Date or typed array may reach JSON.stringify.

import { printed } from "./session.js";

export const MAX_ROWS = 500;
const BOOL = 16;

/**
 * The displayed part of a result ({ fields, types, rows }): column names
 * and at most MAX_ROWS rows of text, as PostgreSQL printed them (numeric
 * keeps its scale, timestamps their microseconds and the session's time
 * zone, arrays their {...} form), except booleans, shown as true/false.
 */
export function table(result) {
  if (!result) return { columns: [], rows: [], row_count: 0, truncated: false };
  const { raw } = printed(result.rows);
  const shown = (raw ?? result.rows).slice(0, MAX_ROWS);
  const rows = shown.map((row) =>
    row.map((v, i) => (raw ? printedText(v, result.types[i]) : valueText(v))));
  return {
    columns: result.fields.slice(),
    rows,
    row_count: result.rows.length,
    truncated: result.rows.length > MAX_ROWS,
  };
}

function printedText(v, type) {
  if (v === null) return null;
  if (type === BOOL) return v === "t" ? "true" : "false";
  return v;
}

/**
 * Text for a value PGlite has already parsed. Only a fallback: every result
 * that went through session.js has its printed text.
 */
export function valueText(v) {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (v instanceof Date) {
    return Number.isNaN(v.getTime()) ? String(v) : v.toISOString().replace("T", " ").replace("Z", "+00");
  }
  if (v instanceof Uint8Array) return `\\x${Array.from(v, (b) => b.toString(16).padStart(2, "0")).join("")}`;
  return JSON.stringify(v, (_, x) => (typeof x === "bigint" ? x.toString() : x));
}

/** The command tag of a result without columns ("UPDATE 3"), else null. */
export function commandOf(result) {
  if (!result || result.fields.length > 0) return null;
  return printed(result.rows).tag ?? result.command ?? null;
}

/**
 * The reply's `error`. `span` is the failing statement ({ text, start }
 * from statementSpans); PostgreSQL's position counts characters in that
 * statement, so it is mapped back into the reader's whole script `sql`.
 * The returned position is 1-based and counts UTF-16 code units, like the
 * editor; line and column are 1-based, the column counting characters.
 */
export function errorReply(error, sql, span) {
  let position = null;
  let line = null;
  let column = null;
  const at = Number(error.position);
  if (span && Number.isInteger(at) && at > 0) {
    const offset = span.start + codeUnits(span.text, at - 1);
    position = offset + 1;
    const before = sql.slice(0, offset);
    line = before.split("\n").length;
    column = [...before.slice(before.lastIndexOf("\n") + 1)].length + 1;
  }
  return {
    message: error.message ?? String(error),
    code: error.code ?? null,
    position,
    line,
    column,
    detail: error.detail ?? null,
    hint: error.hint ?? null,
  };
}

/** How many UTF-16 code units the first `chars` characters of `text` take. */
function codeUnits(text, chars) {
  let i = 0;
  for (let n = 0; n < chars && i < text.length; n++) {
    i += text.codePointAt(i) > 0xffff ? 2 : 1;
  }
  return i;
}
