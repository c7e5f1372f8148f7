#!/usr/bin/env node
// bench/held.mjs: the server's memory with many connections held open.
//
// Opens BENCH_HELD connections (default 10,000) to the server, sends one GET
// of a guide page on each, reads the whole answer and keeps the connection
// open, as idle keep-alive clients do. Prints the server's resident memory
// (from /proc) before, while they are held, and a few seconds after they
// close, split into anonymous memory (what the connections cost) and
// file-backed pages (the binary and the held bodies' file, there before any
// connection). The goal (issues 16 and 29): 10,000 held under 200 MB.
//
// Run on the same machine as the server (`make run`), with enough open files
// for the connections (`ulimit -n` above BENCH_HELD):
//   node bench/held.mjs
// Env: BENCH_URL   server to test       (default http://127.0.0.1:3000)
//      BENCH_HELD  connections to hold  (default 10000)
//      BENCH_PAGE  path to request      (default /guide/what-is-back-end)
// Exit: 0 under 200 MB resident (VmRSS) while held, 1 over or a
//       connection failed, 2 server not found.
import net from 'node:net';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const BASE = new URL(process.env.BENCH_URL || 'http://127.0.0.1:3000');
const COUNT = Number(process.env.BENCH_HELD || 10000);
const PAGE = process.env.BENCH_PAGE || '/guide/what-is-back-end';
const GOAL_MB = 200;
const port = Number(BASE.port || 80);

/** The pid of the process listening on the port, from `ss`. */
function serverPid() {
  try {
    const out = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
    const m = out.match(/pid=(\d+)/);
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** Resident memory in MB: total, anonymous and file-backed. */
function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number(status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, anon: kb('RssAnon') / 1024, file: kb('RssFile') / 1024 };
}

function show(label, m) {
  console.log(`${label.padEnd(34)} VmRSS ${m.rss.toFixed(0).padStart(4)} MB  anonymous ${m.anon.toFixed(0).padStart(4)} MB  file-backed ${m.file.toFixed(0).padStart(3)} MB`);
}

/** One connection: a GET, its whole answer read, then kept open. */
function hold(sockets) {
  return new Promise((resolve) => {
    const request = `GET ${PAGE} HTTP/1.1\r\nhost: ${BASE.host}\r\n\r\n`;
    const socket = net.connect(port, BASE.hostname, () => socket.write(request));
    let head = '';
    let length = -1;
    let received = 0;
    socket.on('data', (chunk) => {
      if (length < 0) {
        head += chunk.toString('latin1');
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return;
        length = Number(head.slice(0, end).match(/content-length:\s*(\d+)/i)?.[1] ?? 0);
        received = head.length - end - 4;
      } else {
        received += chunk.length;
      }
      if (received >= length) resolve(true);
    });
    socket.on('error', () => resolve(false));
    sockets.push(socket);
  });
}

const pid = serverPid();
if (!pid) {
  console.error(`held.mjs: no process found listening on port ${port} (is the server up? is \`ss\` installed?)`);
  process.exit(2);
}
show('before', memory(pid));
const sockets = [];
let ok = 0;
for (let i = 0; i < COUNT; i += 500) {
  const batch = await Promise.all(Array.from({ length: Math.min(500, COUNT - i) }, () => hold(sockets)));
  ok += batch.filter(Boolean).length;
}
await new Promise((r) => setTimeout(r, 2000));
const held = memory(pid);
show(`${ok.toLocaleString('en')} connections held`, held);
for (const s of sockets) s.destroy();
await new Promise((r) => setTimeout(r, 5000));
show('5 s after they closed', memory(pid));

const failed = COUNT - ok;
const pass = failed === 0 && held.rss < GOAL_MB;
console.log(
  `\n${pass ? 'PASS' : 'FAIL'}: ${failed} failed; VmRSS ${held.rss.toFixed(0)} MB while held, all of the process's resident memory (goal: under ${GOAL_MB} MB; ${held.anon.toFixed(0)} MB of it anonymous)`,
);
process.exit(pass ? 0 : 1);
