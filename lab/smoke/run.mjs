// Smoke test of the SQL lab's browser half in headless Chromium: builds the
// files into a temporary directory, serves them under the site's CSP, and
// drives a test page through the engine API and the editor.
//
//   node lab/smoke/run.mjs          (after `npm ci` in lab/ and end2end/)
//
// Prints the time to ready on a first visit and on a reload, and exits
// non-zero at the first failed check. Uses Playwright from end2end/ and
// Chromium at /usr/bin/chromium (PW_CHROMIUM_PATH overrides it).

import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseToml } from "smol-toml";
import { build } from "../build.mjs";
import { serve, SITE_CSP } from "./server.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const { chromium } = createRequire(join(root, "end2end", "package.json"))("playwright-core");

const READY_TIMEOUT_MS = 90_000;
const exercises = parseToml(readFileSync(join(root, "content", "lab", "exercises.toml"), "utf8")).exercise;

const out = mkdtempSync(join(tmpdir(), "lab-smoke-"));
const manifest = await build({ out });
const routes = {
  "/smoke-page.js": join(root, "lab", "smoke", "smoke-page.js"),
  "/main.css": join(root, "style", "main.css"),
};
const server = await serve({ buildDir: out, entry: manifest.entry, routes });
const browser = await chromium.launch({
  executablePath: process.env.PW_CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});

const problems = []; // console errors and uncaught exceptions, page and worker
let step = "start";
let page;
const check = async (name, fn) => {
  step = name;
  await page?.evaluate((n) => { if (window.__smoke) window.__smoke.step = n; }, name).catch(() => {});
  const t0 = Date.now();
  await fn();
  console.log(`ok   ${name} (${Date.now() - t0} ms)`);
};

try {
  const context = await browser.newContext();
  page = await context.newPage();
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(`page console ${m.type()}: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("worker", (w) => w.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(`worker console ${m.type()}: ${m.text()}`); }));

  const lab = (fn, arg) => page.evaluate(fn, arg);
  // Every reply goes through JSON.stringify in the page, as the Rust island
  // will take it: a bigint or a Date in it would throw there
  const run = async (sql, exercise = null) => JSON.parse(await lab(
    async ([s, e]) => JSON.stringify(await window.backendGuideLab.engine.run(s, e)), [sql, exercise]));
  // "downloading 0-120 ms, starting 120-900 ms, ..." from the recorded statuses
  const phases = () => {
    const list = [];
    for (const s of window.__smoke.statuses) if (list.at(-1)?.state !== s.state) list.push(s);
    return list.map((s, i) => `${s.state} ${s.at}${list[i + 1] ? `-${list[i + 1].at}` : ""}`).join(", ");
  };
  const waitReady = async () => {
    await page.waitForFunction(() => window.backendGuideLab?.engine.status().state === "ready" ||
      window.backendGuideLab?.engine.status().state === "failed", null, { timeout: READY_TIMEOUT_MS, polling: 50 });
    const status = await lab(() => window.backendGuideLab.engine.status());
    assert.equal(status.state, "ready", `engine failed: ${status.message}`);
    return status;
  };

  // ------------------------------------------------------------ first visit
  let firstVisit;
  await check("first visit: ready, seeded", async () => {
    await page.goto(server.url);
    const status = await waitReady();
    assert.equal(status.first, true);
    firstVisit = { page: await lab(() => window.__smoke.readyAt), worker: status.ms };
    console.log(`       phases: ${await lab(phases)}`);
    const states = await lab(() => window.__smoke.statuses.map((s) => s.state));
    for (const s of ["downloading", "starting", "seeding", "ready"]) assert.ok(states.includes(s), `no ${s} in ${states}`);
    const downloads = await lab(() => window.__smoke.statuses.filter((s) => s.state === "downloading").at(-1));
    assert.equal(downloads.loaded, manifest.engine.bytes);
    assert.equal(downloads.total, manifest.engine.bytes);
  });

  await check("SELECT count(*) FROM orders gives 100000", async () => {
    const reply = await run("SELECT count(*) FROM orders");
    assert.deepEqual(reply.columns, ["count"]);
    assert.deepEqual(reply.rows, [["100000"]]);
    assert.equal(reply.error, null);
    assert.equal(reply.seed_changed, false);
  });

  await check("a large result is cut to 500 rows", async () => {
    const t0 = Date.now();
    const reply = await run("SELECT * FROM orders ORDER BY id");
    console.log(`       SELECT * FROM orders: ${Date.now() - t0} ms (in the worker: ${reply.ms} ms)`);
    assert.equal(reply.row_count, 100000);
    assert.equal(reply.rows.length, 500);
    assert.equal(reply.truncated, true);
    assert.equal(reply.rows[0][0], "1");
  });

  await check("an exercise solved, another wrong with its message", async () => {
    const solved = exercises.find((e) => !e.setup);
    let reply = await run(solved.reference, solved.id);
    assert.equal(reply.verdict.solved, true, reply.verdict.message);
    const withMistake = exercises.find((e) => e.mistakes?.some((m) => m.rows !== undefined && !m.columns));
    const mistake = withMistake.mistakes.find((m) => m.rows !== undefined && !m.columns);
    // the mistake's shape: the reference's rows cut to the mistake's count
    reply = await run(withMistake.start, withMistake.id);
    assert.equal(reply.verdict.solved, false);
    assert.ok(reply.verdict.message.length > 0);
    if (reply.row_count === mistake.rows) assert.equal(reply.verdict.message, mistake.say);
    console.log(`       ${withMistake.id}: ${reply.verdict.message}`);
  });

  await check("a syntax error points at its place", async () => {
    const reply = await run("SELECT 1;\n\nSELECT id\n  FORM orders;", null);
    assert.equal(reply.error.code, "42601");
    // FORM reads as a column alias, so the error is at "orders", line 4
    assert.equal(reply.error.position, 29);
    assert.deepEqual([reply.error.line, reply.error.column], [4, 8]);
    assert.deepEqual(reply.rows, [["1"]]);
    assert.equal(reply.statements, 1);
  });

  await check("a simple query on the open database is quick", async () => {
    const times = [];
    for (let i = 0; i < 5; i++) {
      const t0 = Date.now();
      await run("SELECT 1");
      times.push(Date.now() - t0);
    }
    console.log(`       SELECT 1 round trips: ${times.join(", ")} ms`);
    assert.ok(Math.min(...times) < 100);
  });

  await check("a second call while one is pending is refused: busy", async () => {
    const result = await lab(async () => {
      const { engine } = window.backendGuideLab;
      const first = engine.run("SELECT pg_sleep(0.3)");
      const second = await engine.run("SELECT 1").then(() => "ran", (e) => e.message);
      await first;
      return second;
    });
    assert.equal(result, "busy");
  });

  await check("stop() ends a runaway query; the engine comes back", async () => {
    const outcome = await lab(async () => {
      const { engine } = window.backendGuideLab;
      const running = engine.run("SELECT count(*) FROM generate_series(1, 1e10)").then(() => "finished", (e) => e.message);
      await new Promise((r) => setTimeout(r, 1500));
      const t0 = performance.now();
      engine.stop();
      const message = await running;
      const state = engine.status().state;
      await new Promise((resolve) => {
        const off = engine.onStatus((s) => { if (s.state === "ready") { resolve(); queueMicrotask(() => off()); } });
      });
      return { message, state, restartMs: Math.round(performance.now() - t0) };
    });
    assert.equal(outcome.message, "stopped");
    assert.equal(outcome.state, "starting");
    console.log(`       ready again ${outcome.restartMs} ms after stop()`);
    const reply = await run("SELECT count(*) FROM customers");
    assert.deepEqual(reply.rows, [["2000"]]);
  });

  await check("a committed change is kept, rolled-back ones are not", async () => {
    let reply = await run("BEGIN; UPDATE products SET stock = 99 WHERE id = 57; ROLLBACK;");
    assert.equal(reply.seed_changed, false);
    reply = await run("UPDATE products SET stock = 7 WHERE id = 42");
    assert.equal(reply.command, "UPDATE 1");
    assert.equal(reply.seed_changed, true);
    const usage = await lab(async () => (await navigator.storage.estimate()).usage);
    console.log(`       the committing run took ${reply.ms} ms, its copy to IndexedDB included; site storage ${(usage / 1e6).toFixed(0)} MB`);
  });

  // ----------------------------------------------------------------- reload
  let reloadVisit;
  await check("reload: ready from IndexedDB, the change survived", async () => {
    await page.reload();
    const status = await waitReady();
    assert.equal(status.first, false);
    console.log(`       phases: ${await lab(phases)}`);
    reloadVisit = { page: await lab(() => window.__smoke.readyAt), worker: status.ms };
    const reply = await run("SELECT id, stock FROM products WHERE id IN (42, 57) ORDER BY id");
    assert.deepEqual(reply.rows, [["42", "7"], ["57", reply.rows[1][1]]]);
    assert.notEqual(reply.rows[1][1], "99");
    assert.equal(reply.seed_changed, true);
    const times = [];
    for (let i = 0; i < 5; i++) times.push((await run("SELECT count(*) FROM products")).ms);
    console.log(`       simple query on the reopened database: ${times.join(", ")} ms (in the worker)`);
    assert.ok(Math.max(...times) < 100);
  });

  await check("reset() restores the seed", async () => {
    await lab(() => window.backendGuideLab.engine.reset());
    const reply = await run("SELECT stock FROM products WHERE id = 42");
    assert.deepEqual(reply.rows, [["1"]]);
    assert.equal(reply.seed_changed, false);
  });

  await check("a second tab waits, and starts when the first closes", async () => {
    const second = await context.newPage();
    second.on("console", (m) => { if (m.type() === "error") problems.push(`second tab console: ${m.text()}`); });
    await second.goto(server.url);
    await second.waitForFunction(() => window.backendGuideLab?.engine.status().state === "failed", null, { timeout: 10_000 });
    assert.match(await second.evaluate(() => window.backendGuideLab.engine.status().message), /another tab/);
    await page.goto(`${server.url}/main.css`); // the first tab leaves the lab
    await second.waitForFunction(() => window.backendGuideLab.engine.status().state === "ready", null, { timeout: READY_TIMEOUT_MS });
    await second.close();
  });

  await check("a damaged saved database fails with a message, and reset() recovers", async () => {
    // the first tab is on /main.css now: same origin, no lab
    await page.evaluate(() => new Promise((resolve, reject) => {
      const open = indexedDB.open("/pglite/backend-guide-lab");
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const tx = open.result.transaction("FILE_DATA", "readwrite");
        tx.objectStore("FILE_DATA").delete("/pglite/backend-guide-lab/global/pg_control");
        tx.oncomplete = () => { open.result.close(); resolve(); };
      };
    }));
    await page.goto(server.url);
    await page.waitForFunction(() => ["ready", "failed"].includes(window.backendGuideLab?.engine.status().state), null, { timeout: READY_TIMEOUT_MS });
    const status = await lab(() => window.backendGuideLab.engine.status());
    assert.equal(status.state, "failed");
    assert.match(status.message, /Reset the lab/);
    await lab(() => window.backendGuideLab.engine.reset());
    const reply = await run("SELECT count(*) FROM orders");
    assert.deepEqual(reply.rows, [["100000"]]);
  });

  await check("the editor: label, highlighting, Ctrl+Enter, markError, Tab leaves", async () => {
    // A plain textarea until its first focus, then CodeMirror (plain-editor.js)
    const plain = page.locator("#editor textarea");
    assert.equal(await plain.getAttribute("aria-label"), "SQL query");
    assert.equal(await lab(() => window.__smoke.editor.upgraded()), false);
    await plain.focus();
    const content = page.locator("#editor .cm-content");
    await content.waitFor();
    assert.equal(await lab(() => window.__smoke.editor.get()), "SELECT 1;");
    assert.equal(await content.getAttribute("aria-label"), "SQL query");
    const font = await content.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    assert.ok(font >= 16, `font size ${font}`);
    const sheets = await page.evaluate(() => document.getElementById("editor").shadowRoot.adoptedStyleSheets.length);
    assert.ok(sheets > 0, "CodeMirror's styles are not in a constructed stylesheet");
    await content.click();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type("SELECT id FORM orders;");
    await page.keyboard.press("Control+Enter");
    assert.equal(await lab(() => window.__smoke.runs), 1);
    assert.equal(await lab(() => window.__smoke.editor.get()), "SELECT id FORM orders;");
    assert.equal(await lab(() => window.__smoke.changes.at(-1)), "SELECT id FORM orders;");
    const keywordColour = await page.locator("#editor .cm-line span").first().evaluate((el) => getComputedStyle(el).color);
    assert.notEqual(keywordColour, await content.evaluate((el) => getComputedStyle(el).color), "no highlighting");
    // typing over a selection, and deleting one, in the browser's own way
    await page.keyboard.press("End");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("Control+Shift+ArrowLeft");
    await page.keyboard.type("customers");
    assert.equal(await lab(() => window.__smoke.editor.get()), "SELECT id FORM customers;");
    await page.keyboard.press("End");
    await page.keyboard.press("Shift+Home");
    await page.keyboard.press("Backspace");
    await page.keyboard.type("SELECT id FORM orders;");
    assert.equal(await lab(() => window.__smoke.editor.get()), "SELECT id FORM orders;");
    await lab(() => window.__smoke.editor.markError(16));
    assert.equal(await page.locator("#editor .cm-lab-error").textContent(), "orders");
    await lab(() => window.__smoke.editor.markError(null));
    assert.equal(await page.locator("#editor .cm-lab-error").count(), 0);
    await lab(() => window.__smoke.editor.set("SELECT 2;"));
    assert.equal(await lab(() => window.__smoke.editor.get()), "SELECT 2;");
    await page.keyboard.press("Control+z");
    assert.equal(await lab(() => window.__smoke.editor.get()), "SELECT id FORM orders;");
    await content.click();
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "after", "Tab stayed in the editor");
    await page.screenshot({ path: join(out, "editor.png") });
  });

  await check("no CSP violation, console error or uncaught error", async () => {
    const violations = await lab(() => window.__smoke.violations);
    assert.deepEqual(violations, []);
    assert.deepEqual(problems, []);
  });
  await context.close();

  // ------------------------------------- a policy without 'wasm-unsafe-eval'
  await check("without 'wasm-unsafe-eval' the engine fails with a readable message", async () => {
    const strict = await serve({ buildDir: out, entry: manifest.entry, routes, csp: SITE_CSP.replace(" 'wasm-unsafe-eval'", "") });
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    try {
      await p.goto(strict.url);
      await p.waitForFunction(() => window.backendGuideLab?.engine.status().state === "failed", null, { timeout: READY_TIMEOUT_MS });
      const status = await p.evaluate(() => window.backendGuideLab.engine.status());
      console.log(`       failed: ${status.message}`);
      assert.match(status.message, /WebAssembly/);
    } finally {
      await ctx.close();
      await strict.close();
    }
  });

  console.log(`time to ready, first visit: ${firstVisit.page} ms after navigation (worker: ${firstVisit.worker} ms)`);
  console.log(`time to ready, reload:      ${reloadVisit.page} ms after navigation (worker: ${reloadVisit.worker} ms)`);
  console.log("lab smoke test: all checks passed");
} catch (e) {
  console.error(`FAIL ${step}: ${e.message}`);
  if (problems.length) console.error(problems.join("\n"));
  process.exitCode = 1;
} finally {
  await browser.close();
  await server.close();
  if (!process.exitCode) rmSync(out, { recursive: true, force: true });
  else console.error(`build and screenshot kept in ${out}`);
}
