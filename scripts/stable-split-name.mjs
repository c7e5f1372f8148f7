// Workaround W17 (docs/framework-workarounds.md): gives cargo-leptos's split
// loader a name that two builds of the same client agree on.
//
// cargo-leptos names each file in pkg/ by a hash of its content, but for the
// main JS and WASM it hashes them while they still hold a placeholder for the
// loader's name (`__wasm_split.______________________.js`), and writes the
// loader's real name in afterwards. The loader's text lists some imported
// names in an order that changes from build to build (its generator walks a
// hash map), so a rebuild of unchanged code writes a loader with another
// name, and main files with the same names as before whose bytes now import
// it. The main files are served as immutable: a returning reader's browser
// keeps the old ones, asks for the old loader, gets a 404, and no island on
// any page starts.
//
// This step runs after `cargo leptos build` (scripts/setup.sh: finish_build).
// It names the loader by what decides its behaviour: the main JS and WASM
// names and the chunk files it loads (named by their content), then writes
// that name where the old one was: the main JS, the main WASM (same length,
// so the bytes are replaced in place) and the hash file Leptos reads. It
// also puts the loader's import lists and the split manifest's keys in one
// order (renaming the manifest by its content), so that a rebuild of
// unchanged code gives the same bytes in every file, and the service
// worker's build id, a digest of them all, stays the same.
//
//   node scripts/stable-split-name.mjs PKG_DIR HASH_FILE
//
// Delete it when cargo-leptos names the loader by its final content, or
// writes the loader's name into the main files before hashing them.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const LOADER = /^__wasm_split\.[A-Za-z0-9_-]{22}\.js$/;
const MANIFEST = /^__wasm_split_manifest\.[A-Za-z0-9_-]{22}\.json$/;
const CHUNK = /chunk_\d+\.[A-Za-z0-9_-]{22}\.wasm/g;

/** The hash file's `name: hash` lines as an object. */
export function readHashes(text) {
  const hashes = {};
  for (const line of text.split('\n')) {
    const at = line.indexOf(':');
    if (at > 0) hashes[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return hashes;
}

/** The loader's stable hash: 22 characters, like cargo-leptos's own. */
export function stableHash(hashes, loaderText) {
  const chunks = [...new Set(loaderText.match(CHUNK) ?? [])].sort();
  const key = `js: ${hashes.js}\nwasm: ${hashes.wasm}\nchunks: ${chunks.join(' ')}\n`;
  return createHash('md5').update(key).digest('base64url');
}

/**
 * The loader's text with its lists of shared imports in one order. They are
 * `{ a, b, c,  }` shorthand lists (a destructuring and an object literal),
 * whose order does not change what the code does; wasm-split writes them
 * in hash-map order.
 */
export function canonicalLoader(text) {
  return text.replace(/\{ ((?:[A-Za-z_$][\w$]*, )+) \}/g, (_, list) => {
    const names = list.split(', ').filter(Boolean).sort();
    return `{ ${names.map((n) => `${n}, `).join('')} }`;
  });
}

/** The `key:` line of the hash file set to `value`. */
function withHash(hashText, key, value) {
  return hashText
    .split('\n')
    .map((line) => (line.trim().startsWith(`${key}:`) ? `${key}: ${value}` : line))
    .join('\n');
}

/**
 * The manifest (split module to chunk files, read by Leptos on the server)
 * with its keys in one order, named by its content as cargo-leptos names
 * files. Returns the new hash file text and what it did.
 */
function stableManifest(pkgDir, hashText) {
  const manifests = readdirSync(pkgDir).filter((f) => MANIFEST.test(f));
  if (manifests.length !== 1) return [hashText, 'no single manifest: left as it is'];
  const [oldName] = manifests;
  const parsed = JSON.parse(readFileSync(join(pkgDir, oldName), 'utf8'));
  const sorted = Object.fromEntries(Object.keys(parsed).sort().map((k) => [k, parsed[k]]));
  const text = JSON.stringify(sorted);
  const hash = createHash('md5').update(text).digest('base64url');
  const newName = `__wasm_split_manifest.${hash}.json`;
  writeFileSync(join(pkgDir, oldName), text);
  if (newName !== oldName) renameSync(join(pkgDir, oldName), join(pkgDir, newName));
  return [withHash(hashText, 'manifest', hash), `manifest ${newName}`];
}

/**
 * Renames the loader in `pkgDir` and every mention of its name, and the
 * `split:` line of `hashFile`; puts the loader's and the manifest's lists
 * in one order. Returns what it did, for the build's log.
 */
export function stabilise(pkgDir, hashFile) {
  const loaders = readdirSync(pkgDir).filter((f) => LOADER.test(f));
  if (loaders.length === 0) return 'no split loader (a build without --split): nothing to do';
  if (loaders.length > 1) throw new Error(`${loaders.length} split loaders in ${pkgDir}: ${loaders.join(', ')}`);
  const [oldName] = loaders;
  let hashText = readFileSync(hashFile, 'utf8');
  const hashes = readHashes(hashText);
  if (!hashes.js || !hashes.wasm) throw new Error(`${hashFile} names no js or wasm hash`);
  if (`__wasm_split.${hashes.split}.js` !== oldName) {
    throw new Error(`${hashFile} says split: ${hashes.split}, but the loader in ${pkgDir} is ${oldName}`);
  }
  const loaderText = readFileSync(join(pkgDir, oldName), 'utf8');
  const stable = stableHash(hashes, loaderText);
  const newName = `__wasm_split.${stable}.js`;
  // Every check before the first write: a stopped build leaves pkg/ whole.
  if (newName !== oldName && existsSync(join(pkgDir, newName))) {
    throw new Error(`${newName} exists already in ${pkgDir}`);
  }

  writeFileSync(join(pkgDir, oldName), canonicalLoader(loaderText));
  let manifest;
  [hashText, manifest] = stableManifest(pkgDir, hashText);
  let done = `${oldName} kept`;
  if (newName !== oldName) {
    const from = Buffer.from(oldName);
    const to = Buffer.from(newName);
    const rewritten = [];
    for (const file of readdirSync(pkgDir, { withFileTypes: true })) {
      if (!file.isFile() || !/\.(js|wasm)$/.test(file.name) || file.name === oldName) continue;
      const path = join(pkgDir, file.name);
      const bytes = readFileSync(path);
      let at = bytes.indexOf(from);
      if (at < 0) continue;
      for (; at >= 0; at = bytes.indexOf(from, at + to.length)) to.copy(bytes, at);
      writeFileSync(path, bytes);
      rewritten.push(file.name);
    }
    renameSync(join(pkgDir, oldName), join(pkgDir, newName));
    hashText = withHash(hashText, 'split', stable);
    done = `${oldName} -> ${newName}; rewritten: ${rewritten.join(', ') || 'none'}`;
  }
  writeFileSync(hashFile, hashText);
  return `${done}; ${manifest}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [pkgDir, hashFile] = process.argv.slice(2);
  if (!pkgDir || !hashFile) {
    console.error('usage: node scripts/stable-split-name.mjs PKG_DIR HASH_FILE');
    process.exit(2);
  }
  console.log(`    split loader: ${stabilise(pkgDir, hashFile)}`);
}
