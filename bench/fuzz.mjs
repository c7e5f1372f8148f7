#!/usr/bin/env node
// bench/fuzz.mjs: sends malformed HTTP requests and checks the server never
// answers 5xx and still works afterwards.
//
// Each request is raw bytes written on a fresh TCP connection (node's `net`):
// odd methods, paths (traversal, bad escapes, NUL and control bytes, unicode,
// 10k-100k characters, absolute-form, `*`), headers (huge, hundreds, invalid
// bytes, duplicate or missing Host, weird Accept-Encoding, Range, conditionals,
// bad Content-Length, broken chunked bodies) and versions. Requests come from a
// seeded PRNG (mulberry32), request i from its own seed, so a run is reproducible
// and one request can be replayed with FUZZ_ONLY=i. Only the status line is read.
// Classes: 1xx-5xx, closed (no response), timeout, refused, other (not HTTP).
// 5xx and refused are failures; closed and timeout are reported only.
// Afterwards GET /healthz must answer 200 "ok" and GET / must answer 200.
//
// Run (with the release server up, e.g. `make run`):
//   node bench/fuzz.mjs
//   FUZZ_COUNT=2000 FUZZ_SEED=7 node bench/fuzz.mjs
//   FUZZ_ONLY=123 node bench/fuzz.mjs     # send request 123 only and show it
// Env: BENCH_URL (default http://127.0.0.1:3000), FUZZ_COUNT (10000), FUZZ_SEED (1),
//      FUZZ_CONCURRENCY (16), FUZZ_TIMEOUT_MS (5000).
// Exit: 0 ok, 1 a 5xx or the server stopped answering, 2 nothing answers at the start.
import net from 'node:net';
import http from 'node:http';

const BASE = new URL(process.env.BENCH_URL || 'http://127.0.0.1:3000');
const envInt = (name, fallback) => (process.env[name] ? Number.parseInt(process.env[name], 10) : fallback);
const COUNT = envInt('FUZZ_COUNT', 10000);
const SEED = envInt('FUZZ_SEED', 1);
const CONCURRENCY = envInt('FUZZ_CONCURRENCY', 16);
const TIMEOUT_MS = envInt('FUZZ_TIMEOUT_MS', 5000);
const ONLY = process.env.FUZZ_ONLY;
const HOST = BASE.hostname.replace(/^\[|\]$/g, '');
const PORT = Number(BASE.port) || 80;

// mulberry32: a 32-bit state, one multiply-xorshift mix per output, floats in [0, 1).
function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- request generator ------------------------------------------------------
const METHODS = ['HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'TRACE', 'PATCH', 'CONNECT', 'get', 'Post',
  'PRI', 'PROPFIND', 'BREW', 'G E T', ''];
const VERSIONS = ['HTTP/2.0', 'HTTP/9.9', 'HTTP/0.9', 'http/1.1', 'HTTP/1', 'HTTP/01.1', 'HTTP/1.1 extra',
  'HTTP/1.1\x00', 'HTCPCP/1.0', ''];
const PAGES = ['/', '/guide/what-is-back-end', '/guide/', '/glossary', '/quiz', '/bookmarks', '/healthz',
  '/sw.js', '/favicon.ico', '/pkg/', '/api/', '/nope'];
const TRAVERSAL = ['../', '..%2f', '..%2F', '%2e%2e/', '%2e%2e%2f', '%252e%252e/', '%252e%252e%252f',
  '..\\', '..%5c', '%5c..%5c', '....//', '.%00./', '..;/'];
const ODD = ['%00', '%zz', '%', '%4', '%g0', '//', '/./', '%20', ' ', '+', '%ff', '%c0%af', '%u002e', ';a=b',
  '?', '?a=1&a=2&&=', '#frag', '~', 'ü', '日本語', '😀', '\u202e', '\ufeff'];
const TARGETS = ['etc/passwd', 'Cargo.toml', 'Leptos.toml', 'src/main.rs', 'pkg/', 'windows/win.ini', ''];
const ACCEPT_ENCODINGS = ['br;q=abc, *;q=0', '*;q=0', 'identity;q=0', 'gzip;q=1.5', 'br;q=0.5;q=1',
  'gzip;q=0, br;q=0, identity;q=0', 'br, br, br', ',,,', ';q=', 'zstd, compress, deflate', 'ÿ', 'br;q=-1'];
const RANGES = ['bytes=9999999-', 'bytes=-0', 'bytes=5-1', 'bytes=abc', 'items=0-1', 'bytes=0-18446744073709551615',
  'bytes=-99999999999999999999', `bytes=${Array(500).fill('0-0').join(',')}`, 'bytes=0-,0-,0-'];
const CL_GARBAGE = ['abc', '-1', '99999999999999999999', '1, 2', '0x10', '+5', ' 5 ', '1e3', '', '٣'];
const BAD_CHUNKS = ['zz\r\nabc\r\n0\r\n\r\n', 'ffffffffffffffffff\r\nab\r\n0\r\n\r\n', '5\r\nab\r\n0\r\n\r\n',
  '3;ext=\x00\r\nabc\r\n0\r\n\r\n', '-1\r\n\r\n', '0\r\n', '5\r\nabcde', '3\nabc\n0\n\n', '0\r\nTrailer\x01: x\r\n\r\n'];

function makeRequest(index) {
  const rnd = mulberry32(Math.imul(SEED, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca77));
  const int = (n) => Math.floor(rnd() * n);
  const pick = (list) => list[int(list.length)];
  const chance = (p) => rnd() < p;
  const bytes = (n, lo, hi) => Buffer.from(Array.from({ length: n }, () => lo + int(hi - lo + 1)));
  const repeatTo = (piece, length) => piece.repeat(Math.ceil(length / piece.length)).slice(0, length);
  const tags = [];

  // Request target.
  let path;
  switch (pick(['page', 'traversal', 'traversal', 'odd', 'odd', 'bytes', 'long', 'absolute', 'star', 'empty', 'relative'])) {
    case 'page': path = pick(PAGES); tags.push('path:page'); break;
    case 'traversal':
      path = pick(['/', '/pkg/', '/guide/', '/pkg/%2e%2e/']) + Array.from({ length: 1 + int(8) }, () => pick(TRAVERSAL)).join('') + pick(TARGETS);
      tags.push('path:traversal'); break;
    case 'odd': path = pick(PAGES) + Array.from({ length: 1 + int(5) }, () => pick(ODD)).join(''); tags.push('path:odd'); break;
    case 'bytes': // raw control bytes (CR and LF included) or invalid UTF-8
      path = Buffer.concat([Buffer.from(pick(PAGES)), chance(0.5) ? bytes(1 + int(6), 0, 31) : bytes(1 + int(6), 0x7f, 0xff)]);
      tags.push('path:bytes'); break;
    case 'long': path = '/' + repeatTo(pick(['a', '../', '%2e', 'guide/', 'é']), 10000 + int(90000)); tags.push('path:long'); break;
    case 'absolute':
      path = pick([`http://${BASE.host}/`, `http://${BASE.host}/guide/what-is-back-end`, 'http://evil.example/',
        'https://evil.example:99999/x', 'HTTP://user:pass@evil.example/', 'http://[::1/', 'file:///etc/passwd']);
      tags.push('path:absolute'); break;
    case 'star': path = '*'; tags.push('path:star'); break;
    case 'empty': path = ''; tags.push('path:empty'); break;
    default: path = pick(['guide/what-is-back-end', 'glossary', '.', '..', '\\', '%2f']); tags.push('path:relative');
  }

  // Most requests keep GET and HTTP/1.1 so that odd paths and headers get past the parser to the app.
  let method = chance(0.5) ? 'GET' : pick(METHODS);
  if (chance(0.03)) method = bytes(1 + int(8), 0x21, 0xff).toString('latin1');
  if (chance(0.01)) method = 'G'.repeat(5000 + int(20000));
  if (method !== 'GET') tags.push(`method:${method === '' ? '(empty)' : method.length > 12 ? method.length + 'chars' : method}`);
  let version = chance(0.7) ? 'HTTP/1.1' : chance(0.4) ? 'HTTP/1.0' : pick(VERSIONS);
  if (chance(0.02)) version = bytes(1 + int(10), 0, 0xff).toString('latin1');
  if (version !== 'HTTP/1.1') tags.push(`version:${/^[\x21-\x7e]{1,12}$/.test(version) ? version : 'odd'}`);

  // Headers, as [name, value] (a string value, or a Buffer for raw bytes).
  const headers = [['Host', BASE.host], ['User-Agent', 'bench-fuzz']];
  let body = Buffer.alloc(0);
  for (let n = int(4); n > 0; n--) {
    const kind = pick(['no-host', 'dup-host', 'bad-host', 'accept-encoding', 'range', 'conditional', 'huge',
      'many', 'invalid', 'content-length', 'cl-short', 'cl-long', 'cl-dup', 'chunked', 'te-cl', 'expect', 'upgrade']);
    tags.push(`hdr:${kind}`);
    switch (kind) {
      case 'no-host': {
        const at = headers.findIndex(([name]) => name === 'Host');
        if (at >= 0) headers.splice(at, 1);
        break;
      }
      case 'dup-host': headers.push(['Host', pick(['evil.example', BASE.host, 'localhost:1'])]); break;
      case 'bad-host':
        headers.push(['host', pick(['a b', '..', '', '[::1', 'evil.example:99999', 'é.example', '%00', 'x'.repeat(5000)])]);
        break;
      case 'accept-encoding': headers.push(['Accept-Encoding', pick(ACCEPT_ENCODINGS)]); break;
      case 'range': headers.push(['Range', pick(RANGES)]); if (chance(0.5)) headers.push(['If-Range', pick(['*', '"x"', 'garbage'])]); break;
      case 'conditional':
        headers.push(pick([['If-None-Match', '*'], ['If-None-Match', '"abc", W/"x'], ['If-Match', '*'],
          ['If-Modified-Since', pick(['yesterday', 'Sat, 01 Jan 9999 00:00:00 GMT', '0', ''])],
          ['If-Unmodified-Since', 'Thu, 01 Jan 1970 00:00:00 GMT']]));
        break;
      case 'huge': headers.push([pick(['X-Big', 'Cookie', 'User-Agent', 'Referer', 'Accept']), 'v'.repeat(1000 + int(200000))]); break;
      case 'many': for (let i = 100 + int(900); i > 0; i--) headers.push([`X-Many-${i}`, String(i)]); break;
      case 'invalid':
        headers.push(pick([['X-Bytes', bytes(1 + int(20), 0, 0xff)], ['Bad Name', 'x'], ['Ünï', 'x'], ['', 'empty-name'],
          ['X-Fold', 'a\r\n folded'], ['no-colon-line\r\nX-After', 'y'], ['X-Nul', 'a\x00b'], ['X-Del', '\x7f']]));
        break;
      case 'content-length': headers.push(['Content-Length', pick(CL_GARBAGE)]); body = Buffer.from('abc'); break;
      case 'cl-short': { // announce more than is sent: the server may wait for the rest
        const n = 10 + int(1000);
        headers.push(['Content-Length', String(n)]);
        body = Buffer.from('x'.repeat(int(n)));
        break;
      }
      case 'cl-long': { // send more than announced: the rest looks like a second request
        const n = int(50);
        headers.push(['Content-Length', String(n)]);
        body = Buffer.from('x'.repeat(n) + pick(['GARBAGE', 'GET / HTTP/1.1\r\n\r\n', '\r\n\r\n\x00\x01']));
        break;
      }
      case 'cl-dup': headers.push(['Content-Length', '3'], ['Content-Length', '5']); body = Buffer.from('abcde'); break;
      case 'chunked':
        headers.push(['Transfer-Encoding', pick(['chunked', 'chunked', 'gzip, chunked', 'chunked, gzip', 'xchunked', ' chunked'])]);
        body = Buffer.from(pick(BAD_CHUNKS));
        break;
      case 'te-cl': // both framings: the classic request-smuggling shape
        headers.push(['Content-Length', '4'], ['Transfer-Encoding', 'chunked']);
        body = Buffer.from('0\r\n\r\nGET /x HTTP/1.1\r\n\r\n');
        break;
      case 'expect': headers.push(['Expect', pick(['100-continue', 'garbage'])]); break;
      default: headers.push(['Connection', 'Upgrade'], ['Upgrade', pick(['h2c', 'websocket', 'x'.repeat(100)])]);
    }
  }

  const eol = chance(0.05) ? '\n' : '\r\n';
  const parts = [method, ' ', path, version ? ' ' : '', version, eol];
  for (const [name, value] of headers) parts.push(name, ': ', value, eol);
  if (chance(0.01)) tags.push('truncated'); // no blank line: the head never ends
  else parts.push(eol);
  parts.push(body);
  return { tags, bytes: Buffer.concat(parts.map((p) => (Buffer.isBuffer(p) ? p : Buffer.from(p, 'utf8')))) };
}

// ---- sending ----------------------------------------------------------------
// Resolves with { cls, line }: cls is 1xx..5xx, closed, timeout, refused or other.
function send(request) {
  return new Promise((resolve) => {
    let received = Buffer.alloc(0);
    let settled = false;
    const socket = net.connect({ host: HOST, port: PORT });
    // `otherwise` is the class when nothing came back; with a reply, the status line decides.
    const finish = (otherwise) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const line = received.toString('latin1').split('\n')[0].trim();
      const status = /^HTTP\/\d(?:\.\d)? (\d)\d\d\b/.exec(line);
      if (received.length === 0) resolve({ cls: otherwise, line });
      else resolve({ cls: status ? `${status[1]}xx` : 'other', line });
    };
    const timer = setTimeout(() => finish('timeout'), TIMEOUT_MS);
    socket.on('connect', () => socket.write(request));
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.includes(10) || received.length > 4096) finish('closed');
    });
    socket.on('error', (e) => finish(e.code === 'ECONNREFUSED' ? 'refused' : 'closed'));
    socket.on('close', () => finish('closed'));
  });
}

function httpGet(path) {
  return new Promise((resolve) => {
    const req = http.get(new URL(path, BASE), { agent: false, timeout: TIMEOUT_MS }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode, text }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ status: 0, text: e.code || e.message }));
  });
}

// A request for the terminal: printable ASCII as is, \r \n, other bytes as \xNN.
function show(buf, max) {
  let text = '';
  for (const b of buf.subarray(0, max)) {
    if (b === 13) text += '\\r';
    else if (b === 10) text += '\\n';
    else if (b === 0x22 || b === 0x5c) text += '\\' + String.fromCharCode(b);
    else if (b >= 0x20 && b < 0x7f) text += String.fromCharCode(b);
    else text += '\\x' + b.toString(16).padStart(2, '0');
  }
  return `"${text}"` + (buf.length > max ? ` ... (${buf.length} bytes)` : '');
}

async function main() {
  if (BASE.protocol !== 'http:') throw new Error('fuzz.mjs speaks plain http:// only');
  const first = await httpGet('/healthz');
  if (first.status === 0) {
    console.error(`fuzz.mjs: nothing answers at ${BASE.origin} (${first.text}); start the server with 'make run' or set BENCH_URL`);
    process.exit(2);
  }

  if (ONLY !== undefined) { // replay one request
    const { tags, bytes } = makeRequest(Number(ONLY));
    const result = await send(bytes);
    console.log(`request ${ONLY} [${tags.join(' ')}]\n${show(bytes, 2000)}\n-> ${result.cls} ${JSON.stringify(result.line)}`);
    return;
  }

  console.log(`fuzz: ${COUNT} malformed requests to ${BASE.host}, seed ${SEED}, ${CONCURRENCY} at a time, timeout ${TIMEOUT_MS} ms`);
  const counts = Object.fromEntries(['1xx', '2xx', '3xx', '4xx', '5xx', 'closed', 'timeout', 'refused', 'other'].map((c) => [c, 0]));
  const examples = {}; // class -> first request indices
  const statuses = {}; // status code -> count
  const started = Date.now();
  let next = 0;
  let done = 0;
  async function worker() {
    while (next < COUNT) {
      const index = next++;
      const { bytes } = makeRequest(index);
      const { cls, line } = await send(bytes);
      counts[cls]++;
      const code = /^HTTP\/\S* (\d{3})/.exec(line);
      if (code) statuses[code[1]] = (statuses[code[1]] || 0) + 1;
      examples[cls] ||= [];
      if (examples[cls].length < 5) examples[cls].push({ index, line });
      if (++done % 1000 === 0) process.stderr.write(`  ${done}/${COUNT}\n`);
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));

  console.log(`\n${'class'.padEnd(8)} ${'count'.padStart(6)}`);
  for (const [cls, n] of Object.entries(counts)) console.log(`${cls.padEnd(8)} ${String(n).padStart(6)}`);
  const codes = Object.entries(statuses).sort(([a], [b]) => a.localeCompare(b));
  console.log(`status codes: ${codes.map(([code, n]) => `${code}: ${n}`).join(', ')}`);
  console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);

  for (const cls of ['5xx', 'other', 'refused', 'timeout', 'closed']) {
    if (!examples[cls]) continue;
    const max = cls === '5xx' ? 400 : 160;
    console.log(`\nfirst ${cls} requests (replay one with FUZZ_SEED=${SEED} FUZZ_ONLY=<n>):`);
    for (const { index, line } of examples[cls]) {
      const { tags, bytes } = makeRequest(index);
      console.log(`  #${index} [${tags.join(' ')}]${line ? ` -> ${JSON.stringify(line)}` : ''}\n    ${show(bytes, max)}`);
    }
  }

  // The server must still work.
  const health = await httpGet('/healthz');
  const home = await httpGet('/');
  const healthOk = health.status === 200 && health.text.trim() === 'ok';
  console.log(`\nafter the run: GET /healthz -> ${health.status} ${JSON.stringify(health.text.slice(0, 40))} ${healthOk ? 'ok' : 'FAIL'}`);
  console.log(`after the run: GET / -> ${home.status} ${home.status === 200 ? 'ok' : 'FAIL'}`);

  const failures = [];
  if (counts['5xx']) failures.push(`${counts['5xx']} responses were 5xx`);
  if (counts.refused) failures.push(`${counts.refused} connections were refused`);
  if (!healthOk || home.status !== 200) failures.push('the server no longer answers correctly');
  console.log(failures.length ? `\nFAIL: ${failures.join('; ')}` : '\nPASS: no 5xx and the server still answers');
  process.exit(failures.length ? 1 : 0);
}

main().catch((e) => {
  console.error(`fuzz.mjs: ${e.stack || e}`);
  process.exit(2);
});
