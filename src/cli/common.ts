/** Shared CLI plumbing: flag parsing, loading with progress, error types. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadNetwork, type Loaded } from '../app/load.js';
import { langTag, ParamError } from '../app/params.js';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const FEED_OPTIONS = {
  feeds: { type: 'string', multiple: true },
  db: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;

/** node:util parseArgs, with its errors turned into UsageError. */
export function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, positionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals: positionals, strict: true });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

/** `--feeds a b` as well as `--feeds a --feeds b`: gather the positionals that follow --feeds. */
export function splitFeeds(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    out.push(args[i]);
    if (args[i] === '--feeds') {
      while (i + 2 < args.length && !args[i + 2].startsWith('-')) {
        out.push(args[i + 1], '--feeds');
        i++;
      }
    }
  }
  return out;
}

export async function load(values: { feeds?: string[] | undefined; db?: string | undefined }): Promise<Loaded> {
  const tty = process.stderr.isTTY === true;
  const loaded = await loadNetwork({
    ...(values.feeds !== undefined ? { feeds: values.feeds } : {}),
    ...(values.db !== undefined ? { db: values.db } : {}),
    progress: tty,
    log: (line) => {
      if (tty) process.stderr.write(line + '\n');
    },
  });
  const errors = loaded.report.issues.filter((i) => i.severity === 'error').length;
  const warnings = loaded.report.issues.length - errors;
  if (tty && (errors > 0 || warnings > 0))
    process.stderr.write(`import: ${errors} error kinds, ${warnings} warning kinds (run \`jjj import\` for the report)\n`);
  return loaded;
}

/** `--lang` (the language of alert texts): a language tag, or a UsageError naming the flag. */
export function langFlag(text: string | undefined): string | undefined {
  try {
    return langTag(text);
  } catch (err) {
    if (err instanceof ParamError) throw new UsageError(`--lang: ${err.message}`);
    throw err;
  }
}
