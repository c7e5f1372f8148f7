// Checks the guide's "Try it in the SQL lab" links against a real PostgreSQL
// (PGlite) holding the lab's seed.
//
//   cd lab && node check-try-it.mjs
//
// A ```sql fence in content/guide/*.md whose info string is `sql try` links
// to its own text; `sql try=<id>` links to the variant <id> in
// content/lab/try-it.toml; a plain `sql` fence has no link. This checks:
//
// - the info strings (only those three forms; no "try" on other languages)
//   and the fences themselves (``` and ~~~, closed);
// - try-it.toml: known fields, ids made of lowercase words joined by
//   hyphens and unique, every try=<id> names a variant, every variant is
//   used, every variant starts with a "-- " comment for the reader;
// - every link's SQL, run the way the lab's playground runs it: statements
//   one by one, the reader's BEGIN / COMMIT / ROLLBACK working. It runs with
//   runner.mjs's runAttempt, inside a transaction that is rolled back (the
//   reader's BEGIN and COMMIT become savepoints), so the seed is restored
//   afterwards. A link fails when a statement errors, when no statement
//   returns columns (the lab would show nothing), when a BEGIN is left open,
//   or when it leaves a lasting change (rows, tables, indexes, prepared
//   statements, session settings) that its comments do not put down to the
//   lab's Reset. A link that does leave one must still run a second time.
//
// Also importable: checkTryIt(pg) returns the list of problems, for a PGlite
// that already holds the seed, and leaves that database as it found it.

import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";
import { parse as parseToml } from "smol-toml";
import { runAttempt, splitStatements, transactionControl } from "./runner.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const guideDir = join(root, "content", "guide");
const labDir = join(root, "content", "lab");
const tryItPath = join(labDir, "try-it.toml");

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const VARIANT_FIELDS = ["id", "note", "sql"];

// ------------------------------------------------------------ the guide

/**
 * Every fenced code block of the guide's sections, in file order:
 * { file, line, n, heading, anchor, lang, info, body, closed }.
 * `n` counts the ```sql blocks of a file from 1 (0 for other languages);
 * `heading` is the text of the nearest heading above, `anchor` its {#id};
 * `body` is the block's text with the fence's indentation removed, as a
 * Markdown renderer gives it.
 */
export function guideFences(dir = guideDir) {
  const fences = [];
  const files = readdirSync(dir).filter((f) => /^\d\d-.*\.md$/.test(f)).sort();
  for (const file of files) {
    const lines = readFileSync(join(dir, file), "utf8").split(/\r?\n/);
    let i = 0;
    // TOML front matter between +++ lines
    if (lines[0] === "+++") {
      i = 1;
      while (i < lines.length && lines[i] !== "+++") i++;
      i++;
    }
    let heading = "";
    let anchor = "";
    let n = 0;
    for (; i < lines.length; i++) {
      const line = lines[i];
      const h = /^ {0,3}#{1,6}\s+(.*?)\s*(?:\{#([A-Za-z0-9_-]+)\})?\s*$/.exec(line);
      if (h) { heading = h[1]; anchor = h[2] ?? ""; continue; }
      const open = /^( *)(`{3,}|~{3,})(.*)$/.exec(line);
      if (!open) continue;
      const [, indent, fence, rest] = open;
      if (fence[0] === "`" && rest.includes("`")) continue; // inline code, not a fence
      const info = rest.trim();
      const lang = info.split(/\s+/)[0] ?? "";
      const close = new RegExp(`^ *${fence[0] === "`" ? "`" : "~"}{${fence.length},}\\s*$`);
      let j = i + 1;
      while (j < lines.length && !close.test(lines[j])) j++;
      const strip = (l) => l.replace(new RegExp(`^ {0,${indent.length}}`), "");
      const body = lines.slice(i + 1, j).map(strip).join("\n");
      if (lang === "sql") n++;
      fences.push({
        file, line: i + 1, n: lang === "sql" ? n : 0, heading, anchor,
        lang, info, body: body.length ? `${body}\n` : "", closed: j < lines.length,
      });
      i = j;
    }
  }
  return fences;
}

/**
 * What a fence's info string asks for: { kind: "none" | "try" | "variant",
 * variant, problem }. Only `sql`, `sql try` and `sql try=<id>` are valid
 * for SQL; any "try" on another language is a mistake (it would be ignored).
 */
export function linkOf(fence) {
  const words = fence.info.split(/\s+/).filter(Boolean);
  if (fence.lang !== "sql") {
    if (words.some((w) => /^try\b/.test(w))) {
      return { kind: "none", problem: `"try" on a ${fence.lang || "plain"} fence: only sql fences get a link` };
    }
    return { kind: "none" };
  }
  if (words.length === 1) return { kind: "none" };
  if (words.length === 2 && words[1] === "try") return { kind: "try" };
  const m = words.length === 2 ? /^try=(.*)$/.exec(words[1]) : null;
  if (m) return { kind: "variant", variant: m[1] };
  return { kind: "none", problem: `info string "${fence.info}" is not one of "sql", "sql try", "sql try=<id>"` };
}

/** Where a block is, for messages: file, block number, line and heading. */
export function describeBlock(f) {
  return `${f.file} block ${f.n} (line ${f.line}, under "${f.heading}"${f.anchor ? ` #${f.anchor}` : ""})`;
}

// ---------------------------------------------------------- try-it.toml

/** The variants of try-it.toml, and any problems with the file itself. */
export function loadVariants(path = tryItPath) {
  const problems = [];
  let data;
  try {
    data = parseToml(readFileSync(path, "utf8"));
  } catch (e) {
    return { variants: [], problems: [`try-it.toml: ${e.message}`] };
  }
  for (const key of Object.keys(data)) {
    if (key !== "variant") problems.push(`try-it.toml: unknown top-level key "${key}"`);
  }
  const variants = Array.isArray(data.variant) ? data.variant : [];
  const seen = new Set();
  variants.forEach((v, index) => {
    const where = typeof v.id === "string" ? `try-it.toml variant ${v.id}` : `try-it.toml variant #${index + 1}`;
    for (const key of Object.keys(v)) {
      if (!VARIANT_FIELDS.includes(key)) problems.push(`${where}: unknown field "${key}"`);
    }
    for (const key of VARIANT_FIELDS) {
      if (typeof v[key] !== "string" || !v[key].trim()) problems.push(`${where}: "${key}" must be a non-empty string`);
    }
    if (typeof v.id === "string") {
      if (!ID.test(v.id)) problems.push(`${where}: the id must be lowercase words joined by hyphens`);
      if (seen.has(v.id)) problems.push(`${where}: the id is used twice`);
      seen.add(v.id);
    }
    if (typeof v.sql === "string" && !/^-- \S/.test(v.sql.trimStart())) {
      problems.push(`${where}: the SQL must start with a "-- " comment telling the reader what it runs`);
    }
  });
  return { variants, problems };
}

// ------------------------------------------------------- the database state

/** Tables of the public schema, to watch for changes. */
async function publicTables(pg) {
  const [r] = await pg.exec(`SELECT relname FROM pg_class
    WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p') ORDER BY relname`);
  return r.rows.map((row) => row.relname);
}

/**
 * A query describing everything a playground run could leave behind: the
 * objects outside the system schemas, the columns and constraints of the
 * public schema, prepared statements, session settings and, for every seed
 * table, its row count and how many of its rows this transaction wrote.
 * It runs at the end of the attempt, inside its transaction; every
 * transaction id of the attempt (its savepoints included) is at least the
 * top-level one, and nothing else writes to PGlite meanwhile, so a row is
 * new or changed exactly when its xmin is.
 */
function stateQuery(tables) {
  const quote = (t) => `"${t.replace(/"/g, '""')}"`;
  const perTable = tables.map((t) => `(SELECT count(*) || ' rows, ' ||
      count(*) FILTER (WHERE xmin::text::bigint >= (SELECT top FROM me)) || ' written'
      FROM public.${quote(t)}) AS ${quote(`table ${t}`)}`);
  return `WITH me AS (SELECT pg_current_xact_id()::text::bigint % 4294967296 AS top)
SELECT
  (SELECT coalesce(string_agg(n.nspname || '.' || c.relname || ' (' || c.relkind::text || ')', ', '
                              ORDER BY n.nspname, c.relname), '')
     FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg\\_toast%') AS objects,
  (SELECT coalesce(string_agg(n.nspname || '.' || p.proname, ', ' ORDER BY n.nspname, p.proname), '')
     FROM pg_proc AS p JOIN pg_namespace AS n ON n.oid = p.pronamespace
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')) AS functions,
  (SELECT coalesce(string_agg(nspname, ', ' ORDER BY nspname), '') FROM pg_namespace
    WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema') AS schemas,
  (SELECT coalesce(string_agg(c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
                              || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END, ', '
                              ORDER BY c.relname, a.attnum), '')
     FROM pg_attribute AS a JOIN pg_class AS c ON c.oid = a.attrelid
    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
      AND a.attnum > 0 AND NOT a.attisdropped) AS columns,
  (SELECT coalesce(string_agg(conrelid::regclass::text || '.' || conname, ', ' ORDER BY conrelid, conname), '')
     FROM pg_constraint WHERE connamespace = 'public'::regnamespace) AS constraints,
  (SELECT coalesce(string_agg(name, ', ' ORDER BY name), '') FROM pg_prepared_statements) AS prepared,
  (SELECT coalesce(string_agg(name || ' = ' || setting, ', ' ORDER BY name), '') FROM pg_settings
    WHERE source = 'session') AS settings${perTable.length ? ",\n  " + perTable.join(",\n  ") : ""}`;
}

/** The differences between two states from stateQuery, as short phrases. */
function stateChanges(before, after) {
  const changes = [];
  const b = before.rows[0];
  const a = after.rows[0];
  after.fields.forEach((name, i) => {
    if (name.startsWith("table ")) {
      const table = name.slice(6);
      const [countBefore] = String(b[i]).split(" rows");
      const [countAfter, rest] = String(a[i]).split(" rows, ");
      const written = Number.parseInt(rest, 10);
      if (countAfter !== countBefore) changes.push(`${table}: ${countBefore} rows before, ${countAfter} after`);
      else if (written > 0) changes.push(`${table}: ${written} row${written === 1 ? "" : "s"} written`);
      return;
    }
    if (String(a[i]) === String(b[i])) return;
    const listBefore = new Set(String(b[i]).split(", ").filter(Boolean));
    const listAfter = new Set(String(a[i]).split(", ").filter(Boolean));
    const added = [...listAfter].filter((x) => !listBefore.has(x));
    const removed = [...listBefore].filter((x) => !listAfter.has(x));
    const parts = [...added.map((x) => `+${x}`), ...removed.map((x) => `-${x}`)];
    changes.push(`${name}: ${parts.join(", ")}`);
  });
  return changes;
}

// ------------------------------------------------------------ the check

function firstLine(text, max = 70) {
  const found = text.split("\n").find((l) => l.trim() && !l.trim().startsWith("--")) ?? text;
  const line = found.trim().replace(/\s+/g, " ");
  return line.length > max ? `${line.slice(0, max)}...` : line;
}

/** The reader's BEGIN left open at the end of the script, if any. */
function unclosedBegin(sql) {
  let open = false;
  for (const text of splitStatements(sql)) {
    const control = transactionControl(text);
    if (control === "begin") open = true;
    else if (control) open = false;
  }
  return open;
}

/**
 * Checks the guide's links and try-it.toml, running every link's SQL
 * against `pg`, a PGlite that already holds the seed. Returns the problems
 * found, as strings; an empty list means all is well. `log`, when given,
 * receives one line per link.
 */
export async function checkTryIt(pg, { log = () => {} } = {}) {
  const problems = [];
  const { variants, problems: fileProblems } = loadVariants();
  problems.push(...fileProblems);
  const byId = new Map(variants.filter((v) => typeof v.id === "string").map((v) => [v.id, v]));
  const used = new Set();

  const links = [];
  for (const fence of guideFences()) {
    const where = fence.lang === "sql" ? describeBlock(fence) : `${fence.file} line ${fence.line}`;
    if (!fence.closed) problems.push(`${where}: the fence is never closed`);
    const link = linkOf(fence);
    if (link.problem) problems.push(`${where}: ${link.problem}`);
    if (link.kind === "try") links.push({ fence, label: "try", sql: fence.body });
    if (link.kind === "variant") {
      const v = byId.get(link.variant);
      if (!v) problems.push(`${where}: try=${link.variant} names no variant in try-it.toml`);
      else {
        used.add(v.id);
        if (typeof v.sql === "string") links.push({ fence, label: `try=${v.id}`, sql: v.sql });
      }
    }
  }
  for (const id of byId.keys()) {
    if (!used.has(id)) problems.push(`try-it.toml variant ${id}: no fence in the guide uses it`);
  }

  // A variant used by several fences is run once, and reported against the first.
  const state = stateQuery(await publicTables(pg));
  const baseline = await runAttempt(pg, { sql: "", check: state });
  const done = new Map();
  for (const { fence, label, sql } of links) {
    const where = `${describeBlock(fence)} ${label}`;
    const key = label === "try" ? `${fence.file}#${fence.n}` : label;
    if (done.has(key)) {
      log(`${done.get(key) ? "FAIL" : "ok  "} ${fence.file.padEnd(28)} ${String(fence.n).padStart(2)}  ${label.padEnd(34)}      (as above)`);
      continue;
    }
    const t = performance.now();
    const found = [];
    let summary = "";
    let attempt;
    try {
      attempt = await runAttempt(pg, { sql, check: state });
    } catch (e) {
      // The state query itself failed: the script removed something it reads.
      attempt = await runAttempt(pg, { sql });
      if (!attempt.error) attempt.error = { code: e?.code ?? "?", message: `afterwards the lab's state query fails (${e?.message ?? e}): does it drop a table?` };
      attempt.errorStatement ??= "(after the script)";
    }
    if (attempt.error) {
      found.push(`fails: ${attempt.error.message} (SQLSTATE ${attempt.error.code}) in: ${firstLine(attempt.errorStatement)}`);
    } else {
      if (!attempt.last) found.push("no statement returns columns, so the lab would show no result");
      else summary = `${attempt.last.rows.length} row${attempt.last.rows.length === 1 ? "" : "s"} from: ${firstLine(attempt.last.text, 50)}`;
      for (const notice of attempt.notices) found.push(`the lab would warn: ${notice}`);
      if (unclosedBegin(sql)) found.push("a BEGIN is never closed by COMMIT or ROLLBACK");
      const changes = stateChanges(baseline.check, attempt.check);
      if (changes.length) {
        const said = /--[^\n]*\breset\b/i.test(sql);
        if (!said) {
          found.push(`leaves a lasting change (${changes.join("; ")}): run it inside BEGIN ... ROLLBACK ` +
            `(and DEALLOCATE what it PREPAREs), or say in a comment that the lab's Reset undoes it`);
        }
        // A lasting change must not stop the link working a second time:
        // readers click twice.
        const twice = await runAttempt(pg, { sql: `${sql}\n;\n${sql}` });
        if (twice.error) {
          found.push(`fails when run a second time: ${twice.error.message} (SQLSTATE ${twice.error.code})`);
        }
        summary += `${summary ? "; " : ""}leaves: ${changes.join("; ")}`;
      }
    }
    const ms = Math.round(performance.now() - t);
    done.set(key, found.length > 0);
    log(`${found.length ? "FAIL" : "ok  "} ${fence.file.padEnd(28)} ${String(fence.n).padStart(2)}  ${label.padEnd(34)} ${String(ms).padStart(5)} ms  ${summary}`);
    for (const p of found) {
      log(`       ${p}`);
      problems.push(`${where}: ${p}`);
    }
  }
  return problems;
}

// -------------------------------------------------------------- standalone

const standalone = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (standalone) {
  // PGlite's errors carry the whole minified library in their stack.
  for (const event of ["uncaughtException", "unhandledRejection"]) {
    process.on(event, (e) => {
      console.error(`check-try-it: ${e?.message ?? e}${e?.code ? ` (SQLSTATE ${e.code})` : ""}`);
      process.exit(2);
    });
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const t0 = performance.now();
  const pg = new PGlite();
  await pg.waitReady;
  try {
    await pg.exec(readFileSync(join(labDir, "seed.sql"), "utf8"));
  } catch (e) {
    console.error(`seed.sql failed: ${e.message} (SQLSTATE ${e.code})`);
    process.exit(1);
  }
  const seedS = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const problems = await checkTryIt(pg, { log: (line) => console.log(line) });
  const checkS = (performance.now() - t1) / 1000;
  await pg.close();

  const fences = guideFences().filter((f) => f.lang === "sql");
  const kinds = fences.map((f) => linkOf(f).kind);
  const count = (k) => kinds.filter((x) => x === k).length;
  const summary = `${fences.length} sql blocks: ${count("try")} try, ${count("variant")} try=<variant>, ` +
    `${count("none")} without a link; seed ${seedS.toFixed(1)} s, links ${checkS.toFixed(1)} s`;
  if (problems.length) {
    console.log(`\n${problems.length} problem${problems.length === 1 ? "" : "s"}:`);
    for (const p of problems) console.log(`  - ${p}`);
    console.log(`FAILED: ${summary}`);
    process.exit(1);
  }
  console.log(`all links run: ${summary}`);
}
