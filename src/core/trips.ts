/**
 * The trips of a network, columnar: numbers in typed arrays, repeated strings (headsigns, short
 * names, the `feed:` part of ids) pooled once, and trip ids as UTF-8 bytes in one buffer. A city
 * feed has 300k trips: as one object each (header, seven fields, an id string) they cost ≈ 150
 * bytes apiece, a third of the heap of a loaded New York; columnar ≈ 60, most of it the id bytes.
 *
 * `get(t)` gives a trip as a fresh TripInput object (for output and tests); the per-field methods
 * read a single column without allocating. `indexOf(id)` finds a trip by id through a hash table
 * over the id bytes, so looking trips up (realtime matching) needs no map of 300k strings.
 */
import type { FrequencyInput, TripInput } from './input.js';

const NONE = -0x80000000;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Builds a TripTable one trip at a time (columns grow by doubling). */
export class TripTableBuilder {
  private n = 0;
  private route: Int32Array;
  private service: Int32Array;
  private shape: Int32Array;
  private seqStart: Int32Array;
  private direction: Int8Array;
  private headsign: Int32Array;
  private shortName: Int32Array;
  private prefix: Uint16Array;
  private idOffset: Int32Array;
  private idBytes: Uint8Array;
  private idLength = 0;
  private readonly strings: string[] = [];
  private readonly stringIndex = new Map<string, number>();
  private readonly prefixes: string[] = [];
  private readonly prefixIndex = new Map<string, number>();
  private readonly frequencies = new Map<number, FrequencyInput[]>();

  constructor(capacity = 1024) {
    const c = Math.max(16, capacity);
    this.route = new Int32Array(c);
    this.service = new Int32Array(c);
    this.shape = new Int32Array(c);
    this.seqStart = new Int32Array(c);
    this.direction = new Int8Array(c);
    this.headsign = new Int32Array(c);
    this.shortName = new Int32Array(c);
    this.prefix = new Uint16Array(c);
    this.idOffset = new Int32Array(c + 1);
    this.idBytes = new Uint8Array(c * 24);
  }

  get length(): number {
    return this.n;
  }

  private pooled(s: string): number {
    let i = this.stringIndex.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.stringIndex.set(s, i);
    }
    return i;
  }

  /** Append a trip; returns its index. */
  add(trip: TripInput): number {
    const t = this.n;
    if (t === this.route.length) this.grow();
    this.route[t] = trip.route;
    this.service[t] = trip.service;
    this.shape[t] = trip.shape;
    this.seqStart[t] = trip.stopSequenceStart ?? NONE;
    this.direction[t] = trip.directionId ?? -1;
    this.headsign[t] = this.pooled(trip.headsign);
    this.shortName[t] = trip.shortName === undefined ? -1 : this.pooled(trip.shortName);
    // the `feed:` part of a namespaced id is pooled, the rest kept as bytes
    const colon = trip.id.indexOf(':');
    const pre = trip.id.slice(0, colon + 1);
    let p = this.prefixIndex.get(pre);
    if (p === undefined) {
      if (this.prefixes.length > 0xffff) throw new Error('more than 65,536 distinct trip-id prefixes (feeds)');
      this.prefixIndex.set(pre, (p = this.prefixes.length));
      this.prefixes.push(pre);
    }
    this.prefix[t] = p;
    const rest = trip.id.slice(colon + 1);
    if (this.idLength + rest.length * 3 > this.idBytes.length) {
      const b = new Uint8Array(Math.max(this.idBytes.length * 2, this.idLength + rest.length * 3));
      b.set(this.idBytes.subarray(0, this.idLength));
      this.idBytes = b;
    }
    this.idLength += encoder.encodeInto(rest, this.idBytes.subarray(this.idLength)).written;
    this.idOffset[t + 1] = this.idLength;
    if (trip.frequencies !== undefined) this.frequencies.set(t, trip.frequencies);
    return (this.n = t + 1) - 1;
  }

  private grow(): void {
    const c = this.route.length * 2;
    const g = <T extends Int32Array | Int8Array | Uint16Array>(a: T, make: (n: number) => T): T => {
      const b = make(c);
      b.set(a);
      return b;
    };
    this.route = g(this.route, (n) => new Int32Array(n));
    this.service = g(this.service, (n) => new Int32Array(n));
    this.shape = g(this.shape, (n) => new Int32Array(n));
    this.seqStart = g(this.seqStart, (n) => new Int32Array(n));
    this.direction = g(this.direction, (n) => new Int8Array(n));
    this.headsign = g(this.headsign, (n) => new Int32Array(n));
    this.shortName = g(this.shortName, (n) => new Int32Array(n));
    this.prefix = g(this.prefix, (n) => new Uint16Array(n));
    const o = new Int32Array(c + 1);
    o.set(this.idOffset);
    this.idOffset = o;
  }

  /** The table (columns trimmed to size); the builder is spent. */
  finish(): TripTable {
    const n = this.n;
    return new TripTable({
      route: this.route.slice(0, n),
      service: this.service.slice(0, n),
      shape: this.shape.slice(0, n),
      seqStart: this.seqStart.slice(0, n),
      direction: this.direction.slice(0, n),
      headsign: this.headsign.slice(0, n),
      shortName: this.shortName.slice(0, n),
      prefix: this.prefix.slice(0, n),
      idOffset: this.idOffset.slice(0, n + 1),
      idBytes: this.idBytes.slice(0, this.idLength),
      strings: this.strings,
      prefixes: this.prefixes,
      frequencies: this.frequencies,
    });
  }
}

/** A TripTable's data: plain typed arrays, strings and a Map (what a structured clone keeps). */
export interface TripColumns {
  route: Int32Array;
  service: Int32Array;
  shape: Int32Array;
  seqStart: Int32Array;
  direction: Int8Array;
  headsign: Int32Array;
  shortName: Int32Array;
  prefix: Uint16Array;
  idOffset: Int32Array;
  idBytes: Uint8Array;
  strings: string[];
  prefixes: string[];
  frequencies: Map<number, FrequencyInput[]>;
}

/** The trips of a NetworkInput (see the file comment). Read-only. */
export class TripTable {
  readonly length: number;
  private readonly c: TripColumns;
  /** Open-addressing hash of id bytes → trip + 1 (0 = empty), built on the first indexOf. */
  private hash: Int32Array | null = null;

  constructor(c: TripColumns) {
    this.c = c;
    this.length = c.route.length;
  }

  /** The table's data, to post to another thread (`new TripTable(columns)` there). */
  columns(): TripColumns {
    return this.c;
  }

  static from(trips: Iterable<TripInput>, capacity?: number): TripTable {
    const b = new TripTableBuilder(capacity);
    for (const t of trips) b.add(t);
    return b.finish();
  }

  /** A table with no trips. */
  static empty(): TripTable {
    return new TripTableBuilder(0).finish();
  }

  /** Index into NetworkInput.routes. */
  route(t: number): number {
    return this.c.route[t];
  }

  /** Index into NetworkInput.services. */
  service(t: number): number {
    return this.c.service[t];
  }

  /** Index into NetworkInput.shapes, or −1. */
  shape(t: number): number {
    return this.c.shape[t];
  }

  /** Namespaced id `feed:trip_id`. */
  id(t: number): string {
    const o = this.c.idOffset;
    return this.c.prefixes[this.c.prefix[t]] + decoder.decode(this.c.idBytes.subarray(o[t], o[t + 1]));
  }

  headsign(t: number): string {
    return this.c.strings[this.c.headsign[t]];
  }

  shortName(t: number): string | undefined {
    const i = this.c.shortName[t];
    return i < 0 ? undefined : this.c.strings[i];
  }

  directionId(t: number): number | undefined {
    const d = this.c.direction[t];
    return d < 0 ? undefined : d;
  }

  /** TripInput.stopSequenceStart. */
  stopSequenceStart(t: number): number | undefined {
    const s = this.c.seqStart[t];
    return s === NONE ? undefined : s;
  }

  frequencies(t: number): FrequencyInput[] | undefined {
    return this.c.frequencies.get(t);
  }

  /** Trip t as a fresh object. */
  get(t: number): TripInput {
    if (!(t >= 0 && t < this.length)) throw new RangeError(`no trip ${t} (${this.length} trips)`);
    const trip: TripInput = { id: this.id(t), route: this.route(t), service: this.service(t), headsign: this.headsign(t), shape: this.shape(t) };
    const sn = this.shortName(t);
    if (sn !== undefined) trip.shortName = sn;
    const d = this.directionId(t);
    if (d !== undefined) trip.directionId = d;
    const s = this.stopSequenceStart(t);
    if (s !== undefined) trip.stopSequenceStart = s;
    const f = this.frequencies(t);
    if (f !== undefined) trip.frequencies = f;
    return trip;
  }

  *[Symbol.iterator](): IterableIterator<TripInput> {
    for (let t = 0; t < this.length; t++) yield this.get(t);
  }

  map<T>(f: (trip: TripInput, t: number) => T): T[] {
    const out: T[] = new Array<T>(this.length);
    for (let t = 0; t < this.length; t++) out[t] = f(this.get(t), t);
    return out;
  }

  forEach(f: (trip: TripInput, t: number) => void): void {
    for (let t = 0; t < this.length; t++) f(this.get(t), t);
  }

  /** The trip with this (namespaced) id, or −1 (the first one when ids repeat). */
  indexOf(id: string): number {
    const colon = id.indexOf(':');
    const p = this.c.prefixes.indexOf(id.slice(0, colon + 1));
    if (p < 0 || this.length === 0) return -1;
    const key = encoder.encode(id.slice(colon + 1));
    const h = this.table();
    const mask = h.length - 1;
    for (let i = hashBytes(key, 0, key.length) & mask; ; i = (i + 1) & mask) {
      const e = h[i];
      if (e === 0) return -1;
      if (this.c.prefix[e - 1] === p && this.bytesEqual(e - 1, key)) return e - 1;
    }
  }

  private bytesEqual(t: number, key: Uint8Array): boolean {
    const o = this.c.idOffset;
    const a = o[t];
    if (o[t + 1] - a !== key.length) return false;
    const b = this.c.idBytes;
    for (let i = 0; i < key.length; i++) if (b[a + i] !== key[i]) return false;
    return true;
  }

  private table(): Int32Array {
    if (this.hash !== null) return this.hash;
    let size = 16;
    while (size < this.length * 2) size *= 2;
    const h = new Int32Array(size);
    const o = this.c.idOffset;
    const b = this.c.idBytes;
    const mask = size - 1;
    // later duplicates go after earlier ones in the probe sequence, so indexOf finds the first
    for (let t = 0; t < this.length; t++) {
      let i = hashBytes(b, o[t], o[t + 1]) & mask;
      while (h[i] !== 0) i = (i + 1) & mask;
      h[i] = t + 1;
    }
    return (this.hash = h);
  }
}

/** FNV-1a over bytes a … b−1. */
function hashBytes(bytes: Uint8Array, a: number, b: number): number {
  let h = 0x811c9dc5;
  for (let i = a; i < b; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}
