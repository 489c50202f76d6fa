// Hashes the inputs of the web build, so a Go test (web/dist_test.go) can
// tell when the committed dist is stale. `write` stores the hash in
// dist/.source-hash; `check` compares. The Go test computes the same hash:
// SHA-256 over, for each input file in byte order of its slash path,
// the path, a NUL, the content with CRLF turned into LF, a NUL.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const files = ['index.html', 'package.json', 'package-lock.json', 'tsconfig.json',
  'vite.config.ts'];
const dirs = ['src', 'scripts'];

function isTest(name) {
  return /\.test\.(ts|tsx|js|jsx|mjs)$/.test(name);
}

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (!isTest(name)) out.push(relative(root, full).split(sep).join('/'));
  }
  return out;
}

/** The hex SHA-256 of the build's inputs. */
export function sourceHash() {
  const all = [...files, ...dirs.flatMap((d) => walk(join(root, d), []))];
  all.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const h = createHash('sha256');
  for (const p of all) {
    const text = readFileSync(join(root, p)).toString('latin1').replace(/\r\n/g, '\n');
    h.update(p, 'utf8');
    h.update('\0');
    h.update(Buffer.from(text, 'latin1'));
    h.update('\0');
  }
  return h.digest('hex');
}

const mode = process.argv[2] ?? 'print';
const hash = sourceHash();
const target = join(root, 'dist', '.source-hash');
if (mode === 'write') {
  writeFileSync(target, hash + '\n');
  console.log(`dist/.source-hash ${hash}`);
} else if (mode === 'check') {
  const have = readFileSync(target, 'utf8').trim();
  if (have !== hash) {
    console.error('web/dist is stale: run `npm --prefix web run build`');
    process.exit(1);
  }
} else {
  console.log(hash);
}
