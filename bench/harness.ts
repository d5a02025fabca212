/**
 * Shared benchmark plumbing: seeded query sets, a tinybench run that cycles through them, and
 * percentile/checksum reporting.
 */
import { Bench } from 'tinybench';
import os from 'node:os';
import { seededRandom } from '../src/core/isochrone.js';

/** The seeded PRNG the core uses for isochrone sampling (mulberry32). */
export const mulberry32 = seededRandom;

export interface Row {
  suite: string;
  task: string;
  queries: number;
  p50: number;
  p90: number;
  p99: number;
  mean: number;
  checksum: string;
}

export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** FNV-1a over the numbers, as hex: equal answers give equal checksums across runs and machines. */
export function checksum(values: Iterable<number>): string {
  let h = 0x811c9dc5;
  for (const v of values) {
    const s = String(v);
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h ^= 0x2c;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * Time `run(query)` over the seeded queries (each at least once, in order, cycling), after a
 * warm-up; the answers' checksum is computed in a separate untimed pass with `answer`.
 */
export async function measure<Q>(
  suite: string,
  task: string,
  queries: Q[],
  run: (q: Q) => unknown,
  answer: (q: Q) => number[],
  minTimeMs = 2000,
): Promise<Row> {
  const sums: number[] = [];
  for (const q of queries) sums.push(...answer(q));
  let i = 0;
  const bench = new Bench({ name: suite, time: minTimeMs, iterations: queries.length, warmup: true, retainSamples: true });
  bench.add(task, () => {
    run(queries[i]);
    i = (i + 1) % queries.length;
  });
  await bench.run();
  const res = bench.tasks[0].result as unknown as { latency: { samples?: number[]; mean: number } };
  const samples = [...(res.latency.samples ?? [])].sort((a, b) => a - b);
  return {
    suite,
    task,
    queries: queries.length,
    p50: quantile(samples, 0.5),
    p90: quantile(samples, 0.9),
    p99: quantile(samples, 0.99),
    mean: res.latency.mean,
    checksum: checksum(sums),
  };
}

export function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `Node ${process.version}, ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.arch()}`;
}

export function printRows(rows: Row[]): void {
  const f = (x: number) => (x < 10 ? x.toFixed(3) : x.toFixed(1));
  console.log('| suite | task | queries | p50 ms | p90 ms | p99 ms | mean ms | checksum |');
  console.log('|---|---|---:|---:|---:|---:|---:|---|');
  for (const r of rows) console.log(`| ${r.suite} | ${r.task} | ${r.queries} | ${f(r.p50)} | ${f(r.p90)} | ${f(r.p99)} | ${f(r.mean)} | ${r.checksum} |`);
}

/** The median of `xs` (the mean of the middle two for an even count). */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
