// The command line in-process: runCli with standard input, files and the clock in memory (no
// process is started), and the built bin for the few tests that need the real process.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Io } from '../../src/cli/_io.ts';
import { runCli } from '../../src/cli/run.ts';
import { expect } from 'vitest';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const bin = join(root, 'dist', 'cli.js');

const errno = (code: string) => Object.assign(new Error(code), { code });

/** Files in memory, as a folder would hold them; writes refuse an existing name as the real Io does. */
export class MemoryFiles extends Map<string, Uint8Array> {
  text(path: string): string {
    const data = this.get(path);
    if (data === undefined) throw new Error(`no file ${path}`);
    return new TextDecoder().decode(data);
  }
}

export interface MemoryOptions {
  /** Standard input (text or bytes); absent: empty. An Error: reading it fails with that error. */
  stdin?: string | Uint8Array | Error;
  files?: MemoryFiles | Record<string, string | Uint8Array>;
  /** The clock, milliseconds (default 1_700_000_000_000: tests never depend on the real time). */
  now?: number;
  /** Where the prompts of secrets asked for on standard input are recorded (the real bin shows them only on a terminal). */
  prompts?: string[];
}

export function memoryIo(options: MemoryOptions = {}): { io: Io; files: MemoryFiles; stdinReads: () => number } {
  const files = options.files instanceof MemoryFiles ? options.files : new MemoryFiles();
  if (!(options.files instanceof MemoryFiles)) {
    for (const [name, data] of Object.entries(options.files ?? {})) files.set(name, typeof data === 'string' ? new TextEncoder().encode(data) : data);
  }
  let reads = 0;
  const io: Io = {
    stdin(secret) {
      reads++;
      if (secret !== undefined) options.prompts?.push(secret.prompt);
      if (options.stdin instanceof Error) throw options.stdin;
      return typeof options.stdin === 'string' ? new TextEncoder().encode(options.stdin) : (options.stdin ?? new Uint8Array(0));
    },
    readFile(path) {
      const data = files.get(path);
      if (data === undefined) throw errno(path.endsWith('/') ? 'EISDIR' : 'ENOENT');
      return data;
    },
    writeFile(path, data) {
      if (files.has(path)) throw errno('EEXIST');
      files.set(path, typeof data === 'string' ? new TextEncoder().encode(data) : data);
    },
    now: () => options.now ?? 1_700_000_000_000,
  };
  return { io, files, stdinReads: () => reads };
}

/** Runs `oathkit ARGS` in-process: `{ status, out, err }` with output as printed (line breaks kept). */
export async function run(args: string[], options: MemoryOptions = {}) {
  const r = await runCli(args, memoryIo(options).io);
  return { status: r.status, out: r.stdout, err: r.stderr };
}

/**
 * `oathkit NAME --help` exits 0 and prints its usage naming every one of `words`, then an example
 * (`example: oathkit NAME …`) and, indented, the example's output.
 */
export async function expectHelp(name: string, words: readonly string[]) {
  const r = await run([...name.split(' '), '--help']);
  expect(r.status).toBe(0);
  const [usage, example, shown] = r.out.split('\n');
  expect(usage).toMatch(new RegExp(`^usage: oathkit ${name} `));
  for (const w of words) expect(usage).toContain(w);
  expect(example).toMatch(new RegExp(`^example: oathkit ${name} \\S`));
  expect(shown).toMatch(/^ {2}\S/);
}

/**
 * `oathkit ARGS` is refused as misuse or bad input: exit 2, nothing on standard output, one line
 * `oathkit: …` on standard error. Returns that line without the prefix and the line break.
 */
export async function refused(args: string[], stdin?: string | Uint8Array): Promise<string> {
  const r = await run(args, stdin === undefined ? {} : { stdin });
  expect(r.out).toBe('');
  expect(r.status).toBe(2);
  expect(r.err).toMatch(/^oathkit: [^\n]*\n$/);
  return r.err.slice('oathkit: '.length, -1);
}

/** The same with output trimmed, as the older spawning tests compared it. */
export async function cli(args: string[], input?: string) {
  const r = await run(args, input === undefined ? {} : { stdin: input });
  return { status: r.status, out: r.out.trim(), err: r.err.trim() };
}

/** The built bin as a child process (npm test builds dist/ first). */
export function realCli(args: string[], options: { input?: string; stdin?: number } = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    ...(options.stdin === undefined ? { input: options.input ?? '' } : { stdio: [options.stdin, 'pipe', 'pipe'] }),
  });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

/**
 * The words of a shell command line as sh splits them: single quotes, double quotes (with `\"`,
 * `\\`, `\$`), backslash escapes, and the operators `|`, `<`, `>` as words of their own. Enough for
 * the examples in the README and the help; `#` at the start of a word begins a comment; anything
 * else (`$VAR`, globs) is refused.
 */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === ' ' || c === '\t') {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === '|' || c === '<' || c === '>') {
      if (word !== undefined) words.push(word);
      words.push(c);
      word = undefined;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end === -1) throw new Error(`unclosed ' in ${line}`);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      word ??= '';
      // (a double-quoted word: escapes of ", \, $ and ` only, as sh reads them)
      for (i++; line[i] !== '"'; i++) {
        if (i >= line.length) throw new Error(`unclosed " in ${line}`);
        if (line[i] === '$' || line[i] === '`') throw new Error(`no expansions in examples: ${line}`);
        if (line[i] === '\\' && '"\\$`'.includes(line[i + 1]!)) i++;
        word += line[i];
      }
    } else if (c === '\\') {
      word = (word ?? '') + line[++i];
    } else if (c === '#' && word === undefined) {
      break; // a comment, to the end of the line
    } else if (c === '$' || c === '*' || c === '?' || c === '`') {
      throw new Error(`no expansions in examples: ${line}`);
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/**
 * Runs a pipeline of `oathkit` commands as a README example writes it — `[printf '%s' TEXT |]
 * oathkit ARGS [< FILE] [> FILE] [| oathkit ARGS …]` (with or without `npx`) — in-process on one
 * set of memory files. Returns the last command's result; standard error of every stage is kept.
 */
export async function pipeline(line: string, files: MemoryFiles, now?: number) {
  const stages: string[][] = [[]];
  for (const w of shellWords(line)) w === '|' ? stages.push([]) : stages.at(-1)!.push(w);
  let input: string | undefined;
  let result = { status: 0, out: '', err: '' };
  let err = '';
  for (const stage of stages) {
    let words = stage;
    if (words[0] === 'printf') {
      if (words[1] !== '%s' || words.length !== 3) throw new Error(`printf '%s' TEXT only: ${line}`);
      input = words[2];
      continue;
    }
    if (words[0] === 'npx') words = words.slice(1);
    if (words[0] !== 'oathkit') throw new Error(`not an oathkit command: ${line}`);
    words = words.slice(1);
    let stdinFile: string | undefined;
    let stdoutFile: string | undefined;
    for (const op of ['<', '>'] as const) {
      const at = words.indexOf(op);
      if (at !== -1) {
        if (op === '<') stdinFile = words[at + 1];
        else stdoutFile = words[at + 1];
        words = [...words.slice(0, at), ...words.slice(at + 2)];
      }
    }
    const stdin = stdinFile !== undefined ? files.get(stdinFile) : input;
    if (stdinFile !== undefined && stdin === undefined) throw new Error(`no file ${stdinFile} for ${line}`);
    const r = await runCli(words, memoryIo({ ...(stdin === undefined ? {} : { stdin }), files, ...(now === undefined ? {} : { now }) }).io);
    if (stdoutFile !== undefined) {
      files.set(stdoutFile, new TextEncoder().encode(r.stdout));
      r.stdout = '';
    }
    result = { status: r.status, out: r.stdout, err: r.stderr };
    err += r.stderr;
    input = r.stdout;
  }
  return { ...result, err };
}
