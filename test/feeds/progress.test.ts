import { describe, expect, it } from 'vitest';
import { Progress } from '../../src/feeds/progress.js';

function fakeStream(): { stream: NodeJS.WriteStream; out: string[] } {
  const out: string[] = [];
  return { out, stream: { write: (s: string) => out.push(s) } as unknown as NodeJS.WriteStream };
}

describe('Progress', () => {
  it('draws transient status lines and permanent lines when enabled', () => {
    const { stream, out } = fakeStream();
    const p = new Progress(true, undefined, stream);
    p.status('scanning stops.txt', true);
    p.status('throttled'); // within 200 ms of the previous one
    p.info('done');
    expect(out).toEqual(['\r\x1b[2Kscanning stops.txt', '\r\x1b[2K', 'done\n']);
  });

  it('is silent when disabled; permanent lines go to log', () => {
    const { stream, out } = fakeStream();
    const lines: string[] = [];
    const p = new Progress(false, (l) => lines.push(l), stream);
    p.status('x', true);
    p.info('imported');
    p.clear();
    expect(out).toEqual([]);
    expect(lines).toEqual(['imported']);
  });
});
