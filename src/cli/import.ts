/** `jjj import`: load the feeds (importing into SQLite when changed) and print the report. */
import { FEED_OPTIONS, load, parse, splitFeeds } from './common.js';

export async function runImport(args: string[]): Promise<number> {
  const { values } = parse(splitFeeds(args), FEED_OPTIONS);
  const loaded = await load(values);
  const stats = loaded.network.stats();
  const mem = process.memoryUsage();
  const out = {
    db: loaded.dbPath,
    reused: loaded.reused,
    timings: { importMs: Math.round(loaded.timings.importMs), compileMs: Math.round(loaded.timings.compileMs) },
    network: stats,
    memory: { rssMB: Math.round(mem.rss / 2 ** 20), heapUsedMB: Math.round(mem.heapUsed / 2 ** 20), arrayBuffersMB: Math.round(mem.arrayBuffers / 2 ** 20) },
    report: loaded.report,
  };
  if (values.json) {
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
    return 0;
  }
  const lines = [
    `database  ${out.db}${out.reused ? ' (reused: feeds unchanged)' : ''}`,
    `import    ${out.timings.importMs} ms   compile ${out.timings.compileMs} ms   rss ${out.memory.rssMB} MB`,
    `network   ${stats.stops} stops, ${stats.routes} routes (${stats.patterns} patterns), ${stats.trips} trips, ${stats.stopTimes} stop times, ${stats.footpaths} footpaths`,
  ];
  for (const f of loaded.report.feeds) lines.push(`feed      ${f.name}: ${f.startDate} … ${f.endDate} (${f.timezone})`);
  if (loaded.report.issues.length === 0) lines.push('report    no issues');
  for (const i of loaded.report.issues)
    lines.push(`${i.severity.padEnd(8)}  ${i.feed}/${i.file}${i.line !== undefined ? `:${i.line}` : ''}  ${i.code} ×${i.count}  ${i.message}`);
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}
