// The built bin (dist/cli.js, the package's `bin`) as a child process, for what only the real
// process shows: standard input through a pipe, exit statuses, files read and written by main.ts's
// Io (owner-only, never over an existing file), and that src/cli/main.ts is the one file of src/
// that touches the process or a Node built-in. npm test builds dist/ first. (A closed standard
// output, a directory as standard input and --version are in defects.test.ts.)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { expect, test } from 'vitest';
import { readPskc } from '../../src/index.ts';
import { bin, MemoryFiles, realCli, root, run } from './cli-io.ts';

const slow = { timeout: 60_000 };
const K = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

test('exit statuses: 0 match, 1 no match, 2 misuse with one line oathkit: CODE: message and no stack', slow, () => {
  expect(realCli(['verify', 'totp', K, '287082', '--time', '59'])).toEqual({ status: 0, out: 'delta 0, step 1\n', err: '' });
  expect(realCli(['verify', 'totp', K, '000000', '--time', '59'])).toEqual({ status: 1, out: 'no match\n', err: '' });
  for (const [args, line] of [
    [['totp', 'not base32!'], /^oathkit: INVALID_BASE32: invalid base32 character at position 11/],
    [['frob'], /^oathkit: USAGE: unknown command "frob"; see oathkit --help$/],
  ] as const) {
    const r = realCli([...args]);
    expect(r.status).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    expect(r.err.trimEnd()).toMatch(line);
  }
  expect(realCli([]).status).toBe(2);
});

test('standard input through a pipe: KEY, and a whole export', slow, () => {
  expect(realCli(['totp', '-', '--time', '59', '--digits', '8'], { input: `${K}\n` })).toEqual({ status: 0, out: '94287082\n', err: '' });
  const sample = 'otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZTAC';
  expect(realCli(['import', '-'], { input: `${sample}\n` })).toEqual({ status: 0, out: 'totp SHA1 6 digits, period 30, Example:alice@google.com\n', err: '' });
});

test('files: SOURCE read from disk, --out written owner-only and never over an existing file', slow, () => {
  const dir = mkdtempSync(join(tmpdir(), 'oathkit-cli-'));
  try {
    const source = join(dir, 'fig10.xml');
    writeFileSync(source, readFileSync(join(root, 'vectors', 'rfc6030', 'figure10.pskcxml')));
    const out = join(dir, 'copy.xml');
    expect(realCli(['export', source, '--to', 'pskc', '--out', out])).toEqual({ status: 0, out: '', err: '' });
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readPskc(readFileSync(out, 'utf8')).tokens).toHaveLength(4);
    const again = realCli(['export', source, '--to', 'pskc', '--out', out]);
    expect(again.status).toBe(2);
    expect(again.err).toMatch(/cannot be written \(it exists, and oathkit does not overwrite files\)/);
    expect(realCli(['import', join(dir, 'nope.xml')]).err).toMatch(/^oathkit: USAGE: SOURCE ".*nope\.xml" cannot be read \(no such file\)/);
    expect(realCli(['import', dir]).err).toMatch(/cannot be read \(it is a directory\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the bin answers --help with every command', slow, () => {
  const r = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  for (const name of [
    'hotp',
    'totp',
    'verify hotp',
    'verify totp',
    'resync',
    'code',
    'ocra',
    'uri parse',
    'uri make',
    'import',
    'export',
    'activation encode',
    'activation decode',
    'keygen',
    'recovery generate',
  ]) {
    expect(r.stdout, name).toContain(`  oathkit ${name} `);
  }
});

test('src/cli/main.ts is the one file of src/ that touches the process or imports a Node built-in', () => {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith('.ts') && files.push(join(d, e.name));
  };
  walk(join(root, 'src'));
  const touching = files
    .filter((f) => /\bprocess\.|from 'node:|require\(|<reference types="node"/.test(readFileSync(f, 'utf8').replace(/^\s*(\/\/|\*).*$/gm, '')))
    .map((f) => relative(root, f));
  expect(touching).toEqual(['src/cli/main.ts']);
  expect(files.length).toBeGreaterThan(50); // the walk saw src/ and src/cli/
});

/** The built bin on a pseudo-terminal (test/node/cli-tty.py): what the screen showed, and the exit status. */
function onTerminal(args: string[], prompt: string, typed: string): { shown: string; status: number } {
  const r = spawnSync('/usr/bin/python3', [join(root, 'test', 'node', 'cli-tty.py'), prompt, typed, JSON.stringify([process.execPath, bin, ...args])], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.status !== 0) throw new Error(`cli-tty.py: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

test('a password typed on a terminal is asked for and never echoed; Backspace erases, Ctrl-C cancels', slow, async () => {
  const PASSWORD = 'correct horse battery staple';
  const files = new MemoryFiles();
  files.set('tokens.jsonl', new TextEncoder().encode((await run(['import', `otpauth://totp/ACME:alice?secret=${K}&issuer=ACME`, '--jsonl', '--secrets'])).out));
  expect((await run(['export', 'tokens.jsonl', '--to', '2fas', '--password', '-', '--out', 'vault.2fas'], { files, stdin: PASSWORD })).status).toBe(0);
  const dir = mkdtempSync(join(tmpdir(), 'oathkit-cli-'));
  try {
    const vault = join(dir, 'vault.2fas');
    writeFileSync(vault, files.get('vault.2fas')!);
    // Typed with a slip mended by Backspace (one ASCII character, then a two-byte one), then Enter.
    const r = onTerminal(['import', vault, '--password', '-'], '--password: ', 'correct horsX\x7fé\x7fe battery staple\r');
    expect(r).toEqual({ status: 0, shown: '--password: \r\ntotp SHA1 6 digits, period 30, ACME:alice\r\n' });
    // (The terminal was given back as it was: the shell prompt after it echoes again.)
    const wrong = onTerminal(['import', vault, '--password', '-'], '--password: ', 'Tr0ub4dor&3\r');
    expect(wrong.status).toBe(2);
    expect(wrong.shown).toMatch(/^--password: \r\noathkit: BACKUP_PASSWORD: [^\r\n]+\r\n$/);
    expect(wrong.shown).not.toContain('Tr0ub');
    expect(onTerminal(['import', vault, '--password', '-'], '--password: ', 'corr\x03')).toEqual({
      status: 2,
      shown: '--password: \r\noathkit: USAGE: --password: cancelled\r\n',
    });
    // KEY given as - is a secret too.
    expect(onTerminal(['totp', '-', '--time', '59'], 'KEY: ', `${K}\r`)).toEqual({ status: 0, shown: 'KEY: \r\n287082\r\n' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
