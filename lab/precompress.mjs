// Writes a brotli (quality 11) and a gzip (level 9) copy beside every file
// the lab build wrote, `name.ext.br` and `name.ext.gz`. Our server serves
// them as that file's codings (src/server/site.rs), and so does nginx with
// the static export: the database engine is 16 MB raw, which the server
// would otherwise spend half a minute compressing at every start.
//
//   node lab/precompress.mjs [DIR]      (default: target/site/pkg/lab)
//
// Compressing the engine at brotli's best quality takes about 40 s, so the
// copies are kept in a cache outside the checkout, by content hash
// ($XDG_CACHE_HOME or ~/.cache, then backend-guide/lab-compressed): the
// engine's files only change when PGlite does.

import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const dir = process.argv[2] ?? join(repo, "target", "site", "pkg", "lab");
const cache = join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "backend-guide", "lab-compressed");
// Smaller files gain nothing (the server's own threshold is the same).
const MIN_BYTES = 256;

const codings = {
  br: (body) =>
    brotliCompressSync(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_LGWIN]: 24,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
  gz: (body) => gzipSync(body, { level: 9 }),
};

mkdirSync(cache, { recursive: true });
let made = 0;
let reused = 0;
for (const name of readdirSync(dir)) {
  const file = join(dir, name);
  if (name.startsWith(".") || /\.(br|gz)$/.test(name) || !statSync(file).isFile()) continue;
  const body = readFileSync(file);
  if (body.length < MIN_BYTES) continue;
  const hash = createHash("sha256").update(body).digest("hex");
  for (const [suffix, compress] of Object.entries(codings)) {
    const cached = join(cache, `${hash}.${suffix}`);
    let copy;
    if (existsSync(cached)) {
      copy = readFileSync(cached);
      reused++;
    } else {
      copy = compress(body);
      writeFileSync(cached, copy);
      made++;
    }
    // A copy that is not smaller is left out: the file is sent as it is.
    if (copy.length < body.length) writeFileSync(`${file}.${suffix}`, copy);
  }
}
console.log(`lab/precompress: ${made} copies made, ${reused} from the cache (${cache})`);
