import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/**
 * A server of the test's own, for tests that stop it (to go really offline)
 * or restart it as another build. Same binary and site as the shared one.
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
    const bin = process.env.E2E_SERVER_BIN ?? 'target/release/backend-guide';
    this.process = spawn(bin, [], {
      cwd: path.join(__dirname, '..', '..'),
      env: {
        ...process.env,
        LEPTOS_SITE_ADDR: `127.0.0.1:${this.port}`,
        BACKEND_GUIDE_BUILD_ID: build,
        RUST_LOG: 'warn',
        ...this.options.env,
      },
      stdio: ['ignore', this.options.captureOutput ? 'pipe' : 'inherit', 'inherit'],
    });
    this.process.stdout?.on('data', (chunk: Buffer) => {
      this.output += chunk.toString('utf8');
    });
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      try {
        const response = await fetch(`${this.url}/healthz`);
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
