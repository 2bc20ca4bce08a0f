# Runs a command on a pseudo-terminal as a person at a terminal would: waits for PROMPT, types
# TYPED, then reads everything the command shows until it exits. Prints JSON: what the terminal
# showed (standard output and standard error together, as a screen shows them) and the exit status.
# Usage: /usr/bin/python3 cli-tty.py PROMPT TYPED ARGV_JSON  (run by cli.bin.test.ts)
import json, os, pty, select, sys, time

prompt, typed, argv = sys.argv[1].encode(), sys.argv[2].encode(), json.loads(sys.argv[3])
pid, fd = pty.fork()
if pid == 0:
    os.execv(argv[0], argv)
shown = b''

def read_until(done, seconds=30):
    global shown
    end = time.time() + seconds
    while not done() and time.time() < end:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # EIO: the command exited and closed the terminal
            return
        if not chunk:
            return
        shown += chunk

read_until(lambda: prompt in shown)
os.write(fd, typed)
read_until(lambda: False)
_, status = os.waitpid(pid, 0)
print(json.dumps({'shown': shown.decode('utf-8', 'replace'), 'status': os.waitstatus_to_exitcode(status)}))
