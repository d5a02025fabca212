/**
 * A chunk of output built as UTF-8 bytes line by line. Encoding each line as it is made is several
 * times faster than encoding one long concatenated string (which V8 must first flatten), and the
 * result owns its ArrayBuffer, so a pool worker can transfer it to the main thread uncopied.
 */
const utf8 = new TextEncoder();

export class Utf8Lines {
  private buf = new Uint8Array(1 << 16);
  private length = 0;

  /** Appends `text` and then a newline. */
  line(text: string): void {
    const need = this.length + text.length * 3 + 1; // at most 3 bytes per UTF-16 unit
    if (need > this.buf.length) {
      const grown = new Uint8Array(Math.max(need, this.buf.length * 2));
      grown.set(this.buf.subarray(0, this.length));
      this.buf = grown;
    }
    this.length += utf8.encodeInto(text, this.buf.subarray(this.length)).written;
    this.buf[this.length++] = 10;
  }

  /** The bytes so far (a copy with its own buffer), and a fresh start. */
  take(): Uint8Array {
    const out = this.buf.slice(0, this.length);
    this.length = 0;
    return out;
  }
}
