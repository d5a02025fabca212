/**
 * Feed sources: a directory of GTFS .txt files or a .zip (files at the top level or in a single
 * sub-folder). Gives the file list, read streams and a cheap change fingerprint.
 */
import { createHash } from 'node:crypto';
import { createReadStream, type Stats } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import StreamZip from 'node-stream-zip';
import { FeedError } from './report.js';

export interface FeedSource {
  /** Feed name (namespace of its ids). */
  name: string;
  /** Path as given by the caller. */
  path: string;
  /** Base names of the .txt files present, e.g. `stops.txt`. */
  files: Set<string>;
  /** Byte stream of one file of `files`. */
  open(file: string): Promise<AsyncIterable<Buffer>>;
  close(): Promise<void>;
}

/** Feed name of a path: the directory or zip base name without `.zip`; ':' is not allowed. */
export function feedNameOf(feedPath: string): string {
  const base = path.basename(path.resolve(feedPath)).replace(/\.zip$/i, '');
  return base.replace(/[:\s]/g, '_') || 'feed';
}

/** Open a feed directory or zip; throws FeedError when the path is missing or unreadable. */
export async function openSource(feedPath: string, name: string): Promise<FeedSource> {
  let st: Stats;
  try {
    st = await stat(feedPath);
  } catch {
    throw new FeedError(name, '', 'unreadable', `path does not exist: ${feedPath}`);
  }
  if (st.isDirectory()) {
    const files = new Set((await readdir(feedPath)).filter((f) => f.endsWith('.txt')));
    return {
      name,
      path: feedPath,
      files,
      open: async (file) => createReadStream(path.join(feedPath, file), { highWaterMark: 1 << 20 }),
      close: async () => {},
    };
  }
  return openZip(feedPath, name);
}

async function openZip(feedPath: string, name: string): Promise<FeedSource> {
  const zip = new StreamZip.async({ file: feedPath });
  const byBase = new Map<string, string>();
  try {
    const entries = Object.values(await zip.entries()).filter(
      (e) => !e.isDirectory && e.name.endsWith('.txt') && !e.name.startsWith('__MACOSX/'),
    );
    const dirs = new Set(entries.map((e) => path.posix.dirname(e.name)));
    // Top-level files win; else a single sub-folder (as node-gtfs accepts).
    const dir = dirs.has('.') ? '.' : dirs.size === 1 ? [...dirs][0] : undefined;
    for (const e of entries) if (path.posix.dirname(e.name) === dir) byBase.set(path.posix.basename(e.name), e.name);
  } catch (e) {
    await zip.close().catch(() => {});
    throw new FeedError(name, '', 'unreadable', `cannot read zip ${feedPath}: ${(e as Error).message}`);
  }
  return {
    name,
    path: feedPath,
    files: new Set(byBase.keys()),
    open: async (file) => {
      const entry = byBase.get(file);
      if (entry === undefined) throw new FeedError(name, file, 'missing_file', 'not in the zip');
      return (await zip.stream(entry)) as AsyncIterable<Buffer>;
    },
    close: () => zip.close(),
  };
}

/** Files larger than this are fingerprinted by size, mtime and their first and last 64 KiB. */
const FULL_HASH_LIMIT = 4 << 20;
const SAMPLE = 64 << 10;

/**
 * Fingerprint of a feed path: names, sizes, mtimes and a content hash (full for small files,
 * head + tail for large ones) of every file. Changes whenever a file is touched or edited.
 */
export async function fingerprintPath(feedPath: string): Promise<string> {
  const hash = createHash('sha256');
  let st: Stats;
  try {
    st = await stat(feedPath);
  } catch {
    throw new FeedError(feedNameOf(feedPath), '', 'unreadable', `path does not exist: ${feedPath}`);
  }
  const files = st.isDirectory()
    ? (await readdir(feedPath)).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(feedPath, f))
    : [feedPath];
  for (const file of files) {
    const fst = await stat(file);
    hash.update(`${path.basename(file)}\u0000${fst.size}\u0000${fst.mtimeMs}\u0000`);
    await hashContent(file, fst.size, hash);
  }
  return hash.digest('hex');
}

async function hashContent(file: string, size: number, hash: ReturnType<typeof createHash>): Promise<void> {
  const fh = await open(file, 'r');
  try {
    if (size <= FULL_HASH_LIMIT) {
      hash.update(await fh.readFile());
      return;
    }
    const buf = Buffer.alloc(SAMPLE);
    await fh.read(buf, 0, SAMPLE, 0);
    hash.update(buf);
    await fh.read(buf, 0, SAMPLE, size - SAMPLE);
    hash.update(buf);
  } finally {
    await fh.close();
  }
}
