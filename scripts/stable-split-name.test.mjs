// Tests of scripts/stable-split-name.mjs (W17), run by `make test`:
// node --test scripts/stable-split-name.test.mjs
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { stabilise } from './stable-split-name.mjs';

const JS = '2-5CaFJZcyNQ8m5x8F1YcA';
const WASM = 'jGKiYGc6m5dDWAvZucLyow';
const CHUNKS = ['chunk_7.9MvQ7vyzY_kR5zO4nDlwoQ.wasm', 'chunk_10.L_6yn0TLsrx049gvkqsRrQ.wasm'];

/** A pkg folder as cargo-leptos leaves it, with the loader named `hash`. */
function build({ hash, order, chunks = CHUNKS }) {
  const dir = mkdtempSync(join(tmpdir(), 'split-name-'));
  const loader = `__wasm_split.${hash}.js`;
  writeFileSync(
    join(dir, loader),
    `import * as m from "./backend-guide.${JS}.js";const { ${order.map((n) => `${n}, `).join('')} } = m;` +
      chunks.map((c) => `fetch("./${c}");`).join(''),
  );
  writeFileSync(join(dir, `backend-guide.${JS}.js`), `import*as a from"./${loader}";import*as b from"./${loader}";`);
  // The WASM names the loader as an import module, between other bytes.
  writeFileSync(join(dir, `backend-guide.${WASM}.wasm`), Buffer.concat([Buffer.from([0, 97, 115, 109, 1]), Buffer.from(loader), Buffer.from([0, 1, 2])]));
  writeFileSync(join(dir, 'other.js'), 'console.log("untouched")');
  // The manifest, its keys in the order given.
  const manifest = Object.fromEntries(order.map((n) => [`${n}_loader`, [`${n}_chunk`]]));
  writeFileSync(join(dir, `__wasm_split_manifest.${hash}.json`), JSON.stringify(manifest));
  const hashFile = join(dir, 'hash.txt');
  writeFileSync(hashFile, `js: ${JS}\nwasm: ${WASM}\ncss: abc\nmanifest: ${hash}\nsplit: ${hash}\n`);
  return { dir, hashFile };
}

function loaderName(dir) {
  return readdirSync(dir).filter((f) => f.startsWith('__wasm_split.'));
}

test('two builds whose loaders differ only in the order of names get one loader, byte for byte, named everywhere', () => {
  const a = build({ hash: 'mXFui3exN3sFhrGGS99U7w', order: ['__indirect_function_table', '__wasm_split_shared0'] });
  const b = build({ hash: 'pS_EQkpJ2VjCO2ElO-KjVQ', order: ['__wasm_split_shared0', '__indirect_function_table'] });
  stabilise(a.dir, a.hashFile);
  stabilise(b.dir, b.hashFile);
  const [nameA] = loaderName(a.dir);
  assert.deepEqual(loaderName(b.dir), [nameA]);
  assert.notEqual(nameA, '__wasm_split.mXFui3exN3sFhrGGS99U7w.js');
  for (const { dir, hashFile } of [a, b]) {
    const js = readFileSync(join(dir, `backend-guide.${JS}.js`), 'utf8');
    assert.equal(js, `import*as a from"./${nameA}";import*as b from"./${nameA}";`);
    const wasm = readFileSync(join(dir, `backend-guide.${WASM}.wasm`));
    assert.ok(wasm.includes(Buffer.from(nameA)));
    assert.equal(wasm.length, 5 + nameA.length + 3);
    assert.match(readFileSync(hashFile, 'utf8'), new RegExp(`^split: ${nameA.slice(13, 35)}$`, 'm'));
    assert.match(readFileSync(hashFile, 'utf8'), /^css: abc$/m);
    assert.equal(readFileSync(join(dir, 'other.js'), 'utf8'), 'console.log("untouched")');
  }
  // The loaders' lists are in one order, so the files are the same.
  assert.equal(readFileSync(join(a.dir, nameA), 'utf8'), readFileSync(join(b.dir, nameA), 'utf8'));
  assert.match(readFileSync(join(a.dir, nameA), 'utf8'), /const \{ __indirect_function_table, __wasm_split_shared0,  \} = m;/);
  // So are the manifests, named by their content, as the hash files say.
  const manifests = [a, b].map(({ dir }) => readdirSync(dir).filter((f) => f.startsWith('__wasm_split_manifest.')));
  assert.equal(manifests[0].length, 1);
  assert.deepEqual(manifests[1], manifests[0]);
  const manifestHash = manifests[0][0].slice('__wasm_split_manifest.'.length, -'.json'.length);
  assert.match(readFileSync(a.hashFile, 'utf8'), new RegExp(`^manifest: ${manifestHash}$`, 'm'));
  assert.deepEqual(Object.keys(JSON.parse(readFileSync(join(b.dir, manifests[1][0]), 'utf8'))), [
    '__indirect_function_table_loader',
    '__wasm_split_shared0_loader',
  ]);
  // A second run changes nothing.
  const before = readFileSync(a.hashFile, 'utf8');
  assert.match(stabilise(a.dir, a.hashFile), /kept/);
  assert.equal(readFileSync(a.hashFile, 'utf8'), before);
});

test('a loader that loads other chunks gets another name', () => {
  const a = build({ hash: 'mXFui3exN3sFhrGGS99U7w', order: ['x'] });
  const b = build({ hash: 'mXFui3exN3sFhrGGS99U7w', order: ['x'], chunks: [CHUNKS[0], 'chunk_10.AAAAAAAAAAAAAAAAAAAAAA.wasm'] });
  stabilise(a.dir, a.hashFile);
  stabilise(b.dir, b.hashFile);
  assert.notDeepEqual(loaderName(a.dir), loaderName(b.dir));
});

test('a hash file that disagrees with the folder stops the build', () => {
  const a = build({ hash: 'mXFui3exN3sFhrGGS99U7w', order: ['x'] });
  writeFileSync(a.hashFile, `js: ${JS}\nwasm: ${WASM}\nsplit: pS_EQkpJ2VjCO2ElO-KjVQ\n`);
  assert.throws(() => stabilise(a.dir, a.hashFile), /says split/);
});
