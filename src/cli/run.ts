/**
 * The command line as one function: arguments and an {@link Io} in, a {@link Result} out. It finds
 * the command, parses its arguments with the one parser, runs it, and turns misuse into exit
 * status 2 with one escaped line `oathkit: CODE: message` (never a stack trace).
 * @module
 */
import { OtpError } from '../index.ts';
import { parseOptions, type Parsed } from './_args.ts';
import { output, type Command } from './_command.ts';
import { Context, UsageError, type Io, type Result } from './_io.ts';
import { printable } from './_text.ts';
import { COMMANDS } from './commands.ts';

/** The version of the package, written in by the build (tsup.config.ts `define`). */
declare const __OATHKIT_VERSION__: string | undefined;

export const HELP = `oathkit: one-time passwords (HOTP, TOTP, OCRA) and the formats they travel in

Commands:
${COMMANDS.map((c) => `  ${c.usage}`).join('\n')}

KEY is base32 unless --hex or --base64 is given; every command that takes a key takes it in its
place or as --key KEY. Give KEY (or TEXT, SOURCE, URI, --pin, --password) as - to read it from
standard input, so that secrets stay out of your shell history and the process list:
  printf '%s' "$SECRET" | oathkit totp -
(on a terminal, KEY, --pin and --password given as - are typed at a prompt, without echo).
--time is Unix seconds (integer or decimal) or an ISO 8601 date (a time with Z or an offset), floored to the millisecond; default now.
Exit status: 0 success or match, 1 no match, 2 misuse (error code and message on standard error).
oathkit COMMAND --help shows an example for each command; oathkit --version prints the version.`;

const byName = new Map(COMMANDS.map((c) => [c.name, c]));

/** The command's arguments: KEY from its place or from --key (not both), then the others, counted. */
function argumentsOf(command: Command, argv: readonly string[]): Parsed {
  const { values, positionals } = parseOptions(argv, command.options, command);
  const takesKey = command.args[0] === 'KEY';
  let key: string | undefined;
  if (takesKey) {
    const option = values.key;
    key = typeof option === 'string' ? option : positionals.shift();
    if (typeof option === 'string' && positionals.length >= command.args.length) {
      throw new UsageError(`KEY is given twice, in its place and as --key; usage: ${command.usage}`);
    }
  }
  if (positionals.length > command.args.length - (takesKey ? 1 : 0)) throw new UsageError(`too many arguments; usage: ${command.usage}`);
  return { key, args: positionals, values };
}

/** The help of one command: its usage, an example with its output, notes. */
const helpOf = (c: Command) => `usage: ${c.usage}\n${c.help}`;

async function dispatch(argv: readonly string[], ctx: Context): Promise<Result> {
  const [first, second] = argv;
  if (first === undefined) return { ...output([HELP]), status: 2 };
  if (first === '--help' || first === '-h' || first === 'help') return output([HELP]);
  if (first === '--version' || first === '-V') {
    return output([typeof __OATHKIT_VERSION__ === 'string' ? __OATHKIT_VERSION__ : 'unknown (run from the sources)']);
  }
  const command = byName.get(`${first} ${second}`) ?? byName.get(first);
  if (command === undefined) {
    // `oathkit verify --help` and the like: the first word of two-word commands.
    const family = COMMANDS.filter((c) => c.name.startsWith(`${first} `));
    if (family.length > 0 && (second === '--help' || second === '-h')) return output([family.map(helpOf).join('\n\n')]);
    const hint = family.length > 0 ? `: one of ${family.map((c) => c.name).join(', ')}` : '; see oathkit --help';
    const asked = family.length > 0 ? `${first} ${second ?? ''}`.trim() : first;
    throw new UsageError(`unknown command ${JSON.stringify(asked.slice(0, 60))}${hint}`);
  }
  const rest = argv.slice(command.name.split(' ').length);
  if (rest.includes('--help') || rest.includes('-h')) return output([helpOf(command)]);
  return command.run(argumentsOf(command, rest), ctx);
}

/**
 * Runs the command line.
 * @param argv - the arguments after `oathkit`
 * @param io - standard input, files and the clock
 * @returns what to print and the exit status: 0 success or match, 1 no match, 2 misuse
 */
export async function runCli(argv: readonly string[], io: Io): Promise<Result> {
  try {
    return await dispatch(argv, new Context(io));
  } catch (e) {
    // One line each, escaped: a message may quote decoded text.
    const line =
      e instanceof OtpError
        ? `${e.code}: ${e.message}`
        : e instanceof UsageError
          ? `USAGE: ${e.message}`
          : `INTERNAL: ${String((e as Error)?.message ?? e)} (please report this)`;
    return { stdout: '', stderr: `oathkit: ${printable(line)}\n`, status: 2 };
  }
}
