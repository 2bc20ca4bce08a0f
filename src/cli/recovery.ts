/**
 * `oathkit recovery generate`: a set of recovery codes (the codes to show the user once, and the
 * set to store: salted HMAC-SHA-256 hashes only), as `oathkit/recovery` makes them.
 * @module
 */
import { generateRecoveryCodes } from '../index.ts';
import { integer } from './_args.ts';
import { output, type Command } from './_command.ts';
import { json } from './_text.ts';

export const recoveryGenerate: Command = {
  name: 'recovery generate',
  usage: 'oathkit recovery generate [--count N] [--bits B] [--json]',
  help: `example: oathkit recovery generate --count 2
  (the codes, one a line, such as 7M2Q-XK4D-9TAV-0RNB; a blank line; the set to store, as JSON)
Show the codes to the user once; store the set (it holds a salt and the codes' hashes, never a
code). --count 1 … 100 (default 10), --bits 80 … 160 (default 80). --json prints { codes, set } as
one JSON object.`,
  options: {
    count: {
      type: 'string',
      short: 'n',
    },
    bits: { type: 'string' },
    json: { type: 'boolean' },
  },
  args: [],
  run({ values }) {
    const count = integer(values, 'count');
    const bits = integer(values, 'bits');
    // An undefined count or bits is absent: the default.
    const { codes, set } = generateRecoveryCodes({ count, bits });
    if (values.json) return output([json({ codes, set })]);
    return output([...codes, '', JSON.stringify(set)]);
  },
};
