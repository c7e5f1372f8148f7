// Runs every ```sql block of the guide against the lab's seed, as-is and in
// the runnable variants suggested in content/lab/GUIDE-SQL.md, and prints
// what happened. GUIDE-SQL.md is written from this output; run it again
// after the guide's SQL changes:
//
//   cd lab && node try-guide-sql.mjs
//
// Each block runs in its own transaction that is rolled back (runner.mjs),
// so the blocks cannot affect each other.

import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { runAttempt } from "./runner.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const guideDir = join(root, "content", "guide");

// Runnable variants, by "<file>#<n>" (the n-th sql block of the file,
// counting from 1), so they survive edits that only move lines.
const VARIANTS = {
  "01-what-is-back-end.md#1": `PREPARE guide_query AS
SELECT id, placed_at, total_cents, currency, status
FROM orders
WHERE customer_id = $1
ORDER BY placed_at DESC, id DESC
LIMIT 20 OFFSET 0;
EXECUTE guide_query(88213);`,
  "03-skills.md#2": `PREPARE guide_query AS
SELECT id, placed_at, total_cents, currency, status
FROM orders
WHERE customer_id = $1
ORDER BY placed_at DESC, id DESC
LIMIT 20 OFFSET 0;
EXECUTE guide_query(88213);`,
  "03-skills.md#3": `BEGIN;
SELECT stock FROM products WHERE id = 42;
UPDATE products SET stock = 0 WHERE id = 42;
INSERT INTO orders (customer_id, total_cents, currency, status) VALUES (88213, 2990, 'EUR', 'paid');
COMMIT;`,
  "03-skills.md#4": `PREPARE guide_query AS
UPDATE products
SET stock = stock - 1
WHERE id = $1 AND stock > 0
RETURNING stock;
EXECUTE guide_query(42);
EXECUTE guide_query(42);`,
  "03-skills.md#5": `SELECT id, placed_at, total_cents FROM orders WHERE customer_id = 88213 ORDER BY placed_at DESC, id DESC LIMIT 20;
SELECT order_id, product_id, quantity FROM order_items WHERE order_id = 99996;
SELECT order_id, product_id, quantity FROM order_items WHERE order_id = 99961;
SELECT order_id, product_id, quantity FROM order_items WHERE order_id = 99960;`,
  "03-skills.md#6": `SELECT id, placed_at, total_cents FROM orders WHERE customer_id = 88213 ORDER BY placed_at DESC, id DESC LIMIT 20;
SELECT order_id, product_id, quantity FROM order_items
WHERE order_id IN (SELECT id FROM orders WHERE customer_id = 88213
                   ORDER BY placed_at DESC, id DESC LIMIT 20);`,
  "03-skills.md#8": `CREATE INDEX orders_to_ship_idx
  ON orders (placed_at) WHERE status = 'paid';
EXPLAIN SELECT id FROM orders WHERE status = 'paid' ORDER BY placed_at LIMIT 20;`,
  "04-tools.md#2": `PREPARE guide_query AS
SELECT id, placed_at, total_cents, currency, status
  FROM orders
 WHERE customer_id = $1
   AND (placed_at, id) < ($2, $3)
 ORDER BY placed_at DESC, id DESC
 LIMIT 20;
EXECUTE guide_query(88213, '2026-11-20 14:15:00+00', 99181);`,
  "04-tools.md#3": `PREPARE guide_query AS
INSERT INTO processed_messages (consumer, message_id)
VALUES ('loyalty-points', $1)
ON CONFLICT DO NOTHING
RETURNING message_id;
EXECUTE guide_query('msg-0041');
EXECUTE guide_query('msg-0041');`,
  "06-testing.md#1": `INSERT INTO customers (id, email, name)
OVERRIDING SYSTEM VALUE
SELECT g, 'customer-' || g || '@example.test', 'Customer ' || g
FROM generate_series(100001, 150000) AS g;

INSERT INTO orders (customer_id, placed_at, total_cents, currency, status)
SELECT 100001 + floor(random() ^ 2 * 50000)::int,
       now() - random() * interval '6 years',
       100 + floor(random() * 50000)::int,
       'EUR',
       (ARRAY['paid', 'shipped', 'delivered', 'delivered', 'cancelled'])[1 + floor(random() * 5)::int]
FROM generate_series(1, 200000);

ANALYZE orders;
SELECT count(*) FROM orders;`,
  "06-testing.md#2": `PREPARE guide_query AS
SELECT id, placed_at, total_cents, currency, status
FROM orders
WHERE customer_id = $1
ORDER BY placed_at DESC, id DESC
LIMIT 20 OFFSET 0;
EXECUTE guide_query(88213);`,
  "10-careers.md#1": `SELECT date_trunc('day', placed_at) AS day,
       count(*)                     AS orders,
       sum(total_cents)             AS revenue_cents
FROM orders
WHERE status <> 'cancelled'
  AND placed_at >= timestamptz '2026-12-01 00:00+00' - interval '7 days'
GROUP BY day
ORDER BY day;`,
};

function sqlBlocks() {
  const blocks = [];
  for (const file of readdirSync(guideDir).filter((f) => /^\d\d-.*\.md$/.test(f)).sort()) {
    const lines = readFileSync(join(guideDir, file), "utf8").split("\n");
    let heading = "";
    let n = 0;
    for (let i = 0; i < lines.length; i++) {
      const h = /^#{2,3}\s+(.*?)\s*\{#([a-z0-9-]+)\}\s*$/.exec(lines[i]);
      if (h) { heading = `${h[1]} {#${h[2]}}`; continue; }
      const open = /^(\s*)(`{3,})(\w*)\s*$/.exec(lines[i]);
      if (!open) continue;
      const [, indent, fence, lang] = open;
      let j = i + 1;
      while (j < lines.length && !new RegExp(`^\\s*${fence}\\s*$`).test(lines[j])) j++;
      if (lang === "sql") {
        n++;
        const body = lines.slice(i + 1, j).map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l)).join("\n");
        blocks.push({ file, line: i + 1, n, heading, body });
      }
      i = j;
    }
  }
  return blocks;
}

function outcome(attempt) {
  if (attempt.error) return `ERROR ${attempt.error.code}: ${attempt.error.message}`;
  if (attempt.last) return `runs: last result ${attempt.last.rows.length} row(s), columns ${attempt.last.fields.join(", ")}`;
  return "runs (no rows returned)";
}

const pg = new PGlite();
await pg.waitReady;
await pg.exec(readFileSync(join(root, "content", "lab", "seed.sql"), "utf8"));
for (const b of sqlBlocks()) {
  const key = `${b.file}#${b.n}`;
  console.log(`${b.file}:${b.line} (block ${b.n}) under "${b.heading}"`);
  console.log(`  as-is:   ${outcome(await runAttempt(pg, { sql: b.body }))}`);
  if (VARIANTS[key]) console.log(`  variant: ${outcome(await runAttempt(pg, { sql: VARIANTS[key] }))}`);
}
await pg.close();
