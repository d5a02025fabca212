/**
 * Progress and log output of a feed load. Transient status lines are drawn on stderr only when
 * progress is enabled (a TTY by default); permanent lines go to the caller's `log`, or to stderr
 * when progress is enabled and no `log` was given. Nothing is ever written to stdout.
 */

/** Minimum milliseconds between two redraws of the status line. */
const REDRAW_MS = 200;

export class Progress {
  private last = 0;
  private shown = false;

  constructor(
    private readonly enabled: boolean,
    private readonly log?: (line: string) => void,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  /** Transient status (throttled; `force` draws it now). */
  status(text: string, force = false): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (!force && now - this.last < REDRAW_MS) return;
    this.last = now;
    this.stream.write(`\r\x1b[2K${text.replace(/[\r\n]+/g, ' ').trim().slice(0, 160)}`);
    this.shown = true;
  }

  /** Permanent log line. */
  info(line: string): void {
    this.clear();
    if (this.log !== undefined) this.log(line);
    else if (this.enabled) this.stream.write(`${line}\n`);
  }

  /** Remove the status line. */
  clear(): void {
    if (!this.shown) return;
    this.stream.write('\r\x1b[2K');
    this.shown = false;
  }
}
