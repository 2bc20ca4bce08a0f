// What a command may touch (src/cli/_io.ts), at its edges: each operating-system refusal of
// standard input, reading and writing named in the message with its errno code, standard input
// as text (strict UTF-8, a byte-order mark dropped, one final line break taken off), secrets the
// only input asked for at a prompt, and quoted names cut to a readable length. In memory.
import { describe, expect, test } from 'vitest';
import { Context, errnoOf, type Io, quoted, unreadable, UsageError, utf8 } from '../../src/cli/_io.ts';
import { memoryIo, run } from './cli-io.ts';

const errno = (code: string) => Object.assign(new Error(code), { code });
/** The message of the UsageError a call throws (it fails the test if the call throws anything else). */
const usage = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error('no UsageError');
};
/** An Io whose every access fails with `error`. */
const failing = (error: unknown): Io => ({
  stdin: () => {
    throw error;
  },
  readFile: () => {
    throw error;
  },
  writeFile: () => {
    throw error;
  },
  now: () => 0,
});

describe('misuse of the command line', () => {
  test('is a UsageError, named so', () => {
    const e = new UsageError('x');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('UsageError');
  });
});

describe('quoted and errnoOf', () => {
  test('a name is JSON-quoted whole up to 60 characters, cut with … past that', () => {
    expect(quoted('a'.repeat(60))).toBe(`"${'a'.repeat(60)}"`);
    expect(quoted('a'.repeat(61))).toBe(`"${'a'.repeat(60)}…"`);
    expect(quoted('b'.repeat(1000))).toBe(`"${'b'.repeat(60)}…"`);
    expect(quoted('a\n"b')).toBe('"a\\n\\"b"');
  });
  test("an error's code when it is text; otherwise 'an error'", () => {
    expect(errnoOf(errno('EACCES'))).toBe('EACCES');
    for (const e of [null, undefined, new Error('x'), { code: 13 }, 'ENOENT']) expect(errnoOf(e), String(e)).toBe('an error');
  });
});

describe('standard input', () => {
  test('each refusal in the words of the argument: cancelled, a directory, its errno code', () => {
    const read = (error: unknown) => usage(() => new Context(failing(error)).stdinBytes('KEY', { secret: true }));
    expect(read(errno('ECANCELED'))).toMatch(/^KEY: cancelled$/);
    expect(read(errno('EISDIR'))).toMatch(/^KEY is - but .*\(it is a directory\)/);
    expect(read(errno('EIO'))).toMatch(/^KEY is - but .*\(EIO reading it\)/);
    expect(read(new Error('no code'))).toMatch(/\(an error reading it\)/);
  });
  test('Ctrl-C at the prompt is exit status 2 with USAGE', async () => {
    const r = await run(['totp', '-'], { stdin: errno('ECANCELED') });
    expect(r.status).toBe(2);
    expect(r.err).toMatch(/^oathkit: USAGE: KEY: cancelled\n$/);
  });
  test('only a secret is asked for at a prompt', () => {
    const prompts: string[] = [];
    new Context(memoryIo({ stdin: 'x', prompts }).io).stdinBytes('SOURCE');
    expect(prompts).toEqual([]);
    new Context(memoryIo({ stdin: 'x', prompts }).io).stdinBytes('--pin', { secret: true });
    expect(prompts).toEqual(['--pin: ']);
  });
  test('as text: one final line break taken off, no other; a byte-order mark dropped', () => {
    const text = (input: string | Uint8Array) => new Context(memoryIo({ stdin: input }).io).stdinText('TEXT');
    expect(text('a\nb\n')).toBe('a\nb');
    expect(text('a\r\n')).toBe('a');
    expect(text('a\n\n')).toBe('a\n');
    expect(text(' 1234 ')).toBe(' 1234 ');
    expect(text(Uint8Array.of(0xef, 0xbb, 0xbf, 0x41))).toBe('A');
    expect(utf8(Uint8Array.of(0xef, 0xbb, 0xbf, 0x41, 0x42), 'x')).toBe('AB');
    expect(usage(() => utf8(Uint8Array.of(0x41, 0xff), 'TEXT from standard input'))).toMatch(/^TEXT from standard input is not UTF-8/);
  });
});

describe('files', () => {
  test('a file that cannot be read: the argument, the quoted name, and why', () => {
    const read = (error: unknown, path = 'a.txt') => usage(() => new Context(failing(error)).readFile(path, 'SOURCE'));
    expect(read(errno('ENOENT'))).toMatch(/^SOURCE "a\.txt" cannot be read \(no such file\)$/);
    expect(read(errno('EISDIR'))).toMatch(/\(it is a directory\)$/);
    expect(read(errno('EFBIG'))).toMatch(/\(it is too large\)$/);
    expect(read(errno('EACCES'))).toMatch(/\(EACCES\)$/);
    expect(read(new Error('?'))).toMatch(/\(an error\)$/);
    expect(read(errno('ENOENT'), 'x'.repeat(80))).toContain(`"${'x'.repeat(60)}…"`);
    expect(unreadable(errno('EFBIG'), 'big', '--in').message).toMatch(/^--in "big" cannot be read \(it is too large\)$/);
    const ok = new Context(memoryIo({ files: { 'a.txt': 'hi' } }).io).readFile('a.txt', 'SOURCE');
    expect(new TextDecoder().decode(ok)).toBe('hi');
  });
  test('a file that cannot be written: the argument, the quoted name, and why', () => {
    const write = (error: unknown) => usage(() => new Context(failing(error)).writeFile('out/x.json', 'data', '--out'));
    expect(write(errno('EEXIST'))).toMatch(/^--out "out\/x\.json" cannot be written \(it exists\b/);
    expect(write(errno('ENOENT'))).toMatch(/\(no such folder\)$/);
    expect(write(errno('EACCES'))).toMatch(/\(EACCES\)$/);
    const { io, files } = memoryIo();
    new Context(io).writeFile('x', 'data', '--out');
    expect(files.text('x')).toBe('data');
  });
});
