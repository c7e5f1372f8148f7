// Runs every ```sql block of the guide against the lab's seed, as it stands
// and, where its fence names one, as the variant from
// content/lab/try-it.toml, and prints the outcome as the table of
// content/lab/GUIDE-SQL.md. Run it again after the guide's SQL or the
// variants change, and paste the table over the old one:
//
//   cd lab && node try-guide-sql.mjs
//
// Each run happens in its own transaction that is rolled back (runner.mjs),
// so the blocks cannot affect each other. check-try-it.mjs is the check
// that fails on problems; this script only reports.

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { runAttempt } from "./runner.mjs";
import { guideFences, linkOf, loadVariants } from "./check-try-it.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

function outcome(attempt) {
  if (attempt.error) {
    const message = attempt.error.message.replace(/\|/g, "\\|");
    return `error ${attempt.error.code}: ${message}`;
  }
  if (!attempt.last) return "runs, returns no columns";
  const n = attempt.last.rows.length;
  return `runs: ${n.toLocaleString("en")} row${n === 1 ? "" : "s"}`;
}

const { variants, problems } = loadVariants();
for (const p of problems) console.error(p);
const byId = new Map(variants.map((v) => [v.id, v]));

const pg = new PGlite();
await pg.waitReady;
await pg.exec(readFileSync(join(root, "content", "lab", "seed.sql"), "utf8"));

console.log("| # | Block | Under heading | Link | As it stands | What the link opens |");
console.log("|---|---|---|---|---|---|");
let i = 0;
for (const f of guideFences().filter((fence) => fence.lang === "sql")) {
  i++;
  const link = linkOf(f);
  const asIs = outcome(await runAttempt(pg, { sql: f.body }));
  let kind = "none";
  let opens = "";
  if (link.kind === "try") {
    kind = "`try`";
    opens = "the block itself";
  } else if (link.kind === "variant") {
    kind = `\`try=${link.variant}\``;
    const v = byId.get(link.variant);
    opens = v ? outcome(await runAttempt(pg, { sql: v.sql })) : "**no such variant**";
  }
  console.log(`| ${i} | \`${f.file}\` block ${f.n} (line ${f.line}) | ${f.heading} \`#${f.anchor}\` | ${kind} | ${asIs} | ${opens} |`);
}
await pg.close();
