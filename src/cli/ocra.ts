/**
 * `oathkit ocra`: an RFC 6287 §7.1 response (one-way challenge-response; the mutual and signature
 * modes of §7.3 and §7.4 are the same computation on the challenges they concatenate).
 * @module
 */
import { ocra as ocraResponse, parseOcraSuite } from '../index.ts';
import { counter, KEY_OPTIONS, keyBytes, text, time, type Values } from './_args.ts';
import { output, type Command } from './_command.ts';
import { UsageError, type Context } from './_io.ts';

/**
 * The inputs the suite names, from the options; parts it does not name are refused by ocra(). An
 * option not given is left undefined, which ocra() takes as absent.
 */
function inputOf(values: Values, hasTime: boolean, ctx: Context) {
  const pin = text(values, 'pin');
  return {
    challenge: text(values, 'challenge')!,
    counter: counter(values, false),
    // (an empty --pin stays empty: ctx.text reads standard input only for '-')
    pin: pin && ctx.text(pin, '--pin', { secret: true }),
    pinHash: text(values, 'pin-hash'),
    session: text(values, 'session'),
    now: hasTime ? (time(values) ?? ctx.now()) : undefined,
  };
}

export const ocra: Command = {
  name: 'ocra',
  usage: 'oathkit ocra KEY --suite S --challenge Q [--counter N] [--pin P | --pin-hash H] [--session S] [--time T] [--hex|--base64]',
  help: `example: oathkit ocra 3132333435363738393031323334353637383930 --hex --suite OCRA-1:HOTP-SHA1-6:QN08 --challenge 00000000
  237653
The suite names the inputs: C (--counter), P (--pin, hashed as the suite says, or --pin-hash in hex),
S (--session, hex), T (--time, default now). --pin - reads the PIN from standard input.`,
  options: {
    ...KEY_OPTIONS,
    suite: { type: 'string', short: 's' },
    challenge: { type: 'string', short: 'q' },
    counter: { type: 'string', short: 'c' },
    pin: { type: 'string' },
    'pin-hash': { type: 'string' },
    session: { type: 'string' },
    time: { type: 'string', short: 't' },
  },
  args: ['KEY'],
  run({ key, values }, ctx) {
    const suiteText = text(values, 'suite');
    if (suiteText === undefined) throw new UsageError('--suite is required');
    if (text(values, 'challenge') === undefined) throw new UsageError('--challenge is required');
    // Parsed first: a malformed suite is INVALID_OCRA_SUITE, whatever else is given.
    const suite = parseOcraSuite(suiteText);
    if (values.time !== undefined && suite.period === undefined) throw new UsageError(`--time: suite ${suiteText} has no T`);
    const bytes = keyBytes(key, values, ctx);
    return output([ocraResponse(suite, bytes, inputOf(values, suite.period !== undefined, ctx))]);
  },
};
