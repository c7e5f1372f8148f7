import fs from 'node:fs';
import { chromium, defineConfig, devices } from '@playwright/test';

// `make test` sets E2E_PORT and E2E_SERVER_BIN; `cargo leptos end-to-end`
// serves on 3000 itself, and the running server is then reused.
// With E2E_TARGET=export (bench/export-test.sh), the suite runs against
// nginx serving the static export in E2E_EXPORT_DIR instead of our server.
const port = Number(process.env.E2E_PORT ?? 3000);
const baseURL = `http://127.0.0.1:${port}`;
const exported = process.env.E2E_TARGET === 'export';

const ourServer = {
  command: process.env.E2E_SERVER_BIN ?? 'target/release/backend-guide',
  cwd: '..',
  url: `${baseURL}/healthz`,
  reuseExistingServer: true,
  timeout: 60_000,
  env: { LEPTOS_SITE_ADDR: `127.0.0.1:${port}`, RUST_LOG: 'warn' },
};
const nginxServingTheExport = {
  command: `bench/serve-export.sh ${process.env.E2E_EXPORT_DIR ?? 'target/export'} ${port}`,
  cwd: '..',
  url: `${baseURL}/`,
  reuseExistingServer: false,
  timeout: 30_000,
};

/** Playwright's own Chromium when it is installed, else the system's. */
function chromiumPath(): string | undefined {
  if (process.env.PW_CHROMIUM_PATH) return process.env.PW_CHROMIUM_PATH;
  try {
    if (fs.existsSync(chromium.executablePath())) return undefined;
  } catch {
    // No bundled browser registered: fall through.
  }
  // Debian's headless shell (what `make test` installs), else its Chromium.
  if (fs.existsSync('/usr/bin/chromium-headless-shell')) return '/usr/bin/chromium-headless-shell';
  return '/usr/bin/chromium';
}

const launchOptions = {
  executablePath: chromiumPath(),
  // The machine has no route to Google's hosts: keep Chromium from trying.
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

// `allowedConsole` is an option of the console fixture in tests/fixtures.ts.
export default defineConfig<{ allowedConsole: RegExp[] }>({
  testDir: './tests',
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['html', { open: 'never' }]],
  use: { baseURL, trace: 'retain-on-failure' },
  projects: [
    {
      name: 'js',
      use: { ...devices['Desktop Chrome'], launchOptions },
    },
    {
      // Every page must be readable from the server's HTML alone.
      name: 'no-js',
      testMatch: /(pages|not-found|quiz-start|reading)\.spec\.ts/,
      use: {
        ...devices['Desktop Chrome'],
        launchOptions,
        javaScriptEnabled: false,
        // Without JavaScript the preloaded WASM is never used; Chromium says so.
        allowedConsole: [/was preloaded using link preload but not used/],
      },
    },
  ],
  webServer: exported ? nginxServingTheExport : ourServer,
});
