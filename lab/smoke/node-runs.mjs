// Tries the worker's run logic (src/runs.js, src/seeding.js) under Node
// against an in-memory PGlite: quicker to read than a browser session when
// something in a reply looks wrong.
//
//   node lab/smoke/node-runs.mjs

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { PGlite } from "@electric-sql/pglite";
import { parse as parseToml } from "smol-toml";
import { LabRuns } from "../src/runs.js";
import { ensureSeeded } from "../src/seeding.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const seedSql = readFileSync(join(root, "content/lab/seed.sql"), "utf8");
const exercises = new Map(parseToml(readFileSync(join(root, "content/lab/exercises.toml"), "utf8")).exercise.map((e) => [e.id, e]));

const pg = await PGlite.create();
let flushes = 0;
const persist = async () => { flushes++; };
const outcome = await ensureSeeded(pg, { seedSql, seedId: "test", persist });
assert.deepEqual(outcome, { seeded: true });
assert.deepEqual(await ensureSeeded(pg, { seedSql, seedId: "test", persist }), { seeded: false, changed: false });
assert.deepEqual(await ensureSeeded(pg, { seedSql, seedId: "newer", persist }), { stale: true });
const runs = new LabRuns(pg, { exercises, changed: false, persist });
const show = (r) => console.log(JSON.stringify(r).slice(0, 600));

let r = await runs.run("SELECT count(*) FROM orders", null);
show(r);
assert.deepEqual(r.rows, [["100000"]]);
assert.equal(r.seed_changed, false);
assert.equal(flushes, 1);

r = await runs.run("SELECT 1 AS a, true AS b, NULL AS c, 12.50::numeric AS d, timestamptz '2026-11-30 21:40:00.123456+00' AS e, '\\xdead'::bytea AS f, '{\"k\": [1, 2]}'::jsonb AS g, ARRAY[1,2] AS h, 9007199254740993::bigint AS i;", null);
show(r);
assert.deepEqual(r.rows[0], ["1", "true", null, "12.50", "2026-11-30 21:40:00.123456+00", "\\xdead", '{"k": [1, 2]}', "{1,2}", "9007199254740993"]);

r = await runs.run("SELECT 1;\n  SELEC 2;", null);
show(r);
assert.equal(r.error.code, "42601");
assert.equal(r.error.position, 13);
assert.deepEqual([r.error.line, r.error.column], [2, 3]);
assert.equal(r.statements, 1);

r = await runs.run("BEGIN; UPDATE products SET stock = stock + 1 WHERE id = 42; SELECT 1/0;", null);
show(r);
assert.equal(r.error.code, "22012");
assert.match(r.notices.join(" "), /rolled back/);
assert.equal(r.seed_changed, false);

r = await runs.run("BEGIN; UPDATE products SET stock = stock + 1 WHERE id = 42", null);
show(r);
assert.equal(r.command, "UPDATE 1");
assert.match(r.notices.join(" "), /BEGIN without COMMIT/);
assert.equal(r.seed_changed, false);

r = await runs.run("CREATE TEMP TABLE t (x int); INSERT INTO t VALUES (1)", null);
show(r);
assert.equal(r.command, "INSERT 0 1");
// a temporary table is a committed write too
assert.equal(r.seed_changed, true);
assert.equal(flushes, 2);

const ex = [...exercises.values()][0];
r = await runs.run(ex.reference, ex.id);
show(r);
assert.equal(r.verdict.solved, true);
r = await runs.run(ex.start, ex.id);
show(r);
assert.equal(r.verdict.solved, false);
r = await runs.run("SELECT 1;\nSELECT * FROM nope", ex.id);
show(r);
assert.equal(r.error.code, "42P01");
assert.deepEqual([r.error.line, r.error.column, r.error.position], [2, 15, 25]);

r = await runs.run("UPDATE products SET stock = stock + 1 WHERE id = 42 RETURNING stock", null);
show(r);
assert.equal(flushes, 3);
assert.equal(r.command, null); // RETURNING gives columns
assert.deepEqual(r.rows, [["2"]]);
r = await runs.run("SELECT stock FROM products WHERE id = 42; SHOW TimeZone", null);
show(r);
assert.deepEqual(r.rows, [["UTC"]]);
assert.equal(flushes, 3);
console.log("node-runs: all passed");
