// Checks the SQL lab's seed and exercises against a real PostgreSQL (PGlite).
//
//   cd lab && npm install && node check-exercises.mjs [exercise-id ...]
//
// Loads content/lab/seed.sql into an in-memory PGlite, then checks every
// exercise in content/lab/exercises.toml (or only those named) under the
// same rules the lab uses (runner.mjs). Prints one line per exercise and
// exits non-zero when anything is wrong. See content/lab/FORMAT.md.

import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { PGlite } from "@electric-sql/pglite";
import { parse as parseToml } from "smol-toml";
import { runAttempt, judge, compareResults, planText, isExplain, splitStatements, transactionControl } from "./runner.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const labDir = join(root, "content", "lab");
const guideDir = join(root, "content", "guide");

const TOPICS = [
  "filtering", "ordering", "pagination", "joins", "grouping", "null",
  "constraints", "transactions", "upserts", "idempotency", "indexes", "injection",
];
const FIELDS = new Set([
  "id", "title", "topic", "guide", "task", "start", "hints", "reference", "ordered",
  "setup", "check", "expect_error", "plan_contains", "plan_lacks", "mistakes",
]);
const MIN_EXERCISES = 30;
const MIN_PER_TOPIC = 2;

// Settings under which a reference must give the same rows (in the same
// order, when order matters). Rows that tie on every ORDER BY key come out
// in whatever order the plan meets them, so an ORDER BY that leaves ties, or
// a LIMIT without ORDER BY, shows up as a difference. The strongest test is
// the schema lab_reversed (built below): a copy of every table with its
// rows stored in the opposite physical order, put first on the search path.
const NO_INDEXES = ["SET LOCAL enable_indexscan = off", "SET LOCAL enable_indexonlyscan = off", "SET LOCAL enable_bitmapscan = off"];
const REVERSED = "SET LOCAL search_path = lab_reversed, public";
const PLANNER_VARIANTS = [
  NO_INDEXES,
  ["SET LOCAL enable_seqscan = off"],
  ["SET LOCAL enable_hashagg = off", "SET LOCAL enable_hashjoin = off", "SET LOCAL enable_nestloop = off"],
  ["SET LOCAL work_mem = '64kB'", "SET LOCAL enable_incremental_sort = off"],
  [REVERSED],
  [REVERSED, ...NO_INDEXES],
];
const TABLE_KEYS = {
  customers: "id", products: "id", orders: "id", order_items: "order_id, product_id",
  idempotency_keys: "customer_id, idempotency_key", processed_messages: "consumer, message_id",
};

/** Copies every table, rows in reverse key order, into the schema lab_reversed. */
async function buildReversedCopy(pg) {
  await pg.exec("CREATE SCHEMA lab_reversed");
  for (const [table, key] of Object.entries(TABLE_KEYS)) {
    const descending = key.split(",").map((k) => `${k.trim()} DESC`).join(", ");
    await pg.exec(`CREATE TABLE lab_reversed.${table} (LIKE public.${table} INCLUDING ALL)`);
    await pg.exec(`INSERT INTO lab_reversed.${table} OVERRIDING SYSTEM VALUE
                   SELECT * FROM public.${table} ORDER BY ${descending}`);
  }
  for (const table of ["customers", "products", "orders"]) {
    await pg.exec(`SELECT setval(pg_get_serial_sequence('lab_reversed.${table}', 'id'),
                                 (SELECT max(id) FROM lab_reversed.${table}))`);
  }
  await pg.exec(`ANALYZE ${Object.keys(TABLE_KEYS).map((t) => `lab_reversed.${t}`).join(", ")}`);
}

// PGlite's errors carry the whole minified library in their stack: print
// only what helps.
for (const event of ["uncaughtException", "unhandledRejection"]) {
  process.on(event, (e) => {
    console.error(`check-exercises: ${e?.message ?? e}${e?.code ? ` (SQLSTATE ${e.code})` : ""}`);
    process.exit(2);
  });
}

const t0 = performance.now();
const failures = [];
const args = process.argv.slice(2);
const verbose = args.includes("--verbose") || args.includes("-v");
const only = new Set(args.filter((a) => !a.startsWith("-")));

function fail(where, message) {
  failures.push(`${where}: ${message}`);
}

// ---------------------------------------------------------------- guide ids

/** Map of "/guide/<slug>" to the set of its heading ids. */
function guideAnchors() {
  const anchors = new Map();
  for (const file of readdirSync(guideDir).filter((f) => /^\d\d-.*\.md$/.test(f)).sort()) {
    const text = readFileSync(join(guideDir, file), "utf8");
    const front = /^\+\+\+\n([\s\S]*?)\n\+\+\+/.exec(text);
    if (!front) { fail(file, "no front matter"); continue; }
    const slug = parseToml(front[1]).slug;
    const ids = new Set();
    let fence = null;
    for (const line of text.slice(front[0].length).split("\n")) {
      const f = /^\s*(`{3,}|~{3,})/.exec(line);
      if (f) {
        if (fence === null) fence = f[1][0];
        else if (f[1][0] === fence) fence = null;
        continue;
      }
      if (fence !== null) continue;
      const h = /^#{2,3}\s.*\{#([a-z0-9-]+)\}\s*$/.exec(line);
      if (h) ids.add(h[1]);
    }
    anchors.set(`/guide/${slug}`, ids);
  }
  return anchors;
}

// ------------------------------------------------------------ static checks

function checkFields(ex, index, anchors) {
  const where = ex.id ? `exercise ${ex.id}` : `exercise #${index + 1}`;
  for (const key of Object.keys(ex)) if (!FIELDS.has(key)) fail(where, `unknown field "${key}"`);
  for (const key of ["id", "title", "topic", "guide", "task", "start", "reference"]) {
    if (typeof ex[key] !== "string" || !ex[key].trim()) fail(where, `"${key}" must be a non-empty string`);
  }
  if (typeof ex.ordered !== "boolean") fail(where, `"ordered" must be true or false`);
  if (ex.id && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(ex.id)) fail(where, "id must be kebab-case");
  if (!TOPICS.includes(ex.topic)) fail(where, `topic "${ex.topic}" is not one of ${TOPICS.join(", ")}`);
  if (!Array.isArray(ex.hints) || ex.hints.length < 2 || ex.hints.length > 3 ||
      ex.hints.some((h) => typeof h !== "string" || !h.trim())) {
    fail(where, "hints must be a list of 2 or 3 non-empty strings");
  }
  for (const key of ["setup", "check", "expect_error", "plan_contains", "plan_lacks"]) {
    if (ex[key] !== undefined && (typeof ex[key] !== "string" || !ex[key].trim())) {
      fail(where, `"${key}" must be a non-empty string`);
    }
  }
  const modes = ["check", "expect_error", "plan_contains"].filter((k) => ex[k] !== undefined);
  if (modes.length > 1) fail(where, `use only one of ${modes.join(", ")}`);
  if (ex.plan_lacks !== undefined && ex.plan_contains === undefined) fail(where, "plan_lacks needs plan_contains");
  if (ex.expect_error !== undefined && !/^[0-9A-Z]{5}$/.test(ex.expect_error)) {
    fail(where, `expect_error "${ex.expect_error}" is not a SQLSTATE (five characters)`);
  }
  if (ex.ordered && modes.length > 0) fail(where, "ordered = true only applies to exercises judged by their result");
  if (ex.ordered && !/\border\s+by\b/i.test(ex.reference)) fail(where, "ordered = true, but the reference has no ORDER BY");
  if (ex.ordered && !/(first|order|sort|A to Z|highest|lowest|newest|oldest)/i.test(ex.task)) {
    fail(where, "ordered = true, but the task does not say in which order");
  }
  if (ex.plan_contains !== undefined && !/\bexplain\b/i.test(ex.reference)) {
    fail(where, "plan_contains needs a reference that ends with EXPLAIN");
  }
  if (ex.mistakes !== undefined) {
    if (!Array.isArray(ex.mistakes)) fail(where, "mistakes must be a list");
    else for (const m of ex.mistakes) {
      const keys = Object.keys(m);
      if (typeof m.say !== "string" || !m.say.trim()) fail(where, "every mistake needs a \"say\" text");
      if (keys.some((k) => !["rows", "columns", "error", "say"].includes(k))) fail(where, `mistake has unknown keys: ${keys.join(", ")}`);
      if (m.rows === undefined && m.columns === undefined && m.error === undefined) fail(where, "a mistake needs rows, columns or error");
      if (m.rows !== undefined && (!Number.isInteger(m.rows) || m.rows < 0)) fail(where, "mistake rows must be a whole number");
      if (m.columns !== undefined && (!Array.isArray(m.columns) || m.columns.some((c) => typeof c !== "string"))) {
        fail(where, "mistake columns must be a list of names");
      }
      if (m.error !== undefined && (m.rows !== undefined || m.columns !== undefined)) fail(where, "a mistake matches either an error or a result, not both");
    }
  }
  if (typeof ex.guide === "string") {
    const m = /^(\/guide\/[a-z0-9-]+)#([a-z0-9-]+)$/.exec(ex.guide);
    if (!m) fail(where, `guide "${ex.guide}" must look like /guide/<slug>#<heading-id>`);
    else if (!anchors.has(m[1])) fail(where, `guide section ${m[1]} does not exist`);
    else if (!anchors.get(m[1]).has(m[2])) fail(where, `guide heading #${m[2]} does not exist in ${m[1]}`);
  }
}

// ----------------------------------------------------------- live checks

async function fingerprint(pg) {
  const tables = ["customers", "products", "orders", "order_items", "idempotency_keys", "processed_messages"];
  const parts = tables.map((t) => `(SELECT count(*) || ':' || coalesce(sum(hashtext(x::text)::bigint), 0) FROM ${t} AS x) AS ${t}`);
  const [r] = await pg.exec(`SELECT ${parts.join(", ")},
    (SELECT string_agg(relname || '/' || relkind::text, ',' ORDER BY relname) FROM pg_class
      WHERE relnamespace = 'public'::regnamespace AND relkind <> 'S') AS objects,
    (SELECT count(*) FROM pg_prepared_statements) AS prepared`);
  return JSON.stringify(r.rows[0]);
}

function describe(result) {
  if (!result) return "no result";
  return `${result.rows.length} row${result.rows.length === 1 ? "" : "s"}`;
}

async function checkExercise(pg, ex) {
  const where = `exercise ${ex.id}`;
  const problems = [];
  const bad = (m) => problems.push(m);
  const base = { setup: ex.setup ?? null, check: ex.check ?? null };
  let summary = "";

  // The reference
  const ref = await runAttempt(pg, { ...base, sql: ex.reference });
  if (ex.expect_error) {
    if (!ref.error) bad(`reference ran without error; expected SQLSTATE ${ex.expect_error}`);
    else if (ref.error.code !== ex.expect_error) {
      bad(`reference failed with ${ref.error.code} (${ref.error.message}); expected ${ex.expect_error}`);
    }
    summary = `refused with ${ref.error?.code ?? "nothing"}`;
  } else if (ref.error) {
    bad(`reference failed: ${ref.error.message} (SQLSTATE ${ref.error.code}) in: ${ref.errorStatement.slice(0, 80)}`);
  }
  if (problems.length) return { problems, summary };

  const self = judge(ex, ref, ref);
  if (!self.solved) bad(`the reference does not pass its own judgement: ${self.message}`);

  // Result exercises: the answer must not depend on the plan
  if (!ex.expect_error && !ex.check && !ex.plan_contains) {
    if (!ref.last) bad("the reference returns no rows to compare (end with a SELECT)");
    else {
      if (ref.last.rows.length === 0) bad("the reference returns 0 rows: a reader could pass with any empty query");
      summary = `${describe(ref.last)}${ex.ordered ? ", ordered" : ""}`;
      const again = await runAttempt(pg, { ...base, sql: ex.reference });
      if (compareResults(again.last, ref.last, ex.ordered) !== "equal") bad("the reference gave a different result when run again");
      for (const settings of PLANNER_VARIANTS) {
        const v = await runAttempt(pg, { ...base, sql: ex.reference, settings });
        if (v.error) { bad(`reference failed under ${settings.join("; ")}: ${v.error.message}`); continue; }
        const verdict = compareResults(v.last, ref.last, ex.ordered);
        if (verdict !== "equal") {
          bad(`the reference's result changes (${verdict}) under ${settings.join("; ")}: ` +
            (ex.ordered ? "the ORDER BY leaves ties" : "a LIMIT without a complete ORDER BY?"));
        }
      }
    }
  }

  // Check exercises: the reference changes the data, and the rollback undoes it
  if (ex.check) {
    const before = await runAttempt(pg, { ...base, sql: "" });
    if (!before.check) bad("the check query returned nothing");
    else if (compareResults(ref.check, before.check, false) === "equal") {
      bad("the check shows the same data before and after the reference: it changed nothing the check can see");
    }
    if (before.check && before.check.fields.length === 0) bad("the check must be a SELECT");
    const after = await runAttempt(pg, { ...base, sql: "" });
    if (compareResults(after.check, before.check, false) !== "equal") bad("the rollback did not restore the data the check reads");
    summary = `check: ${describe(before.check)} before, ${describe(ref.check)} after`;
  }

  // Plan exercises
  if (ex.plan_contains) {
    const plan = planText(ref.last);
    if (!ref.last || !isExplain(ref.last.text)) bad("the reference's last statement is not an EXPLAIN");
    else {
      if (!plan.includes(ex.plan_contains)) bad(`the reference's plan does not contain "${ex.plan_contains}":\n${plan}`);
      if (ex.plan_lacks && plan.includes(ex.plan_lacks)) bad(`the reference's plan contains "${ex.plan_lacks}":\n${plan}`);
      const node = plan.split("\n").find((l) => l.includes(ex.plan_contains)) ?? "";
      summary = `plan: ${node.replace(/\s+\(cost.*$/, "").replace(/^[\s->]+/, "")}`;
    }
  }

  // The starting query runs, and is not already an answer
  const st = await runAttempt(pg, { ...base, sql: ex.start });
  if (st.error) bad(`start fails: ${st.error.message} (SQLSTATE ${st.error.code})`);
  else {
    const verdict = judge(ex, st, ref);
    if (verdict.solved) bad("start already solves the exercise");
    if (verbose) summary += `\n       start -> ${verdict.message}`;
  }
  if (ex.plan_contains && st.last && isExplain(st.last.text) && planText(st.last).includes(ex.plan_contains)) {
    bad(`start's plan already contains "${ex.plan_contains}"`);
  }

  // No mistake hint may describe the right answer
  for (const m of ex.mistakes ?? []) {
    if (m.error !== undefined) {
      if (ref.error?.code === m.error) bad(`mistake for error ${m.error} matches the reference`);
      continue;
    }
    const judged = ex.check ? ref.check : ref.last;
    if (!judged) continue;
    const rowsMatch = m.rows === undefined || judged.rows.length === m.rows;
    const colsMatch = m.columns === undefined ||
      (judged.fields.length === m.columns.length &&
        judged.fields.every((f, i) => f.toLowerCase() === m.columns[i].toLowerCase()));
    if (rowsMatch && colsMatch) bad(`mistake ${JSON.stringify({ rows: m.rows, columns: m.columns })} matches the reference's result`);
  }

  return { problems, summary };
}

// ------------------------------------------------- the runner's own parts

function selfTest() {
  const cases = [
    ["SELECT 1; SELECT 2", ["SELECT 1", "SELECT 2"]],
    ["SELECT 'a;b'; SELECT 'it''s;'", ["SELECT 'a;b'", "SELECT 'it''s;'"]],
    ["SELECT E'\\';'; SELECT 3", ["SELECT E'\\';'", "SELECT 3"]],
    ['SELECT ";" AS "x;y"; SELECT 4', ['SELECT ";" AS "x;y"', "SELECT 4"]],
    ["DO $$ BEGIN PERFORM 1; END $$; SELECT 5", ["DO $$ BEGIN PERFORM 1; END $$", "SELECT 5"]],
    ["SELECT $tag$ ; $$ ; $tag$; SELECT $1", ["SELECT $tag$ ; $$ ; $tag$", "SELECT $1"]],
    ["-- a comment; still a comment\nSELECT 6; /* block; /* nested; */ still */ SELECT 7;", ["-- a comment; still a comment\nSELECT 6", "/* block; /* nested; */ still */ SELECT 7"]],
    ["  ;; -- only a comment\n ; ", []],
  ];
  for (const [input, want] of cases) {
    const got = splitStatements(input);
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      fail("runner.mjs", `splitStatements(${JSON.stringify(input)}) gave ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
    }
  }
  const controls = [
    ["BEGIN", "begin"], ["begin transaction isolation level serializable", "begin"], ["START TRANSACTION", "begin"],
    ["COMMIT", "commit"], ["END", "commit"], ["ROLLBACK", "rollback"], ["ABORT", "rollback"],
    ["ROLLBACK TO SAVEPOINT a", null], ["COMMIT PREPARED 'x'", null], ["SAVEPOINT a", null],
    ["-- note\nBEGIN", "begin"], ["BEGINNING", null], ["SELECT 1", null],
  ];
  for (const [input, want] of controls) {
    if (transactionControl(input) !== want) fail("runner.mjs", `transactionControl(${JSON.stringify(input)}) is not ${want}`);
  }
}

// -------------------------------------------------------------------- main

selfTest();

const anchors = guideAnchors();
const data = parseToml(readFileSync(join(labDir, "exercises.toml"), "utf8"));
const exercises = data.exercise ?? [];
for (const key of Object.keys(data)) if (key !== "exercise") fail("exercises.toml", `unknown top-level key "${key}"`);

const seen = new Set();
exercises.forEach((ex, i) => {
  checkFields(ex, i, anchors);
  if (seen.has(ex.id)) fail(`exercise ${ex.id}`, "id is used twice");
  seen.add(ex.id);
});
if (exercises.length < MIN_EXERCISES) fail("exercises.toml", `${exercises.length} exercises; at least ${MIN_EXERCISES} needed`);
const perTopic = Object.fromEntries(TOPICS.map((t) => [t, 0]));
for (const ex of exercises) if (ex.topic in perTopic) perTopic[ex.topic]++;
for (const [t, n] of Object.entries(perTopic)) {
  if (n < MIN_PER_TOPIC) fail("exercises.toml", `topic ${t} has ${n} exercises; at least ${MIN_PER_TOPIC} needed`);
}
// Topics stay together, so the lab can list them in file order
const order = exercises.map((e) => e.topic).filter((t, i, a) => i === 0 || a[i - 1] !== t);
if (new Set(order).size !== order.length) fail("exercises.toml", "keep each topic's exercises together");

const bootStart = performance.now();
const pg = new PGlite();
await pg.waitReady;
const bootMs = performance.now() - bootStart;
const seedStart = performance.now();
try {
  await pg.exec(readFileSync(join(labDir, "seed.sql"), "utf8"));
} catch (e) {
  console.error(`seed.sql failed: ${e.message} (SQLSTATE ${e.code})`);
  process.exit(1);
}
const seedMs = performance.now() - seedStart;
console.log(`PGlite started in ${(bootMs / 1000).toFixed(1)} s; seed.sql loaded in ${(seedMs / 1000).toFixed(1)} s`);

const [counts] = await pg.exec(`SELECT (SELECT count(*) FROM customers) AS customers,
  (SELECT count(*) FROM products) AS products, (SELECT count(*) FROM orders) AS orders,
  (SELECT count(*) FROM order_items) AS order_items`);
console.log(`seed: ${Object.entries(counts.rows[0]).map(([k, v]) => `${v} ${k}`).join(", ")}`);

const before = await fingerprint(pg);
const copyStart = performance.now();
await buildReversedCopy(pg);
const copyMs = performance.now() - copyStart;
console.log(`reversed copy for the tie test built in ${(copyMs / 1000).toFixed(1)} s`);
const exStart = performance.now();
let checked = 0;
for (const ex of exercises) {
  if (only.size && !only.has(ex.id)) continue;
  if (typeof ex.reference !== "string" || typeof ex.start !== "string") continue;
  const t = performance.now();
  let result;
  try {
    result = await checkExercise(pg, ex);
  } catch (e) {
    result = { problems: [`the checker itself failed: ${e?.message ?? e}${e?.code ? ` (SQLSTATE ${e.code})` : ""}`], summary: "" };
  }
  checked++;
  const ms = Math.round(performance.now() - t);
  const status = result.problems.length ? "FAIL" : "ok  ";
  console.log(`${status} ${ex.id.padEnd(40)} ${ex.topic.padEnd(12)} ${String(ms).padStart(5)} ms  ${result.summary}`);
  for (const p of result.problems) {
    console.log(`       ${p.replace(/\n/g, "\n       ")}`);
    fail(`exercise ${ex.id}`, p.split("\n")[0]);
  }
}
const exMs = performance.now() - exStart;
await pg.exec("DROP SCHEMA lab_reversed CASCADE");

const after = await fingerprint(pg);
if (before !== after) fail("database", "the seed data or schema changed during the run: an attempt leaked out of its transaction");

console.log("");
console.log(`per topic: ${TOPICS.map((t) => `${t} ${perTopic[t]}`).join(", ")}`);
console.log(`${checked} of ${exercises.length} exercises checked in ${(exMs / 1000).toFixed(1)} s`);
console.log(`timings: PGlite start ${(bootMs / 1000).toFixed(1)} s, seed ${(seedMs / 1000).toFixed(1)} s, ` +
  `reversed copy ${(copyMs / 1000).toFixed(1)} s, exercises ${(exMs / 1000).toFixed(1)} s, total ${((performance.now() - t0) / 1000).toFixed(1)} s`);
await pg.close();

if (failures.length) {
  console.log(`\n${failures.length} problem${failures.length === 1 ? "" : "s"}:`);
  for (const f of failures) console.log(`  - ${f}`);
  process.exit(1);
}
console.log("all checks passed");
