// The command line as one function (src/cli/run.ts), at its edges: the help and the version,
// `oathkit FAMILY --help` for two-word commands, unknown commands (named, cut, escaped, with a
// hint), the count of positional arguments, and an unexpected error as INTERNAL, escaped, exit 2.
// In-process (runCli on memory), so every mutant of run.ts is seen.
import { afterEach, describe, expect, test } from 'vitest';
import { COMMANDS } from '../../src/cli/commands.ts';
import { HELP, runCli } from '../../src/cli/run.ts';
import type { Io } from '../../src/cli/_io.ts';
import { memoryIo, run } from './cli-io.ts';

const K = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
/** Characters a terminal acts on (as the CLI escapes them). */
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/;
/** The two-word commands by their first word: `verify` → `verify hotp`, `verify totp`. */
function families(): Map<string, (typeof COMMANDS)[number][]> {
  const out = new Map<string, (typeof COMMANDS)[number][]>();
  for (const c of COMMANDS.filter((c) => c.name.includes(' '))) {
    const first = c.name.split(' ')[0]!;
    out.set(first, [...(out.get(first) ?? []), c]);
  }
  return out;
}

describe('help and version', () => {
  test('the help lists every command by its usage, one an indented line', () => {
    expect(HELP).toMatch(/^oathkit: /);
    for (const c of COMMANDS) expect(HELP, c.name).toContain(`\n  ${c.usage}\n`);
    expect(HELP).toMatch(/\nExit status: 0 .*, 1 .*, 2 misuse/);
  });
  test('no command prints the help with status 2; --help, -h and help with status 0', async () => {
    expect(await run([])).toEqual({ status: 2, out: `${HELP}\n`, err: '' });
    for (const asked of ['--help', '-h', 'help']) expect(await run([asked, 'ignored']), asked).toEqual({ status: 0, out: `${HELP}\n`, err: '' });
  });
  const g = globalThis as { __OATHKIT_VERSION__?: string };
  afterEach(() => {
    delete g.__OATHKIT_VERSION__;
  });
  test('--version and -V print the version the build wrote in, or say it is the sources', async () => {
    for (const asked of ['--version', '-V']) {
      expect(await run([asked]), asked).toEqual({ status: 0, out: 'unknown (run from the sources)\n', err: '' });
    }
    g.__OATHKIT_VERSION__ = '9.8.7';
    expect(await run(['--version'])).toEqual({ status: 0, out: '9.8.7\n', err: '' });
  });
  test('a command followed by --help or -h anywhere prints its usage and example, nothing run', async () => {
    for (const asked of [
      ['hotp', '-h'],
      ['hotp', K, '--help'],
      ['verify', 'hotp', K, '-h'],
    ]) {
      const r = await run(asked);
      expect(r.status, asked.join(' ')).toBe(0);
      expect(r.out, asked.join(' ')).toMatch(new RegExp(`^usage: oathkit ${asked[0] === 'verify' ? 'verify hotp' : 'hotp'} .*\\nexample: `));
    }
  });
  test('the first word of two-word commands with --help or -h: the help of each of them', async () => {
    const all = families();
    expect(all.get('verify')?.length).toBe(2);
    for (const [first, family] of all) {
      for (const flag of ['--help', '-h']) {
        const r = await run([first, flag]);
        expect(r.status, `${first} ${flag}`).toBe(0);
        expect(r.out, `${first} ${flag}`).toBe(`${family.map((c) => `usage: ${c.usage}\n${c.help}`).join('\n\n')}\n`);
      }
    }
  });
});

describe('unknown commands', () => {
  const err = async (argv: string[]) => {
    const r = await run(argv);
    expect(r.status, argv.join(' ')).toBe(2);
    expect(r.out).toBe('');
    return r.err;
  };
  test('a word no command starts with: named, with a pointer to the help', async () => {
    expect(await err(['nope'])).toMatch(/^oathkit: USAGE: unknown command "nope"; see oathkit --help\n$/);
    expect(await err(['nope', 'extra'])).toMatch(/ "nope"; /);
    expect(await err(['nope', '--help'])).toMatch(/ "nope"; see oathkit --help/);
  });
  test('the first word of two-word commands alone or with an unknown second: the names to choose from', async () => {
    const names = families()
      .get('verify')!
      .map((c) => c.name);
    expect(await err(['verify'])).toMatch(new RegExp(`^oathkit: USAGE: unknown command "verify": one of ${names.join(', ')}\\n$`));
    expect(await err(['verify', 'nope'])).toMatch(/ "verify nope": one of verify /);
  });
  test('the name is cut to 60 characters and escaped', async () => {
    const e = await err(['x'.repeat(100)]);
    expect(e).toContain(`"${'x'.repeat(60)}"`);
    expect(e).not.toContain('x'.repeat(61));
    const evil = await err(['\u001b[2J\u202eevil\nforged']);
    expect(evil.slice(0, -1)).not.toMatch(RAW);
    expect(evil.split('\n')).toHaveLength(2); // one line
  });
});

describe('positional arguments', () => {
  test('one more than the command takes is refused (with its usage), KEY in its place or not', async () => {
    const hotp = COMMANDS.find((c) => c.name === 'hotp')!;
    const r = await run(['hotp', K, 'extra', '--counter', '0']);
    expect(r.status).toBe(2);
    expect(r.err).toMatch(/^oathkit: USAGE: too many arguments; /);
    expect(r.err).toContain(hotp.usage);
    expect((await run(['verify', 'hotp', K, '755224', 'extra', '--counter', '0'])).err).toMatch(/^oathkit: USAGE: too many arguments; /);
    expect((await run(['verify', 'hotp', '--key', K, '755224', 'extra', '--counter', '0'])).err).toMatch(/^oathkit: USAGE: KEY is given twice/);
    expect((await run(['uri', 'parse', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP', 'extra'])).err).toMatch(
      /^oathkit: USAGE: too many arguments; usage: oathkit uri parse /,
    );
    // As many as it takes: run.
    expect((await run(['verify', 'hotp', K, '755224', '--counter', '0'])).status).toBe(0);
    expect((await run(['verify', 'hotp', '--key', K, '755224', '--counter', '0'])).status).toBe(0);
  });
});

describe('an unexpected error', () => {
  /** The Io of memory, but its clock throws `error` (totp without --time reads it). */
  const clockThrows = (error: unknown): Io => ({
    ...memoryIo().io,
    now: () => {
      throw error;
    },
  });
  test('is INTERNAL with its message, escaped, on one line, exit status 2', async () => {
    const r = await runCli(['totp', K], clockThrows(new Error('boom\u001b[2J\nnext')));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^oathkit: INTERNAL: boom.*\(please report this\)\n$/);
    expect(r.stderr.slice(0, -1)).not.toMatch(RAW);
  });
  test('a thrown value that is not an Error is printed as it is', async () => {
    expect((await runCli(['totp', K], clockThrows('odd'))).stderr).toMatch(/^oathkit: INTERNAL: odd \(please report/);
    const r = await runCli(['totp', K], clockThrows(undefined));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^oathkit: INTERNAL: undefined \(please report/);
  });
});
