// Builds the SQL lab's browser files: the page module (engine API and a
// plain editor), the CodeMirror editor it loads on first focus, the
// database worker, PGlite's engine files, the seed and the
// exercises, each under a name carrying a hash of its content, so that
// they can be cached for good.
//
//   node lab/build.mjs [--out DIR] [--base URL-PREFIX]
//
// DIR defaults to <repo>/target/site/pkg/lab and is emptied first; the
// files are served from URL-PREFIX (default /pkg/lab/). DIR/.manifest.json
// (hidden, so never served) tells the server the entry module and lists
// the files:
//   { entry, files: [every file written but the manifest],
//     engine: { files: [what the worker downloads on a first visit], bytes } }
//
// Order matters: the worker gets the data files' URLs built in, and the
// page module the worker's, so each is built after what it points to.

import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import * as esbuild from "esbuild";
import { parse as parseToml } from "smol-toml";

const labDir = dirname(fileURLToPath(import.meta.url));
const root = dirname(labDir);

// The exercise fields the worker reads (runAttempt and judge in runner.mjs);
// titles, tasks and hints are the page's business
const EXERCISE_FIELDS = [
  "id", "setup", "check", "reference", "ordered", "expect_error",
  "plan_contains", "plan_lacks", "mistakes", "settings",
];

// Node's own modules. PGlite uses them only when it runs under Node, but
// it imports some statically (its NodeFS), so leaving them external would
// leave `import "fs"` in the worker, which a browser cannot load: they
// become empty modules instead.
const NODE_BUILTIN = /^(node:.*|fs|fs\/promises|path|url|module|crypto|zlib|stream|stream\/promises|util|os|child_process|worker_threads)$/;
const emptyNodeBuiltins = {
  name: "empty-node-builtins",
  setup(b) {
    b.onResolve({ filter: NODE_BUILTIN }, (args) => ({ path: args.path, namespace: "empty" }));
    b.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "export default {};", loader: "js" }));
  },
};

function parseArgs(argv) {
  const args = { out: join(root, "target", "site", "pkg", "lab"), base: "/pkg/lab/" };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--out") args.out = resolve(argv[++i]);
    else if (argv[i] === "--base") args.base = argv[++i];
    else throw new Error(`unknown argument ${argv[i]} (use --out DIR, --base URL-PREFIX)`);
  }
  if (!args.base.endsWith("/")) args.base += "/";
  return args;
}

function contentHash(bytes) {
  return createHash("sha256").update(bytes).digest("hex").slice(0, 12);
}

/** Builds the files into `out`; returns the manifest. */
export async function build({ out, base = "/pkg/lab/" }) {
  if (!isAbsolute(out) || out === "/" || out === root) throw new Error(`refusing to empty ${out}`);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const written = []; // [file name, URL]

  /** Writes `bytes` as <stem>.<hash><ext>; returns its URL. */
  const emit = (stem, ext, bytes) => {
    const name = `${stem}.${contentHash(bytes)}${ext}`;
    writeFileSync(join(out, name), bytes);
    const url = base + name;
    written.push(url);
    return url;
  };

  // 1. The data files
  const pgliteDist = dirname(fileURLToPath(import.meta.resolve("@electric-sql/pglite")));
  const engineFile = (name) => {
    const bytes = readFileSync(join(pgliteDist, name));
    return { url: emit(basename(name, extname(name)), extname(name), bytes), size: bytes.length };
  };
  const pgliteWasm = engineFile("pglite.wasm");
  const initdbWasm = engineFile("initdb.wasm");
  const fsBundle = engineFile("pglite.data");

  const seedBytes = readFileSync(join(root, "content", "lab", "seed.sql"));
  const seed = emit("seed", ".sql", seedBytes);

  const toml = parseToml(readFileSync(join(root, "content", "lab", "exercises.toml"), "utf8"));
  const exercises = (toml.exercise ?? []).map((ex) =>
    Object.fromEntries(EXERCISE_FIELDS.filter((k) => ex[k] !== undefined).map((k) => [k, ex[k]])));
  const exercisesUrl = emit("exercises", ".json", Buffer.from(JSON.stringify(exercises)));

  const engine = {
    pgliteWasm: pgliteWasm.url,
    initdbWasm: initdbWasm.url,
    fsBundle: fsBundle.url,
    bytes: pgliteWasm.size + initdbWasm.size + fsBundle.size,
  };

  // 2. The worker, then 3. the page module
  const worker = await bundle("engine-worker.js", {
    __LAB_BUILD__: JSON.stringify({ engine, seed, exercises: exercisesUrl, seedId: contentHash(seedBytes) }),
  });
  const workerUrl = emit("engine-worker", ".js", worker);
  // The editor is a module of its own, which the page module imports when
  // the reader first focuses the editor (plain-editor.js says why).
  const editorUrl = emit("lab-editor", ".js", await bundle("editor.js", {}));
  const page = await bundle("lab-page.js", {
    __LAB_WORKER_URL__: JSON.stringify(workerUrl),
    __LAB_EDITOR_URL__: JSON.stringify(editorUrl),
  });
  const entry = emit("lab-page", ".js", page);

  const manifest = {
    entry,
    files: written,
    engine: { files: [engine.pgliteWasm, engine.initdbWasm, engine.fsBundle], bytes: engine.bytes },
  };
  writeFileSync(join(out, ".manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** One minified ES module, everything it imports included. */
async function bundle(entry, define) {
  const result = await esbuild.build({
    entryPoints: [join(labDir, "src", entry)],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    sourcemap: false,
    define,
    plugins: [emptyNodeBuiltins],
    write: false,
    logLevel: "warning",
  });
  return Buffer.from(result.outputFiles[0].contents);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const args = parseArgs(process.argv.slice(2));
  const manifest = await build(args);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`lab: ${manifest.files.length} files in ${args.out} (${seconds} s); entry ${manifest.entry}`);
}
