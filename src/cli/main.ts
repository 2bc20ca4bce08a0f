#!/usr/bin/env node
/// <reference types="node" />
/**
 * The `oathkit` bin: the one file of oathkit that touches the process. It gives the commands
 * standard input, files and the clock (`Io`), writes what they answer, and sets the exit status.
 * @module
 */
import { closeSync, constants, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { isatty, type ReadStream } from 'node:tty';
import type { Io } from './_io.ts';
import { runCli } from './run.ts';

/** The largest file or standard input read (every format oathkit reads caps itself far below). */
const MAX_INPUT = 64 * 1024 * 1024;

/** Reads a file descriptor to its end, refusing more than MAX_INPUT bytes. */
function readAll(fd: number): Uint8Array {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(65_536);
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (e) {
      if ((e as { code?: string }).code === 'EAGAIN') continue; // a non-blocking pipe not ready yet
      if ((e as { code?: string }).code === 'EOF') break;
      throw e;
    }
    if (n === 0) break;
    total += n;
    if (total > MAX_INPUT) throw Object.assign(new Error('input too large'), { code: 'EFBIG' });
    chunks.push(chunk.subarray(0, n));
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** The longest secret typed at a prompt (a password, a key, a PIN). */
const MAX_TYPED = 64 * 1024;

/**
 * One line typed on the terminal with echo off: the prompt on standard error, then the terminal in
 * raw mode (no echo, no line editing of its own) read a byte at a time. Enter or Ctrl-D ends the
 * line, Backspace erases a character (all its UTF-8 bytes), Ctrl-C cancels. The terminal's mode
 * is restored however it ends (and Node restores it at exit as well).
 */
function readHidden(prompt: string): Uint8Array {
  const tty = process.stdin as ReadStream;
  tty.setRawMode(true); // (before the prompt: what is typed once it shows is never echoed)
  writeSync(2, prompt);
  const typed: number[] = [];
  const byte = Buffer.alloc(1);
  try {
    for (;;) {
      let n: number;
      try {
        n = readSync(0, byte, 0, 1, null);
      } catch (e) {
        if ((e as { code?: string }).code === 'EAGAIN') continue;
        throw e;
      }
      const b = byte[0]!;
      if (n === 0 || b === 0x0d || b === 0x0a || b === 0x04) break;
      if (b === 0x03) throw Object.assign(new Error('cancelled'), { code: 'ECANCELED' });
      if (b === 0x7f || b === 0x08) {
        while (typed.length > 0 && (typed.pop()! & 0xc0) === 0x80); // continuation bytes, then the lead byte
        continue;
      }
      typed.push(b);
      if (typed.length > MAX_TYPED) throw Object.assign(new Error('input too large'), { code: 'EFBIG' });
    }
  } finally {
    tty.setRawMode(false);
    writeSync(2, '\n');
  }
  return Uint8Array.from(typed);
}

const io: Io = {
  stdin: (secret) => {
    if (fstatSync(0).isDirectory()) throw Object.assign(new Error('a directory'), { code: 'EISDIR' });
    // A secret typed on a terminal is asked for without echo; piped or redirected, it is read as it comes.
    if (secret !== undefined && isatty(0)) return readHidden(secret.prompt);
    return readAll(0);
  },
  readFile: (path) => {
    const fd = openSync(path, 'r');
    try {
      if (fstatSync(fd).isDirectory()) throw Object.assign(new Error('a directory'), { code: 'EISDIR' });
      return readAll(fd);
    } finally {
      closeSync(fd);
    }
  },
  writeFile: (path, data) => {
    // O_EXCL: never over an existing file (nor through a symlink planted there); 0600: it holds secrets.
    const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
    try {
      writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    } finally {
      closeSync(fd);
    }
  },
  now: () => Date.now(),
};

// A reader that goes away (`oathkit hotp … --window 100000 | head -1`) closes standard output:
// the rest of the output has nobody to read it, so it is dropped and the command ends quietly
// with its own status.
let stdoutClosed = false;
process.stdout.on('error', (e: { code?: string }) => {
  if (e.code !== 'EPIPE') throw e;
  stdoutClosed = true;
});
process.stderr.on('error', () => {
  /* nowhere left to report anything */
});

// (No top-level await: the bin is also built as CommonJS.)
void runCli(process.argv.slice(2), io).then((result) => {
  if (result.stdout !== '' && !stdoutClosed) process.stdout.write(result.stdout);
  if (result.stderr !== '') process.stderr.write(result.stderr);
  process.exitCode = result.status;
});
