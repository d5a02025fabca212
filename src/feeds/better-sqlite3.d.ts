/**
 * Minimal typings for better-sqlite3 (installed with node-gtfs; @types/better-sqlite3 is not
 * installed). Only what src/feeds uses. Remove this file if @types/better-sqlite3 is added.
 */
declare module 'better-sqlite3' {
  namespace Database {
    interface RunResult {
      changes: number;
      lastInsertRowid: number | bigint;
    }
    interface Statement {
      run(...params: unknown[]): RunResult;
      get(...params: unknown[]): unknown;
      all(...params: unknown[]): unknown[];
      iterate(...params: unknown[]): IterableIterator<unknown>;
      /** Rows as arrays instead of objects. */
      raw(toggle?: boolean): this;
      /** Only the first column of each row. */
      pluck(toggle?: boolean): this;
    }
    interface Options {
      readonly?: boolean;
      fileMustExist?: boolean;
    }
    interface Database {
      readonly name: string;
      readonly open: boolean;
      prepare(sql: string): Statement;
      exec(sql: string): this;
      pragma(source: string, options?: { simple?: boolean }): unknown;
      transaction<F extends (...args: never[]) => unknown>(fn: F): F;
      close(): this;
    }
  }
  const Database: new (filename: string, options?: Database.Options) => Database.Database;
  export = Database;
}
