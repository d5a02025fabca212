import { describe, expect, it } from 'vitest';
import { csvLine, readCsv } from '../../src/feeds/csv.js';

async function parse(chunks: string[]): Promise<[string[], number][]> {
  const rows: [string[], number][] = [];
  async function* source(): AsyncIterable<Buffer> {
    for (const c of chunks) yield Buffer.from(c);
  }
  await readCsv(source(), (f, line) => rows.push([f, line]));
  return rows;
}

describe('readCsv', () => {
  it('splits plain lines, trims, skips blank lines, handles BOM and CRLF', async () => {
    expect(await parse(['\uFEFFa,b\r\n 1 , 2\r\n\r\n3,4'])).toEqual([
      [['a', 'b'], 1],
      [['1', '2'], 2],
      [['3', '4'], 4],
    ]);
  });

  it('handles quotes, escaped quotes, commas and newlines inside quotes', async () => {
    expect(await parse(['id,name\n1,"a, ""b"""\n2,"multi\nline",x\n3,c"d\n'])).toEqual([
      [['id', 'name'], 1],
      [['1', 'a, "b"'], 2],
      [['2', 'multi\nline', 'x'], 3],
      [['3', 'c"d'], 5],
    ]);
  });

  it('is independent of chunk boundaries', async () => {
    const text = 'h1,h2\n"x,\ny",2\nplain,3\n"q""",4\n';
    const whole = await parse([text]);
    for (let cut = 1; cut < text.length; cut++) {
      expect(await parse([text.slice(0, cut), text.slice(cut)])).toEqual(whole);
    }
    // multi-byte characters split across chunks
    const bytes = Buffer.from('a\n北京,天津\n');
    const rows: string[][] = [];
    async function* split(): AsyncIterable<Buffer> {
      for (let i = 0; i < bytes.length; i++) yield bytes.subarray(i, i + 1);
    }
    await readCsv(split(), (f) => rows.push(f));
    expect(rows).toEqual([['a'], ['北京', '天津']]);
  });

  it('csvLine quotes only when needed', () => {
    expect(csvLine(['a', 'b,c', 'd"e', ''])).toBe('a,"b,c","d""e",');
  });
});
