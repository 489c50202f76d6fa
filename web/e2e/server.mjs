// Builds and starts the real Formwork binary for the end-to-end tests:
// embedded stores in a temporary data dir, a manual clock, a free port.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitReady(base, child, deadline) {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`formwork exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${base}/readyz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('formwork did not become ready in time');
}

/**
 * Starts formwork and returns {base, dir, stop, logTail}. FORMWORK_E2E_BIN names a
 * binary already built; otherwise `go build ./cmd/formwork` builds one.
 */
export async function startServer() {
  const dir = mkdtempSync(join(tmpdir(), 'formwork-e2e-'));
  let bin = process.env.FORMWORK_E2E_BIN;
  if (!bin) {
    bin = join(dir, 'formwork');
    console.log('e2e: building the binary');
    execFileSync('go', ['build', '-o', bin, './cmd/formwork'], { cwd: repo, stdio: 'inherit' });
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const log = openSync(join(dir, 'server.log'), 'a');
  const child = spawn(bin, ['serve'], {
    cwd: dir,
    env: { ...process.env, FORMWORK_CLOCK: 'manual', FORMWORK_ADDR: `127.0.0.1:${port}`,
      FORMWORK_DATA_DIR: join(dir, 'data'), FORMWORK_LOG_FORMAT: 'text',
      FORMWORK_AUTH_RATE_LIMIT: '1000', FORMWORK_MONGO_URI: '', FORMWORK_REDIS_ADDR: '' },
    stdio: ['ignore', log, log],
  });
  try {
    await waitReady(base, child, Date.now() + 180000);
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`${e.message}; see ${join(dir, 'server.log')}`);
  }
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => {
        const t = setTimeout(() => { child.kill('SIGKILL'); r(); }, 15000);
        child.once('exit', () => { clearTimeout(t); r(); });
      });
    }
    if (!process.env.FORMWORK_E2E_KEEP) rmSync(dir, { recursive: true, force: true });
  };
  /** The last n lines the server logged, for a failure report. */
  const logTail = (n = 40) => {
    try {
      return readFileSync(join(dir, 'server.log'), 'utf8').trimEnd().split('\n').slice(-n).join('\n');
    } catch (e) {
      return `(no server log: ${e.message})`;
    }
  };
  return { base, dir, stop, logTail };
}
