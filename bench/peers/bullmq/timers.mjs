// BullMQ peer of Formwork's timers scenario, on the same Redis: delayed
// jobs paced like Formwork's precision run (lateness of each job's start
// against its due time, and how many started early), then a burst all due
// at one instant (drain rate). Prints one JSON object on stdout.
//
//   node timers.mjs --redis 127.0.0.1:6379 --db 12 --rate 20 --seconds 10 --burst 400
import { Queue, Worker } from 'bullmq';

function args() {
  const out = { redis: '127.0.0.1:6379', db: 12, rate: 20, seconds: 10, burst: 400,
    lead: 5000 };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in out)) throw new Error(`unknown flag --${key}`);
    out[key] = key === 'redis' ? argv[i + 1] : Number(argv[i + 1]);
  }
  return out;
}

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)];
}

// run adds jobs due at dues[i] (epoch ms) and resolves when all started.
async function run(connection, name, dues) {
  const queue = new Queue(name, { connection, prefix: 'bullbench' });
  await queue.obliterate({ force: true }).catch(() => {});
  const started = new Map();
  let resolveAll;
  const all = new Promise((r) => { resolveAll = r; });
  const worker = new Worker(name, async (job) => {
    started.set(job.id, Date.now());
    if (started.size === dues.length) resolveAll();
  }, { connection, prefix: 'bullbench', concurrency: 50 });
  await worker.waitUntilReady();
  const now = Date.now();
  await queue.addBulk(dues.map((due, i) => ({
    name: 'timer', data: { due }, opts: { jobId: `${name}-${i}`, delay: due - now,
      removeOnComplete: true },
  })));
  await Promise.race([all, new Promise((r) => setTimeout(r, 120000))]);
  const late = dues.map((due, i) => (started.get(`${name}-${i}`) ?? NaN) - due)
    .filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  await worker.close();
  await queue.obliterate({ force: true }).catch(() => {});
  await queue.close();
  return late;
}

async function main() {
  const a = args();
  const [host, port] = a.redis.split(':');
  const connection = { host, port: Number(port), db: a.db, maxRetriesPerRequest: null };

  const n = a.rate * a.seconds;
  const t0 = Date.now() + a.lead;
  const paced = await run(connection, 'paced', Array.from({ length: n },
    (_, i) => t0 + Math.round((i * 1000) / a.rate)));
  const t1 = Date.now() + a.lead;
  const burst = await run(connection, 'burst', Array.from({ length: a.burst }, () => t1));
  const drainMs = burst.length ? burst[burst.length - 1] : 0;
  console.log(JSON.stringify({
    timers: paced.length, early: paced.filter((v) => v < 0).length,
    p50_ms: percentile(paced, 50), p99_ms: percentile(paced, 99), max_ms: paced.at(-1) ?? 0,
    burst: burst.length, drain_ms: drainMs,
    drain_per_s: drainMs > 0 ? (burst.length * 1000) / drainMs : 0,
  }));
}

main().catch((err) => { console.error(err.message); process.exit(1); });
