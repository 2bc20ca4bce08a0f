#!/usr/bin/env python3
# `python3 test/mutation/killed.py [slice]` (from the repository root; test/MUTATION.md): the
# survivors of a Stryker run that tests written after it kill, each applied to the source by hand.
# test/mutation/killed/<slice>.json lists them as [file, text, mutated text, test files and Vitest
# arguments]; each is written into the file, the tests run (`vitest --bail 1`), the file restored.
# Exits 1 if one survives or no longer matches the source (then rerun the slice instead).
import json, os, shutil, signal, subprocess, sys, tempfile
import handlock
HERE = os.path.join('test', 'mutation', 'killed')
# Seconds a mutant's tests may take: far beyond any case's tests unmutated (the longest take
# minutes); OATHKIT_KILLED_LIMIT sets it for one run.
LIMIT = int(os.environ.get('OATHKIT_KILLED_LIMIT', '900'))
slices = sys.argv[1:] or sorted(f[:-5] for f in os.listdir(HERE) if f.endswith('.json'))
handlock.take()
backup = tempfile.mkstemp(suffix='.ts')[1]
bad = 0
for name in slices:
    for path, old, new, tests in json.load(open(os.path.join(HERE, f'{name}.json'))):
        src = open(path).read()
        if src.count(old) != 1:
            print(name, path, repr(old)[:60], 'NOT FOUND: the source changed', flush=True)
            bad += 1
            continue
        shutil.copy(path, backup)
        try:
            open(path, 'w').write(src.replace(old, new))
            # A mutant that loops never ends its test (a synchronous loop outlives Vitest's timeout):
            # past LIMIT seconds its process group is killed and it counts as a timeout, which
            # Stryker too counts as detected.
            p = subprocess.Popen(['npx', 'vitest', 'run', '--project', 'node', '--bail', '1', *tests],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
            ended = False
            try:
                verdict = 'KILLED' if p.wait(timeout=LIMIT) != 0 else 'SURVIVED'
                ended = True
            except subprocess.TimeoutExpired:
                verdict = 'TIMEOUT'
            finally:
                # Whatever cut the wait short (the limit, or a signal to this script: handlock turns
                # SIGTERM into an exit), the tests' processes go too, none left looping.
                if not ended:
                    os.killpg(p.pid, signal.SIGKILL)
                    p.wait()
            print(name, path, repr(new)[:60], verdict, flush=True)
            bad += verdict == 'SURVIVED'
        finally:
            shutil.copy(backup, path)
sys.exit(1 if bad else 0)
