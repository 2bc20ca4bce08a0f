# The lock killed.py, counterparts.py and `npm run mutation -- --recheck` share (test/MUTATION.md):
# one hand-applied mutant at a time in a worktree. Two checks running at once each see the other's
# mutant in src/ and take its failures for their own.
import atexit, os, signal, sys

LOCK = os.path.join('reports', 'mutation', 'hand-mutation.lock')


def take():
    """Takes the lock (exits if another check holds it) and releases it at exit, also on SIGTERM
    (SystemExit, so the caller's finally restores the source file first)."""
    os.makedirs(os.path.dirname(LOCK), exist_ok=True)
    try:
        os.close(os.open(LOCK, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        sys.exit(f'{LOCK} exists: another hand check is applying mutants to src/ here (delete it if none is running)')
    atexit.register(os.remove, LOCK)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
