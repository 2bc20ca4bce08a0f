#!/usr/bin/env python3
# `python3 test/mutation/counterparts.py` (from the repository root; test/MUTATION.md): a
# "Stryker disable next-line ConditionalExpression" hides both replacements of a condition, `true` and
# `false`, and only one of them is the equivalent mutant. This applies the other one, one at a time,
# and checks that the quick tests fail (KILLED); the file is restored after each.
import subprocess, sys, shutil, tempfile
CASES = [
 ('src/_algorithm.ts', 'value.length <= 7', 'false'),
 ('src/_counter.ts', "typeof counter === 'number' &&", "false &&"),
 ('src/_validate.ts', "if (value === null || typeof value !== 'object') return undefined;", "if (true) return undefined;"),
 ('src/_validate.ts', "typeof ms !== 'number' ||", "true ||"),
 ('src/generate.ts', "if (t.counter !== undefined) input.counter = t.counter;", "if (false) input.counter = t.counter;"),
 ('src/generate.ts', "if (o[name] !== undefined) input[name] = o[name];", "if (false) input[name] = o[name];"),
 ('src/hotp.ts', "wanted < 0 ? 0 : opts.window + 1", "true ? 0 : opts.window + 1"),
 ('src/hotp.ts', "first < 0 || second < 0 ? 0 : window + 2", "true ? 0 : window + 2"),
 ('src/hotp.ts', "      i <= window &&\n", "      false &&\n"),
 ('src/state.ts', "      high < 0\n", "      true\n"),
 ('src/_state-format.ts', "    value.length <= 20 &&\n", "    false &&\n"),
 ('src/steam.ts', "if (wanted < 0) return null;", "if (true) return null;"),
 ('src/totp.ts', "if (wanted < 0) return null;", "if (true) return null;"),
]
TESTS = ['test/node/suite.test.ts', 'test/node/otp.edges.test.ts', 'test/node/api.edges.test.ts', 'test/node/state.edges.test.ts', 'test/node/token.test.ts', 'test/node/hotp.scan.edges.test.ts']
survived = 0
backup = tempfile.mkstemp(suffix='.ts')[1]
for path, old, new in CASES:
    src = open(path).read()
    assert src.count(old) == 1, (path, old)
    shutil.copy(path, backup)
    try:
        open(path, 'w').write(src.replace(old, new))
        r = subprocess.run(['npx', 'vitest', 'run', '--project', 'node', *TESTS], capture_output=True, text=True)
        fails = [l for l in r.stdout.splitlines() if 'Tests' in l]
        print(path, repr(new), 'KILLED' if r.returncode != 0 else 'SURVIVED', fails[-1] if fails else '', flush=True)
        survived += r.returncode == 0
    finally:
        shutil.copy(backup, path)
sys.exit(1 if survived else 0)
