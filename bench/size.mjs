#!/usr/bin/env node
// bench/size.mjs: first-load size of the site, checked against bench/budget.json.
//
// Fetches one page of every kind (the reading pages and the tool pages named in
// bench/budget.json: /, a guide section, the glossary, the quiz, bookmarks), finds what a first
// visit downloads (stylesheets, module scripts, the client JS and WASM the loader imports, icons, the web
// manifest and the icons it lists, /sw.js when the server has one and the scripts
// it importScripts, the split-off WASM of the lazy islands on the page), and requests each resource three times with
// Accept-Encoding: identity, gzip and br. Sizes are the body bytes on the wire,
// exactly as the server sent them (nothing is decompressed).
//
// Run (with the release server up, e.g. `make run`):
//   node bench/size.mjs            # table + budget checks
//   node bench/size.mjs --json     # the same results as JSON
// Env: BENCH_URL  server to test (default http://127.0.0.1:3000)
// Exit: 0 within budget, 1 over budget or a missing resource, 2 server not answering.
import http from 'node:http';
import https from 'node:https';
import { readFileSync } from 'node:fs';

const BASE = new URL(process.env.BENCH_URL || 'http://127.0.0.1:3000');
const ENCODINGS = ['identity', 'gzip', 'br'];
const JSON_OUTPUT = process.argv.includes('--json');
const budget = JSON.parse(readFileSync(new URL('./budget.json', import.meta.url), 'utf8'));
const PAGES = [...budget.reading_pages, ...budget.tool_pages];
/** A page's budgets: tool pages may carry up to tool_extra_br_max more code, and their whole first load has its own cap. */
function budgetsFor(page) {
  const extra = budget.tool_pages.includes(page) ? budget.tool_extra_br_max : 0;
  const tool = budget.tool_pages.includes(page);
  return { jsWasm: budget.js_wasm_br_max + extra, total: tool ? budget.tool_first_load_br_max : budget.first_load_br_max };
}

// One GET on a fresh connection; the body is kept as sent (node does not decompress).
function get(url, encoding) {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.get(url, { agent: false, timeout: 15000, headers: { 'accept-encoding': encoding } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`timed out: ${url}`)));
    req.on('error', reject);
  });
}

// Attributes of one start tag: <link rel="a" href=b crossorigin> -> {rel, href, crossorigin}.
function attributes(tag) {
  const out = {};
  for (const m of tag.matchAll(/([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
    out[m[1].toLowerCase()] = (m[2] ?? m[3] ?? m[4] ?? '').replaceAll('&amp;', '&');
  }
  return out;
}

// The resources an HTML page makes the browser fetch on load.
function assetsOfHtml(html, pageUrl) {
  const found = [];
  for (const m of html.matchAll(/<(link|script)\b[^>]*>/gi)) {
    const a = attributes(m[0]);
    let type = null;
    let href = a.href;
    if (m[1].toLowerCase() === 'script') {
      [type, href] = a.src ? ['js', a.src] : [null, null];
    } else {
      const rel = (a.rel || '').toLowerCase().split(/\s+/);
      if (rel.includes('stylesheet')) type = 'css';
      else if (rel.includes('modulepreload')) type = 'js';
      else if (rel.includes('manifest')) type = 'manifest';
      else if (rel.includes('icon') || rel.includes('apple-touch-icon')) type = 'icon';
      else if (rel.includes('preload')) {
        const wasm = a.type === 'application/wasm' || /\.wasm(\?|$)/.test(href || '');
        type = wasm ? 'wasm' : { script: 'js', style: 'css', font: 'font', image: 'image' }[a.as] || 'other';
      }
    }
    if (type && href && !href.startsWith('data:')) found.push({ url: new URL(href, pageUrl).href, type });
  }
  found.push(...clientOfLoader(html, pageUrl));
  return found;
}

// Leptos's loader script names the client it imports once the browser is
// idle: `(root, pkg dir, JS name, WASM name, ...)`. The server drops the
// WASM preload (src/server/html_tidy.rs) and serves the loader as a file of
// its own (src/server/hydration_file.rs), so this is where the client is
// found. It is minified (src/framework/minify.rs), so spaces are optional
// in these patterns, and `false` may be `!1` (the split loader's are below).
function clientOfLoader(text, url) {
  const found = [];
  for (const m of text.matchAll(/\(\s*"([^"]*)",\s*"([^"]+)",\s*"([^"]+)",\s*"([^"]+)",\s*(?:true|false|!0|!1)\s*\)/g)) {
    const [, root, pkg, js, wasm] = m;
    found.push({ url: new URL(`${root}/${pkg}/${js}.js`, url).href, type: 'js' });
    found.push({ url: new URL(`${root}/${pkg}/${wasm}.wasm`, url).href, type: 'wasm' });
  }
  return found;
}

// Relative static imports of a JS module (wasm-bindgen snippets, split chunks),
// and the client the loader script imports.
function assetsOfJs(js, url) {
  return [...js.matchAll(/\b(?:from|import)\s*\(?\s*["'](\.{0,2}\/[^"']+\.m?js)["']/g)]
    .map((m) => ({ url: new URL(m[1], url).href, type: 'js' }))
    .concat(clientOfLoader(js, url));
}

// The WASM files of the lazy islands a page holds (`#[island(lazy)]`, built
// with `cargo leptos --split`): their code is fetched as soon as the island
// is on the page, so it is part of that page's first load. The split loader
// names each lazy function's file and the shared chunks it needs first.
// Lazy functions called later (search's panel, on first opening) are not.
function lazyIslandAssets(loaderJs, url, islands) {
  // Each load: `name = [wrap(]load(() => { const src = fetch(new URL("./file", ...)); ... }, [deps])`.
  // The build minifies the loader (W6), renaming its local names, so names
  // are matched loosely and the exported ones read from `export { a as b }`.
  const loads = {};
  const load = /(?:const\s+)?([\w$]+)\s*=\s*(?:[\w$]+\()?[\w$]+\(\(\)\s*=>\s*\{\s*const\s+[\w$]+\s*=\s*fetch\(new URL\("\.\/([^"]+)"[\s\S]*?\},\s*\[([^\]]*)\]\)/g;
  for (const m of loaderJs.matchAll(load)) {
    loads[m[1]] = { file: m[2], deps: m[3].split(',').map((d) => d.trim()).filter(Boolean) };
  }
  const exported = Object.keys(loads).map((local) => [local, local]);
  for (const m of loaderJs.matchAll(/([\w$]+)\s+as\s+(__wasm_split_load_\w+)/g)) exported.push([m[1], m[2]]);
  const found = [];
  for (const [local, name] of exported) {
    if (!name.startsWith('__wasm_split_load_') || !loads[local]) continue;
    if (!islands.some((island) => name.startsWith(`__wasm_split_load_${island}_loader_`))) continue;
    const files = [loads[local].file, ...loads[local].deps.map((d) => loads[d]?.file).filter(Boolean)];
    found.push(...files.map((f) => ({ url: new URL(f, url).href, type: 'wasm' })));
  }
  return found;
}

/** `QuizApp_123` in `<leptos-island data-component>` -> `quiz_app`. */
function islandsOfHtml(html) {
  return [...html.matchAll(/<leptos-island\b[^>]*\bdata-component="([A-Za-z0-9]+)_\d+"/g)]
    .map((m) => m[1].replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase());
}

function assetsOfManifest(text, url) {
  try {
    const icons = JSON.parse(text).icons || [];
    return icons.filter((i) => i && i.src).map((i) => ({ url: new URL(i.src, url).href, type: 'icon' }));
  } catch {
    problems.push(`${url}: the manifest is not valid JSON`);
    return [];
  }
}

function assetsOfWorker(js, url) {
  const found = [];
  for (const call of js.matchAll(/importScripts\s*\(([^)]*)\)/g)) {
    for (const s of call[1].matchAll(/["']([^"']+)["']/g)) found.push({ url: new URL(s[1], url).href, type: 'worker' });
  }
  return found;
}

const measured = new Map(); // url -> { url, type, status, body, sent: { identity|gzip|br: {bytes, encoding, vary} } }
const problems = [];
const notes = [];
const noVary = new Set(); // compressed responses that lack Vary: Accept-Encoding

async function measure(url, type) {
  if (measured.has(url)) return measured.get(url);
  const rec = { url, type, sent: {} };
  measured.set(url, rec);
  for (const enc of ENCODINGS) {
    const res = await get(new URL(url), enc);
    if (enc === 'identity') [rec.status, rec.body] = [res.status, res.body];
    const encoding = res.headers['content-encoding'] || 'identity';
    rec.sent[enc] = { bytes: res.body.length, encoding, vary: res.headers.vary || '' };
    if (enc === 'identity' && encoding !== 'identity') notes.push(`${show(url)}: compressed (${encoding}) although the client asked for identity`);
    if (encoding !== 'identity' && !/accept-encoding|\*/i.test(res.headers.vary || '')) noVary.add(show(url));
  }
  return rec;
}

// Everything a first visit of `page` downloads, in discovery order.
async function firstLoad(page, worker) {
  const pageUrl = new URL(page, BASE).href;
  const html = await measure(pageUrl, 'html');
  if (html.status !== 200) problems.push(`${page}: status ${html.status}`);
  const urls = [pageUrl];
  const islands = islandsOfHtml(html.body.toString('utf8'));
  const queue = [...assetsOfHtml(html.body.toString('utf8'), pageUrl), ...worker];
  while (queue.length) {
    const { url, type } = queue.shift();
    if (urls.includes(url)) continue;
    urls.push(url);
    const rec = await measure(url, type);
    if (rec.status !== 200) {
      problems.push(`${show(url)} (linked from ${page}): status ${rec.status}`);
      continue;
    }
    const text = rec.body.toString('utf8');
    if (type === 'manifest') queue.push(...assetsOfManifest(text, url));
    if (type === 'js') queue.push(...assetsOfJs(text, url), ...lazyIslandAssets(text, url, islands));
    if (type === 'worker') queue.push(...assetsOfWorker(text, url));
  }
  return urls;
}

// The SQL lab (/lab) is a page kind of its own: besides its page's first
// load (a tool page), its island loads the lab's module script (named in the
// island's props), which starts a worker that downloads the database engine.
// Those files are found by following the /pkg/lab/ addresses each one names.
async function labFiles(pageUrl) {
  const html = (await measure(pageUrl, 'html')).body.toString('utf8').replaceAll('&quot;', '"');
  const entry = /"entry":"(\/pkg\/lab\/[^"]+)"/.exec(html);
  if (!entry) {
    problems.push(`${show(pageUrl)}: no lab module script in the page (was lab/build.mjs run?)`);
    return { code: [], engine: [] };
  }
  const seen = new Set();
  const queue = [new URL(entry[1], BASE).href];
  while (queue.length) {
    const url = queue.shift();
    if (seen.has(url)) continue;
    seen.add(url);
    const type = /\.m?js$/.test(url) ? 'js' : /\.wasm$/.test(url) ? 'wasm' : 'data';
    const rec = await measure(url, type);
    if (rec.status !== 200) problems.push(`${show(url)} (lab): status ${rec.status}`);
    if (type === 'js') {
      for (const m of rec.body.toString('utf8').matchAll(/\/pkg\/lab\/[A-Za-z0-9._-]+/g)) queue.push(new URL(m[0], BASE).href);
    }
  }
  const urls = [...seen];
  const isCode = (url) => /\.m?js$/.test(url);
  return { code: urls.filter(isCode), engine: urls.filter((u) => !isCode(u)) };
}

const show = (url) => (url.startsWith(BASE.origin) ? url.slice(BASE.origin.length) : url);
const num = (n) => n.toLocaleString('en-US');
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

async function main() {
  try {
    await get(new URL('/', BASE), 'identity');
  } catch (e) {
    console.error(`size.mjs: nothing answers at ${BASE.origin} (${e.code || e.message}); start the server with 'make run' or set BENCH_URL`);
    process.exit(2);
  }

  // The service worker is registered from JS, so it is not in the HTML: probe for it.
  const swUrl = new URL('/sw.js', BASE).href;
  const sw = await get(new URL(swUrl), 'identity');
  const worker = sw.status === 200 ? [{ url: swUrl, type: 'worker' }] : [];

  const pages = [];
  for (const page of PAGES) {
    const urls = await firstLoad(page, worker);
    const br = (types) => urls.map((u) => measured.get(u))
      .filter((r) => r.status === 200 && (!types || types.includes(r.type)))
      .reduce((sum, r) => sum + r.sent.br.bytes, 0);
    const jsWasm = br(['js', 'wasm']);
    const total = br(null);
    const max = budgetsFor(page);
    pages.push({
      page,
      resources: urls.map(show),
      js_wasm_br: jsWasm,
      first_load_br: total,
      checks: {
        js_wasm_br: { value: jsWasm, max: max.jsWasm, pass: jsWasm <= max.jsWasm },
        first_load_br: { value: total, max: max.total, pass: total <= max.total },
      },
    });
  }

  let lab = null;
  if (budget.lab_page) {
    const { code, engine } = await labFiles(new URL(budget.lab_page, BASE).href);
    const sum = (urls, enc) => urls.reduce((s, u) => s + measured.get(u).sent[enc].bytes, 0);
    lab = {
      page: budget.lab_page,
      code: code.map(show),
      engine: engine.map(show),
      code_br: sum(code, 'br'),
      engine_br: sum(engine, 'br'),
      engine_raw: sum(engine, 'identity'),
    };
    lab.checks = {
      code_br: { value: lab.code_br, max: budget.lab_code_br_max, pass: lab.code_br <= budget.lab_code_br_max },
      engine_br: { value: lab.engine_br, max: budget.lab_engine_br_max, pass: lab.engine_br <= budget.lab_engine_br_max },
    };
    if (!lab.checks.code_br.pass || !lab.checks.engine_br.pass) problems.push('the SQL lab is over its budget');
  }

  if (noVary.size) notes.push(`compressed without "Vary: Accept-Encoding" (caches may serve the wrong encoding): ${[...noVary].join(', ')}`);
  const pass = problems.length === 0 && pages.every((p) => p.checks.js_wasm_br.pass && p.checks.first_load_br.pass);
  const resources = [...measured.values()].map((r) => ({
    resource: show(r.url),
    type: r.type,
    status: r.status,
    raw: r.sent.identity.bytes,
    gzip: { bytes: r.sent.gzip.bytes, encoding: r.sent.gzip.encoding },
    br: { bytes: r.sent.br.bytes, encoding: r.sent.br.encoding },
  }));

  if (JSON_OUTPUT) {
    const result = {
      base: BASE.origin, service_worker: worker.length > 0, budget, resources, pages, lab,
      problems: [...new Set(problems)], notes: [...new Set(notes)], pass,
    };
    console.log(JSON.stringify(result, null, 2));
  } else {
    const w = Math.max(8, ...resources.map((r) => r.resource.length));
    const cell = (s) => s.bytes.toLocaleString('en-US') + (s.encoding === 'identity' ? '*' : ' ');
    const other = (want, s) => (s.encoding !== 'identity' && s.encoding !== want ? ` (got ${s.encoding})` : '');
    console.log(`first-load size of ${BASE.origin} (bytes on the wire; * = sent uncompressed)\n`);
    console.log(`${'resource'.padEnd(w)}  ${'type'.padEnd(8)} ${'raw bytes'.padStart(11)} ${'gzip bytes'.padStart(12)} ${'br bytes'.padStart(12)}`);
    for (const r of resources) {
      console.log(`${r.resource.padEnd(w)}  ${r.type.padEnd(8)} ${num(r.raw).padStart(11)} ${cell(r.gzip).padStart(12)} ${cell(r.br).padStart(12)}`
        + `${other('gzip', r.gzip)}${other('br', r.br)}${r.status === 200 ? '' : `  status ${r.status}`}`);
    }
    console.log(`\nservice worker /sw.js: ${worker.length ? 'yes' : `no (status ${sw.status})`}`);
    for (const p of pages) {
      console.log(`\nfirst load of ${p.page} (${p.resources.length} resources):`);
      for (const [label, c] of [['JS + WASM, br', p.checks.js_wasm_br], ['whole first load, br', p.checks.first_load_br]]) {
        const budgetText = `budget ${num(c.max)} B (${kb(c.max)})`;
        console.log(`  ${label.padEnd(22)} ${num(c.value).padStart(10)} B (${kb(c.value)})  ${budgetText}  ${c.pass ? 'PASS' : 'OVER'}`);
      }
    }
    if (lab) {
      console.log(`\nthe SQL lab, loaded by ${lab.page} after its first load (not by any other page):`);
      for (const [label, c] of [['lab code (editor, worker), br', lab.checks.code_br], ['database engine, br', lab.checks.engine_br]]) {
        console.log(`  ${label.padEnd(30)} ${num(c.value).padStart(10)} B (${kb(c.value)})  budget ${num(c.max)} B (${kb(c.max)})  ${c.pass ? 'PASS' : 'OVER'}`);
      }
      console.log(`  the engine uncompressed: ${num(lab.engine_raw)} B; files: ${[...lab.code, ...lab.engine].join(', ')}`);
    }
    for (const n of new Set(notes)) console.log(`note: ${n}`);
    for (const p of new Set(problems)) console.log(`problem: ${p}`);
    console.log(`\n${pass ? 'PASS: within budget' : 'FAIL: over budget or missing resources'}`);
  }
  process.exit(pass ? 0 : 1);
}

main().catch((e) => {
  console.error(`size.mjs: ${e.stack || e}`);
  process.exit(2);
});
