import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const API_ROOT = path.resolve(__dirname, '../..');
export const MAIN_JS = path.join(API_ROOT, 'dist/main.js');
/** The V8 flags the API ships with: the image's command and `npm start` pass them too. */
export const NODE_FLAGS = (JSON.parse(fs.readFileSync(path.join(API_ROOT, 'package.json'), 'utf8')) as { nodeFlags: string[] }).nodeFlags;

/** The compiled API, built once if missing (npm test builds it first; a bare jest run may not have). */
export function ensureBuilt(): void {
  if (fs.existsSync(MAIN_JS)) return;
  const repo = path.resolve(API_ROOT, '../..');
  execFileSync('npx', ['tsc', '-p', 'libs/contracts/tsconfig.json'], { cwd: repo, stdio: 'inherit' });
  execFileSync('npx', ['tsc', '-p', 'apps/api/tsconfig.build.json'], { cwd: repo, stdio: 'inherit' });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface ApiProcess {
  child: ChildProcess;
  baseUrl: string;
  output: () => string;
  /** Exit code, or the signal that ended it (Nest re-raises SIGTERM after closing). */
  exited: Promise<number | string | null>;
}

/**
 * Starts `node dist/main.js` with these settings and waits until /api/health answers. Without a PORT of the test's
 * own the process listens on a port the system picks (PORT=0) and says which over its IPC channel: a port picked
 * here and handed over would be free only until the process listened on it, seconds later (after migrating), and a
 * process of another test that took it meanwhile would answer the health check in its place.
 */
export async function startApi(env: Record<string, string>, timeoutMs = 60_000): Promise<ApiProcess> {
  ensureBuilt();
  const child = spawn(process.execPath, [...NODE_FLAGS, MAIN_JS], {
    cwd: API_ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      WEB_ROOT: '/nonexistent',
      // As in createTestApp: a busy machine must not make a test's calls 503 (tests of shedding set their own).
      SHED_EVENT_LOOP_DELAY_MS: '0',
      SHED_DB_WAIT_MS: '0',
      // Uploads of a test process go to a folder of its own, never the repository's data/.
      DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'wuye-api-')),
      PORT: '0',
      ...env,
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const exited = new Promise<number | string | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  const listening = new Promise<string | null>((resolve) => {
    child.on('message', (m) => resolve((m as { listening?: string }).listening ?? null));
    void exited.then(() => resolve(null));
  });
  const deadline = Date.now() + timeoutMs;
  const url = await Promise.race([listening, new Promise<null>((r) => setTimeout(() => r(null), timeoutMs).unref())]);
  if (url) {
    const baseUrl = url.replace('localhost', '127.0.0.1');
    while (child.exitCode === null && Date.now() < deadline) {
      try {
        const res = await fetch(`${baseUrl}/api/health`);
        if (res.ok) return { child, baseUrl, output: () => out, exited };
      } catch {
        // not answering yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  child.kill('SIGKILL');
  throw new Error(`API did not become healthy:\n${out}`);
}

/** Runs `node dist/main.js` expecting it to stop by itself; returns its exit code and output. */
export function runApiToExit(env: Record<string, string>): { status: number | null; stderr: string; stdout: string } {
  ensureBuilt();
  try {
    const stdout = execFileSync(process.execPath, [...NODE_FLAGS, MAIN_JS], {
      cwd: API_ROOT,
      env: { ...process.env, NODE_ENV: 'test', ...env },
      stdio: 'pipe',
      timeout: 30_000,
    }).toString();
    return { status: 0, stderr: '', stdout };
  } catch (e) {
    const err = e as { status: number | null; stderr: Buffer; stdout: Buffer };
    return { status: err.status, stderr: err.stderr.toString(), stdout: err.stdout.toString() };
  }
}
