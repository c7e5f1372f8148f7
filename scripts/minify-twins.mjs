// Workaround W6 (docs/framework-workarounds.md, src/framework/minify.rs):
// minifies the scripts the server would otherwise minify itself at start.
//
// `backend-guide scripts SRC_DIR` writes each of them (the framework's
// hydration script as our pages use it, and the split WASM files' loader
// after W16) into SRC_DIR as `<key>.js`. This step minifies each with
// esbuild (the SQL lab's bundler, so nothing new is installed), renaming
// local names as the `minifier` crate cannot, into OUT_DIR under the same
// name. The server serves a twin in place of the script whose key it
// carries. Both scripts are ES modules, so esbuild may rename their
// top-level names too; whatever they export keeps its name.
//
//   node scripts/minify-twins.mjs SRC_DIR OUT_DIR
import { createRequire } from 'node:module';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

const [src, out] = process.argv.slice(2);
if (!src || !out) {
  console.error('usage: node scripts/minify-twins.mjs SRC_DIR OUT_DIR');
  process.exit(2);
}
const require = createRequire(new URL('../lab/package.json', import.meta.url));
const esbuild = require('esbuild');

const brotli = (text) =>
  brotliCompressSync(Buffer.from(text), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
let before = 0;
let after = 0;
for (const name of readdirSync(src).filter((n) => /^[0-9a-f]{32}\.js$/.test(n)).sort()) {
  const source = readFileSync(join(src, name), 'utf8');
  const { code } = esbuild.transformSync(source, { minify: true, format: 'esm', charset: 'utf8' });
  writeFileSync(join(out, name), code);
  before += brotli(source);
  after += brotli(code);
  console.log(`  ${name}: ${source.length} -> ${code.length} B`);
}
console.log(`minify-twins: ${before} B (brotli) as written, ${after} B minified`);
