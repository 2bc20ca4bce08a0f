// `npm run demo`: builds, then runs the oathkit command line on examples and shows each command
// with its output and exit status, the way you would type them. The key is made fresh each time.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

function $(args, input) {
  const shown = args.map((a) => (/^[\w@.:/=-]+$/.test(a) ? a : `'${a}'`)).join(' ');
  console.log(`$ ${input === undefined ? '' : 'printf %s "$KEY" | '}oathkit ${shown}`);
  const r = spawnSync(process.execPath, [bin, ...args], { input, encoding: 'utf8' });
  const text = `${r.stdout}${r.stderr}`.trimEnd();
  if (text) console.log(text.replace(/^/gm, '  '));
  console.log(`  (exit ${r.status})\n`);
  return r.stdout.trim();
}

console.log('oathkit demo: the command line on examples\n');
const key = $(['keygen']); // a fresh 20-byte key, base32
const code = $(['totp', key]);
$(['verify', 'totp', key, code]);
$(['verify', 'totp', key, '000000']);
$(['totp', '-', '--window', '1'], key); // the key from standard input: not in the process list
$(['hotp', key, '--counter', '0', '--window', '2']);
const rfc = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // RFC 4226 Appendix D's key
$(['verify', 'hotp', rfc, '969429', '--counter', '0', '--window', '5']);
$(['resync', rfc, '399871', '520489', '--counter', '0']);
$(['totp', rfc, '--time', '59', '--digits', '8']); // RFC 6238 Appendix B: 94287082
$(['ocra', '3132333435363738393031323334353637383930', '--hex', '--suite', 'OCRA-1:HOTP-SHA1-6:QN08', '--challenge', '00000000']);
const uri = $(['uri', 'make', '--key', key, '--account', 'alice@example.com', '--issuer', 'Example']);
$(['import', uri]);
$(['code', uri]); // the current code of the token a URI holds
$(['import', 'otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZTAC']);
$(['import', 'XUU75-RROTT-Y5IP6-U3BMV']); // a SafeNet MobilePASS activation code
const activation = $(['activation', 'encode', '--key', key, '--issuer', 'Example', '--account', 'alice']);
$(['activation', 'decode', activation.toLowerCase()]); // case, spaces and hyphens do not matter
$(['activation', 'decode', activation.replace(/[0-9A-Z](?=[^-]*$)/, (c) => (c === '7' ? '8' : '7'))]); // one typo: refused
$(['recovery', 'generate', '--count', '3']); // codes to show once, then the set to store
$(['totp', 'not base32!']); // misuse: exit 2 with the error code
