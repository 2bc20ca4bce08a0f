/**
 * What a command may touch, passed in: standard input, files and the clock come through {@link Io},
 * and a command answers with a {@link Result} instead of writing or exiting. `main.ts` is the one
 * file that gives them the real process; tests give them memory.
 * @module
 */

/** What a command answers: its output, its messages and its exit status (0, 1 no match, 2 misuse). */
export interface Result {
  stdout: string;
  stderr: string;
  status: number;
}

/**
 * The world as a command sees it. Each method throws an error with a `code` (`'ENOENT'`,
 * `'EISDIR'`, `'EEXIST'`, …) when the operating system refuses.
 */
export interface Io {
  /**
   * Standard input, read whole. With `secret` (a password, a key, a PIN), standard input that is
   * a terminal is asked for it instead: the prompt on standard error, one line read with echo
   * off (the secret never appears on the screen). Ctrl-C there is the error code `ECANCELED`.
   */
  stdin(secret?: { prompt: string }): Uint8Array;
  /** A file's bytes. */
  readFile(path: string): Uint8Array;
  /** Writes a new file, readable by its owner only; an existing file is never overwritten (`EEXIST`). */
  writeFile(path: string, data: string | Uint8Array): void;
  /** The current time, milliseconds since the Unix epoch. */
  now(): number;
}

/** A misuse of the command line itself (unknown command, missing argument): exit 2, `oathkit: USAGE: …`. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The longest text of a file name or an argument quoted in a message. */
const QUOTED = 60;

/** A file name or argument for a message: JSON-quoted, cut to a readable length. */
export function quoted(text: string): string {
  return JSON.stringify(text.length > QUOTED ? `${text.slice(0, QUOTED)}…` : text);
}

/** The `code` of an operating-system error, or `'an error'`. */
export function errnoOf(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'an error';
}

const UTF8 = /* @__PURE__ */ new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * One run's access to the world: standard input serves one argument only (a second `-` is misuse,
 * named), text is strict UTF-8, files are read and written through {@link Io}.
 */
export class Context {
  private stdinReader: string | undefined;

  constructor(readonly io: Io) {}

  /** The current time (the clock is a parameter, so tests fix it). */
  now(): number {
    return this.io.now();
  }

  /**
   * Standard input's bytes, for the argument `name` given as `-`; a secret's is asked for without
   * echo when standard input is a terminal.
   */
  stdinBytes(name: string, { secret = false } = {}): Uint8Array {
    if (this.stdinReader !== undefined) {
      throw new UsageError(`only one argument can be read from standard input (${this.stdinReader} already was, so ${name} cannot)`);
    }
    this.stdinReader = name;
    try {
      return secret ? this.io.stdin({ prompt: `${name}: ` }) : this.io.stdin();
    } catch (e) {
      const code = errnoOf(e);
      if (code === 'ECANCELED') throw new UsageError(`${name}: cancelled`);
      const what = code === 'EISDIR' ? 'it is a directory' : `${code} reading it`;
      throw new UsageError(`${name} is - but standard input cannot be read (${what}): give it a file or a pipe`);
    }
  }

  /**
   * Standard input as text for the argument `name`, taken as it is less one final line break
   * (`echo` and here-strings add it): spaces are part of a PIN.
   */
  stdinText(name: string, options: { secret?: boolean } = {}): string {
    return utf8(this.stdinBytes(name, options), `${name} from standard input`).replace(/\r?\n$/, '');
  }

  /** An argument that may be `-`: its text, or standard input's (a secret's asked for without echo on a terminal). */
  text(value: string, name: string, options: { secret?: boolean } = {}): string {
    return value === '-' ? this.stdinText(name, options) : value;
  }

  /** A file's bytes; a file that cannot be read is misuse, named. */
  readFile(path: string, name: string): Uint8Array {
    try {
      return this.io.readFile(path);
    } catch (e) {
      throw unreadable(e, path, name);
    }
  }

  /** Writes a new file (owner-only; never over an existing one). */
  writeFile(path: string, data: string | Uint8Array, name: string): void {
    try {
      this.io.writeFile(path, data);
    } catch (e) {
      const code = errnoOf(e);
      const what = code === 'EEXIST' ? 'it exists, and oathkit does not overwrite files' : code === 'ENOENT' ? 'no such folder' : code;
      throw new UsageError(`${name} ${quoted(path)} cannot be written (${what})`);
    }
  }
}

/** The misuse of naming a file that cannot be read, and why. */
export function unreadable(e: unknown, path: string, name: string): UsageError {
  const code = errnoOf(e);
  const what = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EFBIG' ? 'it is too large' : code;
  return new UsageError(`${name} ${quoted(path)} cannot be read (${what})`);
}

/** Strict UTF-8 (a byte-order mark is dropped): text that is not UTF-8 is misuse, never U+FFFD. */
export function utf8(bytes: Uint8Array, what: string): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    throw new UsageError(`${what} is not UTF-8 text`);
  }
}
