#!/usr/bin/env node
/// <reference types="node" />
/**
 * The `oathkit` bin: the one file of oathkit that touches the process. It gives the commands
 * standard input, files and the clock (`Io`), writes what they answer, and sets the exit status.
 * @module
 */
import { closeSync, constants, fstatSync, openSync, readSync, writeSync } from 'node:fs';
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

const io: Io = {
  stdin: () => {
    if (fstatSync(0).isDirectory()) throw Object.assign(new Error('a directory'), { code: 'EISDIR' });
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
