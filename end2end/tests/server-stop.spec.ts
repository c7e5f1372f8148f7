import { expect, test } from '@playwright/test';
import { exported, OwnServer, ownPort } from './own-server';

// How our server ends when it is told to (SIGTERM, as systemd or docker
// send it): at once, even while its start-up work goes on in the background.
test.skip(exported, 'our server itself; the static export has none');

test('a server stopped right after it starts exits at once, after saying so', async () => {
  const server = new OwnServer(ownPort(15), {
    env: { RUST_LOG: 'info' },
    captureOutput: true,
  });
  await server.start('stop-at-start');
  // The start-up's brotli pass over every held body runs for seconds after
  // the server answers; the stop must not wait for it.
  expect(server.output).not.toContain('brotli bodies ready');
  const began = Date.now();
  await server.stop();
  const took = Date.now() - began;
  expect(server.output).toContain('stopped');
  expect(took, `the server took ${took} ms to exit`).toBeLessThan(3_000);
});
