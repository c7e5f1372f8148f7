import { execFile, spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { test } from '@playwright/test';

const root = path.join(__dirname, '..', '..');
const bin = process.env.E2E_SERVER_BIN ?? 'target/release/backend-guide';

/**
 * The port of a test's own server: the suite's port (E2E_PORT) plus
 * `offset`, one offset per spec (docs/testing.md lists them).
 */
export function ownPort(offset: number): number {
  return Number(process.env.E2E_PORT ?? 3000) + offset;
}

/** The suite runs against nginx serving the static export (E2E_TARGET=export). */
export const exported = process.env.E2E_TARGET === 'export';

/**
 * A server of the test's own, for tests that stop it (to go really offline)
 * or restart it as another build. Same binary and site as the shared one;
 * when the suite runs against the export, it is nginx serving an export of
 * that build instead (the same stop and restart, as a static host would).
 */
export class OwnServer {
  private process?: ChildProcess;
  /** What the server wrote to stdout and stderr, when `captureOutput` is set. */
  output = '';

  /**
   * `env` is added to the server's environment (RUST_LOG is `warn` unless
   * given); `captureOutput` keeps its output in `output` instead of the
   * test's console.
   */
  constructor(
    readonly port: number,
    private readonly options: { env?: Record<string, string>; captureOutput?: boolean } = {},
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts the server; `build` becomes its build id (as after a redeploy). */
  async start(build: string): Promise<void> {
    const env = {
      ...process.env,
      LEPTOS_SITE_ADDR: `127.0.0.1:${this.port}`,
      BACKEND_GUIDE_BUILD_ID: build,
      RUST_LOG: 'warn',
      ...this.options.env,
    };
    let command = bin;
    let args: string[] = [];
    if (exported) {
      // Exporting (rendering every page, gzip copies) takes a few seconds
      // of its own: give the test that much more time. These servers test
      // what a reader's browser keeps and updates, not compression (the
      // suite's own export has its .br copies): no brotli, the slow part.
      test.info().setTimeout(test.info().timeout + 20_000);
      const dir = path.join(os.tmpdir(), `e2e-export-${build}-${this.port}`);
      await promisify(execFile)(bin, ['export', dir, '--no-brotli'], { cwd: root, env });
      command = 'bench/serve-export.sh';
      args = [dir, String(this.port)];
    }
    this.process = spawn(command, args, {
      cwd: root,
      env,
      stdio: ['ignore', this.options.captureOutput ? 'pipe' : 'inherit', 'inherit'],
    });
    this.process.stdout?.on('data', (chunk: Buffer) => {
      this.output += chunk.toString('utf8');
    });
    const ready = exported ? '/' : '/healthz';
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      try {
        const response = await fetch(this.url + ready);
        if (response.ok) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the server on port ${this.port} did not start`);
  }

  /** Stops the server (SIGTERM, as a deployment would) and waits for it. */
  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}
