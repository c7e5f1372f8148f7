import { expect, test } from '@playwright/test';
import { exported, OwnServer, ownPort } from './own-server';

// The server's own log, as an operator reads it: one line per request, in
// the same layout as its other lines, written to a pipe (as under systemd
// or docker) rather than a terminal.
const port = ownPort(14);
const STAMP = String.raw`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z`;

/** A request's line, as the subscriber writes it. */
function requestLine(method: string, path: string, status: number): RegExp {
  return new RegExp(`^${STAMP}  INFO request: ${method} ${path} ${status} \\d+µs$`, 'm');
}

/** Runs `use` against our server with `env`, stops it, and returns its output. */
async function withServer(
  env: Record<string, string>,
  use: (server: OwnServer) => Promise<void>,
): Promise<string> {
  const server = new OwnServer(port, { env, captureOutput: true });
  await server.start('request-log');
  try {
    await use(server);
  } finally {
    // Stopping writes out the lines still batched.
    await server.stop();
  }
  return server.output;
}

function logOf(env: Record<string, string>): Promise<string> {
  return withServer(env, async (server) => {
    expect((await fetch(`${server.url}/guide/skills`)).status).toBe(200);
    expect((await fetch(`${server.url}/no/such/page`)).status).toBe(404);
    expect((await fetch(`${server.url}/favicon.ico`, { method: 'PUT' })).status).toBe(405);
  });
}

test.describe.configure({ mode: 'serial' });
// Server-only: a static host writes its own access log (see docs/deploying.md).
test.skip(exported, "our server's request log; the static export has no server of ours");

test('every request is logged with method, path, status and latency', async () => {
  const log = await logOf({ RUST_LOG: 'info' });
  for (const [method, path, status] of [
    ['GET', '/guide/skills', 200],
    ['GET', '/no/such/page', 404],
    ['PUT', '/favicon.ico', 405],
  ] as const) {
    expect(log, `${method} ${path}`).toMatch(requestLine(method, path, status));
  }
  // The server's other lines share the layout.
  expect(log).toMatch(new RegExp(`^${STAMP}  INFO backend_guide::server: serving the guide`, 'm'));
});

test('RUST_LOG turns request lines off', async () => {
  const log = await logOf({ RUST_LOG: 'info,request=warn' });
  expect(log).toContain('serving the guide');
  expect(log).not.toContain(' request: ');
});

test("a request's line reaches the log at once, while the server runs", async () => {
  // The writer thread buffers lines and writes them out whenever it has
  // caught up: one quiet request must not wait for the buffer to fill.
  await withServer({ RUST_LOG: 'info' }, async (server) => {
    expect((await fetch(`${server.url}/guide/skills?seen=now`)).status).toBe(200);
    await expect
      .poll(() => server.output, { timeout: 2_000 })
      .toMatch(requestLine('GET', '/guide/skills', 200));
  });
});
